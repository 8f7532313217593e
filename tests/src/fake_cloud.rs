//! A fake cloud on loopback: IAM tokens that expire, DLI SQL jobs with a
//! lifecycle and paged results, GES graphs (management plane) with a graph
//! address serving the business plane, and injected faults.
//!
//! Two wiremock servers hold one shared state: the API server (IAM, DLI, GES
//! management) and the graph's own address (GES business plane, as the graph
//! detail's `privateIp` names it). Every call but the token request needs a
//! live `X-Auth-Token`; faults queued with [`FakeCloud::fail_next`] and
//! [`FakeCloud::slow_next`] hit the next calls in order.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use hwcloud::auth::{self, Scope};
use hwcloud::client::{Client, ClientBuilder};
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The account the fake IAM knows.
pub const USER: &str = "alice";
pub const DOMAIN: &str = "acme";
pub const PASSWORD: &str = "s3cret";
pub const PROJECT_ID: &str = "p1";
pub const PROJECT_NAME: &str = "eu-de";
/// The graph the fake GES has, and its id.
pub const GRAPH_NAME: &str = "movies";
pub const GRAPH_ID: &str = "g-movies";

/// A running fake cloud; dropping it stops the servers.
pub struct FakeCloud {
    api: MockServer,
    graph: MockServer,
    state: Arc<Mutex<State>>,
}

/// A fault a call meets instead of (or before) its answer.
#[derive(Debug, Clone, Copy)]
enum Fault {
    Status(u16),
    Slow(Duration),
}

#[derive(Debug, Default)]
struct State {
    token_ttl: Duration,
    tokens: BTreeMap<String, SystemTime>,
    tokens_issued: u32,
    jobs: Vec<Job>,
    graph_polls: u32,
    graph_address: String,
    algorithm_polls: u32,
    faults: VecDeque<Fault>,
    calls: Vec<String>,
}

#[derive(Debug, Clone)]
struct Job {
    id: String,
    sql: String,
    status: &'static str,
    polls: u32,
    rows: u32,
}

impl FakeCloud {
    /// Starts both servers, with `seeded_jobs` finished jobs already listed.
    pub async fn start(seeded_jobs: u32) -> FakeCloud {
        let (api, graph) = (MockServer::start().await, MockServer::start().await);
        let state = Arc::new(Mutex::new(State {
            token_ttl: Duration::from_secs(3600),
            graph_address: graph.uri(),
            jobs: (0..seeded_jobs)
                .map(|n| Job {
                    id: format!("seed-{n:04}"),
                    sql: format!("SELECT {n}"),
                    status: "FINISHED",
                    polls: 0,
                    rows: 1,
                })
                .collect(),
            ..State::default()
        }));
        for (server, plane) in [(&api, Plane::Api), (&graph, Plane::Graph)] {
            Mock::given(any())
                .respond_with(Responder {
                    state: state.clone(),
                    plane,
                })
                .mount(server)
                .await;
        }
        FakeCloud { api, graph, state }
    }

    /// The IAM, DLI and GES management endpoint.
    pub fn uri(&self) -> String {
        self.api.uri()
    }

    /// A client builder for this cloud: its endpoint, the account's password
    /// credentials scoped to `scope`. Project id, retries and the rest are the
    /// caller's.
    pub fn client_builder(&self, scope: Scope) -> ClientBuilder {
        Client::builder()
            .endpoint(self.uri())
            .credentials(auth::password(USER, DOMAIN, PASSWORD, scope))
    }

