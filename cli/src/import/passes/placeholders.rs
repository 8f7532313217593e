//! GES pages often print a URI with no parameter table: a placeholder the
//! page's table misses takes its row from the service's other pages.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Context;
use crate::import::build::UNDOCUMENTED_PLACEHOLDER;
use crate::import::draft::Draft;
use crate::import::report::{Finding, Severity};
use hwcloud_model::spec::schema::{Field, ParamLocation};

/// GES pages often print a URI with no parameter table. The same placeholder is
/// documented on the service's other pages, so its row is taken from there.
#[allow(clippy::ptr_arg)] // every pass has one signature; merging rebuilds the list
pub fn run(drafts: &mut Vec<Draft>, _: &Context) {
    let is_path = |f: &Field| f.location == Some(ParamLocation::Path);
    let mut documented: BTreeMap<(PathBuf, String), Field> = BTreeMap::new();
    for page in drafts.iter() {
        for field in page
            .operation
            .parameters
            .iter()
            .filter(|f| is_path(f) && !f.description.is_empty())
        {
            documented
                .entry((page.service_dir(), hwcloud_model::names::snake(&field.name)))
                .or_insert_with(|| field.clone());
        }
    }
    for page in drafts.iter_mut() {
        let service = page.service_dir();
        let mut filled = Vec::new();
        for field in page.operation.parameters.iter_mut().filter(|f| {
            is_path(f) && f.description.is_empty() && f.note.as_deref() == Some(UNDOCUMENTED_PLACEHOLDER)
        }) {
            let Some(known) = documented.get(&(service.clone(), hwcloud_model::names::snake(&field.name)))
            else {
                continue;
            };
            field.description = known.description.clone();
            field.ty = known.ty.clone();
            field.note = Some(
                "Not in the page's URI table; described as the service's other pages describe it.".into(),
            );
            filled.push(field.name.clone());
        }
        for finding in &mut page.findings {
            let about_filled = finding.subject.as_ref().is_some_and(|name| filled.contains(name));
            if finding.code == "undocumented-placeholder" && about_filled {
                let name = finding.subject.take().unwrap_or_default();
                *finding = Finding::at(
                    finding.section,
                    Severity::Info,
                    "placeholder-from-service",
                    finding.line,
                    format!(
                        "placeholder `{{{name}}}` has no row in the URI table; described as on the service's other pages"
                    ),
                )
                .about(name);
            }
        }
    }
}
