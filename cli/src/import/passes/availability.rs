//! Which clouds document what. Huawei Cloud and Open Telekom Cloud document many
//! of the same services, and differ: an operation or a field one cloud's pages
//! have and the other's do not. Before pages merge, each page's operation and
//! fields are marked with its folder's cloud; merging unites the marks of what
//! both pages have; afterwards a mark that every cloud of the operation (or of
//! the service) shares says nothing and goes, so a service documented by one
//! cloud only carries none.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use hwcloud_model::spec::schema::{Field, OperationFile};

use super::Context;
use crate::import::draft::Draft;
use crate::import::lexicon::cloud_of_folder;

/// Marks each draft's operation and fields with its page's cloud. A page whose
/// folder names no cloud (a single page, the seeds) keeps the marks the
/// existing spec gives its operation and fields.
#[allow(clippy::ptr_arg)] // every pass has one signature
pub fn mark(drafts: &mut Vec<Draft>, context: &Context) {
    for draft in drafts {
        let Some(cloud) = cloud_of_folder(&draft.origin.root) else {
            if let Some((_, before)) = context.existing.get(&draft.key()) {
                keep_marks(&mut draft.operation, before);
            }
            continue;
        };
        let ids = vec![cloud.id().to_owned()];
        draft.operation.clouds.clone_from(&ids);
        for field in fields_mut(&mut draft.operation) {
            field.clouds.clone_from(&ids);
        }
    }
}

/// The existing operation's marks, on the operation and on the fields of the
/// same name.
fn keep_marks(op: &mut OperationFile, before: &OperationFile) {
    let mut before = before.clone();
    let marked: HashMap<String, Vec<String>> = fields_mut(&mut before)
        .filter(|f| !f.clouds.is_empty())
        .map(|f| (f.name.clone(), f.clouds.clone()))
        .collect();
    op.clouds.clone_from(&before.clouds);
    for field in fields_mut(op) {
        if let Some(clouds) = marked.get(&field.name) {
            field.clouds.clone_from(clouds);
        }
    }
}

/// Clears the marks every cloud of the operation or service shares; the
/// service's clouds are those of this run's pages and of the existing spec's marks.
#[allow(clippy::ptr_arg)] // every pass has one signature
pub fn settle(drafts: &mut Vec<Draft>, context: &Context) {
    let mut services: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for (key, op) in context.existing.operations() {
        services
            .entry(key.service_dir().to_owned())
            .or_default()
            .extend(op.clouds.iter().cloned());
    }
    for draft in drafts.iter() {
        services
            .entry(draft.service_dir())
            .or_default()
            .extend(draft.operation.clouds.iter().cloned());
    }
    for draft in drafts {
        let operation: BTreeSet<String> = draft.operation.clouds.iter().cloned().collect();
        for field in fields_mut(&mut draft.operation) {
            if field
                .clouds
                .iter()
                .cloned()
                .collect::<BTreeSet<_>>()
                .is_superset(&operation)
            {
                field.clouds.clear();
            }
        }
        if operation.is_superset(&services[&draft.service_dir()]) {
            draft.operation.clouds.clear();
        }
    }
}

/// The clouds of both, each once, in the order of `CLOUDS`.
pub fn union(a: &[String], b: &[String]) -> Vec<String> {
    let rank: HashMap<&str, usize> = hwcloud_model::spec::schema::CLOUDS
        .iter()
        .enumerate()
        .map(|(at, id)| (*id, at))
        .collect();
    let mut all: Vec<String> = a
        .iter()
        .chain(b)
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    all.sort_by_key(|id| rank.get(id.as_str()).copied().unwrap_or(usize::MAX));
    all
}

/// Every field of an operation: parameters, bodies and headers, object tables.
fn fields_mut(op: &mut OperationFile) -> impl Iterator<Item = &mut Field> {
    let bodies = op
        .request_body
        .iter_mut()
        .chain(op.response.iter_mut())
        .chain(op.responses.iter_mut());
    op.parameters
        .iter_mut()
        .chain(bodies.flat_map(|b| b.fields.iter_mut().chain(b.headers.iter_mut())))
        .chain(op.objects.iter_mut().flat_map(|o| o.fields.iter_mut()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clouds_unite_in_the_order_of_the_spec() {
        let huawei = vec!["huawei-cloud".to_owned()];
        let otc = vec!["open-telekom-cloud".to_owned()];
        assert_eq!(union(&otc, &huawei), ["huawei-cloud", "open-telekom-cloud"]);
        assert_eq!(union(&huawei, &huawei), ["huawei-cloud"]);
    }
}
