//! Open Telekom Cloud documentation pages: reStructuredText with grid tables,
//! simple tables, `.. table::` captions, `:ref:` links and `.. code-block::`.

use std::path::Path;

use crate::import::page::{Block, Cell, Page, Table};
use crate::import::report::{Finding, Severity};

/// Parses a page; problems that cost content come back as findings.
pub fn parse(path: &Path, text: &str) -> (Page, Vec<Finding>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut scanner = Scanner::default();
    let mut i = 0;
    while i < lines.len() {
        i = scanner
            .directive(&lines, i)
            .unwrap_or_else(|| scanner.block(&lines, i));
    }
    let Scanner {
        mut findings,
        blocks,
        title,
        id,
        ..
    } = scanner;
    let page = Page::new(
        path,
        id,
        title,
        blocks,
        "a line underlined with `=`",
        &mut findings,
    );
    (page, findings)
}

/// The blocks read so far, and the labels and caption waiting for the next table.
#[derive(Default)]
struct Scanner {
    findings: Vec<Finding>,
    blocks: Vec<Block>,
    title: String,
    id: Option<String>,
    anchors: Vec<String>,
    caption: String,
}

impl Scanner {
    /// A directive at line `i` (label, table caption, code block, or another
    /// directive whose body is ordinary text); the line after it, or `None`.
    fn directive(&mut self, lines: &[&str], i: usize) -> Option<usize> {
        let line = lines[i];
        let trimmed = line.trim();
        // A label or caption may open a list item: `-  .. _en-us_topic_x:`.
        let directive = list_item_body(trimmed);
        if let Some(label) = directive.strip_prefix(".. _").and_then(|l| l.strip_suffix(':')) {
            if self.id.is_none() && self.title.is_empty() {
                self.id = Some(label.to_owned());
            }
            self.anchors.push(label.to_owned());
            return Some(i + 1);
        }
        if let Some(rest) = directive.strip_prefix(".. table::") {
            self.caption = inline_text(rest.trim()).0;
            return Some(i + 1);
        }
        if trimmed.starts_with(".. code-block::")
            || trimmed == "::"
            || trimmed.ends_with("::") && trimmed.starts_with(".. code")
        {
            let (code, next) = indented_block(lines, i + 1, indent_of(line));
            self.blocks.push(Block::Code {
                text: code,
                line: i + 1,
            });
            return Some(next);
        }
        // Other directives (note, important): their body is ordinary text.
        trimmed.starts_with(".. ").then_some(i + 1)
    }

    /// A table, a heading or a paragraph at line `i`; the line after it.
    fn block(&mut self, lines: &[&str], i: usize) -> usize {
        let trimmed = lines[i].trim();
        if trimmed.starts_with("+-") || trimmed.starts_with("+=") {
            let (table, next, problem) = grid_table(lines, i);
            if let Some((line, message)) = problem {
                self.findings
                    .push(Finding::new(Severity::Error, "bad-grid-table", line, message));
            }
            self.push_table(table, i + 1);
            return next;
        }
        if is_simple_border(trimmed) && lines.get(i + 1).is_some_and(|l| !l.trim().is_empty()) {
            let (table, next) = simple_table(lines, i);
            self.push_table(table, i + 1);
            return next;
        }
        if let Some(next) = lines.get(i + 1)
            && is_underline(next.trim(), trimmed)
        {
            self.heading(trimmed, next.trim(), i + 1);
            return i + 2;
        }
        if !trimmed.is_empty() && !trimmed.starts_with(":original_name:") {
            let text = trimmed.trim_start_matches("-  ").trim_start_matches("- ").trim();
            let (text, links) = inline_text(text);
            self.blocks.push(Block::Text {
                text,
                links,
                line: i + 1,
            });
        }
        i + 1
    }

    fn push_table(&mut self, table: Table, line: usize) {
        lead_caption(&self.blocks, &mut self.caption);
        let table = placed(table, &mut self.caption, &mut self.anchors, line);
        self.blocks.push(Block::Table(table));
    }

