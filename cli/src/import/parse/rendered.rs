//! Documentation pages saved as rendered text (what a browser's "save as text"
//! gives for an Open Telekom Cloud help page): headings and table captions end in
//! `¶`, every table cell is its own paragraph, and site navigation surrounds the
//! article.

use std::path::Path;

use crate::import::lexicon::{Column, RENDERED_PAGER_LINES, RENDERED_UPDATED_LABEL, TABLE_LABELS, mandatory};
use crate::import::page::{Block, Cell, Page, Table};
use crate::import::report::{Finding, Severity};

/// The mark rendered pages put after headings and table captions.
const PILCROW: char = '¶';

/// Whether a text looks like a rendered page rather than another format.
pub fn looks_rendered(text: &str) -> bool {
    text.lines().any(|l| l.trim_end().ends_with(PILCROW))
}

/// Parses a page; problems that cost content come back as findings.
pub fn parse(path: &Path, text: &str) -> (Page, Vec<Finding>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut findings = Vec::new();
    let mut blocks = Vec::new();
    // The article runs from the first `¶` line (its title) to the pager.
    let start = lines.iter().position(|l| l.trim_end().ends_with(PILCROW));
    let end = lines
        .iter()
        .position(|l| {
            let l = l.trim();
            RENDERED_PAGER_LINES.contains(&l) || l.starts_with(RENDERED_UPDATED_LABEL)
        })
        .filter(|end| start.is_some_and(|start| *end > start))
        .unwrap_or(lines.len());
    let mut title = String::new();
    let mut i = start.unwrap_or(lines.len());
    while i < end {
        let line_no = i + 1;
        let trimmed = lines[i].trim();
        if trimmed.is_empty() {
            i += 1;
            continue;
        }
        if let Some(heading) = trimmed.strip_suffix(PILCROW) {
            let heading = heading.trim();
            if is_caption(heading) {
                let (table, next, problem) = table(&lines, i + 1, end, heading, line_no);
                if let Some((line, message)) = problem {
                    findings.push(Finding::new(Severity::Error, "bad-rendered-table", line, message));
                }
                blocks.push(Block::Table(table));
                i = next;
                continue;
            }
            if title.is_empty() {
                title = heading.to_owned();
            }
            blocks.push(Block::Heading {
                level: if blocks.is_empty() { 1 } else { 2 },
                text: heading.to_owned(),
                line: line_no,
            });
            i += 1;
            continue;
        }
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            let (code, next) = json_block(&lines, i, end);
            blocks.push(Block::Code {
                text: code,
                line: line_no,
            });
            i = next;
            continue;
        }
        let (paragraph, next) = paragraph(&lines, i, end);
        blocks.push(Block::Text {
            text: paragraph.trim_start_matches('•').trim().to_owned(),
            links: Vec::new(),
            line: line_no,
        });
        i = next;
    }
    let page = Page::new(path, None, title, blocks, "a line ending in `¶`", &mut findings);
    (page, findings)
}

/// `Table 2 Response parameters`.
fn is_caption(text: &str) -> bool {
    TABLE_LABELS
        .iter()
        .find_map(|label| text.strip_prefix(label))
        .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Consecutive non-blank lines from `at`, joined; and the line after them.
fn paragraph(lines: &[&str], at: usize, end: usize) -> (String, usize) {
    let mut i = at;
    let mut text = Vec::new();
    while i < end && !lines[i].trim().is_empty() && !lines[i].trim_end().ends_with(PILCROW) {
        text.push(lines[i].trim());
        i += 1;
    }
    (text.join(" "), i.max(at + 1))
}

/// A JSON example: from `at` until its brackets balance (blank lines included).
fn json_block(lines: &[&str], at: usize, end: usize) -> (String, usize) {
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    let mut i = at;
    while i < end {
        for c in lines[i].chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '{' | '[' if !in_string => depth += 1,
                '}' | ']' if !in_string => depth -= 1,
                _ => {}
            }
        }
        i += 1;
        if depth <= 0 {
            break;
        }
    }
    let text = lines[at..i].join("\n");
    (text.trim_end().to_owned() + "\n", i)
}

