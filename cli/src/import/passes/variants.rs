//! Variants: pages of one folder that document the same method and URI with
//! different request bodies (IAM's token pages, one per authentication method;
//! custom policies for agencies and for cloud services). Merging them would
//! make one body of conflicting tables, so each stays its own operation, told
//! apart by `variant`. Bodies are compared by their field paths
//! (`auth.identity.password.user.name`), which name the same things in every
//! language, so a folder's variants pair with another folder's by likeness.

use std::collections::BTreeSet;

use heck::ToSnakeCase;

use hwcloud_model::spec::schema::{Field, OperationFile};
use hwcloud_model::spec::types::TypeExpr;

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

/// The object table a type refers to, through arrays and maps.
fn object_of(ty: &str) -> Option<String> {
    let mut ty = TypeExpr::parse(ty).ok()?;
    loop {
        ty = match ty {
            TypeExpr::Ref(name) => return Some(name),
            TypeExpr::Array(inner) | TypeExpr::Map(inner) | TypeExpr::TextOr(inner) => *inner,
            _ => return None,
        };
    }
}

/// Whether two pages of one folder and route are variants rather than one
/// operation documented twice: both have a request body and the bodies' paths differ.
pub fn are_variants(a: &OperationFile, b: &OperationFile) -> bool {
    let (a, b) = (request_paths(a), request_paths(b));
    !a.is_empty() && !b.is_empty() && a != b
}

/// Likeness of two bodies' paths: shared paths over all paths (0 to 1).
pub fn likeness(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let all = a.union(b).count();
    if all == 0 {
        return 1.0;
    }
    a.intersection(b).count() as f64 / all as f64
}

/// Names each of a route's variants after the shortest request path only it
/// has (`auth.identity.totp` gives `totp`); one whose paths all appear in
/// another variant too stays unnamed: it is the plain form. Names are unique.
pub fn name(variants: &mut [&mut OperationFile]) {
    let paths: Vec<BTreeSet<String>> = variants.iter().map(|op| request_paths(op)).collect();
    let mut taken: BTreeSet<Option<String>> = BTreeSet::new();
    for (at, op) in variants.iter_mut().enumerate() {
        let others: BTreeSet<&String> = paths
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != at)
            .flat_map(|(_, p)| p)
            .collect();
        let own = paths[at]
            .iter()
            .filter(|p| !others.contains(p))
            .min_by_key(|p| (p.matches('.').count(), p.len(), (*p).clone()))
            .map(|p| p.rsplit('.').next().unwrap_or(p).to_snake_case());
        let mut name = own;
        let mut nth = 2;
        while taken.contains(&name) {
            name = Some(format!("variant_{nth}"));
            nth += 1;
        }
        taken.insert(name.clone());
        op.variant = name;
    }
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
