//! What every generated request type is: an [`Operation`].

use serde::de::DeserializeOwned;

use super::body::RequestBody;
use super::endpoint::{Cloud, Plane, ServiceEndpoints};
use super::error::{ErrorCodeEnum, ResponseError, parse_response};
use super::request::{PathBuilder, QueryBuilder, RequestError};

/// A status code the operation's page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentedStatus {
    /// The HTTP status.
    pub status: u16,
    /// What the page says it means.
    pub description: &'static str,
}

/// One API operation: how its request goes on the wire and how its response reads.
pub trait Operation {
    /// The documented success body.
    type Response: DeserializeOwned + std::fmt::Debug;
    /// The service's error-code enum.
    type ErrorCode: ErrorCodeEnum;
    /// `service.operation`, e.g. `dli.cancel_job`.
    const ID: &'static str;
    /// The HTTP method.
    const METHOD: http::Method;
    /// The URI as documented, with `{placeholders}`.
    const URI_TEMPLATE: &'static str;
    /// The status codes the page documents.
    const STATUS_CODES: &'static [DocumentedStatus];
    /// The service's endpoints per cloud (the service module's `ENDPOINTS`).
    const ENDPOINTS: ServiceEndpoints;
    /// The plane the operation belongs to when it is not sent to the service's
    /// host (GES's graph plane).
    const PLANE: Option<Plane> = None;
    /// The clouds whose documentation has the operation, where not every cloud
    /// that documents the service does; empty: every cloud. A client for
    /// another cloud refuses it before sending, unless told otherwise.
    const CLOUDS: &'static [Cloud] = &[];

    /// The documented success answer a [`Mock`](crate::mock::Mock) gives when no
    /// rule answers the operation: written by the generator behind the
    /// generated crate's `test-util` feature; `None` when the pages show none.
    #[cfg(feature = "test-util")]
    const DOCUMENTED_RESPONSE: Option<crate::mock::Documented> = None;

    /// The request as a mock records it and its rules see it: a clone,
    /// written by the generator behind the `test-util` feature. `None`: a
    /// mock records only the HTTP request, and rules that look at the typed
    /// request do not match.
    #[cfg(feature = "test-util")]
    fn mock_request(&self) -> Option<Box<dyn std::any::Any + Send>> {
        None
    }

    /// The response headers a response value stands for (its fields read from
    /// headers), for a mock that answers with the value: written by the
    /// generator behind the `test-util` feature where the page documents any.
    #[cfg(feature = "test-util")]
    fn mock_response_headers(response: &Self::Response) -> http::HeaderMap {
        let _ = response;
        http::HeaderMap::new()
    }

    /// The status a response value stands for, where the operation's
    /// response is one of several 2xx bodies: written by the generator behind
    /// the `test-util` feature. `None`: the first 2xx status the page documents.
    #[cfg(feature = "test-util")]
    fn mock_response_status(response: &Self::Response) -> Option<u16> {
        let _ = response;
        None
    }

    /// The body a response value stands for when it is not JSON (its `body`
    /// bytes), for a mock that answers with the value: written by the
    /// generator behind the `test-util` feature for such responses. `None`:
    /// the value is serialized as JSON.
    #[cfg(feature = "test-util")]
    fn mock_response_body(response: &Self::Response) -> Option<Vec<u8>> {
        let _ = response;
        None
    }

    /// The request as HTTP: method, path, query, headers and JSON body. The URI is
    /// relative (path and query); a client joins it to its endpoint.
    fn to_http_request(&self) -> Result<http::Request<Vec<u8>>, RequestError>;

    /// Reads a response: a 2xx body into [`Self::Response`], anything else into the
    /// typed API error. Never panics, whatever the bytes.
    fn parse_response(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self::Response, ResponseError<Self::ErrorCode>> {
        parse_response(status, headers, body)
    }
}

/// Assembles the pieces generated code computed into an [`http::Request`]:
/// the body is a [`RequestBody`], or (as generated code before it wrote one)
/// an optional JSON serialization.
pub fn build_request(
    method: http::Method,
    path: PathBuilder,
    query: QueryBuilder,
    headers: impl IntoIterator<Item = (&'static str, http::HeaderValue)>,
    body: impl Into<RequestBody>,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    let mut uri = path.finish();
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(&query.finish());
    }
    let mut request = http::Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let (content_type, body) = match body.into() {
        RequestBody::None => (None, Vec::new()),
        RequestBody::Json(body) => (
            Some(http::HeaderValue::from_static("application/json")),
            body.map_err(|e| RequestError::Body(e.to_string()))?,
        ),
        RequestBody::Bytes { content_type, bytes } => {
            let content_type = http::HeaderValue::try_from(content_type)
                .map_err(|e| RequestError::Body(format!("content type: {e}")))?;
            (Some(content_type), bytes)
        }
    };
    // The body's own type stands over a documented `Content-Type` parameter:
    // a request carries one, and a form's boundary must be the one it was encoded with.
    if let (Some(content_type), Some(headers)) = (content_type, request.headers_mut()) {
        headers.insert(http::header::CONTENT_TYPE, content_type);
    }
    request.body(body).map_err(|e| RequestError::Http(e.to_string()))
}

impl From<Option<Result<Vec<u8>, serde_json::Error>>> for RequestBody {
    fn from(body: Option<Result<Vec<u8>, serde_json::Error>>) -> RequestBody {
        body.map_or(RequestBody::None, RequestBody::Json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Multipart, Upload};

    fn path() -> PathBuilder {
        let mut path = PathBuilder::new();
        path.literal("/v1/files");
        path
    }

    #[test]
    fn a_body_of_bytes_travels_under_its_own_content_type_only() {
        let mut form = Multipart::new();
        form.file("file", &Upload::from("abc"));
        let documented = (
            "Content-Type",
            http::HeaderValue::from_static("multipart/form-data"),
        );
        let request = build_request(
            http::Method::POST,
            path(),
            QueryBuilder::new(),
            [documented],
            form.finish(),
        )
        .unwrap();
        let types: Vec<_> = request
            .headers()
            .get_all(http::header::CONTENT_TYPE)
            .iter()
            .collect();
        assert_eq!(types.len(), 1);
        assert!(
            types[0]
                .to_str()
                .unwrap()
                .starts_with("multipart/form-data; boundary=hwcloud-")
        );
        assert!(String::from_utf8_lossy(request.body()).contains("\r\nabc\r\n"));
    }

    #[test]
    fn json_and_no_body_as_generated_code_before_request_body_wrote_them() {
        let json = build_request(
            http::Method::POST,
            path(),
            QueryBuilder::new(),
            [],
            Some(serde_json::to_vec(&serde_json::json!({"a": 1}))),
        )
        .unwrap();
        assert_eq!(json.headers()[http::header::CONTENT_TYPE], "application/json");
        assert_eq!(json.body(), br#"{"a":1}"#);
        let none = build_request(http::Method::GET, path(), QueryBuilder::new(), [], None).unwrap();
        assert!(none.headers().get(http::header::CONTENT_TYPE).is_none() && none.body().is_empty());
    }
}
