//! Paths and operations: each spec operation as an OpenAPI operation object.

use std::collections::BTreeMap;

use hwcloud_model::model::{DocTable, Location, Media, Member, Operation, PathPiece, Service, Text};
use serde_json::{Map, Value, json};

use super::schema::{self, Schemas};
use super::{Lang, json_content, variants};

/// Header parameters the export leaves out: OpenAPI ignores the first three as
/// parameters, and the `token` security scheme stands for the last.
const NOT_PARAMETERS: [&str; 4] = ["content-type", "accept", "authorization", "x-auth-token"];

/// Every operation under its path key and method; variants folded together.
pub(super) fn paths(
    service: &Service,
    lang: Lang,
    schemas: &mut Schemas,
) -> BTreeMap<String, Map<String, Value>> {
    let mut placeholders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for op in &service.operations {
        placeholders
            .entry(op.uri_shape.as_str())
            .or_insert_with(|| path_indices(op).map(|i| op.params[i].wire.as_str()).collect());
    }
    let mut paths: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for op in &service.operations {
        let names = &placeholders[op.uri_shape.as_str()];
        let item = operation(service, op, names, lang, schemas);
        let methods = paths.entry(path_key(op, names)).or_default();
        match methods.get_mut(&op.method.as_str().to_ascii_lowercase()) {
            Some(first) => variants::merge(first, item),
            None => {
                methods.insert(op.method.as_str().to_ascii_lowercase(), item);
            }
        }
    }
    paths
}

/// Indices into `op.params` of its path parameters, in the order the URI names them.
fn path_indices(op: &Operation) -> impl Iterator<Item = usize> + '_ {
    op.path.iter().filter_map(|piece| match piece {
        PathPiece::Param(i) => Some(*i),
        PathPiece::Literal(_) => None,
    })
}

/// The URI with `names` for its placeholders, fixed query included.
fn path_key(op: &Operation, names: &[&str]) -> String {
    let mut names = names.iter();
    let mut key: String = op
        .path
        .iter()
        .map(|piece| match piece {
            PathPiece::Literal(text) => text.clone(),
            PathPiece::Param(_) => format!("{{{}}}", names.next().expect("one name per placeholder")),
        })
        .collect();
    let query: Vec<String> = op.fixed_query.iter().map(|(k, v)| format!("{k}={v}")).collect();
    if !query.is_empty() {
        key = format!("{key}?{}", query.join("&"));
    }
    key
}

