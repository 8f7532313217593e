//! The report, built last from what each stage attached to its items: the
//! drafts (their own pages and the pages folded into them), the pages that
//! document no operation, and the notes about services.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::draft::{Draft, Folded, OperationKey};
use super::existing::ExistingSpec;
use super::read::OtherPage;
use super::report::{Finding, PageReport, Report, status_of};

/// The report of a run, pages in the order they were read.
pub fn report(
    others: Vec<OtherPage>,
    drafts: &[Draft],
    service_notes: Vec<(String, Finding)>,
    existing: &ExistingSpec,
) -> Report {
    let mut pages: Vec<(usize, PageReport)> = others.into_iter().map(other).collect();
    for draft in drafts {
        pages.extend(operation_pages(draft));
    }
    pages.sort_by_key(|(index, _)| *index);
    let mut pages: Vec<PageReport> = pages.into_iter().map(|(_, page)| page).collect();
    let at: BTreeMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.page.clone(), i))
        .collect();
    for (source, finding) in service_notes {
        if let Some(&i) = at.get(&source) {
            pages[i].findings.push(finding);
        }
    }
    Report {
        pages,
        undocumented: undocumented(drafts, existing),
        invalid_existing: existing.invalid().values().flatten().cloned().collect(),
        refused: Vec::new(),
    }
}

fn other(page: OtherPage) -> (usize, PageReport) {
    let report = PageReport {
        page: page.origin.source,
        status: page.status,
        operation: None,
        skipped: page.skipped,
        findings: page.findings,
        tables: page.tables,
    };
    (page.origin.index, report)
}

/// The draft's own page and each page folded into it, all naming its operation.
fn operation_pages(draft: &Draft) -> Vec<(usize, PageReport)> {
    let page = |folded: &Folded| {
        let report = PageReport {
            page: folded.origin.source.clone(),
            status: status_of(&folded.findings),
            operation: Some(draft.name()),
            skipped: None,
            findings: folded.findings.clone(),
            tables: folded.tables.clone(),
        };
        (folded.origin.index, report)
    };
    let own = Folded {
        origin: draft.origin.clone(),
        findings: draft.findings.clone(),
        tables: draft.tables.clone(),
    };
    std::iter::once(&own).chain(&draft.folded).map(page).collect()
}

/// Operations of the existing spec, in a service this run imported, that no
/// imported page documents.
fn undocumented(drafts: &[Draft], existing: &ExistingSpec) -> Vec<String> {
    let imported: BTreeSet<OperationKey> = drafts.iter().map(Draft::key).collect();
    let services: BTreeSet<PathBuf> = drafts.iter().map(Draft::service_dir).collect();
    let mut undocumented: Vec<String> = existing
        .operations()
        .filter(|(key, _)| services.contains(key.service_dir()) && !imported.contains(key))
        .map(|(key, op)| format!("{}.{}", key.service_dir().display(), op.operation))
        .collect();
    undocumented.sort();
    undocumented
}
