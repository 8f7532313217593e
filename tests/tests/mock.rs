//! The mock client (`hwcloud::mock`, the `test-util` feature): default answers
//! from the documented examples, each rule kind, waiters on a sequence,
//! paginators over each scheme, recorded calls, and what `verify` reports.
//! What needs a real socket (signing, token refresh, deadlines) stays with
//! the fake cloud (`e2e.rs`, `client.rs`).

use std::time::Duration;

use futures_util::StreamExt;

use hwcloud::client::{Client, ClientError, RetryPolicy, WaitError};
use hwcloud::mock::{self, Mock, Reply};
use hwcloud::runtime::{Operation, PageScheme, Paginated};
use hwcloud::{dli, iam};

const PROJECT: &str = "48cc2c48765f481480c7db940d6409d1";

fn client(mock: &Mock) -> Client {
    mock.client_builder().project_id(PROJECT).build().unwrap()
}

fn status_of(client: &Client, job_id: &str) -> dli::QueryJobStatusRequest {
    client
        .in_project(dli::QueryJobStatusRequest::builder())
        .job_id(job_id)
        .build()
}

fn cancel(client: &Client, job_id: &str) -> dli::CancelJobRequest {
    client
        .in_project(dli::CancelJobRequest::builder())
        .job_id(job_id)
        .build()
}

fn job_in(state: &str) -> dli::QueryJobStatusResponse {
    let mut job = mock::example::<dli::QueryJobStatusRequest>();
    job.status = state.to_owned();
    job
}

#[tokio::test]
async fn an_operation_without_rules_answers_with_its_documented_example() {
    let mock = Mock::new();
    let client = client(&mock);
    let submitted = client
        .send(
            &client
                .in_project(dli::SubmitJobRequest::builder())
                .sql("SELECT 1")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(submitted.job_id, "8ecb0777-9c70-4529-9935-29ea0946039c");
    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].operation, "dli.submit_job");
    assert_eq!(requests[0].uri, format!("/v1.0/{PROJECT}/jobs/submit-job"));
    assert_eq!(requests[0].answered_by, "documented example");
    assert!(String::from_utf8_lossy(&requests[0].body).contains("SELECT 1"));
    mock.verify();
}

#[tokio::test]
async fn an_operation_without_an_example_fails_naming_the_rule_to_add() {
    let mock = Mock::new();
    let client = client(&mock);
    let request = client
        .in_project(dli::DeleteResourcePackageFromGroupRequest::builder())
        .resource_name("r1")
        .group("g1")
        .build();
    assert_eq!(
        dli::DeleteResourcePackageFromGroupRequest::DOCUMENTED_RESPONSE,
        None
    );
    match client.send(&request).await {
        Err(ClientError::Transport { source, attempts }) => {
            let message = source.to_string();
            assert!(
                message.contains("dli.delete_resource_package_from_group"),
                "{message}"
            );
            assert!(
                message.contains(
                    "mock.on::<hwcloud::dli::delete_resource_package_from_group::DeleteResourcePackageFromGroupRequest>()"
                ),
                "{message}"
            );
            assert_eq!(attempts, 1, "nothing to retry");
        }
        other => panic!("expected the unanswered call: {other:?}"),
    }
    let unused = mock.unused();
    assert_eq!(unused.len(), 1, "{unused:?}");
    assert!(unused[0].contains("was not answered"), "{unused:?}");
}

