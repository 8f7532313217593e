//! An async client that sends generated requests: endpoint resolution, AK/SK or
//! token authentication, retries with capped exponential backoff and jitter, a
//! total deadline, and one `tracing` span per call.
//!
//! ```no_run
//! use hwcloud_runtime::{Cloud, Operation};
//! use hwcloud_runtime::client::{Client, ClientError, Credentials};
//!
//! # async fn run<O: Operation>(request: O) -> Result<(), hwcloud_runtime::client::ConfigError> {
//! let client = Client::builder()
//!     .cloud(Cloud::OpenTelekomCloud)
//!     .region("eu-de")
//!     .credentials(Credentials::access_key("AK", "SK"))
//!     .project_id("48cc2c48765f481480c7db940d6409d1")
//!     .build()?;
//! // `request` is any generated request, e.g. `hwcloud::dli::CancelJobRequest`.
//! match client.send(&request).await {
//!     Ok(response) => println!("{response:?}"),
//!     Err(ClientError::Api(error)) => println!("the service said no: {error}"),
//!     Err(other) => println!("no answer: {other}"),
//! }
//! # Ok(()) }
//! ```

use std::fmt;
use std::time::{Duration, Instant, SystemTime};

use tracing::Instrument;

use crate::signing::{self, AccessKey, SigningError};
use crate::{
    ApiError, Cloud, DecodeError, ErrorCodeEnum, Operation, ProjectScoped, RequestError, ResponseError,
};
use std::collections::BTreeMap;
use std::sync::Arc;

mod pages;
pub mod sources;
mod token;
pub(crate) mod transport;
mod wait;

pub use pages::Paginator;
use token::TokenCache;
pub use token::{IssuedToken, REFRESH_MARGIN, TokenError, TokenFuture, TokenProvider};
pub use transport::TransportError;
use transport::{Clock, Transport};
pub use wait::WaitError;

/// How requests prove who sends them.
#[derive(Clone)]
pub enum Credentials {
    /// AK/SK, signed with `SDK-HMAC-SHA256`; a security token marks temporary keys.
    AccessKey {
        /// The key pair.
        key: AccessKey,
        /// `X-Security-Token` for temporary credentials.
        security_token: Option<String>,
    },
    /// An IAM token, sent as `X-Auth-Token`.
    Token(String),
    /// IAM tokens a provider obtains, cached and refreshed by the client.
    Provider(Arc<dyn TokenProvider>),
}

impl Credentials {
    /// Permanent AK/SK credentials.
    pub fn access_key(id: impl Into<String>, secret: impl Into<String>) -> Self {
        Credentials::AccessKey {
            key: AccessKey::new(id, secret),
            security_token: None,
        }
    }

    /// Temporary AK/SK credentials with their security token.
    pub fn temporary(
        id: impl Into<String>,
        secret: impl Into<String>,
        security_token: impl Into<String>,
    ) -> Self {
        Credentials::AccessKey {
            key: AccessKey::new(id, secret),
            security_token: Some(security_token.into()),
        }
    }

    /// An IAM token.
    pub fn token(token: impl Into<String>) -> Self {
        Credentials::Token(token.into())
    }

    /// Tokens from `provider` (e.g. `hwcloud::auth::password`), obtained on the
    /// first call, shared by the client's clones, refreshed before they expire.
    pub fn provider(provider: impl TokenProvider) -> Self {
        Credentials::Provider(Arc::new(provider))
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::AccessKey { key, security_token } => f
                .debug_struct("AccessKey")
                .field("key", key)
                .field("security_token", &security_token.as_ref().map(|_| "<redacted>"))
                .finish(),
            Credentials::Token(_) => f.debug_tuple("Token").field(&"<redacted>").finish(),
            Credentials::Provider(_) => f.write_str("Provider"),
        }
    }
}

