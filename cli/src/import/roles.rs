//! What a table on an operation page is for, beyond its section: which HTTP
//! status it belongs to (`状态码： 201`, `Status code: 400`), and whether it lists
//! headers rather than body fields.

use super::page::{Block, Page, Table};
use hwcloud_model::spec::schema::HTTP_STATUSES;

/// The status a line announces for the tables below it: `状态码： 200`,
/// `状态码为 201 时：`, `Status code: 400`, `Status Code 200`. Long text that only
/// mentions a status is not such a line.
pub fn status_line(text: &str) -> Option<u16> {
    let text = text.trim().trim_matches('*').trim();
    if text.chars().count() > 40 {
        return None;
    }
    let lower = text.to_lowercase();
    let rest = ["状态码", "http status code", "status code", "返回码"]
        .iter()
        .find_map(|label| lower.strip_prefix(label))?;
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
        lower.contains("header") || text.contains("消息头") || text.contains("头参数")
    };
    if says(table.title()) || table.caption.is_empty() && says(lead) {
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
    const SINGLE: &[&str] = &[
        "Authorization",
        "Accept",
        "Host",
        "Date",
        "Cookie",
        "Location",
        "ETag",
    ];
    if SINGLE.contains(&name) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn header_names() {
        assert!(is_header_name("X-Auth-Token"));
        assert!(is_header_name("Content-Type"));
        assert!(is_header_name("X-Subject-Token"));
        assert!(is_header_name("Authorization"));
        assert!(!is_header_name("project_id"));
        assert!(!is_header_name("Name"));
        assert!(!is_header_name("page-size"));
    }
}
