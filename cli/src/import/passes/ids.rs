//! Operation ids: the existing spec's, else one from the English page title
//! (`Canceling a Job (Recommended)` → `cancel_job`), else one from the path.
//! Titles name what an operation does; paths often do not (`POST
//! .../jobs/submit-job` beside `POST .../queues/{q}/jobs/submit-job`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use heck::ToSnakeCase;

use super::Context;
use super::variants;
use crate::import::draft::{Draft, OperationKey};
use crate::import::lexicon::{ARTICLES, GERUNDS, TITLE_VERBS_ZH, title_verb, without_remarks};
use crate::import::naming::{PathName, bounded_id, operation_id_of_length, unique_id};
use hwcloud_model::spec::schema::OperationFile;

/// A snake_case id from an English title, or `None` when the title starts with
/// no known verb. Parenthesised remarks (`(Deprecated)`) and articles go.
pub fn from_title(title: &str) -> Option<String> {
    let words = title_words(title);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let first = first_verb(&words)?;
    // Later gerunds are verbs only in a list of actions (`Restarting, Scaling
    // Out, and Scaling In`); elsewhere they qualify a noun (`Scaling Policy`).
    let mut id = Vec::new();
    for (at, word) in words.iter().enumerate() {
        if *word == "," {
            continue;
        }
        let after = at.checked_sub(1).map(|before| words[before]);
        let is_verb = at == first || after.is_some_and(|w| w == "," || w == "and");
        id.push(match gerund(word).filter(|_| is_verb) {
            Some(verb) => verb.to_owned(),
            None => word.to_snake_case(),
        });
    }
    let id = id.join("_");
    id.starts_with(|c: char| c.is_ascii_lowercase()).then_some(id)
}

/// The verb an English title starts with, with its qualifier (`Batch Adding
/// Tags` → `batch_add`), for ids made from paths: only a verb that says more
/// than the method does (`Querying` says what `GET` says; a Chinese title's
/// `查询` gives no verb either).
pub fn title_verb_en(title: &str) -> Option<String> {
    let words = title_words(title);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let first = first_verb(&words)?;
    let verb = gerund(words[first])?;
    if !TITLE_VERBS_ZH.iter().any(|(_, v)| *v == Some(verb)) {
        return None;
    }
    let qualifier = words[..first].iter().map(|w| w.to_snake_case());
    Some(qualifier.chain([verb.to_owned()]).collect::<Vec<_>>().join("_"))
}

/// The verb an operation's title gives an id from its path: the Chinese
/// title's (`批量删除` → `batch_delete`), else the English one's (`Batch
/// Adding Tags` → `batch_add`).
pub fn title_verb_of(op: &OperationFile) -> Option<String> {
    let zh = op.title.zh.as_deref().and_then(title_verb).map(str::to_owned);
    zh.or_else(|| op.title.en.as_deref().and_then(title_verb_en))
}

/// A title's words without remarks and articles; commas are words.
fn title_words(title: &str) -> Vec<String> {
    let plain = without_remarks(title.lines().next().unwrap_or_default());
    let plain = plain.replace("'s", "").replace(',', " , ");
    plain
        .split(|c: char| !c.is_ascii_alphanumeric() && c != ',')
        .filter(|w| !w.is_empty() && !ARTICLES.contains(&w.to_ascii_lowercase().as_str()))
        .map(str::to_owned)
        .collect()
}

/// The verb a gerund stands for (`Deleting` → `delete`).
fn gerund(word: &str) -> Option<&'static str> {
    GERUNDS.iter().find(|(g, _)| *g == word).map(|(_, v)| *v)
}

/// Where the verb is: first, or after a qualifier (`Batch Deleting Jobs`).
fn first_verb(words: &[&str]) -> Option<usize> {
    words.iter().take(2).position(|w| gerund(w).is_some())
}

