//! Bodies that are not JSON and responses of several 2xx bodies, through the
//! code generated from the generator's fixtures (`codegen/tests/fixtures/`
//! `media_bodies`, `success_variants`, `array_response`; `build.rs` generates them).

use hwcloud::mock::Mock;
use hwcloud::runtime::{Operation, Upload, http};

// Generated for a crate root, where the re-exports are the API; here the
// tests use some of each service.
#[allow(unused_imports, dead_code)]
mod files {
    include!(concat!(env!("OUT_DIR"), "/fixtures/media_bodies/files.rs"));
}
#[allow(unused_imports, dead_code)]
mod batch {
    include!(concat!(env!("OUT_DIR"), "/fixtures/array_response/batch.rs"));
}
#[allow(unused_imports, dead_code)]
mod rules {
    include!(concat!(env!("OUT_DIR"), "/fixtures/success_variants/rules.rs"));
}

fn content_type(request: &http::Request<Vec<u8>>) -> &str {
    request.headers()[http::header::CONTENT_TYPE].to_str().unwrap()
}

#[test]
fn a_form_sends_its_parts_in_order_with_the_file_named() {
    let request = files::UploadChartRequest::builder()
        .project_id("p1")
        .content(Upload::new(b"chart bytes".to_vec()).file_name("chart.tgz"))
        .replicas(3)
        .build()
        .to_http_request()
        .unwrap();
    let boundary = content_type(&request)
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart content type")
        .to_owned();
    let body = String::from_utf8(request.body().clone()).unwrap();
    assert_eq!(
        body,
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"content\"; filename=\"chart.tgz\"\r\n\
             Content-Type: application/octet-stream\r\n\r\nchart bytes\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"replicas\"\r\n\r\n3\r\n\
             --{boundary}--\r\n"
        )
    );
}

#[test]
fn a_file_body_is_its_bytes_under_the_documented_or_given_type() {
    let request = files::UploadImageRequest::builder()
        .image_id("img-1")
        .image_file(&b"\x00qcow"[..])
        .build()
        .to_http_request()
        .unwrap();
    assert_eq!(request.uri(), "/v2/images/img-1/file");
    assert_eq!(content_type(&request), "application/octet-stream");
    assert_eq!(request.body(), b"\x00qcow");
    let typed = files::UploadImageRequest::builder()
        .image_id("img-1")
        .image_file(Upload::from("text").content_type("text/plain"))
        .build()
        .to_http_request()
        .unwrap();
    assert_eq!(content_type(&typed), "text/plain");
}

#[test]
fn a_download_is_read_as_bytes_with_its_headers_and_errors_stay_typed() {
    let mut headers = http::HeaderMap::new();
    headers.insert("content-type", "application/zip".parse().unwrap());
    headers.insert(
        "content-disposition",
        "attachment; filename=DLF_myJob.zip".parse().unwrap(),
    );
    let zip = b"PK\x03\x04\xff not json";
    let response = files::ExportJobRequest::parse_response(http::StatusCode::OK, &headers, zip).unwrap();
    assert_eq!(response.body, zip);
    assert_eq!(response.content_type.as_deref(), Some("application/zip"));
    assert_eq!(
        response.content_disposition.as_deref(),
        Some("attachment; filename=DLF_myJob.zip")
    );
    let error = files::ExportJobRequest::parse_response(
        http::StatusCode::BAD_REQUEST,
        &http::HeaderMap::new(),
        br#"{"error_code": "FILES.0001", "error_msg": "Bad request."}"#,
    )
    .unwrap_err();
    assert_eq!(error.code(), Some(&files::ErrorCode::Files0001));
}

#[tokio::test]
async fn a_mock_answers_a_download_with_the_bytes_of_the_value() {
    let mock = Mock::new();
    mock.on::<files::DownloadLogRequest>()
        .respond(files::DownloadLogResponse {
            body: b"line 1\nline 2\n".to_vec(),
            content_type: Some("text/plain".into()),
        });
    let client = mock.client();
    let log = client
        .send(&files::DownloadLogRequest::builder().log_id("l1").build())
        .await
        .unwrap();
    assert_eq!(log.body, b"line 1\nline 2\n");
    assert_eq!(log.content_type.as_deref(), Some("text/plain"));
}

#[test]
fn each_2xx_body_reads_into_its_variant_by_status() {
    let headers = {
        let mut headers = http::HeaderMap::new();
        headers.insert("x-request-id", "req-9".parse().unwrap());
        headers
    };
    let created = rules::CreateRuleRequest::parse_response(
        http::StatusCode::CREATED,
        &headers,
        br#"{"request_id": "r1", "rule": {"id": "rule-1"}}"#,
    )
    .unwrap();
    match created {
        rules::CreateRuleResponse::Created(body) => {
            assert_eq!(body.rule.id, "rule-1");
            assert_eq!(body.x_request_id.as_deref(), Some("req-9"));
        }
        other => panic!("{other:?}"),
    }
    // The dry run's body has no `rule`: read as the main body it would not parse.
    let accepted = rules::CreateRuleRequest::parse_response(
        http::StatusCode::ACCEPTED,
        &headers,
        br#"{"request_id": "r2", "error_code": "RULES.0202", "error_msg": "Dry run passed."}"#,
    )
    .unwrap();
    match accepted {
        rules::CreateRuleResponse::Accepted(body) => {
            assert_eq!(body.error_code.as_deref(), Some("RULES.0202"))
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_mock_answers_a_variant_under_its_status() {
    let mock = Mock::new();
    let dry_run = rules::create_rule::CreateRuleAcceptedResponse {
        request_id: Some("r2".into()),
        ..Default::default()
    };
    mock.on::<rules::CreateRuleRequest>()
        .respond(rules::CreateRuleResponse::Accepted(dry_run.clone()));
    let client = mock.client_builder().project_id("p1").build().unwrap();
    let request = client
        .in_project(rules::CreateRuleRequest::builder())
        .dry_run(true)
        .build();
    let answer = client.send(&request).await.unwrap();
    // Only a 202 reads into `Accepted`: under the first documented status (201)
    // the body, which has no `rule`, would not parse.
    assert_eq!(answer, rules::CreateRuleResponse::Accepted(dry_run));
    // Without a rule, the documented 201 example answers.
    let mock = Mock::new();
    let client = mock.client_builder().project_id("p1").build().unwrap();
    let request = client.in_project(rules::CreateRuleRequest::builder()).build();
    assert!(matches!(
        client.send(&request).await.unwrap(),
        rules::CreateRuleResponse::Created(_)
    ));
}

#[test]
fn a_json_array_response_carries_its_documented_headers_beside_the_items() {
    let mut headers = http::HeaderMap::new();
    headers.insert("content-range", "items 0-0/1".parse().unwrap());
    let body = br#"[{"id": "p1", "name": "build", "stages": 3}]"#;
    let response = batch::ListPipelinesRequest::parse_response(http::StatusCode::OK, &headers, body).unwrap();
    assert_eq!(response.items.len(), 1);
    assert_eq!(response.items[0].id, "p1");
    assert_eq!(response.items[0].undocumented["stages"], 3);
    assert_eq!(response.content_range.as_deref(), Some("items 0-0/1"));
    // It serializes as the array the service sends: headers are not body.
    assert_eq!(
        hwcloud::runtime::serde_json::to_value(&response).unwrap(),
        hwcloud::runtime::serde_json::json!([{"id": "p1", "name": "build", "stages": 3}])
    );
}
