//! What an import says about each page: findings at source lines, the role each
//! table got, and a status. Stages attach findings to the item they are about
//! (a draft operation, a skipped page, a service); [`Report`] is built from them
//! last, so no stage edits another's report.

use std::fmt;

use serde::Serialize;

use super::lexicon;

/// Which part of a page a finding concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Function,
    Uri,
    Parameters,
    Request,
    Response,
    Example,
    StatusCodes,
    Other,
}

impl Section {
    /// The section a heading opens, in either language ([`lexicon::SECTION_HEADINGS`]).
    pub fn of_heading(text: &str) -> Section {
        lexicon::section_of_heading(text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// One thing the importer noticed, at a source line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub section: Section,
    pub severity: Severity,
    pub code: &'static str,
    pub line: usize,
    pub message: String,
    /// The name the finding is about (a placeholder, a parameter), so a later
    /// stage can find it again without reading the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

impl Finding {
    pub fn new(severity: Severity, code: &'static str, line: usize, message: impl Into<String>) -> Self {
        Self::at(Section::Other, severity, code, line, message)
    }

    pub fn at(
        section: Section,
        severity: Severity,
        code: &'static str,
        line: usize,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            section,
            severity,
            code,
            line,
            message: message.into(),
            subject: None,
        }
    }

    /// This finding, about `subject`.
    pub fn about(self, subject: impl Into<String>) -> Self {
        Finding {
            subject: Some(subject.into()),
            ..self
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Partial,
    Failed,
    Skipped,
}

/// An operation page's status from its findings.
pub fn status_of(findings: &[Finding]) -> Status {
    if findings.iter().any(|f| f.severity == Severity::Error) {
        Status::Failed
    } else if findings.iter().any(|f| f.severity == Severity::Warning) {
        Status::Partial
    } else {
        Status::Ok
    }
}

/// One table of a page and the role it got.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableReport {
    pub line: usize,
    pub caption: String,
    /// `path`, `query`, `header`, `request-body`, `response-body`, `object`,
    /// `values`, `unused`, ... (see `classify::Role::name`).
    pub role: &'static str,
    /// The status, object, field or reason the role is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// What became of one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageReport {
    pub page: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<&'static str>,
    pub findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableReport>,
}

/// Every page of one run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub pages: Vec<PageReport>,
    /// Operations of the existing spec, in a service this run imported, that no
    /// imported page documents: kept as they are, listed so a doc update that
    /// drops an operation is seen.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub undocumented: Vec<String>,
    /// Files of the existing spec that do not parse or validate
    /// (`file:line:col: why`): nothing is written for their services.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invalid_existing: Vec<String>,
    /// Services this run wrote nothing for, because their existing files are invalid.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<String>,
}

impl Report {
    pub fn count(&self, status: Status) -> usize {
        self.pages.iter().filter(|p| p.status == status).count()
    }

    /// Findings of `code` over every page.
    pub fn count_findings(&self, code: &str) -> usize {
        self.pages
            .iter()
            .flat_map(|p| &p.findings)
            .filter(|f| f.code == code)
            .count()
    }

    /// Whether the run must exit non-zero: a failed page or a refused service.
    pub fn failed(&self) -> bool {
        self.count(Status::Failed) > 0 || !self.refused.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for page in &self.pages {
            write_page(f, page)?;
        }
        for invalid in &self.invalid_existing {
            writeln!(f, "invalid  {invalid}")?;
        }
        for service in &self.refused {
            writeln!(
                f,
                "refused  {service}: its existing spec files are invalid (above); nothing was written for it"
            )?;
        }
        write_undocumented(f, &self.undocumented)?;
        write_services(f, &self.pages)?;
        let operations = self.count(Status::Ok) + self.count(Status::Partial) + self.count(Status::Failed);
        write!(
            f,
            "{} pages: {} operations ({} ok, {} partial, {} failed), {} skipped; {} unused tables",
            self.pages.len(),
            operations,
            self.count(Status::Ok),
            self.count(Status::Partial),
            self.count(Status::Failed),
            self.count(Status::Skipped),
            self.count_findings("unused-table"),
        )
    }
}

/// One line per service where the run imported more than one (a docs tree of
/// many services): its operation pages by status, and the operations they gave.
fn write_services(f: &mut fmt::Formatter<'_>, pages: &[PageReport]) -> fmt::Result {
    let mut services: std::collections::BTreeMap<&str, ([usize; 3], std::collections::BTreeSet<&str>)> =
        std::collections::BTreeMap::new();
    for page in pages {
        let Some((service, operation)) = page.operation.as_deref().and_then(|o| o.split_once('.')) else {
            continue;
        };
        let slot = match page.status {
            Status::Ok => 0,
            Status::Partial => 1,
            Status::Failed => 2,
            Status::Skipped => continue,
        };
        let entry = services.entry(service).or_default();
        entry.0[slot] += 1;
        entry.1.insert(operation);
    }
    if services.len() < 2 {
        return Ok(());
    }
    for (service, ([ok, partial, failed], operations)) in &services {
        writeln!(
            f,
            "service  {service}: {} operation pages ({ok} ok, {partial} partial, {failed} failed), {} operations",
            ok + partial + failed,
            operations.len()
        )?;
    }
    Ok(())
}

fn write_page(f: &mut fmt::Formatter<'_>, page: &PageReport) -> fmt::Result {
    let status = match page.status {
        Status::Ok => "ok",
        Status::Partial => "partial",
        Status::Failed => "FAILED",
        Status::Skipped => "skipped",
    };
    let what = page.operation.as_deref().or(page.skipped).unwrap_or_default();
    writeln!(f, "{status:<8} {} ({what})", page.page)?;
    for finding in &page.findings {
        // Line 0: about the page as a whole (a merge, the service file).
        let at = match finding.line {
            0 => page.page.clone(),
            line => format!("{}:{line}", page.page),
        };
        writeln!(
            f,
            "         {at}: {:?} [{:?}] {}: {}",
            finding.severity, finding.section, finding.code, finding.message
        )?;
    }
    if !page.tables.is_empty() {
        let tables: Vec<String> = page
            .tables
            .iter()
            .map(|t| match &t.detail {
                Some(detail) => format!("{} {} ({detail})", t.line, t.role),
                None => format!("{} {}", t.line, t.role),
            })
            .collect();
        writeln!(f, "         tables at lines: {}", tables.join("; "))?;
    }
    Ok(())
}

fn write_undocumented(f: &mut fmt::Formatter<'_>, undocumented: &[String]) -> fmt::Result {
    if undocumented.is_empty() {
        return Ok(());
    }
    const SHOWN: usize = 10;
    let mut names = undocumented[..undocumented.len().min(SHOWN)].join(", ");
    if undocumented.len() > SHOWN {
        names.push_str(&format!(" and {} more", undocumented.len() - SHOWN));
    }
    writeln!(
        f,
        "kept     {} existing operation(s) that none of these pages documents: {names}",
        undocumented.len()
    )
}
