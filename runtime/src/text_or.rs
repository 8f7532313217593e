//! Scalars the documentation prints both as themselves and as text.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A value the docs show both as `T` (`true`, `1`) and as text (`"true"`, `"1"`).
///
/// It keeps the form the server sent, so a response serializes back exactly as
/// received; [`TextOr::get`] reads either form as `T`.
///
/// ```
/// use hwcloud_runtime::TextOr;
/// let sent: TextOr<bool> = serde_json::from_str("\"true\"").unwrap();
/// assert_eq!(sent.get(), Some(true));
/// assert_eq!(serde_json::to_string(&sent).unwrap(), "\"true\"");
/// let typed: TextOr<i32> = serde_json::from_str("7").unwrap();
/// assert_eq!(typed.get(), Some(7));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TextOr<T> {
    /// Sent as `T`.
    Value(T),
    /// Sent as text.
    Text(String),
}

impl<T: Clone + FromStr> TextOr<T> {
    /// The value, parsed from the text form when that is what was sent; `None`
    /// when the text does not parse as `T`.
    pub fn get(&self) -> Option<T> {
        match self {
            TextOr::Value(value) => Some(value.clone()),
            TextOr::Text(text) => text.trim().parse().ok(),
        }
    }
}

impl<T> From<T> for TextOr<T> {
    fn from(value: T) -> Self {
        TextOr::Value(value)
    }
}

impl<T: fmt::Display> fmt::Display for TextOr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextOr::Value(value) => value.fmt(f),
            TextOr::Text(text) => f.write_str(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_parse_and_keep_their_form() {
        for (json, get) in [("1", Some(1)), ("\"1\"", Some(1)), ("\"one\"", None)] {
            let value: TextOr<i64> = serde_json::from_str(json).unwrap();
            assert_eq!(value.get(), get, "{json}");
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
        assert!(serde_json::from_str::<TextOr<bool>>("[true]").is_err());
    }
}
