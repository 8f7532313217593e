//! Rows `check` would refuse for their names, repaired one by one rather than
//! the whole operation withheld: names trimmed of stray spaces and quotes
//! (`end_time `, `maintain_end"`); rows whose name gives no Rust name (`…`,
//! `-`) left out; two rows of one struct whose names are one name spelled two
//! ways (`serverId` beside `server_id`, `beginTime` beside `begin_time`) are one
//! field: the row spelled as its Rust name is kept (the vendor's definitions
//! spell them so: `domain_name`, not `domainName`), the other spelling said in
//! its note. A row repeating an earlier one's name exactly (a path `name` and
//! a query `name`) is left out. Each said.

use hwcloud_model::names::{is_identifier, snake};
use hwcloud_model::spec::schema::{Field, OperationFile};

/// A row left out, with the struct it was in and why.
#[derive(Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub row: String,
    pub place: String,
    pub why: String,
    /// The row only says "and so on" (`…` with `-` in every other cell): no
    /// field is lost by leaving it out.
    pub and_so_on: bool,
}

/// Whether a row names nothing and says nothing: its name and every other
/// cell dashes, dots or ellipses (containerops prints `… | - | - | -` after
/// `param1`, `paramvalue1`).
fn says_and_so_on(field: &Field) -> bool {
    let blank = |text: &str| {
        text.chars()
            .all(|c| matches!(c, '…' | '.' | '-' | '—' | '_' | ' ' | '*'))
    };
    let described = field.description.preferred().is_some_and(|d| !blank(d));
    let typed = field.doc_type.as_deref().is_some_and(|t| !blank(t));
    blank(&field.name) && !described && !typed
}

/// What repairing did: rows left out, and rows folded into another spelling.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Repaired {
    pub left_out: Vec<LeftOut>,
    /// (the spelling folded away, the row kept, the struct).
    pub spellings: Vec<(String, String, String)>,
}

pub fn repair_rust_names(op: &mut OperationFile) -> Repaired {
    let mut out = Repaired::default();
    // The request struct holds the parameters; the body is a struct of its own.
    repair(vec![&mut op.parameters], "the request", &mut out);
    if let Some(body) = op.request_body.as_mut() {
        repair(vec![&mut body.fields], "the request body", &mut out);
    }
    for (index, body) in op.response.iter_mut().chain(op.responses.iter_mut()).enumerate() {
        let place = if index == 0 {
            "the response".to_owned()
        } else {
            format!("response body {index}")
        };
        repair(vec![&mut body.headers, &mut body.fields], &place, &mut out);
    }
    for object in &mut op.objects {
        let place = format!("object `{}`", object.name);
        repair(vec![&mut object.fields], &place, &mut out);
    }
    out
}

/// Repairs the rows of one struct, given as the lists that make it up.
fn repair(mut lists: Vec<&mut Vec<Field>>, place: &str, out: &mut Repaired) {
    for field in lists.iter_mut().flat_map(|list| list.iter_mut()) {
        let trimmed = field.name.trim().trim_matches(['"', '\'', '`']).trim();
        if trimmed != field.name && !trimmed.is_empty() {
            field.name = trimmed.to_owned();
        }
    }
    let keepers = keepers(&lists);
    let mut notes: Vec<(String, String)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for list in lists.iter_mut() {
        list.retain(|field| {
            let rust = snake(&field.name);
            let why = if !is_identifier(&rust) {
                "its name gives no Rust name".to_owned()
            } else if let Some(kept) = keepers.iter().find(|(r, _)| *r == rust).map(|(_, k)| k) {
                if *kept == field.name && !seen.contains(&rust) {
                    seen.push(rust);
                    return true;
                }
                if *kept != field.name {
                    notes.push((kept.clone(), field.name.clone()));
                    out.spellings
                        .push((field.name.clone(), kept.clone(), place.to_owned()));
                    return false;
                }
                format!("its Rust name `{rust}` is that of the earlier row `{kept}`")
            } else {
                return true;
            };
            out.left_out.push(LeftOut {
                row: field.name.clone(),
                place: place.to_owned(),
                why,
                and_so_on: says_and_so_on(field),
            });
            false
        });
    }
    for (kept, other) in &notes {
        let field = lists
            .iter_mut()
            .flat_map(|list| list.iter_mut())
            .find(|f| f.name == *kept);
        if let Some(field) = field {
            super::reconcile::add_note(field, &format!("The page also lists it as `{other}`."));
        }
    }
}

