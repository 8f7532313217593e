//! IAM tokens a client obtains itself: a [`TokenProvider`] fetches one (the
//! `hwcloud` crate's password provider calls IAM's token operation and reads the
//! `X-Subject-Token` header), the client caches it, refreshes it
//! [`REFRESH_MARGIN`] before `expires_at`, and once more when the service answers
//! 401 to it. Concurrent calls wait for one refresh instead of each fetching.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::Client;

/// How long before its expiry a cached token is replaced.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// A token and the time it stops being valid.
#[derive(Clone, PartialEq, Eq)]
pub struct IssuedToken {
    /// The token, sent as `X-Auth-Token`.
    pub token: String,
    /// When the service stops accepting it.
    pub expires_at: SystemTime,
}

impl fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuedToken")
            .field("token", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

impl IssuedToken {
    /// A token whose expiry is IAM's `expires_at` text (`2026-11-25T09:05:22.701000Z`).
    pub fn from_expiry_text(token: impl Into<String>, expires_at: &str) -> Result<IssuedToken, TokenError> {
        let expires_at =
            time::OffsetDateTime::parse(expires_at.trim(), &time::format_description::well_known::Rfc3339)
                .map_err(|e| {
                    TokenError::new(format!(
                        "`expires_at` `{expires_at}` is not an RFC 3339 time: {e}"
                    ))
                })?;
        Ok(IssuedToken {
            token: token.into(),
            expires_at: expires_at.into(),
        })
    }
}

/// Why no token could be obtained.
#[derive(Debug, thiserror::Error)]
#[error("could not obtain an IAM token: {reason}")]
pub struct TokenError {
    reason: String,
}

impl TokenError {
    /// An error with this explanation.
    pub fn new(reason: impl Into<String>) -> TokenError {
        TokenError {
            reason: reason.into(),
        }
    }
}

/// The future a [`TokenProvider`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<IssuedToken, TokenError>> + Send + 'a>>;

/// Obtains IAM tokens; [`Client::send_anonymous`] sends the token request
/// without the client's own credentials. `obtain` runs while the client's token
/// cache is locked: it must not call [`Client::send`] on the same client, which
/// would wait for that lock.
pub trait TokenProvider: Send + Sync + 'static {
    /// A new token.
    fn obtain<'a>(&'a self, client: &'a Client) -> TokenFuture<'a>;
}

/// The cache clones of a client share.
#[derive(Clone, Default)]
pub(super) struct TokenCache(Arc<tokio::sync::Mutex<Option<IssuedToken>>>);

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenCache")
    }
}

impl TokenCache {
    /// A token valid for at least [`REFRESH_MARGIN`]: the cached one, else a new
    /// one. `rejected` is a token the service refused (401): it is replaced even
    /// if not expiring, unless another call already replaced it.
    pub(super) async fn token(
        &self,
        provider: &dyn TokenProvider,
        client: &Client,
        rejected: Option<&str>,
    ) -> Result<String, TokenError> {
        let mut cached = self.0.lock().await;
        let usable = cached.as_ref().filter(|issued| {
            Some(issued.token.as_str()) != rejected && issued.expires_at > SystemTime::now() + REFRESH_MARGIN
        });
        if let Some(issued) = usable {
            return Ok(issued.token.clone());
        }
        tracing::debug!("obtaining an IAM token");
        let issued = provider.obtain(client).await?;
        if http::HeaderValue::from_str(&issued.token).is_err() {
            return Err(TokenError::new("the token is not a valid header value"));
        }
        let token = issued.token.clone();
        *cached = Some(issued);
        Ok(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iam_expiry_texts_read_as_times_and_tokens_stay_out_of_debug() {
        let issued = IssuedToken::from_expiry_text("MIIsecret", "2026-11-25T09:05:22.701000Z").unwrap();
        let seconds = issued
            .expires_at
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        assert_eq!(seconds, 1_795_597_522);
        assert!(!format!("{issued:?}").contains("MIIsecret"));
        assert!(IssuedToken::from_expiry_text("t", "tomorrow").is_err());
    }
}
