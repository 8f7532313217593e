//! Importing documentation pages into spec YAML, with a quality report.
//!
//! Each format has a parser into the neutral [`page::Page`]; [`extract`] turns a
//! page into an operation spec. The model is read once, at the end, to check
//! what would be written ([`hwcloud_model::check_texts`]); never the emitter.

mod constraints;
mod english;
mod error_examples;
pub mod existing;
pub mod extract;
pub mod huawei_md;
mod ids;
pub mod merge;
pub mod page;
pub mod pagination;
pub mod reconcile;
pub mod rendered;
mod roles;
pub mod rst;
pub mod service;
mod variants;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use existing::{ExistingSpec, OperationKey};
use extract::Extracted;
use hwcloud_model::spec::schema::{OperationFile, ServiceFile};

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
    /// The section a heading opens, in either language.
    pub fn of_heading(text: &str) -> Section {
        let lower = text.to_lowercase();
        if lower.contains("uri") {
            Section::Uri
        } else if text.contains("示例") || text.contains("样例") || lower.contains("example") {
            Section::Example
        } else if text.contains("状态码") || text.contains("返回值") || lower.contains("status code") {
            Section::StatusCodes
        } else if text.contains("请求") || lower.starts_with("request") {
            Section::Request
        } else if text.contains("响应") || lower.starts_with("response") {
            Section::Response
        } else if text.contains("功能") || lower.starts_with("function") {
            Section::Function
        } else {
            Section::Other
        }
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
    /// Operation files of the existing spec that could not be read (`path: why`);
    /// never written over, their operations imported under another name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable_existing: Vec<String>,
}

impl Report {
    pub fn count(&self, status: Status) -> usize {
        self.pages.iter().filter(|p| p.status == status).count()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for page in &self.pages {
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
        }
        for unreadable in &self.unreadable_existing {
            writeln!(f, "not read {unreadable}; left as it is")?;
        }
        if !self.undocumented.is_empty() {
            const SHOWN: usize = 10;
            let mut names = self.undocumented[..self.undocumented.len().min(SHOWN)].join(", ");
            if self.undocumented.len() > SHOWN {
                names.push_str(&format!(" and {} more", self.undocumented.len() - SHOWN));
            }
            writeln!(
                f,
                "kept     {} existing operation(s) that none of these pages documents: {names}",
                self.undocumented.len()
            )?;
        }
        let operations = self.count(Status::Ok) + self.count(Status::Partial) + self.count(Status::Failed);
        write!(
            f,
            "{} pages: {} operations ({} ok, {} partial, {} failed), {} skipped",
            self.pages.len(),
            operations,
            self.count(Status::Ok),
            self.count(Status::Partial),
            self.count(Status::Failed),
            self.count(Status::Skipped)
        )
    }
}

/// The YAML files a run produced, by path relative to the output directory.
#[derive(Debug, Default)]
pub struct Imported {
    pub files: BTreeMap<PathBuf, String>,
    pub report: Report,
}

/// Where an operation goes whose service neither `--service`, its folder nor
/// its page says, until [`place_by_uri`] finds it.
const UNKNOWN_SERVICE: &str = "unknown";

/// Words of a documentation folder's name that say which cloud, language or
/// snapshot it is, not which service: `huawei-dli-zh`, `otc-iam-en-2024-05`.
const FOLDER_MARKERS: &[&str] = &[
    "huawei",
    "huaweicloud",
    "hwcloud",
    "otc",
    "opentelekomcloud",
    "telekom",
    "tsystems",
    "docs",
    "api",
    "apiref",
    "ref",
    "reference",
    "zh",
    "cn",
    "en",
    "de",
    "us",
    "intl",
];

/// The service a documentation folder's name gives: its one word that is not a
/// cloud, a language or a date (`huawei-dli-zh` → `dli`, `otc-iam-en-2024-05` →
/// `iam`). A name with no such marker (`seeds`, `pages`) names no service.
pub fn service_of_folder(folder: &str) -> Option<String> {
    let folder = folder.to_lowercase();
    let words: Vec<&str> = folder
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let is_marker = |w: &&str| FOLDER_MARKERS.contains(w) || w.chars().all(|c| c.is_ascii_digit());
    let rest: Vec<&&str> = words.iter().filter(|w| !is_marker(w)).collect();
    match rest.as_slice() {
        [service] if rest.len() < words.len() && hwcloud_model::names::is_snake_identifier(service) => {
            Some((**service).to_owned())
        }
        _ => None,
    }
}

/// The service a page id names by its prefix: `dli_02_0026` → `dli`; the
/// catalogue's generic `topic_300000000` names none.
pub fn service_of_page_id(id: &str) -> Option<String> {
    let mut parts = id.split('_');
    let prefix = parts.next().filter(|p| *p != "topic")?;
    let numbered = parts.clone().next().is_some() && parts.all(|p| p.chars().all(|c| c.is_ascii_digit()));
    (numbered && hwcloud_model::names::is_snake_identifier(prefix)).then(|| prefix.to_owned())
}

