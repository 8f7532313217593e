//! Errors a response can carry, parsed from every body shape a service documents.

use std::fmt;
use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde_json::Value;

/// How much of an unparseable body an error keeps.
const EXCERPT_BYTES: usize = 512;

/// Which JSON keys of an error body carry the code and the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorShape {
    /// Key of the error code; a dotted key (`error.code`) reaches into a
    /// nested object.
    pub code: Option<&'static str>,
    /// Key of the message, dotted like `code`.
    pub message: &'static str,
    /// A boolean key that is `false` on failure, even under a 2xx status.
    pub success: Option<&'static str>,
}

impl ErrorShape {
    /// The shape's keys, as [`read_error_body`] takes them.
    pub const fn keys(&self) -> ErrorKeys<'static> {
        ErrorKeys {
            code: self.code,
            message: self.message,
            success: self.success,
        }
    }
}

/// The keys of one error-body shape, borrowed: what [`read_error_body`] reads.
/// The runtime passes its generated [`ErrorShape`]s, the importer the shapes of
/// a spec file, so both read an example body the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorKeys<'a> {
    /// Key of the error code (dotted keys reach into nested objects).
    pub code: Option<&'a str>,
    /// Key of the message.
    pub message: &'a str,
    /// A top-level boolean key that is `false` on failure.
    pub success: Option<&'a str>,
}

/// What an error body says through the first shape that reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorBody {
    /// The code as text: a string trimmed, or a number's digits.
    pub code: Option<String>,
    /// The message, where the shape's message key holds a string.
    pub message: Option<String>,
}

/// Reads an error body through `shapes` in order: the first shape whose code key
/// holds a code, or whose success key is `false`, gives code and message;
/// `None` when no shape reads it.
pub fn read_error_body<'a>(
    value: &Value,
    shapes: impl IntoIterator<Item = ErrorKeys<'a>>,
) -> Option<ErrorBody> {
    shapes.into_iter().find_map(|shape| {
        let code = shape.code.and_then(|k| field(value, k)).and_then(code_text);
        let failed = shape
            .success
            .is_some_and(|k| value.get(k) == Some(&Value::Bool(false)));
        (code.is_some() || failed).then(|| ErrorBody {
            code,
            message: field(value, shape.message)
                .and_then(Value::as_str)
                .map(str::to_owned),
        })
    })
}

/// Implemented by each service's generated `ErrorCode` enum.
pub trait ErrorCodeEnum: FromStr<Err = std::convert::Infallible> + fmt::Debug + Clone + PartialEq {
    /// The error-body shapes the service documents.
    const SHAPES: &'static [ErrorShape];
    /// The code as it travels, e.g. `DLI.0001`.
    fn code(&self) -> &str;
    /// The HTTP status the error table gives for this code.
    fn http_status(&self) -> Option<u16>;
    /// The documented message, English where the docs have it.
    fn message(&self) -> Option<&'static str>;
    /// False for the fallback variant of codes the docs do not list.
    fn is_documented(&self) -> bool;
}

/// An error the service reported: status, typed code, message, request id.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError<C> {
    /// The HTTP status of the response.
    pub status: http::StatusCode,
    /// `None` when the body carried no code (a gateway page, an empty body, or the
    /// `is_success: false` shape).
    pub code: Option<C>,
    /// The message the body carried.
    pub message: Option<String>,
    /// The `X-Request-Id` response header, for support tickets.
    pub request_id: Option<String>,
    /// The start of the body, at most 512 bytes.
    pub body_excerpt: String,
}

impl<C: ErrorCodeEnum> fmt::Display for ApiError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status.as_u16())?;
        if let Some(code) = &self.code {
            write!(f, " {}", code.code())?;
        }
        match (&self.message, self.code.as_ref().and_then(|c| c.message())) {
            (Some(message), _) if !message.is_empty() => write!(f, ": {message}"),
            (_, Some(documented)) => write!(f, ": {documented}"),
            _ if !self.body_excerpt.is_empty() => write!(f, ": {}", self.body_excerpt),
            _ => Ok(()),
        }
    }
}

impl<C: ErrorCodeEnum> std::error::Error for ApiError<C> {}

/// Why a response did not yield the operation's response type.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ResponseError<C: ErrorCodeEnum> {
    /// The service reported an error.
    #[error(transparent)]
    Api(ApiError<C>),
    /// A success status whose body does not match the documented response.
    #[error(transparent)]
    Decode(DecodeError),
}

/// A success status whose body does not match the documented response.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("HTTP {status}: the response body does not match the documented response: {reason}")]
pub struct DecodeError {
    /// The HTTP status of the response.
    pub status: http::StatusCode,
    /// What did not match, from serde_json.
    pub reason: String,
    /// The start of the body, at most 512 bytes.
    pub body_excerpt: String,
}

impl<C: ErrorCodeEnum> ResponseError<C> {
    /// The service's error code, when it reported one.
    pub fn code(&self) -> Option<&C> {
        match self {
            ResponseError::Api(error) => error.code.as_ref(),
            ResponseError::Decode(_) => None,
        }
    }
}