    /// The graph's address, as its detail returns it.
    pub fn graph_uri(&self) -> String {
        self.graph.uri()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Tokens issued from now on live this long.
    pub fn token_ttl(&self, ttl: Duration) {
        self.state().token_ttl = ttl;
    }

    /// Revokes every issued token: the next call with one gets 401.
    pub fn expire_tokens(&self) {
        self.state().tokens.clear();
    }

    /// The next `n` calls (after the token check) answer `status`.
    pub fn fail_next(&self, n: usize, status: u16) {
        self.state()
            .faults
            .extend(std::iter::repeat_n(Fault::Status(status), n));
    }

    /// The next `n` calls answer after `delay`.
    pub fn slow_next(&self, n: usize, delay: Duration) {
        self.state()
            .faults
            .extend(std::iter::repeat_n(Fault::Slow(delay), n));
    }

    pub fn tokens_issued(&self) -> u32 {
        self.state().tokens_issued
    }

    /// Every call so far, `METHOD /path?query`, in order.
    pub fn calls(&self) -> Vec<String> {
        self.state().calls.clone()
    }

    /// The status of a submitted job, as the fake holds it.
    pub fn job_status(&self, id: &str) -> Option<&'static str> {
        self.state().jobs.iter().find(|j| j.id == id).map(|j| j.status)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plane {
    Api,
    Graph,
}

struct Responder {
    state: Arc<Mutex<State>>,
    plane: Plane,
}

impl Respond for Responder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let query = request.url.query().map(|q| format!("?{q}")).unwrap_or_default();
        state
            .calls
            .push(format!("{} {}{query}", request.method, request.url.path()));
        let segments: Vec<&str> = request.url.path().trim_matches('/').split('/').collect();
        if self.plane == Plane::Api && segments == ["v3", "auth", "tokens"] {
            return state.issue_token(request);
        }
        if !state.authorized(request) {
            return error(401, "APIG.1002", "Incorrect token or token resolution failed");
        }
        let mut delay = Duration::ZERO;
        match state.faults.pop_front() {
            Some(Fault::Status(status)) => {
                return error(status, "APIG.0308", "fault injected by the fake cloud");
            }
            Some(Fault::Slow(slow)) => delay = slow,
            None => {}
        }
        let pages = Pages::of(request);
        let method = request.method.as_str();
        let answer = match (self.plane, method, segments.as_slice()) {
            (Plane::Api, "GET", ["v3", "projects"]) => projects(request),
            (Plane::Api, "POST", ["v1.0", PROJECT_ID, "jobs", "submit-job"]) => state.submit(request),
            (Plane::Api, "GET", ["v1.0", PROJECT_ID, "jobs"]) => state.list_jobs(&pages),
            (Plane::Api, "GET", ["v1.0", PROJECT_ID, "jobs", id, "status"]) => state.poll_job(id),
            (Plane::Api, "GET", ["v1.0", PROJECT_ID, "jobs", id]) => state.job_results(id, &pages),
            (Plane::Api, "DELETE", ["v1.0", PROJECT_ID, "jobs", id]) => state.cancel(id),
            (Plane::Api, "GET", ["v1.0", PROJECT_ID, "graphs", GRAPH_ID]) => state.graph_detail(),
            (
                Plane::Graph,
                "GET",
                [
                    "ges",
                    "v1.0",
                    PROJECT_ID,
                    "graphs",
                    GRAPH_NAME,
                    "jobs",
                    _,
                    "status",
                ],
            ) => state.algorithm_status(request),
            _ => error(
                404,
                "APIG.0101",
                "The API does not exist or has not been published",
            ),
        };
        answer.set_delay(delay)
    }
}

/// IAM's project query: the account's one project, when `name` matches it.
fn projects(request: &Request) -> ResponseTemplate {
    let name = request
        .url
        .query_pairs()
        .find(|(k, _)| k == "name")
        .map(|(_, v)| v.into_owned());
    let links = json!({"self": "https://iam/v3/projects", "previous": null, "next": null});
    let project = json!({
        "is_domain": false, "description": "", "links": {"self": "https://iam/v3/projects/p1"},
        "enabled": true, "id": PROJECT_ID, "parent_id": "d1", "domain_id": "d1", "name": PROJECT_NAME
    });
    let projects: Vec<Value> = match name.as_deref() {
        None | Some(PROJECT_NAME) => vec![project],
        Some(_) => Vec::new(),
    };
    ok(json!({"links": links, "projects": projects}))
}

/// An error body in the shape DLI and APIG use.
fn error(status: u16, code: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"error_code": code, "error_msg": message}))
}

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// `page-size`/`current-page` of a DLI list, read as numbers.
struct Pages {
    size: usize,
    page: usize,
}

impl Pages {
    fn of(request: &Request) -> Pages {
        let get = |key: &str| {
            request
                .url
                .query_pairs()
                .find(|(k, _)| k == key)
                .and_then(|(_, v)| v.parse().ok())
        };
        Pages {
            size: get("page-size").unwrap_or(10),
            page: get("current-page").unwrap_or(1),
        }
    }

    fn slice<'a, T>(&self, all: &'a [T]) -> &'a [T] {
        let start = self
            .size
            .saturating_mul(self.page.saturating_sub(1))
            .min(all.len());
        &all[start..(start + self.size).min(all.len())]
    }
}

impl State {
    fn issue_token(&mut self, request: &Request) -> ResponseTemplate {
        let body: Value = request.body_json().unwrap_or_default();
        let user = &body["auth"]["identity"]["password"]["user"];
        let right = user["name"] == USER && user["password"] == PASSWORD && user["domain"]["name"] == DOMAIN;
        if !right {
            return ResponseTemplate::new(401).set_body_json(json!({"error": {"code": 401, "title": "Unauthorized", "message": "The username or password is wrong."}}));
        }
        self.tokens_issued += 1;
        let token = format!("token-{}", self.tokens_issued);
        let expires = SystemTime::now() + self.token_ttl;
        self.tokens.insert(token.clone(), expires);
        let expires_at = time::OffsetDateTime::from(expires)
            .format(&Rfc3339)
            .unwrap_or_default();
        ResponseTemplate::new(201)
            .insert_header("X-Subject-Token", token)
            .set_body_json(json!({
                "token": {
                    "expires_at": expires_at,
                    "methods": ["password"],
                    "project": {"id": PROJECT_ID, "name": PROJECT_NAME, "domain": {"name": DOMAIN}},
                    "user": {"name": USER, "domain": {"name": DOMAIN}}
                }
            }))
    }

