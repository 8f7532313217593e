//! A documentation page, whatever its source format: the parsers fill this, the
//! extractor reads only this.

use std::path::PathBuf;

use super::{Finding, Severity};
use hwcloud_model::spec::schema::Lang;

#[derive(Debug, Clone)]
pub struct Page {
    pub path: PathBuf,
    pub lang: Lang,
    /// The page's own id (`dli_02_0104`), where it states one.
    pub id: Option<String>,
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Page {
    /// A parsed page; a missing title is an error finding, `how_titled` says what
    /// a title looks like in the format.
    pub fn new(
        path: &std::path::Path,
        lang: Lang,
        id: Option<String>,
        title: String,
        blocks: Vec<Block>,
        how_titled: &str,
        findings: &mut Vec<Finding>,
    ) -> Page {
        if title.is_empty() {
            findings.push(Finding::new(
                Severity::Error,
                "no-title",
                1,
                format!("the page has no title ({how_titled})"),
            ));
        }
        Page {
            path: path.to_owned(),
            lang,
            id,
            title,
            blocks,
        }
    }
}

impl Page {
    /// The pages this page links to, by file name (`创建队列.md`), each once.
    pub fn linked_pages(&self) -> std::collections::BTreeSet<String> {
        let text_links = self.blocks.iter().flat_map(|b| match b {
            Block::Text { links, .. } => links.iter().collect::<Vec<_>>(),
            Block::Table(table) => table.rows.iter().flatten().flat_map(|c| &c.links).collect(),
            _ => Vec::new(),
        });
        text_links
            .filter_map(|link| {
                let file = link.split('#').next()?.rsplit('/').next()?;
                (!file.is_empty()).then(|| file.to_owned())
            })
            .collect()
    }
}

/// One block of the page, with the 1-based source line it starts at.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
        line: usize,
    },
    /// A paragraph or list item, with the targets of the links in it.
    Text {
        text: String,
        links: Vec<String>,
        line: usize,
    },
    Code {
        text: String,
        line: usize,
    },
    Table(Table),
}

impl Block {
    pub fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. } | Block::Text { line, .. } | Block::Code { line, .. } => *line,
            Block::Table(table) => table.line,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// `表 2 响应参数`, `Table 2 Response parameters`.
    pub caption: String,
    /// Names other text links to this table by (`table9391124139`, `dli_02_0102__table1`).
    pub anchors: Vec<String>,
    pub header: Vec<String>,
    /// Rows of cells, rowspan and colspan already expanded.
    pub rows: Vec<Vec<Cell>>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub text: String,
    /// Link targets in the cell: `#anchor` hrefs and `:ref:` labels.
    pub links: Vec<String>,
}

/// What a table column holds, known by the header spellings the pages use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Mandatory,
    Type,
    Description,
    Range,
    Default,
    Status,
    ErrorCode,
    ErrorMessage,
    Remedy,
}

impl Column {
    const SPELLINGS: &[(Column, &[&str])] = &[
        (
            Column::Name,
            &[
                "参数名称",
                "参数",
                "名称",
                "参数名",
                "属性",
                "字段",
                "Parameter",
                "Name",
                "Parameter Name",
            ],
        ),
        (
            Column::Mandatory,
            &["是否必选", "是否为必选", "必选", "Mandatory", "Required"],
        ),
        (
            Column::Type,
            &["参数类型", "类型", "Type", "Parameter Type", "Data Type"],
        ),
        (
            Column::Description,
            &["说明", "描述", "含义", "备注", "Description"],
        ),
        (Column::Range, &["取值范围", "Value Range", "Range"]),
        (Column::Default, &["默认值", "Default Value", "Default"]),
        (
            Column::Status,
            &["状态码", "返回值", "Status Code", "HTTP Status Code"],
        ),
        (Column::ErrorCode, &["错误码", "Error Code", "Error Codes"]),
        (Column::ErrorMessage, &["错误信息", "Error Message", "Message"]),
        (
            Column::Remedy,
            &["处理措施", "Solution", "Handling Measure", "Measure"],
        ),
    ];

    /// The column a header names, in either language, any letter case.
    pub fn of(header: &str) -> Option<Column> {
        let header = header.trim();
        Column::SPELLINGS
            .iter()
            .find(|(_, names)| names.iter().any(|n| header.eq_ignore_ascii_case(n)))
            .map(|(column, _)| *column)
    }
}

/// A mandatory-column cell: `是`, `Yes`, `M` … or `否`, `No`, `O` ….
pub fn mandatory(text: &str) -> Option<bool> {
    match text.trim() {
        "是" | "Yes" | "yes" | "YES" | "True" | "true" | "必选" | "M" => Some(true),
        "否" | "No" | "no" | "NO" | "False" | "false" | "可选" | "O" => Some(false),
        _ => None,
    }
}

impl Table {
    /// Where the first column holding `column` is.
    pub fn column(&self, column: Column) -> Option<usize> {
        self.header.iter().position(|h| Column::of(h) == Some(column))
    }

    /// The number in `表 4` / `Table 4`, which descriptions cite.
    pub fn number(&self) -> Option<u32> {
        let rest = self
            .caption
            .strip_prefix("表")
            .or_else(|| self.caption.strip_prefix("Table"))?
            .trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    }

    /// The caption without its `表 N` / `Table N` label.
    pub fn title(&self) -> &str {
        let caption = self.caption.trim();
        let rest = caption
            .strip_prefix("表")
            .or_else(|| caption.strip_prefix("Table"))
            .map(|r| r.trim_start().trim_start_matches(|c: char| c.is_ascii_digit()))
            .unwrap_or(caption);
        rest.trim()
    }
}