/// For each Rust name, the row that keeps it: the first spelled as the Rust
/// name itself, else the first.
fn keepers(lists: &[&mut Vec<Field>]) -> Vec<(String, String)> {
    let mut keepers: Vec<(String, String)> = Vec::new();
    for field in lists.iter().flat_map(|list| list.iter()) {
        let rust = snake(&field.name);
        match keepers.iter_mut().find(|(r, _)| *r == rust) {
            Some(keeper) if keeper.1 != rust && field.name == rust => keeper.1 = field.name.clone(),
            Some(_) => {}
            None => keepers.push((rust, field.name.clone())),
        }
    }
    keepers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_rows_without_a_distinct_rust_name_left_out() {
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: x\ntitle: {en: X}\nsources: []\nmethod: PUT\nuri: /v1/{name}\n\
             parameters:\n- name: name\n  in: path\n  required: true\n  type: string\n- name: name\n  in: query\n  type: string\n\
             request_body:\n  fields:\n  - name: 'end_time '\n    type: string\n  - name: '…'\n    type: string\n\
             response:\n  fields:\n  - name: server_id\n    type: string\n  - name: serverId\n    type: string\n",
        )
        .unwrap();
        let repaired = repair_rust_names(&mut op);
        let left_out = repaired.left_out;
        let rows: Vec<(&str, &str)> = left_out
            .iter()
            .map(|l| (l.row.as_str(), l.place.as_str()))
            .collect();
        assert_eq!(rows, [("name", "the request"), ("…", "the request body")]);
        // `…` says nothing else: only "and so on"; a repeated name is a field lost.
        let and_so_on: Vec<bool> = left_out.iter().map(|l| l.and_so_on).collect();
        assert_eq!(and_so_on, [false, true]);
        assert_eq!(op.request_body.as_ref().unwrap().fields[0].name, "end_time");
        assert_eq!(op.parameters.len(), 1);
        assert_eq!(
            repaired.spellings,
            [(
                "serverId".to_owned(),
                "server_id".to_owned(),
                "the response".to_owned()
            )]
        );
        let response = &op.response.as_ref().unwrap().fields;
        assert_eq!(response.len(), 1);
        assert_eq!(
            response[0].note.as_deref(),
            Some("The page also lists it as `serverId`.")
        );
    }

    #[test]
    fn a_row_of_dashes_with_a_type_or_description_is_a_field_not_and_so_on() {
        let row = |name: &str, doc_type: Option<&str>, description: Option<&str>| Field {
            name: name.into(),
            doc_type: doc_type.map(Into::into),
            description: hwcloud_model::spec::schema::Text {
                en: description.map(Into::into),
                zh: None,
            },
            ..Field::default()
        };
        assert!(says_and_so_on(&row("…", Some("-"), Some("-"))));
        assert!(says_and_so_on(&row("...", None, None)));
        // CCI: `-` of type Object, described: the body itself, not nothing.
        assert!(!says_and_so_on(&row("-", Some("Object"), None)));
        assert!(!says_and_so_on(&row("-", None, Some("Patch is provided ..."))));
    }

    #[test]
    fn the_row_spelled_as_its_rust_name_is_kept_wherever_it_stands() {
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: x\ntitle: {en: X}\nsources: []\nmethod: GET\nuri: /v1/x\n\
             response:\n  fields:\n  - name: domainName\n    type: string\n  - name: domain_name\n    type: string\n",
        )
        .unwrap();
        let repaired = repair_rust_names(&mut op);
        assert!(repaired.left_out.is_empty());
        let names: Vec<&str> = op
            .response
            .as_ref()
            .unwrap()
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(names, ["domain_name"]);
    }
}
