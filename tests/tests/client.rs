//! The client against a real HTTP server on 127.0.0.1 (wiremock): exact requests,
//! documented responses and errors, retries only where they belong, deadlines.

use std::time::{Duration, Instant};

use hwcloud::client::{Client, ClientError, Credentials, RetryPolicy};
use hwcloud::{dli, ges};
use wiremock::matchers::{body_json, header, header_exists, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer, retry: RetryPolicy) -> Client {
    Client::builder()
        .endpoint(server.uri())
        .credentials(Credentials::access_key("AKTEST", "SKTEST"))
        .project_id("p1")
        .retry(retry)
        .build()
        .unwrap()
}

fn fast_retries(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        retry_non_idempotent: false,
    }
}

fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

/// AK/SK requests are signed and carry the project.
fn signed() -> (
    wiremock::matchers::HeaderExactMatcher,
    wiremock::matchers::HeaderExistsMatcher,
) {
    (header("x-project-id", "p1"), header_exists("x-sdk-date"))
}

#[tokio::test]
async fn dli_cancel_job_sends_the_documented_request_and_parses_the_response() {
    let server = MockServer::start().await;
    let (project, date) = signed();
    Mock::given(method("DELETE"))
        .and(path("/v1.0/p1/jobs/j-1"))
        .and(project)
        .and(date)
        .respond_with(json(r#"{"is_success": true, "message": ""}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server, RetryPolicy::default());
    let request = client
        .in_project(dli::CancelJobRequest::builder())
        .job_id("j-1")
        .build();
    let response = client.send(&request).await.unwrap();
    assert_eq!(
        (response.is_success, response.message.as_deref()),
        (Some(true), Some(""))
    );
    let received = &server.received_requests().await.unwrap()[0];
    let authorization = received.headers["authorization"].to_str().unwrap();
    assert!(
        authorization.starts_with(
            "SDK-HMAC-SHA256 Access=AKTEST, SignedHeaders=host;user-agent;x-project-id;x-sdk-date, Signature="
        ),
        "{authorization}"
    );
    assert!(
        received.headers["user-agent"]
            .to_str()
            .unwrap()
            .starts_with("hwcloud-rust/")
    );
}

#[tokio::test]
#[allow(deprecated)]
async fn dli_cancel_queue_job_and_cancel_batch_job() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/v1.0/p1/queues/q%2F1/jobs/j1"))
        .respond_with(json(r#"{"is_success": true, "message": ""}"#))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v2.0/p1/batches/b1"))
        .respond_with(json(r#"{"msg": "deleted"}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server, RetryPolicy::default());
    let queued = client
        .in_project(dli::CancelQueueJobRequest::builder())
        .queue_name("q/1")
        .job_id("j1")
        .build();
    assert_eq!(client.send(&queued).await.unwrap().is_success, Some(true));
    let batch = client
        .in_project(dli::CancelBatchJobRequest::builder())
        .batch_id("b1")
        .build();
    assert_eq!(client.send(&batch).await.unwrap().msg.as_deref(), Some("deleted"));
}

#[tokio::test]
async fn ges_cancel_job_and_its_documented_error() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/ges/v1.0/p1/graphs/movies/jobs/ok"))
        .respond_with(json("{}"))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/ges/v1.0/p1/graphs/movies/jobs/missing"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("X-Request-Id", "rid-42")
                .set_body_raw(
                    r#"{"errorMessage": "can not find job to cancel, id is 9440a7eb", "errorCode": "GES.8303"}"#,
                    "application/json",
                ),
        )
        .expect(1)
        .mount(&server)
        .await;
    // The graph plane takes IAM tokens only: signed with AK/SK, nothing is sent.
    let signed = client(&server, RetryPolicy::default());
    let request = signed
        .in_project(ges::CancelJobRequest::builder())
        .graph_name("movies")
        .job_id("ok")
        .build();
    let refused = signed.send(&request).await.unwrap_err();
    assert!(
        matches!(
            refused,
            ClientError::TokenRequired {
                operation: "ges.cancel_job",
                plane: "graph"
            }
        ),
        "{refused:?}"
    );
    let client = Client::builder()
        .endpoint(server.uri())
        .credentials(Credentials::token("MIItoken"))
        .project_id("p1")
        .build()
        .unwrap();
    let ok = client
        .in_project(ges::CancelJobRequest::builder())
        .graph_name("movies")
        .job_id("ok")
        .build();
    assert!(client.send(&ok).await.unwrap().undocumented.is_empty());
    let missing = client
        .in_project(ges::CancelJobRequest::builder())
        .graph_name("movies")
        .job_id("missing")
        .build();
    match client.send(&missing).await {
        Err(ClientError::Api(error)) => {
            assert_eq!(error.code, Some(ges::ErrorCode::Ges8303));
            assert_eq!(error.status.as_u16(), 400);
            assert_eq!(error.request_id.as_deref(), Some("rid-42"));
        }
        other => panic!("expected GES.8303, got {other:?}"),
    }
}

#[tokio::test]
async fn dli_error_body_maps_to_its_variant() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(400).set_body_raw(
            r#"{"error_code": "DLI.0002", "error_msg": "There is no queue named testqueue"}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let client = client(&server, RetryPolicy::default());
    let request = client
        .in_project(dli::CancelJobRequest::builder())
        .job_id("j1")
        .build();
    let Err(ClientError::Api(error)) = client.send(&request).await else {
        panic!("expected an API error")
    };
    assert_eq!(error.code, Some(dli::ErrorCode::Dli0002));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "4xx is not retried"
    );
}

#[tokio::test]
async fn submit_job_sends_its_json_body_and_query_parameters_travel() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/p1/jobs/submit-job"))
        .and(header("content-type", "application/json"))
        .and(body_json(
            serde_json::json!({"sql": "select 1", "tags": [{"key": "k", "value": "v"}]}),
        ))
        .respond_with(json(
            r#"{"is_success": true, "message": "", "job_id": "j9", "job_type": "QUERY"}"#,
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2.0/p1/resources/r.jar"))
        .and(query_param("group", "g 1"))
        .respond_with(json(r#"{"resource_name": "r.jar", "status": "READY"}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server, RetryPolicy::default());
    let submit = client
        .in_project(dli::SubmitJobRequest::builder())
        .sql("select 1")
        .tags(vec![dli::submit_job::Tag::new("k", "v")])
        .build();
    assert_eq!(client.send(&submit).await.unwrap().job_id, "j9");
    let show = client
        .in_project(dli::ShowGroupResourceRequest::builder())
        .resource_name("r.jar")
        .group("g 1")
        .build();
    assert_eq!(client.send(&show).await.unwrap().status.as_deref(), Some("READY"));
}

#[tokio::test]
async fn idempotent_calls_retry_on_5xx_and_429() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(json(r#"{"msg": "deleted"}"#))
        .mount(&server)
        .await;
    let client = client(&server, fast_retries(3));
    let request = client
        .in_project(dli::CancelBatchJobRequest::builder())
        .batch_id("b1")
        .build();
    assert_eq!(
        client.send(&request).await.unwrap().msg.as_deref(),
        Some("deleted")
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn post_is_not_retried_unless_the_caller_opts_in() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_raw("<html>Bad Gateway</html>", "text/html"))
        .mount(&server)
        .await;
    let submit = dli::SubmitJobRequest::builder()
        .project_id("p1")
        .sql("select 1")
        .build();

    let Err(ClientError::Api(error)) = client(&server, fast_retries(3)).send(&submit).await else {
        panic!("expected the gateway error")
    };
    assert_eq!((error.status.as_u16(), error.code.as_ref()), (502, None));
    assert_eq!(error.body_excerpt, "<html>Bad Gateway</html>");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let opted_in = RetryPolicy {
        retry_non_idempotent: true,
        ..fast_retries(3)
    };
    assert!(client(&server, opted_in).send(&submit).await.is_err());
    assert_eq!(server.received_requests().await.unwrap().len(), 1 + 3);
}

#[tokio::test]
async fn the_deadline_bounds_the_whole_call() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(json("{}").set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .endpoint(server.uri())
        .credentials(Credentials::token("t"))
        .deadline(Duration::from_millis(300))
        .build()
        .unwrap();
    let request = ges::CancelJobRequest::builder()
        .project_id("p")
        .graph_name("g")
        .job_id("j")
        .build();
    let started = Instant::now();
    let result = client.send(&request).await;
    assert!(matches!(result, Err(ClientError::Deadline { .. })), "{result:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .endpoint(format!("http://127.0.0.1:{port}"))
        .credentials(Credentials::access_key("AK", "SK"))
        .retry(fast_retries(3))
        .build()
        .unwrap();
    let request = dli::CancelJobRequest::builder()
        .project_id("p")
        .job_id("j")
        .build();
    match client.send(&request).await {
        Err(ClientError::Transport { attempts, .. }) => assert_eq!(attempts, 3),
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn token_authentication_sends_x_auth_token_and_no_signature() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(header("x-auth-token", "tok-1"))
        .respond_with(json(r#"{"msg": "deleted"}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .endpoint(server.uri())
        .credentials(Credentials::token("tok-1"))
        .build()
        .unwrap();
    let request = dli::CancelBatchJobRequest::builder()
        .project_id("p")
        .batch_id("b")
        .build();
    client.send(&request).await.unwrap();
    let received = &server.received_requests().await.unwrap()[0];
    assert!(!received.headers.contains_key("authorization"));
}

#[tokio::test]
async fn a_missing_project_id_fails_before_sending() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .endpoint(server.uri())
        .credentials(Credentials::token("t"))
        .build()
        .unwrap();
    let request = client
        .in_project(dli::CancelJobRequest::builder())
        .job_id("j")
        .build();
    assert!(matches!(
        client.send(&request).await,
        Err(ClientError::Request(_))
    ));
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// `dli.cancel_job` as if only Open Telekom Cloud's pages documented it.
struct OtcOnly(dli::CancelJobRequest);

impl hwcloud::runtime::Operation for OtcOnly {
    type Response = <dli::CancelJobRequest as hwcloud::runtime::Operation>::Response;
    type ErrorCode = <dli::CancelJobRequest as hwcloud::runtime::Operation>::ErrorCode;
    const ID: &'static str = "dli.cancel_job";
    const METHOD: hwcloud::runtime::http::Method = hwcloud::runtime::http::Method::DELETE;
    const URI_TEMPLATE: &'static str = <dli::CancelJobRequest as hwcloud::runtime::Operation>::URI_TEMPLATE;
    const STATUS_CODES: &'static [hwcloud::runtime::DocumentedStatus] =
        <dli::CancelJobRequest as hwcloud::runtime::Operation>::STATUS_CODES;
    const ENDPOINTS: hwcloud::runtime::ServiceEndpoints =
        <dli::CancelJobRequest as hwcloud::runtime::Operation>::ENDPOINTS;
    const CLOUDS: &'static [hwcloud::runtime::Cloud] = &[hwcloud::runtime::Cloud::OpenTelekomCloud];

    fn to_http_request(
        &self,
    ) -> Result<hwcloud::runtime::http::Request<Vec<u8>>, hwcloud::runtime::RequestError> {
        hwcloud::runtime::Operation::to_http_request(&self.0)
    }
}

#[tokio::test]
async fn an_operation_another_cloud_documents_is_refused_unless_allowed() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/v1.0/p1/jobs/j-1"))
        .respond_with(json(r#"{"is_success": true, "message": ""}"#))
        .expect(3)
        .mount(&server)
        .await;
    let on = |cloud: Option<hwcloud::runtime::Cloud>, allow: bool| {
        let builder = Client::builder()
            .endpoint(server.uri())
            .credentials(Credentials::access_key("AKTEST", "SKTEST"))
            .project_id("p1")
            .allow_undocumented_operations(allow);
        match cloud {
            Some(cloud) => builder.cloud(cloud),
            None => builder,
        }
        .build()
        .unwrap()
    };
    let request = |client: &Client| {
        OtcOnly(
            client
                .in_project(dli::CancelJobRequest::builder())
                .job_id("j-1")
                .build(),
        )
    };
    let huawei = on(Some(hwcloud::runtime::Cloud::HuaweiCloud), false);
    let refused = huawei.send(&request(&huawei)).await.unwrap_err();
    assert!(
        matches!(
            refused,
            ClientError::Undocumented {
                operation: "dli.cancel_job",
                cloud: "Huawei Cloud"
            }
        ),
        "{refused:?}"
    );
    // Sent: on its own cloud, when allowed, and where no cloud was chosen for a fixed endpoint.
    let otc = on(Some(hwcloud::runtime::Cloud::OpenTelekomCloud), false);
    assert_eq!(otc.send(&request(&otc)).await.unwrap().is_success, Some(true));
    let allowed = on(Some(hwcloud::runtime::Cloud::HuaweiCloud), true);
    assert_eq!(
        allowed.send(&request(&allowed)).await.unwrap().is_success,
        Some(true)
    );
    let unchosen = on(None, false);
    assert_eq!(
        unchosen.send(&request(&unchosen)).await.unwrap().is_success,
        Some(true)
    );
}
