//! The runtime work of a call against hand-written code doing the same, one line
//! per case ending in `ratio <ours/hand-written>`, medians of interleaved runs:
//! - request build, for each seed operation: the generated builder and
//!   `to_http_request` (percent-encoded path, `http::Request`) against a path
//!   pushed together with `percent_encoding` and `http::Request::builder()`,
//!   the same headers included;
//! - response parse: the generated `parse_response` (status check, one-pass
//!   `Deserialize` that keeps undocumented keys) against a `#[derive(Deserialize)]`
//!   struct with the same fields read by `serde_json::from_slice` (which drops
//!   unknown keys), for the seed's small body and 1,000- and 10,000-job lists.
//!
//! `cargo bench -p hwcloud --bench runtime`; `-- --quick` runs a few iterations
//! only (CI runs it so the bench cannot rot; its numbers are not asserted).

use std::hint::black_box;
use std::time::{Duration, Instant};

use hwcloud::runtime::Operation;
use hwcloud::{dli, ges};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;

/// What a hand-written client escapes in a path segment (RFC 3986 unreserved kept).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A hand-written DELETE: the path's pieces with the escaped values between them.
fn hand_delete(pieces: &[&str], values: &[&str]) -> http::Request<Vec<u8>> {
    hand_delete_with(pieces, values, &[])
}

fn hand_delete_with(
    pieces: &[&str],
    values: &[&str],
    headers: &[(&'static str, &'static str)],
) -> http::Request<Vec<u8>> {
    let mut uri = String::with_capacity(96);
    for (i, piece) in pieces.iter().enumerate() {
        uri.push_str(piece);
        if let Some(value) = values.get(i) {
            uri.extend(utf8_percent_encode(value, SEGMENT));
        }
    }
    let mut request = http::Request::builder().method(http::Method::DELETE).uri(uri);
    for &(name, value) in headers {
        request = request.header(name, http::HeaderValue::from_static(value));
    }
    request.body(Vec::new()).unwrap()
}

/// `dli.cancel_job`'s documented response: the seed's small body.
const SMALL: &str = r#"{"is_success": true, "message": ""}"#;

/// `dli.list_jobs`' documented job object.
const JOB: &str = r#"{
  "detail": "{\"type\":\"struct\",\"fields\":[{\"name\":\"name\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}",
  "duration": 17731,
  "end_time": 1502349821460,
  "input_size": 0,
  "job_id": "37286cc7-0508-4ffd-b636-951c8a5c75de",
  "job_type": "QUERY",
  "message": "",
  "owner": "tenant1",
  "queue_name": "queue1",
  "result_count": 3,
  "start_time": 1502349803729,
  "statement": "select * from t_json_002",
  "status": "FINISHED",
  "with_column_header": false,
  "tags": [{"key": "workspace", "value": "space1"}]
}"#;