/// The cells after a caption: header cells first, then rows of as many cells,
/// a row's extra paragraphs belonging to its last column.
fn table(
    lines: &[&str],
    at: usize,
    end: usize,
    caption: &str,
    caption_line: usize,
) -> (Table, usize, Option<(usize, String)>) {
    let mut cells: Vec<(String, usize)> = Vec::new();
    let mut i = at;
    while i < end {
        let trimmed = lines[i].trim();
        if trimmed.ends_with(PILCROW) {
            break;
        }
        if trimmed.is_empty() {
            i += 1;
            continue;
        }
        let (text, next) = paragraph(lines, i, end);
        cells.push((text, i + 1));
        i = next;
    }
    // Header cells first: the ones that name a column.
    let header: Vec<String> = cells
        .iter()
        .take_while(|(text, _)| Column::of(text).is_some())
        .map(|(text, _)| text.clone())
        .collect();
    let mut table = Table {
        caption: caption.to_owned(),
        anchors: Vec::new(),
        header: header.clone(),
        rows: Vec::new(),
        line: caption_line,
    };
    if header.is_empty() {
        let problem = (
            caption_line,
            format!("table `{caption}` has no header row this parser knows"),
        );
        return (table, i, Some(problem));
    }
    let width = header.len();
    let body = &cells[width..];
    let starts_row = |at: usize| row_starts(&header, &body[at..]);
    let mut problem = None;
    let mut at = 0;
    while at < body.len() {
        if !starts_row(at) || at + width > body.len() {
            problem.get_or_insert((
                body[at].1,
                format!("table `{caption}`: cell `{}` does not start a row", body[at].0),
            ));
            at += 1;
            continue;
        }
        let mut row: Vec<Cell> = body[at..at + width]
            .iter()
            .map(|(text, _)| Cell {
                text: text.clone(),
                links: Vec::new(),
            })
            .collect();
        at += width;
        while at < body.len() && !starts_row(at) {
            let last = row.last_mut().expect("rows have cells");
            last.text.push('\n');
            last.text.push_str(&body[at].0);
            at += 1;
        }
        table.rows.push(row);
    }
    (table, i, problem)
}

/// Whether the cells from here on begin a row: a one-word name, and `Yes`/`No`,
/// a type word or a status code where the header says so.
fn row_starts(header: &[String], cells: &[(String, usize)]) -> bool {
    if cells.len() < header.len() {
        return false;
    }
    header
        .iter()
        .zip(cells)
        .all(|(column, (text, _))| match Column::of(column) {
            Some(Column::Name | Column::ErrorCode) => !text.contains(char::is_whitespace),
            Some(Column::Mandatory) => mandatory(text).is_some(),
            Some(Column::Type) => {
                text.split_whitespace().count() <= 3 && text.starts_with(|c: char| c.is_ascii_uppercase())
            }
            Some(Column::Status) => text.len() == 3 && text.chars().all(|c| c.is_ascii_digit()),
            _ => true,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Site navigation\n  • SQL Job-related APIs\n\nCanceling a Job¶\n\nFunction¶\n\nCancels a job.\n\nURI¶\n\n  • URI format\n\n    DELETE /v1.0/{project_id}/jobs/{job_id}\n\n    Table 1 URI parameters¶\n\n    Parameter\n\n    Mandatory\n\n    Type\n\n    Description\n\n    project_id\n\n    Yes\n\n    String\n\n    Project ID.\n\n    job_id\n\n    Yes\n\n    String\n\n    Job ID.\n\n    A second paragraph.\n\nExample Response¶\n\n{\n  \"is_success\": true,\n\n  \"message\": \"\"\n}\n\nStatus Codes¶\n\nTable 2 Status codes¶\n\nStatus Code\n\nDescription\n\n200\n\nCanceled.\n\n  • Prev\nlast updated: 2025\n";

    #[test]
    fn reads_headings_tables_and_examples_between_the_navigation() {
        let (page, findings) = parse(Path::new("p.txt"), PAGE);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(page.title, "Canceling a Job");
        assert_eq!(page.lang, hwcloud_model::spec::schema::Lang::En);
        let tables: Vec<&Table> = page
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 2);
        assert_eq!(
            tables[0].header,
            ["Parameter", "Mandatory", "Type", "Description"]
        );
        let job_id: Vec<&str> = tables[0].rows[1].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            job_id,
            ["job_id", "Yes", "String", "Job ID.\nA second paragraph."]
        );
        assert_eq!(tables[1].rows.len(), 1);
        assert!(
            page.blocks
                .iter()
                .any(|b| matches!(b, Block::Code { text, .. } if text.contains("\"message\": \"\"\n}")))
        );
        assert!(page.blocks.iter().any(
            |b| matches!(b, Block::Text { text, .. } if text == "DELETE /v1.0/{project_id}/jobs/{job_id}")
        ));
    }

    #[test]
    fn a_table_without_a_known_header_is_located() {
        let text = "Title¶\n\nTable 1 Odd¶\n\nfoo\n\nbar\n";
        let (_, findings) = parse(Path::new("p.txt"), text);
        assert_eq!(findings.len(), 1);
        assert_eq!((findings[0].code, findings[0].line), ("bad-rendered-table", 3));
    }
}
