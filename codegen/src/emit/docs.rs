//! Doc comments carrying the documentation's descriptions.

use proc_macro2::TokenStream;
use quote::quote;

use hwcloud_model::model::{DocTable, Member, Text, Type};
use hwcloud_model::spec::schema::Lang;

/// `#[doc = "..."]` attributes, one per line, each made safe by [`doc_lines`]:
/// every doc comment the generator writes passes here.
pub(crate) fn attrs(lines: &[String]) -> TokenStream {
    let lines = doc_lines(lines).into_iter().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// Documentation text as doc-comment lines that are data and nothing else.
///
/// Text comes from pages and spec files, which anyone may edit; rustdoc compiles
/// and runs code blocks as doctests. So no line can open a code block rustdoc
/// would run: a fence at the top level opens a `text` block (a block the docs
/// really contain stays a block, shown as text); a fence or an indented block
/// inside a quote or list item is flattened into a paragraph; leading
/// whitespace outside a block goes (no indented code). Control characters the
/// compiler refuses in comments (a bare CR, bidirectional overrides) and the
/// other control characters are shown as `U+XXXX`.
pub(crate) fn doc_lines(lines: &[String]) -> Vec<String> {
    let mut open: Option<Fence> = None;
    let mut out = Vec::with_capacity(lines.len());
    for line in lines.iter().flat_map(|l| l.split(['\n', '\r'])) {
        let line = visible_controls(line);
        match open {
            Some(fence) if fence.closes(&line) => {
                open = None;
                out.push(fence.marker());
            }
            Some(_) => out.push(line),
            None => match Fence::opening(&line) {
                Some(fence) => {
                    open = Some(fence);
                    out.push(format!("{}{}", fence.marker(), fence.info(&line)));
                }
                None => out.push(flat_line(&line)),
            },
        }
    }
    if let Some(fence) = open {
        out.push(fence.marker());
    }
    out
}

/// A code fence: its character and length.
#[derive(Debug, Clone, Copy)]
struct Fence {
    mark: char,
    len: usize,
}

impl Fence {
    /// The fence a line opens at the top level (up to three spaces of indent).
    fn opening(line: &str) -> Option<Fence> {
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() > 3 {
            return None;
        }
        let mark = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let len = trimmed.chars().take_while(|c| *c == mark).count();
        (len >= 3).then_some(Fence { mark, len })
    }

    /// Whether `line` closes this fence: the same character, at least as many,
    /// nothing after but spaces.
    fn closes(&self, line: &str) -> bool {
        let trimmed = line.trim();
        let len = trimmed.chars().take_while(|c| *c == self.mark).count();
        len >= self.len
            && trimmed.chars().all(|c| c == self.mark)
            && line.len() - line.trim_start().len() <= 3
    }

    fn marker(&self) -> String {
        std::iter::repeat_n(self.mark, self.len).collect()
    }

    /// The opening line's language when rustdoc surely runs nothing in it
    /// (one of [`DATA_LANGUAGES`]), else `text`.
    fn info(&self, line: &str) -> &'static str {
        let info = line
            .trim()
            .trim_start_matches(self.mark)
            .trim()
            .to_ascii_lowercase();
        DATA_LANGUAGES
            .iter()
            .find(|l| **l == info)
            .copied()
            .unwrap_or("text")
    }
}

/// Code block languages that rustdoc never compiles, kept as the docs give them.
const DATA_LANGUAGES: &[&str] = &[
    "json", "text", "xml", "yaml", "http", "shell", "bash", "sh", "console",
];

/// A line outside a code block as a line of prose: no leading indent, and
/// after any quote or list markers one space and no fence, so that no
/// container can hold a code block either.
fn flat_line(line: &str) -> String {
    let mut rest = line.trim_start();
    let mut prefix = String::new();
    while let Some((marker, after)) = container_marker(rest) {
        prefix.push_str(marker);
        prefix.push(' ');
        rest = after.trim_start();
    }
    if prefix.is_empty() {
        return rest.to_owned();
    }
    match rest.chars().next() {
        Some(c @ ('`' | '~')) if rest.starts_with(&c.to_string().repeat(3)) => format!("{prefix}\\{rest}"),
        _ => format!("{prefix}{rest}"),
    }
}

/// A block quote or list marker at the start of `text`, and what follows it.
fn container_marker(text: &str) -> Option<(&str, &str)> {
    if let Some(after) = text.strip_prefix('>') {
        return Some((&text[..1], after));
    }
    let bullet = text
        .strip_prefix(['-', '*', '+'])
        .filter(|after| after.is_empty() || after.starts_with([' ', '\t']));
    if let Some(after) = bullet {
        return Some((&text[..1], after));
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let after = text[digits..].strip_prefix(['.', ')'])?;
    (digits > 0 && digits <= 9 && (after.is_empty() || after.starts_with([' ', '\t'])))
        .then(|| (&text[..digits + 1], after))
}

/// Tabs as spaces; a control character or a bidirectional control as `U+XXXX`.
fn visible_controls(line: &str) -> String {
    let mut shown = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\t' => shown.push_str("    "),
            c if c.is_control() || is_bidi_control(c) => shown.push_str(&format!("U+{:04X}", c as u32)),
            c => shown.push(c),
        }
    }
    shown
}

