//! Per-call overhead of the client over a plain reqwest call, against the same
//! server on 127.0.0.1, and the client-side work alone (build, sign, parse).
//! `cargo bench -p hwcloud --bench client_overhead`; prints numbers.

use std::time::{Duration, Instant, SystemTime};

use hwcloud::client::{Client, Credentials, RetryPolicy};
use hwcloud::dli;
use hwcloud::runtime::Operation;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const CALLS: u32 = 2_000;
const BODY: &str = r#"{"is_success": true, "message": ""}"#;

fn per_call(total: Duration, calls: u32) -> f64 {
    total.as_secs_f64() * 1e6 / f64::from(calls)
}

#[tokio::main]
async fn main() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(BODY, "application/json"))
        .mount(&server)
        .await;
    let client = Client::builder()
        .endpoint(server.uri())
        .credentials(Credentials::access_key("AK", "SK"))
        .project_id("p1")
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let plain = reqwest::Client::new();
    let url = format!("{}/v1.0/p1/jobs/j1", server.uri());
    let request = client
        .in_project(dli::CancelJobRequest::builder())
        .job_id("j1")
        .build();

    // Warm up connections and caches on both paths.
    for _ in 0..200 {
        client.send(&request).await.unwrap();
        plain.delete(&url).send().await.unwrap().bytes().await.unwrap();
    }
    let mut ours = Duration::MAX;
    let mut theirs = Duration::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        for _ in 0..CALLS {
            client.send(&request).await.unwrap();
        }
        ours = ours.min(started.elapsed());
        let started = Instant::now();
        for _ in 0..CALLS {
            let body = plain.delete(&url).send().await.unwrap().bytes().await.unwrap();
            assert_eq!(body.len(), BODY.len());
        }
        theirs = theirs.min(started.elapsed());
    }

    let key = hwcloud::signing::AccessKey::new("AK", "SK");
    let started = Instant::now();
    for _ in 0..CALLS * 10 {
        let mut http = request.to_http_request().unwrap();
        *http.uri_mut() = format!("https://dli.example.com{}", http.uri()).parse().unwrap();
        hwcloud::signing::sign(&mut http, &key, SystemTime::now()).unwrap();
        dli::CancelJobRequest::parse_response(http::StatusCode::OK, &http::HeaderMap::new(), BODY.as_bytes())
            .unwrap();
    }
    let local = started.elapsed();

    println!("{CALLS} sequential DELETE calls to 127.0.0.1, best of 3 runs:");
    println!(
        "  hwcloud client.send      {:>8.1} us/call",
        per_call(ours, CALLS)
    );
    println!(
        "  plain reqwest            {:>8.1} us/call",
        per_call(theirs, CALLS)
    );
    println!(
        "  overhead                 {:>8.1} us/call",
        per_call(ours, CALLS) - per_call(theirs, CALLS)
    );
    println!(
        "client-side work alone (build + sign + parse): {:.1} us/call",
        per_call(local, CALLS * 10)
    );
}
