//! Running a waiter with the client.

use std::time::Duration;

use super::{Client, ClientError};
use crate::wait::{Outcome, Wait};
use crate::{ErrorCodeEnum, Operation};

/// Why waiting did not end in a success state.
#[derive(Debug, thiserror::Error)]
pub enum WaitError<C: ErrorCodeEnum, R: std::fmt::Debug> {
    /// The state became one the waiter lists as failure.
    #[error("{waiter}: reached failure state `{state}`")]
    Failed {
        /// `service.waiter`.
        waiter: &'static str,
        /// The state read.
        state: String,
        /// The response that carried it.
        response: Box<R>,
    },
    /// A state the waiter does not list, where it lists its retry states.
    #[error("{waiter}: unexpected state `{state}`")]
    Unexpected {
        /// `service.waiter`.
        waiter: &'static str,
        /// The state read.
        state: String,
        /// The response that carried it.
        response: Box<R>,
    },
    /// The timeout passed first.
    #[error("{waiter}: still {} after {polls} poll(s) in {elapsed:?}", last_state.as_deref().unwrap_or("without a state"))]
    TimedOut {
        /// `service.waiter`.
        waiter: &'static str,
        /// The last state read, if any response had one.
        last_state: Option<String>,
        /// Polls sent.
        polls: u32,
        /// Time spent.
        elapsed: Duration,
    },
    /// A poll failed (after the client's own retries).
    #[error("{waiter}: {source}")]
    Client {
        /// `service.waiter`.
        waiter: &'static str,
        /// Why the poll failed.
        source: ClientError<C>,
    },
}

impl<O: Operation> Wait<O> {
    /// Polls until a success state (its response is returned), a failure or
    /// unexpected state, a failed call, or the timeout. Delays follow the
    /// waiter's backoff, shortened so the last poll goes out before the timeout.
    pub async fn run(self, client: &Client) -> Result<O::Response, WaitError<O::ErrorCode, O::Response>> {
        let started = client.clock.now();
        let waiter = self.waiter.id;
        let mut last_state = None;
        for poll in 0u32.. {
            if poll > 0 {
                let elapsed = client.clock.now().saturating_sub(started);
                let left = self.timeout.saturating_sub(elapsed);
                if left.is_zero() {
                    return Err(WaitError::TimedOut {
                        waiter,
                        last_state,
                        polls: poll,
                        elapsed,
                    });
                }
                client.clock.sleep(self.delay_after(poll).min(left)).await;
            }
            let response = client
                .send(&self.request)
                .await
                .map_err(|source| WaitError::Client { waiter, source })?;
            let outcome = self.outcome(&response);
            tracing::debug!(waiter, poll, ?outcome, "hwcloud.wait");
            match outcome {
                Outcome::Success(_) => return Ok(response),
                Outcome::Failure(state) => {
                    return Err(WaitError::Failed {
                        waiter,
                        state,
                        response: Box::new(response),
                    });
                }
                Outcome::Unexpected(state) => {
                    return Err(WaitError::Unexpected {
                        waiter,
                        state,
                        response: Box::new(response),
                    });
                }
                Outcome::Retry(state) => last_state = state.or(last_state),
            }
        }
        unreachable!("polls are counted by an unbounded range")
    }
}
