//! What a mock answers with: an HTTP exchange built from a documented example,
//! a response value, an error code, or a fault.

use serde::Serialize;
use serde_json::{Map, Value};

use super::unanswered;
use crate::client::transport::{Exchange, Fault, TransportError};
use crate::{ErrorCodeEnum, Operation};

/// `Request::answered_by` of a call the documented example answered.
pub(super) const DOCUMENTED: &str = "documented example";
/// `Request::answered_by` of a call nothing answered.
pub(super) const NOTHING: &str = "nothing";

/// An operation's documented success example, as the generator writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Documented {
    /// The status the page shows it under.
    pub status: u16,
    /// The JSON body.
    pub body: &'static str,
}

/// The documented success example of `O`, read as a mock answers with it
/// (through [`Operation::parse_response`]); why not, naming the operation.
/// The generated tests of a crate's examples call it for every operation
/// that documents one.
pub fn documented_answer<O: Operation>() -> Result<O::Response, String> {
    let Some(documented) = O::DOCUMENTED_RESPONSE else {
        return Err(no_example::<O>());
    };
    let status = http::StatusCode::from_u16(documented.status)
        .map_err(|_| format!("{}: {} is not an HTTP status", O::ID, documented.status))?;
    O::parse_response(status, &http::HeaderMap::new(), documented.body.as_bytes())
        .map_err(|e| format!("{}: the documented example does not parse: {e}", O::ID))
}

/// The documented success example of `O` as a value: a start for a rule's
/// response (`let mut job = mock::example::<QueryJobStatusRequest>();
/// job.status = "RUNNING".into();`).
///
/// # Panics
///
/// When the pages document no example for `O`, or it does not parse; the
/// message says which.
#[track_caller]
pub fn example<O: Operation>() -> O::Response {
    match documented_answer::<O>() {
        Ok(response) => response,
        Err(why) => panic!("{why}"),
    }
}

/// One answer to one attempt.
#[derive(Debug, Clone)]
pub(crate) enum Answer {
    Exchange(Exchange),
    Fault(Fault, String),
}

impl Answer {
    /// The documented success example, or the call fails naming the rule to add.
    pub(crate) fn documented<O: Operation>() -> Answer {
        match O::DOCUMENTED_RESPONSE {
            Some(documented) => Answer::json(documented.status, http::HeaderMap::new(), documented.body),
            None => Answer::Fault(Fault::Unanswered, no_example::<O>()),
        }
    }

    /// A response value, serialized as the service would send it, under the
    /// first success status the page documents.
    pub(crate) fn response<O: Operation>(response: &O::Response) -> Answer
    where
        O::Response: Serialize,
    {
        let headers = O::mock_response_headers(response);
        let status = O::mock_response_status(response).unwrap_or_else(success_status::<O>);
        if let Some(body) = O::mock_response_body(response) {
            return Answer::bytes(status, headers, body);
        }
        match serde_json::to_string(response) {
            Ok(body) => Answer::json(status, headers, &body),
            Err(e) => Answer::Fault(
                Fault::Unanswered,
                format!("{}: the response value does not serialize: {e}", O::ID),
            ),
        }
    }

    /// A documented error code under its documented status (400 where the
    /// table gives none), in the service's first error-body shape that has a
    /// code key.
    pub(crate) fn error<C: ErrorCodeEnum>(code: &C) -> Answer {
        let status = code.http_status().unwrap_or(400);
        let shape = C::SHAPES
            .iter()
            .find(|shape| shape.code.is_some())
            .or(C::SHAPES.first());
        let mut body = Value::Object(Map::new());
        let message = code.message().unwrap_or_default();
        match shape {
            Some(shape) => {
                if let Some(key) = shape.code {
                    set(&mut body, &key.split('.').collect::<Vec<_>>(), code.code().into());
                }
                set(
                    &mut body,
                    &shape.message.split('.').collect::<Vec<_>>(),
                    message.into(),
                );
                if let Some(key) = shape.success {
                    set(&mut body, &[key], Value::Bool(false));
                }
            }
            None => {
                set(&mut body, &["error_code"], code.code().into());
                set(&mut body, &["error_msg"], message.into());
            }
        }
        Answer::json(status, http::HeaderMap::new(), &body.to_string())
    }

    /// A status and body as given.
    pub(crate) fn json(status: u16, headers: http::HeaderMap, body: &str) -> Answer {
        Answer::bytes(status, headers, body.as_bytes().to_vec())
    }

