//! Huawei Cloud documentation pages: Markdown with embedded HTML tables
//! (`huaweicloudDocs/*`, `cn.zh-cn/API参考`).

use std::path::Path;

use scraper::{ElementRef, Html, Selector};

use crate::import::lexicon::{Column, MARKDOWN_CAPTION_SUFFIX};
use crate::import::page::{Block, Cell, Page, Table};
use crate::import::report::{Finding, Severity};

/// Parses a page; problems that cost content come back as findings.
pub fn parse(path: &Path, text: &str) -> (Page, Vec<Finding>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut scanner = Scanner::default();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        i = if line.starts_with("```") {
            scanner.code(&lines, i)
        } else if line.starts_with("<table") {
            scanner.html_table(&lines, i)
        } else if line.starts_with('|') && lines.get(i + 1).is_some_and(|next| is_delimiter_row(next)) {
            scanner.pipe_table(&lines, i)
        } else {
            scanner.line(line, i + 1);
            i + 1
        };
    }
    let Scanner {
        mut findings,
        blocks,
        title,
        id,
        ..
    } = scanner;
    let page = Page::new(path, id, title, blocks, "a `# title` line", &mut findings);
    (page, findings)
}

/// The blocks read so far, and the anchors waiting for the next table.
#[derive(Default)]
struct Scanner {
    findings: Vec<Finding>,
    blocks: Vec<Block>,
    title: String,
    id: Option<String>,
    pending_anchors: Vec<String>,
}

impl Scanner {
    /// A fenced code block from line `i`; returns the line after it.
    fn code(&mut self, lines: &[&str], start: usize) -> usize {
        let mut code = Vec::new();
        let mut i = start + 1;
        while i < lines.len() && !lines[i].trim().starts_with("```") {
            code.push(lines[i]);
            i += 1;
        }
        if i == lines.len() {
            self.findings.push(Finding::new(
                Severity::Warning,
                "unclosed-code-fence",
                start + 1,
                "a code block is not closed",
            ));
        }
        self.blocks.push(Block::Code {
            text: dedent(&code),
            line: start + 1,
        });
        i + 1
    }

    /// An HTML table from line `start` to its `</table>`; returns the line after it.
    fn html_table(&mut self, lines: &[&str], start: usize) -> usize {
        let mut html = String::new();
        let mut i = start;
        while i < lines.len() {
            html.push_str(lines[i]);
            html.push('\n');
            if lines[i].contains("</table>") {
                break;
            }
            i += 1;
        }
        if i == lines.len() {
            self.findings.push(Finding::new(
                Severity::Error,
                "unclosed-table",
                start + 1,
                "a table is not closed; its rows may be incomplete",
            ));
        }
        let table = parse_table(&html, start + 1, &mut self.findings);
        self.push_table(table);
        i + 1
    }

    /// A pipe table: its header row, the delimiter row, then its rows.
    fn pipe_table(&mut self, lines: &[&str], start: usize) -> usize {
        let mut rows = vec![lines[start].trim()];
        let mut i = start + 2;
        while i < lines.len() && lines[i].trim().starts_with('|') {
            rows.push(lines[i].trim());
            i += 1;
        }
        let table = pipe_table(&rows, start + 1, &mut self.findings);
        self.push_table(table);
        i
    }

    fn push_table(&mut self, mut table: Table) {
        table.caption = caption_before(&self.blocks);
        table.anchors = std::mem::take(&mut self.pending_anchors);
        self.blocks.push(Block::Table(table));
    }

    /// A heading, an anchor line, or a paragraph.
    fn line(&mut self, line: &str, line_no: usize) {
        let anchors = anchor_names(line);
        if let Some(heading) = line.strip_prefix('#') {
            let level = 1 + heading.chars().take_while(|c| *c == '#').count() as u8;
            let text = clean_text(heading.trim_start_matches('#'));
            if level == 1 && self.title.is_empty() {
                self.title = text.clone();
                self.id = anchors.first().cloned();
            }
            self.blocks.push(Block::Heading {
                level,
                text,
                line: line_no,
            });
            self.pending_anchors.clear();
        } else if !anchors.is_empty() && clean_text(line).is_empty() {
            self.pending_anchors.extend(anchors);
        } else {
            let text = clean_text(line);
            if !text.is_empty() {
                self.blocks.push(Block::Text {
                    text,
                    links: markdown_link_targets(line),
                    line: line_no,
                });
            }
        }
    }
}

