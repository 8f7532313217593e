//! Service files from the error-code pages and the service's general pages.
//!
//! An error-code page has a table with a status column and an error-code column;
//! its rows become `error_codes`, each text filed under the language it is
//! written in (GES prints English messages on its Chinese pages). The shapes of
//! the error body come from the operations' error examples and error-status
//! tables and from the JSON general pages print; the endpoint pattern from a
//! regions-and-endpoints table. The name is not on any page: it, and whatever a
//! reviewer set, is kept from the `service.yaml` already in the output directory.

use std::collections::BTreeMap;

use serde_json::Value;

mod error_examples;
mod files;

pub use files::files;

use hwcloud_model::spec::types::TypeExpr;
use hwcloud_runtime::Cloud;

use super::classify;
use super::lexicon::Column;
use super::page::{Block, Cell, Page, Table};
use super::report::{Finding, Section, Severity};
use hwcloud_model::spec::schema::{
    ErrorBodyShape, ErrorCodeEntry, ExampleKind, Field, HTTP_STATUSES, Lang, OperationFile, ServiceFile,
    Source, Text,
};

/// The error codes on one page; `None` when the page has no error-code table.
pub fn error_codes(page: &Page) -> Option<(Vec<ErrorCodeEntry>, Vec<Finding>)> {
    let mut entries = Vec::new();
    let mut findings = Vec::new();
    let mut found = false;
    for block in &page.blocks {
        let Block::Table(table) = block else { continue };
        let Some(columns) = ErrorColumns::of(table) else {
            continue;
        };
        found = true;
        for row in &table.rows {
            let cell = |i: Option<usize>| {
                i.and_then(|i| row.get(i))
                    .map(|c| c.text.trim().to_owned())
                    .unwrap_or_default()
            };
            let code = cell(Some(columns.code));
            let status = cell(Some(columns.status));
            if code.is_empty() {
                continue;
            }
            let Some(status) = status.parse::<u16>().ok().filter(|s| HTTP_STATUSES.contains(s)) else {
                findings.push(Finding::at(
                    Section::StatusCodes,
                    Severity::Warning,
                    "bad-status",
                    table.line,
                    format!("error code `{code}`: status `{status}` is not an HTTP status; row left out"),
                ));
                continue;
            };
            entries.push(ErrorCodeEntry {
                status,
                code,
                message: by_language(cell(columns.message)),
                description: by_language(cell(columns.description)),
                remedy: by_language(cell(columns.remedy)),
                hand_edit: None,
            });
        }
    }
    found.then_some((entries, findings))
}

struct ErrorColumns {
    status: usize,
    code: usize,
    message: Option<usize>,
    description: Option<usize>,
    remedy: Option<usize>,
}

impl ErrorColumns {
    fn of(table: &Table) -> Option<ErrorColumns> {
        Some(ErrorColumns {
            status: table.column(Column::Status)?,
            code: table.column(Column::ErrorCode)?,
            message: table.column(Column::ErrorMessage),
            description: table.column(Column::Description),
            remedy: table.column(Column::Remedy),
        })
    }
}

/// A cell's text under the language it is written in ([`Lang::of_text`]).
fn by_language(text: String) -> Text {
    if text.is_empty() {
        return Text::default();
    }
    match Lang::of_text(&text) {
        Lang::Zh => Text {
            zh: Some(text),
            en: None,
        },
        Lang::En => Text {
            en: Some(text),
            zh: None,
        },
    }
}

/// Everything the error-code pages of one service said.
#[derive(Debug, Default)]
pub struct ErrorPages {
    pub sources: Vec<Source>,
    pub codes: Vec<ErrorCodeEntry>,
    /// Error bodies the service's general pages print.
    pub bodies: Vec<Value>,
    /// The endpoint patterns endpoint pages' tables give: Huawei Cloud's, and
    /// other clouds' by id (the first page of each cloud stands).
    pub endpoint: Option<String>,
    pub other_endpoints: BTreeMap<String, String>,
}

