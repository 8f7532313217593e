// Parameters can be given in any order; the response field is typed.
use hwcloud::dli;
use hwcloud::runtime::Operation;

fn main() {
    let request = dli::CancelBatchJobRequest::builder().batch_id("b1").project_id("p1").build();
    assert_eq!(request.to_http_request().unwrap().uri(), "/v2.0/p1/batches/b1");
    let response =
        dli::CancelBatchJobRequest::parse_response(http::StatusCode::OK, &http::HeaderMap::new(), br#"{"msg":"deleted"}"#)
            .unwrap();
    let msg: Option<String> = response.msg;
    assert_eq!(msg.as_deref(), Some("deleted"));
}