/// `|--|:--:|` under a pipe table's header row.
fn is_delimiter_row(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('|') && line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The cells of one `|a|b|` row; `\|` is a bar inside a cell.
fn pipe_cells(row: &str) -> Vec<&str> {
    let inner = row.strip_prefix('|').unwrap_or(row);
    let inner = inner
        .strip_suffix('|')
        .filter(|r| !r.ends_with('\\'))
        .unwrap_or(inner);
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = inner.as_bytes();
    for (at, _) in inner.match_indices('|') {
        if at > 0 && bytes[at - 1] == b'\\' {
            continue;
        }
        cells.push(&inner[start..at]);
        start = at + 1;
    }
    cells.push(&inner[start..]);
    cells
}

/// A Markdown pipe table (the pages generated from the API catalogue): the header
/// row, then one row per line.
fn pipe_table(rows: &[&str], line: usize, findings: &mut Vec<Finding>) -> Table {
    let header: Vec<String> = pipe_cells(rows[0]).into_iter().map(clean_text).collect();
    let mut body: Vec<Vec<Cell>> = Vec::new();
    for row in &rows[1..] {
        let mut cells: Vec<Cell> = pipe_cells(row).into_iter().map(pipe_cell).collect();
        // A row short of cells continues a rowspan of the leading columns: the
        // converter that wrote these pages drops spanned cells (`|模块|状态码|…`
        // then `|404|VPC.0003|…`).
        // A name column never spans rows: short rows of parameter tables lost a
        // trailing cell instead, and are padded with empty ones.
        let spans = header.first().is_none_or(|h| Column::of(h) != Some(Column::Name));
        if let Some(above) = body.last().filter(|_| spans && cells.len() < header.len()) {
            let missing = header.len() - cells.len();
            let mut filled: Vec<Cell> = above.iter().take(missing).cloned().collect();
            filled.append(&mut cells);
            cells = filled;
        }
        // A row longer than the header has a `|` its writer did not escape in
        // its last cell (`不能包含“|”`): the extra cells are that cell's text.
        if !header.is_empty() && cells.len() > header.len() {
            let rest = cells.split_off(header.len() - 1);
            let text = rest.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join("|");
            let links = rest.into_iter().flat_map(|c| c.links).collect();
            cells.push(Cell { text, links });
            findings.push(Finding::new(
                Severity::Info,
                "pipe-in-cell",
                line,
                "a row has more cells than the header: a `|` in its last cell, kept as text",
            ));
        }
        body.push(cells);
    }
    checked_table(header, body, line, findings)
}

/// A table of `header` and `rows` starting at `line`, with a finding when a row
/// has another number of cells than the header.
fn checked_table(
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    line: usize,
    findings: &mut Vec<Finding>,
) -> Table {
    if !header.is_empty() && rows.iter().any(|r| r.len() != header.len()) {
        findings.push(Finding::new(
            Severity::Warning,
            "ragged-table",
            line,
            "a table row has a different number of cells than the header",
        ));
    }
    Table {
        caption: String::new(),
        anchors: Vec::new(),
        header,
        rows,
        line,
    }
}

/// A pipe-table cell: `<br>` and the seam between two bold runs (`**4****6**`, the
/// way these pages list enumerated values) become line breaks.
fn pipe_cell(text: &str) -> Cell {
    let text = text.replace("****", "<br>").replace("\\|", "|");
    let lines: Vec<String> = text
        .split("<br>")
        .map(clean_text)
        .filter(|l| !l.is_empty())
        .collect();
    Cell {
        text: lines.join("\n"),
        links: markdown_link_targets(&text),
    }
}

/// `**表 2**  响应参数` just before a table is its caption.
/// Older pages introduce a table by a list item naming its field instead
/// (`-   groups格式说明`); a status line (`**状态码： 200**`) is no caption.
fn caption_before(blocks: &[Block]) -> String {
    match blocks.last() {
        Some(Block::Text { text, .. }) if text.starts_with('表') => text.clone(),
        Some(Block::Text { text, .. })
            if text.ends_with(MARKDOWN_CAPTION_SUFFIX)
                && text.chars().count() <= 40
                && !text.contains('。') =>
        {
            text.clone()
        }
        _ => String::new(),
    }
}

fn anchor_names(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("<a name=\"") {
        let after = &rest[at + 9..];
        if let Some(end) = after.find('"') {
            names.push(after[..end].to_owned());
            rest = &after[end..];
        } else {
            break;
        }
    }
    names
}

/// Markdown line to plain text: anchors, emphasis, escapes and list markers removed.
pub fn clean_text(line: &str) -> String {
    let mut text = line.to_owned();
    while let Some(start) = text.find("<a name=") {
        match text[start..].find("</a>") {
            Some(end) => text.replace_range(start..start + end + 4, ""),
            None => break,
        }
    }
    let text = text
        .replace("**", "")
        .replace("![](public_sys-resources/icon-note.gif)", "");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| "{}_*[]()#<>`!-.|~".contains(*n)) {
            out.push(chars.next().expect("peeked"));
        } else {
            out.push(c);
        }
    }
    let trimmed = out.trim().trim_start_matches('>').trim();
    let trimmed = trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("-"))
        .unwrap_or(trimmed);
    let without_links = strip_markdown_links(trimmed.trim());
    html_escape_decode(without_links.trim())
}

