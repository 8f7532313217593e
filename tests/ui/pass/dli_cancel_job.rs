// Cancel a DLI job: build, send (here: inspect), read the response or the error.
use hwcloud::dli;
use hwcloud::runtime::{Operation, ResponseError};

fn main() {
    let request = dli::CancelJobRequest::builder().project_id("p1").job_id("j1").build();
    let http_request: http::Request<Vec<u8>> = request.to_http_request().unwrap();
    assert_eq!(http_request.method(), http::Method::DELETE);

    let body = br#"{"is_success": true, "message": ""}"#;
    match dli::CancelJobRequest::parse_response(http::StatusCode::OK, &http::HeaderMap::new(), body) {
        Ok(response) => {
            let success: Option<bool> = response.is_success;
            assert_eq!(success, Some(true));
        }
        Err(ResponseError::Api(error)) => match error.code {
            Some(dli::ErrorCode::Dli0002) => eprintln!("no such job"),
            Some(dli::ErrorCode::Unknown(code)) => eprintln!("undocumented code {code}"),
            Some(other) => eprintln!("{other}: {:?}", other.message()),
            None => eprintln!("HTTP {}", error.status),
        },
        Err(other) => eprintln!("{other}"),
    }
}
