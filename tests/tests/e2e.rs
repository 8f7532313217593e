//! End to end against the fake cloud (`sdk_tests::fake_cloud`), for what needs
//! a real socket and state: IAM password tokens, DLI SQL jobs submitted,
//! waited for and their results paged, GES's graph found running and its
//! business plane reached at the graph's own address; faults (503, 429, slow
//! answers, tokens revoked mid-run) met the way the client promises. What
//! needs only answers (waiter failure states and timeouts, long listings, a
//! server repeating a page) is tested with the mock client (`mock.rs`).

use std::time::Duration;

use hwcloud::auth::{self, Scope};
use hwcloud::client::{Client, ClientError, Credentials, RetryPolicy};
use hwcloud::graph::{self, Network};
use hwcloud::runtime::Wait;
use hwcloud::{dli, ges};
use sdk_tests::fake_cloud::{self, FakeCloud};

fn client(cloud: &FakeCloud) -> Client {
    cloud
        .client_builder(Scope::ProjectId(fake_cloud::PROJECT_ID.into()))
        .project_id(fake_cloud::PROJECT_ID)
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
            retry_non_idempotent: false,
        })
        .build()
        .unwrap()
}

async fn submit(client: &Client, sql: &str) -> String {
    let request = client
        .in_project(dli::SubmitJobRequest::builder())
        .sql(sql)
        .build();
    client.send(&request).await.unwrap().job_id
}

/// The spec's delays are seconds; the fake moves on at every poll.
fn fast<O: hwcloud::runtime::Operation>(wait: Wait<O>) -> Wait<O> {
    wait.delays(Duration::from_millis(10), Duration::from_millis(40))
}

fn status_of(client: &Client, job_id: &str) -> dli::QueryJobStatusRequest {
    client
        .in_project(dli::QueryJobStatusRequest::builder())
        .job_id(job_id)
        .build()
}

#[tokio::test]
async fn a_sql_job_is_waited_for_and_its_results_paged() {
    let cloud = FakeCloud::start(0).await;
    let client = client(&cloud);
    let job_id = submit(&client, "SELECT * FROM movies").await;
    let finished = fast(dli::wait_until_sql_job_finished(status_of(&client, &job_id)))
        .run(&client)
        .await
        .unwrap();
    assert_eq!(finished.status, "FINISHED");
    // Submitted as LAUNCHING; polled RUNNING, then FINISHED: two polls.
    let polls = cloud.calls().iter().filter(|c| c.ends_with("/status")).count();
    assert_eq!(polls, 2);
    // DLI marks both result-paging operations deprecated (previews and OBS
    // exports replace them); they are still the documented way to page rows.
    #[allow(deprecated)]
    let results = client
        .in_project(dli::ShowJobsRequest::builder())
        .job_id(&job_id)
        .page_size("20")
        .build();
    let rows = client.paginate(results).collect_items().await.unwrap();
    assert_eq!(rows.len(), 95);
    assert_eq!(rows[94][1], "row 94");
    let pages: Vec<String> = cloud
        .calls()
        .into_iter()
        .filter(|c| c.starts_with(&format!("GET /v1.0/p1/jobs/{job_id}?")))
        .collect();
    // 95 rows of 20: five pages, the last one short. Counted by the short page
    // (5 x 15) the rows stay below row_count, so one more request meets the
    // empty sixth page, which ends the listing without being given.
    assert_eq!(pages.len(), 6, "{pages:?}");
    assert!(pages[5].contains("current-page=6"), "{pages:?}");
    assert_eq!(cloud.tokens_issued(), 1);
}

#[tokio::test]
async fn faults_are_retried_and_revoked_tokens_replaced_mid_listing() {
    let cloud = FakeCloud::start(100).await;
    let client = client(&cloud);
    let list = client
        .in_project(dli::ListJobsRequest::builder())
        .page_size(25)
        .build();
    let mut jobs = client.paginate(list);
    let first = jobs.next_page().await.unwrap().unwrap();
    assert_eq!(first.jobs.len(), 25);
    // Two 503s and a 429: GET is retried (3 attempts per call).
    cloud.fail_next(2, 503);
    let second = jobs.next_page().await.unwrap().unwrap();
    assert_eq!(second.jobs[0].job_id, "seed-0025");
    cloud.fail_next(1, 429);
    cloud.expire_tokens();
    let mut rest = 0;
    while let Some(item) = jobs.next_item().await {
        item.unwrap();
        rest += 1;
    }
    assert_eq!(rest, 50);
    assert_eq!(
        cloud.tokens_issued(),
        2,
        "one token, then one after the revocation"
    );
    // Three 503s in a row exhaust the attempts: the error comes through, typed.
    cloud.fail_next(3, 503);
    let again = client
        .in_project(dli::ListJobsRequest::builder())
        .page_size(25)
        .build();
    match client.paginate(again).next_page().await {
        Some(Err(ClientError::Api(error))) => assert_eq!(error.status, 503),
        other => panic!("expected the 503: {other:?}"),
    }
}