/// Gives each operation its id and file: the one an existing spec file for the
/// same operation has (Rust names stay stable), else one from its English title
/// when no other operation's title gives the same, else one from its path.
#[allow(clippy::ptr_arg)] // every pass has one signature; merging rebuilds the list
pub fn run(drafts: &mut Vec<Draft>, context: &Context) {
    let existing = context.existing;
    let pending = drafts;
    // Files of existing operations no page documents now stay: no id may take them.
    let documented: BTreeSet<OperationKey> = pending.iter().map(Draft::key).collect();
    let reserved: BTreeSet<(PathBuf, String)> = existing
        .operation_files()
        .filter(|(key, _)| !documented.contains(key))
        .filter_map(|(key, file)| {
            Some((
                key.service_dir().to_owned(),
                file.file_stem()?.to_string_lossy().into_owned(),
            ))
        })
        .collect();
    let kept: Vec<Option<(PathBuf, String)>> = pending
        .iter()
        .map(|p| {
            existing
                .get(&p.key())
                .map(|(file, op)| (file.clone(), op.operation.clone()))
        })
        .collect();
    let mut ids: Vec<Option<String>> = kept
        .iter()
        .map(|k| k.as_ref().map(|(_, id)| id.clone()))
        .collect();
    let titled: Vec<Option<String>> = pending
        .iter()
        .zip(&ids)
        .map(|(p, id)| match id {
            Some(_) => None,
            None => p.operation.title.en.as_deref().and_then(from_title),
        })
        .collect();
    let mut uses: BTreeMap<(PathBuf, &str), usize> = BTreeMap::new();
    for (page, id) in pending.iter().zip(ids.iter().zip(&titled)) {
        if let Some(id) = id.0.as_deref().or(id.1.as_deref()) {
            *uses.entry((page.service_dir(), id)).or_default() += 1;
        }
    }
    let unique_titles: Vec<Option<String>> = pending
        .iter()
        .zip(&titled)
        .map(|(page, id)| {
            id.clone().filter(|id| {
                let dir = page.service_dir();
                uses[&(dir.clone(), id.as_str())] == 1 && !reserved.contains(&(dir, id.clone()))
            })
        })
        .collect();
    for (id, title) in ids.iter_mut().zip(unique_titles) {
        if id.is_none() {
            *id = title;
        }
    }
    path_ids(pending, &mut ids, &reserved);
    for ((page, id), kept) in pending.iter_mut().zip(ids).zip(kept) {
        let id = id.expect("every operation has an id by now");
        let (id, file) = match kept {
            Some((file, _)) => (id, file),
            None => {
                let id = bounded_id(&id);
                let file = page.service_dir().join("operations").join(format!("{id}.yaml"));
                (id, file)
            }
        };
        page.operation.operation = id;
        page.file = file;
    }
}

