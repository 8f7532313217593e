//! A list served as pages, the way an operation's pagination section says
//! the service pages it: offset, page number or marker.

use percent_encoding::percent_decode_str;
use serde::Serialize;
use serde_json::Value;

use super::answer::{Answer, set};
use crate::{PageScheme, Paginated};

/// The page size a mock serves when the request sets none and the docs give
/// no default.
pub const DEFAULT_PAGE_SIZE: usize = 10;

/// Where a list operation's paging travels, as the generator writes it from
/// the operation's pagination section. Paths are JSON keys from the top of
/// the response (or of an item), outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLayout {
    /// The query parameter that moves: items to skip, page number or marker.
    pub parameter: &'static str,
    /// The query parameter of the page size, if there is one.
    pub page_size: Option<&'static str>,
    /// The page size the docs give as the default, if any.
    pub default_page_size: Option<u32>,
    /// The array of items.
    pub items: &'static [&'static str],
    /// The count of all items, if documented.
    pub total: Option<&'static [&'static str]>,
    /// Whether the count travels as text.
    pub total_is_text: bool,
    /// The marker of the next page (marker scheme), if documented.
    pub next_marker: Option<&'static [&'static str]>,
    /// Within an item, the value a marker names (marker scheme).
    pub marker_key: &'static [&'static str],
}

/// A pages rule's list and the response the pages fill in.
pub(super) struct Pages {
    items: Vec<Value>,
    template: Value,
    status: u16,
    layout: PageLayout,
    scheme: PageScheme,
}

impl Pages {
    /// Pages of `items` in `template` (status and body), or why not.
    pub(super) fn new<O: Paginated>(
        template: Option<(u16, String)>,
        items: impl IntoIterator<Item = O::Item>,
    ) -> Result<Pages, String>
    where
        O::Item: Serialize,
    {
        let layout = O::PAGE_LAYOUT.ok_or_else(|| {
            format!(
                "mock: {} has no page layout (its crate was generated without mock support)",
                O::ID
            )
        })?;
        let (status, template) = match template {
            Some((status, body)) => (
                status,
                serde_json::from_str(&body)
                    .map_err(|e| format!("mock: {}: the page template is not JSON: {e}", O::ID))?,
            ),
            None => (200, Value::Object(Default::default())),
        };
        let items = items
            .into_iter()
            .map(serde_json::to_value)
            .collect::<Result<_, _>>()
            .map_err(|e| format!("mock: {}: an item does not serialize: {e}", O::ID))?;
        Ok(Pages {
            items,
            template,
            status,
            layout,
            scheme: O::SCHEME,
        })
    }

    /// The page `request` asks for.
    pub(super) fn answer(&self, request: &http::Request<Vec<u8>>) -> Answer {
        let query = query_pairs(request.uri().query().unwrap_or_default());
        let value_of = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let size = self
            .layout
            .page_size
            .and_then(value_of)
            .and_then(|size| size.trim().parse::<usize>().ok())
            .filter(|&size| size > 0)
            .or(self.layout.default_page_size.map(|size| size as usize))
            .unwrap_or(DEFAULT_PAGE_SIZE);
        let start = self
            .start(value_of(self.layout.parameter), size)
            .min(self.items.len());
        let end = start.saturating_add(size).min(self.items.len());
        let mut body = self.template.clone();
        let page = &self.items[start..end];
        set(&mut body, self.layout.items, Value::Array(page.to_vec()));
        if let Some(path) = self.layout.total {
            let total = self.items.len();
            let total = if self.layout.total_is_text {
                Value::String(total.to_string())
            } else {
                Value::from(total)
            };
            set(&mut body, path, total);
        }
        if let Some(path) = self.layout.next_marker {
            let more = end < self.items.len();
            let next = page.last().filter(|_| more).and_then(|last| self.marker_of(last));
            set(&mut body, path, Value::String(next.unwrap_or_default()));
        }
        Answer::json(self.status, http::HeaderMap::new(), &body.to_string())
    }

    /// The index of the first item of the page `position` names.
    fn start(&self, position: Option<&str>, size: usize) -> usize {
        let number = || position.and_then(|p| p.trim().parse::<i64>().ok());
        match self.scheme {
            PageScheme::Offset => number().map_or(0, |n| usize::try_from(n).unwrap_or(0)),
            PageScheme::Page { first } => {
                let index = number().unwrap_or(first).saturating_sub(first);
                usize::try_from(index).unwrap_or(0).saturating_mul(size)
            }
            PageScheme::Marker => match position.filter(|p| !p.is_empty()) {
                None => 0,
                Some(marker) => self
                    .items
                    .iter()
                    .position(|item| self.marker_of(item).as_deref() == Some(marker))
                    .map_or(self.items.len(), |at| at + 1),
            },
        }
    }

    /// The marker that names `item`: its marker key, as text.
    fn marker_of(&self, item: &Value) -> Option<String> {
        let value = self
            .layout
            .marker_key
            .iter()
            .try_fold(item, |at, key| at.get(key))?;
        match value {
            Value::String(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        }
    }
}

/// The query's pairs, decoded.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |text: &str| percent_decode_str(text).decode_utf8_lossy().into_owned();
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_are_decoded() {
        assert_eq!(
            query_pairs("a=1&marker=x%2Fy&flag"),
            [
                ("a".into(), "1".into()),
                ("marker".into(), "x/y".into()),
                ("flag".into(), String::new())
            ]
        );
    }
}
