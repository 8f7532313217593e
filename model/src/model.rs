//! The validated model: resolved types and every Rust name, nothing YAML.
//!
//! Only [`load`](crate::load) builds it, in the same pass that validates the spec,
//! so every reference in it resolves and every name in it is a distinct Rust
//! identifier in its scope. Emitters read it and never look back at the spec.

use std::path::PathBuf;

pub use crate::names::OperationNames;
pub use crate::spec::schema::{DocTable, ErrorBodyShape, ExampleKind, Method, Text};

/// A whole spec directory.
#[derive(Debug, Clone)]
pub struct Model {
    /// The services, ordered by id.
    pub services: Vec<Service>,
    /// Every file the model was read from, for build-script change tracking.
    pub files: Vec<PathBuf>,
}

/// One service, as [`load`](crate::load) models it. The `service` of an
/// [`outline::ServiceOutline`](crate::outline::ServiceOutline) is one too, but
/// partial: its `operations` are only those its waiters poll and its
/// `shared_objects` are empty, so [`Service::operation`] and
/// [`Service::object`] answer for those alone.
#[derive(Debug, Clone)]
pub struct Service {
    /// `dli`: module and feature name.
    pub id: String,
    pub name: Text,
    pub description: Text,
    /// Host patterns per cloud (Huawei Cloud's first), as documented.
    pub endpoints: Vec<Endpoint>,
    /// Planes whose operations go to an address the caller gives.
    pub planes: Vec<Plane>,
    pub error_shapes: Vec<ErrorBodyShape>,
    pub error_codes: Vec<ErrorCode>,
    pub examples: Vec<Example>,
    pub operations: Vec<Operation>,
    /// Object tables several operations document alike, defined once in
    /// [`types_module`](Self::types_module) and re-exported by each operation's
    /// module ([`Operation::shared`]), in the order first documented.
    pub shared_objects: Vec<Object>,
    /// The module of the shared tables: `types`, unless an operation took the name.
    pub types_module: String,
    /// Polling helpers, in spec order.
    pub waiters: Vec<Waiter>,
}

/// A waiter: poll one operation until a response field says done.
#[derive(Debug, Clone)]
pub struct Waiter {
    /// snake_case, as the spec names it (`sql_job_finished`).
    pub name: String,
    /// The generated function: `wait_until_<name>`.
    pub function: String,
    pub description: Text,
    /// The polled operation's id.
    pub operation: String,
    /// Where the state is read in the polled operation's response.
    pub field: FieldPath,
    pub success: Vec<String>,
    pub failure: Vec<String>,
    pub retry: Vec<String>,
    /// Seconds: first delay, longest delay, default timeout.
    pub delay: u64,
    pub max_delay: u64,
    pub timeout: u64,
}

/// A dotted path into a response: typed fields first, then, where a field is
/// untyped JSON, keys into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath {
    /// The path as the spec spells it.
    pub dotted: String,
    pub steps: Vec<Step>,
    /// Keys below the last step when it is untyped JSON.
    pub json: Vec<String>,
}

/// One typed field of a [`FieldPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The Rust field name.
    pub rust: String,
    /// `false`: the field is an `Option`.
    pub required: bool,
    pub ty: Type,
}

impl FieldPath {
    /// The type at the end of the typed steps.
    pub fn ty(&self) -> &Type {
        &self.steps.last().expect("a path has a step").ty
    }
}

/// How a list operation pages, resolved against its parameters and response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    pub scheme: PageScheme,
    /// Index into [`Operation::params`]: the position parameter.
    pub parameter: usize,
    /// Index into [`Operation::params`]: the page-size parameter.
    pub page_size: Option<usize>,
    /// The response array of items; its element type is `item`.
    pub items: FieldPath,
    pub item: Type,
    pub total: Option<FieldPath>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageScheme {
    Offset,
    Page {
        first: i64,
    },
    /// The next marker from `next` in the response, else (or when the response
    /// has none) from `key` of the last item.
    Marker {
        next: Option<FieldPath>,
        key: Option<FieldPath>,
    },
}

/// A plane of a service (GES's graph plane), as its spec states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plane {
    pub name: String,
    pub uri_prefix: String,
    pub token_only: bool,
    /// Headers the plane's requests carry by default: (name, value).
    pub headers: Vec<(String, String)>,
    pub description: Text,
}

/// A documented host pattern of one cloud.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The cloud's id (`open-telekom-cloud`).
    pub cloud: String,
    /// The runtime's `Cloud` variant (`OpenTelekomCloud`).
    pub variant: String,
    /// The host, `{region}` standing for the region.
    pub pattern: String,
}

