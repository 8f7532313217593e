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

/// Credentials (and project, region, cloud) found outside the code, ready for a
/// [`ClientBuilder`](crate::client::ClientBuilder).
#[derive(Debug, Clone)]
pub struct Discovered {
    /// AK/SK, or a password as a token provider.
    pub credentials: Credentials,
    /// The project id, when the source names one.
    pub project_id: Option<String>,
    /// The region, when the source names one (clouds.yaml).
    pub region: Option<String>,
    /// The cloud, when the source tells (clouds.yaml's `auth_url`).
    pub cloud: Option<crate::runtime::Cloud>,
    /// Where they were found: `environment` or a file.
    pub source: String,
}

impl Discovered {
    /// Sets on `builder` what was found; what was not found stays as it is.
    pub fn configure(self, builder: crate::client::ClientBuilder) -> crate::client::ClientBuilder {
        let mut builder = builder.credentials(self.credentials);
        if let Some(project_id) = self.project_id {
            builder = builder.project_id(project_id);
        }
        if let Some(cloud) = self.cloud {
            builder = builder.cloud(cloud);
        }
        if let Some(region) = self.region {
            builder = builder.region(region);
        }
        builder
    }
}

/// Credentials from the environment, OpenStack's `clouds.yaml` (`OS_CLOUD`) or
/// the official SDKs' profile file, in that order: see
/// [`sources`](crate::client::sources). A password found becomes a
/// [`Password`] provider scoped to the project id, else the project name, else
/// the region's default project (named like the region), else the account.
pub fn discover() -> Result<Discovered, crate::client::sources::SourceError> {
    crate::client::sources::discover().map(from_found)
}

/// What [`discover`] makes of one source's findings.
pub fn from_found(found: crate::client::sources::Found) -> Discovered {
    use crate::client::sources::FoundSecret;
    let credentials = match found.secret {
        FoundSecret::AccessKey {
            ak,
            sk,
            security_token: None,
        } => Credentials::access_key(ak, sk),
        FoundSecret::AccessKey {
            ak,
            sk,
            security_token: Some(token),
        } => Credentials::temporary(ak, sk, token),
        FoundSecret::Password {
            user,
            domain,
            password,
        } => {
            let scope = match (&found.project_id, &found.project_name, &found.region) {
                (Some(id), _, _) => Scope::ProjectId(id.clone()),
                (None, Some(name), _) | (None, None, Some(name)) => Scope::ProjectName(name.clone()),
                (None, None, None) => Scope::Domain,
            };
            self::password(user, domain, password, scope)
        }
    };
    Discovered {
        credentials,
        project_id: found.project_id,
        region: found.region,
        cloud: found.cloud,
        source: found.source,
    }
}

/// Looks a project's id up by its name (`eu-de`, `eu-de_myproject`) through
/// IAM's project query: what the official SDKs do when no project id is
/// given. `None` when IAM knows no such project.
///
/// ```no_run
/// # async fn run(client: hwcloud::client::Client) -> Result<(), Box<dyn std::error::Error>> {
/// let client = match client.project_id() {
///     Some(_) => client,
///     None => {
///         let id = hwcloud::auth::project_id(&client, "eu-de").await?.ok_or("no project eu-de")?;
///         client.with_project_id(id)?
///     }
/// };
/// # Ok(()) }
/// ```
pub async fn project_id(
    client: &Client,
    name: &str,
) -> Result<Option<String>, crate::client::ClientError<iam::ErrorCode>> {
    let request = iam::QueryProjectInformationBasedOnSpecifiedCriteriaRequest::builder()
        .content_type("application/json;charset=utf8")
        // Empty: the client's credentials authenticate the call.
        .x_auth_token("")
        .name(name)
        .build();
    let found = client.send(&request).await?;
    Ok(found.projects.into_iter().find(|p| p.name == name).map(|p| p.id))
}
