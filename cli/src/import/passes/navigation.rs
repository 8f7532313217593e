//! How a documentation folder links its pages, and so which page speaks for an
//! operation when an old revision of a page was left behind under another name.

use std::collections::{BTreeMap, BTreeSet};

use crate::import::draft::Draft;
use crate::import::page::Page;

/// One folder's table of contents and links.
#[derive(Debug, Default)]
pub struct Navigation {
    /// Pages the folder's table of contents (`index.md`, `index.rst`) lists.
    contents: BTreeSet<String>,
    /// Pages any page of the folder links to.
    linked: BTreeSet<String>,
}

/// Every folder's navigation, by folder name.
pub type Navigations = BTreeMap<String, Navigation>;

impl Navigation {
    pub fn record(&mut self, page_name: &str, page: &Page) {
        let targets = page.linked_pages();
        let stem = page_name.rsplit_once('.').map_or(page_name, |(stem, _)| stem);
        if stem == "index" {
            self.contents.extend(targets.iter().cloned());
        }
        self.linked
            .extend(targets.into_iter().filter(|target| target != page_name));
    }
}

/// How strongly a page speaks for its operation within its folder, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Standing {
    in_contents: bool,
    linked: bool,
    current: bool,
}

impl Standing {
    pub fn of(page: &Draft, navigation: &Navigations) -> Standing {
        let nav = navigation.get(&page.origin.root);
        Standing {
            in_contents: nav.is_some_and(|n| n.contents.contains(&page.origin.name)),
            linked: nav.is_some_and(|n| n.linked.contains(&page.origin.name)),
            current: page.operation.deprecated.is_none(),
        }
    }

    /// Why a page with this standing outranks one with `lower`.
    pub fn reason_over(self, lower: Standing) -> &'static str {
        if self.in_contents != lower.in_contents {
            "the folder's table of contents lists it, not this page"
        } else if self.linked != lower.linked {
            "other pages link to it, none to this page"
        } else {
            "this page is deprecated, it is not"
        }
    }
}
