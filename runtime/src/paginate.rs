//! Pagination without I/O: which request fetches the page after a response.
//!
//! Generated code implements [`Paginated`] for every list operation whose spec
//! has a `pagination` section; the three schemes' rules are the functions
//! below, so every operation stops the same way. The `client` feature's
//! `Client::paginate` drives them.

use crate::operation::Operation;
use crate::request::QueryValue;
use crate::text_or::TextOr;

/// A list operation: its items, and the request for the next page.
pub trait Paginated: Operation + Clone {
    /// One item of a page (compared to notice a server repeating a page).
    type Item: PartialEq + Clone;
    /// How the position moves: for documentation and tracing.
    const SCHEME: PageScheme;

    /// Where the position, page size, items, count and next marker travel,
    /// for a [`Mock`](crate::mock::Mock) that serves a list as pages: written by
    /// the generator behind the generated crate's `test-util` feature.
    #[cfg(feature = "test-util")]
    const PAGE_LAYOUT: Option<crate::mock::PageLayout> = None;

    /// Takes the page's items out of a response.
    fn into_items(response: Self::Response) -> Vec<Self::Item>;

    /// The items a response holds.
    fn page_items(response: &Self::Response) -> &[Self::Item];

    /// The request for the page after `response` (which answered `self`), or
    /// `None` when `response` is the last page.
    fn next_page(&self, response: &Self::Response) -> Option<Self>;
}

/// How a list operation's position parameter moves from page to page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageScheme {
    /// The parameter counts the items to skip (offset/limit, from/size).
    Offset,
    /// The parameter numbers the pages, from `first`.
    Page {
        /// The number of the first page.
        first: i64,
    },
    /// The parameter names the item to continue after.
    Marker,
}

/// A parameter or response value that holds a position, a count or a marker:
/// integers, their text, or text. Read as text through [`QueryValue`], as the
/// request sends it.
pub trait PageValue: QueryValue + Sized {
    /// The value from text; `None` when it does not fit.
    fn from_text(text: &str) -> Option<Self>;
}

