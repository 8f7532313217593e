//! `codegen openapi`: a spec directory as OpenAPI 3.0 documents, one per service.
//!
//! What the tables say, in the form other tools read: paths and parameters,
//! request and response schemas per documented status, the service's error body
//! and error codes, deprecation, and descriptions in one language (the other
//! where a text has only that one). Built from the validated model, so only a
//! spec that `check` accepts is exported; every document is parsed back into
//! the `openapiv3` crate's types before it is written, and CI runs a maintained
//! validator (openapi-spec-validator) over the exports.
//!
//! A URI with a fixed query (`/v3/auth/tokens?nocatalog=true`, GES's
//! `.../action?action_id=start`) keeps it in its path key: operations that share
//! a method and path and differ only by that query are distinct operations in
//! the docs, and OpenAPI keys operations by path and method. Operations that
//! share both (IAM's token requests, one per kind of credentials: the docs'
//! variants) become one OpenAPI operation: its body is `oneOf` the variants'
//! bodies, a parameter is required only where every variant requires it, and
//! `x-variants` names the spec's operations.

mod schema;

use std::collections::BTreeMap;

use hwcloud_model::Model;
use hwcloud_model::model::{Location, Member, Operation, Service, Text};
use serde_json::{Map, Value, json};

use schema::Schemas;

/// The language descriptions are taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The text in this language, else in the other.
    pub fn pick(self, text: &Text) -> Option<&str> {
        let (first, second) = match self {
            Lang::En => (&text.en, &text.zh),
            Lang::Zh => (&text.zh, &text.en),
        };
        first.as_deref().or(second.as_deref())
    }
}

/// One OpenAPI document per service, keyed by service id.
pub fn documents(model: &Model, lang: Lang) -> Result<BTreeMap<String, Value>, String> {
    model
        .services
        .iter()
        .map(|service| {
            let document = document(service, lang);
            check(&document).map_err(|e| {
                format!(
                    "{}: the exported document does not read as OpenAPI 3.0: {e}",
                    service.id
                )
            })?;
            Ok((service.id.clone(), document))
        })
        .collect()
}

/// Reads the document back as the `openapiv3` crate's types: structure, field
/// names and value kinds as OpenAPI 3.0 defines them.
pub fn check(document: &Value) -> Result<openapiv3::OpenAPI, serde_json::Error> {
    serde_json::from_value(document.clone())
}

fn document(service: &Service, lang: Lang) -> Value {
    let mut schemas = Schemas::new(lang);
    let mut paths: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for op in &service.operations {
        let item = operation(service, op, lang, &mut schemas);
        let method = op.method.as_str().to_ascii_lowercase();
        let methods = paths.entry(op.uri.as_str()).or_default();
        match methods.get_mut(&method) {
            Some(first) => merge_variant(first, item),
            None => {
                methods.insert(method, item);
            }
        }
    }
    let mut info = json!({
        "title": lang.pick(&service.name).unwrap_or(&service.id),
        "version": api_version(service),
    });
    if let Some(description) = lang.pick(&service.description) {
        info["description"] = json!(description);
    }
    json!({
        "openapi": "3.0.3",
        "info": info,
        "servers": servers(service),
        "tags": [{ "name": service.id }],
        "paths": paths,
        "components": {
            "schemas": schemas.finish(service),
            "securitySchemes": {
                "token": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-Auth-Token",
                    "description": "An IAM token. Requests may be signed with an access key instead (Huawei Cloud's SDK-HMAC-SHA256), which OpenAPI cannot express.",
                }
            },
        },
        "security": [{ "token": [] }],
    })
}

/// The documented versions of the service's operations (`v1.0, v2.0`), or `1`.
fn api_version(service: &Service) -> String {
    let mut versions: Vec<&str> = service
        .operations
        .iter()
        .filter_map(|op| op.api_version.as_deref())
        .collect();
    versions.sort_unstable();
    versions.dedup();
    if versions.is_empty() {
        "1".to_owned()
    } else {
        versions.join(", ")
    }
}