#[derive(Debug, Clone)]
pub struct ErrorCode {
    pub variant: String,
    pub code: String,
    pub status: u16,
    pub message: Text,
    pub description: Text,
    pub remedy: Text,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub id: String,
    /// The module and type names of the operation.
    pub names: OperationNames,
    pub title: Text,
    pub summary: Text,
    pub sources: Vec<SourcePage>,
    pub api_version: Option<String>,
    pub deprecated: Option<Deprecation>,
    /// The clouds whose documentation has the operation (`CLOUDS` ids), where
    /// not all the service's pages' clouds do; empty: every cloud.
    pub clouds: Vec<String>,
    pub method: Method,
    /// The URI as documented, fixed query included.
    pub uri: String,
    /// The URI with placeholders anonymous (`/v1.0/{}/jobs/{}`): what identifies
    /// the operation whatever the placeholders are called.
    pub uri_shape: String,
    pub path: Vec<PathPiece>,
    pub fixed_query: Vec<(String, String)>,
    /// Path, query and header parameters, in documentation order.
    pub params: Vec<Member>,
    pub body: Option<Vec<Member>>,
    pub response: Vec<Member>,
    /// Response headers that carry data (`X-Subject-Token`): fields of the
    /// response struct beside the body's, read from the headers.
    pub response_headers: Vec<Member>,
    /// The response is a JSON array of objects with the `response` members.
    pub response_is_array: bool,
    /// The request body is a JSON array: `body` is one field, `items`, of the
    /// elements (`names.request_item`), serialized as the bare array.
    pub body_is_array: bool,
    /// How the request body travels when it is not JSON.
    pub request_media: Option<Media>,
    /// The success response's content type when it is not JSON: the response
    /// struct holds its bytes (`body`) and content type beside the headers.
    pub response_media: Option<String>,
    /// Every object table the page documents, as it documents them.
    pub objects: Vec<Object>,
    /// The names of the tables in `objects` that are the service's
    /// [shared types](Service::shared_objects) (whose descriptions may differ from
    /// this page's): the operation's module re-exports those instead of defining
    /// them; [`local_objects`](Self::local_objects) are the others.
    pub shared: Vec<String>,
    /// The plane the operation belongs to, when not the service endpoint's.
    pub plane: Option<Plane>,
    /// The statuses the success body is documented under (empty: any 2xx).
    pub success_statuses: Vec<u16>,
    /// Where a page documents another 2xx body with other fields (VPC's 202
    /// of a dry run beside the 201): every success body, the main one
    /// (`response`) first. The response type (`names.response`) is then an
    /// enum of them. Empty: one success type.
    pub success_variants: Vec<SuccessVariant>,
    /// The other statuses' bodies as documented: read by the service's error
    /// shapes (errors) or into `response` (other 2xx), not typed per status.
    pub status_bodies: Vec<StatusBody>,
    pub status_codes: Vec<(u16, Text)>,
    pub examples: Vec<Example>,
    /// Tables the page gives for reading beside its fields; docs only.
    pub tables: Vec<DocTable>,
    /// How it pages through a list, when it does.
    pub pagination: Option<Pagination>,
}

/// A request body that is not JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Media {
    /// `multipart/form-data`: each body field is a part, scalars as text and
    /// `file` fields as files.
    Multipart,
    /// `application/x-www-form-urlencoded`: the body fields, scalars, encoded
    /// as a query string is.
    Form,
    /// The body is the bytes of its one member (a `file`), sent with this
    /// content type (`application/octet-stream`).
    Raw(String),
}

impl Media {
    pub const MULTIPART: &'static str = "multipart/form-data";
    pub const FORM: &'static str = "application/x-www-form-urlencoded";

    /// The content type as the spec writes it.
    pub fn content_type(&self) -> &str {
        match self {
            Media::Multipart => Media::MULTIPART,
            Media::Form => Media::FORM,
            Media::Raw(media) => media,
        }
    }
}

/// One of several success bodies: an enum variant holding its struct.
#[derive(Debug, Clone)]
pub struct SuccessVariant {
    /// The statuses it comes under (empty for the main body: any 2xx no other
    /// variant names).
    pub statuses: Vec<u16>,
    /// `Created`, `Accepted`: [`names::success_variant`](crate::names::success_variant).
    pub variant: String,
    /// `CreateSecurityGroupAcceptedResponse`.
    pub type_name: String,
    pub fields: Vec<Member>,
}