/// An imported operation before links between pages are resolved.
struct Pending {
    file: PathBuf,
    source: String,
    /// The documentation folder the page came from, and its file name there.
    root: String,
    page_name: String,
    operation: OperationFile,
    replacement_link: Option<String>,
}

impl Pending {
    /// The service directory the operation's file goes under (`dli`).
    fn service_dir(&self) -> PathBuf {
        self.file.iter().next().map(PathBuf::from).unwrap_or_default()
    }

    fn key(&self) -> OperationKey {
        OperationKey::of(&self.service_dir(), &self.operation)
    }
}

/// How a documentation folder links its pages: which page is current when an
/// old revision of a page was left behind under another name.
#[derive(Debug, Default)]
struct Navigation {
    /// Pages the folder's table of contents (`index.md`, `index.rst`) lists.
    contents: BTreeSet<String>,
    /// Pages any page of the folder links to.
    linked: BTreeSet<String>,
}

impl Navigation {
    fn record(&mut self, page_name: &str, page: &page::Page) {
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
struct Standing {
    in_contents: bool,
    linked: bool,
    current: bool,
}

impl Standing {
    fn of(page: &Pending, navigation: &BTreeMap<String, Navigation>) -> Standing {
        let nav = navigation.get(&page.root);
        Standing {
            in_contents: nav.is_some_and(|n| n.contents.contains(&page.page_name)),
            linked: nav.is_some_and(|n| n.linked.contains(&page.page_name)),
            current: page.operation.deprecated.is_none(),
        }
    }

    /// Why a page with this standing outranks one with `lower`.
    fn reason_over(self, lower: Standing) -> &'static str {
        if self.in_contents != lower.in_contents {
            "the folder's table of contents lists it, not this page"
        } else if self.linked != lower.linked {
            "other pages link to it, none to this page"
        } else {
            "this page is deprecated, it is not"
        }
    }
}

/// Imports every page under `inputs` (files or folders), in sorted order; the
/// service comes from each folder's name unless `service` names it.
pub fn import(inputs: &[PathBuf], service: Option<&str>) -> Imported {
    import_into(inputs, service, None)
}

/// [`import`], keeping what an existing spec directory holds that pages do not
/// say (a service's name, endpoint and error-body shapes).
pub fn import_into(inputs: &[PathBuf], service: Option<&str>, existing: Option<&Path>) -> Imported {
    let mut imported = Imported::default();
    let existing_spec = existing.map(ExistingSpec::load).unwrap_or_default();
    let mut error_pages: BTreeMap<String, service::ErrorPages> = BTreeMap::new();
    let mut provisional_ids: BTreeSet<String> = BTreeSet::new();
    let mut pending = Vec::new();
    let mut navigation: BTreeMap<String, Navigation> = BTreeMap::new();
    for (root_name, path) in pages(inputs) {
        let source = format!(
            "{root_name}/{}",
            path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
        );
        let source = relative_source(&root_name, &path).unwrap_or(source);
        let folder_service = service
            .map(str::to_owned)
            .or_else(|| service_of_folder(&root_name));
        let service = folder_service.as_deref().unwrap_or(UNKNOWN_SERVICE);
        let report = match std::fs::read(&path) {
            Err(error) => PageReport {
                page: source,
                status: Status::Failed,
                operation: None,
                skipped: None,
                findings: vec![Finding::new(Severity::Error, "unreadable", 0, error.to_string())],
            },
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let context = PageContext {
                    path: &path,
                    source: &source,
                    root: &root_name,
                    service,
                };
                let navigation = navigation.entry(root_name.clone()).or_default();
                import_page(
                    &context,
                    &text,
                    navigation,
                    &mut error_pages,
                    &mut provisional_ids,
                    &mut pending,
                )
            }
        };
        imported.report.pages.push(report);
    }
    place_by_uri(&mut pending, &existing_spec, &mut imported.report);
    version_from_page_id(&mut pending, &existing_spec);
    fill_undocumented_placeholders(&mut pending, &mut imported.report);
    merge_same_operations(&mut pending, &mut imported.report, &navigation);
    ids::assign(&mut pending, &existing_spec, &mut imported.report);
    let imported_keys: BTreeSet<OperationKey> = pending.iter().map(Pending::key).collect();
    let services: BTreeSet<PathBuf> = pending.iter().map(Pending::service_dir).collect();
    imported.report.undocumented = existing_spec
        .operations()
        .filter(|(key, _)| services.contains(key.service_dir()) && !imported_keys.contains(key))
        .map(|(key, op)| format!("{}.{}", key.service_dir().display(), op.operation))
        .collect();
    imported.report.undocumented.sort();
    imported.report.unreadable_existing = existing_spec
        .unreadable()
        .iter()
        .map(|(file, why)| format!("{}: {why}", file.display()))
        .collect();
    resolve_replacements(&mut pending, &mut imported.report);
    for page in &mut pending {
        let reconciled = reconcile::reconcile(&mut page.operation);
        constraints::fit_operation(&mut page.operation);
        let paging = match pagination::detect(&page.operation) {
            pagination::Detected::Paginated(found) => {
                page.operation.pagination = Some(found);
                None
            }
            pagination::Detected::Unreadable(why) => Some(why),
            pagination::Detected::NotAList => None,
        };
        // Hand edits go in last: they stand over what the pages and examples say.
        let kept = existing_spec
            .get(&page.key())
            .map(|(_, before)| existing::keep_hand_edits(&mut page.operation, before))
            .unwrap_or_default();
        if let Some(entry) = imported.report.pages.iter_mut().find(|r| r.page == page.source) {
            let example = |severity, code, message| Finding::at(Section::Example, severity, code, 0, message);
            entry.findings.extend(
                reconciled
                    .changes
                    .into_iter()
                    .map(|c| example(Severity::Info, "example-contradicts-table", c)),
            );
            entry.findings.extend(
                reconciled
                    .unsupported
                    .into_iter()
                    .map(|c| example(Severity::Warning, "unsupported-example", c)),
            );
            entry.findings.extend(paging.into_iter().map(|why| {
                Finding::at(
                    Section::Parameters,
                    Severity::Info,
                    "pagination-unreadable",
                    0,
                    why,
                )
            }));
            entry.findings.extend(kept.into_iter().map(|kept| match kept {
                existing::Kept::Added(m) => Finding::new(Severity::Info, "hand-edit-kept", 0, m),
                existing::Kept::Contradicted(m) => {
                    Finding::new(Severity::Warning, "hand-edit-conflict", 0, m)
                }
            }));
            if entry.status != Status::Skipped {
                entry.status = status_of(&entry.findings);
            }
        }
    }
    // Every service gets a service file, error-code pages or not.
    for page in &pending {
        if let Some(service) = page.file.components().next() {
            let service = service.as_os_str().to_string_lossy().into_owned();
            error_pages.entry(service).or_default();
        }
    }
    for (service, pages) in error_pages {
        let operations: Vec<&OperationFile> = pending
            .iter()
            .filter(|p| p.file.starts_with(&service))
            .map(|p| &p.operation)
            .collect();
        let existing = existing
            .map(|dir| dir.join(&service).join("service.yaml"))
            .and_then(|path| std::fs::read_to_string(path).ok())
            .and_then(|text| serde_yaml::from_str::<ServiceFile>(&text).ok());
        // A partial import (one page, a seed) keeps the service file it finds.
        if pages.sources.is_empty() && existing.is_some() {
            continue;
        }
        let first_page = pages.sources.first().map(|s| s.page.clone()).or_else(|| {
            operations
                .first()
                .and_then(|op| op.sources.first())
                .map(|s| s.page.clone())
        });
        let (mut file, conflicts) = pages.service_file(&service, &operations, existing.as_ref());
        if let Some(entry) = imported
            .report
            .pages
            .iter_mut()
            .find(|r| Some(&r.page) == first_page.as_ref())
        {
            entry
                .findings
                .extend(conflicts.into_iter().map(|(severity, code, message)| {
                    Finding::at(Section::StatusCodes, severity, code, 0, message)
                }));
        }
        review_examples(&mut file, &service, &mut pending, &mut imported.report);
        let yaml = format!(
            "# Written by `codegen import` from the error-code pages. Name, description, endpoint\n\
             # and error_body are kept from the previous file; a code with `hand_edit` is a\n\
             # reviewer's edit that re-importing keeps.\n{}",
            serde_yaml::to_string(&file).expect("spec types serialize")
        );
        imported
            .files
            .insert(PathBuf::from(&service).join("service.yaml"), yaml);
    }
    let mut pages_of_files = BTreeMap::new();
    for page in pending {
        pages_of_files.insert(page.file.clone(), page.source);
        imported.files.insert(page.file, to_yaml(&page.operation));
    }
    withhold_invalid(&mut imported, &pages_of_files, existing);
    imported
}

