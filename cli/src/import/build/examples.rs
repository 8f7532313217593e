//! The page's examples: JSON blocks labelled as requests, responses or errors
//! by the text, heading or status line above them.

use super::fields::text_in;
use super::uri::parse_method;
use crate::import::classify::status_line;
use crate::import::lexicon::{
    EXAMPLE_ERROR_WORDS, EXAMPLE_REQUEST_WORDS, EXAMPLE_RESPONSE_WORDS, EXAMPLE_STATUS_PREFIXES, NO_EXAMPLE,
    says,
};
use crate::import::page::{Block, Page};
use crate::import::report::{Finding, Section, Severity};
use hwcloud_model::spec::schema::{Example, ExampleFormat, ExampleKind, Lang};

/// What the blocks above an example say about it.
#[derive(Default)]
struct Context {
    /// The last text or heading.
    label: String,
    /// The last heading. The catalogue layout: `## 响应示例`, `**状态码： 200**`,
    /// a prose line (`OK`), then the block; the heading and the status line say
    /// what it is.
    heading: String,
    status_line: Option<u16>,
}

/// Every example of the page that reads as JSON or looks like it.
pub fn examples(page: &Page, sections: &[Section], findings: &mut Vec<Finding>) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut context = Context::default();
    for (block, section) in page.blocks.iter().zip(sections) {
        match block {
            Block::Text { text, .. } => {
                if let Some(status) = status_line(text) {
                    context.status_line = Some(status);
                }
                context.label = text.clone();
            }
            Block::Heading { text, .. } => {
                context.label = text.clone();
                context.heading = text.clone();
                context.status_line = None;
            }
            Block::Code { text, line } => {
                let where_examples_are = matches!(
                    section,
                    Section::Example | Section::Request | Section::Response | Section::Other
                );
                if where_examples_are
                    && let Some(example) = example(text, *line, &context, page.lang, findings)
                {
                    examples.push(example);
                }
            }
            Block::Table(_) => {}
        }
    }
    examples
}

/// The kind an example's context gives it, if any.
fn kind(context: &Context) -> Option<ExampleKind> {
    let kind = match (example_kind(&context.label), context.status_line) {
        // `**Status code: 200**`, then `Request succeeded.`: a request carries
        // no status, so the line's word is prose about the response.
        (Some(ExampleKind::Request), Some(status)) if !names_an_example(&context.label) => {
            kind_of_status(status)
        }
        (Some(kind), _) => kind,
        (None, Some(status)) => kind_of_status(status),
        (None, None) => example_kind(&context.heading)?,
    };
    Some(match (kind, context.status_line) {
        (ExampleKind::Response, Some(s)) if s >= 400 => ExampleKind::Error,
        (kind, _) => kind,
    })
}

/// Whether a label calls what follows an example (`请求示例`, `Example request`)
/// rather than saying something about a response (`Request succeeded.`).
fn names_an_example(label: &str) -> bool {
    let lower = label.to_lowercase();
    ["示例", "样例", "example"]
        .iter()
        .any(|word| lower.contains(word))
}

fn kind_of_status(status: u16) -> ExampleKind {
    if status >= 400 {
        ExampleKind::Error
    } else {
        ExampleKind::Response
    }
}

/// One code block as an example, when its context says what it is and it
/// holds a JSON object or array (valid or not).
fn example(
    text: &str,
    line: usize,
    context: &Context,
    lang: Lang,
    findings: &mut Vec<Finding>,
) -> Option<Example> {
    let kind = kind(context)?;
    let (status, body) = example_body(text);
    let status = status.or(context.status_line.filter(|_| kind != ExampleKind::Request));
    let trimmed = body.trim();
    if trimmed.is_empty() || NO_EXAMPLE.contains(&trimmed) || !trimmed.starts_with(['{', '[']) {
        return None;
    }
    let is_json = serde_json::from_str::<serde_json::Value>(trimmed).is_ok();
    if !is_json {
        findings.push(Finding::at(
            Section::Example,
            Severity::Info,
            "example-not-json",
            line,
            "an example is not valid JSON; kept as text",
        ));
    }
    Some(Example {
        kind,
        status: match kind {
            ExampleKind::Request => None,
            ExampleKind::Response => Some(status.unwrap_or(200)),
            ExampleKind::Error => Some(status.unwrap_or(400)),
        },
        title: text_in(lang, context.label.trim_end_matches(['：', ':']).to_owned()),
        format: if is_json {
            ExampleFormat::Json
        } else {
            ExampleFormat::Text
        },
        body: format!("{trimmed}\n"),
        note: (!is_json).then(|| "Not valid JSON as printed; kept verbatim.".to_owned()),
        contradicts: None,
    })
}

/// What a label or heading says an example is: `请求失败样例`, `响应示例`, `Example request`.
fn example_kind(label: &str) -> Option<ExampleKind> {
    if says(label, EXAMPLE_ERROR_WORDS) {
        Some(ExampleKind::Error)
    } else if says(label, EXAMPLE_RESPONSE_WORDS) {
        Some(ExampleKind::Response)
    } else if says(label, EXAMPLE_REQUEST_WORDS) {
        Some(ExampleKind::Request)
    } else {
        None
    }
}

/// Drops `Http Status Code: 400` and `POST https://...` lines, keeping the status.
fn example_body(text: &str) -> (Option<u16>, String) {
    let mut status = None;
    let mut body = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(rest) = EXAMPLE_STATUS_PREFIXES
            .iter()
            .find_map(|p| trimmed.strip_prefix(p))
        {
            status = rest.trim().get(..3).and_then(|s| s.parse().ok());
            continue;
        }
        let first = trimmed.split_whitespace().next().unwrap_or_default();
        if body.is_empty() && parse_method(first).is_some() {
            continue;
        }
        body.push(line);
    }
    (status, body.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_say_what_an_example_is() {
        assert_eq!(example_kind("请求失败样例"), Some(ExampleKind::Error));
        assert_eq!(example_kind("请求成功样例"), Some(ExampleKind::Response));
        assert_eq!(example_kind("Example Request"), Some(ExampleKind::Request));
        assert_eq!(example_kind("说明"), None);
    }

    #[test]
    fn a_status_line_outranks_the_word_request_in_the_prose_under_it() {
        // WAF: `**Status code: 200**`, `Request succeeded.`, then the body.
        let context = |label: &str, status| Context {
            label: label.into(),
            heading: "Example Responses".into(),
            status_line: status,
        };
        assert_eq!(
            kind(&context("Request succeeded.", Some(200))),
            Some(ExampleKind::Response)
        );
        assert_eq!(
            kind(&context("Request failed.", Some(400))),
            Some(ExampleKind::Error)
        );
        assert_eq!(
            kind(&context("Example request", None)),
            Some(ExampleKind::Request)
        );
        // A request example after a response's status line, with no heading between.
        assert_eq!(kind(&context("请求示例", Some(200))), Some(ExampleKind::Request));
    }

    #[test]
    fn status_and_method_lines_leave_the_body() {
        let (status, body) = example_body("Http Status Code: 404\n{\"a\": 1}");
        assert_eq!((status, body.as_str()), (Some(404), "{\"a\": 1}"));
        let (status, body) = example_body("POST https://x/v1/p\n\n{}");
        assert_eq!((status, body.trim()), (None, "{}"));
    }
}