    /// A status and body bytes as given.
    pub(crate) fn bytes(status: u16, headers: http::HeaderMap, body: Vec<u8>) -> Answer {
        match http::StatusCode::from_u16(status) {
            Ok(status) => Answer::Exchange(Exchange {
                status,
                headers,
                body,
            }),
            Err(_) => Answer::Fault(Fault::Unanswered, format!("{status} is not an HTTP status")),
        }
    }

    pub(crate) fn is_unanswered(&self) -> bool {
        matches!(self, Answer::Fault(Fault::Unanswered, _))
    }

    pub(crate) fn into_exchange(self) -> Result<Exchange, TransportError> {
        match self {
            Answer::Exchange(exchange) => Ok(exchange),
            Answer::Fault(Fault::Unanswered, message) => Err(unanswered(message)),
            Answer::Fault(fault, message) => Err(TransportError::simulated(fault, message)),
        }
    }
}

/// The first 2xx status the page documents, else 200.
fn success_status<O: Operation>() -> u16 {
    O::STATUS_CODES
        .iter()
        .map(|s| s.status)
        .find(|s| (200..300).contains(s))
        .unwrap_or(200)
}

fn no_example<O: Operation>() -> String {
    format!(
        "mock: no rule answers {} and its pages document no example response to answer with; \
         add a rule: mock.on::<{}>().respond(...)",
        O::ID,
        std::any::type_name::<O>()
    )
}

/// Sets `value` at `path` in `target`, making objects on the way.
pub(super) fn set(target: &mut Value, path: &[&str], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        *target = value;
        return;
    };
    let mut at = target;
    for key in parents {
        at = object(at)
            .entry(*key)
            .or_insert_with(|| Value::Object(Map::new()));
    }
    object(at).insert((*last).to_owned(), value);
}

/// `value` as an object, replacing whatever else it was.
fn object(value: &mut Value) -> &mut Map<String, Value> {
    if !value.is_object() {
        *value = Value::Object(Map::new());
    }
    match value {
        Value::Object(map) => map,
        _ => unreachable!("made an object above"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorShape;

    /// A service whose errors nest under `error` (Keystone-style), with a
    /// second, `is_success` shape.
    #[derive(Debug, Clone, PartialEq)]
    struct Nested(String);

    impl std::str::FromStr for Nested {
        type Err = std::convert::Infallible;
        fn from_str(code: &str) -> Result<Self, Self::Err> {
            Ok(Nested(code.to_owned()))
        }
    }

    impl ErrorCodeEnum for Nested {
        const SHAPES: &'static [ErrorShape] = &[
            ErrorShape {
                code: None,
                message: "message",
                success: Some("is_success"),
            },
            ErrorShape {
                code: Some("error.code"),
                message: "error.message",
                success: None,
            },
        ];
        fn code(&self) -> &str {
            &self.0
        }
        fn http_status(&self) -> Option<u16> {
            (self.0 == "IAM.0404").then_some(404)
        }
        fn message(&self) -> Option<&'static str> {
            Some("not found")
        }
        fn is_documented(&self) -> bool {
            true
        }
    }

    fn exchange(answer: Answer) -> Exchange {
        answer.into_exchange().unwrap()
    }

    #[test]
    fn an_error_code_travels_in_the_first_shape_with_a_code_key_under_its_status() {
        let answer = exchange(Answer::error(&Nested("IAM.0404".into())));
        assert_eq!(answer.status, 404);
        let body: Value = serde_json::from_slice(&answer.body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"error": {"code": "IAM.0404", "message": "not found"}})
        );
        // The runtime reads it back as the code it is.
        let read = crate::read_error_body(&body, Nested::SHAPES.iter().map(ErrorShape::keys)).unwrap();
        assert_eq!(read.code.as_deref(), Some("IAM.0404"));
        // A code whose table row gives no status goes out as 400.
        assert_eq!(exchange(Answer::error(&Nested("IAM.0001".into()))).status, 400);
    }

    #[test]
    fn an_answer_that_is_no_status_fails_the_call_instead() {
        let error = Answer::json(1000, http::HeaderMap::new(), "{}")
            .into_exchange()
            .unwrap_err();
        assert!(
            error.to_string().contains("1000 is not an HTTP status"),
            "{error}"
        );
        assert!(!error.is_retryable());
    }

    #[test]
    fn set_makes_the_objects_on_its_path() {
        let mut value = serde_json::json!({"a": 1, "b": "text"});
        set(&mut value, &["b", "c"], 2.into());
        set(&mut value, &["d", "e", "f"], true.into());
        assert_eq!(
            value,
            serde_json::json!({"a": 1, "b": {"c": 2}, "d": {"e": {"f": true}}})
        );
    }
}
