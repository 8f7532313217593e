//! A documentation page, whatever its source format: the parsers fill this, the
//! extractor reads only this.

use std::path::PathBuf;

use super::lexicon::{Column, TABLE_LABELS};
use super::report::{Finding, Severity};
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
            lang: language(&title, &blocks),
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

impl Table {
    /// Where the first column holding `column` is.
    pub fn column(&self, column: Column) -> Option<usize> {
        self.header.iter().position(|h| Column::of(h) == Some(column))
    }

    /// The number in `表 4` / `Table 4`, which descriptions cite.
    pub fn number(&self) -> Option<u32> {
        let rest = strip_label(&self.caption)?.trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    }

    /// The caption without its `表 N` / `Table N` label.
    pub fn title(&self) -> &str {
        let caption = self.caption.trim();
        let rest = strip_label(caption)
            .map(|r| r.trim_start().trim_start_matches(|c: char| c.is_ascii_digit()))
            .unwrap_or(caption);
        rest.trim()
    }
}

/// A caption without its leading `表` / `Table` label.
fn strip_label(caption: &str) -> Option<&str> {
    TABLE_LABELS.iter().find_map(|label| caption.strip_prefix(label))
}

/// A page's language: Chinese when its title or a heading is ([`Lang::of_text`]).
/// Headings decide, not body text: English pages quote Chinese values.
fn language(title: &str, blocks: &[Block]) -> Lang {
    let headings = blocks.iter().filter_map(|b| match b {
        Block::Heading { text, .. } => Some(text.as_str()),
        _ => None,
    });
    match std::iter::once(title)
        .chain(headings)
        .any(|t| Lang::of_text(t) == Lang::Zh)
    {
        true => Lang::Zh,
        false => Lang::En,
    }
}
