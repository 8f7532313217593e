//! Deprecated operations point at the operation their page links to.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Context;
use crate::import::draft::Draft;
use crate::import::report::{Finding, Severity};

/// Points deprecated operations at the operation their page links to.
#[allow(clippy::ptr_arg)] // every pass has one signature; merging rebuilds the list
pub fn run(drafts: &mut Vec<Draft>, _: &Context) {
    let by_page: BTreeMap<String, (PathBuf, String)> = drafts
        .iter()
        .flat_map(|p| {
            let service_dir = p.service_dir();
            let target = (service_dir, p.operation.operation.clone());
            // Every page a (merged) operation came from answers for it.
            p.operation.sources.iter().flat_map(move |s| {
                let name = s.page.rsplit('/').next().unwrap_or_default().to_owned();
                let target = target.clone();
                std::iter::once((name, target.clone())).chain(s.id.clone().map(|id| (id, target)))
            })
        })
        .collect();
    for page in drafts.iter_mut() {
        let Some(link) = page.replacement_link.take() else {
            continue;
        };
        let key = link
            .split('#')
            .next()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let service_dir = page.service_dir();
        match by_page.get(&key) {
            Some((dir, id)) if *dir == service_dir && *id != page.operation.operation => {
                if let Some(deprecation) = &mut page.operation.deprecated {
                    deprecation.replacement = Some(id.clone());
                }
            }
            _ => page.findings.push(Finding::new(
                Severity::Info,
                "replacement-not-imported",
                0,
                format!("the page names `{link}` as its replacement, which this run did not import"),
            )),
        }
    }
}
