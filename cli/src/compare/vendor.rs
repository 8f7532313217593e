//! The vendor's machine-readable definitions: one JSON document per operation
//! (Huawei Cloud's API Explorer, Swagger 2 style, with `$ref`s into
//! `definitions` and `parameters`) or any OpenAPI 3 document (`components`,
//! `requestBody`, `content`). Each operation flattened into members.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::member::{Kind, MAX_DEPTH, Member, Place, join};

/// One operation of the vendor's definitions.
#[derive(Debug, Clone)]
pub struct VendorOperation {
    /// The vendor's operation name (`operationId`, else the file name).
    pub name: String,
    pub method: String,
    pub path: String,
    pub file: PathBuf,
    pub members: Vec<Member>,
}

/// The operations of a directory of definitions, and the files that held none,
/// each with why.
pub struct Definitions {
    pub operations: Vec<VendorOperation>,
    pub skipped: Vec<(PathBuf, String)>,
}

/// The definitions of a directory (its `*.json` files, sorted).
pub fn read_dir(dir: &Path) -> Result<Definitions, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json") && p.is_file())
        .collect();
    files.sort();
    let mut operations = Vec::new();
    let mut skipped = Vec::new();
    for file in files {
        match read_file(&file) {
            Ok(ops) if ops.is_empty() => skipped.push((file, "no operation in `paths`".to_owned())),
            Ok(ops) => operations.extend(ops),
            Err(why) => skipped.push((file, why)),
        }
    }
    Ok(Definitions { operations, skipped })
}

/// The largest definitions file read (the largest of the API Explorer's in
/// the ground truth is 97 KB).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

fn read_file(file: &Path) -> Result<Vec<VendorOperation>, String> {
    let size = std::fs::metadata(file).map_err(|e| e.to_string())?.len();
    if size > MAX_FILE_BYTES {
        return Err(format!("larger than {MAX_FILE_BYTES} bytes"));
    }
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let fallback_name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(operations(&doc, &fallback_name, file))
}

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options"];

/// Every operation of one document.
pub fn operations(doc: &Value, fallback_name: &str, file: &Path) -> Vec<VendorOperation> {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (path, item) in paths {
        let shared = item.get("parameters").and_then(Value::as_array);
        for method in METHODS {
            let Some(op) = item.get(*method).filter(|op| op.is_object()) else {
                continue;
            };
            let name = op
                .get("operationId")
                .and_then(Value::as_str)
                .unwrap_or(fallback_name)
                .to_owned();
            let mut reader = Reader {
                doc,
                members: Vec::new(),
            };
            reader.parameters(shared.into_iter().flatten().chain(parameter_list(op)));
            reader.request_body(op);
            reader.response(op);
            out.push(VendorOperation {
                name,
                method: method.to_uppercase(),
                path: path.clone(),
                file: file.to_owned(),
                members: reader.members,
            });
        }
    }
    out
}

fn parameter_list(op: &Value) -> impl Iterator<Item = &Value> {
    op.get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

struct Reader<'d> {
    doc: &'d Value,
    members: Vec<Member>,
}

