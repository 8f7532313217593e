//! The model between spec and output: resolved types, Rust names, nothing YAML.
//!
//! Built only from a validated [`Spec`](crate::spec::Spec), so it assumes every
//! reference resolves; emitters read it and never look back at the spec.

use std::collections::BTreeSet;

use crate::naming;
use crate::spec::schema::{self, Lang, ParamLocation};
use crate::spec::types::TypeExpr;
use crate::spec::uri::{Piece, UriTemplate};
use crate::spec::{ServiceSpec, Spec};

pub use crate::spec::schema::{ErrorBodyShape, ExampleKind, Method, Text};

#[derive(Debug, Clone)]
pub struct Model {
    pub services: Vec<Service>,
}

#[derive(Debug, Clone)]
pub struct Service {
    /// `dli`: module and feature name.
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub endpoint: Option<String>,
    pub error_shapes: Vec<ErrorBodyShape>,
    pub error_codes: Vec<ErrorCode>,
    pub examples: Vec<Example>,
    pub operations: Vec<Operation>,
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
    /// `CancelJob`: prefix of the request, builder and response type names.
    pub type_prefix: String,
    pub title: Text,
    pub summary: Text,
    pub sources: Vec<SourcePage>,
    pub api_version: Option<String>,
    pub deprecated: Option<Deprecation>,
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
    /// The response is a JSON array of objects with the `response` members.
    pub response_is_array: bool,
    pub objects: Vec<Object>,
    pub status_codes: Vec<(u16, Text)>,
    pub examples: Vec<Example>,
}

impl Operation {
    pub fn request_type(&self) -> String {
        format!("{}Request", self.type_prefix)
    }
    pub fn builder_type(&self) -> String {
        format!("{}RequestBuilder", self.type_prefix)
    }
    pub fn body_type(&self) -> String {
        format!("{}RequestBody", self.type_prefix)
    }
    pub fn response_type(&self) -> String {
        format!("{}Response", self.type_prefix)
    }
    /// The element struct of an array response.
    pub fn response_item_type(&self) -> String {
        format!("{}ResponseItem", self.type_prefix)
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
    /// Request type of the replacement (`CancelJobRequest`).
    pub replacement: Option<String>,
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
    pub location: Option<Location>,
    pub required: bool,
    pub ty: Type,
    pub docs: MemberDocs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone, Default)]
pub struct MemberDocs {
    pub description: Text,
    /// The mandatory column as documented: `None` when the table has none.
    pub documented_required: Option<bool>,
    pub doc_type: Option<String>,
    pub default: Option<String>,
    pub range: Option<String>,
    pub values: Vec<String>,
    pub note: Option<String>,
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
}

impl Model {
    pub fn from_spec(spec: &Spec) -> Model {
        Model {
            services: spec.services.iter().map(service).collect(),
        }
    }

    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }
}

impl Service {
    pub fn operation(&self, id: &str) -> Option<&Operation> {
        self.operations.iter().find(|o| o.id == id)
    }
}

fn service(spec: &ServiceSpec) -> Service {
    let file = &spec.service.value;
    let operations: Vec<Operation> = spec.operations.iter().map(|o| operation(&o.value)).collect();
    Service {
        id: file.service.clone(),
        name: file.name.clone(),
        description: file.description.clone(),
        endpoint: file.endpoint.clone(),
        error_shapes: file.error_body.clone(),
        error_codes: file
            .error_codes
            .iter()
            .map(|e| ErrorCode {
                variant: naming::upper_camel(&e.code),
                code: e.code.clone(),
                status: e.status,
                message: e.message.clone(),
                description: e.description.clone(),
                remedy: e.remedy.clone(),
            })
            .collect(),
        examples: file.examples.iter().map(example).collect(),
        operations,
    }
}

