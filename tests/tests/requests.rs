//! The wire form of each operation's request, asserted exactly.

use hwcloud::runtime::{Operation, RequestError};
use hwcloud::{dli, ges};

/// (method, path and query, headers as `name: value`, body as text)
fn wire<O: Operation>(request: &O) -> (String, String, Vec<String>, String) {
    let http = request.to_http_request().expect("builds");
    let headers = http
        .headers()
        .iter()
        .map(|(name, value)| format!("{name}: {}", value.to_str().unwrap()))
        .collect();
    (
        http.method().to_string(),
        http.uri().to_string(),
        headers,
        String::from_utf8(http.body().clone()).unwrap(),
    )
}

fn no_headers() -> Vec<String> {
    Vec::new()
}

#[test]
fn dli_cancel_job() {
    let request = dli::CancelJobRequest::builder()
        .project_id("p1")
        .job_id("j-42")
        .build();
    assert_eq!(
        wire(&request),
        (
            "DELETE".into(),
            "/v1.0/p1/jobs/j-42".into(),
            no_headers(),
            String::new()
        )
    );
}

#[test]
fn a_path_parameter_stays_one_encoded_segment() {
    let request = dli::CancelJobRequest::builder()
        .project_id("p1")
        .job_id("a/../b?x#y")
        .build();
    assert_eq!(wire(&request).1, "/v1.0/p1/jobs/a%2F..%2Fb%3Fx%23y");
    let request = ges::CancelJobRequest::builder()
        .project_id("p 1")
        .graph_name("图")
        .job_id("..")
        .build();
    assert_eq!(wire(&request).1, "/ges/v1.0/p%201/graphs/%E5%9B%BE/jobs/%2E%2E");
}

#[test]
fn an_empty_path_parameter_is_refused() {
    let request = dli::CancelJobRequest::builder()
        .project_id("p1")
        .job_id("")
        .build();
    assert_eq!(
        request.to_http_request().unwrap_err(),
        RequestError::EmptyPathParameter("job_id")
    );
}

#[test]
#[allow(deprecated)]
fn dli_cancel_queue_job() {
    let request = dli::CancelQueueJobRequest::builder()
        .project_id("p1")
        .queue_name("q/1")
        .job_id("j1")
        .build();
    assert_eq!(
        wire(&request),
        (
            "DELETE".into(),
            "/v1.0/p1/queues/q%2F1/jobs/j1".into(),
            no_headers(),
            String::new()
        )
    );
}

#[test]
fn dli_cancel_batch_job() {
    let request = dli::CancelBatchJobRequest::builder()
        .project_id("p1")
        .batch_id("b1")
        .build();
    assert_eq!(
        wire(&request),
        (
            "DELETE".into(),
            "/v2.0/p1/batches/b1".into(),
            no_headers(),
            String::new()
        )
    );
}

/// The graph plane's requests carry the header its spec states (`X-Language`).
#[test]
fn ges_cancel_job_keeps_the_documented_placeholder_order() {
    let request = ges::CancelJobRequest::builder()
        .job_id("j1")
        .graph_name("movies")
        .project_id("p1")
        .build();
    assert_eq!(
        wire(&request),
        (
            "DELETE".into(),
            "/ges/v1.0/p1/graphs/movies/jobs/j1".into(),
            vec!["x-language: en-us".to_owned()],
            String::new()
        )
    );
}

#[test]
fn dli_submit_job_sends_a_json_body() {
    use dli::submit_job::Tag;
    let request = dli::SubmitJobRequest::builder()
        .project_id("p1")
        .sql("select 1")
        .queue_name("default")
        .tags(vec![Tag::new("workspace", "space1")])
        .build();
    let (method, uri, headers, body) = wire(&request);
    assert_eq!(
        (method.as_str(), uri.as_str()),
        ("POST", "/v1.0/p1/jobs/submit-job")
    );
    assert_eq!(headers, ["content-type: application/json"]);
    assert_eq!(
        body,
        r#"{"sql":"select 1","queue_name":"default","tags":[{"key":"workspace","value":"space1"}]}"#
    );
}

#[test]
fn dli_list_jobs_sends_only_the_query_parameters_given() {
    let request = dli::ListJobsRequest::builder()
        .project_id("p1")
        .page_size(10)
        .start(1502349803729_i64)
        .tags("k1=v1")
        .build();
    assert_eq!(
        wire(&request),
        (
            "GET".into(),
            "/v1.0/p1/jobs?page-size=10&start=1502349803729&tags=k1%3Dv1".into(),
            no_headers(),
            String::new()
        )
    );
    let bare = dli::ListJobsRequest::builder().project_id("p1").build();
    assert_eq!(wire(&bare).1, "/v1.0/p1/jobs");
}

#[test]
fn dli_show_group_resource_sends_its_required_query() {
    let request = dli::ShowGroupResourceRequest::builder()
        .project_id("p1")
        .resource_name("luxor.tar.gz")
        .group("gatk group")
        .build();
    assert_eq!(
        wire(&request),
        (
            "GET".into(),
            "/v2.0/p1/resources/luxor.tar.gz?group=gatk%20group".into(),
            no_headers(),
            String::new()
        )
    );
}

#[test]
fn operations_expose_their_documentation() {
    assert_eq!(<dli::CancelJobRequest as Operation>::ID, "dli.cancel_job");
    assert_eq!(
        <dli::CancelJobRequest as Operation>::URI_TEMPLATE,
        "/v1.0/{project_id}/jobs/{job_id}"
    );
    let statuses: Vec<u16> = <ges::CancelJobRequest as Operation>::STATUS_CODES
        .iter()
        .map(|s| s.status)
        .collect();
    assert_eq!(statuses, [200, 400, 401, 403, 404, 500, 503]);
}

#[test]
fn iam_federation_token_sends_a_url_encoded_form_under_one_content_type() {
    let request = hwcloud::iam::CreateOsFederationTokensRequest::builder()
        .content_type("application/x-www-form-urlencoded")
        .x_idp_id("idp 1")
        .saml_response("PD94b+Wwg/dm=")
        .build();
    let (method, uri, headers, body) = wire(&request);
    assert_eq!(
        (method.as_str(), uri.as_str()),
        ("POST", "/v3.0/OS-FEDERATION/tokens")
    );
    assert_eq!(body, "SAMLResponse=PD94b%2BWwg%2Fdm%3D");
    let content_types: Vec<&String> = headers.iter().filter(|h| h.starts_with("content-type")).collect();
    assert_eq!(content_types, ["content-type: application/x-www-form-urlencoded"]);
}
