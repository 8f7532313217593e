//! The service step: one `service.yaml` per service the run touched, from the
//! pages that state it and the service file the spec already has; then the
//! examples of its operations reviewed against its error shapes and codes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::ErrorPages;
use super::error_examples;
use crate::import::draft::Draft;
use crate::import::existing::ExistingSpec;
use crate::import::report::{Finding, Section, Severity};
use hwcloud_model::spec::schema::{OperationFile, ServiceFile};

/// The service files of a run, and findings about services, each with the
/// page that says it (the service's first error-code page, else its first
/// operation's page).
#[derive(Debug, Default)]
pub struct Services {
    pub files: BTreeMap<PathBuf, String>,
    pub notes: Vec<(String, Finding)>,
}

/// The header of every service file the importer writes.
const HEADER: &str = "# Written by `codegen import` from the error-code pages. Name, description, endpoint\n\
                      # and error_body are kept from the previous file; a code with `hand_edit` is a\n\
                      # reviewer's edit that re-importing keeps.\n";

/// Every service gets a service file, error-code pages or not, except that a
/// partial import (one page, a seed) keeps the service file it finds.
pub fn files(
    mut pages: BTreeMap<String, ErrorPages>,
    drafts: &mut [Draft],
    existing: &ExistingSpec,
) -> Services {
    for draft in drafts.iter() {
        if let Some(service) = draft.file.components().next() {
            pages
                .entry(service.as_os_str().to_string_lossy().into_owned())
                .or_default();
        }
    }
    let mut services = Services::default();
    for (service, pages) in pages {
        let existing = existing.service(Path::new(&service));
        if pages.sources.is_empty() && existing.is_some() {
            continue;
        }
        let file = service_file(&service, pages, drafts, existing, &mut services.notes);
        let yaml = format!(
            "{HEADER}{}",
            serde_yaml::to_string(&file).expect("spec types serialize")
        );
        services
            .files
            .insert(PathBuf::from(&service).join("service.yaml"), yaml);
    }
    services
}

fn service_file(
    service: &str,
    pages: ErrorPages,
    drafts: &mut [Draft],
    existing: Option<&ServiceFile>,
    notes: &mut Vec<(String, Finding)>,
) -> ServiceFile {
    let operations: Vec<&OperationFile> = drafts
        .iter()
        .filter(|p| p.file.starts_with(service))
        .map(|p| &p.operation)
        .collect();
    let first_page = pages.sources.first().map(|s| s.page.clone()).or_else(|| {
        operations
            .first()
            .and_then(|op| op.sources.first())
            .map(|s| s.page.clone())
    });
    let (mut file, conflicts) = pages.service_file(service, &operations, existing);
    if let Some(page) = first_page {
        notes.extend(conflicts.into_iter().map(|(severity, code, message)| {
            (
                page.clone(),
                Finding::at(Section::StatusCodes, severity, code, 0, message),
            )
        }));
    }
    review_examples(&mut file, service, drafts, notes);
    file
}

/// Marks the examples of `service` (its operations' and its own) that the
/// generated types cannot read as the page means them.
fn review_examples(
    file: &mut ServiceFile,
    service: &str,
    drafts: &mut [Draft],
    notes: &mut Vec<(String, Finding)>,
) {
    let (shapes, codes) = (&file.error_body, &file.error_codes);
    let contradicts = |why: String| {
        Finding::at(
            Section::Example,
            Severity::Info,
            "example-contradicts-types",
            0,
            why,
        )
    };
    for draft in drafts.iter_mut().filter(|p| p.file.starts_with(service)) {
        let said = error_examples::review(&mut draft.operation.examples, shapes, codes);
        draft.findings.extend(said.into_iter().map(contradicts));
    }
    let said = error_examples::review(&mut file.examples, shapes, codes);
    // The service's own examples have no page: the first page of the service says it.
    if let Some(first) = drafts.iter().find(|p| p.file.starts_with(service)) {
        let source = first.origin.source.clone();
        notes.extend(
            said.into_iter()
                .map(|why| (source.clone(), contradicts(format!("service example: {why}")))),
        );
    }
}
