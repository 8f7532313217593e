//! Each source format into the one format-neutral [`Page`]: Huawei Markdown with
//! HTML tables, Open Telekom Cloud reStructuredText, and a page saved as
//! rendered text. The language is the page's own ([`Page::new`]).

pub mod huawei_md;
pub mod rendered;
pub mod rst;

use std::path::Path;

use super::page::Page;
use super::report::Finding;

/// Parses a page in whichever format it is in; `None` for a format not read.
pub fn page(path: &Path, text: &str) -> Option<(Page, Vec<Finding>)> {
    match Format::of(path, text)? {
        Format::HuaweiMarkdown => Some(huawei_md::parse(path, text)),
        Format::Rst => Some(rst::parse(path, text)),
        Format::Rendered => Some(rendered::parse(path, text)),
    }
}

enum Format {
    HuaweiMarkdown,
    Rst,
    /// A page saved as rendered text (seed 004).
    Rendered,
}

impl Format {
    /// By extension, or for `.txt` (the seeds) by content.
    fn of(path: &Path, text: &str) -> Option<Format> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("md") => Some(Format::HuaweiMarkdown),
            Some("rst") => Some(Format::Rst),
            _ if text.contains(":original_name:") || text.contains("\n.. _") => Some(Format::Rst),
            _ if text.trim_start().starts_with("# ") && text.contains("<table") => {
                Some(Format::HuaweiMarkdown)
            }
            _ if rendered::looks_rendered(text) => Some(Format::Rendered),
            _ => None,
        }
    }
}
