//! Tests without a cloud: a [`Mock`] is another transport for the same
//! [`Client`], answering in memory (the `test-util` feature).
//!
//! Requests still go through the operation's `to_http_request` and answers
//! through its `parse_response`, retries and waiters run as they do in
//! production, and their sleeps move the mock's virtual time on at once, so
//! a test of code that polls for minutes takes milliseconds.
//!
//! - **Answers from the docs.** An operation no rule answers gets its
//!   documented success example; one whose pages show none fails the call
//!   with a transport error naming the operation and the rule to add.
//! - **Rules** ([`Mock::on`]): a response value, a documented error code (with
//!   the status and body shape the docs give), any status and body, a
//!   connection error or a timeout, a [`sequence`](RuleBuilder::sequence) of
//!   replies, a reply computed from the request, a list served as pages
//!   ([`pages`](RuleBuilder::pages)); each rule optionally only for requests
//!   a predicate accepts, and at most so many times. The first rule that
//!   matches and is not used up answers.
//! - **Recorded calls**: [`Mock::calls`] gives the typed requests of one
//!   operation, in order; [`Mock::requests`] every call as sent;
//!   [`Mock::verify`] fails a test that left a rule unused or a call
//!   unanswered, naming where the rule was written.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use hwcloud_runtime::mock::Mock;
//! # use hwcloud_runtime::{ErrorShape, Operation, RequestError, ServiceEndpoints};
//! # #[derive(Debug, Clone, PartialEq)] struct Ping;
//! # #[derive(Debug, Clone, PartialEq, Eq)] struct Code(String);
//! # impl std::str::FromStr for Code { type Err = std::convert::Infallible;
//! #     fn from_str(s: &str) -> Result<Self, Self::Err> { Ok(Code(s.into())) } }
//! # impl hwcloud_runtime::ErrorCodeEnum for Code {
//! #     const SHAPES: &'static [ErrorShape] = &[];
//! #     fn code(&self) -> &str { &self.0 }
//! #     fn http_status(&self) -> Option<u16> { None }
//! #     fn message(&self) -> Option<&'static str> { None }
//! #     fn is_documented(&self) -> bool { false } }
//! # impl Operation for Ping {
//! #     type Response = serde_json::Value; type ErrorCode = Code;
//! #     const ID: &'static str = "demo.ping"; const METHOD: http::Method = http::Method::GET;
//! #     const URI_TEMPLATE: &'static str = "/ping"; const STATUS_CODES: &'static [hwcloud_runtime::DocumentedStatus] = &[];
//! #     const ENDPOINTS: ServiceEndpoints = ServiceEndpoints { service: "demo", documented: &[] };
//! #     fn to_http_request(&self) -> Result<http::Request<Vec<u8>>, RequestError> {
//! #         Ok(http::Request::get("/ping").body(Vec::new()).unwrap()) }
//! #     fn mock_request(&self) -> Option<Box<dyn std::any::Any + Send>> { Some(Box::new(self.clone())) } }
//! let mock = Mock::new();
//! mock.on::<Ping>().respond(serde_json::json!({"pong": true}));
//! let client = mock.client();
//! let answer = client.send(&Ping).await.unwrap();
//! assert_eq!(answer["pong"], true);
//! assert_eq!(mock.calls::<Ping>(), [Ping]);
//! mock.verify();
//! # }
//! ```

use std::any::Any;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crate::Operation;
use crate::client::transport::{Exchange, Fault, TransportError};
use crate::client::{Client, ClientBuilder};

mod answer;
mod pages;
mod rule;

pub use answer::{Documented, documented_answer, example};
pub use pages::{DEFAULT_PAGE_SIZE, PageLayout};
pub use rule::{Reply, RuleBuilder};

use answer::Answer;
use rule::Rule;

/// The base URL a mocked client's requests name, unless one is configured.
pub const BASE_URL: &str = "http://mock.invalid";

/// Answers a [`Client`]'s calls in memory. Clones share rules, calls and time.
#[derive(Clone, Default)]
pub struct Mock {
    state: Arc<Mutex<State>>,
    time: VirtualTime,
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    calls: Vec<Call>,
}

/// One call as the mock received it.
struct Call {
    record: Request,
    typed: Option<Box<dyn Any + Send>>,
}

/// One call the mock received: what was sent and what answered it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Request {
    /// `service.operation`.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: http::Method,
    /// Path and query, as the operation built them.
    pub uri: String,
    /// The request body.
    pub body: Vec<u8>,
    /// What answered: `rule at tests/jobs.rs:12:5`, `documented example`, or
    /// `nothing` (the call failed with a transport error).
    pub answered_by: String,
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("Mock")
            .field("rules", &state.rules.len())
            .field("calls", &state.calls.len())
            .field("elapsed", &self.time.now())
            .finish()
    }
}

