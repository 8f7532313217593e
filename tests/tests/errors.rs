//! Error bodies in every documented shape become one typed API error.

use hwcloud::runtime::{Operation, ResponseError};
use hwcloud::{dli, ges};

fn parse<O: Operation>(status: u16, headers: &[(&str, &str)], body: &str) -> ResponseError<O::ErrorCode> {
    let mut map = http::HeaderMap::new();
    for (name, value) in headers {
        map.insert(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
    }
    O::parse_response(http::StatusCode::from_u16(status).unwrap(), &map, body.as_bytes())
        .expect_err("an error response")
}

#[test]
fn dli_error_code_shape_maps_to_its_variant_with_request_id() {
    let ResponseError::Api(error) = parse::<dli::CancelJobRequest>(
        400,
        &[("X-Request-Id", "req-1")],
        r#"{"error_code": "DLI.0002", "error_msg": "There is no queue named testqueue"}"#,
    ) else {
        panic!("not an API error")
    };
    assert_eq!(error.code, Some(dli::ErrorCode::Dli0002));
    assert_eq!(
        error.message.as_deref(),
        Some("There is no queue named testqueue")
    );
    assert_eq!(error.request_id.as_deref(), Some("req-1"));
    assert_eq!(
        error.to_string(),
        "HTTP 400 DLI.0002: There is no queue named testqueue"
    );
}

#[test]
fn an_unknown_code_becomes_the_fallback_variant() {
    let error =
        parse::<ges::CancelJobRequest>(400, &[], r#"{"errorCode": "GES.9999", "errorMessage": "new"}"#);
    assert_eq!(error.code(), Some(&ges::ErrorCode::Unknown("GES.9999".into())));
    let code: dli::ErrorCode = "APIGW.0301".parse().unwrap();
    assert_eq!(code, dli::ErrorCode::Unknown("APIGW.0301".into()));
    assert_eq!(
        (code.code(), code.http_status(), code.message()),
        ("APIGW.0301", None, None)
    );
}

#[test]
fn is_success_false_is_an_error_even_under_200() {
    let ResponseError::Api(error) = parse::<dli::CancelJobRequest>(
        200,
        &[],
        r#"{"is_success": false, "message": "job already finished"}"#,
    ) else {
        panic!("not an API error")
    };
    assert_eq!((error.status.as_u16(), error.code), (200, None));
    assert_eq!(error.message.as_deref(), Some("job already finished"));
}

#[test]
fn a_gateway_page_is_a_typed_error_not_a_panic() {
    let ResponseError::Api(error) =
        parse::<ges::CancelJobRequest>(502, &[], "<html><body>502 Bad Gateway</body></html>")
    else {
        panic!("not an API error")
    };
    assert_eq!((error.status.as_u16(), error.code), (502, None));
    assert_eq!(error.body_excerpt, "<html><body>502 Bad Gateway</body></html>");
}

#[test]
fn a_success_body_of_the_wrong_shape_is_a_decode_error() {
    let error = parse::<dli::CancelBatchJobRequest>(200, &[], r#"{"msg": 42}"#);
    assert!(matches!(error, ResponseError::Decode(_)), "{error:?}");
}

#[test]
fn error_codes_carry_the_table_and_round_trip_as_strings() {
    let code = ges::ErrorCode::Ges8303;
    assert_eq!((code.code(), code.http_status()), ("GES.8303", Some(400)));
    assert_eq!(dli::ErrorCode::Dli0013.http_status(), Some(401));
    assert_eq!(
        dli::ErrorCode::Dli0001.message(),
        Some("Parameter check errors occur.")
    );
    assert_eq!(dli::ErrorCode::Dli0001.message_zh(), Some("参数校验错误。"));
    assert_eq!(code.to_string().parse::<ges::ErrorCode>().unwrap(), code);
    assert_eq!(serde_json::to_string(&code).unwrap(), "\"GES.8303\"");
    assert_eq!(
        serde_json::from_str::<ges::ErrorCode>("\"GES.8303\"").unwrap(),
        code
    );
}

#[test]
fn undocumented_response_fields_are_kept() {
    let response = <dli::ListJobsRequest as Operation>::parse_response(
        http::StatusCode::OK,
        &http::HeaderMap::new(),
        br#"{"is_success": true, "message": "", "job_count": 0, "jobs": [], "trace": "t1"}"#,
    )
    .unwrap();
    assert_eq!(response.undocumented.get("trace"), Some(&serde_json::json!("t1")));
}
