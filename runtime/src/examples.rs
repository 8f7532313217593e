//! Checks that a documented JSON example fits the generated types, for the tests
//! `hwcloud_codegen::Config::render_example_tests` renders (one `#[test]` per
//! example the pages print; `codegen crate` writes them as `tests/examples.rs`).
//!
//! Each check returns what went wrong instead of panicking, so a test reports it
//! with the operation's id.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{ErrorCodeEnum, Operation, ResponseError};

/// A documented response body parses into `O::Response` as the client would read
/// it (status and body through [`Operation::parse_response`]) and serializes back
/// to the same JSON.
pub fn response<O: Operation>(status: u16, body: &str) -> Result<(), String>
where
    O::Response: Serialize,
{
    let status = status_code(status)?;
    let response = O::parse_response(status, &http::HeaderMap::new(), body.as_bytes())
        .map_err(|e| format!("{}: the documented response does not parse: {e}", O::ID))?;
    round_trip(&response, body).map_err(|e| format!("{}: {e}", O::ID))
}

/// A documented request body deserializes into the body type `B` and serializes
/// back to the same JSON.
pub fn request<B: Serialize + DeserializeOwned>(body: &str) -> Result<(), String> {
    let parsed: B =
        serde_json::from_str(body).map_err(|e| format!("the documented request does not parse: {e}"))?;
    round_trip(&parsed, body)
}

/// A documented error body parses, at its status, into an API error whose code is
/// in the service's error-code table (or is an HTTP status, as Keystone-style
/// bodies carry) and whose message was read.
pub fn error<O: Operation>(status: u16, body: &str) -> Result<(), String> {
    let status = status_code(status)?;
    let error = match O::parse_response(status, &http::HeaderMap::new(), body.as_bytes()) {
        Err(ResponseError::Api(error)) => error,
        other => {
            return Err(format!(
                "{}: the documented error did not parse as an API error: {other:?}",
                O::ID
            ));
        }
    };
    let code = error
        .code
        .ok_or_else(|| format!("{}: no error code read from the documented error", O::ID))?;
    // Keystone-style bodies (`{"error": {"code": 404, ...}}`) carry the HTTP status
    // as their code, which no error-code table lists.
    let keystone = code.code().parse::<u16>().is_ok_and(|n| (100..600).contains(&n));
    if !code.is_documented() && !keystone {
        return Err(format!(
            "{}: {} is not in the service's error-code table",
            O::ID,
            code.code()
        ));
    }
    if !body.contains(code.code()) {
        return Err(format!("{}: parsed a code the body does not carry", O::ID));
    }
    if error.message.is_none_or(|m| m.is_empty()) {
        return Err(format!("{}: the documented message was not read", O::ID));
    }
    Ok(())
}

fn status_code(status: u16) -> Result<http::StatusCode, String> {
    http::StatusCode::from_u16(status).map_err(|_| format!("{status} is not an HTTP status"))
}

fn round_trip<T: Serialize>(value: &T, original: &str) -> Result<(), String> {
    let original: Value =
        serde_json::from_str(original).map_err(|e| format!("the example is not JSON: {e}"))?;
    let back = serde_json::to_value(value).map_err(|e| format!("does not serialize: {e}"))?;
    let (back, original) = (normalized(back), normalized(original));
    if back == original {
        Ok(())
    } else {
        Err(format!(
            "serialized back differently:\n  documented: {original}\n  serialized: {back}"
        ))
    }
}

/// `null` and an absent key mean the same to an `Option` field, which serializes
/// `None` as absent; `100` and `100.0` are one JSON number, which an `f64` field
/// prints as `100.0`. Everything else must come back exactly.
fn normalized(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, normalized(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(normalized).collect()),
        Value::Number(n) if n.is_f64() || n.as_f64().is_some_and(|f| f.fract() == 0.0 && f.abs() < 1e15) => {
            n.as_f64().map_or(Value::Number(n), Value::from)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Body {
        name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        size: Option<f64>,
    }

    #[test]
    fn a_request_that_fits_round_trips() {
        assert_eq!(
            request::<Body>(r#"{"name": "a", "size": 100, "gone": null}"#),
            Ok(())
        );
    }

    #[test]
    fn a_request_that_does_not_fit_says_why() {
        let error = request::<Body>(r#"{"name": 1}"#).unwrap_err();
        assert!(error.contains("does not parse"), "{error}");
        let error = request::<Body>(r#"{"name": "a", "extra": true}"#).unwrap_err();
        assert!(error.contains("\"extra\":true"), "{error}");
    }
}