/// Marks the examples of `service` (its operations' and its own) that the
/// generated types cannot read as the page means them, on their pages' reports.
fn review_examples(file: &mut ServiceFile, service: &str, pending: &mut [Pending], report: &mut Report) {
    let (shapes, codes) = (&file.error_body, &file.error_codes);
    for page in pending.iter_mut().filter(|p| p.file.starts_with(service)) {
        let said = error_examples::review(&mut page.operation.examples, shapes, codes);
        if let Some(entry) = report.pages.iter_mut().find(|r| r.page == page.source) {
            entry.findings.extend(said.into_iter().map(|why| {
                Finding::at(
                    Section::Example,
                    Severity::Info,
                    "example-contradicts-types",
                    0,
                    why,
                )
            }));
        }
    }
    let said = error_examples::review(&mut file.examples, shapes, codes);
    // The service's own examples have no page: the first page of the service says it.
    let first = pending
        .iter()
        .find(|p| p.file.starts_with(service))
        .map(|p| p.source.clone());
    if let Some(entry) = report.pages.iter_mut().find(|r| Some(&r.page) == first.as_ref()) {
        entry.findings.extend(said.into_iter().map(|why| {
            let why = format!("service example: {why}");
            Finding::at(
                Section::Example,
                Severity::Info,
                "example-contradicts-types",
                0,
                why,
            )
        }));
    }
}