fn operation(op: &schema::OperationFile) -> Operation {
    let template = UriTemplate::parse(&op.uri).expect("validated URI");
    let params: Vec<Member> = op.parameters.iter().map(member).collect();
    let path = template
        .path
        .iter()
        .map(|piece| match piece {
            Piece::Literal(text) => PathPiece::Literal(text.clone()),
            Piece::Placeholder(name) => PathPiece::Param(
                params
                    .iter()
                    .position(|p| p.location == Some(Location::Path) && &p.wire == name)
                    .expect("validated placeholder"),
            ),
        })
        .collect();
    let body: Option<Vec<Member>> = op.request_body.as_ref().map(|b| {
        b.fields
            .iter()
            .map(member)
            .map(|mut m| {
                if params.iter().any(|p| p.rust == m.rust) {
                    m.setter = format!("body_{}", m.rust.trim_start_matches("r#"));
                }
                m
            })
            .collect()
    });
    let response: Vec<Member> = op
        .response
        .iter()
        .flat_map(|b| b.fields.iter().map(member))
        .collect();
    let tables: Vec<(String, Text, Vec<Member>)> = op
        .objects
        .iter()
        .map(|t| {
            (
                t.name.clone(),
                t.caption.clone(),
                t.fields.iter().map(member).collect(),
            )
        })
        .collect();
    let in_request = reachable(body.iter().flatten(), &tables);
    let in_response = reachable(response.iter(), &tables);
    Operation {
        id: op.operation.clone(),
        type_prefix: naming::upper_camel(&op.operation),
        title: op.title.clone(),
        summary: op.summary.clone(),
        sources: op
            .sources
            .iter()
            .map(|s| SourcePage {
                page: s.page.clone(),
                lang: match s.lang {
                    Lang::En => "en",
                    Lang::Zh => "zh",
                },
            })
            .collect(),
        api_version: op.api_version.clone(),
        deprecated: op.deprecated.as_ref().map(|d| Deprecation {
            replacement: d
                .replacement
                .as_ref()
                .map(|r| format!("{}Request", naming::upper_camel(r))),
            note: d.note.clone(),
        }),
        method: op.method,
        uri: op.uri.clone(),
        uri_shape: template.shape(),
        path,
        fixed_query: template.fixed_query,
        params,
        body,
        response,
        response_is_array: op.response.as_ref().is_some_and(|b| b.array),
        objects: tables
            .into_iter()
            .map(|(name, caption, fields)| Object {
                in_request: in_request.contains(&name),
                in_response: in_response.contains(&name),
                name,
                caption,
                fields,
            })
            .collect(),
        status_codes: op
            .status_codes
            .iter()
            .map(|s| (s.status, s.description.clone()))
            .collect(),
        examples: op.examples.iter().map(example).collect(),
    }
}

fn member(field: &schema::Field) -> Member {
    Member {
        wire: field.name.clone(),
        rust: naming::snake(&field.name),
        setter: naming::snake(&field.name),
        location: field.location.map(|l| match l {
            ParamLocation::Path => Location::Path,
            ParamLocation::Query => Location::Query,
            ParamLocation::Header => Location::Header,
        }),
        // Path parameters are required whatever the page says; validation insists.
        required: field.required == Some(true) || field.location == Some(ParamLocation::Path),
        ty: rust_type(&TypeExpr::parse(&field.ty).expect("validated type")),
        docs: MemberDocs {
            description: field.description.clone(),
            documented_required: field.required,
            doc_type: field.doc_type.clone(),
            default: field.default.clone(),
            range: field.range.clone(),
            values: field.values.clone(),
            note: field.note.clone(),
        },
    }
}

fn rust_type(ty: &TypeExpr) -> Type {
    match ty {
        TypeExpr::String => Type::String,
        TypeExpr::Integer => Type::I32,
        TypeExpr::Long => Type::I64,
        TypeExpr::Number => Type::F64,
        TypeExpr::Boolean => Type::Bool,
        TypeExpr::Object => Type::JsonObject,
        TypeExpr::Any => Type::Json,
        TypeExpr::Array(inner) => Type::Vec(Box::new(rust_type(inner))),
        TypeExpr::Map(inner) => Type::Map(Box::new(rust_type(inner))),
        TypeExpr::TextOr(inner) => Type::TextOr(Box::new(rust_type(inner))),
        TypeExpr::Ref(name) => Type::Object(name.clone()),
    }
}

impl Type {
    fn object_names(&self) -> Vec<&str> {
        match self {
            Type::Object(name) => vec![name],
            Type::Vec(inner) | Type::Map(inner) => inner.object_names(),
            _ => Vec::new(),
        }
    }
}

/// Names of the object tables reachable from `roots`, following nested references.
fn reachable<'a>(
    roots: impl Iterator<Item = &'a Member>,
    tables: &[(String, Text, Vec<Member>)],
) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<String> = roots
        .flat_map(|m| m.ty.object_names().into_iter().map(str::to_owned))
        .collect();
    while let Some(name) = pending.pop() {
        if seen.insert(name.clone())
            && let Some((_, _, fields)) = tables.iter().find(|(n, _, _)| *n == name)
        {
            pending.extend(
                fields
                    .iter()
                    .flat_map(|f| f.ty.object_names().into_iter().map(str::to_owned)),
            );
        }
    }
    seen
}

fn example(example: &schema::Example) -> Example {
    Example {
        kind: example.kind,
        status: example.status,
        title: example.title.clone(),
        is_json: example.format == schema::ExampleFormat::Json,
        body: example.body.clone(),
    }
}
