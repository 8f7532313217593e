//! Names the importer gives: an operation id from its method and path, and an
//! object's name from the field that holds it. Every stage that names asks here.

use super::english;
use hwcloud_model::names as naming;
use hwcloud_model::spec::schema::{Method, ObjectTable};

/// What names an operation from its path: the method and URI, the verb its
/// title gives (`删除` → `delete`, `驾驶证识别` → `recognize`), and the service
/// id (a path word that repeats it names nothing: `/v3/{project_id}/elb/ipgroups`).
#[derive(Debug, Clone, Copy)]
pub struct PathName<'a> {
    pub method: Method,
    pub uri: &'a str,
    pub verb: Option<&'a str>,
    pub service: &'a str,
}

/// A snake_case id from the method and the path's last literal word.
pub fn operation_id(method: Method, uri: &str) -> String {
    let name = PathName {
        method,
        uri,
        verb: None,
        service: "",
    };
    operation_id_of_length(&name, 1)
}

/// Path words that name a part of the resource before them, not a resource:
/// an id with one of them last takes the word before it too (`list_listener_tags`).
const PART_WORDS: &[&str] = &[
    "tags",
    "tag",
    "quotas",
    "quota",
    "metadata",
    "status",
    "detail",
    "details",
    "policy",
    "count",
    "config",
    "configs",
    "configuration",
    "log",
    "logs",
    "spec",
    "specs",
    "version",
    "versions",
];

/// Ids like the vendor's own operation names (`ListQueues`, `ShowQueue`,
/// `DeleteIpGroup`, `RecognizeDriverLicense`): the verb, then the path's last
/// `words` literal words (one more where the last names a part: `tags`), each
/// singular where a placeholder follows it. `usize::MAX` takes every literal,
/// the `/ges` prefix of GES business-plane paths included, to tell apart
/// operations the shorter ids do not.
pub fn operation_id_of_length(name: &PathName, words: usize) -> String {
    let (path, query) = name.uri.split_once('?').unwrap_or((name.uri, ""));
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let ends_with_placeholder = segments.last().is_some_and(|s| s.starts_with('{'));
    let mut literals = literal_words(&segments, name.service, words == usize::MAX);
    let action = query
        .split('&')
        .find_map(|kv| kv.split_once('='))
        .map(|(_, v)| naming::snake(v))
        .filter(|v| !v.is_empty());
    let verb = action.unwrap_or_else(|| verb(name, &literals, ends_with_placeholder));
    // `/jobs/delete` under `batch_delete`, `/instances/{id}/restart`: the verb says it.
    if !ends_with_placeholder
        && literals.len() > 1
        && literals
            .last()
            .is_some_and(|w| verb.ends_with(w.as_str()) || w == "action")
    {
        literals.pop();
    }
    // Creating, deleting or changing one of a collection names it in the singular.
    if !ends_with_placeholder
        && ["create", "delete", "update", "add", "remove"].contains(&verb.as_str())
        && let Some(last) = literals.last_mut()
    {
        *last = english::singular(last);
    }
    let take = match literals.last() {
        Some(last) if words == 1 && PART_WORDS.contains(&last.as_str()) => 2,
        _ => words,
    };
    let noun = literals[literals.len().saturating_sub(take)..].join("_");
    tidy(&format!("{verb}_{noun}"))
}

/// The literal words of a path, snake_case, versions left out, each singular
/// where a placeholder follows it; the service id left out, and the `/ges`
/// plane prefix unless `all`.
fn literal_words(segments: &[&str], service: &str, all: bool) -> Vec<String> {
    let is_version = |s: &str| {
        s.strip_prefix('v')
            .or_else(|| s.strip_prefix('V'))
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    };
    segments
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.starts_with('{') && !is_version(s))
        .map(|(at, s)| {
            let word = naming::snake(s).trim_start_matches("r#").to_owned();
            let before_placeholder = segments.get(at + 1).is_some_and(|n| n.starts_with('{'));
            if before_placeholder {
                english::singular(&word)
            } else {
                word
            }
        })
        .filter(|w| !w.is_empty() && (all || w != "ges" && w != service))
        .collect()
}

/// The verb: the title's, else the method's (`GET` a collection lists it,
/// `GET` one thing shows it).
fn verb(name: &PathName, literals: &[String], ends_with_placeholder: bool) -> String {
    if let Some(verb) = name.verb {
        return verb.to_owned();
    }
    let plural = literals.last().is_some_and(|w| english::singular(w) != *w);
    match name.method {
        Method::Get if ends_with_placeholder || !plural => "show",
        Method::Get => "list",
        Method::Post => "create",
        Method::Put | Method::Patch => "update",
        Method::Delete => "delete",
        Method::Head => "check",
    }
    .to_owned()
}

/// Lower-case ASCII words joined by single `_`, starting with a letter.
fn tidy(id: &str) -> String {
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
            "delete_job"
        );
        assert_eq!(
            operation_id(Method::Get, "/v1.0/{project_id}/queues/{queue_name}"),
            "show_queue"
        );
        assert_eq!(
            operation_id(Method::Get, "/v1.0/{project_id}/queues"),
            "list_queues"
        );
        assert_eq!(
            operation_id(Method::Post, "/v1.0/{project_id}/queues"),
            "create_queue"
        );
        assert_eq!(
            operation_id(Method::Get, "/v2.0/{project_id}/listeners/{listener_id}/tags"),
            "list_listener_tags"
        );
        assert_eq!(
            operation_id(Method::Post, "/v1.0/{project_id}/jobs/submit-job"),
            "create_submit_job"
        );
        assert_eq!(
            operation_id(
                Method::Post,
                "/v1.0/{project_id}/graphs/{graph_name}/action?action_id=import-graph"
            ),
            "import_graph_graph"
        );
        let name = |method, uri, verb| PathName {
            method,
            uri,
            verb,
            service: "elb",
        };
        assert_eq!(
            operation_id_of_length(
                &name(Method::Delete, "/v3/{project_id}/elb/ipgroups/{ipgroup_id}", None),
                1
            ),
            "delete_ipgroup"
        );
        assert_eq!(
            operation_id_of_length(
                &name(
                    Method::Post,
                    "/v1.0/{project_id}/streaming/jobs/delete",
                    Some("batch_delete")
                ),
                2
            ),
            "batch_delete_streaming_jobs"
        );
        assert_eq!(
            operation_id_of_length(
                &name(
                    Method::Post,
                    "/v2/{project_id}/ocr/driver-license",
                    Some("recognize")
                ),
                1
            ),
            "recognize_driver_license"
        );
        assert_eq!(
            operation_id_of_length(
                &name(
                    Method::Post,
                    "/ges/v1.0/{p}/graphs/{g}/edges/properties/action",
                    None
                ),
                3
            ),
            "create_graph_edges_property"
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