/// When and how often a failed attempt is tried again.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// The wait before the second attempt; it doubles each time.
    pub initial_backoff: Duration,
    /// No wait is longer than this.
    pub max_backoff: Duration,
    /// Retry POST and PATCH too. Off by default: they may not be idempotent.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// No retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The wait before attempt `attempt + 1`: full jitter over a capped exponential.
    fn backoff(&self, attempt: u32) -> Duration {
        let exponential = self
            .initial_backoff
            .saturating_mul(1 << attempt.saturating_sub(1).min(16));
        let cap = exponential.min(self.max_backoff);
        cap.mul_f64(0.5 + fastrand::f64() / 2.0)
    }

    fn allows(&self, method: &http::Method) -> bool {
        self.retry_non_idempotent || method.is_idempotent()
    }
}

/// Why a call did not produce the documented response.
#[derive(Debug, thiserror::Error)]
pub enum ClientError<C: ErrorCodeEnum> {
    /// The service answered with an error.
    #[error(transparent)]
    Api(ApiError<C>),
    /// A success status with a body that does not match the documented response.
    #[error(transparent)]
    Decode(DecodeError),
    /// The request could not be built from the values given.
    #[error(transparent)]
    Request(#[from] RequestError),
    /// The request could not be signed.
    #[error(transparent)]
    Signing(#[from] SigningError),
    /// No response: connection refused, reset, timed out (or, from a mock,
    /// the fault a rule asked for, or a call nothing answers).
    #[error("transport error after {attempts} attempt(s): {source}")]
    Transport {
        /// The last transport error.
        source: TransportError,
        /// Attempts made.
        attempts: u32,
    },
    /// The operation's plane takes IAM tokens only and the client has AK/SK:
    /// nothing was sent. Use `Credentials::token` or a token provider.
    #[error(
        "{operation} belongs to the `{plane}` plane, which takes IAM tokens only; the client signs with AK/SK"
    )]
    TokenRequired {
        /// `service.operation`.
        operation: &'static str,
        /// The plane's name.
        plane: &'static str,
    },
    /// The operation is documented for other clouds only than the client's:
    /// nothing was sent. `ClientBuilder::allow_undocumented_operations` sends
    /// such operations all the same.
    #[error("{operation} is not documented for {cloud}; the client sends it only when allowed to")]
    Undocumented {
        /// `service.operation`.
        operation: &'static str,
        /// The client's cloud.
        cloud: &'static str,
    },
    /// No IAM token could be obtained for the call.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// The total deadline passed before a final answer.
    #[error("deadline of {deadline:?} exceeded after {attempts} attempt(s)")]
    Deadline {
        /// The configured deadline.
        deadline: Duration,
        /// Attempts started.
        attempts: u32,
    },
}

impl<C: ErrorCodeEnum> From<ResponseError<C>> for ClientError<C> {
    fn from(error: ResponseError<C>) -> Self {
        match error {
            ResponseError::Api(error) => ClientError::Api(error),
            ResponseError::Decode(error) => ClientError::Decode(error),
        }
    }
}

