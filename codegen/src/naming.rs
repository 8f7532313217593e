//! Rust names derived from documentation names, with heck.
//!
//! Wire names stay exactly as the docs spell them (`projectId`); Rust names are
//! derived here and nowhere else, so validation and emission agree on them.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that `r#` can escape.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const RESERVED: &[&str] = &["crate", "self", "super", "Self", "_"];

/// A field, parameter or module name: `graphName` → `graph_name`, `type` → `r#type`.
pub fn snake(name: &str) -> String {
    let mut snake = name.to_snake_case();
    if snake.is_empty() {
        return snake;
    }
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert(0, 'n');
    }
    if RESERVED.contains(&snake.as_str()) {
        snake.push('_');
    } else if RAW_KEYWORDS.contains(&snake.as_str()) {
        snake.insert_str(0, "r#");
    }
    snake
}

/// A type or variant name: `cancel_job` → `CancelJob`, `DLI.0001` → `Dli0001`.
pub fn upper_camel(name: &str) -> String {
    let mut camel = name.to_upper_camel_case();
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        camel.insert(0, 'N');
    }
    if camel == "Self" {
        camel.push('_');
    }
    camel
}

/// Type names generated code uses or writes unqualified; an object table may
/// not take one, or it would shadow it.
pub fn is_reserved_type_name(name: &str) -> bool {
    const PRELUDE: &[&str] = &[
        "String",
        "Vec",
        "Option",
        "Some",
        "None",
        "Box",
        "Result",
        "Ok",
        "Err",
        "ErrorCode",
        "Unset",
        "Set",
    ];
    const GENERATED_SUFFIXES: &[&str] = &["Request", "Response", "RequestBuilder", "RequestBody"];
    PRELUDE.contains(&name) || GENERATED_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Whether `name` is usable as the `operation` id and in file names.
pub fn is_snake_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.contains("__")
        && !name.ends_with('_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_rust_names_from_doc_names() {
        assert_eq!(snake("projectId"), "project_id");
        assert_eq!(snake("page-size"), "page_size");
        assert_eq!(snake("X-Auth-Token"), "x_auth_token");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("2fa"), "n2fa");
        assert_eq!(upper_camel("DLI.0001"), "Dli0001");
        assert_eq!(upper_camel("GES.8303"), "Ges8303");
        assert_eq!(upper_camel("cancel_job"), "CancelJob");
    }

    #[test]
    fn snake_identifiers_are_plain_lowercase() {
        assert!(is_snake_identifier("cancel_job_v2"));
        assert!(!is_snake_identifier("CancelJob"));
        assert!(!is_snake_identifier("cancel-job"));
        assert!(!is_snake_identifier("_job"));
    }
}
