//! Cancels a DLI job and a GES job against a stub server this example starts on
//! 127.0.0.1, then prints each request it sent and what came back, so the whole
//! round trip is visible without a cloud account.
//!
//! `cargo run -p hwcloud --example cancel_jobs`

use hwcloud::client::{Client, ClientError, Credentials};
use hwcloud::{dli, ges};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = stub_server().await;
    let client = Client::builder()
        .endpoint(server.uri())
        .credentials(Credentials::access_key("AKEXAMPLE", "SKEXAMPLE"))
        .project_id("48cc2c48765f481480c7db940d6409d1")
        .build()?;

    let cancel = client
        .in_project(dli::CancelJobRequest::builder())
        .job_id("6a2b9e1c")
        .build();
    println!("DLI cancel job -> {:?}\n", client.send(&cancel).await?);

    // GES's business plane takes IAM tokens only (and, on a real cloud, goes to the
    // graph's own address: `.plane_endpoint("ges", "graph", url)`).
    let graph_client = Client::builder()
        .endpoint(server.uri())
        .credentials(Credentials::token("MIIexample-token"))
        .project_id("48cc2c48765f481480c7db940d6409d1")
        .build()?;
    let cancel = graph_client
        .in_project(ges::CancelJobRequest::builder())
        .graph_name("movies")
        .job_id("9440a7eb")
        .build();
    match graph_client.send(&cancel).await {
        Ok(response) => println!("GES cancel job -> {response:?}\n"),
        Err(ClientError::Api(error)) => match &error.code {
            Some(ges::ErrorCode::Ges8303) => println!(
                "GES cancel job -> {} (documented: {:?}, request id {:?})\n",
                error,
                error.code.as_ref().and_then(|c| c.message()),
                error.request_id
            ),
            _ => println!("GES cancel job -> {error}\n"),
        },
        Err(other) => return Err(other.into()),
    }

    println!("Requests the stub server received:");
    for request in server.received_requests().await.unwrap_or_default() {
        println!("  {} {}", request.method, request.url.path());
        for (name, value) in &request.headers {
            println!("    {name}: {}", value.to_str().unwrap_or("<binary>"));
        }
    }
    Ok(())
}

/// Answers with the examples the documentation pages print.
async fn stub_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/v1.0/48cc2c48765f481480c7db940d6409d1/jobs/6a2b9e1c"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"is_success": true, "message": ""}"#, "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/ges/v1.0/48cc2c48765f481480c7db940d6409d1/graphs/movies/jobs/9440a7eb"))
        .respond_with(
            ResponseTemplate::new(400).insert_header("X-Request-Id", "req-0001").set_body_raw(
                r#"{"errorMessage": "can not find job to cancel, id is 9440a7eb", "errorCode": "GES.8303"}"#,
                "application/json",
            ),
        )
        .mount(&server)
        .await;
    server
}
