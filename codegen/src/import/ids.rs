//! Operation ids: the existing spec's, else one from the English page title
//! (`Canceling a Job (Recommended)` → `cancel_job`), else one from the path.
//! Titles name what an operation does; paths often do not (`POST
//! .../jobs/submit-job` beside `POST .../queues/{q}/jobs/submit-job`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use heck::ToSnakeCase;

use super::existing::ExistingSpec;
use super::{Pending, Report, unique_id};

/// The verbs DLI's English titles begin with, as gerunds. A title with none of
/// them keeps the id its path gives.
const GERUNDS: &[(&str, &str)] = &[
    ("Adding", "add"),
    ("Associating", "associate"),
    ("Authorizing", "authorize"),
    ("Binding", "bind"),
    ("Canceling", "cancel"),
    ("Cancelling", "cancel"),
    ("Changing", "change"),
    ("Checking", "check"),
    ("Committing", "commit"),
    ("Creating", "create"),
    ("Deleting", "delete"),
    ("Describing", "describe"),
    ("Disassociating", "disassociate"),
    ("Downloading", "download"),
    ("Executing", "execute"),
    ("Exporting", "export"),
    ("Generating", "generate"),
    ("Getting", "get"),
    ("Granting", "grant"),
    ("Importing", "import"),
    ("Listing", "list"),
    ("Modifying", "modify"),
    ("Obtaining", "obtain"),
    ("Previewing", "preview"),
    ("Querying", "query"),
    ("Removing", "remove"),
    ("Restarting", "restart"),
    ("Revoking", "revoke"),
    ("Running", "run"),
    ("Scaling", "scale"),
    ("Setting", "set"),
    ("Starting", "start"),
    ("Stopping", "stop"),
    ("Submitting", "submit"),
    ("Testing", "test"),
    ("Unbinding", "unbind"),
    ("Updating", "update"),
    ("Uploading", "upload"),
    ("Viewing", "view"),
];

const ARTICLES: &[&str] = &["a", "an", "the"];

/// A snake_case id from an English title, or `None` when the title starts with
/// no known verb. Parenthesised remarks (`(Deprecated)`) and articles go.
pub fn from_title(title: &str) -> Option<String> {
    let title = title.lines().next()?;
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in title.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let plain = plain.replace("'s", "").replace(',', " , ");
    let words: Vec<&str> = plain
        .split(|c: char| !c.is_ascii_alphanumeric() && c != ',')
        .filter(|w| !w.is_empty() && !ARTICLES.contains(&w.to_ascii_lowercase().as_str()))
        .collect();
    let verb = |word: &str| GERUNDS.iter().find(|(g, _)| *g == word).map(|(_, v)| *v);
    // The verb comes first, or after a qualifier (`Batch Deleting Jobs`).
    let first = words.iter().take(2).position(|w| verb(w).is_some())?;
    // Later gerunds are verbs only in a list of actions (`Restarting, Scaling
    // Out, and Scaling In`); elsewhere they qualify a noun (`Scaling Policy`).
    let mut id = Vec::new();
    for (at, word) in words.iter().enumerate() {
        if *word == "," {
            continue;
        }
        let after = at.checked_sub(1).map(|before| words[before]);
        let is_verb = at == first || after.is_some_and(|w| w == "," || w == "and");
        id.push(match verb(word).filter(|_| is_verb) {
            Some(verb) => verb.to_owned(),
            None => word.to_snake_case(),
        });
    }
    let id = id.join("_");
    id.starts_with(|c: char| c.is_ascii_lowercase()).then_some(id)
}

/// Gives each operation its id and file: the one an existing spec file for the
/// same operation has (Rust names stay stable), else one from its English title
/// when no other operation's title gives the same, else the one its path gives.
pub(super) fn assign(pending: &mut [Pending], existing: &ExistingSpec, report: &mut Report) {
    let mut taken: BTreeSet<(PathBuf, String)> = BTreeSet::new();
    let mut fresh = Vec::new();
    for (at, page) in pending.iter_mut().enumerate() {
        match existing.get(&page.key()) {
            Some((file, operation)) => {
                rename(page, &operation.operation, file.clone(), report);
                taken.insert((page.service_dir(), operation.operation.clone()));
            }
            None => fresh.push(at),
        }
    }
    let titled: Vec<Option<String>> = fresh
        .iter()
        .map(|&at| pending[at].operation.title.en.as_deref().and_then(from_title))
        .collect();
    let mut uses: BTreeMap<(PathBuf, &str), usize> = BTreeMap::new();
    for (&at, id) in fresh.iter().zip(&titled) {
        if let Some(id) = id {
            *uses.entry((pending[at].service_dir(), id.as_str())).or_default() += 1;
        }
    }
    // Titled ids first, so that a path id never takes one a title asks for.
    let mut order: Vec<(usize, Option<String>)> = fresh
        .iter()
        .zip(&titled)
        .map(|(&at, id)| {
            let unique = id
                .as_ref()
                .filter(|id| uses[&(pending[at].service_dir(), id.as_str())] == 1);
            (at, unique.cloned())
        })
        .collect();
    order.sort_by_key(|(_, id)| id.is_none());
    let reserved: BTreeSet<(PathBuf, String)> = order
        .iter()
        .filter_map(|(at, id)| Some((pending[*at].service_dir(), id.clone()?)))
        .collect();
    for (at, id) in order {
        let page = &mut pending[at];
        let service_dir = page.service_dir();
        let id = match id {
            Some(id) if !taken.contains(&(service_dir.clone(), id.clone())) => id,
            _ => {
                let ids_here: BTreeSet<String> = taken
                    .iter()
                    .chain(&reserved)
                    .filter(|(dir, _)| *dir == service_dir)
                    .map(|(_, id)| id.clone())
                    .collect();
                unique_id(&page.operation.operation, &ids_here)
            }
        };
        taken.insert((service_dir.clone(), id.clone()));
        let file = service_dir.join("operations").join(format!("{id}.yaml"));
        rename(page, &id, file, report);
    }
}

/// Renames an operation, and every report entry that names it.
fn rename(page: &mut Pending, id: &str, file: PathBuf, report: &mut Report) {
    let service = page.service_dir().display().to_string();
    let (old, new) = (
        format!("{service}.{}", page.operation.operation),
        format!("{service}.{id}"),
    );
    for entry in &mut report.pages {
        if entry.operation.as_ref() == Some(&old) {
            entry.operation = Some(new.clone());
        }
    }
    page.operation.operation = id.to_owned();
    page.file = file;
}

#[cfg(test)]
mod tests {
    use super::from_title;

    #[test]
    fn titles_become_verb_first_ids() {
        let cases = [
            ("Canceling a Job (Recommended)", Some("cancel_job")),
            ("Submitting a SQL Job (Recommended)", Some("submit_sql_job")),
            ("Batch Deleting Jobs", Some("batch_delete_jobs")),
            (
                "Querying a User's Table Permissions (Deprecated)",
                Some("query_user_table_permissions"),
            ),
            (
                "Uploading a PyFile Package Group (Deprecated)",
                Some("upload_py_file_package_group"),
            ),
            (
                "Restarting, Scaling Out, and Scaling In Queues",
                Some("restart_scale_out_and_scale_in_queues"),
            ),
            (
                "Modifying the Scaling Policy of a Queue",
                Some("modify_scaling_policy_of_queue"),
            ),
            ("Change History", None),
            ("API Overview", None),
        ];
        for (title, id) in cases {
            assert_eq!(from_title(title).as_deref(), id, "{title}");
        }
    }
}