/// A body the page documents for other statuses than the success one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusBody {
    pub statuses: Vec<u16>,
    /// Its top-level field names, as they travel.
    pub fields: Vec<String>,
}

impl Operation {
    /// The object tables the operation's module defines: those not shared.
    pub fn local_objects(&self) -> impl Iterator<Item = &Object> {
        self.objects.iter().filter(|o| !self.shared.contains(&o.name))
    }

    /// Parameters and body fields, which all get builder methods.
    pub fn inputs(&self) -> impl Iterator<Item = &Member> {
        self.params.iter().chain(self.body.iter().flatten())
    }
}

#[derive(Debug, Clone)]
pub struct SourcePage {
    pub page: String,
    pub lang: &'static str,
}

#[derive(Debug, Clone)]
pub struct Deprecation {
    /// Names of the replacement operation, when the page names one.
    pub replacement: Option<OperationNames>,
    pub note: Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPiece {
    Literal(String),
    /// Index into [`Operation::params`].
    Param(usize),
}

/// A parameter or a field: one row of a documentation table.
#[derive(Debug, Clone)]
pub struct Member {
    /// The name on the wire, as documented.
    pub wire: String,
    /// The Rust name, possibly `r#`-escaped.
    pub rust: String,
    /// The builder method: `rust`, or `body_<rust>` for a body field that shares
    /// its name with a parameter (GES repeats `graphName` in path and body).
    pub setter: String,
    /// The builder's type parameter for a required input (`JobIdState`).
    pub state: String,
    /// The marker trait that names a required input when it is missing (`HasJobId`).
    pub marker: String,
    pub location: Option<Location>,
    pub required: bool,
    pub ty: Type,
    pub constraints: Constraints,
    pub docs: MemberDocs,
}

/// What the docs allow a value to be, beyond its type: validation checked that
/// lengths belong to strings and arrays, bounds to numbers, and min <= max.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Constraints {
    /// Fewest characters of a string, items of an array.
    pub min_length: Option<u64>,
    /// Most characters of a string, items of an array.
    pub max_length: Option<u64>,
    pub minimum: Option<i64>,
    pub maximum: Option<i64>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberDocs {
    pub description: Text,
    /// The mandatory column as documented: `None` when the table has none.
    pub documented_required: Option<bool>,
    pub doc_type: Option<String>,
    pub default: Option<String>,
    pub range: Option<String>,
    pub values: Vec<String>,
    pub note: Option<String>,
    /// The clouds that document the member, where not all its operation's do.
    pub clouds: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Type {
    String,
    I32,
    I64,
    F64,
    Bool,
    JsonObject,
    Json,
    Vec(Box<Type>),
    Map(Box<Type>),
    /// `runtime::TextOr<T>`: the value or its text, kept as sent.
    TextOr(Box<Type>),
    Object(String),
    /// An object that contains itself through this field: boxed to have a size.
    Boxed(Box<Type>),
    /// `runtime::Upload`: the bytes of a file, a multipart part or a whole body
    /// that is not JSON.
    Upload,
}

#[derive(Debug, Clone)]
pub struct Object {
    pub name: String,
    pub caption: Text,
    pub fields: Vec<Member>,
    /// Reachable from the request body: gets a constructor taking its required fields.
    pub in_request: bool,
    /// Reachable from the response: keeps undocumented keys.
    pub in_response: bool,
}

#[derive(Debug, Clone)]
pub struct Example {
    pub kind: ExampleKind,
    pub status: Option<u16>,
    pub title: Text,
    pub is_json: bool,
    pub body: String,
    /// Why the generated types cannot read it as the page means it.
    pub contradicts: Option<String>,
}

impl Model {
    /// The service with this id.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }
}

impl Service {
    /// The operation with this id.
    pub fn operation(&self, id: &str) -> Option<&Operation> {
        self.operations.iter().find(|o| o.id == id)
    }

    /// The type an operation's object table `name` is generated as: the
    /// service's shared type when the table is shared, else the page's table.
    pub fn object<'a>(&'a self, op: &'a Operation, name: &str) -> Option<&'a Object> {
        if op.shared.iter().any(|n| n == name) {
            return self.shared_objects.iter().find(|o| o.name == name);
        }
        op.objects.iter().find(|o| o.name == name)
    }
}

impl Type {
    /// The object tables this type names, through arrays, maps and boxes.
    pub fn object_names(&self) -> Vec<&str> {
        match self {
            Type::Object(name) => vec![name],
            Type::Vec(inner) | Type::Map(inner) | Type::Boxed(inner) => inner.object_names(),
            _ => Vec::new(),
        }
    }
}
