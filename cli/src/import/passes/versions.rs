//! Versions from page ids: a revision of a page whose title gives no version
//! documents the version its id's other page names.

use std::collections::BTreeSet;

use super::Context;
use crate::import::draft::{Draft, OperationKey};

/// A revision of a GES page whose title gives no version (`取消Job` beside
/// `取消Job(1-0-0)`, both `ges_03_0038`) documents the version its id's other
/// page names (imported now or already in the spec), so the two merge.
#[allow(clippy::ptr_arg)] // every pass has one signature; merging rebuilds the list
pub fn run(drafts: &mut Vec<Draft>, context: &Context) {
    let existing = context.existing;
    let imported = drafts.iter().map(|p| (p.key(), &p.operation));
    let versioned: Vec<(String, OperationKey, String)> = imported
        .chain(existing.operations().map(|(key, op)| (key.clone(), op)))
        .flat_map(|(key, operation)| {
            let version = operation.api_version.clone();
            operation
                .sources
                .iter()
                .filter_map(move |source| Some((source.id.clone()?, key.clone(), version.clone()?)))
        })
        .collect();
    for page in drafts.iter_mut().filter(|p| p.operation.api_version.is_none()) {
        let Some(id) = page.operation.sources.first().and_then(|s| s.id.clone()) else {
            continue;
        };
        let key = page.key();
        let versions: BTreeSet<&String> = versioned
            .iter()
            .filter(|(other, other_key, _)| *other == id && other_key.same_route(&key))
            .map(|(_, _, version)| version)
            .collect();
        if let [version] = versions.into_iter().collect::<Vec<_>>()[..] {
            page.operation.api_version = Some(version.clone());
        }
    }
}
