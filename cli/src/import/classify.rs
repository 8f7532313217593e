//! What a page and each of its blocks are: the page's kind, the section each
//! block sits in, the status it sits under, and for each table the role it
//! plays. Building reads these decisions; it makes none of the same kind.
//!
//! The first roles come from a table's own place and header (this module);
//! nested objects, value lists and alternative forms are found by following
//! fields (`build::link`, `build::leftovers`); a table that gets no role at all
//! is reported as `unused-table` with the reason.

use super::lexicon::{
    self, Column, ENDPOINT_COLUMN_WORDS, ERROR_BODY_CAPTION_WORDS, HEADER_WORDS, PATH_CAPTION_WORDS,
    QUERY_CAPTION_WORDS, SINGLE_WORD_HEADERS, STATUS_LABELS, URI_HEADINGS,
};
use super::page::{Block, Page, Table};
use super::report::{Section, TableReport};
use hwcloud_model::spec::schema::HTTP_STATUSES;

/// What a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// Documents one operation: it has a `URI` section.
    Operation,
    /// A service's error codes: a table with a status and an error-code column.
    ErrorCodes,
    /// Regions and endpoints: a table with an endpoint column.
    Endpoints,
    /// Anything else (overview, concepts, guides showing method lines).
    Other,
}

impl PageKind {
    pub fn of(page: &Page) -> PageKind {
        let has_uri_heading = page.blocks.iter().any(
            |b| matches!(b, Block::Heading { text, level, .. } if *level > 1 && URI_HEADINGS.iter().any(|h| text.trim().starts_with(h))),
        );
        let tables = || {
            page.blocks.iter().filter_map(|b| match b {
                Block::Table(table) => Some(table),
                _ => None,
            })
        };
        if has_uri_heading {
            PageKind::Operation
        } else if tables().any(is_service_error_table) {
            PageKind::ErrorCodes
        } else if tables().any(|t| endpoint_column(t).is_some()) {
            PageKind::Endpoints
        } else {
            PageKind::Other
        }
    }

    /// Why a page of this kind is no operation, for the report.
    pub fn skipped(self) -> &'static str {
        match self {
            PageKind::Operation => "an operation page",
            PageKind::ErrorCodes => "error codes",
            PageKind::Endpoints => "regions and endpoints",
            PageKind::Other => "not an operation page",
        }
    }
}

/// A service's error-code table: a status column and an error-code column.
pub fn is_service_error_table(table: &Table) -> bool {
    table.column(Column::Status).is_some() && table.column(Column::ErrorCode).is_some()
}

/// The endpoint column of a regions-and-endpoints table (`终端节点（Endpoint）`).
pub fn endpoint_column(table: &Table) -> Option<usize> {
    table
        .header
        .iter()
        .position(|h| ENDPOINT_COLUMN_WORDS.iter().any(|w| h.to_lowercase().contains(w)))
}

/// The section each block belongs to, by the nearest heading (level 2 or deeper) above it.
pub fn sections(page: &Page) -> Vec<Section> {
    let mut current = Section::Other;
    page.blocks
        .iter()
        .map(|block| {
            if let Block::Heading { text, level, .. } = block
                && *level > 1
            {
                current = Section::of_heading(text);
            }
            current
        })
        .collect()
}

/// The status a line announces for the tables below it: `状态码： 200`,
/// `状态码为 201 时：`, `Status code: 400`, `Status Code 200`. Long text that only
/// mentions a status is not such a line.
pub fn status_line(text: &str) -> Option<u16> {
    let text = text.trim().trim_matches('*').trim();
    if text.chars().count() > 40 {
        return None;
    }
    let lower = text.to_lowercase();
    let rest = STATUS_LABELS.iter().find_map(|label| lower.strip_prefix(label))?;
    let digits: String = rest
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let status: u16 = digits.parse().ok()?;
    (digits.len() == 3 && HTTP_STATUSES.contains(&status)).then_some(status)
}

