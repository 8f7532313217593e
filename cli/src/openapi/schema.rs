//! Types, tables and the error body as OpenAPI schemas (`components.schemas`).
//!
//! The tables several operations share become components of their own name
//! (`Tag`), an operation's other object tables components named after the
//! operation (`ListJobsJob`), its bodies after their Rust types
//! (`ListJobsResponse`), so a reader of the document and of the generated crate
//! sees the same types.

use std::collections::BTreeMap;

use hwcloud_model::model::{Member, Object, Operation, Service, Type};
use serde_json::{Value, json};

use super::Lang;

/// The component of the service's error body.
pub(super) const ERROR: &str = "Error";

pub(super) fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// The member's description in `lang`, with its documented values.
pub(super) fn description(member: &Member, lang: Lang) -> Option<String> {
    let mut text = lang.pick(&member.docs.description).map(str::to_owned);
    if !member.docs.values.is_empty() {
        let values = format!("Values: {}.", member.docs.values.join(", "));
        text = Some(match text {
            Some(t) if !t.contains(&values) => format!("{t} {values}"),
            Some(t) => t,
            None => values,
        });
    }
    text
}

/// The components of one document, gathered operation by operation. Every name
/// is claimed once: a table or body whose name is taken (an operation `list`'s
/// `JobsJob` beside `list_jobs`' `Job`) gets the next free `Name2`, `Name3`.
pub(super) struct Schemas {
    lang: Lang,
    components: BTreeMap<String, Value>,
    /// The service's shared tables' component names.
    shared: BTreeMap<String, String>,
    /// The operation being exported: its object tables' component names.
    objects: BTreeMap<String, String>,
    /// The operation being exported: its bodies' component names (their Rust
    /// type names where free), claimed before its tables'.
    bodies: BTreeMap<String, String>,
}

impl Schemas {
    /// The components of `service`'s document, its shared tables already in.
    pub(super) fn new(lang: Lang, service: &Service) -> Self {
        let mut components = BTreeMap::new();
        // Claimed first, so no table takes the error body's name.
        components.insert(ERROR.to_owned(), Value::Null);
        let mut schemas = Schemas {
            lang,
            components,
            shared: BTreeMap::new(),
            objects: BTreeMap::new(),
            bodies: BTreeMap::new(),
        };
        for object in &service.shared_objects {
            let name = schemas.claim(&object.name);
            schemas.shared.insert(object.name.clone(), name);
        }
        // Shared tables name only shared tables.
        schemas.objects = schemas.shared.clone();
        for object in &service.shared_objects {
            schemas.table(object);
        }
        schemas
    }

    /// A free component name: `name`, or `name` with the first free number.
    fn claim(&mut self, name: &str) -> String {
        let name = (1..)
            .map(|n| {
                if n == 1 {
                    name.to_owned()
                } else {
                    format!("{name}{n}")
                }
            })
            .find(|candidate| !self.components.contains_key(candidate))
            .expect("a free name");
        self.components.insert(name.clone(), Value::Null);
        name
    }

    /// Adds the operation's object tables (named after the operation:
    /// `ListJobsJob`); its member schemas refer to them from now on.
    pub(super) fn enter(&mut self, op: &Operation) {
        let prefix = op
            .names
            .request
            .strip_suffix("Request")
            .unwrap_or(&op.names.request);
        let names = &op.names;
        let mut bodies = BTreeMap::new();
        for body in [&names.body, &names.response, &names.response_item] {
            bodies.insert(body.clone(), self.claim(body));
        }
        self.bodies = bodies;
        let mut objects: BTreeMap<String, String> = op
            .shared
            .iter()
            .map(|name| (name.clone(), self.shared[name].clone()))
            .collect();
        for object in op.local_objects() {
            objects.insert(
                object.name.clone(),
                self.claim(&format!("{prefix}{}", object.name)),
            );
        }
        self.objects = objects;
        for object in op.local_objects() {
            self.table(object);
        }
    }

    /// An object table's schema, under the component name claimed for it.
    fn table(&mut self, object: &Object) {
        let mut schema = self.members(&object.fields);
        if let Some(caption) = self.lang.pick(&object.caption) {
            schema["description"] = json!(caption);
        }
        self.components.insert(self.objects[&object.name].clone(), schema);
    }

