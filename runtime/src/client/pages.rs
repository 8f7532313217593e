//! Paging through a list operation with the client.

use std::collections::VecDeque;

use futures_util::stream::{self, Stream};

use super::{Client, ClientError};
use crate::Paginated;

type Result<T, O> = std::result::Result<T, ClientError<<O as crate::Operation>::ErrorCode>>;

/// A page's length, first and last item: a page equal in all three to the
/// one before is taken for a repeat.
type PageMark<T> = (usize, Option<T>, Option<T>);

/// Pages through a list operation: [`Client::paginate`] makes one.
///
/// Read it page by page ([`Paginator::next_page`], [`Paginator::pages`]) or item
/// by item ([`Paginator::next_item`], [`Paginator::items`],
/// [`Paginator::collect_items`]). A page is requested only when the one before
/// has been used up; the listing ends after the last page (the operation's
/// [`Paginated::next_page`] says which that is) or at the first error.
#[must_use = "a paginator sends nothing until it is read"]
pub struct Paginator<'c, O: Paginated> {
    client: &'c Client,
    next: Option<O>,
    buffered: VecDeque<O::Item>,
    pages: u32,
    /// The last page, as far as telling a repeat goes.
    last_page: Option<PageMark<O::Item>>,
}

impl<O: Paginated> std::fmt::Debug for Paginator<'_, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paginator")
            .field("operation", &O::ID)
            .field("scheme", &O::SCHEME)
            .field("done", &self.next.is_none())
            .field("buffered", &self.buffered.len())
            .finish()
    }
}

impl Client {
    /// Pages through `first` and the requests after it.
    ///
    /// ```no_run
    /// # async fn run<O: hwcloud_runtime::Paginated>(client: hwcloud_runtime::client::Client, request: O)
    /// # -> Result<(), hwcloud_runtime::client::ClientError<O::ErrorCode>> {
    /// let mut items = client.paginate(request);
    /// while let Some(item) = items.next_item().await {
    ///     let item: O::Item = item?;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn paginate<O: Paginated>(&self, first: O) -> Paginator<'_, O> {
        Paginator {
            client: self,
            next: Some(first),
            buffered: VecDeque::new(),
            pages: 0,
            last_page: None,
        }
    }
}

impl<'c, O: Paginated + 'c> Paginator<'c, O> {
    /// The next page's whole response; `None` after the last page or an
    /// error. An empty page after the first (what a listing whose last page
    /// was short, or whose server capped the page size, ends on) is not given,
    /// nor a page that repeats the one before (same length, first and last
    /// item: a server that ignores the position would repeat it forever).
    pub async fn next_page(&mut self) -> Option<Result<O::Response, O>> {
        let request = self.next.take()?;
        match self.client.send(&request).await {
            Ok(response) => {
                let items = O::page_items(&response);
                let this_page = (items.len(), items.first().cloned(), items.last().cloned());
                if self.pages > 0 && (items.is_empty() || self.last_page.as_ref() == Some(&this_page)) {
                    return None;
                }
                self.pages += 1;
                self.last_page = Some(this_page);
                self.next = request.next_page(&response);
                Some(Ok(response))
            }
            Err(error) => Some(Err(error)),
        }
    }

    /// The next item, fetching the next page when this one is used up; `None`
    /// after the last item or an error.
    pub async fn next_item(&mut self) -> Option<Result<O::Item, O>> {
        loop {
            if let Some(item) = self.buffered.pop_front() {
                return Some(Ok(item));
            }
            match self.next_page().await? {
                Ok(response) => self.buffered.extend(O::into_items(response)),
                Err(error) => return Some(Err(error)),
            }
        }
    }

    /// Every item of every page, or the first error.
    pub async fn collect_items(mut self) -> Result<Vec<O::Item>, O> {
        let mut items = Vec::new();
        while let Some(item) = self.next_item().await {
            items.push(item?);
        }
        Ok(items)
    }

    /// The pages as a [`Stream`].
    pub fn pages(self) -> impl Stream<Item = Result<O::Response, O>> + 'c {
        stream::unfold(self, |mut pages| async move {
            let page = pages.next_page().await?;
            Some((page, pages))
        })
    }

    /// The items as a [`Stream`].
    pub fn items(self) -> impl Stream<Item = Result<O::Item, O>> + 'c {
        stream::unfold(self, |mut items| async move {
            let item = items.next_item().await?;
            Some((item, items))
        })
    }
}
