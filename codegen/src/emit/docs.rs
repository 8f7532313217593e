//! Doc comments carrying the documentation's descriptions.

use proc_macro2::TokenStream;
use quote::quote;

use hwcloud_model::model::{Member, Text, Type};

/// `#[doc = "..."]` attributes, one per line.
pub(crate) fn attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
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

/// A member's description, then what else its table row says.
pub(crate) fn member(member: &Member) -> Vec<String> {
    let mut lines = text(&member.docs.description);
    let mut facts = Vec::new();
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