    /// A heading: its level from the underline's character.
    fn heading(&mut self, text: &str, underline: &str, line: usize) {
        let level = match underline.chars().next() {
            Some('=') => 1,
            Some('-') => 2,
            _ => 3,
        };
        let text = inline_text(text).0;
        if level == 1 && self.title.is_empty() {
            self.title = text.clone();
        }
        self.blocks.push(Block::Heading { level, text, line });
        self.anchors.clear();
    }
}

/// `-  text` or `*  text` → `text`.
fn list_item_body(line: &str) -> &str {
    line.strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .map_or(line, str::trim_start)
}

/// A table with no `.. table::` caption takes the short paragraph or list item
/// just before it (`-  Parameters in the request header`, `-  user`).
fn lead_caption(blocks: &[Block], caption: &mut String) {
    if caption.is_empty()
        && let Some(Block::Text { text, .. }) = blocks.last()
        && text.chars().count() <= 80
    {
        caption.clone_from(text);
    }
}

/// A parsed table with the caption and labels that preceded it, which it consumes.
fn placed(table: Table, caption: &mut String, anchors: &mut Vec<String>, line: usize) -> Table {
    Table {
        caption: std::mem::take(caption),
        anchors: std::mem::take(anchors),
        line,
        ..table
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn is_underline(line: &str, above: &str) -> bool {
    !above.is_empty()
        && line.len() >= above.chars().count().min(3)
        && line.chars().all(|c| c == line.chars().next().unwrap_or(' '))
        && line.starts_with(['=', '-', '~', '^', '"'])
        && !above.starts_with(['+', '='])
}

fn is_simple_border(line: &str) -> bool {
    line.starts_with('=') && line.contains(' ') && line.chars().all(|c| c == '=' || c == ' ')
}

/// The lines indented deeper than `parent`, dedented, and the index after them.
fn indented_block(lines: &[&str], start: usize, parent: usize) -> (String, usize) {
    let mut end = start;
    let mut body = Vec::new();
    while end < lines.len() {
        let line = lines[end];
        if !line.trim().is_empty() && indent_of(line) <= parent {
            break;
        }
        body.push(line);
        end += 1;
    }
    while body.first().is_some_and(|l| l.trim().is_empty()) {
        body.remove(0);
    }
    while body.last().is_some_and(|l| l.trim().is_empty()) {
        body.pop();
    }
    let indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| indent_of(l))
        .min()
        .unwrap_or(0);
    let text = body
        .iter()
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    (text, end)
}

/// Inline markup to text: `:ref:` links keep their text (targets returned),
/// emphasis and literals lose their markers.
pub fn inline_text(text: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut links = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(":ref:`") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 6..];
        let Some(end) = after.find('`') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let reference = &after[..end];
        match (reference.rfind('<'), reference.ends_with('>')) {
            (Some(open), true) => {
                out.push_str(reference[..open].trim());
                links.push(reference[open + 1..reference.len() - 1].to_owned());
            }
            _ => {
                out.push_str(reference);
                links.push(reference.to_owned());
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    let out = out
        .replace("**", "")
        .replace("``", "")
        .replace("\\ ", "")
        .replace('\\', "");
    (out.trim().to_owned(), links)
}

/// Parses a grid table starting at `start`; returns it, the index after it, and a
/// problem if its lines do not line up.
fn grid_table(lines: &[&str], start: usize) -> (Table, usize, Option<(usize, String)>) {
    let indent = indent_of(lines[start]);
    let border = lines[start].get(indent..).unwrap_or_default().trim_end();
    let columns: Vec<usize> = border
        .char_indices()
        .filter(|(_, c)| *c == '+')
        .map(|(i, _)| i)
        .collect();
    let mut end = start;
    while end < lines.len() && {
        let t = lines[end].trim_start();
        t.starts_with('+') || t.starts_with('|')
    } {
        end += 1;
    }
    let mut header = Vec::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut current: Vec<String> = vec![String::new(); columns.len().saturating_sub(1)];
    let mut problem = None;
    for (n, line) in lines[start + 1..end].iter().enumerate() {
        let line = line.get(indent..).unwrap_or(line.trim_start()).trim_end();
        if line.starts_with('+') {
            let cells: Vec<String> = current.iter().map(|c| c.trim().to_owned()).collect();
            let is_header_separator = line.starts_with("+=");
            if is_header_separator && header.is_empty() {
                header = cells
                    .iter()
                    .map(|c| inline_text(&c.replace('\n', " ")).0)
                    .collect();
            } else if cells.iter().any(|c| !c.is_empty()) {
                rows.push(cells.iter().map(|c| cell(c)).collect());
            }
            current = vec![String::new(); columns.len().saturating_sub(1)];
            continue;
        }
        for (col, window) in columns.windows(2).enumerate() {
            let piece = char_slice(line, window[0] + 1, window[1]);
            if piece.is_none() && problem.is_none() {
                problem = Some((
                    start + n + 2,
                    format!("this grid table row does not reach column {}", col + 1),
                ));
            }
            let piece = piece.unwrap_or_default();
            let piece = piece.trim_end();
            let piece = piece.strip_prefix(' ').unwrap_or(piece);
            if !current[col].is_empty() || !piece.trim().is_empty() {
                current[col].push_str(piece);
                current[col].push('\n');
            }
        }
    }
    if !lines
        .get(end - 1)
        .is_some_and(|l| l.trim_start().starts_with('+'))
        && problem.is_none()
    {
        problem = Some((end, "the grid table does not end with a border line".into()));
    }
    (
        Table {
            header,
            rows,
            ..Table::default()
        },
        end,
        problem,
    )
}

/// Characters `from..to` of a line (grid columns count characters, not bytes).
fn char_slice(line: &str, from: usize, to: usize) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() < to {
        return (chars.len() > from).then(|| chars[from..].iter().collect());
    }
    Some(chars[from..to].iter().collect())
}

fn cell(text: &str) -> Cell {
    let joined = text
        .split("\n\n")
        .map(|paragraph| paragraph.lines().map(str::trim).collect::<Vec<_>>().join(" "))
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let joined: String = joined
        .lines()
        .map(|l| l.trim_start_matches("-  ").trim())
        .collect::<Vec<_>>()
        .join("\n");
    let (text, links) = inline_text(&joined);
    Cell { text, links }
}

/// A simple table: `====` borders, the header between the first two.
fn simple_table(lines: &[&str], start: usize) -> (Table, usize) {
    let indent = indent_of(lines[start]);
    let border = lines[start].trim_end().get(indent..).unwrap_or_default();
    let mut spans = Vec::new();
    let mut col_start = None;
    for (i, c) in border.char_indices().chain(std::iter::once((border.len(), ' '))) {
        match (c, col_start) {
            ('=', None) => col_start = Some(i),
            (' ', Some(s)) => {
                spans.push((s, i));
                col_start = None;
            }
            _ => {}
        }
    }
    let split = |line: &str| -> Vec<String> {
        let line = line.get(indent..).unwrap_or(line.trim_start());
        spans
            .iter()
            .enumerate()
            .map(|(n, (from, to))| {
                let to = if n + 1 == spans.len() {
                    line.chars().count().max(*to)
                } else {
                    *to
                };
                char_slice(line, *from, to).unwrap_or_default().trim().to_owned()
            })
            .collect()
    };
    let mut i = start + 1;
    let mut header = Vec::new();
    while i < lines.len() && !is_simple_border(lines[i].trim()) {
        header = split(lines[i]);
        i += 1;
    }
    i += 1;
    let mut rows: Vec<Vec<String>> = Vec::new();
    while i < lines.len() {
        let trimmed = lines[i].trim();
        if is_simple_border(trimmed) {
            i += 1;
            break;
        }
        if !trimmed.is_empty() {
            let cells = split(lines[i]);
            match rows.last_mut() {
                Some(last) if cells.first().is_some_and(String::is_empty) => {
                    for (target, extra) in last.iter_mut().zip(cells) {
                        if !extra.is_empty() {
                            target.push(' ');
                            target.push_str(&extra);
                        }
                    }
                }
                _ => rows.push(cells),
            }
        }
        i += 1;
    }
    let table = Table {
        header: header.iter().map(|h| inline_text(h).0).collect(),
        rows: rows.iter().map(|r| r.iter().map(|c| cell(c)).collect()).collect(),
        ..Table::default()
    };
    (table, i)
}
