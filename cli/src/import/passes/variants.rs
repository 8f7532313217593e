//! Variants: pages of one folder that document the same method and URI with
//! different request bodies (IAM's token pages, one per authentication method;
//! custom policies for agencies and for cloud services), or under titles that
//! name other actions (DNS's public and private zones, tags added and deleted
//! through one `tags/action`). Merging them would make one operation of
//! conflicting tables, so each stays its own operation, told apart by `variant`. Bodies are compared by their field paths
//! (`auth.identity.password.user.name`), which name the same things in every
//! language, so a folder's variants pair with another folder's by likeness.

use std::collections::BTreeSet;

use heck::ToSnakeCase;

use super::ids::title_verb_of;
use crate::import::build::fields::object_of;
use crate::import::lexicon::{ARTICLES, PREPOSITIONS, without_remarks};
use hwcloud_model::spec::schema::{Field, OperationFile, ParamLocation, Text};

/// How deep object tables are followed; nesting past this is rare and bounded.
const MAX_DEPTH: usize = 8;

/// Every dotted field path of the request body (object tables followed).
pub fn request_paths(op: &OperationFile) -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    if let Some(body) = &op.request_body {
        walk(op, &body.fields, "", 0, &mut paths);
    }
    paths
}

fn walk(op: &OperationFile, fields: &[Field], prefix: &str, depth: usize, paths: &mut BTreeSet<String>) {
    for field in fields {
        let path = if prefix.is_empty() {
            field.name.clone()
        } else {
            format!("{prefix}.{}", field.name)
        };
        if depth < MAX_DEPTH
            && let Some(object) =
                object_of(&field.ty).and_then(|name| op.objects.iter().find(|o| o.name == name))
        {
            walk(op, &object.fields, &path, depth + 1, paths);
        }
        paths.insert(path);
    }
}

/// Every member path besides the request body's: query and header parameters
/// by name, response fields (object tables followed) under `response.`.
fn other_paths(op: &OperationFile) -> BTreeSet<String> {
    let mut paths: BTreeSet<String> = op
        .parameters
        .iter()
        .filter(|p| p.location != Some(ParamLocation::Path))
        .map(|p| format!("parameter.{}", p.name))
        .collect();
    let bodies = op.response.iter().chain(&op.responses);
    for body in bodies {
        walk(op, &body.fields, "response", 0, &mut paths);
    }
    paths
}

/// Whether two pages of one folder and route are variants rather than one
/// operation documented twice: both have a request body and the bodies'
/// paths differ, or their titles name different actions (`Deleting a Public
/// Zone` and `Deleting a Private Zone`, `批量添加标签` and `批量删除标签`;
/// remarks such as `(a V3 API)` aside). The vendor's definitions make each
/// such page an operation (`DeletePublicZone`, `DeletePrivateZone`).
pub fn are_variants(a: &OperationFile, b: &OperationFile) -> bool {
    let (paths_a, paths_b) = (request_paths(a), request_paths(b));
    let bodies_differ = !paths_a.is_empty() && !paths_b.is_empty() && paths_a != paths_b;
    bodies_differ || titles_differ(a, b)
}

