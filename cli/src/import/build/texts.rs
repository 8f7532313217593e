//! The page's texts beyond its tables: the summary, the deprecation and what
//! replaces it, and the API version a title gives.

use crate::import::lexicon::{
    DEPRECATED_PATH_WORDS, DEPRECATED_TITLE_WORDS, DEPRECATION_NOTE_WORDS, NOTE_PREFIXES,
};
use crate::import::page::{Block, Page};
use crate::import::report::Section;

pub fn summary(page: &Page, sections: &[Section]) -> String {
    page.blocks
        .iter()
        .zip(sections)
        .filter(|(_, s)| **s == Section::Function)
        .filter_map(|(b, _)| match b {
            Block::Text { text, .. } if !NOTE_PREFIXES.iter().any(|p| text.starts_with(p)) => {
                Some(text.clone())
            }
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn is_deprecated(page: &Page) -> bool {
    let path = page.path.to_string_lossy();
    DEPRECATED_TITLE_WORDS.iter().any(|w| page.title.contains(w))
        || DEPRECATED_PATH_WORDS.iter().any(|w| path.contains(w))
}

/// The page a deprecation note points to (`推荐使用[取消作业（推荐）](取消作业（推荐）.md)`).
pub fn replacement_link(page: &Page) -> Option<String> {
    page.blocks.iter().find_map(|b| match b {
        Block::Text { text, links, .. } if is_deprecation_note(text) => links.first().cloned(),
        _ => None,
    })
}

fn is_deprecation_note(text: &str) -> bool {
    DEPRECATION_NOTE_WORDS.iter().any(|w| text.contains(w))
}

pub fn deprecation_note(page: &Page) -> String {
    page.blocks
        .iter()
        .find_map(|b| match b {
            Block::Text { text, .. } if is_deprecation_note(text) => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// The last `x-y-z` / `x.y.z` in a title: `创建图(2-2-2)` → `2.2.2`; also where
/// the docs drop a parenthesis (`校验元数据文件1.0.0)`) or add a remark
/// (`查询Job状态(1.0.0)-管理面`).
pub fn api_version(title: &str) -> Option<String> {
    let title = title.replace('\\', "");
    title
        .split(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.'))
        .filter_map(|run| {
            let parts: Vec<&str> = run.trim_matches(['-', '.']).split(['-', '.']).collect();
            (parts.len() == 3
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())))
            .then(|| parts.join("."))
        })
        .next_back()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_come_from_titles() {
        assert_eq!(api_version("创建图(2-2-2)"), Some("2.2.2".into()));
        assert_eq!(api_version("创建图\\(2.2.2\\)"), Some("2.2.2".into()));
        assert_eq!(api_version("校验元数据文件1.0.0)"), Some("1.0.0".into()));
        assert_eq!(api_version("查询Job状态(1.0.0)-管理面"), Some("1.0.0".into()));
        assert_eq!(api_version("提交SQL作业（推荐）"), None);
    }

    #[test]
    fn deprecation_notes_in_both_languages() {
        for note in [
            "该接口已过时",
            "该接口已废弃",
            "This API is out of date.",
            "It is deprecated.",
        ] {
            assert!(is_deprecation_note(note), "{note}");
        }
    }
}
