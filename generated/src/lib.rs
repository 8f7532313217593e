//! Typed requests and responses for Huawei Cloud / Open Telekom Cloud services,
//! generated at build time from the YAML transcription of their API docs (`spec/`,
//! which this package carries).
//!
//! Each service is a module behind a Cargo feature of the same name. Per operation
//! there is a request type with a compile-time-checked builder, its response type,
//! and an [`Operation`](runtime::Operation) impl that turns the request into an
//! [`http::Request`](runtime::http::Request) and parses a response, so any HTTP
//! client can send it; the `client` feature adds one ([`client::Client`]).
//!
//! ```
//! # #[cfg(feature = "dli")] {
//! use hwcloud::dli::CancelJobRequest;
//! use hwcloud::runtime::Operation;
//!
//! let request = CancelJobRequest::builder()
//!     .project_id("48cc2c48765f481480c7db940d6409d1")
//!     .job_id("6a2b9e1c-0000-4000-8000-000000000000")
//!     .build();
//! let http = request.to_http_request().unwrap();
//! assert_eq!(http.method(), "DELETE");
//! assert_eq!(
//!     http.uri(),
//!     "/v1.0/48cc2c48765f481480c7db940d6409d1/jobs/6a2b9e1c-0000-4000-8000-000000000000"
//! );
//! # }
//! ```

#![warn(missing_docs)]

/// The runtime the generated code calls (the `hwcloud-runtime` crate).
pub use hwcloud_runtime as runtime;
#[cfg(feature = "client")]
pub use hwcloud_runtime::client;
#[cfg(feature = "test-util")]
pub use hwcloud_runtime::mock;
pub use hwcloud_runtime::signing;

#[cfg(all(feature = "client", feature = "iam"))]
pub mod auth;
#[cfg(all(feature = "client", feature = "ges"))]
pub mod graph;

// One module per service of `spec/`, each behind the feature of its name.
include!(concat!(env!("OUT_DIR"), "/services.rs"));
