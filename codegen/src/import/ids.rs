//! Operation ids from English page titles: `Canceling a Job (Recommended)` →
//! `cancel_job`. Titles name what an operation does; paths often do not
//! (`POST .../jobs/submit-job` beside `POST .../queues/{q}/jobs/submit-job`).

use heck::ToSnakeCase;

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
