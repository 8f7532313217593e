//! The per-page stage: each page read, parsed, classified and built into a
//! draft operation, or kept aside with what it is (error codes, endpoints,
//! an overview) and what it gave the service.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::build::{self, Built, Extracted};
use super::classify;
use super::discover::{PageSource, UNKNOWN_SERVICE, service_of_page_id};
use super::draft::{Draft, Origin};
use super::page::Page;
use super::parse;
use super::passes::navigation::Navigations;
use super::report::{Finding, Section, Severity, Status, TableReport};
use super::service::{self, ErrorPages};

/// A page that documents no operation: why, and what it said.
#[derive(Debug)]
pub struct OtherPage {
    pub origin: Origin,
    pub status: Status,
    pub skipped: Option<&'static str>,
    pub findings: Vec<Finding>,
    pub tables: Vec<TableReport>,
}

/// Everything the pages of a run gave.
#[derive(Debug, Default)]
pub struct Read {
    pub drafts: Vec<Draft>,
    pub others: Vec<OtherPage>,
    pub navigation: Navigations,
    /// What each service's error-code, endpoint and general pages said.
    pub service_pages: BTreeMap<String, ErrorPages>,
}

/// Reads every page, in order.
pub fn pages(sources: &[PageSource]) -> Read {
    let mut read = Read::default();
    for source in sources {
        match std::fs::read(&source.path) {
            Err(error) => read.others.push(OtherPage {
                origin: Origin::of(source),
                status: Status::Failed,
                skipped: None,
                findings: vec![Finding::new(Severity::Error, "unreadable", 0, error.to_string())],
                tables: Vec::new(),
            }),
            Ok(bytes) => read.page(source, &String::from_utf8_lossy(&bytes)),
        }
    }
    read
}

impl Read {
    fn page(&mut self, source: &PageSource, text: &str) {
        let origin = Origin::of(source);
        let Some((page, mut findings)) = parse::page(&source.path, text) else {
            self.others.push(OtherPage {
                origin,
                status: Status::Skipped,
                skipped: Some("format not supported yet"),
                findings: Vec::new(),
                tables: Vec::new(),
            });
            return;
        };
        self.navigation
            .entry(source.root.clone())
            .or_default()
            .record(&source.name, &page);
        // A page outside a service's folder (a seed) names its service by its id.
        let service = match source.service.as_str() {
            UNKNOWN_SERVICE => page
                .id
                .as_deref()
                .and_then(service_of_page_id)
                .unwrap_or_else(|| UNKNOWN_SERVICE.to_owned()),
            known => known.to_owned(),
        };
        let Built {
            extracted,
            findings: more,
            tables,
        } = build::operation(&page, &source.source);
        findings.extend(more);
        match extracted {
            Extracted::Operation(operation, replacement_link) => self.drafts.push(Draft {
                file: PathBuf::from(&service)
                    .join("operations")
                    .join(format!("{}.yaml", operation.operation)),
                origin,
                operation: *operation,
                replacement_link,
                findings,
                tables,
                folded: Vec::new(),
            }),
            Extracted::Skipped(reason) => {
                let other = self.service_page(&page, origin, &service, reason, findings);
                self.others.push(other);
            }
        }
    }

    fn pages_of(&mut self, service: &str) -> &mut ErrorPages {
        self.service_pages.entry(service.to_owned()).or_default()
    }

    /// A page that is no operation gives its service what it states: error
    /// codes, error bodies, an endpoint pattern.
    fn service_page(
        &mut self,
        page: &Page,
        origin: Origin,
        service: &str,
        reason: &'static str,
        mut findings: Vec<Finding>,
    ) -> OtherPage {
        if let Some((codes, more)) = service::error_codes(page) {
            findings.extend(more);
            let count = codes.len();
            let conflicts = self
                .pages_of(service)
                .add(service::source(page, &origin.source), codes);
            findings.extend(
                conflicts
                    .into_iter()
                    .map(|c| Finding::at(Section::StatusCodes, Severity::Warning, "merge-conflict", 0, c)),
            );
            let skipped = match count {
                0 => "error-code page with no rows",
                _ => "error codes, read into service.yaml",
            };
            return OtherPage {
                origin,
                status: Status::Skipped,
                skipped: Some(skipped),
                findings,
                tables: classify::other_page_tables(page),
            };
        }
        let bodies = service::error_bodies_in(page);
        if !bodies.is_empty() {
            self.pages_of(service).bodies.extend(bodies);
        }
        let mut reason = reason;
        if let Some(pattern) = service::endpoint_pattern(page) {
            self.pages_of(service).add_endpoint(pattern);
            reason = "regions and endpoints, read into service.yaml";
        }
        let failed = findings.iter().any(|f| f.severity == Severity::Error);
        OtherPage {
            origin,
            status: if failed { Status::Failed } else { Status::Skipped },
            skipped: Some(reason),
            findings,
            tables: classify::other_page_tables(page),
        }
    }
}
