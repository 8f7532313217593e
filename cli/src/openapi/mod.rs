//! `codegen openapi`: a spec directory as OpenAPI 3.0 documents, one per service.
//!
//! What the tables say, in the form other tools read: paths and parameters,
//! request and response schemas per documented status, the service's error body
//! and error codes, deprecation, and descriptions in one language (the other
//! where a text has only that one). Built from the validated model, so only a
//! spec that `check` accepts is exported; every document is read back as the
//! `openapiv3` crate's types before it is written, and CI runs a maintained
//! validator (openapi-spec-validator) over the exports.
//!
//! Where the docs and OpenAPI disagree, the export follows OpenAPI and keeps what
//! the docs say:
//! - A URI with a fixed query (`/v3/auth/tokens?nocatalog=true`, GES's
//!   `.../action?action_id=start`) keeps it in its path key: operations that
//!   differ only by that query are distinct operations in the docs, and OpenAPI
//!   keys operations by path and method.
//! - Operations that share both (IAM's token requests, one per kind of
//!   credentials: the docs' variants) become one operation (see the `variants` module).
//! - Paths that differ only in their placeholders' names (`/jobs/{job_id}`,
//!   `/jobs/{id}`) take the first operation's names: OpenAPI forbids both.
//! - `X-Auth-Token` is the `token` security scheme, not a parameter, and
//!   `Content-Type`, `Accept` and `Authorization` headers, which OpenAPI says to
//!   ignore as parameters, are left out.

mod operation;
mod schema;
mod variants;

use std::collections::BTreeMap;
use std::path::Path;

use hwcloud_model::Model;
use hwcloud_model::model::{Service, Text};
use serde_json::{Map, Value, json};

use schema::Schemas;

/// The language descriptions are taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The text in this language, else in the other.
    pub fn pick(self, text: &Text) -> Option<&str> {
        match self {
            Lang::En => text.preferred(),
            Lang::Zh => text.zh.as_deref().or(text.en.as_deref()),
        }
    }

    /// Whether a spec's language is this one.
    pub fn is(self, lang: hwcloud_model::spec::schema::Lang) -> bool {
        use hwcloud_model::spec::schema::Lang as Spec;
        matches!((self, lang), (Lang::En, Spec::En) | (Lang::Zh, Spec::Zh))
    }
}

/// One OpenAPI document per service, keyed by service id, each read back as
/// `openapiv3` types.
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

/// Writes `<out>/<service>.json` per document; returns one summary line each.
pub fn write_documents(documents: &BTreeMap<String, Value>, out: &Path) -> Result<Vec<String>, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    documents
        .iter()
        .map(|(service, document)| {
            let path = out.join(format!("{service}.json"));
            let text = serde_json::to_string_pretty(document).map_err(|e| e.to_string())? + "\n";
            std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            let count = |at: &Value| at.as_object().map_or(0, Map::len);
            let (paths, schemas) = (
                count(&document["paths"]),
                count(&document["components"]["schemas"]),
            );
            Ok(format!(
                "{service:<6} {paths:>4} paths {schemas:>5} schemas  {}",
                path.display()
            ))
        })
        .collect()
}

/// Reads the document as the `openapiv3` crate's types: the structure and value
/// kinds OpenAPI 3.0 defines (that crate ignores keys it does not know, so the
/// validator in CI checks the rest).
pub fn check(document: &Value) -> Result<openapiv3::OpenAPI, serde_json::Error> {
    serde_json::from_value(document.clone())
}

fn document(service: &Service, lang: Lang) -> Value {
    let mut schemas = Schemas::new(lang, service);
    let paths = operation::paths(service, lang, &mut schemas);
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
                    "description": "An IAM token. Requests may be signed with an access key instead (Huawei Cloud's SDK-HMAC-SHA256), which OpenAPI cannot express; the operations that issue tokens need neither, which the docs' tables do not say per operation.",
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

/// `{"application/json": {"schema": schema}}`: every body here is JSON.
fn json_content(schema: Value) -> Value {
    json!({ "application/json": { "schema": schema } })
}
