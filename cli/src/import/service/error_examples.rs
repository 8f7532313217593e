//! The pages' examples read as the generated client will read them.
//!
//! An error example names a code: when no error-code table lists it, the example
//! documents it, so it joins the service's table (said in the report). What the
//! generated types still cannot read as the page means it (placeholder values, a
//! body no error shape reads, a code that differs from the table's only in case,
//! a non-2xx status printed as a success) gets `contradicts`: its generated test
//! is ignored with that reason, and the report says it.

use serde_json::Value;

use hwcloud_runtime::{ErrorBody, ErrorKeys, read_error_body};

use hwcloud_model::spec::schema::{
    ErrorBodyShape, ErrorCodeEntry, Example, ExampleFormat, ExampleKind, Lang, OperationFile, Text,
};

/// What an error body says, read through the service's shapes with the
/// runtime's own reader, so an example is judged as the client will read it.
fn read(body: &Value, shapes: &[ErrorBodyShape]) -> Option<ErrorBody> {
    let keys = shapes.iter().map(|shape| ErrorKeys {
        code: shape.code.as_deref(),
        message: &shape.message,
        success: shape.success.as_deref(),
    });
    read_error_body(body, keys)
}

/// Keystone-style bodies carry the HTTP status as their code.
fn is_status(code: &str) -> bool {
    code.parse::<u16>().is_ok_and(|n| (100..600).contains(&n))
}

/// A code, as opposed to a placeholder (`"string"`) or a sentence: no
/// whitespace, a digit somewhere (`DLI.0001`, `APIGW.0101`, `1100`).
fn is_code_like(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && !code.contains(char::is_whitespace)
        && code.contains(|c: char| c.is_ascii_digit())
}

fn json_errors<'e>(
    examples: impl Iterator<Item = &'e Example>,
) -> impl Iterator<Item = (&'e Example, Value)> {
    examples
        .filter(|e| e.kind == ExampleKind::Error && e.format == ExampleFormat::Json)
        .filter_map(|e| serde_json::from_str::<Value>(&e.body).ok().map(|v| (e, v)))
}

/// Codes the operations' error examples show that no table lists, as entries
/// for the service's table, with a line for the report each.
pub fn codes_shown(
    operations: &[&OperationFile],
    shapes: &[ErrorBodyShape],
    codes: &[ErrorCodeEntry],
) -> (Vec<ErrorCodeEntry>, Vec<String>) {
    let mut added: Vec<ErrorCodeEntry> = Vec::new();
    let mut said = Vec::new();
    for op in operations {
        for (example, body) in json_errors(op.examples.iter()) {
            let Some(ErrorBody {
                code: Some(code),
                message,
            }) = read(&body, shapes)
            else {
                continue;
            };
            // Listed, or as good as listed: a table's `DCS. 4855` is the example's
            // `DCS.4855` (one enum variant; a second entry would collide).
            let variant = hwcloud_model::names::error_variant(&code);
            let listed = |c: &ErrorCodeEntry| {
                c.code.eq_ignore_ascii_case(&code) || hwcloud_model::names::error_variant(&c.code) == variant
            };
            if is_status(&code)
                || !is_code_like(&code)
                || codes.iter().any(listed)
                || added.iter().any(listed)
            {
                continue;
            }
            let status = example.status.unwrap_or(400);
            // An entry needs a message (`check` refuses one without).
            let Some(message) = message.filter(|m| !m.trim().is_empty()) else {
                said.push(format!(
                    "error code {code} ({status}) is in no error-code table; `{}` prints it in an error example without a message, so it is left out",
                    op.operation
                ));
                continue;
            };
            said.push(format!(
                "error code {code} ({status}) is in no error-code table; `{}` prints it in an error example, so it joins the table",
                op.operation
            ));
            added.push(ErrorCodeEntry {
                status,
                code,
                message: text(message),
                description: Text {
                    en: Some(format!(
                        "Listed in no error-code table; the error example of `{}` shows it.",
                        op.operation
                    )),
                    zh: None,
                },
                remedy: Text::default(),
                hand_edit: None,
            });
        }
    }
    (added, said)
}

/// A message in the language it is written in.
fn text(message: String) -> Text {
    if Lang::of_text(&message) == Lang::En {
        Text {
            en: Some(message),
            zh: None,
        }
    } else {
        Text {
            en: None,
            zh: Some(message),
        }
    }
}

/// Marks the examples of `examples` that the generated types cannot read as the
/// page means them; returns what it marked, for the report.
pub fn review(examples: &mut [Example], shapes: &[ErrorBodyShape], codes: &[ErrorCodeEntry]) -> Vec<String> {
    let mut said = Vec::new();
    for example in examples.iter_mut().filter(|e| e.format == ExampleFormat::Json) {
        example.contradicts = match example.kind {
            ExampleKind::Request => None,
            ExampleKind::Response => example
                .status
                .filter(|s| !(200..300).contains(s))
                .map(|s| format!("printed as the response, but status {s} is not a success: the client reads it as an error")),
            ExampleKind::Error => serde_json::from_str::<Value>(&example.body)
                .ok()
                .and_then(|body| error_contradiction(&body, shapes, codes)),
        };
        if let Some(why) = &example.contradicts {
            said.push(format!(
                "{} example ({}): {why}",
                kind_name(example.kind),
                example.status.unwrap_or_default()
            ));
        }
    }
    said
}

