//! What every generated request type is: an [`Operation`].

use serde::de::DeserializeOwned;

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

/// Assembles the pieces generated code computed into an [`http::Request`].
pub fn build_request(
    method: http::Method,
    path: PathBuilder,
    query: QueryBuilder,
    headers: impl IntoIterator<Item = (&'static str, http::HeaderValue)>,
    body: Option<Result<Vec<u8>, serde_json::Error>>,
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
    let body = match body {
        Some(body) => {
            request = request.header(http::header::CONTENT_TYPE, "application/json");
            body.map_err(|e| RequestError::Body(e.to_string()))?
        }
        None => Vec::new(),
    };
    request.body(body).map_err(|e| RequestError::Http(e.to_string()))
}