/// The importer checks what it would write, with the operations already in the
/// output directory beside it, as `codegen check` will: an operation that would
/// not pass is not written, and its page fails with the checker's located
/// message. A rule of the importer that misfires on a new layout costs one
/// page, never a spec that does not build.
fn withhold_invalid(
    imported: &mut Imported,
    pages_of_files: &BTreeMap<PathBuf, String>,
    existing: Option<&Path>,
) {
    let mut all = imported.files.clone();
    let services: BTreeSet<PathBuf> = all
        .keys()
        .filter_map(|f| f.components().next())
        .map(|c| PathBuf::from(c.as_os_str()))
        .collect();
    for (service, dir) in services.iter().filter_map(|s| existing.map(|dir| (s, dir))) {
        let service_file = service.join("service.yaml");
        if !all.contains_key(&service_file)
            && let Ok(text) = std::fs::read_to_string(dir.join(&service_file))
        {
            all.insert(service_file, text);
        }
        let Ok(entries) = std::fs::read_dir(dir.join(service).join("operations")) else {
            continue;
        };
        for entry in entries.flatten() {
            let file = service.join("operations").join(entry.file_name());
            if file.extension().is_some_and(|e| e == "yaml")
                && !all.contains_key(&file)
                && let Ok(text) = std::fs::read_to_string(entry.path())
            {
                all.insert(file, text);
            }
        }
    }
    for diagnostic in hwcloud_model::check_texts(&all).iter() {
        let Some(page) = pages_of_files.get(&diagnostic.file) else {
            continue;
        };
        imported.files.remove(&diagnostic.file);
        if let Some(entry) = imported.report.pages.iter_mut().find(|r| &r.page == page) {
            entry.findings.push(Finding::new(
                Severity::Error,
                "invalid-spec",
                0,
                format!(
                    "the operation would not pass `codegen check` ({}:{}:{}: {}); it is not written",
                    diagnostic.file.display(),
                    diagnostic.line,
                    diagnostic.col,
                    diagnostic.message
                ),
            ));
            entry.status = Status::Failed;
        }
    }
}

/// Pages of one operation share service, method, URI (placeholders by position)
/// and API version; each group becomes one operation under its first page's id.
/// Within one folder the page with the best [`Standing`] shapes it and older
/// pages only fill texts; across folders (zh, en) pages merge as peers. Pages of
/// one folder and standing whose request bodies differ are [`variants`]: each
/// stays an operation, and another folder's pages join the variant most like them.
fn merge_same_operations(
    pending: &mut Vec<Pending>,
    report: &mut Report,
    navigation: &BTreeMap<String, Navigation>,
) {
    let key = |p: &Pending| p.key();
    let mut groups: Vec<Vec<Pending>> = Vec::new();
    for page in std::mem::take(pending) {
        match groups.iter_mut().find(|g| key(&g[0]) == key(&page)) {
            Some(group) => group.push(page),
            None => groups.push(vec![page]),
        }
    }
    for group in groups {
        // The first page in sorted order named the operation and its file.
        let (id, file) = (group[0].operation.operation.clone(), group[0].file.clone());
        let mut notes: Vec<(String, usize, Vec<Finding>)> = Vec::new();
        let mut bases: Vec<Pending> = Vec::new();
        let mut roots: Vec<String> = group.iter().map(|p| p.root.clone()).collect();
        roots.dedup();
        let mut group = group;
        for root in roots {
            let (folder, rest): (Vec<Pending>, Vec<Pending>) =
                group.into_iter().partition(|p| p.root == root);
            group = rest;
            let clusters = folder_variants(folder, navigation);
            join_folder(&mut bases, clusters, &mut notes);
        }
        if bases.is_empty() {
            continue;
        }
        bases[0].operation.operation = id;
        bases[0].file = file;
        if bases.len() > 1 {
            let mut operations: Vec<&mut OperationFile> =
                bases.iter_mut().map(|b| &mut b.operation).collect();
            variants::name(&mut operations);
        }
        let service = bases[0].service_dir().display().to_string();
        for (source, at, findings) in notes {
            if let Some(entry) = report.pages.iter_mut().find(|r| r.page == source) {
                entry.operation = Some(format!("{service}.{}", bases[at].operation.operation));
                entry.findings.extend(findings);
                entry.status = status_of(&entry.findings);
            }
        }
        let routes = bases.len();
        for base in &bases {
            if let Some(entry) = report.pages.iter_mut().find(|r| r.page == base.source) {
                entry.operation = Some(format!("{service}.{}", base.operation.operation));
                if routes > 1 {
                    let variant = base.operation.variant.as_deref().unwrap_or("the plain form");
                    entry.findings.push(Finding::new(
                        Severity::Info,
                        "variant",
                        0,
                        format!(
                            "{routes} pages document this method and URI with different request bodies; \
                             each is an operation, this one `{variant}`"
                        ),
                    ));
                }
            }
        }
        pending.extend(bases);
    }
}