/// Why a client could not be configured.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// No endpoint, region or service endpoint was given.
    #[error("set an endpoint or a region")]
    NoEndpoint,
    /// The endpoint is not an absolute `http(s)://host` URL.
    #[error("endpoint `{0}` must be an absolute http(s) URL without a path")]
    BadEndpoint(String),
    /// No credentials were given.
    #[error("set credentials")]
    NoCredentials,
    /// A configured value cannot travel in its header (a line break, say).
    #[error("the value for header `{0}` cannot be a header value")]
    BadHeaderValue(&'static str),
    /// reqwest could not build its client.
    #[error("HTTP client: {0}")]
    Http(#[from] reqwest::Error),
}

/// Builds a [`Client`].
#[derive(Debug, Default)]
pub struct ClientBuilder {
    endpoint: Option<String>,
    cloud: Cloud,
    region: Option<String>,
    service_endpoints: BTreeMap<String, String>,
    plane_endpoints: BTreeMap<(String, String), String>,
    credentials: Option<Credentials>,
    project_id: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    deadline: Option<Duration>,
    retry: RetryPolicy,
    user_agent: Option<String>,
    /// Whether the cloud was chosen (`cloud`) rather than defaulted.
    cloud_chosen: bool,
    allow_undocumented: bool,
    /// Answers in memory instead of over HTTP.
    #[cfg(feature = "test-util")]
    mock: Option<crate::mock::Mock>,
}

impl ClientBuilder {
    /// Sends every request to this base URL (`https://dli.eu-de.otc.t-systems.com`),
    /// whatever the service. Wins over [`region`](Self::region).
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// The cloud whose hosts [`region`](Self::region) resolves to: Huawei Cloud
    /// unless set.
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.cloud = cloud;
        self.cloud_chosen = true;
        self
    }

    /// Resolves each service's host for this region on the [`cloud`](Self::cloud),
    /// over HTTPS: the pattern its spec documents for that cloud
    /// (`dli.{region}.myhuaweicloud.com`), else the cloud's convention
    /// (`dli.eu-de.otc.t-systems.com`). See [`crate::ServiceEndpoints::host`].
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends one service's requests (`"dli"`) to this base URL, whatever the
    /// cloud and region: a private endpoint, a proxy. Wins over
    /// [`region`](Self::region); [`endpoint`](Self::endpoint) wins over it.
    pub fn service_endpoint(mut self, service: impl Into<String>, endpoint: impl Into<String>) -> Self {
        self.service_endpoints.insert(service.into(), endpoint.into());
        self
    }

    /// Sends the operations of one plane of a service to this base URL: GES's
    /// graph plane (`"ges"`, `"graph"`) to the graph's access address, which the
    /// graph's detail returns (`http://192.168.0.10:80`). Without it those
    /// operations fail before anything is sent, unless
    /// [`endpoint`](Self::endpoint) sends everything to one URL.
    pub fn plane_endpoint(
        mut self,
        service: impl Into<String>,
        plane: impl Into<String>,
        endpoint: impl Into<String>,
    ) -> Self {
        self.plane_endpoints
            .insert((service.into(), plane.into()), endpoint.into());
        self
    }

    /// How requests authenticate.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// The project every call works in: filled into builders by
    /// [`Client::in_project`] and sent as `X-Project-Id` with AK/SK.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// Limit for one attempt, connect to last byte. Default 30 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Limit for establishing a connection. Default 10 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Limit for a whole call, retries and waits included. Default none.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Retry policy. Default: 3 attempts for idempotent methods.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sends operations that the client's cloud does not document (an
    /// operation whose pages are of another cloud only) instead of refusing
    /// them with [`ClientError::Undocumented`]: for a cloud that has the
    /// operation all the same, or a test server.
    pub fn allow_undocumented_operations(mut self, allow: bool) -> Self {
        self.allow_undocumented = allow;
        self
    }

    /// Answers calls from `mock` instead of sending them: see [`crate::mock`].
    /// Without an endpoint the calls go to a fixed base URL; without
    /// credentials the client sends a placeholder token. Sleeps (retry
    /// backoff, waiter delays) move the mock's virtual time on at once.
    #[cfg(feature = "test-util")]
    pub fn mock(mut self, mock: &crate::mock::Mock) -> Self {
        self.mock = Some(mock.clone());
        if self.endpoint.is_none() && self.region.is_none() {
            self.endpoint = Some(crate::mock::BASE_URL.to_owned());
        }
        if self.credentials.is_none() {
            self.credentials = Some(Credentials::token("mock-token"));
        }
        self
    }

    /// HTTP with the configured timeouts, or the mock given.
    fn transport(&self) -> Result<(Transport, Clock), ConfigError> {
        #[cfg(feature = "test-util")]
        if let Some(mock) = &self.mock {
            return Ok((Transport::Mock(mock.clone()), Clock::Virtual(mock.time())));
        }
        let http = reqwest::Client::builder()
            .timeout(self.timeout.unwrap_or(Duration::from_secs(30)))
            .connect_timeout(self.connect_timeout.unwrap_or(Duration::from_secs(10)))
            .build()?;
        Ok((Transport::Http(http), Clock::Real(Instant::now())))
    }

    /// Prepended to this crate's own `User-Agent`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The client, or what is missing.
    pub fn build(self) -> Result<Client, ConfigError> {
        let (transport, clock) = self.transport()?;
        let services = self
            .service_endpoints
            .iter()
            .map(|(service, url)| Ok((service.clone(), normalize_endpoint(url)?)))
            .collect::<Result<BTreeMap<_, _>, ConfigError>>()?;
        let planes = self
            .plane_endpoints
            .iter()
            .map(|(key, url)| Ok((key.clone(), normalize_endpoint(url)?)))
            .collect::<Result<BTreeMap<_, _>, ConfigError>>()?;
        // The cloud operations are checked against: the one chosen, or the one
        // a region resolves hosts on; a fixed endpoint alone names no cloud.
        let resolves = self.endpoint.is_none();
        let checked_cloud =
            (!self.allow_undocumented && (self.cloud_chosen || resolves)).then_some(self.cloud);
        let endpoint = match (self.endpoint, self.region) {
            (Some(endpoint), _) => Endpoint::Fixed(normalize_endpoint(&endpoint)?),
            (None, region) if region.is_some() || !services.is_empty() || !planes.is_empty() => {
                Endpoint::Resolved {
                    cloud: self.cloud,
                    region,
                    services,
                }
            }
            (None, _) => return Err(ConfigError::NoEndpoint),
        };
        let credentials = self.credentials.ok_or(ConfigError::NoCredentials)?;
        let own_agent = concat!("hwcloud-rust/", env!("CARGO_PKG_VERSION"));
        let user_agent = match self.user_agent {
            Some(agent) => format!("{agent} {own_agent}"),
            None => own_agent.to_owned(),
        };
        let identity_headers = identity_headers(&user_agent, &credentials, self.project_id.as_deref())?;
        Ok(Client {
            transport,
            clock,
            endpoint,
            planes: Arc::new(planes),
            credentials,
            project_id: self.project_id,
            deadline: self.deadline,
            retry: self.retry,
            identity_headers,
            tokens: TokenCache::default(),
            checked_cloud,
        })
    }
}