    /// A body's members as the component claimed for the body `name`.
    pub(super) fn object(&mut self, name: &str, members: &[Member]) -> String {
        let schema = self.members(members);
        let name = self.bodies.get(name).cloned().unwrap_or_else(|| self.claim(name));
        self.components.insert(name.clone(), schema);
        name
    }

    /// An object schema of these members; undocumented keys are allowed.
    fn members(&self, members: &[Member]) -> Value {
        let properties: serde_json::Map<String, Value> =
            members.iter().map(|m| (m.wire.clone(), self.member(m))).collect();
        let required: Vec<&str> = members
            .iter()
            .filter(|m| m.required)
            .map(|m| m.wire.as_str())
            .collect();
        let mut schema = json!({ "type": "object", "properties": properties });
        if !required.is_empty() {
            schema["required"] = json!(required);
        }
        schema
    }

    /// The member's type with its documented bounds and description.
    fn member(&self, member: &Member) -> Value {
        let mut schema = self.bare(member);
        if let Some(text) = description(member, self.lang) {
            if schema.get("$ref").is_some() {
                // A reference has no siblings in OpenAPI 3.0: wrap it.
                schema = json!({ "allOf": [schema] });
            }
            schema["description"] = json!(text);
        }
        schema
    }

    /// The member's type with its documented bounds (a parameter's or header's
    /// schema: the description is the parameter's own).
    pub(super) fn bare(&self, member: &Member) -> Value {
        let mut schema = self.ty(&member.ty);
        let c = member.constraints;
        let (min, max) = match member.ty {
            Type::Vec(_) => ("minItems", "maxItems"),
            _ => ("minLength", "maxLength"),
        };
        let bounds = [
            (min, c.min_length.map(Value::from)),
            (max, c.max_length.map(Value::from)),
        ];
        let range = [
            ("minimum", c.minimum.map(Value::from)),
            ("maximum", c.maximum.map(Value::from)),
        ];
        for (key, value) in bounds.into_iter().chain(range) {
            if let Some(value) = value {
                schema[key] = value;
            }
        }
        schema
    }

    fn ty(&self, ty: &Type) -> Value {
        match ty {
            Type::String => json!({ "type": "string" }),
            Type::I32 => json!({ "type": "integer", "format": "int32" }),
            Type::I64 => json!({ "type": "integer", "format": "int64" }),
            Type::F64 => json!({ "type": "number", "format": "double" }),
            Type::Bool => json!({ "type": "boolean" }),
            Type::JsonObject => json!({ "type": "object" }),
            Type::Json => json!({}),
            Type::Vec(item) => json!({ "type": "array", "items": self.ty(item) }),
            Type::Map(value) => json!({ "type": "object", "additionalProperties": self.ty(value) }),
            // The value, or its text as some answers send it.
            Type::TextOr(inner) => json!({ "anyOf": [self.ty(inner), { "type": "string" }] }),
            Type::Object(name) => reference(self.objects.get(name).map_or(name.as_str(), String::as_str)),
            Type::Boxed(inner) => self.ty(inner),
            Type::Upload => json!({ "type": "string", "format": "binary" }),
        }
    }

    /// The components, with the service's error body and its error codes;
    /// names claimed for bodies an operation does not have are let go.
    pub(super) fn finish(mut self, service: &Service) -> BTreeMap<String, Value> {
        self.components
            .retain(|name, schema| !schema.is_null() || name == ERROR);
        if service.error_shapes.is_empty() {
            self.components.remove(ERROR);
        } else {
            self.components.insert(ERROR.to_owned(), self.error(service));
        }
        self.components
    }

    /// Every documented error body shape's keys, and the error-code table.
    fn error(&self, service: &Service) -> Value {
        let mut properties = serde_json::Map::new();
        for shape in &service.error_shapes {
            if let Some(code) = &shape.code {
                properties.insert(
                    code.clone(),
                    json!({ "type": "string", "description": "The error code: see `x-error-codes`." }),
                );
            }
            properties.insert(shape.message.clone(), json!({ "type": "string" }));
            if let Some(success) = &shape.success {
                properties.insert(success.clone(), json!({ "type": "boolean" }));
            }
        }
        let codes: Vec<Value> = service
            .error_codes
            .iter()
            .map(|code| {
                json!({ "status": code.status, "code": code.code, "message": self.lang.pick(&code.message).unwrap_or_default() })
            })
            .collect();
        json!({
            "type": "object",
            "description": "The body of an error response.",
            "properties": properties,
            "x-error-codes": codes,
        })
    }
}