impl ErrorPages {
    /// Adds a page's codes: one entry per code, texts filled per language;
    /// returns what two pages disagree on.
    pub fn add(&mut self, source: Source, codes: Vec<ErrorCodeEntry>) -> Vec<String> {
        let mut conflicts = Vec::new();
        self.sources.push(source);
        for entry in codes {
            match self.codes.iter_mut().find(|e| e.code == entry.code) {
                None => self.codes.push(entry),
                Some(known) => {
                    if known.status != entry.status {
                        conflicts.push(format!(
                            "error code `{}`: status {} on one page, {} on another; {} kept",
                            entry.code, known.status, entry.status, known.status
                        ));
                    }
                    for (mine, theirs) in [
                        (&mut known.message, entry.message),
                        (&mut known.description, entry.description),
                        (&mut known.remedy, entry.remedy),
                    ] {
                        if mine.en.is_none() {
                            mine.en = theirs.en;
                        }
                        if mine.zh.is_none() {
                            mine.zh = theirs.zh;
                        }
                    }
                }
            }
        }
        conflicts
    }

    /// The service file, with name, description, endpoint and error-body shapes
    /// taken from `existing` where it has them (error-body shapes the examples show
    /// are added), and the codes a reviewer edited there (`hand_edit`). A hand
    /// edit the pages now contradict is kept and listed in the returned conflicts.
    pub fn service_file(
        self,
        service: &str,
        operations: &[&OperationFile],
        existing: Option<&ServiceFile>,
    ) -> (ServiceFile, Vec<(Severity, &'static str, String)>) {
        let mut codes = self.codes;
        let mut conflicts = keep_hand_edited_codes(&mut codes, existing);
        conflicts.extend(messages_or_left_out(&mut codes));
        let bodies = self.bodies;
        codes.sort_by(|a, b| a.code.cmp(&b.code));
        let mut assumed = Vec::new();
        let mut shapes = error_body_shapes(operations, &codes, &bodies, &mut assumed);
        if existing.is_none_or(|e| e.error_body.is_empty()) {
            conflicts.extend(
                assumed
                    .into_iter()
                    .map(|a| (Severity::Warning, "assumed-error-body", a)),
            );
        } else if !assumed.is_empty() {
            // The reviewed shapes stand; nothing assumed joins them.
            shapes.clear();
        }
        let endpoints = (self.endpoint, self.other_endpoints);
        let mut file = match existing {
            Some(existing) => updated(existing, self.sources, codes, shapes, endpoints),
            None => new_file(service, self.sources, codes, shapes, endpoints),
        };
        let (shown, said) = error_examples::codes_shown(operations, &file.error_body, &file.error_codes);
        file.error_codes.extend(shown);
        file.error_codes.sort_by(|a, b| a.code.cmp(&b.code));
        conflicts.extend(
            said.into_iter()
                .map(|s| (Severity::Info, "error-code-from-example", s)),
        );
        (file, conflicts)
    }
}

/// The endpoint patterns the pages give: Huawei Cloud's, and other clouds' by id.
type Endpoints = (Option<String>, BTreeMap<String, String>);

/// The existing service file with what the pages say now: sources, codes,
/// the reviewed error shapes first and any the examples show besides, and
/// endpoints it does not state yet.
fn updated(
    existing: &ServiceFile,
    sources: Vec<Source>,
    codes: Vec<ErrorCodeEntry>,
    shapes: Vec<ErrorBodyShape>,
    (huawei, others): Endpoints,
) -> ServiceFile {
    let mut endpoints = existing.endpoints.clone();
    for (cloud, pattern) in others {
        endpoints.entry(cloud).or_insert(pattern);
    }
    ServiceFile {
        sources,
        error_codes: codes,
        error_body: existing
            .error_body
            .iter()
            .cloned()
            .chain(shapes.into_iter().filter(|s| !existing.error_body.contains(s)))
            .collect(),
        endpoint: existing.endpoint.clone().or(huawei),
        endpoints,
        ..existing.clone()
    }
}

/// A first service file: its name is the id in capitals until a reviewer names it.
fn new_file(
    service: &str,
    sources: Vec<Source>,
    codes: Vec<ErrorCodeEntry>,
    shapes: Vec<ErrorBodyShape>,
    (huawei, others): Endpoints,
) -> ServiceFile {
    ServiceFile {
        service: service.to_owned(),
        name: Text {
            en: Some(service.to_uppercase()),
            zh: None,
        },
        description: Text::default(),
        endpoint: huawei,
        endpoints: others,
        planes: Vec::new(),
        sources,
        error_body: shapes,
        error_codes: codes,
        examples: Vec::new(),
        waiters: Vec::new(),
    }
}

/// Every error code needs a message: where no page gives one, the description
/// is the message (tables whose message column is headed otherwise, or that
/// have none); a code with neither is left out, and said.
fn messages_or_left_out(codes: &mut Vec<ErrorCodeEntry>) -> Vec<(Severity, &'static str, String)> {
    let mut said = Vec::new();
    codes.retain_mut(|entry| {
        if entry.message.is_empty() && !entry.description.is_empty() {
            entry.message = std::mem::take(&mut entry.description);
            said.push((
                Severity::Info,
                "message-from-description",
                format!(
                    "error code `{}`: no message column; its description is the message",
                    entry.code
                ),
            ));
        }
        if entry.message.is_empty() {
            said.push((
                Severity::Warning,
                "error-code-without-message",
                format!(
                    "error code `{}` has no message or description on any page; left out",
                    entry.code
                ),
            ));
        }
        !entry.message.is_empty()
    });
    said
}

/// The codes a reviewer edited in the existing file (`hand_edit`) stand over
/// the pages'; one the pages now contradict is kept and listed.
fn keep_hand_edited_codes(
    codes: &mut Vec<ErrorCodeEntry>,
    existing: Option<&ServiceFile>,
) -> Vec<(Severity, &'static str, String)> {
    let mut conflicts = Vec::new();
    for kept in existing.iter().flat_map(|e| &e.error_codes) {
        let Some(why) = &kept.hand_edit else { continue };
        match codes.iter_mut().find(|c| c.code == kept.code) {
            Some(listed) => {
                let page_says = listed.clone();
                *listed = kept.clone();
                let with_edit = ErrorCodeEntry {
                    hand_edit: Some(why.clone()),
                    ..page_says
                };
                if with_edit != *kept {
                    conflicts.push((
                        Severity::Warning,
                        "hand-edit-conflict",
                        format!(
                            "error code {}: kept the hand edit ({why}); the page now says otherwise",
                            kept.code
                        ),
                    ));
                }
            }
            None => codes.push(kept.clone()),
        }
    }
    conflicts
}

impl ErrorPages {
    /// Files a pattern read from an endpoint table as Huawei Cloud's `endpoint`,
    /// or under the cloud whose domain it ends with (`otc.t-systems.com`).
    pub fn add_endpoint(&mut self, pattern: String) {
        match Cloud::of_host(&pattern) {
            Some(cloud) if cloud != Cloud::HuaweiCloud => {
                self.other_endpoints
                    .entry(cloud.id().to_owned())
                    .or_insert(pattern);
            }
            _ => {
                self.endpoint.get_or_insert(pattern);
            }
        }
    }
}

/// The error-body shapes the service documents, most used first: from the
/// operations' error examples, their error-status body tables, and the JSON the
/// service's general pages print (`返回体格式`, `Error response`). Where nothing
/// states one, the two shapes of the Huawei Cloud family, said in `findings`.
fn error_body_shapes(
    operations: &[&OperationFile],
    codes: &[ErrorCodeEntry],
    page_bodies: &[Value],
    findings: &mut Vec<String>,
) -> Vec<ErrorBodyShape> {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let examples = operations
        .iter()
        .flat_map(|op| &op.examples)
        .filter(|e| e.kind == ExampleKind::Error)
        .filter_map(|e| serde_json::from_str::<Value>(&e.body).ok());
    let tables = operations.iter().flat_map(|op| {
        op.responses
            .iter()
            .filter(|body| body.status.iter().any(|s| *s >= 400))
            .filter_map(|body| shape_of_fields(&body.fields, op))
    });
    let shapes = examples
        .chain(page_bodies.iter().cloned())
        .filter_map(|body| shape_of_json(&body, codes))
        .chain(tables);
    for (code, message) in shapes {
        *counts.entry((code, message)).or_default() += 1;
    }
    let mut pairs: Vec<((String, String), usize)> = counts.into_iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut shapes: Vec<ErrorBodyShape> = pairs
        .into_iter()
        .map(|((code, message), _)| ErrorBodyShape {
            code: Some(code),
            message,
            success: None,
        })
        .collect();
    let documents_success = operations.iter().any(|op| {
        op.response.as_ref().is_some_and(|body| {
            let has = |name: &str, ty: TypeExpr| {
                body.fields
                    .iter()
                    .any(|f| f.name == name && TypeExpr::parse(&f.ty).is_ok_and(|t| t == ty))
            };
            has("is_success", TypeExpr::Boolean) && has("message", TypeExpr::String)
        })
    });
    if documents_success {
        shapes.push(ErrorBodyShape {
            code: None,
            message: "message".to_owned(),
            success: Some("is_success".to_owned()),
        });
    }
    if shapes.is_empty() {
        findings.push(
            "no page shows the error body; assumed the two shapes of Huawei Cloud services \
             (`error_code`/`error_msg`, `code`/`message`)"
                .to_owned(),
        );
        shapes = [("error_code", "error_msg"), ("code", "message")]
            .into_iter()
            .map(|(code, message)| ErrorBodyShape {
                code: Some(code.to_owned()),
                message: message.to_owned(),
                success: None,
            })
            .collect();
    }
    shapes
}

/// The (code key, message key) of an error body: top level, or one object
/// down (`{"error": {"code": …, "message": …}}` gives `error.code`, `error.message`).
pub fn shape_of_json(body: &Value, codes: &[ErrorCodeEntry]) -> Option<(String, String)> {
    let object = body.as_object()?;
    if let Some(shape) = shape_of_keys(object.iter().map(|(k, v)| (k.as_str(), v)), codes) {
        return Some(shape);
    }
    let (outer, inner) = object.iter().find(|(_, v)| v.is_object())?;
    let inner = inner.as_object()?;
    let (code, message) = shape_of_keys(inner.iter().map(|(k, v)| (k.as_str(), v)), codes)?;
    Some((format!("{outer}.{code}"), format!("{outer}.{message}")))
}

fn shape_of_keys<'a>(
    entries: impl Iterator<Item = (&'a str, &'a Value)> + Clone,
    codes: &[ErrorCodeEntry],
) -> Option<(String, String)> {
    let documented = entries.clone().find_map(|(key, value)| {
        let text = value.as_str()?.trim();
        codes.iter().any(|c| c.code == text).then_some(key)
    });
    let code = documented.or_else(|| entries.clone().map(|(k, _)| k).find(|k| is_code_key(k)))?;
    let message = entries
        .map(|(k, _)| k)
        .find(|k| *k != code && is_message_key(k))?;
    Some((code.to_owned(), message.to_owned()))
}

