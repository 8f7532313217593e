use hwcloud::dli;
use hwcloud::runtime::Operation;

fn main() {
    let body = br#"{"is_success": true}"#;
    let response = dli::CancelJobRequest::parse_response(http::StatusCode::OK, &http::HeaderMap::new(), body).unwrap();
    let _ = response.job_status;
}
