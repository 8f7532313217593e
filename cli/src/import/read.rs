//! The per-page stage: each page read, parsed, classified and built into a
//! draft operation, or kept aside with what it is (error codes, endpoints,
//! an overview) and what it gave the service.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::build::{self, Built, Extracted};
use super::classify;
use super::discover::{PageSource, UNKNOWN_SERVICE, service_of_page_id};
use super::draft::{Draft, Origin};
use super::library::Library;
use super::page::Page;
use super::parse;
use super::passes::navigation::Navigations;
use super::report::{Finding, Section, Severity, Status, TableReport};
use super::service::{self, ErrorPages};
use hwcloud_model::spec::schema::Lang;

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
    /// Every page's parameter tables, for links between pages.
    pub library: Library,
}

/// The largest page read; a larger file is refused with its size.
pub const MAX_PAGE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads every page, in order.
pub fn pages(sources: &[PageSource]) -> Read {
    let mut read = Read::default();
    for source in sources {
        match text_of(&source.path) {
            Err(finding) => read.others.push(OtherPage {
                origin: Origin::of(source),
                status: Status::Failed,
                skipped: None,
                findings: vec![finding],
                tables: Vec::new(),
            }),
            Ok((text, said)) => {
                read.page(source, &text);
                if let Some(finding) = said {
                    read.note_on_page(source.index, finding);
                }
            }
        }
    }
    read
}

/// A page's text: a regular file of at most [`MAX_PAGE_BYTES`], decoded by
/// [`decode`]; a finding says why not.
fn text_of(path: &std::path::Path) -> Result<(String, Option<Finding>), Finding> {
    let refuse = |code, why: String| Finding::new(Severity::Error, code, 0, why);
    let metadata = std::fs::metadata(path).map_err(|e| refuse("unreadable", e.to_string()))?;
    if !metadata.is_file() {
        return Err(refuse("unreadable", "not a regular file; not read".into()));
    }
    if metadata.len() > MAX_PAGE_BYTES {
        let why = format!(
            "{} bytes, more than the {MAX_PAGE_BYTES} a page may have; not read",
            metadata.len()
        );
        return Err(refuse("unreadable", why));
    }
    let bytes = std::fs::read(path).map_err(|e| refuse("unreadable", e.to_string()))?;
    decode(&bytes)
}

/// Page bytes as text: UTF-8 (a byte-order mark dropped), UTF-16 with its
/// mark, or GB18030 when the bytes are exactly that and hold Chinese text (said
/// in an info finding). Anything else is refused at its first invalid byte,
/// never imported as garbled text.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<Finding>), Finding> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if !malformed {
            return Ok((text.into_owned(), None));
        }
    }
    let invalid = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_owned(), None)),
        Err(error) => error.valid_up_to(),
    };
    let gb = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
    if let Some(text) = gb.filter(|t| Lang::of_text(t) == Lang::Zh) {
        let said = Finding::new(
            Severity::Info,
            "decoded",
            1,
            "the page is not UTF-8; read as GB18030",
        );
        return Ok((text.into_owned(), Some(said)));
    }
    let line = 1 + bytes[..invalid].iter().filter(|b| **b == b'\n').count();
    Err(Finding::new(
        Severity::Error,
        "not-utf8",
        line,
        format!("byte {invalid} is not UTF-8 and the page reads as no other encoding clearly; not imported"),
    ))
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
        self.library
            .record(&source.root, &source.name, &source.source, &page);
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
            unlinked,
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
                unlinked,
            }),
            Extracted::Skipped(reason) => {
                let other = self.service_page(&page, origin, &service, reason, findings);
                self.others.push(other);
            }
        }
    }

    /// Adds a finding to the page of index `at` (its draft or other page).
    fn note_on_page(&mut self, at: usize, finding: Finding) {
        if let Some(draft) = self.drafts.iter_mut().find(|d| d.origin.index == at) {
            draft.findings.insert(0, finding);
        } else if let Some(other) = self.others.iter_mut().find(|o| o.origin.index == at) {
            other.findings.insert(0, finding);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_decode_from_utf8_with_or_without_a_mark_utf16_and_clear_gb18030() {
        let page = "# 查询作业\n\n## URI\n";
        assert_eq!(decode(page.as_bytes()).unwrap(), (page.to_owned(), None));
        let marked = [b"\xEF\xBB\xBF".as_slice(), page.as_bytes()].concat();
        assert_eq!(decode(&marked).unwrap().0, page, "the mark is dropped");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(page.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap().0, page);
        let (gb, _, _) = encoding_rs::GB18030.encode(page);
        let (text, said) = decode(&gb).unwrap();
        assert_eq!(text, page);
        assert_eq!(said.map(|f| f.code), Some("decoded"));
    }

    #[test]
    fn bytes_that_read_as_no_encoding_clearly_are_refused_at_their_line() {
        // Latin-1 `café` on line 3: not UTF-8, and as GB18030 it holds no Chinese.
        let refused = decode(b"# Title\n\ncaf\xE9 au lait\n").unwrap_err();
        assert_eq!((refused.code, refused.line), ("not-utf8", 3));
    }
}