/// One folder's pages of one variant: the page that shapes it, and what each
/// page folded into it said (by source).
type Cluster = (Pending, Vec<(String, Vec<Finding>)>);

/// One folder's pages of a route, folded: older revisions fill the texts of the
/// page most like them, equal pages merge, and pages whose request bodies
/// differ stay apart as variants.
fn folder_variants(mut folder: Vec<Pending>, navigation: &BTreeMap<String, Navigation>) -> Vec<Cluster> {
    folder.sort_by_key(|p| std::cmp::Reverse(Standing::of(p, navigation)));
    let mut clusters: Vec<Cluster> = Vec::new();
    for page in folder {
        let standing = Standing::of(&page, navigation);
        let paths = variants::request_paths(&page.operation);
        let same = clusters
            .iter()
            .position(|(head, _)| !variants::are_variants(&head.operation, &page.operation));
        let older_than = |head: &Pending| standing < Standing::of(head, navigation);
        let target = same.or_else(|| {
            // An older revision of a variant fills the texts of the one most like it.
            clusters
                .iter()
                .enumerate()
                .filter(|(_, (head, _))| older_than(head))
                .max_by(|a, b| {
                    let like =
                        |h: &Pending| variants::likeness(&variants::request_paths(&h.operation), &paths);
                    like(&a.1.0).total_cmp(&like(&b.1.0))
                })
                .map(|(at, _)| at)
        });
        match target {
            Some(at) => {
                let (head, cluster_notes) = &mut clusters[at];
                let head_standing = Standing::of(head, navigation);
                let findings = if standing < head_standing {
                    supersede(head, page.operation, head_standing.reason_over(standing))
                } else {
                    merge_peer(head, page.operation)
                };
                cluster_notes.push((page.source, findings));
            }
            None => clusters.push((page, Vec::new())),
        }
    }
    clusters
}

/// Joins one folder's variants to those of the folders before it: each to the
/// unpaired one most like it, or as a variant of its own.
fn join_folder(
    bases: &mut Vec<Pending>,
    clusters: Vec<Cluster>,
    notes: &mut Vec<(String, usize, Vec<Finding>)>,
) {
    let single = bases.len() == 1 && clusters.len() == 1;
    let mut paired: BTreeSet<usize> = BTreeSet::new();
    for (head, cluster_notes) in clusters {
        let paths = variants::request_paths(&head.operation);
        let best = (0..bases.len())
            .filter(|at| !paired.contains(at))
            .map(|at| {
                (
                    at,
                    variants::likeness(&variants::request_paths(&bases[at].operation), &paths),
                )
            })
            .filter(|&(_, like)| single || like > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(at, _)| at);
        let at = match best {
            Some(at) => {
                let findings = merge_peer(&mut bases[at], head.operation);
                notes.push((head.source, at, findings));
                at
            }
            None => {
                bases.push(head);
                bases.len() - 1
            }
        };
        paired.insert(at);
        notes.extend(
            cluster_notes
                .into_iter()
                .map(|(source, findings)| (source, at, findings)),
        );
    }
}