impl<'d> Reader<'d> {
    /// `$ref`s followed to what they point at (a chain of at most a few).
    fn resolve(&self, mut value: &'d Value) -> &'d Value {
        for _ in 0..MAX_DEPTH {
            let Some(target) = value.get("$ref").and_then(Value::as_str) else {
                break;
            };
            match target
                .strip_prefix('#')
                .and_then(|pointer| self.doc.pointer(pointer))
            {
                Some(found) => value = found,
                None => break,
            }
        }
        value
    }

    fn parameters(&mut self, parameters: impl Iterator<Item = &'d Value>) {
        for parameter in parameters {
            let parameter = self.resolve(parameter);
            let name = parameter.get("name").and_then(Value::as_str).unwrap_or_default();
            let required = parameter
                .get("required")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let place = match parameter.get("in").and_then(Value::as_str) {
                Some("path") => Place::Path,
                Some("query") => Place::Query,
                Some("header") => Place::Header,
                Some("formData") => Place::Body,
                Some("body") => {
                    if let Some(schema) = parameter.get("schema") {
                        self.schema(schema, Place::Body, "", 0, &mut Vec::new());
                    }
                    continue;
                }
                _ => continue,
            };
            if name.is_empty() {
                continue;
            }
            let schema = parameter.get("schema").map_or(parameter, |s| self.resolve(s));
            self.members.push(Member {
                place,
                path: name.to_owned(),
                required: Some(required || place == Place::Path),
                kind: self.kind(schema),
                at: None,
            });
        }
    }

    /// OpenAPI 3's `requestBody`: the schema of its first content type.
    fn request_body(&mut self, op: &'d Value) {
        let Some(body) = op.get("requestBody").map(|b| self.resolve(b)) else {
            return;
        };
        if let Some(schema) = first_content_schema(body) {
            self.schema(schema, Place::Body, "", 0, &mut Vec::new());
        }
    }

    /// The body of the first success status that has one.
    fn response(&mut self, op: &'d Value) {
        let Some(responses) = op.get("responses").and_then(Value::as_object) else {
            return;
        };
        let mut statuses: Vec<&String> = responses.keys().filter(|s| s.starts_with('2')).collect();
        statuses.sort();
        for status in statuses {
            let response = self.resolve(&responses[status]);
            let schema = response.get("schema").or_else(|| first_content_schema(response));
            if let Some(schema) = schema {
                self.schema(schema, Place::Response, "", 0, &mut Vec::new());
                return;
            }
        }
    }

    /// The members a schema holds under `prefix`: the properties of an object,
    /// of an array's items, of each `allOf` part; references followed once per
    /// branch (`visiting`), at most [`MAX_DEPTH`] deep.
    fn schema(
        &mut self,
        schema: &'d Value,
        place: Place,
        prefix: &str,
        depth: usize,
        visiting: &mut Vec<&'d str>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let reference = schema.get("$ref").and_then(Value::as_str);
        if let Some(reference) = reference {
            if visiting.contains(&reference) {
                return;
            }
            visiting.push(reference);
        }
        let schema = self.resolve(schema);
        if let Some(items) = schema.get("items") {
            self.schema(items, place, prefix, depth + 1, visiting);
        }
        for part in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.schema(part, place, prefix, depth + 1, visiting);
        }
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            for (name, property) in properties {
                let path = join(prefix, name);
                self.members.push(Member {
                    place,
                    path: path.clone(),
                    required: Some(required.contains(&name.as_str())),
                    kind: self.kind(property),
                    at: None,
                });
                self.schema(property, place, &path, depth + 1, visiting);
            }
        }
        if reference.is_some() {
            visiting.pop();
        }
    }

    fn kind(&self, schema: &Value) -> Kind {
        let schema = self.resolve(schema);
        match schema.get("type").and_then(Value::as_str) {
            Some("string") => Kind::String,
            Some("integer") => Kind::Integer,
            Some("number") => Kind::Number,
            Some("boolean") => Kind::Boolean,
            Some("array") => Kind::Array,
            Some("object") => Kind::Object,
            Some("file") => Kind::File,
            Some(_) => Kind::Other,
            None if schema.get("properties").is_some() || schema.get("allOf").is_some() => Kind::Object,
            None if schema.get("items").is_some() => Kind::Array,
            None => Kind::Other,
        }
    }
}

fn first_content_schema(body: &Value) -> Option<&Value> {
    body.get("content")?
        .as_object()?
        .values()
        .find_map(|media| media.get("schema"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swagger_two_with_references_and_openapi_three_read_alike() {
        let swagger: Value = serde_json::from_str(
            r##"{
              "paths": {"/v3/{project_id}/backups": {
                "parameters": [{"$ref": "#/parameters/project"}],
                "post": {
                  "operationId": "CreateBackup",
                  "parameters": [
                    {"name": "dry_run", "in": "query", "type": "boolean"},
                    {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Req"}}
                  ],
                  "responses": {"202": {"schema": {"$ref": "#/definitions/Res"}}, "400": {}}
                }}},
              "parameters": {"project": {"name": "project_id", "in": "path", "type": "string"}},
              "definitions": {
                "Req": {"required": ["backup"], "properties": {"backup": {"$ref": "#/definitions/Backup"}}},
                "Backup": {"properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {"$ref": "#/definitions/Backup"}}}},
                "Res": {"properties": {"job_id": {"type": "string"}}}
              }}"##,
        )
        .unwrap();
        let ops = operations(&swagger, "x", Path::new("x.json"));
        assert_eq!(ops.len(), 1);
        assert_eq!(
            (ops[0].name.as_str(), ops[0].method.as_str()),
            ("CreateBackup", "POST")
        );
        let labels: Vec<String> = ops[0].members.iter().map(Member::label).collect();
        // The self-reference of `tags` is followed once, not forever.
        assert_eq!(
            labels,
            [
                "path project_id",
                "query dry_run",
                "body backup",
                "body backup.name",
                "body backup.tags",
                "response job_id"
            ]
        );
        assert_eq!(ops[0].members[2].required, Some(true));
        assert_eq!(ops[0].members[4].kind, Kind::Array);

        let openapi: Value = serde_json::from_str(
            r##"{"openapi": "3.0.0", "paths": {"/v1/x": {"put": {
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/X"}}}},
                "responses": {"200": {"content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/X"}}}}}}
              }}}, "components": {"schemas": {"X": {"properties": {"size": {"type": "integer"}}}}}}"##,
        )
        .unwrap();
        let ops = operations(&openapi, "UpdateX", Path::new("x.json"));
        let labels: Vec<String> = ops[0].members.iter().map(Member::label).collect();
        assert_eq!(ops[0].name, "UpdateX");
        assert_eq!(labels, ["body size", "response size"]);
    }
}