#[derive(Deserialize)]
#[allow(dead_code)]
struct HandSmall {
    is_success: Option<bool>,
    message: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct HandListJobs {
    is_success: bool,
    message: String,
    job_count: i32,
    jobs: Vec<HandJob>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct HandJob {
    job_id: String,
    job_type: String,
    queue_name: String,
    owner: String,
    start_time: i64,
    duration: i64,
    status: String,
    input_row_count: Option<i64>,
    bad_row_count: Option<i64>,
    input_size: i64,
    result_count: i32,
    database_name: Option<String>,
    table_name: Option<String>,
    with_column_header: Option<bool>,
    detail: String,
    statement: String,
    tags: Option<Vec<HandTag>>,
    engine_type: Option<String>,
    message: Option<String>,
    end_time: Option<i64>,
    result_format: Option<String>,
    result_path: Option<String>,
    execution_details_path: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct HandTag {
    key: String,
    value: String,
}

fn list_body(jobs: usize) -> String {
    let jobs = vec![JOB; jobs].join(",");
    format!(r#"{{"is_success": true, "message": "", "job_count": 1, "jobs": [{jobs}]}}"#)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Times `batch` calls of each closure, `runs` times, interleaved, and prints
/// the medians per call.
fn case(name: &str, runs: usize, batch: u32, ours: impl Fn(), hand: impl Fn()) {
    let (mut a, mut b) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    let timed = |f: &dyn Fn()| {
        let start = Instant::now();
        for _ in 0..batch {
            f();
        }
        start.elapsed() / batch
    };
    for _ in 0..runs {
        a.push(timed(&ours));
        b.push(timed(&hand));
    }
    let (ours, hand) = (median(a), median(b));
    println!(
        "{name:<34} ours {:>12.3} µs  hand-written {:>12.3} µs  ratio {:.2}",
        ours.as_secs_f64() * 1e6,
        hand.as_secs_f64() * 1e6,
        ours.as_secs_f64() / hand.as_secs_f64()
    );
}

fn parse<O: Operation>(body: &[u8]) {
    let parsed = O::parse_response(http::StatusCode::OK, &http::HeaderMap::new(), body);
    black_box(parsed.expect("the documented body parses"));
}

/// Request build for each operation the seed pages document.
fn request_cases(scale: usize) {
    let runs = 200 / scale;
    let (project, job, queue, graph, batch) = (
        "48cc2c48765f481480c7db940d6409d1",
        "9f3b1d5e-job",
        "queue 1",
        "graph/a",
        "0a324461-d9d9",
    );
    case(
        "dli.cancel_job request build (seed)",
        runs,
        1_000,
        || {
            drop(black_box(
                dli::CancelJobRequest::builder()
                    .project_id(project)
                    .job_id(job)
                    .build()
                    .to_http_request()
                    .unwrap(),
            ))
        },
        || drop(black_box(hand_delete(&["/v1.0/", "/jobs/"], &[project, job]))),
    );
    case(
        "dli.cancel_batch_job request build",
        runs,
        1_000,
        || {
            drop(black_box(
                dli::CancelBatchJobRequest::builder()
                    .project_id(project)
                    .batch_id(batch)
                    .build()
                    .to_http_request()
                    .unwrap(),
            ))
        },
        || {
            drop(black_box(hand_delete(
                &["/v2.0/", "/batches/"],
                &[project, batch],
            )))
        },
    );
    case(
        "dli.cancel_queue_job request build",
        runs,
        1_000,
        #[allow(deprecated)]
        || {
            drop(black_box(
                dli::CancelQueueJobRequest::builder()
                    .project_id(project)
                    .queue_name(queue)
                    .job_id(job)
                    .build()
                    .to_http_request()
                    .unwrap(),
            ))
        },
        || {
            drop(black_box(hand_delete(
                &["/v1.0/", "/queues/", "/jobs/"],
                &[project, queue, job],
            )))
        },
    );
    case(
        "ges.cancel_job request build",
        runs,
        1_000,
        || {
            drop(black_box(
                ges::CancelJobRequest::builder()
                    .project_id(project)
                    .graph_name(graph)
                    .job_id(job)
                    .build()
                    .to_http_request()
                    .unwrap(),
            ))
        },
        // GES's requests carry `X-Language: en-us` (the spec's plane header): so does this one.
        || {
            drop(black_box(hand_delete_with(
                &["/ges/v1.0/", "/graphs/", "/jobs/"],
                &[project, graph, job],
                &[("X-Language", "en-us")],
            )))
        },
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let scale = if quick { 20 } else { 1 };
    request_cases(scale);
    let small = SMALL.as_bytes();
    case(
        "dli.cancel_job response (seed)",
        200 / scale,
        1_000,
        || parse::<dli::CancelJobRequest>(small),
        || drop(black_box(serde_json::from_slice::<HandSmall>(small).unwrap())),
    );
    case(
        "dli.cancel_job body only (from_slice)",
        200 / scale,
        1_000,
        || {
            drop(black_box(
                serde_json::from_slice::<dli::CancelJobResponse>(small).unwrap(),
            ))
        },
        || drop(black_box(serde_json::from_slice::<HandSmall>(small).unwrap())),
    );
    for (jobs, runs) in [(1_000, 200), (10_000, 40)] {
        let body = list_body(jobs);
        let body = body.as_bytes();
        case(
            &format!("dli.list_jobs response, {jobs} jobs"),
            (runs / scale).max(3),
            1,
            || parse::<dli::ListJobsRequest>(body),
            || drop(black_box(serde_json::from_slice::<HandListJobs>(body).unwrap())),
        );
    }
}