/// A page no folder or id places (a rendered page saved alone) belongs to the
/// service whose pages (imported now or already in the spec) document the same
/// method and URI, if exactly one does.
fn place_by_uri(pending: &mut [Pending], existing: &ExistingSpec, report: &mut Report) {
    let unknown = Path::new(UNKNOWN_SERVICE);
    let known: Vec<(OperationKey, PathBuf)> = pending
        .iter()
        .filter(|p| p.service_dir() != unknown)
        .map(|p| (p.key(), p.service_dir()))
        .chain(
            existing
                .operations()
                .map(|(key, _)| (key.clone(), key.service_dir().to_owned())),
        )
        .collect();
    for page in pending.iter_mut().filter(|p| p.service_dir() == unknown) {
        let key = page.key();
        let mut services: Vec<&PathBuf> = known
            .iter()
            .filter(|(other, _)| other.same_operation_in_any_service(&key))
            .map(|(_, dir)| dir)
            .collect();
        services.sort();
        services.dedup();
        let entry = report.pages.iter_mut().find(|r| r.page == page.source);
        match services[..] {
            [service] => {
                let file = service.join(page.file.strip_prefix(unknown).unwrap_or(&page.file));
                if let Some(entry) = entry {
                    entry.operation = Some(format!("{}.{}", service.display(), page.operation.operation));
                }
                page.file = file;
            }
            _ => {
                if let Some(entry) = entry {
                    entry.findings.push(Finding::new(
                        Severity::Warning,
                        "unknown-service",
                        0,
                        "neither the folder, the page id nor another page's URI says which service this is; pass --service",
                    ));
                    entry.status = status_of(&entry.findings);
                }
            }
        }
    }
}

/// A revision of a GES page whose title gives no version (`取消Job` beside
/// `取消Job(1-0-0)`, both `ges_03_0038`) documents the version its id's other
/// page names (imported now or already in the spec), so the two merge.
fn version_from_page_id(pending: &mut [Pending], existing: &ExistingSpec) {
    let imported = pending.iter().map(|p| (p.key(), &p.operation));
    let versioned: Vec<(String, OperationKey, String)> = imported
        .chain(existing.operations().map(|(key, op)| (key.clone(), op)))
        .flat_map(|(key, operation)| {
            let version = operation.api_version.clone();
            operation
                .sources
                .iter()
                .filter_map(move |source| Some((source.id.clone()?, key.clone(), version.clone()?)))
        })
        .collect();
    for page in pending.iter_mut().filter(|p| p.operation.api_version.is_none()) {
        let Some(id) = page.operation.sources.first().and_then(|s| s.id.clone()) else {
            continue;
        };
        let key = page.key();
        let versions: BTreeSet<&String> = versioned
            .iter()
            .filter(|(other, other_key, _)| *other == id && other_key.same_route(&key))
            .map(|(_, _, version)| version)
            .collect();
        if let [version] = versions.into_iter().collect::<Vec<_>>()[..] {
            page.operation.api_version = Some(version.clone());
        }
    }
}

/// GES pages often print a URI with no parameter table. The same placeholder is
/// documented on the service's other pages, so its row is taken from there.
fn fill_undocumented_placeholders(pending: &mut [Pending], report: &mut Report) {
    let is_path = |f: &hwcloud_model::spec::schema::Field| {
        f.location == Some(hwcloud_model::spec::schema::ParamLocation::Path)
    };
    let mut documented: BTreeMap<(PathBuf, String), hwcloud_model::spec::schema::Field> = BTreeMap::new();
    for page in pending.iter() {
        for field in page
            .operation
            .parameters
            .iter()
            .filter(|f| is_path(f) && !f.description.is_empty())
        {
            documented
                .entry((page.service_dir(), hwcloud_model::names::snake(&field.name)))
                .or_insert_with(|| field.clone());
        }
    }
    for page in pending.iter_mut() {
        let service = page.service_dir();
        let mut filled = Vec::new();
        for field in page.operation.parameters.iter_mut().filter(|f| {
            is_path(f)
                && f.description.is_empty()
                && f.note.as_deref() == Some(extract::UNDOCUMENTED_PLACEHOLDER)
        }) {
            let Some(known) = documented.get(&(service.clone(), hwcloud_model::names::snake(&field.name)))
            else {
                continue;
            };
            field.description = known.description.clone();
            field.ty = known.ty.clone();
            field.note = Some(
                "Not in the page's URI table; described as the service's other pages describe it.".into(),
            );
            filled.push(format!("`{{{}}}`", field.name));
        }
        let Some(entry) = report.pages.iter_mut().find(|r| r.page == page.source) else {
            continue;
        };
        for finding in &mut entry.findings {
            if finding.code == "undocumented-placeholder"
                && filled.iter().any(|p| finding.message.contains(p.as_str()))
            {
                finding.severity = Severity::Info;
                finding.code = "placeholder-from-service";
                finding.message = finding
                    .message
                    .replace("added as a string", "described as on the service's other pages");
            }
        }
        entry.status = status_of(&entry.findings);
    }
}

/// An operation page's status from its findings.
fn status_of(findings: &[Finding]) -> Status {
    if findings.iter().any(|f| f.severity == Severity::Error) {
        Status::Failed
    } else if findings.iter().any(|f| f.severity == Severity::Warning) {
        Status::Partial
    } else {
        Status::Ok
    }
}

