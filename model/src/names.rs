//! Every Rust name the generator emits, derived from documentation names here and
//! nowhere else, and the scopes in which two of them must not coincide.
//!
//! Wire names stay exactly as the docs spell them (`projectId`); Rust names are
//! derived with heck. A `Scope` (crate-private) collects the names one Rust scope (a module, a
//! struct, an impl) will hold, so validation can report two items that become the
//! same identifier after case conversion before any code is written.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;

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

/// Type names generated code writes unqualified inside an operation module: a
/// generated type of the same name would shadow them.
pub const PRELUDE_TYPES: &[&str] = &[
    "String",
    "Vec",
    "Option",
    "Some",
    "None",
    "Box",
    "Result",
    "Ok",
    "Err",
    "Self",
    "Default",
    "Serialize",
    "Deserialize",
];

/// Item names every service module holds besides its operations' types.
pub const SERVICE_ITEMS: &[&str] = &["ErrorCode", "ApiError", "ResponseError"];

/// Module names a service module holds besides its operations' modules: the
/// alias through which generated code names the runtime. (The module of shared
/// types is named to avoid the operations' modules instead: `types`, else
/// `shared_types`.)
pub const SERVICE_MODULES: &[&str] = &["runtime"];

/// Service ids that would clash at a generated crate's root, in its
/// `[features]` or among the files the generator writes: the runtime re-export
/// and the runtime crate's own name (`::hwcloud_runtime` paths would become
/// ambiguous), `hwcloud`'s `client`, `mock` and `signing` modules (and the
/// `client` feature), Cargo's
/// `default` feature, the generator's `services.rs` (a service file of that name
/// would include itself) and `example_tests.rs`, the standalone crate's
/// `tests/examples.rs`, and the standard crates generated code names.
pub const RESERVED_SERVICE_IDS: &[&str] = &[
    "runtime",
    "hwcloud_runtime",
    "client",
    "mock",
    "signing",
    "default",
    "services",
    "example_tests",
    "examples",
    "std",
    "core",
    "alloc",
];

/// The response field that keeps undocumented JSON keys; docs may not use the name.
pub const UNDOCUMENTED_FIELD: &str = "undocumented";

/// The request field that holds the JSON body.
pub const BODY_FIELD: &str = "body";

/// The response field that holds the bytes of a body that is not JSON.
pub const BYTES_FIELD: &str = "body";

/// The response field that holds the content type of a body that is not JSON;
/// a documented `Content-Type` header is read into it.
pub const CONTENT_TYPE_FIELD: &str = "content_type";

/// The builder method that finishes a request.
pub const BUILD_METHOD: &str = "build";

/// The fallback variant of every error-code enum.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// A field, parameter, setter or module name: `graphName` → `graph_name`,
/// `type` → `r#type`, `self` → `self_`. Empty when the name has no letters or digits.
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

/// A type, trait or variant name: `cancel_job` → `CancelJob`, `DLI.0001` → `Dli0001`.
pub fn upper_camel(name: &str) -> String {
    let mut camel = camel_prefix(name);
    if camel == "Self" {
        camel.push('_');
    }
    camel
}

/// The start of a longer type name (`self` → `Self` in `SelfRequest`): never
/// used alone, so it needs no escape from `Self`, which would break the case.
fn camel_prefix(name: &str) -> String {
    let mut camel = name.to_upper_camel_case();
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        camel.insert(0, 'N');
    }
    camel
}

/// The name as it reads without `r#`, for messages, serde renames and derived names.
pub fn plain(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Whether a derived name is one Rust identifier (after an optional `r#`): an
/// XID start character or `_`, then XID continue characters, as rustc requires.
/// heck keeps letters of any script, and some pages annotate a name in Chinese.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = plain(name).chars();
    chars
        .next()
        .is_some_and(|c| unicode_ident::is_xid_start(c) || c == '_')
        && chars.all(unicode_ident::is_xid_continue)
        && plain(name) != "_"
}

/// Whether `text` mentions `name` as a whole name, not as part of a longer one:
/// `marker` is not mentioned by `next_marker`, nor the caption
/// `TrafficMirrorFilter` by `Array of TrafficMirrorFilterRule objects`.
pub fn mentions(text: &str, name: &str) -> bool {
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let (first, last) = (name.chars().next(), name.chars().next_back());
    !name.is_empty()
        && text.match_indices(name).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].chars().next();
            let runs_on = joins(before) && joins(first) || joins(after) && joins(last);
            !runs_on
        })
}

