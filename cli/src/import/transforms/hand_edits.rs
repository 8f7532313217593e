//! Hand edits: the fields, objects and pagination a reviewer marked
//! `hand_edit` in the existing spec stand over what the pages say.

use hwcloud_model::spec::schema::{Body, Field, ObjectTable, OperationFile, Pagination};

/// What keeping one hand edit meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// The page no longer documents the field, or never did.
    Added(String),
    /// The page documents the field differently; the hand edit stays.
    Contradicted(String),
}

/// Puts every `hand_edit` field of `existing` into `imported`: where the page
/// documents the field the same way only the mark carries over; otherwise the
/// reviewer's version stays and is listed.
pub fn keep_hand_edits(imported: &mut OperationFile, existing: &OperationFile) -> Vec<Kept> {
    let mut kept = Vec::new();
    keep_in(
        "parameter",
        &mut imported.parameters,
        &existing.parameters,
        &mut kept,
    );
    for (place, mine, theirs) in [
        ("request", &mut imported.request_body, &existing.request_body),
        ("response", &mut imported.response, &existing.response),
    ] {
        let Some(theirs) = theirs else { continue };
        if has_hand_edits(&theirs.fields) {
            let mine = mine.get_or_insert_with(|| Body {
                fields: Vec::new(),
                ..theirs.clone()
            });
            keep_in(place, &mut mine.fields, &theirs.fields, &mut kept);
        }
    }
    for theirs in existing.objects.iter().filter(|o| has_hand_edits(&o.fields)) {
        let at = match imported.objects.iter().position(|o| o.name == theirs.name) {
            Some(at) => at,
            None => {
                imported.objects.push(ObjectTable {
                    name: theirs.name.clone(),
                    caption: theirs.caption.clone(),
                    fields: Vec::new(),
                });
                imported.objects.len() - 1
            }
        };
        let place = format!("object {}", theirs.name);
        keep_in(
            &place,
            &mut imported.objects[at].fields,
            &theirs.fields,
            &mut kept,
        );
    }
    if let Some(reviewed) = existing.pagination.as_ref().filter(|p| p.hand_edit.is_some()) {
        let why = reviewed.hand_edit.as_deref().unwrap_or_default();
        let detected = imported.pagination.replace(reviewed.clone());
        let same = detected.is_some_and(|d| {
            Pagination {
                hand_edit: reviewed.hand_edit.clone(),
                ..d
            } == *reviewed
        });
        kept.push(match same {
            true => Kept::Added(format!("pagination: kept the hand edit ({why})")),
            false => Kept::Contradicted(format!(
                "pagination: kept the hand edit ({why}); detection from the page says otherwise"
            )),
        });
    }
    kept
}

fn has_hand_edits(fields: &[Field]) -> bool {
    fields.iter().any(|f| f.hand_edit.is_some())
}

fn keep_in(place: &str, fields: &mut Vec<Field>, existing: &[Field], kept: &mut Vec<Kept>) {
    for edited in existing {
        let Some(why) = &edited.hand_edit else { continue };
        let same = |f: &Field| f.name == edited.name && f.location == edited.location;
        match fields.iter_mut().find(|f| same(f)) {
            Some(documented) => {
                let page_says = Field {
                    hand_edit: Some(why.clone()),
                    ..documented.clone()
                };
                if page_says != *edited {
                    kept.push(Kept::Contradicted(format!(
                        "{place} `{}`: kept the hand edit ({why}); the page says type `{}`, {}",
                        edited.name,
                        documented.ty,
                        match documented.required {
                            Some(true) => "mandatory",
                            Some(false) => "optional",
                            None => "no mandatory flag",
                        }
                    )));
                }
                *documented = edited.clone();
            }
            None => {
                kept.push(Kept::Added(format!(
                    "{place} `{}`: kept the hand-added field ({why}); the page does not document it",
                    edited.name
                )));
                fields.push(edited.clone());
            }
        }
    }
}
