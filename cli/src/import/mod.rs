//! Importing documentation pages into spec YAML, with a quality report.
//!
//! One direction of data, a stage per module:
//!
//! 1. [`discover`]: the pages of the inputs and the service each belongs to;
//! 2. [`parse`]: each format into the one format-neutral [`page::Page`];
//! 3. [`classify`]: the page's kind, each block's section and status, each
//!    table's role (words from [`lexicon`]);
//! 4. [`build`]: a draft operation from the classified page;
//! 5. `passes` across pages, then `transforms` per operation, each a named list;
//! 6. `service`: the service files;
//! 7. [`write`](mod@write): checked as `codegen check` checks, then staged and moved into place.
//!
//! The existing spec is read once, first (`existing`); findings travel with
//! the draft or page they are about and the [`report`] is built from them last.

mod assemble;
pub mod build;
pub mod classify;
pub mod discover;
mod draft;
mod english;
mod existing;
pub mod lexicon;
mod library;
mod naming;
pub mod page;
pub mod parse;
mod passes;
mod read;
pub mod report;
mod service;
mod transforms;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use build::{Built, Extracted};
pub use parse::page as parse_page;
pub use report::{Finding, PageReport, Report, Section, Severity, Status, TableReport};

use hwcloud_model::spec::schema::OperationFile;

/// The files a run produced, by path relative to the output directory.
#[derive(Debug, Default)]
pub struct Imported {
    pub files: BTreeMap<PathBuf, String>,
    pub report: Report,
}

/// Imports every page under `inputs` (files or folders), in sorted order; the
/// service comes from each folder's name unless `service` names it.
pub fn import(inputs: &[PathBuf], service: Option<&str>) -> Imported {
    import_into(inputs, service, None)
}

/// [`import`] into an existing spec directory: its ids, file names, hand edits
/// and service files are kept; a service whose existing files do not parse or
/// validate gets nothing ([`Report::refused`]).
pub fn import_into(inputs: &[PathBuf], service: Option<&str>, existing: Option<&Path>) -> Imported {
    let existing = existing.map(existing::ExistingSpec::load).unwrap_or_default();
    let sources = discover::pages(inputs, service);
    let mut read = read::pages(&sources);
    let context = passes::Context {
        existing: &existing,
        navigation: &read.navigation,
        library: &read.library,
    };
    passes::run(&mut read.drafts, &context);
    transforms::run(&mut read.drafts, &existing);
    let services = service::files(read.service_pages, &mut read.drafts, &existing);
    let mut files = services.files;
    for draft in &read.drafts {
        files.insert(draft.file.clone(), to_yaml(&draft.operation));
    }
    write::withhold_invalid(&mut files, &mut read.drafts, &existing);
    let refused = write::refuse_invalid(&mut files, &mut read.drafts, &existing);
    let mut report = assemble::report(read.others, &read.drafts, services.notes, &existing);
    report.refused = refused;
    Imported { files, report }
}

/// Spec YAML for an operation, as the importer writes it.
pub fn to_yaml(operation: &OperationFile) -> String {
    serde_yaml::to_string(operation).expect("spec types serialize")
}
