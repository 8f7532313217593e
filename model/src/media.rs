//! Bodies that are not JSON: `media:` of the request body and the response,
//! and where a `file` may stand. A `file` is the bytes of a multipart part or
//! of a whole raw body; anywhere else (a parameter, a JSON field, an object
//! table, a response) it is refused, so the generated code never has to put
//! bytes into JSON.

use crate::diagnostic::Diagnostics;
use crate::model::Media;
use crate::spec::SpecFile;
use crate::spec::locate::{child, item};
use crate::spec::schema::{Body, Field, OperationFile};
use crate::spec::types::TypeExpr;

/// The request body's media, checked: its fields fit how it travels.
pub(crate) fn request(file: &SpecFile<OperationFile>, out: &mut Diagnostics) -> Option<Media> {
    let body = file.value.request_body.as_ref()?;
    let media = body.media.as_deref()?;
    if !is_media_type(media) {
        out.push(file.error_at("request_body.media", not_a_media_type(media)));
        return None;
    }
    if is_json(media) {
        out.push(file.error_at(
            "request_body.media",
            format!("`{media}` is JSON, which a body is without `media`: omit it"),
        ));
        return None;
    }
    if body.array {
        out.push(file.error_at(
            "request_body.array",
            format!("a `{media}` body is not a JSON array"),
        ));
    }
    if media == Media::MULTIPART {
        form_parts(file, body, true, out);
        return Some(Media::Multipart);
    }
    if media == Media::FORM {
        form_parts(file, body, false, out);
        return Some(Media::Form);
    }
    raw_body(file, body, media, out);
    Some(Media::Raw(media.to_owned()))
}

/// The success response's media, checked: a raw body has no fields.
pub(crate) fn response(file: &SpecFile<OperationFile>, out: &mut Diagnostics) -> Option<String> {
    let body = file.value.response.as_ref()?;
    let media = body.media.as_deref()?;
    if !is_media_type(media) {
        out.push(file.error_at("response.media", not_a_media_type(media)));
        return None;
    }
    if is_json(media) || media == Media::MULTIPART {
        out.push(file.error_at(
            "response.media",
            format!("a `{media}` response is not read as bytes: omit `media`"),
        ));
        return None;
    }
    if body.array {
        out.push(file.error_at(
            "response.array",
            format!("a `{media}` response is not a JSON array"),
        ));
    }
    if !body.fields.is_empty() {
        out.push(file.error_at(
            "response.fields",
            format!(
                "a `{media}` response is bytes, not JSON fields: describe its content in `caption` or a `note`"
            ),
        ));
    }
    Some(media.to_owned())
}

/// Every `file` outside the one place that carries bytes: refused where it stands.
pub(crate) fn misplaced_files(file: &SpecFile<OperationFile>, out: &mut Diagnostics) {
    let op = &file.value;
    let bytes_body = op
        .request_body
        .as_ref()
        .is_some_and(|b| b.media.as_deref().is_some_and(|m| m != Media::FORM) && !b.array);
    let mut tables: Vec<(String, &[Field])> = vec![("parameters".to_owned(), &op.parameters)];
    if let Some(body) = op.request_body.as_ref().filter(|_| !bytes_body) {
        tables.push(("request_body.fields".to_owned(), &body.fields));
    }
    if let Some(body) = &op.response {
        tables.push(("response.fields".to_owned(), &body.fields));
        tables.push(("response.headers".to_owned(), &body.headers));
    }
    for (i, body) in op.responses.iter().enumerate() {
        tables.push((child(&item("responses", i), "fields"), &body.fields));
    }
    for (i, table) in op.objects.iter().enumerate() {
        tables.push((child(&item("objects", i), "fields"), &table.fields));
    }
    for (path, rows) in tables {
        for (i, row) in rows.iter().enumerate() {
            if TypeExpr::parse(&row.ty).is_ok_and(|ty| ty.has_file()) {
                out.push(file.error_at(
                    &child(&item(&path, i), "type"),
                    "a `file` is a part of a `multipart/form-data` request body or the whole of a raw one (`request_body.media`), nowhere else",
                ));
            }
        }
    }
}

/// A form's fields: scalars travel as text, `file`s (multipart only) as files.
fn form_parts(file: &SpecFile<OperationFile>, body: &Body, multipart: bool, out: &mut Diagnostics) {
    for (i, row) in body.fields.iter().enumerate() {
        let Ok(ty) = TypeExpr::parse(&row.ty) else {
            continue;
        };
        let fits = ty.is_scalar() || (multipart && ty == TypeExpr::File);
        if !fits {
            let what = if multipart {
                "a multipart part is a scalar or a `file`"
            } else {
                "a field of an `application/x-www-form-urlencoded` body is a scalar"
            };
            out.push(file.error_at(
                &child(&item("request_body.fields", i), "type"),
                format!("{what}, not `{ty}`"),
            ));
        }
    }
}

/// A raw body: the bytes, described by one `file` field (its name is the
/// builder's method, its description the docs).
fn raw_body(file: &SpecFile<OperationFile>, body: &Body, media: &str, out: &mut Diagnostics) {
    if body.fields.len() != 1 {
        let path = if body.fields.is_empty() {
            "request_body".to_owned()
        } else {
            item("request_body.fields", 1)
        };
        out.push(file.error_at(
            &path,
            format!("a `{media}` body is one file: give it one field, of type `file`"),
        ));
    }
    for (i, row) in body.fields.iter().enumerate() {
        if TypeExpr::parse(&row.ty).is_ok_and(|ty| ty != TypeExpr::File) {
            out.push(file.error_at(
                &child(&item("request_body.fields", i), "type"),
                format!("a `{media}` body is bytes: its field has type `file`"),
            ));
        }
    }
}

/// `type/subtype`, each an RFC 9110 token, parameters not included.
pub fn is_media_type(text: &str) -> bool {
    let token = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    text.split_once('/')
        .is_some_and(|(kind, subtype)| token(kind) && token(subtype))
}

fn is_json(media: &str) -> bool {
    media.eq_ignore_ascii_case("application/json") || media.ends_with("+json")
}

fn not_a_media_type(media: &str) -> String {
    format!("`{media}` is not a media type (`type/subtype`, as `application/octet-stream`)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_two_tokens() {
        assert!(is_media_type("application/octet-stream"));
        assert!(is_media_type("multipart/form-data"));
        assert!(is_media_type("application/vnd.api+json"));
        assert!(!is_media_type("application/octet-stream; charset=utf-8"));
        assert!(!is_media_type("octet-stream"));
        assert!(!is_media_type("text/"));
        assert!(!is_media_type("text/plain\r\nX-Evil: 1"));
    }
}
