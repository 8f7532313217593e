//! The parameter tables of every page of a run, by page and by anchor: a field
//! whose description points at a table on another page (`其内容参考<a
//! href="查询Job状态.md#table0628">表3 job属性列表</a>`, an RST `:ref:` to
//! another page's label) finds it here.

use std::collections::HashMap;

use super::classify::{Columns, is_status_table};
use super::page::{Block, Page, Table};
use hwcloud_model::spec::schema::Lang;

/// A parameter table and its columns.
#[derive(Debug)]
pub struct LibraryTable {
    pub table: Table,
    pub columns: Columns,
}

/// One page's parameter tables.
#[derive(Debug)]
pub struct LibraryPage {
    /// `folder/page.md`, as the report names it.
    pub source: String,
    /// The page's file name, for links relative to it.
    pub name: String,
    pub lang: Lang,
    pub tables: Vec<LibraryTable>,
}

/// Every page's parameter tables, found by (folder, file name) and by (folder, anchor).
#[derive(Debug, Default)]
pub struct Library {
    pages: Vec<LibraryPage>,
    by_name: HashMap<(String, String), usize>,
    by_anchor: HashMap<(String, String), (usize, usize)>,
}

impl Library {
    /// Keeps the parameter tables of a page of folder `root`.
    pub fn record(&mut self, root: &str, name: &str, source: &str, page: &Page) {
        let tables: Vec<LibraryTable> = page
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(table) if !is_status_table(table) => Some(table),
                _ => None,
            })
            .filter_map(|table| {
                Columns::of(table).map(|columns| LibraryTable {
                    table: table.clone(),
                    columns,
                })
            })
            .collect();
        if tables.is_empty() {
            return;
        }
        let at = self.pages.len();
        for (t, table) in tables.iter().enumerate() {
            for anchor in &table.table.anchors {
                self.by_anchor
                    .entry((root.to_owned(), anchor.clone()))
                    .or_insert((at, t));
            }
        }
        self.by_name.insert((root.to_owned(), name.to_owned()), at);
        self.pages.push(LibraryPage {
            source: source.to_owned(),
            name: name.to_owned(),
            lang: page.lang,
            tables,
        });
    }

    /// The table a link from page `from` of folder `root` points at on another
    /// page: `other.md#anchor` on that page, a bare label (`#anchor`, an RST
    /// `:ref:`) on whichever other page has it.
    pub fn find(&self, root: &str, from: &str, link: &str) -> Option<(&LibraryPage, &LibraryTable)> {
        let (file, anchor) = link.rsplit_once('#').unwrap_or(("", link));
        let file = file.rsplit('/').next().unwrap_or(file);
        let (page, table) = if file.is_empty() || file == from {
            let &(page, table) = self.by_anchor.get(&(root.to_owned(), anchor.to_owned()))?;
            (page, table)
        } else {
            let &page = self.by_name.get(&(root.to_owned(), file.to_owned()))?;
            let table = self.pages[page]
                .tables
                .iter()
                .position(|t| t.table.anchors.iter().any(|a| a == anchor))?;
            (page, table)
        };
        let page = &self.pages[page];
        (page.name != from).then(|| (page, &page.tables[table]))
    }
}