/// One server per documented host pattern, `{region}` a server variable.
fn servers(service: &Service) -> Value {
    let servers: Vec<Value> = service
        .endpoints
        .iter()
        .map(|endpoint| {
            let mut server = json!({
                "url": format!("https://{}", endpoint.pattern),
                "description": endpoint.cloud,
            });
            if endpoint.pattern.contains("{region}") {
                server["variables"] = json!({
                    "region": { "default": example_region(&endpoint.cloud), "description": "The region's id." }
                });
            }
            server
        })
        .collect();
    Value::Array(servers)
}

/// A region of the cloud for the server variable's required default.
fn example_region(cloud: &str) -> &'static str {
    match cloud {
        "open-telekom-cloud" => "eu-de",
        _ => "cn-north-4",
    }
}

fn operation(service: &Service, op: &Operation, lang: Lang, schemas: &mut Schemas) -> Value {
    schemas.enter(op);
    let mut item = json!({
        "operationId": op.id,
        "tags": [service.id],
        "parameters": op.params.iter().map(|p| parameter(p, lang, schemas)).collect::<Vec<_>>(),
        "responses": responses(service, op, lang, schemas),
    });
    if let Some(title) = lang.pick(&op.title) {
        item["summary"] = json!(title);
    }
    if let Some(description) = operation_description(op, lang) {
        item["description"] = json!(description);
    }
    if let Some(body) = &op.body {
        let name = schemas.object(&op.names.body, body);
        item["requestBody"] = json!({
            "required": true,
            "content": { "application/json": { "schema": schema::reference(&name) } },
        });
    }
    if op.deprecated.is_some() {
        item["deprecated"] = json!(true);
    }
    if let Some(plane) = &op.plane {
        item["servers"] = json!([{
            "url": "https://{address}",
            "description": format!("The {} plane: the address the service gives for the resource.", plane.name),
            "variables": { "address": { "default": "address" } },
        }]);
    }
    item
}

/// Folds another operation of the same method and path into the first.
fn merge_variant(first: &mut Value, other: Value) {
    let ids = |item: &Value| {
        item.get("x-variants")
            .cloned()
            .unwrap_or_else(|| json!([item["operationId"]]))
    };
    let mut variants = ids(first).as_array().cloned().unwrap_or_default();
    variants.push(other["operationId"].clone());
    first["x-variants"] = Value::Array(variants);
    merge_parameters(first, &other);
    let bodies = |item: &Value| {
        let schema = &item["requestBody"]["content"]["application/json"]["schema"];
        match schema.get("oneOf") {
            Some(Value::Array(all)) => all.clone(),
            _ if schema.is_null() => Vec::new(),
            _ => vec![schema.clone()],
        }
    };
    let mut all = bodies(first);
    for body in bodies(&other) {
        if !all.contains(&body) {
            all.push(body);
        }
    }
    if all.len() > 1 {
        first["requestBody"] = json!({
            "required": true,
            "content": { "application/json": { "schema": { "oneOf": all } } },
        });
    }
    if let (Some(mine), Value::Object(theirs)) = (first["responses"].as_object_mut(), &other["responses"]) {
        for (status, response) in theirs {
            mine.entry(status.clone()).or_insert_with(|| response.clone());
        }
    }
    if other.get("deprecated").is_none() {
        first.as_object_mut().map(|item| item.remove("deprecated"));
    }
}

