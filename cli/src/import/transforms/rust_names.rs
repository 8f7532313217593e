//! Rows `check` would refuse for their names, repaired one by one rather than
//! the whole operation withheld: names trimmed of stray spaces and quotes
//! (`end_time `, `maintain_end"`); rows whose name gives no Rust name (`…`,
//! `-`) left out; a second row of one struct whose name gives the same Rust
//! name as an earlier one (`serverId` beside `server_id`) left out. Each said.

use hwcloud_model::names::{is_identifier, snake};
use hwcloud_model::spec::schema::{Field, OperationFile};

/// A row left out, with the struct it was in and why.
#[derive(Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub row: String,
    pub place: String,
    pub why: String,
}

pub fn repair_rust_names(op: &mut OperationFile) -> Vec<LeftOut> {
    let mut out = Vec::new();
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
fn repair(lists: Vec<&mut Vec<Field>>, place: &str, out: &mut Vec<LeftOut>) {
    let mut claimed: Vec<(String, String)> = Vec::new();
    for list in lists {
        list.retain_mut(|field| {
            let trimmed = field.name.trim().trim_matches(['"', '\'', '`']).trim();
            if trimmed != field.name && !trimmed.is_empty() {
                field.name = trimmed.to_owned();
            }
            let rust = snake(&field.name);
            let why = if !is_identifier(&rust) {
                "its name gives no Rust name".to_owned()
            } else if let Some((_, first)) = claimed.iter().find(|(r, _)| *r == rust) {
                format!("its Rust name `{rust}` is that of the earlier row `{first}`")
            } else {
                claimed.push((rust, field.name.clone()));
                return true;
            };
            out.push(LeftOut {
                row: field.name.clone(),
                place: place.to_owned(),
                why,
            });
            false
        });
    }
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
        let left_out = repair_rust_names(&mut op);
        let rows: Vec<(&str, &str)> = left_out
            .iter()
            .map(|l| (l.row.as_str(), l.place.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("name", "the request"),
                ("…", "the request body"),
                ("serverId", "the response")
            ]
        );
        assert_eq!(op.request_body.as_ref().unwrap().fields[0].name, "end_time");
        assert_eq!(op.parameters.len(), 1);
        assert!(left_out[2].why.contains("`server_id`"));
    }
}