/// The targets of `[text](target)` links, in order.
fn markdown_link_targets(line: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let Some(end) = after.find(')') else { break };
        targets.push(after[..end].to_owned());
        rest = &after[end..];
    }
    targets
}

/// `[text](target)` → `text`.
fn strip_markdown_links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](") else {
            break;
        };
        let Some(end) = rest[open + close..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..open + close]);
        rest = &rest[open + close + end + 1..];
    }
    out.push_str(rest);
    out
}

fn html_escape_decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

fn dedent(lines: &[&str]) -> String {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a fixed selector")
}

/// Tables inside table cells deeper than this are not read: no reference page nests
/// more than two, and html5ever's tree and the row walk grow with the depth.
const MAX_TABLE_NESTING: usize = 8;

/// How deep `<table>` elements nest in `html`.
fn table_nesting(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for (at, _) in html.match_indices('<') {
        let after = &html.as_bytes()[at + 1..];
        let opens = |tag: &[u8]| {
            after
                .get(..tag.len())
                .is_some_and(|a| a.eq_ignore_ascii_case(tag))
        };
        if opens(b"table") {
            depth += 1;
            deepest = deepest.max(depth);
        } else if opens(b"/table") {
            depth = depth.saturating_sub(1);
        }
    }
    deepest
}

fn parse_table(html: &str, line: usize, findings: &mut Vec<Finding>) -> Table {
    let nesting = table_nesting(html);
    if nesting > MAX_TABLE_NESTING {
        findings.push(Finding::new(
            Severity::Error,
            "nested-tables",
            line,
            format!(
                "tables nest {nesting} deep here (at most {MAX_TABLE_NESTING} are read); the table is skipped"
            ),
        ));
        return Table {
            line,
            ..Table::default()
        };
    }
    let (header, grid) = grid(html);
    let rows: Vec<Vec<Cell>> = grid
        .into_iter()
        .filter(|row| row.iter().any(Option::is_some))
        .map(|row| row.into_iter().map(Option::unwrap_or_default).collect())
        .collect();
    checked_table(header, rows, line, findings)
}