impl PageValue for String {
    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

macro_rules! page_number {
    ($($ty:ty),*) => {$(
        impl PageValue for $ty {
            fn from_text(text: &str) -> Option<Self> {
                text.trim().parse().ok()
            }
        }
    )*};
}
page_number!(i32, i64);

impl<T: PageValue> PageValue for TextOr<T> {
    fn from_text(text: &str) -> Option<Self> {
        T::from_text(text).map(TextOr::Value)
    }
}

/// A value read as a number: `None` when absent or not a number.
pub fn page_number<T: PageValue>(value: Option<&T>) -> Option<i64> {
    value.and_then(|v| v.query_text().trim().parse().ok())
}

/// The offset of the next page: the current offset (0 when unset) plus the
/// items received. `None` ends the listing: an empty page; with a total, when
/// the next offset reaches it; without one, a page shorter than the page size
/// asked for.
///
/// ```
/// use hwcloud_runtime::paginate::next_offset;
/// assert_eq!(next_offset::<i32>(None, Some(10), 10, None), Some(10));
/// assert_eq!(next_offset(Some(&20i32), Some(10), 10, Some(30)), None);
/// assert_eq!(next_offset::<i32>(None, Some(10), 4, None), None);
/// ```
pub fn next_offset<P: PageValue>(
    position: Option<&P>,
    page_size: Option<i64>,
    received: usize,
    total: Option<i64>,
) -> Option<P> {
    let received = i64::try_from(received).ok().filter(|&n| n > 0)?;
    let next = page_number(position).unwrap_or(0).checked_add(received)?;
    match (total, page_size) {
        (Some(total), _) if next >= total => None,
        (None, Some(size)) if received < size => None,
        _ => P::from_text(&next.to_string()),
    }
}

/// The number of the next page: the current one (`first` when unset) plus
/// one. `None` ends the listing: an empty page; with a total, when the pages
/// read so far hold it; without one, a page shorter than the page size.
///
/// ```
/// use hwcloud_runtime::paginate::next_page_number;
/// assert_eq!(next_page_number::<i32>(None, 1, Some(10), 10, Some(25)), Some(2));
/// assert_eq!(next_page_number(Some(&3i32), 1, Some(10), 10, Some(25)), None);
/// ```
pub fn next_page_number<P: PageValue>(
    position: Option<&P>,
    first: i64,
    page_size: Option<i64>,
    received: usize,
    total: Option<i64>,
) -> Option<P> {
    let received = i64::try_from(received).ok().filter(|&n| n > 0)?;
    let current = page_number(position).unwrap_or(first);
    let pages_read = current.checked_sub(first)?.checked_add(1)?;
    match (total, page_size) {
        // The pages read are counted as long as this one: a server that caps
        // the page size below the size asked for loses no page, and a short
        // last page costs one more (empty) request at most.
        (Some(total), _) if pages_read.saturating_mul(received) >= total => None,
        (None, Some(size)) if received < size => None,
        _ => P::from_text(&current.checked_add(1)?.to_string()),
    }
}

/// The next marker: `next` (from the response, or the last item's key).
/// `None` ends the listing: an empty page, no marker, an empty one, the same
/// as the current one (a server that ignores the marker would repeat the page
/// forever), or, where the page size is given, a page shorter than it.
///
/// ```
/// use hwcloud_runtime::paginate::next_marker;
/// assert_eq!(next_marker::<String>(None, Some("b".into()), None, 2), Some("b".to_owned()));
/// assert_eq!(next_marker(Some(&"b".to_owned()), Some("b".into()), None, 2), None);
/// ```
pub fn next_marker<P: PageValue>(
    current: Option<&P>,
    next: Option<String>,
    page_size: Option<i64>,
    received: usize,
) -> Option<P> {
    let next = next.filter(|n| !n.is_empty() && received > 0)?;
    if current.is_some_and(|c| c.query_text() == next.as_str()) {
        return None;
    }
    if page_size.is_some_and(|size| i64::try_from(received).is_ok_and(|n| n < size)) {
        return None;
    }
    P::from_text(&next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_walk_until_the_total_or_a_short_page() {
        let mut offset: Option<i32> = None;
        let mut pages = 0;
        while let Some(next) = next_offset(offset.as_ref(), Some(10), 10, Some(35)) {
            offset = Some(next);
            pages += 1;
        }
        assert_eq!((offset, pages), (Some(30), 3));
        assert_eq!(next_offset::<i32>(Some(&30), Some(10), 5, None), None);
        assert_eq!(next_offset::<i32>(Some(&30), Some(10), 10, None), Some(40));
        assert_eq!(next_offset::<i32>(Some(&30), None, 0, None), None);
        // Text positions (DLI's `offset` is a string in one operation).
        assert_eq!(
            next_offset(Some(&"5".to_owned()), None, 5, None),
            Some("10".to_owned())
        );
        // A position that does not fit the parameter's type ends the listing.
        assert_eq!(next_offset::<i32>(Some(&i32::MAX), None, 5, None), None);
    }

    #[test]
    fn page_numbers_start_at_first_and_stop_at_the_total() {
        assert_eq!(next_page_number::<i64>(None, 0, Some(2), 2, Some(5)), Some(1));
        // Page 2 (the third) is short: 3 pages of 1 do not reach 5, so one more
        // request finds the end (a server capping pages at 1 would lose none).
        assert_eq!(next_page_number::<i64>(Some(&2), 0, Some(2), 1, Some(5)), Some(3));
        assert_eq!(next_page_number::<i64>(Some(&2), 0, Some(100), 2, Some(5)), None);
        assert_eq!(next_page_number::<i64>(Some(&2), 1, None, 3, Some(7)), Some(3));
        assert_eq!(next_page_number::<i64>(Some(&3), 1, None, 3, Some(7)), None);
        assert_eq!(next_page_number::<i64>(Some(&3), 1, None, 3, None), Some(4));
        assert_eq!(next_page_number::<i64>(Some(&3), 1, None, 0, None), None);
    }

    #[test]
    fn markers_stop_when_absent_repeated_or_short() {
        let b = || Some("b".to_owned());
        assert_eq!(next_marker::<String>(None, None, None, 5), None);
        assert_eq!(next_marker::<String>(None, b(), None, 0), None);
        assert_eq!(next_marker::<String>(None, Some(String::new()), None, 5), None);
        assert_eq!(next_marker::<String>(Some(&"a".into()), b(), Some(5), 5), b());
        assert_eq!(next_marker::<String>(Some(&"a".into()), b(), Some(5), 4), None);
        assert_eq!(next_marker::<i64>(None, Some("17".into()), None, 1), Some(17));
    }

    #[test]
    fn text_or_numbers_read_either_form() {
        assert_eq!(page_number(Some(&TextOr::<i64>::Text(" 12 ".into()))), Some(12));
        assert_eq!(page_number(Some(&TextOr::Value(3i32))), Some(3));
        assert_eq!(page_number(Some(&"x".to_owned())), None);
    }
}