#[tokio::test]
async fn a_slow_answer_meets_the_deadline() {
    let cloud = FakeCloud::start(1).await;
    let client = cloud
        .client_builder(Scope::ProjectId(fake_cloud::PROJECT_ID.into()))
        .project_id(fake_cloud::PROJECT_ID)
        .deadline(Duration::from_millis(200))
        .build()
        .unwrap();
    cloud.slow_next(1, Duration::from_secs(2));
    let list = client.in_project(dli::ListJobsRequest::builder()).build();
    match client.send(&list).await {
        Err(ClientError::Deadline { deadline, .. }) => assert_eq!(deadline, Duration::from_millis(200)),
        other => panic!("expected the deadline: {other:?}"),
    }
}

#[tokio::test]
async fn the_graph_runs_and_its_business_plane_is_reached_at_its_address() {
    let cloud = FakeCloud::start(0).await;
    let client = client(&cloud);
    let detail = client
        .in_project(ges::ShowGraphsRequest::builder())
        .graph_id(fake_cloud::GRAPH_ID)
        .build();
    fast(ges::wait_until_graph_running(detail))
        .run(&client)
        .await
        .unwrap();
    let on_graph = graph::client_for(&client, fake_cloud::GRAPH_ID, Network::Private)
        .await
        .unwrap();
    let job = on_graph
        .in_project(ges::ListGesGraphsJobsStatusRequest::builder())
        .graph_name(fake_cloud::GRAPH_NAME)
        .job_id("algo-1")
        .build();
    let done = fast(ges::wait_until_algorithm_job_finished(job.clone()))
        .run(&on_graph)
        .await
        .unwrap();
    assert_eq!(done.status.as_deref(), Some("success"));
    // The business plane never went to the API server, and carried X-Language
    // (the fake answers 400 without it).
    assert!(
        !cloud
            .calls()
            .iter()
            .any(|c| c.starts_with("GET /v1.0/") && c.contains("/jobs/algo-1"))
    );
    assert!(
        cloud
            .calls()
            .iter()
            .any(|c| c.starts_with("GET /ges/v1.0/p1/graphs/movies/jobs/algo-1/status"))
    );
    // Without the graph's address a Resolved client refuses to guess one.
    let regional = Client::builder()
        .region("eu-de")
        .credentials(Credentials::token("t"))
        .build()
        .unwrap();
    assert!(matches!(regional.send(&job).await, Err(ClientError::Request(_))));
    // AK/SK cannot call the token-only plane: refused before sending.
    let signed = Client::builder()
        .endpoint(cloud.graph_uri())
        .credentials(Credentials::access_key("AK", "SK"))
        .build()
        .unwrap();
    assert!(matches!(
        signed.send(&job).await,
        Err(ClientError::TokenRequired { plane: "graph", .. })
    ));
}

#[tokio::test]
async fn a_missing_project_id_is_looked_up_from_iam_by_name() {
    let cloud = FakeCloud::start(3).await;
    let client = cloud
        .client_builder(Scope::ProjectName(fake_cloud::PROJECT_NAME.into()))
        .build()
        .unwrap();
    assert_eq!(client.project_id(), None);
    let id = auth::project_id(&client, fake_cloud::PROJECT_NAME).await.unwrap();
    assert_eq!(id.as_deref(), Some(fake_cloud::PROJECT_ID));
    assert_eq!(auth::project_id(&client, "cn-north-4").await.unwrap(), None);
    let client = client.with_project_id(id.unwrap()).unwrap();
    let list = client.in_project(dli::ListJobsRequest::builder()).build();
    assert_eq!(client.send(&list).await.unwrap().job_count, 3);
    assert!(cloud.calls().iter().any(|c| c == "GET /v3/projects?name=eu-de"));
}
