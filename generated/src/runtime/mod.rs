//! The small hand-written runtime that generated code builds on.
//!
//! Sans-IO: requests become [`http::Request`]s and responses are parsed from a
//! status, headers and bytes, so any HTTP client can carry them.

mod builder;
mod error;
mod operation;
mod request;
mod text_or;

pub use builder::{IsSet, ProjectScoped, Set, Unset};
pub use error::{ApiError, DecodeError, ErrorCodeEnum, ErrorShape, ResponseError};
pub use operation::{DocumentedStatus, Operation, build_request};
pub(crate) use request::COMPONENT;
pub use request::{HeaderValue, PathBuilder, QueryBuilder, QueryValue, RequestError};
pub use text_or::TextOr;
