//! What carries a client's requests: HTTP (reqwest), or, with the `test-util`
//! feature, a [`Mock`](crate::mock::Mock) that answers in memory. Everything
//! around it (request building, signing, retries, response parsing) is the
//! same code for both; so is the clock that retries and waiters sleep on,
//! which a mock makes virtual so tests do not wait.

use std::fmt;
use std::time::{Duration, Instant};

/// A response as read off the wire: status, headers, the whole body.
#[derive(Debug, Clone)]
pub(crate) struct Exchange {
    pub(crate) status: http::StatusCode,
    pub(crate) headers: http::HeaderMap,
    pub(crate) body: Vec<u8>,
}

/// Where a client's requests go.
#[derive(Debug, Clone)]
pub(crate) enum Transport {
    Http(reqwest::Client),
    #[cfg(feature = "test-util")]
    Mock(crate::mock::Mock),
}

/// Sends a request over HTTP and reads its whole response.
pub(crate) async fn exchange(
    http: &reqwest::Client,
    request: reqwest::Request,
) -> Result<Exchange, TransportError> {
    let response = http.execute(request).await.map_err(TransportError::from)?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(TransportError::from)?;
    Ok(Exchange {
        status,
        headers,
        body: body.to_vec(),
    })
}

/// Why no response arrived: a connection refused or reset, a timeout, or,
/// from a mock, the fault a rule asked for or a call no rule answers.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct TransportError(Repr);

#[derive(Debug, thiserror::Error)]
enum Repr {
    #[error(transparent)]
    Http(reqwest::Error),
    /// Only a mock makes these.
    #[cfg_attr(not(feature = "test-util"), allow(dead_code))]
    #[error("{message}")]
    Simulated { kind: Fault, message: String },
}

/// The faults a transport error can stand for without a real connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// The connection failed: retried like a refused connection.
    Connect,
    /// No answer in time: retried like a timeout.
    Timeout,
    /// Nothing can answer the call (a mock without a rule or an example).
    Unanswered,
}

impl TransportError {
    /// A fault that did not come from a socket (a mock's).
    #[cfg_attr(not(feature = "test-util"), allow(dead_code))]
    pub(crate) fn simulated(kind: Fault, message: impl Into<String>) -> TransportError {
        TransportError(Repr::Simulated {
            kind,
            message: message.into(),
        })
    }

    /// Whether the attempt timed out.
    pub fn is_timeout(&self) -> bool {
        match &self.0 {
            Repr::Http(error) => error.is_timeout(),
            Repr::Simulated { kind, .. } => *kind == Fault::Timeout,
        }
    }

    /// Whether the connection could not be made.
    pub fn is_connect(&self) -> bool {
        match &self.0 {
            Repr::Http(error) => error.is_connect(),
            Repr::Simulated { kind, .. } => *kind == Fault::Connect,
        }
    }

    /// The HTTP client's own error, when the transport is HTTP.
    pub fn reqwest(&self) -> Option<&reqwest::Error> {
        match &self.0 {
            Repr::Http(error) => Some(error),
            Repr::Simulated { .. } => None,
        }
    }

    /// Whether another attempt may succeed: a failed connection, a timeout,
    /// a request that did not go out.
    pub(crate) fn is_retryable(&self) -> bool {
        match &self.0 {
            // A body cut off (a reset mid-answer) is retried like a lost connection.
            Repr::Http(error) => {
                error.is_connect() || error.is_timeout() || error.is_request() || error.is_body()
            }
            Repr::Simulated { kind, .. } => *kind != Fault::Unanswered,
        }
    }
}

impl From<reqwest::Error> for TransportError {
    fn from(error: reqwest::Error) -> Self {
        TransportError(Repr::Http(error))
    }
}

/// The time retries and waiters measure and sleep on.
#[derive(Clone)]
pub(crate) enum Clock {
    /// Wall-clock time since the client was built.
    Real(Instant),
    /// Time that passes only when slept: a mock's.
    #[cfg(feature = "test-util")]
    Virtual(crate::mock::VirtualTime),
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Clock::Real(_) => f.write_str("Real"),
            #[cfg(feature = "test-util")]
            Clock::Virtual(_) => f.write_str("Virtual"),
        }
    }
}

impl Clock {
    /// The time since the clock started.
    pub(crate) fn now(&self) -> Duration {
        match self {
            Clock::Real(start) => start.elapsed(),
            #[cfg(feature = "test-util")]
            Clock::Virtual(time) => time.now(),
        }
    }

    /// Waits `duration`: for real, or by moving virtual time on at once.
    pub(crate) async fn sleep(&self, duration: Duration) {
        match self {
            Clock::Real(_) => tokio::time::sleep(duration).await,
            #[cfg(feature = "test-util")]
            Clock::Virtual(time) => time.advance(duration),
        }
    }
}