/// A response as the operation's type, or the error it carries: what
/// [`Operation::parse_response`](crate::Operation::parse_response) does by
/// default, for generated overrides that add the response headers.
pub fn parse_response<T: DeserializeOwned, C: ErrorCodeEnum>(
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<T, ResponseError<C>> {
    let empty = body.iter().all(u8::is_ascii_whitespace);
    let json = || {
        if empty {
            Ok(Value::Object(Default::default()))
        } else {
            serde_json::from_slice::<Value>(body)
        }
    };
    if !status.is_success() {
        return Err(ResponseError::Api(api_error(status, headers, body, json().ok())));
    }
    if may_report_failure::<C>(body) {
        let value = json().map_err(|e| decode_error(status, body, e))?;
        if reports_failure::<C>(&value) {
            return Err(ResponseError::Api(api_error(status, headers, body, Some(value))));
        }
        return T::deserialize(value).map_err(|e| decode_error(status, body, e));
    }
    // The common case reads the body once, straight into `T`.
    let body = if empty { b"{}".as_slice() } else { body };
    serde_json::from_slice::<T>(body).map_err(|e| decode_error(status, body, e))
}

/// A success body as bytes (a response that is not JSON: a file download),
/// or the typed API error that any other status carries.
pub fn parse_bytes_response<C: ErrorCodeEnum>(
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<Vec<u8>, ResponseError<C>> {
    if status.is_success() {
        return Ok(body.to_vec());
    }
    let json = serde_json::from_slice::<Value>(body).ok();
    Err(ResponseError::Api(api_error(status, headers, body, json)))
}

/// Whether a 2xx body might say it failed (`"is_success": false` under a key
/// of the service's shapes), by a byte search: only then is it read as a
/// `Value` to look at its top level. A body without the key set to `false`
/// anywhere cannot report failure at its top level.
fn may_report_failure<C: ErrorCodeEnum>(body: &[u8]) -> bool {
    let mut keys = C::SHAPES.iter().filter_map(|shape| shape.success).peekable();
    // Most bodies say `false` nowhere: one byte scan rules them out before any
    // key is searched for.
    if keys.peek().is_none() || !memchr::memchr_iter(b'f', body).any(|at| body[at..].starts_with(b"false")) {
        return false;
    }
    keys.any(|key| {
        let key = key.as_bytes();
        let mut from = 0;
        // `memmem::find` per occurrence: it has a cheap path for small bodies,
        // where building a `find_iter` searcher would cost more than the parse.
        while let Some(found) = memchr::memmem::find(&body[from..], key) {
            let (at, end) = (from + found, from + found + key.len());
            from = end;
            let quoted = at > 0 && body[at - 1] == b'"' && body.get(end) == Some(&b'"');
            if quoted
                && body[end + 1..]
                    .trim_ascii_start()
                    .strip_prefix(b":")
                    .is_some_and(|value| value.trim_ascii_start().starts_with(b"false"))
            {
                return true;
            }
        }
        false
    })
}

fn reports_failure<C: ErrorCodeEnum>(value: &Value) -> bool {
    C::SHAPES
        .iter()
        .filter_map(|shape| shape.success)
        .any(|key| value.get(key) == Some(&Value::Bool(false)))
}

fn api_error<C: ErrorCodeEnum>(
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &[u8],
    json: Option<Value>,
) -> ApiError<C> {
    let read = json
        .as_ref()
        .and_then(|value| read_error_body(value, C::SHAPES.iter().map(ErrorShape::keys)));
    let (code, message) = match read {
        Some(ErrorBody { code, message }) => (
            code.map(|c| c.parse::<C>().unwrap_or_else(|never| match never {})),
            message,
        ),
        None => (None, None),
    };
    ApiError {
        status,
        code,
        message,
        request_id: headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        body_excerpt: excerpt(body),
    }
}

/// An error code as text: a string (pages print `"GES.8604 "`: whitespace is never
/// part of a code), or a number, which Keystone-style bodies
/// (`{"error": {"code": 401, ...}}`) and numeric code tables use.
fn code_text(value: &Value) -> Option<String> {
    match value {
        Value::String(code) => Some(code.trim().to_owned()),
        Value::Number(code) => Some(code.to_string()),
        _ => None,
    }
}

/// A response header's value as `T`; `None` when the header is missing or does
/// not read as `T`.
pub fn header_value<T: FromStr>(headers: &http::HeaderMap, name: &str) -> Option<T> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// The value at `key`, where a dotted key (`error.code`) reaches into nested
/// objects, as services that wrap their errors (`{"error": {...}}`) need.
fn field<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    value
        .get(key)
        .or_else(|| key.split('.').try_fold(value, |v, part| v.get(part)))
}

fn decode_error<C: ErrorCodeEnum>(
    status: http::StatusCode,
    body: &[u8],
    error: serde_json::Error,
) -> ResponseError<C> {
    ResponseError::Decode(DecodeError {
        status,
        reason: error.to_string(),
        body_excerpt: excerpt(body),
    })
}

/// The body's first bytes as text, cut at a character boundary.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(EXCERPT_BYTES + 4)]);
    let mut end = text.len().min(EXCERPT_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Code(String);

    impl FromStr for Code {
        type Err = std::convert::Infallible;
        fn from_str(s: &str) -> Result<Self, Self::Err> {
            Ok(Code(s.to_owned()))
        }
    }

    impl ErrorCodeEnum for Code {
        const SHAPES: &'static [ErrorShape] = &[
            ErrorShape {
                code: Some("error_code"),
                message: "error_msg",
                success: None,
            },
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
            None
        }
        fn message(&self) -> Option<&'static str> {
            None
        }
        fn is_documented(&self) -> bool {
            true
        }
    }

    fn parse(status: u16, body: &[u8]) -> Result<Value, ResponseError<Code>> {
        parse_response(
            http::StatusCode::from_u16(status).unwrap(),
            &http::HeaderMap::new(),
            body,
        )
    }

    #[test]
    fn a_gateway_html_page_is_an_error_with_a_bounded_excerpt() {
        let page = format!("<html>{}</html>", "é".repeat(600));
        let ResponseError::Api(error) = parse(502, page.as_bytes()).unwrap_err() else {
            panic!("not an API error")
        };
        assert_eq!(error.code, None);
        assert!(error.body_excerpt.len() <= EXCERPT_BYTES && error.body_excerpt.starts_with("<html>"));
    }

    #[test]
    fn header_values_read_as_their_type_or_not_at_all() {
        let mut headers = http::HeaderMap::new();
        headers.insert("x-subject-token", http::HeaderValue::from_static("MIIB token"));
        headers.insert("x-count", http::HeaderValue::from_static(" 42 "));
        assert_eq!(
            header_value::<String>(&headers, "X-Subject-Token").as_deref(),
            Some("MIIB token")
        );
        assert_eq!(header_value::<u32>(&headers, "X-Count"), Some(42));
        assert_eq!(header_value::<u32>(&headers, "X-Subject-Token"), None);
        assert_eq!(header_value::<String>(&headers, "X-Missing"), None);
    }

    #[test]
    fn a_wrapped_error_body_is_read_through_its_dotted_keys() {
        let body = br#"{"error": {"code": "IAM.0001", "message": "The token is invalid.", "title": "Unauthorized"}}"#;
        let ResponseError::Api(error) = parse(401, body).unwrap_err() else {
            panic!("not an API error")
        };
        assert_eq!(error.code, Some(Code("IAM.0001".into())));
        assert_eq!(error.message.as_deref(), Some("The token is invalid."));
    }

    #[test]
    fn a_numeric_code_reads_as_its_digits() {
        let body =
            br#"{"error": {"code": 401, "message": "Authentication failed", "title": "Unauthorized"}}"#;
        let ResponseError::Api(error) = parse(401, body).unwrap_err() else {
            panic!("not an API error")
        };
        assert_eq!(error.code, Some(Code("401".into())));
        assert_eq!(error.message.as_deref(), Some("Authentication failed"));
    }

    #[test]
    fn only_a_top_level_is_success_false_is_a_failure() {
        let nested = br#"{"is_success": true, "jobs": [{"is_success" : false}]}"#;
        assert!(parse(200, nested).is_ok());
        assert!(
            parse(
                200,
                br#"{"message": "x", "is_success" :
            false}"#
            )
            .is_err()
        );
        assert_eq!(parse(200, b"  ").unwrap(), serde_json::json!({}));
    }

    #[test]
    fn is_success_false_under_200_is_an_error() {
        let error = parse(200, br#"{"is_success": false, "message": "no such job"}"#).unwrap_err();
        let ResponseError::Api(error) = error else {
            panic!("not an API error")
        };
        assert_eq!(error.message.as_deref(), Some("no such job"));
    }

    #[test]
    fn a_truncated_success_body_is_a_decode_error() {
        assert!(matches!(
            parse(200, b"{\"is_success\": tr").unwrap_err(),
            ResponseError::Decode(_)
        ));
    }

    #[test]
    fn an_empty_error_body_keeps_the_status() {
        let ResponseError::Api(error) = parse(503, b"").unwrap_err() else {
            panic!("not an API error")
        };
        assert_eq!(error.status.as_u16(), 503);
        assert!(error.message.is_none() && error.code.is_none());
    }

    #[test]
    fn a_success_is_its_bytes_and_an_error_status_is_the_api_error() {
        let zip = b"PK\x03\x04 not json";
        let ok = parse_bytes_response::<Code>(http::StatusCode::OK, &http::HeaderMap::new(), zip);
        assert_eq!(ok.unwrap(), zip);
        let error = br#"{"error_code": "DLF.0100", "error_msg": "The job does not exist."}"#;
        let failed =
            parse_bytes_response::<Code>(http::StatusCode::BAD_REQUEST, &http::HeaderMap::new(), error);
        match failed {
            Err(ResponseError::Api(api)) => {
                assert_eq!(api.status, http::StatusCode::BAD_REQUEST);
                assert_eq!(api.code, Some(Code("DLF.0100".into())));
            }
            other => panic!("{other:?}"),
        }
    }
}