/// Merges an equally current page: disagreements are warnings.
fn merge_peer(base: &mut Pending, other: OperationFile) -> Vec<Finding> {
    let mut findings = vec![Finding::new(
        Severity::Info,
        "merged",
        0,
        format!("documents the same operation as {}; merged into it", base.source),
    )];
    let conflicts = merge::merge(&mut base.operation, other, merge::Mode::Peer);
    findings.extend(
        conflicts
            .into_iter()
            .map(|c| Finding::new(Severity::Warning, "merge-conflict", 0, c)),
    );
    findings
}

/// Merges a page an earlier revision left behind: what it says differently is listed.
fn supersede(base: &mut Pending, old: OperationFile, reason: &str) -> Vec<Finding> {
    let differences = merge::merge(&mut base.operation, old, merge::Mode::Superseded);
    let mut findings = vec![Finding::new(
        Severity::Info,
        "superseded",
        0,
        format!(
            "an older page of the operation {}: {reason}; it fills texts only ({} differences)",
            base.source,
            differences.len()
        ),
    )];
    findings.extend(
        differences
            .into_iter()
            .map(|d| Finding::new(Severity::Info, "superseded", 0, format!("differs: {d}"))),
    );
    findings
}

/// Points deprecated operations at the operation their page links to.
fn resolve_replacements(pending: &mut [Pending], report: &mut Report) {
    let by_page: BTreeMap<String, (PathBuf, String)> = pending
        .iter()
        .flat_map(|p| {
            let service_dir = p.service_dir();
            let target = (service_dir, p.operation.operation.clone());
            // Every page a (merged) operation came from answers for it.
            p.operation.sources.iter().flat_map(move |s| {
                let name = s.page.rsplit('/').next().unwrap_or_default().to_owned();
                let target = target.clone();
                std::iter::once((name, target.clone())).chain(s.id.clone().map(|id| (id, target)))
            })
        })
        .collect();
    for page in pending.iter_mut() {
        let Some(link) = page.replacement_link.take() else {
            continue;
        };
        let key = link
            .split('#')
            .next()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let service_dir = page.service_dir();
        match by_page.get(&key) {
            Some((dir, id)) if *dir == service_dir && *id != page.operation.operation => {
                if let Some(deprecation) = &mut page.operation.deprecated {
                    deprecation.replacement = Some(id.clone());
                }
            }
            _ => {
                if let Some(entry) = report.pages.iter_mut().find(|r| r.page == page.source) {
                    entry.findings.push(Finding::new(
                        Severity::Info,
                        "replacement-not-imported",
                        0,
                        format!("the page names `{link}` as its replacement, which this run did not import"),
                    ));
                }
            }
        }
    }
}

/// Where a page comes from.
struct PageContext<'a> {
    path: &'a Path,
    /// `folder/sub/page.md`, as the report and `sources:` name it.
    source: &'a str,
    root: &'a str,
    service: &'a str,
}

fn import_page(
    context: &PageContext<'_>,
    text: &str,
    navigation: &mut Navigation,
    error_pages: &mut BTreeMap<String, service::ErrorPages>,
    provisional_ids: &mut BTreeSet<String>,
    pending: &mut Vec<Pending>,
) -> PageReport {
    let PageContext {
        path,
        source,
        root,
        service,
    } = *context;
    let page_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (page, mut findings) = match parse_page(path, text) {
        Some(parsed) => parsed,
        None => {
            return PageReport {
                page: source.to_owned(),
                status: Status::Skipped,
                operation: None,
                skipped: Some("format not supported yet"),
                findings: Vec::new(),
            };
        }
    };
    navigation.record(&page_name, &page);
    // A page outside a service's folder (a seed) names its service by its id.
    let from_id = page.id.as_deref().and_then(service_of_page_id);
    let service = match service {
        UNKNOWN_SERVICE => from_id.as_deref().unwrap_or(UNKNOWN_SERVICE),
        known => known,
    };
    let (extracted, more) = extract::operation(&page, source);
    findings.extend(more);
    match extracted {
        Extracted::Skipped(_) if let Some((codes, more)) = service::error_codes(&page) => {
            findings.extend(more);
            let count = codes.len();
            let conflicts = error_pages
                .entry(service.to_owned())
                .or_default()
                .add(service::source(&page, source), codes);
            findings.extend(
                conflicts
                    .into_iter()
                    .map(|c| Finding::at(Section::StatusCodes, Severity::Warning, "merge-conflict", 0, c)),
            );
            PageReport {
                page: source.to_owned(),
                status: Status::Skipped,
                operation: None,
                skipped: Some(if count == 0 {
                    "error-code page with no rows"
                } else {
                    "error codes, read into service.yaml"
                }),
                findings,
            }
        }
        Extracted::Skipped(reason) => {
            let bodies = service::error_bodies_in(&page);
            if !bodies.is_empty() {
                error_pages
                    .entry(service.to_owned())
                    .or_default()
                    .bodies
                    .extend(bodies);
            }
            if let Some(pattern) = service::endpoint_pattern(&page) {
                error_pages
                    .entry(service.to_owned())
                    .or_default()
                    .add_endpoint(pattern);
            }
            PageReport {
                page: source.to_owned(),
                status: if findings.iter().any(|f| f.severity == Severity::Error) {
                    Status::Failed
                } else {
                    Status::Skipped
                },
                operation: None,
                skipped: Some(reason),
                findings,
            }
        }
        Extracted::Operation(mut operation, replacement_link) => {
            // A provisional id, unique across services (a page placed later by
            // its URI moves service), so that the report can name the page's
            // operation until `ids::assign` gives the final one.
            operation.operation = unique_id(&operation.operation, provisional_ids);
            provisional_ids.insert(operation.operation.clone());
            let file = PathBuf::from(service)
                .join("operations")
                .join(format!("{}.yaml", operation.operation));
            let report = PageReport {
                page: source.to_owned(),
                status: status_of(&findings),
                operation: Some(format!("{service}.{}", operation.operation)),
                skipped: None,
                findings,
            };
            pending.push(Pending {
                file,
                source: source.to_owned(),
                root: root.to_owned(),
                page_name,
                operation: *operation,
                replacement_link,
            });
            report
        }
    }
}