#[tokio::test]
async fn rules_respond_fail_and_fault_as_told() {
    let mock = Mock::new();
    let client = client(&mock).clone();
    mock.on::<dli::CancelJobRequest>()
        .matching(|request| request.job_id == "gone")
        .fail(dli::ErrorCode::Dli0002);
    mock.on::<dli::CancelJobRequest>()
        .matching(|request| request.job_id == "raw")
        .status(503, r#"{"error_code": "DLI.0999", "error_msg": "busy"}"#);
    mock.on::<dli::CancelJobRequest>()
        .matching(|request| request.job_id == "refused")
        .connect_error();
    mock.on::<dli::CancelJobRequest>()
        .matching(|request| request.job_id == "slow")
        .timeout();
    mock.on::<dli::CancelJobRequest>()
        .respond_with(|request| match request.job_id.as_str() {
            "computed" => Reply::Status(400, r#"{"error_code": "DLI.0001", "error_msg": "bad"}"#.into()),
            _ => Reply::Documented,
        });

    match client.send(&cancel(&client, "gone")).await {
        Err(ClientError::Api(error)) => {
            assert_eq!(error.status, 400, "the status the error table gives");
            assert_eq!(error.code, Some(dli::ErrorCode::Dli0002));
            assert_eq!(error.message.as_deref(), Some("The object does not exist."));
        }
        other => panic!("expected DLI.0002: {other:?}"),
    }
    // DELETE is idempotent: a 503 is retried (3 attempts), then reported.
    match client.send(&cancel(&client, "raw")).await {
        Err(ClientError::Api(error)) => assert_eq!(error.status, 503),
        other => panic!("expected the 503: {other:?}"),
    }
    match client.send(&cancel(&client, "refused")).await {
        Err(ClientError::Transport { source, attempts }) => {
            assert!(source.is_connect() && !source.is_timeout(), "{source}");
            assert_eq!(attempts, 3);
        }
        other => panic!("expected a connection error: {other:?}"),
    }
    match client.send(&cancel(&client, "slow")).await {
        Err(ClientError::Transport { source, .. }) => assert!(source.is_timeout(), "{source}"),
        other => panic!("expected a timeout: {other:?}"),
    }
    match client.send(&cancel(&client, "computed")).await {
        Err(ClientError::Api(error)) => assert_eq!(error.code, Some(dli::ErrorCode::Dli0001)),
        other => panic!("expected DLI.0001: {other:?}"),
    }
    let fine = client.send(&cancel(&client, "j1")).await.unwrap();
    assert_eq!(fine.is_success, Some(true));
    // Three retried calls, three attempts each; the backoff slept on virtual time.
    let per_job = |job: &str| {
        mock.calls::<dli::CancelJobRequest>()
            .iter()
            .filter(|c| c.job_id == job)
            .count()
    };
    assert_eq!(
        [
            per_job("gone"),
            per_job("raw"),
            per_job("refused"),
            per_job("slow"),
            per_job("computed")
        ],
        [1, 3, 3, 3, 1]
    );
    assert!(mock.elapsed() > Duration::ZERO);
    mock.verify();
}

#[tokio::test]
async fn a_limited_rule_gives_way_to_the_next_then_to_the_example() {
    let mock = Mock::new();
    let client = client(&mock);
    mock.on::<dli::QueryJobStatusRequest>()
        .times(1)
        .respond(job_in("RUNNING"));
    mock.on::<dli::QueryJobStatusRequest>()
        .times(1)
        .respond(job_in("FAILED"));
    let states: Vec<String> = futures_util::future::join_all(
        (0..3).map(|_| async { client.send(&status_of(&client, "j")).await.unwrap().status }),
    )
    .await;
    assert_eq!(states, ["RUNNING", "FAILED", "FINISHED"]);
    let answered: Vec<String> = mock.requests().into_iter().map(|r| r.answered_by).collect();
    assert!(
        answered[0].starts_with("rule at tests/tests/mock.rs:"),
        "{answered:?}"
    );
    assert_eq!(answered[2], "documented example");
}

#[tokio::test]
async fn a_waiter_polls_a_sequence_on_virtual_time() {
    let mock = Mock::new();
    let client = client(&mock);
    mock.on::<dli::QueryJobStatusRequest>().sequence([
        Reply::Response(job_in("RUNNING")),
        Reply::Response(job_in("RUNNING")),
        Reply::Response(job_in("FINISHED")),
    ]);
    let finished = dli::wait_until_sql_job_finished(status_of(&client, "j1"))
        .run(&client)
        .await
        .unwrap();
    assert_eq!(finished.status, "FINISHED");
    assert_eq!(mock.calls::<dli::QueryJobStatusRequest>().len(), 3);
    // The spec's delays are seconds: slept on the mock's clock, not the test's.
    assert!(mock.elapsed() >= Duration::from_secs(2), "{:?}", mock.elapsed());
    mock.verify();
}

#[tokio::test]
async fn a_failed_or_canceled_job_fails_its_waiter_with_its_state() {
    for state in ["FAILED", "CANCELLED"] {
        let mock = Mock::new();
        let client = client(&mock);
        mock.on::<dli::QueryJobStatusRequest>().respond(job_in(state));
        let outcome = dli::wait_until_sql_job_finished(status_of(&client, "j1"))
            .run(&client)
            .await;
        match outcome {
            Err(WaitError::Failed {
                state: read,
                response,
                ..
            }) => {
                assert_eq!(read, state);
                assert_eq!(response.status, state);
            }
            other => panic!("expected the failure state {state}: {other:?}"),
        }
        assert_eq!(mock.calls::<dli::QueryJobStatusRequest>().len(), 1);
    }
}

#[tokio::test]
async fn a_job_that_never_ends_times_its_waiter_out() {
    let mock = Mock::new();
    let client = client(&mock);
    mock.on::<dli::QueryJobStatusRequest>().respond(job_in("RUNNING"));
    let outcome = dli::wait_until_sql_job_finished(status_of(&client, "j1"))
        .timeout(Duration::from_secs(3600))
        .run(&client)
        .await;
    match outcome {
        Err(WaitError::TimedOut {
            last_state,
            polls,
            elapsed,
            ..
        }) => {
            assert_eq!(last_state.as_deref(), Some("RUNNING"));
            assert!(polls > 2, "{polls}");
            assert_eq!(
                elapsed,
                Duration::from_secs(3600),
                "the last poll goes out at the timeout"
            );
        }
        other => panic!("expected a timeout: {other:?}"),
    }
}

#[tokio::test]
async fn a_list_is_served_as_pages_by_page_number() {
    let mock = Mock::new();
    let client = client(&mock);
    let template = mock::example::<dli::ListJobsRequest>().jobs.remove(0);
    let jobs: Vec<dli::list_jobs::Job> = (0..250)
        .map(|i| dli::list_jobs::Job {
            job_id: format!("job-{i:03}"),
            ..template.clone()
        })
        .collect();
    mock.on::<dli::ListJobsRequest>().pages(jobs.clone());
    assert_eq!(
        <dli::ListJobsRequest as Paginated>::SCHEME,
        PageScheme::Page { first: 1 }
    );
    let list = client
        .in_project(dli::ListJobsRequest::builder())
        .page_size(40)
        .build();
    let pages = client.paginate(list.clone()).collect_items().await.unwrap();
    assert_eq!(pages, jobs);
    // Seven pages of 40 (the last of 10); counted by the short seventh, the
    // pages stay below the total, so an eighth request meets the empty end.
    let asked: Vec<Option<i32>> = mock
        .calls::<dli::ListJobsRequest>()
        .iter()
        .map(|c| c.current_page)
        .collect();
    let expected: Vec<Option<i32>> = std::iter::once(None).chain((2..=8).map(Some)).collect();
    assert_eq!(asked, expected);
    let first = client.send(&list).await.unwrap();
    assert_eq!((first.jobs.len(), first.job_count), (40, 250));
    let sizes: Vec<usize> = client
        .paginate(list)
        .pages()
        .map(|page| page.unwrap().jobs.len())
        .collect()
        .await;
    assert_eq!(sizes, [40, 40, 40, 40, 40, 40, 10]);
    mock.verify();
}

#[tokio::test]
async fn a_list_is_served_as_pages_by_offset() {
    let mock = Mock::new();
    let client = client(&mock);
    let template = mock::example::<dli::ListEnhancedDatasourceConnectionsRequest>()
        .connections
        .unwrap()
        .remove(0);
    let connections: Vec<dli::list_enhanced_datasource_connections::Connection> = (0..25)
        .map(|i| dli::list_enhanced_datasource_connections::Connection {
            id: Some(format!("c{i}")),
            ..template.clone()
        })
        .collect();
    mock.on::<dli::ListEnhancedDatasourceConnectionsRequest>()
        .pages(connections.clone());
    let list = client
        .in_project(dli::ListEnhancedDatasourceConnectionsRequest::builder())
        .limit("10")
        .build();
    let all = client.paginate(list).collect_items().await.unwrap();
    assert_eq!(all, connections);
    let offsets: Vec<Option<String>> = mock
        .calls::<dli::ListEnhancedDatasourceConnectionsRequest>()
        .into_iter()
        .map(|c| c.offset)
        .collect();
    assert_eq!(offsets, [None, Some("10".into()), Some("20".into())]);
}

/// A marker-paged operation, written by hand as the generator writes one:
/// no operation of `spec/` pages by marker.
mod by_marker {
    use hwcloud::runtime::{self, Operation, PageScheme, Paginated, QueryBuilder, RequestError};
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Clone, PartialEq)]
    pub struct ListThings {
        pub marker: Option<String>,
        pub limit: Option<i32>,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Thing {
        pub id: String,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Things {
        pub things: Vec<Thing>,
        pub page_info: PageInfo,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct PageInfo {
        pub next_marker: Option<String>,
    }

    impl Operation for ListThings {
        type Response = Things;
        type ErrorCode = hwcloud::dli::ErrorCode;
        const ID: &'static str = "demo.list_things";
        const METHOD: http::Method = http::Method::GET;
        const URI_TEMPLATE: &'static str = "/v1/things";
        const STATUS_CODES: &'static [runtime::DocumentedStatus] = &[];
        const ENDPOINTS: runtime::ServiceEndpoints = hwcloud::dli::ENDPOINTS;

        fn to_http_request(&self) -> Result<http::Request<Vec<u8>>, RequestError> {
            let mut query = QueryBuilder::new();
            query.push_opt("marker", self.marker.as_ref());
            query.push_opt("limit", self.limit.as_ref());
            let mut path = runtime::PathBuilder::new();
            path.literal("/v1/things");
            runtime::build_request(http::Method::GET, path, query, Vec::new(), None)
        }

        fn mock_request(&self) -> Option<Box<dyn std::any::Any + Send>> {
            Some(Box::new(self.clone()))
        }
    }

    impl Paginated for ListThings {
        type Item = Thing;
        const SCHEME: PageScheme = PageScheme::Marker;
        const PAGE_LAYOUT: Option<runtime::mock::PageLayout> = Some(runtime::mock::PageLayout {
            parameter: "marker",
            page_size: Some("limit"),
            default_page_size: Some(4),
            items: &["things"],
            total: None,
            total_is_text: false,
            next_marker: Some(&["page_info", "next_marker"]),
            marker_key: &["id"],
        });

        fn into_items(response: Things) -> Vec<Thing> {
            response.things
        }

        fn page_items(response: &Things) -> &[Thing] {
            &response.things
        }

        fn next_page(&self, response: &Things) -> Option<Self> {
            let next = runtime::paginate::next_marker(
                self.marker.as_ref(),
                response.page_info.next_marker.clone(),
                None,
                response.things.len(),
            )?;
            Some(ListThings {
                marker: Some(next),
                ..self.clone()
            })
        }
    }
}

#[tokio::test]
async fn a_list_is_served_as_pages_by_marker() {
    use by_marker::{ListThings, PageInfo, Thing, Things};
    let mock = Mock::new();
    let client = client(&mock);
    let things: Vec<Thing> = (0..10).map(|i| Thing { id: format!("t{i}") }).collect();
    let template = Things {
        things: Vec::new(),
        page_info: PageInfo { next_marker: None },
    };
    mock.on::<ListThings>().pages_from(template, things.clone());
    let first = ListThings {
        marker: None,
        limit: None,
    };
    let all = client.paginate(first).collect_items().await.unwrap();
    assert_eq!(all, things);
    let markers: Vec<Option<String>> = mock.calls::<ListThings>().into_iter().map(|c| c.marker).collect();
    // The documented default page size (4 here): pages end after t3 and t7.
    assert_eq!(markers, [None, Some("t3".into()), Some("t7".into())]);
    mock.verify();
}

#[tokio::test]
async fn a_server_that_ignores_the_page_number_does_not_loop() {
    // With no rule, every page is the documented example: the same page, which
    // the paginator notices instead of asking forever. IAM's listing has no total.
    let mock = Mock::new();
    let client = client(&mock);
    let list = iam::QueryProjectInformationBasedOnSpecifiedCriteriaRequest::builder()
        .content_type("application/json;charset=utf8")
        .x_auth_token("")
        .build();
    let projects = client.paginate(list).collect_items().await.unwrap();
    let documented = mock::example::<iam::QueryProjectInformationBasedOnSpecifiedCriteriaRequest>();
    assert_eq!(projects, documented.projects);
    assert_eq!(mock.requests().len(), 2, "the first page, then its repeat");
}

#[tokio::test]
async fn response_headers_travel_with_a_response_value() {
    let mock = Mock::new();
    let client = client(&mock);
    let mut checked = mock::example::<iam::ListAuthTokensRequest>();
    checked.x_subject_token = Some("MIIsecret".into());
    mock.on::<iam::ListAuthTokensRequest>().respond(checked);
    let request = iam::ListAuthTokensRequest::builder()
        .content_type("application/json;charset=utf8")
        .x_auth_token("admin")
        .x_subject_token("MIIsecret")
        .build();
    let answer = client.send(&request).await.unwrap();
    assert_eq!(answer.x_subject_token.as_deref(), Some("MIIsecret"));
    // Without the rule, the documented body alone: no header, so no token.
    let documented = Mock::new();
    let plain = documented.client().send(&request).await.unwrap();
    assert_eq!(plain.x_subject_token, None);
}

#[test]
fn verify_names_each_unused_rule_where_it_was_written() {
    let mock = Mock::new();
    // The location is the call that finishes the rule (`respond`).
    let line = line!() + 2;
    mock.on::<dli::CancelJobRequest>()
        .respond(mock::example::<dli::CancelJobRequest>());
    mock.on::<dli::QueryJobStatusRequest>()
        .sequence([Reply::Response(job_in("RUNNING")), Reply::Documented]);
    let unused = mock.unused();
    assert_eq!(unused.len(), 2, "{unused:?}");
    assert!(
        unused[0].starts_with(&format!(
            "rule `respond` for dli.cancel_job at tests/tests/mock.rs:{line}:"
        )),
        "{unused:?}"
    );
    assert!(unused[0].ends_with("was never used"), "{unused:?}");
    let panic = std::panic::catch_unwind(|| mock.verify()).unwrap_err();
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(
        message.contains("rule `sequence` for dli.query_job_status"),
        "{message}"
    );
}

#[tokio::test]
async fn a_sequence_left_unfinished_is_reported() {
    let mock = Mock::new();
    let client = client(&mock);
    mock.on::<dli::QueryJobStatusRequest>().sequence([
        Reply::Response(job_in("RUNNING")),
        Reply::Response(job_in("FINISHED")),
    ]);
    client.send(&status_of(&client, "j")).await.unwrap();
    let unused = mock.unused();
    assert_eq!(unused.len(), 1, "{unused:?}");
    assert!(
        unused[0].ends_with("has 1 of its replies left after 1 call(s)"),
        "{unused:?}"
    );
}

#[tokio::test]
async fn retries_can_be_turned_off_for_a_mocked_client() {
    let mock = Mock::new();
    let client = mock
        .client_builder()
        .project_id(PROJECT)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    mock.on::<dli::CancelJobRequest>().connect_error();
    assert!(matches!(
        client.send(&cancel(&client, "j")).await,
        Err(ClientError::Transport { attempts: 1, .. })
    ));
    assert_eq!(mock.elapsed(), Duration::ZERO);
}