fn kind_name(kind: ExampleKind) -> &'static str {
    match kind {
        ExampleKind::Request => "request",
        ExampleKind::Response => "response",
        ExampleKind::Error => "error",
    }
}

fn error_contradiction(body: &Value, shapes: &[ErrorBodyShape], codes: &[ErrorCodeEntry]) -> Option<String> {
    let Some(read) = read(body, shapes) else {
        return Some("no error-body shape of the service reads a code from it".to_owned());
    };
    let Some(code) = read.code else {
        return Some("it carries no error code".to_owned());
    };
    if !is_status(&code) && !codes.iter().any(|c| c.code == code) {
        return Some(match codes.iter().find(|c| c.code.eq_ignore_ascii_case(&code)) {
            Some(listed) => format!(
                "its code {code} differs from the table's {} in case only",
                listed.code
            ),
            None if !is_code_like(&code) => {
                format!("placeholder values (code `{code}`) instead of an error the service sends")
            }
            None => format!("its code {code} is in no error-code table"),
        });
    }
    if read.message.is_none_or(|m| m.is_empty()) {
        return Some("no message is read from it".to_owned());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes() -> Vec<ErrorBodyShape> {
        [("error_code", "error_msg"), ("error.code", "error.message")]
            .into_iter()
            .map(|(code, message)| ErrorBodyShape {
                code: Some(code.to_owned()),
                message: message.to_owned(),
                success: None,
            })
            .collect()
    }

    fn code(code: &str) -> ErrorCodeEntry {
        ErrorCodeEntry {
            status: 400,
            code: code.to_owned(),
            message: Text::default(),
            description: Text::default(),
            remedy: Text::default(),
            hand_edit: None,
        }
    }

    fn error(status: u16, body: &str) -> Example {
        Example {
            kind: ExampleKind::Error,
            status: Some(status),
            title: Text::default(),
            format: ExampleFormat::Json,
            body: body.to_owned(),
            note: None,
            contradicts: None,
        }
    }

    fn reviewed(body: &str) -> Option<String> {
        let mut examples = [error(400, body)];
        review(&mut examples, &shapes(), &[code("IAM.0001")]);
        examples[0].contradicts.clone()
    }

    #[test]
    fn listed_codes_and_keystone_statuses_read_as_documented() {
        assert_eq!(
            reviewed(r#"{"error_code": "IAM.0001", "error_msg": "bad"}"#),
            None
        );
        assert_eq!(
            reviewed(r#"{"error": {"code": 404, "message": "Not found", "title": "Not Found"}}"#),
            None
        );
    }

    #[test]
    fn what_the_client_cannot_read_as_meant_is_marked_with_why() {
        let marked = |body| reviewed(body).unwrap_or_default();
        assert!(marked(r#"{"error_code": "string", "error_msg": "string"}"#).contains("placeholder"));
        assert!(marked(r#"{"error_code": "Iam.0001", "error_msg": "bad"}"#).contains("in case only"));
        assert!(
            marked(r#"{"error_code": "IAM.0002", "error_msg": "bad"}"#).contains("in no error-code table")
        );
        assert!(marked(r#"{"error_code": "IAM.0001"}"#).contains("no message"));
        assert!(marked(r#"{"fault": "bad"}"#).contains("no error-body shape"));
    }

    #[test]
    fn a_non_success_status_printed_as_the_response_is_marked() {
        let mut examples = [Example {
            kind: ExampleKind::Response,
            ..error(300, r#"{"versions": []}"#)
        }];
        review(&mut examples, &shapes(), &[]);
        assert!(
            examples[0]
                .contradicts
                .as_deref()
                .unwrap_or_default()
                .contains("status 300")
        );
    }

    #[test]
    fn a_code_only_an_example_shows_joins_the_table_once() {
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: delete_label\ntitle: {en: Delete}\nsources: []\nmethod: DELETE\nuri: /v1/labels\n",
        )
        .unwrap();
        op.examples = vec![
            error(
                400,
                r#"{"error_code": "GES.8003", "error_msg": "graph [demo] is not found"}"#,
            ),
            error(400, r#"{"error_code": "GES.8003", "error_msg": "again"}"#),
            error(400, r#"{"error_code": "string", "error_msg": "string"}"#),
            error(401, r#"{"error": {"code": 401, "message": "Unauthorized"}}"#),
            // No message: an entry `check` would refuse, so it is left out, and said.
            error(500, r#"{"error_code": "GES.0500"}"#),
            // The table prints `GES. 0002`: the same enum variant, so the same code.
            error(400, r#"{"error_code": "GES.0002", "error_msg": "spaced"}"#),
        ];
        let (added, said) = codes_shown(&[&op], &shapes(), &[code("GES.0001"), code("GES. 0002")]);
        assert_eq!(added.len(), 1, "{added:?}");
        assert_eq!(added[0].code, "GES.8003");
        assert_eq!(added[0].message.en.as_deref(), Some("graph [demo] is not found"));
        assert!(said[0].contains("delete_label"), "{said:?}");
        assert!(
            said.iter()
                .any(|s| s.contains("GES.0500") && s.contains("left out")),
            "{said:?}"
        );
    }
}
