//! Building the wire form of a request: path, query string, headers.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// RFC 3986 unreserved characters stay; everything else is percent-encoded, so a
/// value can never add a segment (`/`), start a query (`?`) or a fragment (`#`).
pub(crate) const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Why a request could not be built from the values given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// A path parameter was empty.
    #[error("path parameter `{0}` is empty; the request would address another resource")]
    EmptyPathParameter(&'static str),
    /// A header parameter holds a line break or another byte a header cannot carry.
    #[error("header parameter `{name}` holds characters a header cannot carry")]
    InvalidHeader {
        /// The header's name.
        name: &'static str,
    },
    /// A value the docs do not allow: too long, too short, out of range.
    #[error("`{name}` {problem}")]
    Constraint {
        /// The parameter or field, as documented.
        name: &'static str,
        /// What the docs allow and what it was.
        problem: String,
    },
    /// The body did not serialise to JSON.
    #[error("the request body could not be serialised: {0}")]
    Body(String),
    /// The pieces did not make a valid HTTP request.
    #[error("the request is not valid HTTP: {0}")]
    Http(String),
}

/// Accumulates a request path, encoding each parameter as exactly one segment.
#[derive(Debug, Default)]
pub struct PathBuilder {
    path: String,
}

impl PathBuilder {
    /// An empty path, with room for a typical one.
    pub fn new() -> Self {
        PathBuilder {
            path: String::with_capacity(96),
        }
    }

    /// Literal text from the URI template, as documented.
    pub fn literal(&mut self, text: &str) -> &mut Self {
        self.path.push_str(text);
        self
    }

    /// A parameter value: percent-encoded, and never empty, `.` or `..`, which a
    /// server or proxy would treat as a different path.
    pub fn param(&mut self, name: &'static str, value: &dyn QueryValue) -> Result<&mut Self, RequestError> {
        let value = value.query_text();
        if value.is_empty() {
            return Err(RequestError::EmptyPathParameter(name));
        }
        if value.chars().all(|c| c == '.') {
            self.path.push_str(&"%2E".repeat(value.len()));
        } else {
            self.path.extend(utf8_percent_encode(&value, COMPONENT));
        }
        Ok(self)
    }

    /// The encoded path.
    pub fn finish(self) -> String {
        self.path
    }
}

/// Accumulates a query string; keys and values are percent-encoded as they come.
#[derive(Debug, Default)]
pub struct QueryBuilder {
    query: String,
}

impl QueryBuilder {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `key=value`.
    pub fn push(&mut self, key: &str, value: &dyn QueryValue) -> &mut Self {
        if !self.query.is_empty() {
            self.query.push('&');
        }
        self.query.extend(utf8_percent_encode(key, COMPONENT));
        self.query.push('=');
        self.query
            .extend(utf8_percent_encode(&value.query_text(), COMPONENT));
        self
    }

    /// Appends `key=value` if there is a value.
    pub fn push_opt<T: QueryValue>(&mut self, key: &str, value: Option<&T>) -> &mut Self {
        if let Some(value) = value {
            self.push(key, value);
        }
        self
    }

    /// An array travels as the key repeated once per element.
    pub fn push_each<T: QueryValue>(&mut self, key: &str, values: &[T]) -> &mut Self {
        for value in values {
            self.push(key, value);
        }
        self
    }

    /// Whether nothing was appended.
    pub fn is_empty(&self) -> bool {
        self.query.is_empty()
    }

    /// The encoded query string, without `?`.
    pub fn finish(self) -> String {
        self.query
    }
}

/// A scalar that can travel in a path segment, a query string or a header.
pub trait QueryValue {
    /// The value as text, before percent-encoding: borrowed where it is text already.
    fn query_text(&self) -> Cow<'_, str>;

    /// The value as owned text.
    fn to_query_value(&self) -> String {
        self.query_text().into_owned()
    }
}