/// Every variant's parameters; required only where each variant requires it.
fn merge_parameters(first: &mut Value, other: &Value) {
    let key = |p: &Value| {
        (
            p["name"].as_str().unwrap_or_default().to_ascii_lowercase(),
            p["in"].clone(),
        )
    };
    let theirs: Vec<Value> = other["parameters"].as_array().cloned().unwrap_or_default();
    let Some(mine) = first["parameters"].as_array_mut() else {
        return;
    };
    for parameter in mine.iter_mut() {
        let shared = theirs.iter().find(|t| key(t) == key(parameter));
        if parameter["in"] != "path" && shared.is_none_or(|t| t["required"] != true) {
            parameter["required"] = json!(false);
        }
    }
    for parameter in theirs {
        if !mine.iter().any(|m| key(m) == key(&parameter)) {
            let mut parameter = parameter;
            if parameter["in"] != "path" {
                parameter["required"] = json!(false);
            }
            mine.push(parameter);
        }
    }
}

/// The summary, and what replaces a deprecated operation.
fn operation_description(op: &Operation, lang: Lang) -> Option<String> {
    let mut parts: Vec<String> = lang.pick(&op.summary).map(str::to_owned).into_iter().collect();
    if let Some(deprecation) = &op.deprecated {
        let mut line = "Deprecated.".to_owned();
        if let Some(note) = lang.pick(&deprecation.note) {
            line = format!("Deprecated: {note}");
        }
        if let Some(replacement) = &deprecation.replacement {
            line.push_str(&format!(
                " Use `{}` instead.",
                replacement.module.trim_start_matches("r#")
            ));
        }
        parts.push(line);
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

fn parameter(member: &Member, lang: Lang, schemas: &mut Schemas) -> Value {
    let location = match member.location {
        Some(Location::Path) => "path",
        Some(Location::Header) => "header",
        Some(Location::Query) | None => "query",
    };
    let mut parameter = json!({
        "name": member.wire,
        "in": location,
        "required": member.required || location == "path",
        "schema": schemas.bare(member),
    });
    if let Some(description) = schema::description(member, lang) {
        parameter["description"] = json!(description);
    }
    parameter
}

/// Every documented status: 2xx with the success body and headers, others with
/// the service's error body. With no 2xx documented, `200` carries the body.
fn responses(service: &Service, op: &Operation, lang: Lang, schemas: &mut Schemas) -> Value {
    let success = |status: u16| {
        if op.success_statuses.is_empty() {
            (200..300).contains(&status)
        } else {
            op.success_statuses.contains(&status)
        }
    };
    let mut statuses: Vec<(u16, Option<&Text>)> =
        op.status_codes.iter().map(|(s, t)| (*s, Some(t))).collect();
    if !statuses.iter().any(|(s, _)| success(*s)) {
        statuses.push((op.success_statuses.first().copied().unwrap_or(200), None));
    }
    let mut responses = Map::new();
    for (status, text) in statuses {
        let description =
            text.and_then(|t| lang.pick(t))
                .unwrap_or(if success(status) { "Success." } else { "Error." });
        let mut response = json!({ "description": description });
        if success(status) {
            success_body(op, lang, schemas, &mut response);
        } else if !service.error_shapes.is_empty() {
            response["content"] =
                json!({ "application/json": { "schema": schema::reference(schema::ERROR) } });
        }
        responses.insert(status.to_string(), response);
    }
    Value::Object(responses)
}

fn success_body(op: &Operation, lang: Lang, schemas: &mut Schemas, response: &mut Value) {
    if op.response_is_array {
        let item = schemas.object(&op.names.response_item, &op.response);
        response["content"] = json!({ "application/json": { "schema": { "type": "array", "items": schema::reference(&item) } } });
    } else if !op.response.is_empty() {
        let name = schemas.object(&op.names.response, &op.response);
        response["content"] = json!({ "application/json": { "schema": schema::reference(&name) } });
    }
    if !op.response_headers.is_empty() {
        let headers: Map<String, Value> = op
            .response_headers
            .iter()
            .map(|header| {
                let mut value = json!({ "schema": schemas.bare(header) });
                if let Some(description) = schema::description(header, lang) {
                    value["description"] = json!(description);
                }
                (header.wire.clone(), value)
            })
            .collect();
        response["headers"] = Value::Object(headers);
    }
}