/// The header row (a first row of `th` or in `thead`) and the body rows as a
/// grid, rowspan and colspan expanded (each at most 50).
fn grid(html: &str) -> (Vec<String>, Vec<Vec<Option<Cell>>>) {
    let document = Html::parse_fragment(html);
    let row_selector = selector("tr");
    let mut grid: Vec<Vec<Option<Cell>>> = Vec::new();
    let mut header = Vec::new();
    let mut body_rows = 0;
    for (r, row) in document.select(&row_selector).enumerate() {
        let cells = row_cells(row);
        if r == 0 && header.is_empty() && is_header_row(row) {
            header = cells.into_iter().map(|(c, _, _)| c.text).collect();
        } else {
            place_row(&mut grid, body_rows, cells);
            body_rows += 1;
        }
    }
    (header, grid)
}

fn is_header_row(row: ElementRef<'_>) -> bool {
    row.children()
        .filter_map(ElementRef::wrap)
        .any(|c| c.value().name() == "th")
        || row
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "thead")
}

/// A row's cells with their rowspan and colspan.
fn row_cells(row: ElementRef<'_>) -> Vec<(Cell, usize, usize)> {
    row.children()
        .filter_map(ElementRef::wrap)
        .filter(|c| matches!(c.value().name(), "td" | "th"))
        .map(|cell| {
            let span = |name: &str| {
                cell.value()
                    .attr(name)
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 50)
            };
            (cell_content(cell), span("rowspan"), span("colspan"))
        })
        .collect()
}

/// Places body row `r`'s cells in the grid, past cells a rowspan above filled,
/// each cell over the rows and columns it spans.
fn place_row(grid: &mut Vec<Vec<Option<Cell>>>, r: usize, cells: Vec<(Cell, usize, usize)>) {
    // A rowspan above may have created this row already.
    while grid.len() <= r {
        grid.push(Vec::new());
    }
    let mut col = 0;
    for (cell, rowspan, colspan) in cells {
        while grid[r].get(col).is_some_and(Option::is_some) {
            col += 1;
        }
        for dr in 0..rowspan {
            while grid.len() <= r + dr {
                grid.push(Vec::new());
            }
            for dc in 0..colspan {
                let target = &mut grid[r + dr];
                if target.len() <= col + dc {
                    target.resize(col + dc + 1, None);
                }
                target[col + dc] = Some(cell.clone());
            }
        }
        col += colspan;
    }
}

/// A cell's text, paragraphs and line breaks as newlines, and its links.
fn cell_content(cell: ElementRef<'_>) -> Cell {
    let mut text = String::new();
    let mut links = Vec::new();
    collect(cell, &mut text, &mut links);
    let text = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Cell { text, links }
}

fn collect(element: ElementRef<'_>, text: &mut String, links: &mut Vec<String>) {
    use scraper::Node as N;
    // Iterative: a cell's markup may nest as deep as the page likes.
    for edge in element.traverse().skip(1) {
        let (node, opening) = match edge {
            ego_tree::iter::Edge::Open(node) => (node, true),
            ego_tree::iter::Edge::Close(node) => (node, false),
        };
        if node.id() == element.id() {
            break;
        }
        match node.value() {
            N::Text(t) if opening => text.push_str(t),
            N::Element(e) => {
                if opening
                    && e.name() == "a"
                    && let Some(href) = e.attr("href")
                {
                    links.push(href.to_owned());
                }
                let block = matches!(e.name(), "p" | "br" | "li" | "div" | "ul" | "ol" | "tr");
                if block && !text.ends_with('\n') {
                    text.push('\n');
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unescaped_pipe_in_the_last_cell_stays_in_it() {
        let rows = [
            "|参数|参数类型|是否必选|描述|",
            "|key|String|是|键。|",
            "|value|String|否|不能包含：“\\”,“|”,“/”|",
        ];
        let mut findings = Vec::new();
        let table = pipe_table(&rows, 7, &mut findings);
        assert_eq!(table.rows[1].len(), 4);
        assert_eq!(table.rows[1][3].text, "不能包含：“\\”,“|”,“/”");
        let codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["pipe-in-cell"], "no ragged-table warning");
    }
}