fn operation(
    service: &Service,
    op: &Operation,
    placeholders: &[&str],
    lang: Lang,
    schemas: &mut Schemas,
) -> Value {
    schemas.enter(op);
    // Index of a path parameter -> the name its placeholder has in the path key.
    let renamed: BTreeMap<usize, &str> = path_indices(op).zip(placeholders.iter().copied()).collect();
    let parameters: Vec<Value> = op
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            !(p.location == Some(Location::Header)
                && NOT_PARAMETERS.contains(&p.wire.to_ascii_lowercase().as_str()))
        })
        .map(|(i, p)| parameter(p, renamed.get(&i).copied().unwrap_or(&p.wire), lang, schemas))
        .collect();
    let mut item = json!({
        "operationId": op.id,
        "tags": [service.id],
        "responses": responses(service, op, lang, schemas),
    });
    if !parameters.is_empty() {
        item["parameters"] = Value::Array(parameters);
    }
    if let Some(title) = lang.pick(&op.title) {
        item["summary"] = json!(title);
    }
    if let Some(description) = description(op, lang) {
        item["description"] = json!(description);
    }
    if let Some(body) = &op.body {
        // A JSON-array body is its one field, the elements, on the wire; a raw
        // body is its one file.
        let schema = match (op.body_is_array, &op.request_media, body.first()) {
            (true, _, Some(items)) | (_, Some(Media::Raw(_)), Some(items)) => schemas.bare(items),
            _ => schema::reference(&schemas.object(&op.names.body, body)),
        };
        let content = match &op.request_media {
            None => json_content(schema),
            Some(media) => json!({ media.content_type(): { "schema": schema } }),
        };
        item["requestBody"] = json!({ "required": true, "content": content });
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

/// The summary, and what replaces a deprecated operation.
fn description(op: &Operation, lang: Lang) -> Option<String> {
    let mut parts: Vec<String> = lang.pick(&op.summary).map(str::to_owned).into_iter().collect();
    if let Some(deprecation) = &op.deprecated {
        let mut line = match lang.pick(&deprecation.note) {
            Some(note) => format!("Deprecated: {note}"),
            None => "Deprecated.".to_owned(),
        };
        if let Some(replacement) = &deprecation.replacement {
            line.push_str(&format!(
                " Use `{}` instead.",
                replacement.module.trim_start_matches("r#")
            ));
        }
        parts.push(line);
    }
    parts.extend(tables(op, lang));
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// The tables a page gives for reading, as Markdown: those in the document's
/// language, else all.
fn tables(op: &Operation, lang: Lang) -> Vec<String> {
    let same: Vec<&DocTable> = op.tables.iter().filter(|t| lang.is(t.lang)).collect();
    let chosen = if same.is_empty() {
        op.tables.iter().collect()
    } else {
        same
    };
    chosen
        .into_iter()
        .map(|table| {
            let caption = (!table.caption.is_empty()).then(|| format!("{}\n", table.caption));
            let lines = caption.into_iter().chain(table.markdown(str::to_owned));
            lines.collect::<Vec<_>>().join("\n")
        })
        .collect()
}

fn parameter(member: &Member, name: &str, lang: Lang, schemas: &Schemas) -> Value {
    let location = match member.location {
        Some(Location::Path) => "path",
        Some(Location::Header) => "header",
        Some(Location::Query) | None => "query",
    };
    let mut parameter = json!({
        "name": name,
        "in": location,
        "required": member.required || location == "path",
        "schema": schemas.bare(member),
    });
    if let Some(description) = schema::description(member, lang) {
        parameter["description"] = json!(description);
    }
    parameter
}

/// Every documented status: a success status and any other 2xx with the
/// success body and headers (the runtime reads them so), 4xx and 5xx with the
/// service's error body, 1xx and 3xx with none. With no success status
/// documented, `200` carries the body.
fn responses(service: &Service, op: &Operation, lang: Lang, schemas: &mut Schemas) -> Value {
    let success = |status: u16| (200..300).contains(&status) || op.success_statuses.contains(&status);
    let mut statuses: Vec<(u16, Option<&Text>)> =
        op.status_codes.iter().map(|(s, t)| (*s, Some(t))).collect();
    if !statuses.iter().any(|(s, _)| success(*s)) {
        statuses.push((op.success_statuses.first().copied().unwrap_or(200), None));
    }
    let mut responses = Map::new();
    for (status, text) in statuses {
        let fallback = if success(status) {
            "Success."
        } else {
            "Not a success."
        };
        let mut response = json!({ "description": text.and_then(|t| lang.pick(t)).unwrap_or(fallback) });
        let variant = op
            .success_variants
            .iter()
            .skip(1)
            .find(|v| v.statuses.contains(&status));
        if let Some(variant) = variant {
            let name = schemas.object(&variant.type_name, &variant.fields);
            response["content"] = json_content(schema::reference(&name));
        } else if success(status) {
            success_body(op, lang, schemas, &mut response);
        } else if status >= 400 && !service.error_shapes.is_empty() {
            response["content"] = json_content(schema::reference(schema::ERROR));
        }
        responses.insert(status.to_string(), response);
    }
    Value::Object(responses)
}

fn success_body(op: &Operation, lang: Lang, schemas: &mut Schemas, response: &mut Value) {
    if let Some(media) = &op.response_media {
        response["content"] = json!({ media: { "schema": { "type": "string", "format": "binary" } } });
    } else if op.response_is_array {
        let item = schemas.object(&op.names.response_item, &op.response);
        response["content"] = json_content(json!({ "type": "array", "items": schema::reference(&item) }));
    } else if !op.response.is_empty() {
        let name = schemas.object(&op.names.response, &op.response);
        response["content"] = json_content(schema::reference(&name));
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
