//! The HTTP statuses a page documents: a status table's rows, or (GES) a
//! label line followed by the bare status.

use super::fields::text_in;
use crate::import::page::{Block, Page, Table};
use crate::import::report::Section;
use hwcloud_model::spec::schema::{HTTP_STATUSES, Lang, StatusCodeDoc, Text};

/// Statuses a page lists outside a table, as GES pages give success:
/// `-   正常` followed by `200`.
pub fn listed_statuses(page: &Page, sections: &[Section]) -> Vec<StatusCodeDoc> {
    let mut statuses = Vec::new();
    let mut label: Option<&str> = None;
    for (block, section) in page.blocks.iter().zip(sections) {
        if *section != Section::StatusCodes {
            continue;
        }
        match block {
            Block::Text { text, .. } | Block::Code { text, .. } => {
                let text = text.trim();
                match text.parse::<u16>() {
                    Ok(status) if HTTP_STATUSES.contains(&status) && text.len() == 3 => {
                        statuses.push(StatusCodeDoc {
                            status,
                            description: text_in(page.lang, label.take().unwrap_or_default().to_owned()),
                        });
                    }
                    _ => label = Some(text),
                }
            }
            _ => label = None,
        }
    }
    statuses
}

pub fn status_rows(table: &Table, lang: Lang) -> Vec<StatusCodeDoc> {
    table
        .rows
        .iter()
        .filter_map(|row| {
            let first = row.first()?.text.trim();
            let status: u16 = first.get(..3)?.parse().ok()?;
            let rest = first[3..].trim();
            let description = row.get(1).map(|c| c.text.trim().to_owned()).unwrap_or_default();
            let description = match (rest.is_empty(), description.is_empty()) {
                (false, true) => text_in(lang, rest.to_owned()),
                // `400 Bad Request` beside `请求错误。`: the reason phrase is English.
                (false, false) if lang == Lang::Zh && Lang::of_text(rest) == Lang::En => Text {
                    en: Some(rest.to_owned()),
                    zh: Some(description),
                },
                _ => text_in(lang, description),
            };
            Some(StatusCodeDoc { status, description })
        })
        .fold(Vec::new(), |mut acc: Vec<StatusCodeDoc>, s| {
            if !acc.iter().any(|a| a.status == s.status) {
                acc.push(s);
            }
            acc
        })
}
