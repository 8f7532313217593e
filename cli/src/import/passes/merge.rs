//! One operation documented by several pages (zh and en; GES pages published
//! twice under two titles) becomes one spec. Texts fill in per language; where
//! the pages disagree on anything that shapes the API, a finding says so and the
//! first page (in sorted order) is kept: nothing is picked silently.
//!
//! A page that an earlier revision left behind ([`Mode::Superseded`]) only fills
//! texts: the current page alone shapes the operation, and the differences are
//! listed so a reviewer sees what the old page said.

use hwcloud_model::names as naming;
use hwcloud_model::spec::schema::{Body, Example, Field, OperationFile, ParamLocation, Text};

/// How the other page relates to the base page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Equally current (zh and en, or two live titles): the union, disagreements reported.
    Peer,
    /// Left behind by an earlier revision: texts only; the base's shape stands.
    Superseded,
}

/// Merges `other` into `base`; returns what the two pages disagree on, as messages.
pub fn merge(base: &mut OperationFile, other: OperationFile, mode: Mode) -> Vec<String> {
    let mut conflicts = Vec::new();
    let peer = mode == Mode::Peer;
    texts_and_sources(base, &other, peer, &mut conflicts);
    parameters(base, &other, mode, &mut conflicts);
    bodies(base, &other, mode, &mut conflicts);
    objects(base, &other, peer, mode, &mut conflicts);
    for theirs in &other.status_codes {
        match base.status_codes.iter_mut().find(|s| s.status == theirs.status) {
            Some(mine) => fill(&mut mine.description, &theirs.description),
            None if peer => base.status_codes.push(theirs.clone()),
            None => {}
        }
    }
    // A peer's tables to read join; each language's copy is its own.
    for table in other.tables.into_iter().filter(|_| peer) {
        if !base.tables.contains(&table) {
            base.tables.push(table);
        }
    }
    // An old page's examples show the old shape.
    for example in other.examples.into_iter().filter(|_| peer) {
        if !base.examples.iter().any(|e| same_example(e, &example)) {
            base.examples.push(example);
        }
    }
    conflicts
}

/// Title, summary, a peer's sources, and the deprecation.
fn texts_and_sources(
    base: &mut OperationFile,
    other: &OperationFile,
    peer: bool,
    conflicts: &mut Vec<String>,
) {
    fill(&mut base.title, &other.title);
    fill(&mut base.summary, &other.summary);
    base.clouds = super::availability::union(&base.clouds, &other.clouds);
    if peer {
        for source in &other.sources {
            if !base.sources.contains(source) {
                base.sources.push(source.clone());
            }
        }
    }
    if base.deprecated.is_some() != other.deprecated.is_some() {
        conflicts.push("one page marks the operation deprecated, the other does not".to_owned());
    }
    if let (Some(base_deprecation), Some(other_deprecation)) = (&mut base.deprecated, &other.deprecated) {
        fill(&mut base_deprecation.note, &other_deprecation.note);
        if base_deprecation.replacement.is_none() {
            base_deprecation.replacement = other_deprecation.replacement.clone();
        }
    }
}

/// Path parameters by position (placeholder names may differ between pages),
/// the others by name.
fn parameters(base: &mut OperationFile, other: &OperationFile, mode: Mode, conflicts: &mut Vec<String>) {
    let is_path = |p: &&Field| p.location == Some(ParamLocation::Path);
    let other_path: Vec<&Field> = other.parameters.iter().filter(is_path).collect();
    let base_path = base
        .parameters
        .iter_mut()
        .filter(|p| p.location == Some(ParamLocation::Path));
    for (mine, theirs) in base_path.zip(other_path) {
        field(mine, theirs, "path parameter", conflicts);
    }
    let others: Vec<Field> = other.parameters.iter().filter(|p| !is_path(p)).cloned().collect();
    let mut mine: Vec<Field> = base.parameters.iter().filter(|p| !is_path(p)).cloned().collect();
    fields(&mut mine, &others, "parameter", mode, conflicts);
    base.parameters
        .retain(|p| p.location == Some(ParamLocation::Path));
    base.parameters.extend(mine);
}

/// The request, the response, and the other statuses' bodies matched by their first status.
fn bodies(base: &mut OperationFile, other: &OperationFile, mode: Mode, conflicts: &mut Vec<String>) {
    let request = other.request_body.as_ref();
    body(
        &mut base.request_body,
        request,
        ("a request body", "request field"),
        mode,
        conflicts,
    );
    body(
        &mut base.response,
        other.response.as_ref(),
        ("a response", "response field"),
        mode,
        conflicts,
    );
    for theirs in &other.responses {
        let first = theirs.status.first();
        let mut mine = base
            .responses
            .iter()
            .position(|b| b.status.first() == first)
            .map(|at| base.responses.remove(at));
        let status = first.map_or(String::new(), |s| format!(" {s}"));
        body(
            &mut mine,
            Some(theirs),
            (
                &format!("a status{status} body"),
                &format!("status{status} field"),
            ),
            mode,
            conflicts,
        );
        base.responses.extend(mine);
    }
    base.responses.sort_by_key(|b| b.status.first().copied());
}