/// Whether `name` is usable as an `operation` or `service` id and in file names.
pub fn is_snake_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.contains("__")
        && !name.ends_with('_')
}

/// Whether `id` can be a service's id: a snake_case identifier that is a
/// module name (a keyword only where a raw identifier can be one: `as` is
/// `r#as`), and none of [`RESERVED_SERVICE_IDS`]. What validation checks, for
/// tools that choose ids (the importer from folder names and page ids).
pub fn is_service_id(id: &str) -> bool {
    is_snake_identifier(id)
        && [id.to_owned(), format!("r#{id}")].contains(&snake(id))
        && !RESERVED_SERVICE_IDS.contains(&id)
}

/// Whether an object table named `name` could collide with a name the generator
/// makes in any operation: a standard type, or the shape of a request, builder,
/// body, response, response item, marker trait or builder type parameter. A tool
/// that names tables (the importer) avoids these; validation still checks the
/// actual names of each operation.
pub fn is_reserved_type_name(name: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "Request",
        "RequestBuilder",
        "RequestBody",
        "RequestItem",
        "Response",
        "ResponseItem",
        "State",
    ];
    let marker = name
        .strip_prefix("Has")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()));
    PRELUDE_TYPES.contains(&name)
        || SERVICE_ITEMS.contains(&name)
        || marker
        || SUFFIXES.iter().any(|s| name.len() > s.len() && name.ends_with(s))
}

/// The names of an operation's module and main types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationNames {
    /// The module holding the operation's items (`cancel_job`, `r#type`).
    pub module: String,
    /// `CancelJobRequest`.
    pub request: String,
    /// `CancelJobRequestBuilder`.
    pub builder: String,
    /// `CancelJobRequestBody`, used when the request has a JSON body.
    pub body: String,
    /// `CancelJobResponse`.
    pub response: String,
    /// `CancelJobResponseItem`, the element of an array response.
    pub response_item: String,
    /// `CancelJobRequestItem`, the element of an array request body.
    pub request_item: String,
}

impl OperationNames {
    /// The names for operation id `id`.
    pub fn of(id: &str) -> OperationNames {
        let prefix = camel_prefix(id);
        OperationNames {
            module: snake(id),
            request: format!("{prefix}Request"),
            builder: format!("{prefix}RequestBuilder"),
            body: format!("{prefix}RequestBody"),
            response: format!("{prefix}Response"),
            response_item: format!("{prefix}ResponseItem"),
            request_item: format!("{prefix}RequestItem"),
        }
    }
}

impl OperationNames {
    /// The struct of one success body where a page documents several
    /// (`CreateSecurityGroupAcceptedResponse`), for its enum variant.
    pub fn success_struct(&self, variant: &str) -> String {
        let prefix = self.request.strip_suffix("Request").unwrap_or(&self.request);
        format!("{prefix}{variant}Response")
    }
}

/// The enum variant of a success body by the first status it comes under:
/// the status's reason phrase (`Created`, `Accepted`), `Success` for any 2xx.
pub fn success_variant(status: Option<u16>) -> String {
    let reason = match status {
        None => "Success",
        Some(200) => "Ok",
        Some(201) => "Created",
        Some(202) => "Accepted",
        Some(203) => "NonAuthoritative",
        Some(204) => "NoContent",
        Some(205) => "ResetContent",
        Some(206) => "PartialContent",
        Some(207) => "MultiStatus",
        Some(208) => "AlreadyReported",
        Some(226) => "ImUsed",
        Some(other) => return format!("Status{other}"),
    };
    reason.to_owned()
}

/// The body field (and builder method) holding the elements of an array
/// request body.
pub const ITEMS_FIELD: &str = "items";

/// The builder method of a body field whose name a parameter already takes
/// (GES repeats `graphName` in path and body).
pub fn body_setter(rust: &str) -> String {
    format!("body_{}", plain(rust))
}

/// The builder's type parameter that tracks whether `setter` was called.
pub fn state_param(setter: &str) -> String {
    format!("{}State", camel_prefix(plain(setter)))
}

/// The marker trait whose absence names the missing required `setter`.
pub fn marker_trait(setter: &str) -> String {
    format!("Has{}", camel_prefix(plain(setter)))
}

/// The variant of the service's `ErrorCode` enum for `code`.
pub fn error_variant(code: &str) -> String {
    upper_camel(code)
}