/// The status in force at each block: a status line sets it, a heading clears it.
pub fn statuses(page: &Page) -> Vec<Option<u16>> {
    let mut current = None;
    page.blocks
        .iter()
        .map(|block| {
            match block {
                Block::Heading { .. } => current = None,
                Block::Text { text, .. } => {
                    if let Some(status) = status_line(text) {
                        current = Some(status);
                    }
                }
                _ => {}
            }
            current
        })
        .collect()
}

/// The text just before block `index` when it introduces it: the caption of an
/// RST list item (`-  Parameters in the request header`) or a Markdown lead
/// (`-   groups格式说明`).
pub fn lead(page: &Page, index: usize) -> &str {
    match index.checked_sub(1).and_then(|i| page.blocks.get(i)) {
        Some(Block::Text { text, .. }) if text.chars().count() <= 80 => text,
        _ => "",
    }
}

/// Whether a table lists headers: its caption or lead says so, or every name in
/// its name column is an HTTP header name (`X-Auth-Token`, `Content-Type`).
pub fn is_header_table(table: &Table, lead: &str, name_column: usize) -> bool {
    let says = |text: &str| {
        let lower = text.to_lowercase();
        HEADER_WORDS.iter().any(|w| lower.contains(w))
    };
    // A dotted type name (`io.k8s.api.core.v1.HTTPHeader`) titles an object.
    let title = table.title().trim();
    let names_a_type = title.contains('.') && title.is_ascii() && !title.contains(char::is_whitespace);
    if says(title) && !names_a_type || table.caption.is_empty() && says(lead) {
        return true;
    }
    let names: Vec<&str> = table
        .rows
        .iter()
        .filter_map(|row| row.get(name_column))
        .map(|cell| cell.text.trim())
        .collect();
    !names.is_empty() && names.iter().all(|name| is_header_name(name))
}

/// `X-Auth-Token`, `Content-Type`, `Authorization`: capitalised words joined by
/// hyphens, or one of the single-word headers.
pub fn is_header_name(name: &str) -> bool {
    if SINGLE_WORD_HEADERS.contains(&name) {
        return true;
    }
    let words: Vec<&str> = name.split('-').collect();
    words.len() >= 2
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && w.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// Whether a status is a success or a redirect, whose body is the operation's
/// result rather than an error.
pub fn is_success(status: Option<u16>) -> bool {
    status.is_none_or(|s| s < 400)
}

/// Column positions of a parameter table, by header spelling.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    pub name: usize,
    pub required: Option<usize>,
    pub ty: Option<usize>,
    pub description: Option<usize>,
    pub range: Option<usize>,
    pub default: Option<usize>,
}

impl Columns {
    /// A parameter table's columns: it has a name column and is no status table.
    pub fn of(table: &Table) -> Option<Columns> {
        let name = table
            .column(Column::Name)
            .or_else(|| parameter_first_column(table))
            .filter(|_| !is_status_table(table))?;
        Some(Columns {
            name,
            required: table.column(Column::Mandatory),
            ty: table.column(Column::Type),
            description: table.column(Column::Description),
            range: table.column(Column::Range),
            default: table.column(Column::Default),
        })
    }

    /// Name and description only: a list of values, not fields.
    pub fn is_value_table(&self) -> bool {
        self.ty.is_none() && self.required.is_none()
    }
}

/// A first column headed by no known name but by a word for parameters
/// (`参数说明`), before a type column: the names.
fn parameter_first_column(table: &Table) -> Option<usize> {
    let first = table.header.first()?.to_lowercase();
    let names_parameters = first.contains("参数") || first.contains("parameter");
    (names_parameters && Column::of(&first).is_none() && table.column(Column::Type).is_some_and(|t| t > 0))
        .then_some(0)
}

/// A table of an operation's HTTP statuses: the status column first, no error codes.
pub fn is_status_table(table: &Table) -> bool {
    table.column(Column::Status) == Some(0) && table.column(Column::ErrorCode).is_none()
}

/// A table of error codes (a code column and a status or message column).
pub fn is_error_code_table(table: &Table) -> bool {
    table.column(Column::ErrorCode).is_some()
}

