//! Passes across pages, in order: each takes every draft of the run and the
//! context the run read first (the existing spec, the folders' navigation).

mod availability;
mod cross_page;
mod ids;
mod merge;
pub mod navigation;
mod place;
mod placeholders;
mod replacements;
mod same_operation;
mod variants;
mod versions;

use super::draft::Draft;
use super::existing::ExistingSpec;
use super::library::Library;
use navigation::Navigations;

/// What every pass may read.
pub struct Context<'a> {
    pub existing: &'a ExistingSpec,
    pub navigation: &'a Navigations,
    pub library: &'a Library,
}

type Pass = fn(&mut Vec<Draft>, &Context);

/// The passes, by name, in the order they run.
pub const PASSES: &[(&str, Pass)] = &[
    // A field whose row points at a table on another page takes that table.
    ("tables on other pages", cross_page::run),
    // A page no folder or id places belongs to the service with its method and URI.
    ("place by URI", place::run),
    // A revision whose title gives no version takes its page id's version.
    ("version from page id", versions::run),
    // A placeholder a page's table misses takes its row from the service's other pages.
    ("placeholders from the service", placeholders::run),
    // Each page's operation and fields carry its folder's cloud, for merging.
    ("mark clouds", availability::mark),
    // Pages of one operation become one draft; variants stay apart.
    ("merge pages of one operation", same_operation::run),
    // Marks every cloud of the operation or service shares go.
    ("settle clouds", availability::settle),
    // Ids and files: the existing spec's, else from titles, else from paths.
    ("ids", ids::run),
    // Deprecated operations point at their replacements.
    ("replacements", replacements::run),
];

/// Runs every pass in order.
pub fn run(drafts: &mut Vec<Draft>, context: &Context) {
    for (_, pass) in PASSES {
        pass(drafts, context);
    }
}