/// Object tables by name; one only the other page has joins from a peer.
fn objects(
    base: &mut OperationFile,
    other: &OperationFile,
    peer: bool,
    mode: Mode,
    conflicts: &mut Vec<String>,
) {
    for theirs in &other.objects {
        match base.objects.iter_mut().find(|o| o.name == theirs.name) {
            Some(mine) => {
                fill(&mut mine.caption, &theirs.caption);
                let kind = format!("`{}` field", mine.name);
                fields(&mut mine.fields, &theirs.fields, &kind, mode, conflicts);
            }
            None => {
                // A field only one page has may need its table.
                conflicts.push(format!("object table `{}` is only on this page", theirs.name));
                if peer {
                    base.objects.push(theirs.clone());
                }
            }
        }
    }
}

fn same_example(a: &Example, b: &Example) -> bool {
    let parse = |e: &Example| serde_json::from_str::<serde_json::Value>(&e.body).ok();
    a.kind == b.kind && (a.body.trim() == b.body.trim() || parse(a).is_some() && parse(a) == parse(b))
}

/// Merges one body; a peer page's body fills a missing one. `(what, kind)` name
/// the body and its fields in messages.
fn body(
    mine: &mut Option<Body>,
    theirs: Option<&Body>,
    (what, kind): (&str, &str),
    mode: Mode,
    conflicts: &mut Vec<String>,
) {
    match (mine.as_mut(), theirs) {
        (Some(mine), Some(theirs)) => {
            fill(&mut mine.caption, &theirs.caption);
            fields(&mut mine.fields, &theirs.fields, kind, mode, conflicts);
            let header = format!("{kind} header");
            fields(&mut mine.headers, &theirs.headers, &header, mode, conflicts);
            if mine.status.is_empty() {
                mine.status.clone_from(&theirs.status);
            }
        }
        (None, Some(theirs)) => {
            conflicts.push(format!("only one page documents {what}"));
            if mode == Mode::Peer {
                *mine = Some(theirs.clone());
            }
        }
        (Some(_), None) => conflicts.push(format!("only one page documents {what}")),
        (None, None) => {}
    }
}

/// Fills languages `base` lacks from `other`.
fn fill(base: &mut Text, other: &Text) {
    if base.en.is_none() {
        base.en = other.en.clone();
    }
    if base.zh.is_none() {
        base.zh = other.zh.clone();
    }
}

/// Fields match by Rust name: pages may spell the wire name differently
/// (`className`, `class_name`), which is itself a disagreement worth reporting.
fn fields(base: &mut Vec<Field>, other: &[Field], kind: &str, mode: Mode, conflicts: &mut Vec<String>) {
    let same = |a: &Field, b: &Field| naming::snake(&a.name) == naming::snake(&b.name);
    for theirs in other {
        match base.iter_mut().find(|f| same(f, theirs)) {
            Some(mine) => {
                if mine.name != theirs.name {
                    conflicts.push(format!(
                        "{kind} is `{}` on one page, `{}` on the other",
                        mine.name, theirs.name
                    ));
                    // A capital the other page lacks (`Token`, `token`) is the
                    // table's typography: JSON keys start lowercase. Kept: `token`.
                    if mine.name.eq_ignore_ascii_case(&theirs.name)
                        && mine.name.starts_with(|c: char| c.is_ascii_uppercase())
                        && theirs.name.starts_with(|c: char| c.is_ascii_lowercase())
                    {
                        mine.name = theirs.name.clone();
                    }
                }
                field(mine, theirs, kind, conflicts);
            }
            None => {
                conflicts.push(format!("{kind} `{}` is only on this page", theirs.name));
                if mode == Mode::Peer {
                    base.push(theirs.clone());
                }
            }
        }
    }
    for mine in base.iter() {
        if !other.iter().any(|f| same(f, mine)) {
            conflicts.push(format!("{kind} `{}` is not on this page", mine.name));
        }
    }
}

fn field(mine: &mut Field, theirs: &Field, kind: &str, conflicts: &mut Vec<String>) {
    fill(&mut mine.description, &theirs.description);
    mine.clouds = super::availability::union(&mine.clouds, &theirs.clouds);
    if mine.ty != theirs.ty {
        conflicts.push(format!(
            "{kind} `{}`: type `{}` on one page, `{}` on the other",
            mine.name, mine.ty, theirs.ty
        ));
    }
    if mine.required.is_some() && theirs.required.is_some() && mine.required != theirs.required {
        conflicts.push(format!(
            "{kind} `{}`: mandatory on one page, optional on the other",
            mine.name
        ));
    }
    if mine.required.is_none() {
        mine.required = theirs.required;
    }
    for (slot, value) in [
        (&mut mine.default, &theirs.default),
        (&mut mine.range, &theirs.range),
        (&mut mine.doc_type, &theirs.doc_type),
    ] {
        if slot.is_none() {
            slot.clone_from(value);
        }
    }
    if mine.values.is_empty() {
        mine.values.clone_from(&theirs.values);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(field: &str) -> OperationFile {
        serde_yaml::from_str(&format!(
            "operation: token\ntitle: {{en: Token}}\nsources: []\nmethod: POST\nuri: /v3/auth/tokens\n\
             response:\n  fields:\n  - name: {field}\n    type: object\n"
        ))
        .unwrap()
    }

    #[test]
    fn a_capital_only_one_page_prints_gives_way_to_the_lowercase_key() {
        for (base, other) in [("Token", "token"), ("token", "Token")] {
            let mut merged = token(base);
            let conflicts = merge(&mut merged, token(other), Mode::Peer);
            assert_eq!(
                merged.response.unwrap().fields[0].name,
                "token",
                "{base} + {other}"
            );
            assert_eq!(conflicts.len(), 1, "still reported: {conflicts:?}");
        }
    }
}