/// What a table of an operation page is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// No role yet; one left so at the end is `Unused`.
    Unassigned,
    StatusCodes,
    /// Request headers.
    Headers,
    /// A URI table: path parameters where the URI has the placeholder, query otherwise.
    UriParameters,
    Query,
    RequestBody,
    ResponseBody(Option<u16>),
    ResponseHeaders(Option<u16>),
    /// Another form of a response body: its fields join as optional ones.
    AlternativeBody,
    /// A nested table, become this object.
    Object(String),
    /// Another form of a nested object a field cites.
    AlternativeObject,
    /// The values a field takes.
    Values(String),
    /// Values no field refers to.
    OrphanValues,
    /// The JSON a string field holds.
    TextContent(String),
    /// The same rows as a table imported as this object (a page that prints
    /// a nested table twice).
    Repeat(String),
    /// A table of error codes: on an error-code page, read into `service.yaml`;
    /// on an operation page, left to the service's error-code pages.
    ErrorCodes,
    /// A regions-and-endpoints table, read for the service's endpoint pattern.
    Endpoints,
    /// A table to read beside the fields (resource types, metrics): kept in
    /// the operation's docs.
    Reference,
    /// A table in a part of the page that documents no part of the interface
    /// (the function section, examples, notes), with where it is.
    Prose(Section),
    Unused(String),
}

impl Role {
    /// The role's name in the report.
    pub fn name(&self) -> &'static str {
        match self {
            Role::Unassigned | Role::Unused(_) => "unused",
            Role::StatusCodes => "status-codes",
            Role::Headers => "header",
            Role::UriParameters => "uri",
            Role::Query => "query",
            Role::RequestBody => "request-body",
            Role::ResponseBody(_) => "response-body",
            Role::ResponseHeaders(_) => "response-header",
            Role::AlternativeBody => "alternative-body",
            Role::Object(_) => "object",
            Role::AlternativeObject => "alternative-object",
            Role::Values(_) | Role::OrphanValues => "values",
            Role::TextContent(_) => "text-content",
            Role::Repeat(_) => "repeat",
            Role::ErrorCodes => "error-codes",
            Role::Endpoints => "endpoints",
            Role::Reference => "reference",
            Role::Prose(_) => "prose",
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            Role::ResponseBody(status) | Role::ResponseHeaders(status) => status.map(|s| s.to_string()),
            Role::Object(name)
            | Role::Values(name)
            | Role::TextContent(name)
            | Role::Repeat(name)
            | Role::Unused(name) => Some(name.clone()),
            Role::Prose(section) => Some(format!("{section:?}").to_lowercase()),
            Role::OrphanValues => Some("no field refers to them".into()),
            _ => None,
        }
    }

    pub fn is_assigned(&self) -> bool {
        *self != Role::Unassigned
    }
}

/// One table of an operation page and where it stands.
#[derive(Debug, Clone)]
pub struct PageTable<'p> {
    /// The block index of the table on its page.
    pub block: usize,
    pub section: Section,
    pub table: &'p Table,
    /// Its columns, when it is a parameter table.
    pub columns: Option<Columns>,
}

/// The tables of an operation page, each with the role its place and header give.
pub fn tables<'p>(
    page: &'p Page,
    sections: &[Section],
    statuses: &[Option<u16>],
) -> (Vec<PageTable<'p>>, Vec<Role>) {
    let tables: Vec<PageTable> = page
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(block, b)| match b {
            Block::Table(table) => Some(PageTable {
                block,
                section: sections[block],
                table,
                columns: Columns::of(table),
            }),
            _ => None,
        })
        .collect();
    let mut first_roles = FirstRoles::default();
    let roles = tables
        .iter()
        .map(|t| first_roles.of(page, t, statuses[t.block]))
        .collect();
    (tables, roles)
}

/// Roles a table's place and header give, in page order: the first parameter
/// table of the request is its body, the first of each status its response body.
#[derive(Default)]
struct FirstRoles {
    request_body: bool,
    response_bodies: Vec<Option<u16>>,
}