/// The headers every request carries, checked once: a value a header cannot
/// hold is a configuration error, not a failure of each call.
fn identity_headers(
    user_agent: &str,
    credentials: &Credentials,
    project_id: Option<&str>,
) -> Result<http::HeaderMap, ConfigError> {
    let mut headers = http::HeaderMap::new();
    let mut set = |name: &'static str, value: &str| {
        let value = http::HeaderValue::from_str(value).map_err(|_| ConfigError::BadHeaderValue(name))?;
        headers.insert(name, value);
        Ok::<_, ConfigError>(())
    };
    set("user-agent", user_agent)?;
    match credentials {
        Credentials::Token(token) => set("x-auth-token", token)?,
        // Set per request: the token changes.
        Credentials::Provider(_) => {}
        // Signed like every header present.
        Credentials::AccessKey {
            security_token: Some(token),
            ..
        } => set("x-security-token", token)?,
        Credentials::AccessKey { .. } => {}
    }
    if let Some(project_id) = project_id {
        project_header(&mut headers, credentials, project_id)?;
    }
    Ok(headers)
}

/// AK/SK requests name their project in `X-Project-Id` (signed with the rest);
/// token requests carry it in the token's scope instead.
fn project_header(
    headers: &mut http::HeaderMap,
    credentials: &Credentials,
    project_id: &str,
) -> Result<(), ConfigError> {
    if let Credentials::AccessKey { .. } = credentials {
        let value = http::HeaderValue::from_str(project_id)
            .map_err(|_| ConfigError::BadHeaderValue("x-project-id"))?;
        headers.insert("x-project-id", value);
    }
    Ok(())
}

fn normalize_endpoint(endpoint: &str) -> Result<String, ConfigError> {
    let trimmed = endpoint.trim_end_matches('/');
    let uri: http::Uri = trimmed
        .parse()
        .map_err(|_| ConfigError::BadEndpoint(endpoint.to_owned()))?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    if !scheme_ok || uri.authority().is_none() || !matches!(uri.path(), "" | "/") {
        return Err(ConfigError::BadEndpoint(endpoint.to_owned()));
    }
    Ok(trimmed.to_owned())
}