/// Parses a page in whichever format it is in; `None` for a format not read.
pub fn parse_page(path: &Path, text: &str) -> Option<(page::Page, Vec<Finding>)> {
    match format_of(path, text)? {
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

/// By extension, or for `.txt` (the seeds) by content.
fn format_of(path: &Path, text: &str) -> Option<Format> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("md") => Some(Format::HuaweiMarkdown),
        Some("rst") => Some(Format::Rst),
        _ if text.contains(":original_name:") || text.contains("\n.. _") => Some(Format::Rst),
        _ if text.trim_start().starts_with("# ") && text.contains("<table") => Some(Format::HuaweiMarkdown),
        _ if rendered::looks_rendered(text) => Some(Format::Rendered),
        _ => None,
    }
}

fn unique_id(id: &str, taken: &BTreeSet<String>) -> String {
    if !taken.contains(id) {
        return id.to_owned();
    }
    (2..)
        .map(|n| format!("{id}_{n}"))
        .find(|c| !taken.contains(c))
        .expect("an unused id")
}

/// Spec YAML for an operation, as the importer writes it.
pub fn to_yaml(operation: &OperationFile) -> String {
    serde_yaml::to_string(operation).expect("spec types serialize")
}

fn relative_source(root_name: &str, path: &Path) -> Option<String> {
    let components: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let at = components.iter().rposition(|c| c == root_name)?;
    Some(components[at..].join("/"))
}

/// (root folder name, page path) for every page, sorted.
fn pages(inputs: &[PathBuf]) -> Vec<(String, PathBuf)> {
    let mut pages = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let root = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut stack = vec![input.clone()];
            while let Some(dir) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for entry in entries.flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if path
                        .extension()
                        .is_some_and(|e| e == "md" || e == "rst" || e == "txt")
                    {
                        pages.push((root.clone(), path));
                    }
                }
            }
        } else {
            let root = input
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            pages.push((root, input.clone()));
        }
    }
    pages.sort();
    pages
}

#[cfg(test)]
mod service_tests {
    use super::{service_of_folder, service_of_page_id};

    #[test]
    fn a_folder_names_its_service_by_the_word_that_is_not_cloud_language_or_date() {
        for (folder, service) in [
            ("huawei-dli-zh", Some("dli")),
            ("otc-dli-en-2024-05", Some("dli")),
            ("huawei-eip-zh", Some("eip")),
            ("otc-iam-en", Some("iam")),
            ("huaweicloud-rds-api-ref-en", Some("rds")),
            ("seeds", None),
            ("my-pages-zh", None),
        ] {
            assert_eq!(service_of_folder(folder).as_deref(), service, "{folder}");
        }
    }

    #[test]
    fn a_page_id_names_its_service_by_its_prefix() {
        assert_eq!(service_of_page_id("dli_02_0026").as_deref(), Some("dli"));
        assert_eq!(service_of_page_id("ges_03_0107").as_deref(), Some("ges"));
        assert_eq!(service_of_page_id("topic_300000000"), None);
        assert_eq!(service_of_page_id("overview"), None);
        assert_eq!(service_of_page_id("en-us_topic_0000001"), None);
    }
}