/// One Rust scope: the names it will hold, each with what claimed it (`C`),
/// so that a second claim on a name can say which two items collide.
#[derive(Debug)]
pub(crate) struct Scope<'a, C = String> {
    what: Cow<'a, str>,
    names: HashMap<Box<str>, C>,
}

impl<'a, C: Clone> Scope<'a, C> {
    /// An empty scope described as `what` in messages (`module dli::cancel_job`).
    pub(crate) fn new(what: impl Into<Cow<'a, str>>) -> Self {
        Scope {
            what: what.into(),
            names: HashMap::new(),
        }
    }

    /// A scope holding names the generator reserves for itself.
    pub(crate) fn reserving(what: impl Into<Cow<'a, str>>, reserved: &[&str], why: impl Into<C>) -> Self {
        let mut scope = Scope::new(what);
        let why = why.into();
        for name in reserved {
            scope.names.insert((*name).into(), why.clone());
        }
        scope
    }

    /// Claims `name` for `item`; on a collision, `item` back with what
    /// claimed the name first.
    pub(crate) fn claim_or_first(&mut self, name: &str, item: C) -> Result<(), (C, C)> {
        match self.names.entry(plain(name).into()) {
            Entry::Occupied(first) => Err((item, first.get().clone())),
            Entry::Vacant(slot) => {
                slot.insert(item);
                Ok(())
            }
        }
    }

    /// The message for `item` becoming `name`, which `first` claimed.
    pub(crate) fn collision(&self, item: impl fmt::Display, name: &str, first: impl fmt::Display) -> String {
        format!("{item} becomes `{name}` in {}, like {first}", self.what)
    }
}

impl<C: fmt::Display + Clone> Scope<'_, C> {
    /// Claims `name` for `item`; on a collision, the message to report.
    pub(crate) fn claim(&mut self, name: &str, item: impl Into<C>) -> Result<(), String> {
        self.claim_or_first(name, item.into())
            .map_err(|(item, first)| self.collision(item, name, first))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_mentioned_whole() {
        assert!(mentions("limit and marker", "marker"));
        assert!(mentions("见表3 job属性", "job"));
        assert!(mentions("Array of JobDetail objects", "JobDetail"));
        assert!(!mentions("previous_marker, next_marker", "marker"));
        assert!(!mentions(
            "Array of TrafficMirrorFilterRule objects",
            "TrafficMirrorFilter"
        ));
        assert!(mentions("x-auth-token", "auth"), "a hyphen parts names");
        assert!(!mentions("anything", ""));
    }

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
        assert_eq!(state_param("r#type"), "TypeState");
        assert_eq!(marker_trait("graph_name"), "HasGraphName");
        assert_eq!(OperationNames::of("self").request, "SelfRequest");
        let names = OperationNames::of("type");
        assert_eq!(
            (names.module.as_str(), names.request.as_str()),
            ("r#type", "TypeRequest")
        );
    }

    #[test]
    fn identifiers_are_what_rustc_accepts() {
        assert!(is_identifier("r#type") && is_identifier("job_id") && is_identifier("_x"));
        assert!(is_identifier("has_label_一千亿边"));
        assert!(!is_identifier("a²") && !is_identifier("") && !is_identifier("1a") && !is_identifier("_"));
    }

    #[test]
    fn snake_identifiers_are_plain_lowercase() {
        assert!(is_service_id("dli") && is_service_id("as"));
        assert!(!is_service_id("runtime") && !is_service_id("mock") && !is_service_id("self"));
        assert!(is_snake_identifier("cancel_job_v2"));
        assert!(!is_snake_identifier("CancelJob"));
        assert!(!is_snake_identifier("cancel-job"));
        assert!(!is_snake_identifier("_job"));
    }

    #[test]
    fn a_scope_names_both_items_of_a_collision() {
        let mut scope: Scope = Scope::reserving("module demo", &["String"], "a standard type");
        assert!(scope.claim("Job", "object table `Job`").is_ok());
        let message = scope.claim("Job", "response type of `job`").unwrap_err();
        assert_eq!(
            message,
            "response type of `job` becomes `Job` in module demo, like object table `Job`"
        );
        assert!(scope.claim("String", "object table `String`").is_err());
        assert!(scope.claim("r#type", "field `type`").is_ok());
        assert!(scope.claim("type", "field `Type`").is_err());
    }
}