/// The shape an error-status body table documents, nested one object down too.
fn shape_of_fields(fields: &[Field], op: &OperationFile) -> Option<(String, String)> {
    let pick = |fields: &[Field]| {
        let code = fields.iter().find(|f| is_code_key(&f.name))?;
        let message = fields.iter().find(|f| is_message_key(&f.name))?;
        Some((code.name.clone(), message.name.clone()))
    };
    pick(fields).or_else(|| {
        fields.iter().find_map(|outer| {
            let Ok(TypeExpr::Ref(name)) = TypeExpr::parse(&outer.ty) else {
                return None;
            };
            let object = op.objects.iter().find(|o| o.name == name)?;
            let (code, message) = pick(&object.fields)?;
            Some((
                format!("{}.{code}", outer.name),
                format!("{}.{message}", outer.name),
            ))
        })
    })
}

fn is_code_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "code" | "error_code" | "errorcode" | "err_code" | "errcode"
    )
}

fn is_message_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    lower.contains("msg") || lower.contains("message")
}

/// The endpoint pattern of a regions-and-endpoints table (`终端节点（Endpoint）`,
/// `Endpoint`): each endpoint with its region id replaced by `{region}`
/// (`iam.cn-north-1.myhuaweicloud.com` → `iam.{region}.myhuaweicloud.com`), the
/// pattern most rows share. The region column is the one whose values the
/// endpoints contain.
pub fn endpoint_pattern(page: &Page) -> Option<String> {
    page.blocks.iter().find_map(|block| {
        let Block::Table(table) = block else { return None };
        let endpoint = classify::endpoint_column(table)?;
        let cell = |row: &[Cell], i: usize| row.get(i).map(|c| c.text.trim().to_owned()).unwrap_or_default();
        let region = (0..table.header.len())
            .filter(|i| *i != endpoint)
            .max_by_key(|i| {
                table
                    .rows
                    .iter()
                    .filter(|row| {
                        let value = cell(row, *i);
                        !value.is_empty() && cell(row, endpoint).contains(&format!(".{value}."))
                    })
                    .count()
            })?;
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for row in &table.rows {
            let (value, host) = (cell(row, region), cell(row, endpoint));
            let marked = format!(".{value}.");
            if !value.is_empty() && host.contains(&marked) && !host.contains(char::is_whitespace) {
                *counts.entry(host.replacen(&marked, ".{region}.", 1)).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .filter(|(_, n)| *n >= 2)
            .max_by_key(|(pattern, n)| (*n, std::cmp::Reverse(pattern.clone())))
            .map(|(pattern, _)| pattern)
    })
}

/// The JSON objects a page that is not an operation prints, when they look like
/// error bodies (a code key and a message key).
pub fn error_bodies_in(page: &Page) -> Vec<Value> {
    page.blocks
        .iter()
        .filter_map(|block| match block {
            Block::Code { text, .. } => serde_json::from_str::<Value>(text.trim()).ok(),
            _ => None,
        })
        .filter(|value| shape_of_json(value, &[]).is_some())
        .collect()
}

/// The source entry of an error-code page.
pub fn source(page: &Page, source_page: &str) -> Source {
    Source {
        page: source_page.to_owned(),
        lang: page.lang,
        id: page.id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cloud_keeps_the_first_pattern_its_endpoint_pages_give() {
        let mut pages = ErrorPages::default();
        for pattern in [
            "iam.{region}.myhuaweicloud.com",
            "iam.{region}.otc.t-systems.com",
            "iam-other.{region}.myhuaweicloud.com",
        ] {
            pages.add_endpoint(pattern.to_owned());
        }
        let (file, _) = pages.service_file("iam", &[], None);
        assert_eq!(file.endpoint.as_deref(), Some("iam.{region}.myhuaweicloud.com"));
        assert_eq!(
            file.endpoints.get("open-telekom-cloud").map(String::as_str),
            Some("iam.{region}.otc.t-systems.com")
        );
    }

    fn error_page(rows: &[[&str; 4]]) -> Page {
        let cells = |row: &[&str; 4]| {
            row.iter()
                .map(|t| Cell {
                    text: t.to_string(),
                    links: Vec::new(),
                })
                .collect()
        };
        let table = Table {
            header: ["状态码", "错误码", "错误信息", "描述"]
                .map(String::from)
                .to_vec(),
            rows: rows.iter().map(cells).collect(),
            line: 3,
            ..Table::default()
        };
        Page::new(
            std::path::Path::new("e.md"),
            None,
            "错误码".into(),
            vec![Block::Table(table)],
            "",
            &mut Vec::new(),
        )
    }

    #[test]
    fn a_row_whose_status_is_no_http_status_is_left_out_and_said() {
        let page = error_page(&[
            ["0", "X.1", "坏。", ""],
            ["400", "X.2", "坏。", ""],
            ["4OO", "X.3", "坏。", ""],
        ]);
        let (codes, findings) = error_codes(&page).unwrap();
        let kept: Vec<&str> = codes.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(kept, ["X.2"]);
        assert_eq!(findings.iter().filter(|f| f.code == "bad-status").count(), 2);
    }

    #[test]
    fn a_code_with_no_message_takes_its_description_or_is_left_out() {
        let page = error_page(&[["400", "X.1", "", "描述。"], ["400", "X.2", "", ""]]);
        let (codes, _) = error_codes(&page).unwrap();
        let mut pages = ErrorPages::default();
        pages.add(source(&page, "e.md"), codes);
        let (file, said) = pages.service_file("x", &[], None);
        let kept: Vec<(&str, Option<&str>)> = file
            .error_codes
            .iter()
            .map(|c| (c.code.as_str(), c.message.zh.as_deref()))
            .collect();
        assert_eq!(kept, [("X.1", Some("描述。"))]);
        assert!(
            said.iter()
                .any(|(_, code, _)| *code == "error-code-without-message")
        );
    }
}