/// Whether two pages' titles, in a language both have, differ once remarks
/// and spacing are set aside.
fn titles_differ(a: &OperationFile, b: &OperationFile) -> bool {
    let gist = |title: &str| {
        let plain = without_remarks(title).to_lowercase();
        plain.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let pair = match (&a.title, &b.title) {
        (Text { en: Some(x), .. }, Text { en: Some(y), .. }) => Some((x, y)),
        (Text { zh: Some(x), .. }, Text { zh: Some(y), .. }) => Some((x, y)),
        _ => None,
    };
    pair.is_some_and(|(x, y)| {
        let (x, y) = (gist(x), gist(y));
        !x.is_empty() && !y.is_empty() && x != y
    })
}

/// How alike two operations are, for pairing a folder's variants with
/// another's: their request bodies first, then everything else they have.
pub fn alike(a: &OperationFile, b: &OperationFile) -> (f64, f64) {
    (
        likeness(&request_paths(a), &request_paths(b)),
        likeness(&other_paths(a), &other_paths(b)),
    )
}

/// Likeness of two bodies' paths: shared paths over all paths (0 to 1).
pub fn likeness(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let all = a.union(b).count();
    if all == 0 {
        return 1.0;
    }
    a.intersection(b).count() as f64 / all as f64
}

/// Names each of a route's variants after what only it has: the shortest
/// request path (`auth.identity.totp` gives `totp`), else the words of its
/// English title (`private` of `Deleting a Private Zone`), else the shortest
/// parameter or response path (`routers`). One with nothing of its own stays
/// unnamed: it is the plain form. Names are unique.
pub fn name(variants: &mut [&mut OperationFile]) {
    let requests: Vec<BTreeSet<String>> = variants.iter().map(|op| request_paths(op)).collect();
    let words: Vec<BTreeSet<String>> = variants.iter().map(|op| title_words(op)).collect();
    let verbs: Vec<Option<String>> = variants.iter().map(|op| title_verb_of(op)).collect();
    let others: Vec<BTreeSet<String>> = variants.iter().map(|op| other_paths(op)).collect();
    let mut taken: BTreeSet<Option<String>> = BTreeSet::new();
    for (at, op) in variants.iter_mut().enumerate() {
        let own = own_path(&requests, at)
            .or_else(|| own_verb(&verbs, at))
            .or_else(|| own_words(&words, at))
            .or_else(|| own_path(&others, at));
        let mut name = own;
        let mut nth = 2;
        while taken.contains(&name) {
            name = Some(numbered(nth));
            nth += 1;
        }
        taken.insert(name.clone());
        op.variant = name;
    }
}

/// The name of a variant nothing of its own tells apart: `variant_2`.
fn numbered(nth: usize) -> String {
    format!("variant_{nth}")
}

/// Whether a variant's name is only its number (`variant_2`).
pub fn is_numbered(name: &str) -> bool {
    name.strip_prefix("variant_")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// What `sets[at]` has and no other set has.
fn only_in(sets: &[BTreeSet<String>], at: usize) -> Vec<&String> {
    let others: BTreeSet<&String> = sets
        .iter()
        .enumerate()
        .filter(|(other, _)| *other != at)
        .flat_map(|(_, p)| p)
        .collect();
    sets[at].iter().filter(|p| !others.contains(p)).collect()
}

/// The last step of the shortest path only `sets[at]` has, in snake case.
fn own_path(sets: &[BTreeSet<String>], at: usize) -> Option<String> {
    only_in(sets, at)
        .into_iter()
        .min_by_key(|p| (p.matches('.').count(), p.len(), (*p).clone()))
        .map(|p| p.rsplit('.').next().unwrap_or(p).to_snake_case())
}

/// The words of the English title only `sets[at]` has, joined in snake case.
fn own_words(sets: &[BTreeSet<String>], at: usize) -> Option<String> {
    let own: Vec<&str> = only_in(sets, at).into_iter().map(String::as_str).collect();
    (!own.is_empty()).then(|| own.join("_").to_snake_case())
}

/// The lowercase ASCII words of an operation's English title, remarks,
/// articles and prepositions aside.
fn title_words(op: &OperationFile) -> BTreeSet<String> {
    let title = op.title.en.as_deref().map(without_remarks).unwrap_or_default();
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::to_ascii_lowercase)
        .filter(|w| !w.is_empty() && !ARTICLES.contains(&w.as_str()) && !PREPOSITIONS.contains(&w.as_str()))
        .collect()
}

/// The verb of `verbs[at]` when no other variant's title gives it.
fn own_verb(verbs: &[Option<String>], at: usize) -> Option<String> {
    let verb = verbs[at].as_ref()?;
    let shared = verbs
        .iter()
        .enumerate()
        .any(|(other, v)| other != at && v.as_ref() == Some(verb));
    (!shared).then(|| verb.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token_page(identity: &str) -> OperationFile {
        serde_yaml::from_str(&format!(
            "operation: create_auth_tokens\ntitle: {{en: Token}}\nsources: []\nmethod: POST\nuri: /v3/auth/tokens\n\
             request_body:\n  fields:\n  - name: auth\n    type: Auth\n    required: true\n\
             objects:\n- name: Auth\n  fields:\n  - name: identity\n    type: Identity\n\
             - name: Identity\n  fields:\n  - name: methods\n    type: array<string>\n{identity}"
        ))
        .unwrap()
    }

    const PASSWORD: &str = "  - name: password\n    type: string\n";
    const TOTP: &str = "  - name: password\n    type: string\n  - name: totp\n    type: string\n";
    const AGENCY: &str = "  - name: assume_role\n    type: array<string>\n";

    #[test]
    fn paths_follow_object_tables() {
        let paths = request_paths(&token_page(PASSWORD));
        let expected = [
            "auth",
            "auth.identity",
            "auth.identity.methods",
            "auth.identity.password",
        ];
        assert_eq!(paths, expected.iter().map(|p| p.to_string()).collect());
    }

    #[test]
    fn different_bodies_are_variants_the_same_body_is_not() {
        assert!(are_variants(&token_page(PASSWORD), &token_page(AGENCY)));
        assert!(!are_variants(&token_page(PASSWORD), &token_page(PASSWORD)));
        let likeness = likeness(
            &request_paths(&token_page(PASSWORD)),
            &request_paths(&token_page(TOTP)),
        );
        assert!((likeness - 0.8).abs() < 1e-9, "{likeness}");
    }

    fn zone_page(title: &str, response: &str) -> OperationFile {
        serde_yaml::from_str(&format!(
            "operation: delete_zone\ntitle: {title}\nsources: []\nmethod: DELETE\nuri: /v2/zones/{{zone_id}}\n\
             response:\n  fields:\n  - name: id\n    type: string\n{response}"
        ))
        .unwrap()
    }

    const ROUTERS: &str = "  - name: routers\n    type: array<string>\n";

    #[test]
    fn pages_of_one_route_whose_titles_name_other_actions_are_variants() {
        let public = zone_page("{en: Deleting a Public Zone}", "");
        let private = zone_page("{en: Deleting a Private Zone}", ROUTERS);
        assert!(are_variants(&public, &private));
        // A remark is no other action: `(a V3 API)` beside `(a V3.1 API)`.
        let v3 = zone_page("{en: Deleting a Zone (a V3 API)}", "");
        let v31 = zone_page("{en: Deleting a  zone (a V3.1 API)}", ROUTERS);
        assert!(!are_variants(&v3, &v31));
        // Titles in different languages say nothing.
        assert!(!are_variants(&zone_page("{zh: 删除公网Zone}", ""), &public));
    }

    /// The names two pages of one route get: (title, response rows) each.
    fn names_of(a: (&str, &str), b: (&str, &str)) -> (Option<String>, Option<String>) {
        let (mut a, mut b) = (zone_page(a.0, a.1), zone_page(b.0, b.1));
        name(&mut [&mut a, &mut b]);
        (a.variant, b.variant)
    }

    #[test]
    fn variants_without_body_differences_are_named_by_verb_title_words_or_what_else_only_they_have() {
        let named = |a: Option<&str>, b: Option<&str>| (a.map(str::to_owned), b.map(str::to_owned));
        assert_eq!(
            names_of(("{zh: 批量添加标签}", ""), ("{zh: 批量删除标签}", "")),
            named(Some("batch_create"), Some("batch_delete"))
        );
        assert_eq!(
            names_of(
                ("{en: Deleting a Public Zone}", ""),
                ("{en: Deleting a Private Zone}", ROUTERS)
            ),
            named(Some("public"), Some("private"))
        );
        assert_eq!(
            names_of(("{zh: 删除公网Zone}", ""), ("{zh: 删除内网Zone}", ROUTERS)),
            named(None, Some("routers"))
        );
        assert!(is_numbered("variant_2") && !is_numbered("variant") && !is_numbered("routers"));
    }

    #[test]
    fn each_variant_is_named_after_what_only_it_has() {
        let (mut a, mut b, mut c) = (token_page(PASSWORD), token_page(TOTP), token_page(AGENCY));
        name(&mut [&mut a, &mut b, &mut c]);
        assert_eq!(a.variant, None, "the plain form");
        assert_eq!(b.variant.as_deref(), Some("totp"));
        assert_eq!(c.variant.as_deref(), Some("assume_role"));
        let (mut d, mut e) = (token_page(PASSWORD), token_page(PASSWORD));
        name(&mut [&mut d, &mut e]);
        assert_eq!((d.variant, e.variant.as_deref()), (None, Some("variant_2")));
    }
}