#[derive(Debug, Clone)]
enum Endpoint {
    /// One base URL for every service.
    Fixed(String),
    /// Per service: its override, else its host on the cloud in the region.
    Resolved {
        cloud: Cloud,
        region: Option<String>,
        services: BTreeMap<String, String>,
    },
}

impl Endpoint {
    /// The base URL (`https://host`) for a service's requests: the plane's
    /// address where one is given, else the fixed URL or the service's host.
    fn base_url(
        &self,
        planes: &BTreeMap<(String, String), String>,
        service: crate::ServiceEndpoints,
        plane: Option<crate::Plane>,
    ) -> Result<String, RequestError> {
        let given = plane.and_then(|p| planes.get(&(service.service.to_owned(), p.name.to_owned())));
        if let Some(address) = given {
            return Ok(address.clone());
        }
        match self {
            Endpoint::Fixed(base) => Ok(base.clone()),
            Endpoint::Resolved { .. } if let Some(plane) = plane => Err(RequestError::Http(format!(
                "`{}` operations of the `{}` plane go to an address you give: \
                         ClientBuilder::plane_endpoint({:?}, {:?}, url)",
                service.service, plane.name, service.service, plane.name
            ))),
            Endpoint::Resolved {
                cloud,
                region,
                services,
                ..
            } => match (services.get(service.service), region) {
                (Some(base), _) => Ok(base.clone()),
                (None, Some(region)) => Ok(format!("https://{}", service.host(*cloud, region))),
                (None, None) => Err(RequestError::Http(format!(
                    "no region, and no endpoint for service `{}`; configure one",
                    service.service
                ))),
            },
        }
    }
}

/// Sends generated requests. Cheap to clone; clones share connections.
#[derive(Debug, Clone)]
pub struct Client {
    transport: Transport,
    /// What retries and waiters sleep on: virtual under a mock.
    clock: Clock,
    endpoint: Endpoint,
    /// By (service, plane): the plane's address.
    planes: Arc<BTreeMap<(String, String), String>>,
    credentials: Credentials,
    project_id: Option<String>,
    deadline: Option<Duration>,
    retry: RetryPolicy,
    /// User-Agent and the credentials' headers, the same on every request.
    identity_headers: http::HeaderMap,
    /// The provider's current token, shared by clones.
    tokens: TokenCache,
    /// The cloud whose documented operations alone are sent, if any.
    checked_cloud: Option<Cloud>,
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Fills the client's project id into a request builder. Without one configured
    /// the id is empty, and sending fails with
    /// [`RequestError::EmptyPathParameter`] rather than reaching a wrong URL.
    pub fn in_project<B: ProjectScoped>(&self, builder: B) -> B::Output {
        builder.with_project_id(self.project_id.clone().unwrap_or_default())
    }

    /// The same client (credentials, token cache, settings shared) with one
    /// plane's operations sent to `endpoint`: what a caller does once it knows
    /// the address, say a GES graph's from its detail.
    pub fn with_plane_endpoint(
        &self,
        service: impl Into<String>,
        plane: impl Into<String>,
        endpoint: &str,
    ) -> Result<Client, ConfigError> {
        let mut planes = (*self.planes).clone();
        planes.insert((service.into(), plane.into()), normalize_endpoint(endpoint)?);
        Ok(Client {
            planes: Arc::new(planes),
            ..self.clone()
        })
    }

    /// The project id `in_project` fills in, if one is configured.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// The same client with a project id (one looked up from IAM, say):
    /// `in_project` fills it in, and AK/SK requests carry it as `X-Project-Id`.
    /// A token provider's tokens keep the scope they were asked for.
    pub fn with_project_id(&self, project_id: impl Into<String>) -> Result<Client, ConfigError> {
        let project_id = project_id.into();
        let mut identity_headers = self.identity_headers.clone();
        project_header(&mut identity_headers, &self.credentials, &project_id)?;
        Ok(Client {
            project_id: Some(project_id),
            identity_headers,
            ..self.clone()
        })
    }