/// Ids from paths for the operations `ids` leaves open. Where two routes
/// (method and URI) give the same id, both take more of their paths' words
/// (`update_vertex_property`, `update_edges_property`);
/// versions of one route share it, the lowest version keeping the bare id and
/// each later one naming its own (`create_graphs_v2_1_16`), so that a version
/// the docs add later never renames one already there. Variants of a route
/// (same method and URI, different request bodies) add their `variant` name.
fn path_ids(pending: &[Draft], ids: &mut [Option<String>], reserved: &BTreeSet<(PathBuf, String)>) {
    const LENGTHS: [usize; 5] = [1, 2, 3, 4, usize::MAX];
    let open: Vec<usize> = (0..pending.len()).filter(|&at| ids[at].is_none()).collect();
    let route = |at: usize| pending[at].key().route();
    let services: Vec<String> = pending
        .iter()
        .map(|p| {
            p.service_dir()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    let verbs: Vec<Option<String>> = pending.iter().map(|p| title_verb_of(&p.operation)).collect();
    let base = |at: usize, length: usize| {
        let op = &pending[at].operation;
        let name = PathName {
            method: op.method,
            uri: &op.uri,
            verb: verbs[at].as_deref(),
            service: &services[at],
        };
        operation_id_of_length(&name, LENGTHS[length])
    };
    // Per length, the routes each id would stand for (named ids at every length).
    let routes_at: Vec<BTreeMap<(PathBuf, String), BTreeSet<OperationKey>>> = (0..LENGTHS.len())
        .map(|length| {
            let mut routes: BTreeMap<(PathBuf, String), BTreeSet<OperationKey>> = BTreeMap::new();
            for at in 0..pending.len() {
                let id = ids[at].clone().unwrap_or_else(|| base(at, length));
                routes
                    .entry((pending[at].service_dir(), id))
                    .or_default()
                    .insert(route(at));
            }
            routes
        })
        .collect();
    // Each operation takes the shortest id shared by the fewest routes.
    let sharing = |at: usize, length: usize| {
        routes_at[length]
            .get(&(pending[at].service_dir(), base(at, length)))
            .map_or(0, BTreeSet::len)
    };
    let length: Vec<usize> = (0..pending.len())
        .map(|at| {
            (0..LENGTHS.len())
                .min_by_key(|&length| sharing(at, length))
                .unwrap_or(0)
        })
        .collect();
    let mut taken: BTreeSet<(PathBuf, String)> = (0..pending.len())
        .filter_map(|at| Some((pending[at].service_dir(), ids[at].clone()?)))
        .chain(reserved.iter().cloned())
        .collect();
    let mut groups: BTreeMap<(PathBuf, String), Vec<usize>> = BTreeMap::new();
    for &at in &open {
        groups
            .entry((pending[at].service_dir(), base(at, length[at])))
            .or_default()
            .push(at);
    }
    for ((service_dir, base), group) in groups {
        name_group(pending, ids, &mut taken, &service_dir, &base, group);
    }
}

/// Names the operations that share one path id: the lowest version keeps it,
/// a variant adds its name, a later version its own (`_v2_1_16` of a page
/// version, else `_v2` of the path's), else a number.
fn name_group(
    pending: &[Draft],
    ids: &mut [Option<String>],
    taken: &mut BTreeSet<(PathBuf, String)>,
    service_dir: &PathBuf,
    base: &str,
    mut group: Vec<usize>,
) {
    group.sort_by_key(|&at| {
        let op = &pending[at].operation;
        let in_path = uri_version(&op.uri);
        (
            version_numbers(op.api_version.as_deref()),
            version_numbers(in_path.as_deref()),
        )
    });
    let first_version = group
        .first()
        .and_then(|&at| uri_version(&pending[at].operation.uri));
    for (nth, at) in group.into_iter().enumerate() {
        let op = &pending[at].operation;
        let versioned = op
            .api_version
            .as_ref()
            .map(|v| format!("{base}_v{}", v.replace('.', "_")));
        // A variant of a route (`totp`) is named after what tells it apart;
        // one told apart by nothing but its number, or by what the id says
        // already (the verb of `batch_delete_tags`), takes the plain id first.
        let said = |v: &str| variants::is_numbered(v) || base.starts_with(&format!("{v}_"));
        let numbered = op.variant.as_deref().is_some_and(said);
        let variant = op.variant.as_ref().map(|v| format!("{base}_{v}"));
        let plain = (nth == 0 || numbered || variant.is_none()).then(|| base.to_owned());
        let variant = if numbered { None } else { variant };
        // The same route shape under another path version than the first
        // of the group's: `create_cluster_v2` beside `create_cluster` (v1).
        let path_versioned = uri_version(&op.uri)
            .filter(|v| Some(v) != first_version.as_ref())
            .map(|v| format!("{base}_v{}", v.replace('.', "_").trim_end_matches("_0")));
        let mut candidates = variant
            .into_iter()
            .chain(plain)
            .chain(versioned)
            .chain(path_versioned);
        let here: BTreeSet<String> = taken
            .iter()
            .filter(|(dir, _)| dir == service_dir)
            .map(|(_, id)| id.clone())
            .collect();
        let id = candidates
            .find(|c| !here.contains(c))
            .unwrap_or_else(|| unique_id(base, &here));
        taken.insert((service_dir.clone(), id.clone()));
        ids[at] = Some(id);
    }
}

/// The version a path names: `/v2.0/{project_id}/clusters` → `2.0`.
fn uri_version(uri: &str) -> Option<String> {
    uri.split('/').find_map(|segment| {
        let version = segment.strip_prefix('v').or_else(|| segment.strip_prefix('V'))?;
        let numeric = version.starts_with(|c: char| c.is_ascii_digit())
            && version.chars().all(|c| c.is_ascii_digit() || c == '.');
        numeric.then(|| version.to_owned())
    })
}

/// `2.1.16` → `[2, 1, 16]`, so that versions sort as numbers; none sorts first.
fn version_numbers(version: Option<&str>) -> Vec<u32> {
    version
        .into_iter()
        .flat_map(|v| v.split('.'))
        .map(|part| part.parse().unwrap_or(0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{from_title, title_verb_en};

    #[test]
    fn titles_give_path_ids_the_verbs_the_method_does_not_say() {
        assert_eq!(
            title_verb_en("Batch Adding Tags for the Specified EVS Disk").as_deref(),
            Some("batch_add")
        );
        assert_eq!(
            title_verb_en("Deleting a Public Zone (Deprecated)").as_deref(),
            Some("delete")
        );
        assert_eq!(title_verb_en("Querying Public Zones"), None);
        assert_eq!(title_verb_en("API Overview"), None);
    }

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
