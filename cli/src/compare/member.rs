//! The unit both sides are flattened into: a named member at a place
//! (a parameter location, the request body or the success response), with its
//! nesting path, requiredness and kind of type.

use serde::Serialize;

/// Where a member travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    Path,
    Query,
    Header,
    Body,
    Response,
}

impl Place {
    pub fn as_str(self) -> &'static str {
        match self {
            Place::Path => "path",
            Place::Query => "query",
            Place::Header => "header",
            Place::Body => "body",
            Place::Response => "response",
        }
    }
}

/// What a type is, coarsely: the scalars both sides spell alike, and containers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
    /// A file's bytes: a form part or a raw body (`file`).
    File,
    /// Untyped, or a spelling neither side maps (`any`).
    Other,
}

impl Kind {
    pub fn is_scalar(self) -> bool {
        matches!(self, Kind::String | Kind::Integer | Kind::Number | Kind::Boolean)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Array => "array",
            Kind::Object => "object",
            Kind::File => "file",
            Kind::Other => "other",
        }
    }
}

/// A parameter or a (nested) field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub place: Place,
    /// Names from the body's root, dot-joined (`backup.name`); arrays are
    /// transparent (`servers.id` is the `id` of each of `servers`).
    pub path: String,
    /// Whether it is required; `None` where our spec does not say (response
    /// tables mostly have no such column).
    pub required: Option<bool>,
    pub kind: Kind,
    /// Where our spec says it (`file:line`); none for the vendor's side.
    pub at: Option<String>,
}

impl Member {
    /// The last name of the path.
    pub fn name(&self) -> &str {
        self.path.rsplit('.').next().unwrap_or(&self.path)
    }

    /// The place and path, as reports print them: `query limit`, `body backup.name`.
    pub fn label(&self) -> String {
        format!("{} {}", self.place.as_str(), self.path)
    }
}

/// Joins a parent path and a name.
pub fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

/// How deep either side is followed into nested objects: no documented body
/// nests deeper, and a cycle of references stops here at the latest.
pub const MAX_DEPTH: usize = 12;