/// The characters rustc's `text_direction_codepoint_in_*` lints refuse, and
/// the marks that reorder text the same way.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text for a string literal of generated code (`#[deprecated(note)]`,
/// diagnostics): one line, its control characters shown as `U+XXXX`.
pub(crate) fn literal_text(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    visible_controls(&lines.join(" "))
}

/// Both languages of a text, English first, as paragraphs.
pub(crate) fn text(text: &Text) -> Vec<String> {
    let mut lines = Vec::new();
    for part in [&text.en, &text.zh].into_iter().flatten() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        // Each source line is its own paragraph: doc tables flatten lists into lines,
        // and a lazy continuation would confuse rustdoc and clippy.
        for (i, line) in part.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
            if i > 0 {
                lines.push(String::new());
            }
            lines.push(escape(line));
        }
    }
    lines
}

/// `Open Telekom Cloud` (and `Huawei Cloud`): the names of the clouds a
/// `clouds` list names, or `None` for an empty list (every cloud).
pub(crate) fn clouds_only(clouds: &[String]) -> Option<String> {
    let names: Vec<&str> = clouds
        .iter()
        .filter_map(|id| hwcloud_model::spec::schema::cloud_names(id))
        .map(|(name, _)| name)
        .collect();
    (!names.is_empty()).then(|| names.join(" and "))
}

/// A member's description, then what else its table row says.
pub(crate) fn member(member: &Member) -> Vec<String> {
    let mut lines = text(&member.docs.description);
    let mut facts = Vec::new();
    if let Some(clouds) = clouds_only(&member.docs.clouds) {
        facts.push(format!("{clouds} only."));
    }
    if let Some(doc_type) = &member.docs.doc_type {
        facts.push(format!("Documented type: `{}`.", doc_type.replace('`', "'")));
    }
    if member.docs.documented_required.is_none() {
        facts.push("The docs do not say whether this is mandatory.".to_owned());
    }
    if let Some(default) = &member.docs.default {
        facts.push(format!("Default: `{}`.", default.replace('`', "'")));
    }
    if let Some(range) = &member.docs.range {
        facts.push(format!("Range: {}.", escape(range)));
    }
    facts.extend(constraints(member));
    if !member.docs.values.is_empty() {
        let values: Vec<String> = member
            .docs
            .values
            .iter()
            .map(|v| format!("`{}`", v.replace('`', "'")))
            .collect();
        facts.push(format!("Values: {}.", values.join(", ")));
    }
    if let Some(note) = &member.docs.note {
        facts.push(format!("Note: {}", escape_keeping_code(note)));
    }
    if !facts.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(facts);
    }
    lines
}

/// `Length: 1 to 64 characters.`, `Value: 1 to 2000.`: what the docs
/// allow, which `to_http_request` checks for parameters and body fields.
fn constraints(member: &Member) -> Vec<String> {
    let c = member.constraints;
    let unit = if matches!(member.ty, Type::Vec(_)) {
        "items"
    } else {
        "characters"
    };
    let span = |min: Option<String>, max: Option<String>| match (min, max) {
        (Some(min), Some(max)) if min == max => Some(format!("exactly {min}")),
        (Some(min), Some(max)) => Some(format!("{min} to {max}")),
        (Some(min), None) => Some(format!("at least {min}")),
        (None, Some(max)) => Some(format!("at most {max}")),
        (None, None) => None,
    };
    let length = span(
        c.min_length.map(|n| n.to_string()),
        c.max_length.map(|n| n.to_string()),
    )
    .map(|span| format!("Length: {span} {unit}."));
    let value = span(c.minimum.map(|n| n.to_string()), c.maximum.map(|n| n.to_string()))
        .map(|span| format!("Value: {span}."));
    length.into_iter().chain(value).collect()
}

/// The tables a page gives for reading, each a Markdown table under its
/// caption, English ones first; every cell escaped for rustdoc.
pub(crate) fn tables(tables: &[DocTable]) -> Vec<String> {
    let mut ordered: Vec<&DocTable> = tables.iter().filter(|t| t.lang == Lang::En).collect();
    ordered.extend(tables.iter().filter(|t| t.lang != Lang::En));
    let mut lines = Vec::new();
    for table in ordered {
        lines.push(String::new());
        if !table.caption.trim().is_empty() {
            lines.push(escape(&table.caption.replace(['\n', '\r'], " ")));
            lines.push(String::new());
        }
        lines.extend(table.markdown(escape));
    }
    lines
}

