//! Names the importer gives: an operation id from its method and path, and an
//! object's name from the field that holds it. Every stage that names asks here.

use super::english;
use hwcloud_model::names as naming;
use hwcloud_model::spec::schema::{Method, ObjectTable};

/// A snake_case id from the method and the path's last two literal words.
pub fn operation_id(method: Method, uri: &str) -> String {
    operation_id_of_length(method, uri, 2)
}

/// [`operation_id`] with the path's last `words` literal words; `usize::MAX`
/// takes every literal, the `/ges` prefix of GES business-plane paths included,
/// to tell apart operations the shorter ids do not.
pub fn operation_id_of_length(method: Method, uri: &str, words: usize) -> String {
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let ends_with_placeholder = segments.last().is_some_and(|s| s.starts_with('{'));
    let is_version = |s: &str| {
        s.strip_prefix('v')
            .or_else(|| s.strip_prefix('V'))
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    };
    let literals: Vec<String> = segments
        .iter()
        .filter(|s| !s.starts_with('{') && !is_version(s))
        .map(|s| naming::snake(s).trim_start_matches("r#").to_owned())
        .filter(|s| !s.is_empty() && (s != "ges" || words == usize::MAX))
        .collect();
    let noun = literals
        .iter()
        .rev()
        .take(words)
        .rev()
        .cloned()
        .collect::<Vec<_>>()
        .join("_");
    let action = query
        .split('&')
        .find_map(|kv| kv.split_once('='))
        .map(|(_, v)| naming::snake(v));
    let verb = match (method, ends_with_placeholder) {
        (Method::Get, true) => "show",
        (Method::Get, false) => "list",
        (Method::Post, _) => "create",
        (Method::Put, _) | (Method::Patch, _) => "update",
        (Method::Delete, _) => "delete",
        (Method::Head, _) => "check",
    };
    let id = match action {
        Some(action) if !action.is_empty() => format!("{action}_{noun}"),
        _ => format!("{verb}_{noun}"),
    };
    let id: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let mut id = id
        .split('_')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        id.insert_str(0, "op_");
    }
    id
}

pub fn object_name(field: &str, objects: &[ObjectTable]) -> String {
    let mut base = naming::upper_camel(&english::singular(field));
    if !base.chars().all(|c| c.is_ascii_alphanumeric()) {
        base = "Item".into();
    }
    if base.is_empty() || naming::is_reserved_type_name(&base) {
        base.push_str("Object");
    }
    let mut name = base.clone();
    let mut n = 2;
    while objects.iter().any(|o| o.name == name) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

/// The longest id the importer gives, in bytes: its file name (`<id>.yaml`)
/// stays well within the 255 bytes every file system allows.
pub const MAX_ID_BYTES: usize = 200;

/// `id`, cut to [`MAX_ID_BYTES`] when longer, with a hash of the whole id
/// so that two long ids that share their start stay apart.
pub fn bounded_id(id: &str) -> String {
    if id.len() <= MAX_ID_BYTES {
        return id.to_owned();
    }
    // FNV-1a: stable across runs and platforms, so re-importing gives the same id.
    let hash = id.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    let mut cut = String::new();
    for c in id.chars() {
        if cut.len() + c.len_utf8() > MAX_ID_BYTES - 9 {
            break;
        }
        cut.push(c);
    }
    format!("{}_{hash:08x}", cut.trim_end_matches('_'))
}

/// `id`, or `id_2`, `id_3`, ... when `taken` has it.
pub fn unique_id(id: &str, taken: &std::collections::BTreeSet<String>) -> String {
    if !taken.contains(id) {
        return id.to_owned();
    }
    (2..)
        .map(|n| format!("{id}_{n}"))
        .find(|c| !taken.contains(c))
        .expect("an unused id")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_method_and_path() {
        assert_eq!(
            operation_id(Method::Delete, "/v1.0/{project_id}/jobs/{job_id}"),
            "delete_jobs"
        );
        assert_eq!(
            operation_id(Method::Post, "/v1.0/{project_id}/jobs/submit-job"),
            "create_jobs_submit_job"
        );
        assert_eq!(
            operation_id(
                Method::Post,
                "/v1.0/{project_id}/graphs/{graph_name}/action?action_id=import-graph"
            ),
            "import_graph_graphs_action"
        );
        assert_eq!(
            operation_id_of_length(
                Method::Post,
                "/ges/v1.0/{p}/graphs/{g}/edges/properties/action",
                3
            ),
            "create_edges_properties_action"
        );
    }

    #[test]
    fn long_ids_are_cut_with_a_hash_of_the_whole() {
        let long = format!("list_{}", "a".repeat(250));
        let other = format!("list_{}b", "a".repeat(250));
        let (one, two) = (bounded_id(&long), bounded_id(&other));
        assert!(one.len() <= MAX_ID_BYTES && two.len() <= MAX_ID_BYTES, "{one}");
        assert_ne!(one, two);
        assert_eq!(one, bounded_id(&long), "the same id every run");
        assert_eq!(bounded_id("list_jobs"), "list_jobs");
        assert!(bounded_id(&"é".repeat(100)).len() <= MAX_ID_BYTES);
    }

    #[test]
    fn objects_are_named_after_their_field_in_the_singular() {
        assert_eq!(object_name("tags", &[]), "Tag");
        let taken = [ObjectTable {
            name: "Tag".into(),
            caption: Default::default(),
            fields: Vec::new(),
        }];
        assert_eq!(object_name("tags", &taken), "Tag2");
    }
}
