//! IAM tokens from a user's password, obtained through IAM's own token operation
//! ([`iam::obtain_user_token_through_password_authentication`]): the token
//! comes back in the `X-Subject-Token` response header, its expiry in
//! `token.expires_at`. The client caches the token, refreshes it before it
//! expires or when a service answers 401, and its clones share one refresh.
//!
//! ```no_run
//! use hwcloud::auth::{self, Scope};
//! use hwcloud::client::Client;
//! use hwcloud::runtime::Cloud;
//!
//! # fn run() -> Result<(), hwcloud::client::ConfigError> {
//! let client = Client::builder()
//!     .cloud(Cloud::OpenTelekomCloud)
//!     .region("eu-de")
//!     .credentials(auth::password("alice", "my-domain", "secret", Scope::ProjectName("eu-de".into())))
//!     .build()?;
//! # Ok(()) }
//! ```

use std::fmt;

use crate::client::{Client, Credentials, IssuedToken, TokenError, TokenFuture, TokenProvider};
use crate::iam;
use crate::iam::obtain_user_token_through_password_authentication as op;

/// What a token is valid for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// One project, by id (`48cc2c48765f481480c7db940d6409d1`).
    ProjectId(String),
    /// One project, by name (a region name such as `eu-de`, or `eu-de_myproject`).
    ProjectName(String),
    /// The whole account (domain), for IAM's own account-level operations.
    Domain,
}

/// A user's password credentials: a [`TokenProvider`].
#[derive(Clone)]
pub struct Password {
    user: String,
    domain: String,
    password: String,
    scope: Scope,
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Password")
            .field("user", &self.user)
            .field("domain", &self.domain)
            .field("password", &"<redacted>")
            .field("scope", &self.scope)
            .finish()
    }
}

impl Password {
    /// The user `user` of account (domain) `domain`.
    pub fn new(
        user: impl Into<String>,
        domain: impl Into<String>,
        password: impl Into<String>,
        scope: Scope,
    ) -> Password {
        Password {
            user: user.into(),
            domain: domain.into(),
            password: password.into(),
            scope,
        }
    }

    /// The token request IAM documents for password authentication.
    pub fn request(&self) -> iam::ObtainUserTokenThroughPasswordAuthenticationRequest {
        let user = op::User2::new(op::Domain5::new(&self.domain), &self.user, &self.password);
        let identity = op::Identity::new(vec!["password".to_owned()], op::Password::new(user));
        let scope = match &self.scope {
            Scope::ProjectId(id) => op::Scope {
                project: Some(op::Project2 {
                    id: Some(id.clone()),
                    name: None,
                }),
                domain: None,
            },
            Scope::ProjectName(name) => op::Scope {
                project: Some(op::Project2 {
                    id: None,
                    name: Some(name.clone()),
                }),
                domain: None,
            },
            Scope::Domain => op::Scope {
                project: None,
                domain: Some(op::Domain4 {
                    id: None,
                    name: Some(self.domain.clone()),
                }),
            },
        };
        let auth = op::Auth {
            scope: Some(scope),
            ..op::Auth::new(identity)
        };
        iam::ObtainUserTokenThroughPasswordAuthenticationRequest::builder()
            .content_type("application/json;charset=utf8")
            .nocatalog("true")
            .auth(auth)
            .build()
    }
}

impl TokenProvider for Password {
    fn obtain<'a>(&'a self, client: &'a Client) -> TokenFuture<'a> {
        Box::pin(async move {
            let response = client
                .send_anonymous(&self.request())
                .await
                .map_err(|e| TokenError::new(format!("IAM: {e}")))?;
            let token = response
                .x_subject_token
                .ok_or_else(|| TokenError::new("IAM's answer has no X-Subject-Token header"))?;
            let expires_at = response
                .token
                .and_then(|t| t.expires_at)
                .ok_or_else(|| TokenError::new("IAM's answer has no token.expires_at"))?;
            IssuedToken::from_expiry_text(token, &expires_at)
        })
    }
}

/// Credentials that obtain project- (or account-) scoped tokens with a password.
pub fn password(
    user: impl Into<String>,
    domain: impl Into<String>,
    password: impl Into<String>,
    scope: Scope,
) -> Credentials {
    Credentials::provider(Password::new(user, domain, password, scope))
}
