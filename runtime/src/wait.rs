//! Waiters without I/O: what a polled response says, and how long to wait
//! before the next poll.
//!
//! Generated `wait_until_*` functions return a [`Wait`]: the request to poll,
//! the waiter's rules from the spec and how to read the state from a response.
//! The `client` feature runs it (`Wait::run`); any other loop can drive it
//! with [`Wait::outcome`] and [`Wait::delay_after`].

use std::fmt;
use std::time::Duration;

use crate::operation::Operation;
use crate::request::QueryValue;

/// A waiter's rules, as the service spec states them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiter {
    /// `service.name`, e.g. `dli.sql_job_finished`.
    pub id: &'static str,
    /// The response field the state is read from, as the spec spells it.
    pub field: &'static str,
    /// States that mean done.
    pub success: &'static [&'static str],
    /// States that mean it will never succeed.
    pub failure: &'static [&'static str],
    /// States that mean not yet; empty: any state not listed above.
    pub retry: &'static [&'static str],
    /// Before the second poll; each later delay is 1.5 times the one before, up to `max_delay`.
    pub delay: Duration,
    /// The longest delay between two polls.
    pub max_delay: Duration,
    /// How long waiting lasts unless the caller says otherwise.
    pub timeout: Duration,
}

/// What one polled response says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A success state: stop, done.
    Success(String),
    /// A failure state: stop, it will not succeed.
    Failure(String),
    /// Not yet (a retry state, or no state in the response): poll again.
    Retry(Option<String>),
    /// A state the waiter does not list while it lists its retry states: stop.
    Unexpected(String),
}

impl Waiter {
    /// Classifies a state read from a response (`None`: the response lacks it).
    pub fn outcome(&self, state: Option<String>) -> Outcome {
        let Some(state) = state else {
            return Outcome::Retry(None);
        };
        let listed = |values: &[&str]| values.iter().any(|v| v.eq_ignore_ascii_case(&state));
        if listed(self.success) {
            Outcome::Success(state)
        } else if listed(self.failure) {
            Outcome::Failure(state)
        } else if self.retry.is_empty() || listed(self.retry) {
            Outcome::Retry(Some(state))
        } else {
            Outcome::Unexpected(state)
        }
    }

    /// The delay before poll number `poll` (poll 0 goes out at once; poll 1
    /// after `delay`), growing 1.5 times per poll up to `max_delay`.
    pub fn delay_after(&self, poll: u32) -> Duration {
        backoff(self.delay, self.max_delay, poll)
    }
}

fn backoff(delay: Duration, max_delay: Duration, poll: u32) -> Duration {
    let grown = delay.as_secs_f64() * 1.5f64.powi(poll.saturating_sub(1).min(64) as i32);
    Duration::from_secs_f64(grown.min(max_delay.as_secs_f64()))
}

/// A value a waiter reads a state from: what travels as text in a request
/// (text, numbers, booleans, [`TextOr`](crate::TextOr)), and JSON.
pub trait StateValue {
    /// The state as text; `None` when the value holds none (JSON null, an object).
    fn state(&self) -> Option<String>;
}

impl<T: QueryValue + ?Sized> StateValue for T {
    fn state(&self) -> Option<String> {
        Some(self.to_query_value())
    }
}

impl StateValue for serde_json::Value {
    fn state(&self) -> Option<String> {
        match self {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// The value at `keys` below an untyped JSON object, as generated code reads a
/// state the docs give no table for (GES's graph detail: `graph.status`).
pub fn json_at<'a>(
    object: &'a serde_json::Map<String, serde_json::Value>,
    keys: &[&str],
) -> Option<&'a serde_json::Value> {
    let (first, rest) = keys.split_first()?;
    rest.iter()
        .try_fold(object.get(*first)?, |value, key| value.as_object()?.get(*key))
}

/// One waiter applied to one request: what a generated `wait_until_*` returns.
pub struct Wait<O: Operation> {
    /// The request polled.
    pub request: O,
    /// The rules.
    pub waiter: &'static Waiter,
    /// Reads the state from a response.
    pub state: fn(&O::Response) -> Option<String>,
    /// How long to wait: the waiter's `timeout` unless set.
    pub timeout: Duration,
    /// The first delay and the longest: the waiter's unless set.
    pub delays: (Duration, Duration),
}

impl<O: Operation> Wait<O> {
    /// The waiter applied to `request`.
    pub fn new(request: O, waiter: &'static Waiter, state: fn(&O::Response) -> Option<String>) -> Self {
        Wait {
            request,
            waiter,
            state,
            timeout: waiter.timeout,
            delays: (waiter.delay, waiter.max_delay),
        }
    }