    fn authorized(&self, request: &Request) -> bool {
        let token = request.headers.get("x-auth-token").and_then(|v| v.to_str().ok());
        token
            .and_then(|t| self.tokens.get(t))
            .is_some_and(|expires| *expires > SystemTime::now())
    }

    fn submit(&mut self, request: &Request) -> ResponseTemplate {
        let body: Value = request.body_json().unwrap_or_default();
        let Some(sql) = body["sql"].as_str() else {
            return error(400, "DLI.0001", "sql is required");
        };
        let id = format!("job-{:04}", self.jobs.len());
        // `SELECT ... LIMIT n` returns n rows; anything else, 95.
        let rows = sql
            .rsplit_once("LIMIT ")
            .and_then(|(_, n)| n.trim().parse().ok())
            .unwrap_or(95);
        self.jobs.push(Job {
            id: id.clone(),
            sql: sql.to_owned(),
            status: "LAUNCHING",
            polls: 0,
            rows,
        });
        ok(json!({"is_success": true, "message": "", "job_id": id, "job_type": "QUERY", "job_mode": "async"}))
    }

    /// Each poll moves a job on: LAUNCHING, RUNNING, then FINISHED (it stays
    /// RUNNING when its SQL says `forever`, for the example to cancel it).
    fn poll_job(&mut self, id: &str) -> ResponseTemplate {
        let Some(job) = self.jobs.iter_mut().find(|j| j.id == id) else {
            return error(400, "DLI.0002", "There is no such job");
        };
        job.polls += 1;
        if matches!(job.status, "LAUNCHING" | "RUNNING") {
            job.status = match job.polls {
                1 => "RUNNING",
                _ if job.sql.contains("forever") => "RUNNING",
                _ => "FINISHED",
            };
        }
        ok(json!({
            "is_success": true, "message": "", "job_id": job.id, "job_type": "QUERY", "job_mode": "async",
            "queue_name": "default", "owner": USER, "start_time": 1_700_000_000_000u64, "duration": 1200,
            "status": job.status, "input_size": 0, "result_count": job.rows, "detail": "{}",
            "statement": job.sql
        }))
    }

    fn cancel(&mut self, id: &str) -> ResponseTemplate {
        match self.jobs.iter_mut().find(|j| j.id == id) {
            Some(job) if matches!(job.status, "LAUNCHING" | "RUNNING") => {
                job.status = "CANCELLED";
                ok(json!({"is_success": true, "message": ""}))
            }
            Some(_) => error(400, "DLI.0999", "The job has already ended"),
            None => error(400, "DLI.0002", "There is no such job"),
        }
    }

    fn list_jobs(&self, pages: &Pages) -> ResponseTemplate {
        let jobs: Vec<Value> = pages
            .slice(&self.jobs)
            .iter()
            .map(|job| {
                json!({
                    "job_id": job.id, "job_type": "QUERY", "queue_name": "default", "owner": USER,
                    "start_time": 1_700_000_000_000u64, "duration": 1200, "status": job.status,
                    "input_size": 0, "result_count": job.rows, "detail": "{}", "statement": job.sql
                })
            })
            .collect();
        ok(json!({"is_success": true, "message": "", "job_count": self.jobs.len(), "jobs": jobs}))
    }

    /// A finished job's result rows, `[n, "row n"]`, a page at a time.
    fn job_results(&self, id: &str, pages: &Pages) -> ResponseTemplate {
        let Some(job) = self.jobs.iter().find(|j| j.id == id) else {
            return error(400, "DLI.0002", "There is no such job");
        };
        if job.status != "FINISHED" {
            return error(400, "DLI.0003", "The job has no results yet");
        }
        let rows: Vec<Value> = (0..job.rows).map(|n| json!([n, format!("row {n}")])).collect();
        ok(json!({
            "is_success": true, "message": "", "job_id": job.id, "job_type": "QUERY",
            "row_count": job.rows, "input_size": 0,
            "schema": [{"n": "int"}, {"label": "string"}],
            "rows": pages.slice(&rows)
        }))
    }

    /// The graph: preparing (`100`) for two polls, then running (`200`), with
    /// the business plane's address as `privateIp`.
    fn graph_detail(&mut self) -> ResponseTemplate {
        self.graph_polls += 1;
        let status = if self.graph_polls < 3 { "100" } else { "200" };
        ok(json!({"graph": {
            "id": GRAPH_ID, "name": GRAPH_NAME, "status": status,
            "privateIp": self.graph_address, "publicIp": self.graph_address,
            "regionCode": PROJECT_NAME, "azCode": "eu-de-01", "dataStoreVersion": "2.2.21"
        }}))
    }

    /// An algorithm job on the business plane: pending, running, success.
    fn algorithm_status(&mut self, request: &Request) -> ResponseTemplate {
        if request.headers.get("x-language").is_none() {
            return error(400, "GES.8000", "X-Language is required");
        }
        self.algorithm_polls += 1;
        let status = match self.algorithm_polls {
            1 => "pending",
            2 => "running",
            _ => "success",
        };
        ok(json!({"status": status, "data": {"outputs": {"pagerank": {"Alice": 0.4}}}}))
    }
}