impl QueryValue for String {
    fn query_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl QueryValue for str {
    fn query_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

macro_rules! display_query_value {
    ($($t:ty),*) => {$(
        impl QueryValue for $t {
            fn query_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}
display_query_value!(i32, i64, f64, bool);

impl<T: QueryValue> QueryValue for crate::TextOr<T> {
    fn query_text(&self) -> Cow<'_, str> {
        match self {
            crate::TextOr::Value(value) => value.query_text(),
            crate::TextOr::Text(text) => Cow::Borrowed(text),
        }
    }
}

impl<T: QueryValue + ?Sized> QueryValue for &T {
    fn query_text(&self) -> Cow<'_, str> {
        (**self).query_text()
    }
}

/// Header parameters are scalars as well; a value with a line break is refused.
pub trait HeaderValue: QueryValue {
    /// The value as a header value, refused if it cannot be one.
    fn to_header_value(&self, name: &'static str) -> Result<http::HeaderValue, RequestError> {
        let value = match self.query_text() {
            Cow::Borrowed(text) => http::HeaderValue::try_from(text),
            Cow::Owned(text) => http::HeaderValue::try_from(text),
        };
        value.map_err(|_| RequestError::InvalidHeader { name })
    }
}

impl<T: QueryValue + ?Sized> HeaderValue for T {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_parameter_stays_one_segment() {
        let mut path = PathBuilder::new();
        path.literal("/v1.0/").param("job_id", &"a/../b?x#y %").unwrap();
        assert_eq!(path.finish(), "/v1.0/a%2F..%2Fb%3Fx%23y%20%25");
    }

    #[test]
    fn dot_segments_and_empty_values_cannot_change_the_path() {
        let mut path = PathBuilder::new();
        path.literal("/jobs/").param("job_id", &"..").unwrap();
        assert_eq!(path.finish(), "/jobs/%2E%2E");
        assert_eq!(
            PathBuilder::new().param("job_id", &"").unwrap_err(),
            RequestError::EmptyPathParameter("job_id")
        );
    }

    #[test]
    fn query_values_are_encoded_and_arrays_repeat_the_key() {
        let mut query = QueryBuilder::new();
        query
            .push("tags", &"k1=v1")
            .push_each("id", &[1, 2])
            .push_opt::<i32>("page", None);
        assert_eq!(query.finish(), "tags=k1%3Dv1&id=1&id=2");
    }
}

/// Checks a documented length (characters of a string, items of an array)
/// before the request leaves, so that the error names the field.
pub fn check_length(
    name: &'static str,
    length: usize,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), RequestError> {
    let length = length as u64;
    let problem = match (min, max) {
        (Some(min), _) if length < min => {
            Some(format!("has length {length}; the docs ask for at least {min}"))
        }
        (_, Some(max)) if length > max => Some(format!("has length {length}; the docs allow at most {max}")),
        _ => None,
    };
    problem.map_or(Ok(()), |problem| Err(RequestError::Constraint { name, problem }))
}

/// Checks a documented minimum and maximum before the request leaves.
pub fn check_bounds<T: PartialOrd + std::fmt::Display>(
    name: &'static str,
    value: T,
    min: Option<T>,
    max: Option<T>,
) -> Result<(), RequestError> {
    let problem = match (min, max) {
        (Some(min), _) if value < min => Some(format!("is {value}; the docs ask for at least {min}")),
        (_, Some(max)) if value > max => Some(format!("is {value}; the docs allow at most {max}")),
        _ => None,
    };
    problem.map_or(Ok(()), |problem| Err(RequestError::Constraint { name, problem }))
}

#[cfg(test)]
mod constraint_tests {
    use super::*;

    #[test]
    fn lengths_and_bounds_name_the_field_and_the_rule() {
        assert!(check_length("name", 3, Some(1), Some(64)).is_ok());
        let error = check_length("name", 0, Some(1), Some(64)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "`name` has length 0; the docs ask for at least 1"
        );
        let error = check_length("tags", 65, None, Some(64)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "`tags` has length 65; the docs allow at most 64"
        );
        assert!(check_bounds("size", 5i64, Some(1), Some(2000)).is_ok());
        let error = check_bounds("size", 2001i64, Some(1), Some(2000)).unwrap_err();
        assert_eq!(error.to_string(), "`size` is 2001; the docs allow at most 2000");
        assert!(check_bounds("ratio", 0.5f64, Some(1.0), None).is_err());
    }
}