    /// Sends a request and reads its response, retrying per the policy.
    pub async fn send<O: Operation>(&self, operation: &O) -> Result<O::Response, ClientError<O::ErrorCode>> {
        self.call(operation, Auth::Credentials).await
    }

    /// Sends a request without the client's credentials (only its User-Agent):
    /// what a [`TokenProvider`] uses to ask IAM for a token.
    pub async fn send_anonymous<O: Operation>(
        &self,
        operation: &O,
    ) -> Result<O::Response, ClientError<O::ErrorCode>> {
        self.call(operation, Auth::Anonymous).await
    }

    async fn call<O: Operation>(
        &self,
        operation: &O,
        auth: Auth,
    ) -> Result<O::Response, ClientError<O::ErrorCode>> {
        let span = tracing::info_span!(
            "hwcloud.call",
            operation = O::ID,
            method = %O::METHOD,
            path = O::URI_TEMPLATE,
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
        );
        let call = self.send_with_retries(operation, auth);
        match self.deadline {
            None => call.instrument(span).await,
            Some(deadline) => {
                let started = Instant::now();
                match tokio::time::timeout(deadline, call.instrument(span)).await {
                    Ok(result) => result,
                    Err(_) => Err(ClientError::Deadline {
                        deadline,
                        attempts: attempts_in(started, deadline, &self.retry),
                    }),
                }
            }
        }
    }

    async fn send_with_retries<O: Operation>(
        &self,
        operation: &O,
        auth: Auth,
    ) -> Result<O::Response, ClientError<O::ErrorCode>> {
        if let Some(cloud) = self.checked_cloud
            && !O::CLOUDS.is_empty()
            && !O::CLOUDS.contains(&cloud)
        {
            return Err(ClientError::Undocumented {
                operation: O::ID,
                cloud: cloud.name(),
            });
        }
        if let (Some(plane), Credentials::AccessKey { .. }, Auth::Credentials) =
            (O::PLANE, &self.credentials, auth)
            && plane.token_only
        {
            return Err(ClientError::TokenRequired {
                operation: O::ID,
                plane: plane.name,
            });
        }
        let template = operation.to_http_request()?;
        let base = self.base_url::<O>()?;
        let retryable_method = self.retry.allows(&O::METHOD);
        let provider = match (&self.credentials, auth) {
            (Credentials::Provider(provider), Auth::Credentials) => Some(provider.as_ref()),
            _ => None,
        };
        let mut token = match provider {
            Some(provider) => Some(self.tokens.token(provider, self, None).await?),
            None => None,
        };
        let mut renewed = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            tracing::Span::current().record("attempt", attempt);
            let request = self.prepare(&template, &base, auth, token.as_deref())?;
            let may_retry = retryable_method && attempt < self.retry.max_attempts;
            let answer = match &self.transport {
                Transport::Http(http) => transport::exchange(http, request).await,
                #[cfg(feature = "test-util")]
                Transport::Mock(mock) => mock.answer(operation, &template),
            };
            let exchange = match answer {
                Ok(exchange) => exchange,
                Err(source) => {
                    tracing::debug!(error = %source, "transport error");
                    if may_retry && source.is_retryable() {
                        self.clock.sleep(self.retry.backoff(attempt)).await;
                        continue;
                    }
                    return Err(ClientError::Transport {
                        source,
                        attempts: attempt,
                    });
                }
            };
            let status = exchange.status;
            tracing::Span::current().record("status", status.as_u16());
            // A token the service no longer takes (revoked, expired early) is
            // replaced once, whatever the method.
            if let (Some(provider), Some(rejected), false) = (provider, &token, renewed)
                && status == http::StatusCode::UNAUTHORIZED
            {
                renewed = true;
                token = Some(self.tokens.token(provider, self, Some(rejected)).await?);
                continue;
            }
            if may_retry && (status == http::StatusCode::TOO_MANY_REQUESTS || status.is_server_error()) {
                let wait = retry_after(&exchange.headers)
                    .unwrap_or_default()
                    .max(self.retry.backoff(attempt));
                self.clock.sleep(wait.min(self.retry.max_backoff)).await;
                continue;
            }
            return O::parse_response(status, &exchange.headers, &exchange.body).map_err(ClientError::from);
        }
    }

    fn base_url<O: Operation>(&self) -> Result<String, RequestError> {
        self.base_for(O::ENDPOINTS, O::PLANE)
    }

    fn base_for(
        &self,
        service: crate::ServiceEndpoints,
        plane: Option<crate::Plane>,
    ) -> Result<String, RequestError> {
        self.endpoint.base_url(&self.planes, service, plane)
    }

    /// One attempt's request: absolute URL, identity headers (only the
    /// User-Agent when anonymous), the provider's token, fresh signature.
    fn prepare(
        &self,
        template: &http::Request<Vec<u8>>,
        base: &str,
        auth: Auth,
        token: Option<&str>,
    ) -> Result<reqwest::Request, SigningError> {
        let uri = format!("{base}{}", template.uri());
        let mut request = http::Request::builder()
            .method(template.method().clone())
            .uri(&uri)
            .body(template.body().clone())
            .map_err(|_| SigningError::RelativeUri(uri.clone()))?;
        let headers = request.headers_mut();
        headers.extend(template.headers().clone());
        if auth == Auth::Anonymous {
            if let Some(agent) = self.identity_headers.get(http::header::USER_AGENT) {
                headers.insert(http::header::USER_AGENT, agent.clone());
            }
            return reqwest::Request::try_from(request).map_err(|_| SigningError::RelativeUri(uri));
        }
        // IAM documents `X-Auth-Token` as a parameter of nearly every
        // operation: left empty, the client's own credentials stand for it.
        if headers.get("x-auth-token").is_some_and(|v| v.is_empty()) {
            headers.remove("x-auth-token");
        }
        headers.extend(self.identity_headers.clone());
        // The cache only hands out tokens that are header values.
        if let Some(value) = token.and_then(|t| http::HeaderValue::from_str(t).ok()) {
            headers.insert("x-auth-token", value);
        }
        if let Credentials::AccessKey { key, .. } = &self.credentials {
            signing::sign(&mut request, key, SystemTime::now())?;
        }
        reqwest::Request::try_from(request).map_err(|_| SigningError::RelativeUri(uri))
    }
}