    /// Polls with these delays instead of the spec's: `first` before the
    /// second poll, growing 1.5 times per poll up to `max`.
    #[must_use]
    pub fn delays(mut self, first: Duration, max: Duration) -> Self {
        self.delays = (first, max.max(first));
        self
    }

    /// The delay before poll number `poll` (poll 0 goes out at once).
    pub fn delay_after(&self, poll: u32) -> Duration {
        backoff(self.delays.0, self.delays.1, poll)
    }

    /// Waits at most this long (the spec's timeout otherwise).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// What a polled response says.
    pub fn outcome(&self, response: &O::Response) -> Outcome {
        self.waiter.outcome((self.state)(response))
    }
}

impl<O: Operation + fmt::Debug> fmt::Debug for Wait<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Wait")
            .field("request", &self.request)
            .field("waiter", &self.waiter.id)
            .field("timeout", &self.timeout)
            .field("delays", &self.delays)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TextOr;

    const JOB: Waiter = Waiter {
        id: "dli.sql_job_finished",
        field: "status",
        success: &["FINISHED"],
        failure: &["FAILED", "CANCELLED"],
        retry: &["RUNNING", "LAUNCHING"],
        delay: Duration::from_secs(2),
        max_delay: Duration::from_secs(5),
        timeout: Duration::from_secs(60),
    };

    #[test]
    fn states_classify_by_the_lists() {
        assert_eq!(
            JOB.outcome(Some("FINISHED".into())),
            Outcome::Success("FINISHED".into())
        );
        assert_eq!(
            JOB.outcome(Some("cancelled".into())),
            Outcome::Failure("cancelled".into())
        );
        assert_eq!(
            JOB.outcome(Some("RUNNING".into())),
            Outcome::Retry(Some("RUNNING".into()))
        );
        assert_eq!(JOB.outcome(None), Outcome::Retry(None));
        assert_eq!(
            JOB.outcome(Some("SCALING".into())),
            Outcome::Unexpected("SCALING".into())
        );
        let any = Waiter { retry: &[], ..JOB };
        assert_eq!(
            any.outcome(Some("SCALING".into())),
            Outcome::Retry(Some("SCALING".into()))
        );
    }

    #[test]
    fn delays_grow_to_the_maximum() {
        let delays: Vec<u64> = (1..6).map(|n| JOB.delay_after(n).as_millis() as u64).collect();
        assert_eq!(delays, [2000, 3000, 4500, 5000, 5000]);
        assert_eq!(JOB.delay_after(u32::MAX), Duration::from_secs(5));
    }

    #[test]
    fn states_read_from_values_and_json() {
        assert_eq!(TextOr::<i32>::Text("200".into()).state(), Some("200".into()));
        assert_eq!(7i64.state(), Some("7".into()));
        let graph: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(r#"{"graph":{"status":"200","n":{"x":1}}}"#).unwrap();
        assert_eq!(
            json_at(&graph, &["graph", "status"]).and_then(StateValue::state),
            Some("200".into())
        );
        assert_eq!(json_at(&graph, &["graph", "n"]).and_then(StateValue::state), None);
        assert_eq!(json_at(&graph, &["graph", "status", "deeper"]), None);
        assert_eq!(json_at(&graph, &[]), None);
    }
}
