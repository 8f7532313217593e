//! Variants: operations of one method and path that the docs describe apart
//! (IAM's token requests, one per kind of credentials), folded into the one
//! operation OpenAPI allows there. The body is any of the variants' bodies
//! (`anyOf`: their objects admit each other's keys, so `oneOf` would refuse
//! valid ones), required only if every variant has one; a parameter is required
//! only where every variant requires it; responses are the union, the first
//! variant's winning on a shared status; `x-variants` names the spec's operations.

use serde_json::{Value, json};

use super::json_content;

/// Folds `other` into `first`, which may hold earlier variants already.
pub(super) fn merge(first: &mut Value, other: Value) {
    let mut ids = first
        .get("x-variants")
        .cloned()
        .unwrap_or_else(|| json!([first["operationId"]]));
    if let Some(ids) = ids.as_array_mut() {
        ids.push(other["operationId"].clone());
    }
    first["x-variants"] = ids;
    parameters(first, &other);
    bodies(first, &other);
    responses(first, &other);
    if other.get("deprecated").is_none() {
        first.as_object_mut().map(|item| item.remove("deprecated"));
    }
}

/// The body schemas an operation accepts: one, several (`anyOf`), or none.
fn body_schemas(item: &Value) -> Vec<Value> {
    let schema = &item["requestBody"]["content"]["application/json"]["schema"];
    match schema.get("anyOf") {
        Some(Value::Array(all)) => all.clone(),
        _ if schema.is_null() => Vec::new(),
        _ => vec![schema.clone()],
    }
}

fn bodies(first: &mut Value, other: &Value) {
    let required = first["requestBody"]["required"] == true && other["requestBody"]["required"] == true;
    let mut all = body_schemas(first);
    for body in body_schemas(other) {
        if !all.contains(&body) {
            all.push(body);
        }
    }
    let schema = match all.len() {
        0 => return,
        1 => all.remove(0),
        _ => json!({ "anyOf": all }),
    };
    first["requestBody"] = json!({ "required": required, "content": json_content(schema) });
}

fn responses(first: &mut Value, other: &Value) {
    if let (Some(mine), Some(theirs)) = (first["responses"].as_object_mut(), other["responses"].as_object()) {
        for (status, response) in theirs {
            mine.entry(status.clone()).or_insert_with(|| response.clone());
        }
    }
}

/// Header names compare without case; path and query names as written.
fn same_parameter(a: &Value, b: &Value) -> bool {
    a["in"] == b["in"]
        && match (a["name"].as_str(), b["name"].as_str()) {
            (Some(x), Some(y)) if a["in"] == "header" => x.eq_ignore_ascii_case(y),
            (x, y) => x == y,
        }
}

fn parameters(first: &mut Value, other: &Value) {
    let theirs: Vec<Value> = other["parameters"].as_array().cloned().unwrap_or_default();
    let mut mine: Vec<Value> = first["parameters"].as_array().cloned().unwrap_or_default();
    for parameter in &mut mine {
        let shared = theirs.iter().find(|t| same_parameter(t, parameter));
        if parameter["in"] != "path" && shared.is_none_or(|t| t["required"] != true) {
            parameter["required"] = json!(false);
        }
    }
    for mut parameter in theirs {
        if !mine.iter().any(|m| same_parameter(m, &parameter)) {
            if parameter["in"] != "path" {
                parameter["required"] = json!(false);
            }
            mine.push(parameter);
        }
    }
    if !mine.is_empty() {
        first["parameters"] = Value::Array(mine);
    }
}