impl FirstRoles {
    fn of(&mut self, page: &Page, t: &PageTable, status: Option<u16>) -> Role {
        if is_status_table(t.table) {
            return Role::StatusCodes;
        }
        let Some(columns) = &t.columns else {
            return Role::Unassigned;
        };
        let caption = t.table.title().to_lowercase();
        let headers = matches!(t.section, Section::Uri | Section::Request | Section::Response)
            && is_header_table(t.table, lead(page, t.block), columns.name);
        // `异常响应要素说明` beside `正常响应要素说明`: the body of the page's errors.
        let error_body = t.section == Section::Response
            && status.is_none()
            && ERROR_BODY_CAPTION_WORDS.iter().any(|w| caption.contains(w));
        let status = if error_body {
            Some(first_error_status(page))
        } else {
            status
        };
        match t.section {
            Section::Response if headers => Role::ResponseHeaders(status),
            Section::Response if self.response_bodies.contains(&status) => Role::Unassigned,
            Section::Response => {
                self.response_bodies.push(status);
                Role::ResponseBody(status)
            }
            Section::Uri | Section::Request if headers => Role::Headers,
            Section::Uri | Section::Request if names_uri(&caption) || t.section == Section::Uri => {
                Role::UriParameters
            }
            Section::Request if QUERY_CAPTION_WORDS.iter().any(|w| caption.contains(w)) => Role::Query,
            Section::Request if !self.request_body => {
                self.request_body = true;
                Role::RequestBody
            }
            _ => Role::Unassigned,
        }
    }
}

/// The first error status a status-code table of the page lists, else 400:
/// what an error-body table without a status line stands for.
fn first_error_status(page: &Page) -> u16 {
    page.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(table) if is_status_table(table) => Some(table),
            _ => None,
        })
        .flat_map(|table| {
            table
                .rows
                .iter()
                .filter_map(|row| row.first()?.text.trim().parse::<u16>().ok())
        })
        .find(|status| (400..600).contains(status))
        .unwrap_or(400)
}

/// `URI参数`, `URI parameters`: the word, not `security_group` in a caption.
fn names_uri(caption: &str) -> bool {
    caption
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word == "uri")
        || PATH_CAPTION_WORDS.iter().any(|w| caption.contains(w))
}

/// The role of a table nothing took: the parts of a page that document no
/// interface hold prose tables; a parameter table or one in an interface
/// section that no field reaches is unused, and says why.
pub fn leftover(t: &PageTable) -> Role {
    let interface = is_interface(t.section);
    if is_error_code_table(t.table) {
        Role::ErrorCodes
    } else if t.columns.is_some() && interface {
        Role::Unused("not referred to by any field".into())
    } else if t.columns.is_some() {
        Role::Unused(format!(
            "a parameter table in the {} section, where the importer reads none",
            format!("{:?}", t.section).to_lowercase()
        ))
    } else if interface {
        Role::Unused(format!(
            "no column names a parameter (header: {})",
            t.table.header.join(" | ")
        ))
    } else {
        Role::Prose(t.section)
    }
}

/// The sections that document the interface: where a table is read as fields.
pub fn is_interface(section: Section) -> bool {
    matches!(section, Section::Uri | Section::Request | Section::Response)
}

/// The roles of the tables of a page that documents no operation: error codes
/// and endpoints are read into the service file, anything else is prose.
pub fn other_page_tables(page: &Page) -> Vec<TableReport> {
    let sections = sections(page);
    page.blocks
        .iter()
        .zip(&sections)
        .filter_map(|(block, section)| match block {
            Block::Table(table) => Some((table, *section)),
            _ => None,
        })
        .map(|(table, section)| {
            let role = if is_service_error_table(table) {
                Role::ErrorCodes
            } else if endpoint_column(table).is_some() {
                Role::Endpoints
            } else {
                Role::Prose(section)
            };
            TableReport {
                line: table.line,
                caption: table.caption.clone(),
                role: role.name(),
                detail: role.detail(),
            }
        })
        .collect()
}

/// The report's line for each table.
pub fn report(tables: &[PageTable], roles: &[Role]) -> Vec<TableReport> {
    tables
        .iter()
        .zip(roles)
        .map(|(t, role)| TableReport {
            line: t.table.line,
            caption: t.table.caption.clone(),
            role: role.name(),
            detail: role.detail(),
        })
        .collect()
}