/// Whether a call carries the client's credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Auth {
    Credentials,
    Anonymous,
}

/// `Retry-After` in seconds, when the server sends it.
fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let seconds = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()?;
    Some(Duration::from_secs(seconds))
}

/// A lower bound for the attempts a deadline interrupted, for the error message.
fn attempts_in(started: Instant, deadline: Duration, retry: &RetryPolicy) -> u32 {
    let elapsed = started.elapsed().min(deadline);
    let mut attempts = 1;
    let mut waited = Duration::ZERO;
    while attempts < retry.max_attempts {
        waited += retry
            .initial_backoff
            .saturating_mul(1 << (attempts - 1).min(16))
            .min(retry.max_backoff)
            / 2;
        if waited > elapsed {
            break;
        }
        attempts += 1;
    }
    attempts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_capped_and_jittered() {
        let policy = RetryPolicy {
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(300),
            ..RetryPolicy::default()
        };
        for attempt in 1..20 {
            let wait = policy.backoff(attempt);
            assert!(wait <= Duration::from_millis(300), "{wait:?}");
        }
        let first = policy.backoff(1);
        assert!(
            (Duration::from_millis(50)..=Duration::from_millis(100)).contains(&first),
            "{first:?}"
        );
    }

    #[test]
    fn only_idempotent_methods_retry_by_default() {
        let policy = RetryPolicy::default();
        assert!(policy.allows(&http::Method::DELETE) && policy.allows(&http::Method::GET));
        assert!(!policy.allows(&http::Method::POST));
        assert!(
            RetryPolicy {
                retry_non_idempotent: true,
                ..policy
            }
            .allows(&http::Method::POST)
        );
    }

    const DLI: crate::ServiceEndpoints = crate::ServiceEndpoints {
        service: "dli",
        documented: &[(Cloud::HuaweiCloud, "dli.{region}.myhuaweicloud.com")],
    };
    const GES: crate::ServiceEndpoints = crate::ServiceEndpoints {
        service: "ges",
        documented: &[(Cloud::HuaweiCloud, "ges.{region}.myhuaweicloud.com")],
    };

    fn endpoint(builder: ClientBuilder) -> Client {
        builder
            .credentials(Credentials::access_key("AK", "SK"))
            .build()
            .unwrap()
    }

    #[test]
    fn a_cloud_and_region_resolve_each_service_and_overrides_win() {
        let otc = endpoint(Client::builder().cloud(Cloud::OpenTelekomCloud).region("eu-de"));
        assert_eq!(
            otc.base_for(DLI, None).unwrap(),
            "https://dli.eu-de.otc.t-systems.com"
        );
        let huawei = endpoint(Client::builder().region("cn-north-4"));
        assert_eq!(
            huawei.base_for(DLI, None).unwrap(),
            "https://dli.cn-north-4.myhuaweicloud.com"
        );
        let mixed = endpoint(
            Client::builder()
                .region("eu-de")
                .cloud(Cloud::OpenTelekomCloud)
                .service_endpoint("ges", "https://ges.internal:8443/"),
        );
        assert_eq!(mixed.base_for(GES, None).unwrap(), "https://ges.internal:8443");
        assert_eq!(
            mixed.base_for(DLI, None).unwrap(),
            "https://dli.eu-de.otc.t-systems.com"
        );
        let only_ges = endpoint(Client::builder().service_endpoint("ges", "http://127.0.0.1:1"));
        assert!(
            only_ges
                .base_for(DLI, None)
                .unwrap_err()
                .to_string()
                .contains("service `dli`")
        );
        let fixed = endpoint(Client::builder().endpoint("http://127.0.0.1:1").region("eu-de"));
        assert_eq!(fixed.base_for(GES, None).unwrap(), "http://127.0.0.1:1");
        let graph = Some(crate::Plane {
            name: "graph",
            token_only: true,
        });
        assert_eq!(fixed.base_for(GES, graph).unwrap(), "http://127.0.0.1:1");
        let with_graph = endpoint(Client::builder().region("eu-de").plane_endpoint(
            "ges",
            "graph",
            "http://192.168.0.10:80/",
        ));
        assert_eq!(with_graph.base_for(GES, graph).unwrap(), "http://192.168.0.10:80");
        assert_eq!(
            with_graph.base_for(GES, None).unwrap(),
            "https://ges.eu-de.myhuaweicloud.com"
        );
        let without = endpoint(Client::builder().region("eu-de"));
        assert!(
            without
                .base_for(GES, graph)
                .unwrap_err()
                .to_string()
                .contains("plane_endpoint(\"ges\", \"graph\"")
        );
        // A plane's address given later (a graph's, once known) joins a fixed URL too.
        let later = fixed
            .with_plane_endpoint("ges", "graph", "http://10.0.0.7:8080/")
            .unwrap();
        assert_eq!(later.base_for(GES, graph).unwrap(), "http://10.0.0.7:8080");
        assert_eq!(later.base_for(GES, None).unwrap(), "http://127.0.0.1:1");
        assert_eq!(fixed.base_for(GES, graph).unwrap(), "http://127.0.0.1:1");
        assert!(fixed.with_plane_endpoint("ges", "graph", "10.0.0.7").is_err());
    }

    #[test]
    fn endpoints_must_be_absolute_base_urls() {
        assert_eq!(
            normalize_endpoint("https://dli.eu-de.otc.t-systems.com/").unwrap(),
            "https://dli.eu-de.otc.t-systems.com"
        );
        assert!(normalize_endpoint("dli.example.com").is_err());
        assert!(normalize_endpoint("https://x.example.com/v1").is_err());
    }

    #[test]
    fn credentials_are_redacted_in_debug_output() {
        let text = format!(
            "{:?} {:?}",
            Credentials::temporary("AK1", "SECRET", "TOKEN"),
            Credentials::token("TOKEN2")
        );
        assert!(text.contains("AK1"));
        assert!(!text.contains("SECRET") && !text.contains("TOKEN"), "{text}");
    }
}