/// [`escape`] for the importer's own notes, whose `code spans` stay code spans
/// when their backticks pair up.
pub(crate) fn escape_keeping_code(text: &str) -> String {
    if !text.matches('`').count().is_multiple_of(2) {
        return escape(text);
    }
    text.trim()
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("`{part}`")
            } else {
                escape_chars(part)
            }
        })
        .collect()
}

/// Keeps documentation prose from being read as links, HTML or code by rustdoc.
pub(crate) fn escape(text: &str) -> String {
    escape_chars(text.trim())
}

fn escape_chars(text: &str) -> String {
    let text = text.replace('\t', "    ");
    let mut escaped = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        // A bare URL is code: rustdoc would warn about it (`bare_urls`), and an
        // example host (`sample.domain.com`) is no link to follow.
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest
                .find(|c: char| {
                    !c.is_ascii()
                        || c.is_whitespace()
                        || matches!(c, '"' | '\'' | '`' | '<' | '>' | ')' | ']' | ',')
                })
                .unwrap_or(rest.len());
            // A sentence's full stop after a URL is not part of it.
            let end = rest[..end].trim_end_matches(['.', ';', ':']).len();
            escaped.push('`');
            escaped.push_str(&rest[..end]);
            escaped.push('`');
            rest = &rest[end..];
            continue;
        }
        if matches!(c, '[' | ']' | '<' | '>' | '`' | '*' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
        rest = &rest[c.len_utf8()..];
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_table_is_a_markdown_table_whose_cells_stay_cells() {
        let table = DocTable {
            lang: Lang::Zh,
            caption: "表 5  资源类型说明".into(),
            header: vec!["资源类型".into(), "driverCores".into()],
            rows: vec![vec!["A".into(), "1 | 2\n```rust".into()]],
        };
        assert_eq!(
            tables(&[table]),
            [
                "",
                "表 5  资源类型说明",
                "",
                "| 资源类型 | driverCores |",
                "| --- | --- |",
                "| A | 1 \\| 2 \\`\\`\\`rust |",
            ]
        );
    }

    fn safe(lines: &[&str]) -> Vec<String> {
        doc_lines(&lines.iter().map(|l| l.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn no_line_of_text_opens_a_block_rustdoc_would_run() {
        // Tilde and backtick fences become text blocks, closed at the end.
        assert_eq!(
            safe(&["~~~", "std::fs::write(\"x\", \"\");", "~~~"]),
            ["~~~text", "std::fs::write(\"x\", \"\");", "~~~"]
        );
        assert_eq!(safe(&["```rust", "boom();"]), ["```text", "boom();", "```"]);
        // A longer fence inside stays text until its own close.
        assert_eq!(
            safe(&["````json", "```", "x", "````"]),
            ["````json", "```", "x", "````"]
        );
        assert_eq!(safe(&["```json,should_panic", "x"]), ["```text", "x", "```"]);
        // Indented code, and code inside quotes and list items, become prose.
        assert_eq!(safe(&["", "        boom();"]), ["", "boom();"]);
        assert_eq!(safe(&[">     boom();"]), ["> boom();"]);
        assert_eq!(safe(&["-     boom();"]), ["- boom();"]);
        assert_eq!(safe(&["1.      boom();"]), ["1. boom();"]);
        assert_eq!(safe(&["> ```"]), ["> \\```"]);
        assert_eq!(safe(&["- ~~~rust"]), ["- \\~~~rust"]);
        // Prose that only looks like markers stays as it is.
        assert_eq!(
            safe(&["-1 is the default", "2019.10 release"]),
            ["-1 is the default", "2019.10 release"]
        );
    }

    #[test]
    fn controls_the_compiler_refuses_in_comments_are_shown_not_kept() {
        assert_eq!(safe(&["a\rb"]), ["a", "b"]);
        assert_eq!(safe(&["right\u{202e}left"]), ["rightU+202Eleft"]);
        assert_eq!(safe(&["nul\u{0}x\u{7f}"]), ["nulU+0000xU+007F"]);
        assert_eq!(safe(&["\ttab"]), ["tab"]);
        assert_eq!(literal_text("a\r\nb\u{2066}"), "a bU+2066");
    }

    #[test]
    fn prose_cannot_become_links_html_or_bare_urls() {
        assert_eq!(escape("[表2](#t2) <b>"), "\\[表2\\](#t2) \\<b\\>");
        assert_eq!(
            escape(r#"see https://sample.domain.com/v3?x=1, or "http://a.b/c""#),
            r#"see `https://sample.domain.com/v3?x=1`, or "`http://a.b/c`""#
        );
        assert_eq!(
            escape("详见https://x.com/a，然后 see https://y.com."),
            "详见`https://x.com/a`，然后 see `https://y.com`."
        );
    }
}