/// Whether `lexicon` recognises a caption as naming a query table under `URI`.
pub fn names_query(caption: &str) -> bool {
    lexicon::URI_QUERY_CAPTION_WORDS
        .iter()
        .any(|w| caption.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::page::Cell;

    fn table(caption: &str, header: &[&str], names: &[&str]) -> Table {
        Table {
            caption: caption.into(),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: names
                .iter()
                .map(|n| {
                    vec![Cell {
                        text: n.to_string(),
                        links: Vec::new(),
                    }]
                })
                .collect(),
            line: 1,
            ..Table::default()
        }
    }

    #[test]
    fn a_dotted_type_name_with_header_in_it_titles_an_object_not_headers() {
        let header = ["Parameter", "Mandatory", "Type", "Description"];
        let k8s = table(
            "Table 9 io.k8s.api.core.v1.HTTPHeader",
            &header,
            &["name", "value"],
        );
        assert!(!is_header_table(&k8s, "", 0));
        let headers = table("Table 3 Request header parameters", &header, &["name", "value"]);
        assert!(is_header_table(&headers, "", 0));
    }

    fn page(blocks: Vec<Block>) -> Page {
        Page::new(
            std::path::Path::new("p.md"),
            None,
            "T".into(),
            blocks,
            "",
            &mut Vec::new(),
        )
    }

    fn heading(text: &str) -> Block {
        Block::Heading {
            level: 2,
            text: text.into(),
            line: 1,
        }
    }

    fn text(text: &str) -> Block {
        Block::Text {
            text: text.into(),
            links: Vec::new(),
            line: 1,
        }
    }

    fn roles_of(blocks: Vec<Block>) -> Vec<Role> {
        let page = page(blocks);
        let (_, roles) = tables(&page, &sections(&page), &statuses(&page));
        roles
    }

    #[test]
    fn status_lines_in_both_languages() {
        assert_eq!(status_line("状态码： 200"), Some(200));
        assert_eq!(status_line("**状态码： 400**"), Some(400));
        assert_eq!(status_line("状态码为 201 时:"), Some(201));
        assert_eq!(status_line("Status code: 202"), Some(202));
        assert_eq!(status_line("Status Code 204"), Some(204));
        assert_eq!(status_line("状态码"), None);
        assert_eq!(status_line("状态码： 2000"), None);
        assert_eq!(
            status_line(
                "状态码请参见状态码章节，返回 200 表示请求成功并且附带了很长的说明文字，用来说明各种情况"
            ),
            None
        );
    }

    #[test]
    fn a_first_column_headed_for_parameters_before_a_type_column_holds_the_names() {
        let sdrs = table("表 3  tags字段说明", &["参数说明", "参数类型", "说明"], &["key"]);
        let columns = Columns::of(&sdrs).expect("a parameter table");
        assert_eq!((columns.name, columns.ty), (0, Some(1)));
        let mandatory = table("", &["参数说明", "是否必须", "参数类型", "说明"], &["key"]);
        assert_eq!(Columns::of(&mandatory).unwrap().required, Some(1));
        let english = table("", &["Parameter", "Mandatory or Not", "Description"], &["key"]);
        assert_eq!(Columns::of(&english).unwrap().required, Some(1));
        // Without a type column, or headed by another word, it is no parameter table.
        assert!(Columns::of(&table("", &["参数说明", "说明"], &["key"])).is_none());
        assert!(Columns::of(&table("", &["资源类型", "类型", "说明"], &["key"])).is_none());
    }

    #[test]
    fn header_names() {
        assert!(is_header_name("X-Auth-Token"));
        assert!(is_header_name("Content-Type"));
        assert!(is_header_name("X-Subject-Token"));
        assert!(is_header_name("Authorization"));
        assert!(!is_header_name("project_id"));
        assert!(!is_header_name("Name"));
        assert!(!is_header_name("page-size"));
    }

    #[test]
    fn pages_are_operations_error_codes_endpoints_or_other() {
        assert_eq!(PageKind::of(&page(vec![heading("URI")])), PageKind::Operation);
        assert_eq!(PageKind::of(&page(vec![heading("概述")])), PageKind::Other);
        let codes = table("", &["状态码", "错误码", "错误信息"], &["400"]);
        assert_eq!(
            PageKind::of(&page(vec![Block::Table(codes)])),
            PageKind::ErrorCodes
        );
        let endpoints = table(
            "",
            &["区域名称", "区域", "终端节点（Endpoint）"],
            &["华北-北京四"],
        );
        assert_eq!(
            PageKind::of(&page(vec![Block::Table(endpoints)])),
            PageKind::Endpoints
        );
    }

    #[test]
    fn tables_take_their_roles_from_section_caption_and_status() {
        let params = ["参数", "是否必选", "参数类型", "描述"];
        let roles = roles_of(vec![
            heading("URI"),
            Block::Table(table("表1 路径参数", &params, &["project_id"])),
            heading("请求参数"),
            Block::Table(table("表2 请求Header参数", &params, &["X-Auth-Token"])),
            Block::Table(table("表3 Query参数", &params, &["limit"])),
            Block::Table(table("表4 请求Body参数", &params, &["name"])),
            Block::Table(table("表5 tags", &params, &["key"])),
            heading("响应参数"),
            text("状态码： 200"),
            Block::Table(table("表6 响应Body参数", &params, &["id"])),
            text("状态码： 400"),
            Block::Table(table("表7 响应Body参数", &params, &["error_code"])),
            heading("状态码"),
            Block::Table(table("", &["状态码", "描述"], &["200"])),
        ]);
        assert_eq!(
            roles,
            [
                Role::UriParameters,
                Role::Headers,
                Role::Query,
                Role::RequestBody,
                Role::Unassigned,
                Role::ResponseBody(Some(200)),
                Role::ResponseBody(Some(400)),
                Role::StatusCodes,
            ]
        );
    }

    #[test]
    fn an_abnormal_response_table_is_the_body_of_the_pages_first_error_status() {
        let params = ["参数", "参数类型", "描述"];
        let roles = roles_of(vec![
            heading("响应消息"),
            Block::Table(table("表4 正常响应要素说明", &params, &["job_id"])),
            Block::Table(table("表5 异常响应要素说明", &params, &["error"])),
            heading("返回值"),
            Block::Table(table("", &["状态码", "描述"], &["200"])),
            Block::Table(table("", &["状态码", "描述"], &["404"])),
        ]);
        assert_eq!(
            &roles[..2],
            [Role::ResponseBody(None), Role::ResponseBody(Some(404))]
        );
        // VOD: `处理成功返回参数` then `处理失败返回参数`; IAM: `Error Reponse Body`, as printed.
        for caption in ["表 13  处理失败返回参数", "Error Reponse Body参数说明"] {
            let roles = roles_of(vec![
                heading("返回参数"),
                Block::Table(table("表 4  处理成功返回参数", &params, &["asset_id"])),
                Block::Table(table(caption, &params, &["error_code"])),
                heading("状态码"),
                Block::Table(table("", &["状态码", "描述"], &["400"])),
            ]);
            assert_eq!(roles[1], Role::ResponseBody(Some(400)), "{caption}");
        }
    }

    #[test]
    fn a_table_nothing_takes_is_unused_with_its_reason_unless_it_is_prose() {
        let page = page(vec![
            heading("功能介绍"),
            Block::Table(table("", &["版本", "说明"], &["v1"])),
            heading("请求参数"),
            Block::Table(table("", &["参数", "类型"], &["a"])),
            Block::Table(table("", &["字段一", "字段二"], &["x"])),
            Block::Table(table("", &["错误码", "错误信息"], &["X.1"])),
        ]);
        let (tables, _) = tables(&page, &sections(&page), &statuses(&page));
        let leftovers: Vec<Role> = tables.iter().map(leftover).collect();
        assert_eq!(leftovers[0], Role::Prose(Section::Function));
        assert_eq!(leftovers[1], Role::Unused("not referred to by any field".into()));
        assert!(matches!(&leftovers[2], Role::Unused(why) if why.contains("字段一 | 字段二")));
        assert_eq!(leftovers[3], Role::ErrorCodes);
    }
}