impl Mock {
    /// A mock with no rules: every operation answers with its documented example.
    pub fn new() -> Mock {
        Mock::default()
    }

    /// A client whose calls this mock answers, with the default settings
    /// (retries included) and no project id; [`Mock::client_builder`] sets more.
    pub fn client(&self) -> Client {
        self.client_builder()
            .build()
            .expect("a mocked client needs no endpoint or credentials")
    }

    /// A client builder preset with this mock: set a project id, a cloud, a
    /// retry policy as for a real client.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder().mock(self)
    }

    /// Starts a rule for the operation `O`: finish it with what it answers
    /// ([`RuleBuilder::respond`], [`RuleBuilder::fail`], ...).
    pub fn on<O: Operation + 'static>(&self) -> RuleBuilder<'_, O>
    where
        O::Response: serde::Serialize,
    {
        RuleBuilder::new(self)
    }

    /// The requests of operation `O` the mock received, in order.
    pub fn calls<O: Operation + Clone + 'static>(&self) -> Vec<O> {
        self.lock()
            .calls
            .iter()
            .filter(|call| call.record.operation == O::ID)
            .filter_map(|call| call.typed.as_ref()?.downcast_ref::<O>().cloned())
            .collect()
    }

    /// Every call the mock received, in order, as sent.
    pub fn requests(&self) -> Vec<Request> {
        self.lock().calls.iter().map(|call| call.record.clone()).collect()
    }

    /// The virtual time clients of this mock have slept (retry backoff,
    /// waiter delays).
    pub fn elapsed(&self) -> Duration {
        self.time.now()
    }

    /// What a finished test should not leave: each rule never used, each
    /// sequence with replies left, each call nothing answered.
    pub fn unused(&self) -> Vec<String> {
        let state = self.lock();
        let rules = state.rules.iter().filter_map(Rule::unused);
        let calls = state
            .calls
            .iter()
            .filter(|call| call.record.answered_by == answer::NOTHING)
            .map(|call| {
                format!(
                    "call of {} ({} {}) was not answered: no rule matched and the pages document no example",
                    call.record.operation, call.record.method, call.record.uri
                )
            });
        rules.chain(calls).collect()
    }

    /// Panics with every [`unused`](Self::unused) finding, if any.
    #[track_caller]
    pub fn verify(&self) {
        let unused = self.unused();
        if !unused.is_empty() {
            panic!(
                "the mock was not used as the test set it up:\n  {}",
                unused.join("\n  ")
            );
        }
    }

    /// The clock the mock's clients sleep on.
    pub(crate) fn time(&self) -> VirtualTime {
        self.time.clone()
    }

    /// Answers one attempt of a call: the first rule for the operation that
    /// matches and is not used up, else the documented example.
    pub(crate) fn answer<O: Operation>(
        &self,
        operation: &O,
        request: &http::Request<Vec<u8>>,
    ) -> Result<Exchange, TransportError> {
        let typed = operation.mock_request();
        let mut state = self.lock();
        let chosen = state
            .rules
            .iter_mut()
            .find(|rule| rule.takes(O::ID, typed.as_deref()));
        let (answer, answered_by) = match chosen {
            Some(rule) => (rule.answer(typed.as_deref(), request), rule.origin()),
            None => {
                let answer = Answer::documented::<O>();
                let by = if answer.is_unanswered() {
                    answer::NOTHING
                } else {
                    answer::DOCUMENTED
                };
                (answer, by.to_owned())
            }
        };
        state.calls.push(Call {
            record: Request {
                operation: O::ID,
                method: request.method().clone(),
                uri: request.uri().to_string(),
                body: request.body().clone(),
                answered_by,
            },
            typed,
        });
        answer.into_exchange()
    }

    fn add(&self, rule: Rule) {
        self.lock().rules.push(rule);
    }

    /// The state, also after a rule's closure panicked in another test thread.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Time that passes only when a client of the mock sleeps.
#[derive(Clone, Default)]
pub(crate) struct VirtualTime(Arc<Mutex<Duration>>);

impl VirtualTime {
    pub(crate) fn now(&self) -> Duration {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *now = now.saturating_add(by);
    }
}

/// A transport error for a call nothing can answer.
fn unanswered(message: String) -> TransportError {
    TransportError::simulated(Fault::Unanswered, message)
}
