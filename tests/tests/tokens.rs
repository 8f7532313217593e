//! IAM password tokens end to end against a loopback server: the token comes from
//! IAM's `X-Subject-Token` header, is cached and shared by concurrent calls,
//! refreshed when it nears `expires_at`, and replaced once when a service answers 401.

use std::time::{Duration, SystemTime};

use hwcloud::auth::{self, Scope};
use hwcloud::client::{Client, RetryPolicy};
use hwcloud::dli;
use time::format_description::well_known::Rfc3339;
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const OK: &str = r#"{"is_success": true, "message": ""}"#;

fn token_response(token: &str, valid_for: Duration) -> ResponseTemplate {
    let expires = time::OffsetDateTime::from(SystemTime::now() + valid_for)
        .format(&Rfc3339)
        .unwrap();
    ResponseTemplate::new(201)
        .insert_header("X-Subject-Token", token)
        .set_body_json(serde_json::json!({"token": {"expires_at": expires, "methods": ["password"]}}))
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .endpoint(server.uri())
        .credentials(auth::password(
            "alice",
            "acme",
            "s3cret",
            Scope::ProjectId("p1".into()),
        ))
        .project_id("p1")
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

fn cancel(client: &Client) -> dli::CancelJobRequest {
    client
        .in_project(dli::CancelJobRequest::builder())
        .job_id("j1")
        .build()
}

#[tokio::test]
async fn one_token_serves_concurrent_calls_and_is_sent_as_x_auth_token() {
    let server = MockServer::start().await;
    let password_body = serde_json::json!({"auth": {
        "identity": {"methods": ["password"], "password": {"user": {"name": "alice", "password": "s3cret", "domain": {"name": "acme"}}}},
        "scope": {"project": {"id": "p1"}}
    }});
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .and(body_partial_json(password_body))
        .respond_with(token_response("tok-1", Duration::from_secs(3600)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v1.0/p1/jobs/j1"))
        .and(header("x-auth-token", "tok-1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(OK, "application/json"))
        .expect(6)
        .mount(&server)
        .await;
    let client = client(&server);
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..5 {
        let (client, request) = (client.clone(), cancel(&client));
        calls.spawn(async move { client.send(&request).await });
    }
    for result in calls.join_all().await {
        assert!(result.unwrap().is_success.unwrap_or_default());
    }
    client.send(&cancel(&client)).await.unwrap();
    let provider = auth::Password::new("alice", "acme", "s3cret", Scope::Domain);
    assert!(
        !format!("{provider:?} {client:?}").contains("s3cret"),
        "no secret in Debug"
    );
}

#[tokio::test]
async fn a_token_near_its_expiry_is_refreshed_before_the_call() {
    let server = MockServer::start().await;
    // Valid for one minute: inside the refresh margin, so each call fetches anew.
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(token_response("tok-short", Duration::from_secs(60)))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(OK, "application/json"))
        .mount(&server)
        .await;
    let client = client(&server);
    client.send(&cancel(&client)).await.unwrap();
    client.send(&cancel(&client)).await.unwrap();
}

#[tokio::test]
async fn a_rejected_token_is_replaced_once_and_the_call_repeated() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(token_response("tok-revoked", Duration::from_secs(3600)))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(token_response("tok-new", Duration::from_secs(3600)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(header("x-auth-token", "tok-revoked"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            r#"{"error_code": "DLI.0003", "error_msg": "token revoked"}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(header("x-auth-token", "tok-new"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(OK, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    client.send(&cancel(&client)).await.unwrap();
}

#[tokio::test]
async fn iam_refusing_the_password_is_a_token_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            r#"{"error": {"code": 401, "message": "The username or password is wrong.", "title": "Unauthorized"}}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let client = client(&server);
    let error = client.send(&cancel(&client)).await.unwrap_err();
    assert!(
        matches!(error, hwcloud::client::ClientError::Token(_)),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("The username or password is wrong."),
        "{error}"
    );
}

#[tokio::test]
async fn a_password_from_clouds_yaml_asks_iam_for_its_project() {
    use hwcloud::client::sources::{Found, FoundSecret};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .and(body_partial_json(serde_json::json!({"auth": {
            "identity": {"password": {"user": {"name": "alice", "domain": {"name": "OTC0001"}}}},
            "scope": {"project": {"name": "eu-de_project"}}
        }})))
        .respond_with(token_response("tok-otc", Duration::from_secs(3600)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(header("x-auth-token", "tok-otc"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(OK, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let discovered = auth::from_found(Found {
        secret: FoundSecret::Password {
            user: "alice".into(),
            domain: "OTC0001".into(),
            password: "pw-from-file".into(),
        },
        project_id: None,
        project_name: Some("eu-de_project".into()),
        region: Some("eu-de".into()),
        cloud: Some(hwcloud::runtime::Cloud::OpenTelekomCloud),
        source: "clouds.yaml".into(),
    });
    assert_eq!(discovered.source, "clouds.yaml");
    let client = discovered
        .configure(Client::builder())
        .endpoint(server.uri())
        .project_id("p1")
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    client.send(&cancel(&client)).await.unwrap();
}
