// GES names its parameters in camelCase on the wire; Rust uses snake_case.
use hwcloud::ges;
use hwcloud::runtime::{Operation, ResponseError};

fn main() {
    let request = ges::CancelJobRequest::builder().project_id("p1").graph_name("movies").job_id("j1").build();
    assert_eq!(request.to_http_request().unwrap().uri(), "/ges/v1.0/p1/graphs/movies/jobs/j1");

    let body = br#"{"errorMessage": "can not find job to cancel", "errorCode": "GES.8303"}"#;
    let error = ges::CancelJobRequest::parse_response(http::StatusCode::BAD_REQUEST, &http::HeaderMap::new(), body)
        .unwrap_err();
    let described = match error.code() {
        Some(ges::ErrorCode::Ges8303) => "job not found",
        Some(ges::ErrorCode::Unknown(_)) => "undocumented",
        Some(_) => "other documented error",
        None => "no code",
    };
    assert_eq!(described, "job not found");
    let _: Option<&ResponseError<ges::ErrorCode>> = Some(&error);
}
