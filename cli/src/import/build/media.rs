//! Bodies that are not JSON, read from what a page says of them: a form (a
//! `FormData parameters` table, `multipart/form-data` under the request), a
//! file as the whole request body (its one row typed `File`), and a download
//! (a non-JSON `Content-Type` named under the response).

use super::super::page::{Block, Page};
use super::super::report::{Finding, Section, Severity};
use super::fields::is_file_type;
use hwcloud_model::media::is_media_type;
use hwcloud_model::model::Media;
use hwcloud_model::spec::schema::{Field, OperationFile};
use hwcloud_model::spec::types::TypeExpr;

/// Sets `media` on the request body and the response where the page says
/// they are not JSON, and types their rows to fit.
pub fn read(
    page: &Page,
    sections: &[Section],
    body_caption: Option<&str>,
    op: &mut OperationFile,
    findings: &mut Vec<Finding>,
) {
    let mut request_text = texts_of(page, sections, Section::Request, true);
    // What the `Content-Type` header row says it must be.
    let content_type_rows = op
        .parameters
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case("content-type"))
        .flat_map(|p| [p.description.en.as_deref(), p.description.zh.as_deref()])
        .flatten();
    request_text.extend(content_type_rows);
    if let Some(body) = &mut op.request_body
        && let Some(media) = request_media(body_caption, &request_text, &body.fields)
    {
        fit_fields(&media, &mut body.fields, findings);
        body.media = Some(media.content_type().to_owned());
    }
    let response_text = texts_of(page, sections, Section::Response, false);
    if let Some(media) = response_media(&response_text) {
        let response = op.response.get_or_insert_with(Default::default);
        if !response.fields.is_empty() {
            let names: Vec<&str> = response.fields.iter().map(|f| f.name.as_str()).collect();
            findings.push(Finding::at(
                Section::Response,
                Severity::Info,
                "response-not-json",
                0,
                format!(
                    "the response is `{media}` bytes: the rows its table lists ({}) describe their content, not JSON fields, and are not transcribed",
                    names.join(", ")
                ),
            ));
            response.fields.clear();
        }
        response.array = false;
        response.media = Some(media);
    }
    files_elsewhere(op, findings);
}

/// The request body's media: a form when the page says so or it mixes
/// files with other rows (URL-encoded where the page names that, and it has
/// no file); raw bytes when its one row is a file.
fn request_media(caption: Option<&str>, text: &[&str], fields: &[Field]) -> Option<Media> {
    let compact = |s: &str| s.to_ascii_lowercase().replace([' ', '-', '_'], "");
    let names = |media: &str| text.iter().any(|t| t.to_ascii_lowercase().contains(media));
    let files = fields.iter().filter(|f| is_file(f)).count();
    if files == 0 && names(Media::FORM) {
        return Some(Media::Form);
    }
    let form = caption.is_some_and(|c| compact(c).contains("formdata")) || names(Media::MULTIPART);
    if form || (files > 0 && fields.len() > 1) {
        return Some(Media::Multipart);
    }
    if files == 1 {
        let named = text.iter().flat_map(|t| media_types(t)).find(|m| !is_json(m));
        return Some(Media::Raw(
            named.unwrap_or_else(|| "application/octet-stream".to_owned()),
        ));
    }
    None
}

/// A response's media: a `Content-Type` the response section names that is not JSON.
fn response_media(text: &[&str]) -> Option<String> {
    text.iter()
        .filter(|t| t.to_ascii_lowercase().contains("content-type"))
        .flat_map(|t| media_types(t))
        .find(|m| !is_json(m) && m != Media::MULTIPART)
}

/// File rows become `file`; a form part that is no scalar travels as text.
fn fit_fields(media: &Media, fields: &mut [Field], findings: &mut Vec<Finding>) {
    for field in fields.iter_mut() {
        if is_file(field) {
            field.ty = "file".into();
            continue;
        }
        let scalar = TypeExpr::parse(&field.ty).is_ok_and(|t| t.is_scalar());
        if matches!(media, Media::Multipart | Media::Form) && !scalar {
            findings.push(Finding::at(
                Section::Request,
                Severity::Info,
                "form-part-as-text",
                0,
                format!("form part `{}` (`{}`) is sent as text", field.name, field.ty),
            ));
            field.ty = "string".into();
        }
    }
}

/// A row the docs type as a file.
fn is_file(field: &Field) -> bool {
    is_file_type(field.doc_type.as_deref().unwrap_or(&field.ty))
}

/// Files anywhere but a form or a raw request body stay `any`, said.
fn files_elsewhere(op: &OperationFile, findings: &mut Vec<Finding>) {
    let bytes_body = op.request_body.as_ref().filter(|b| b.media.is_some());
    let rows = op
        .parameters
        .iter()
        .chain(
            op.request_body
                .iter()
                .filter(|_| bytes_body.is_none())
                .flat_map(|b| &b.fields),
        )
        .chain(op.response.iter().flat_map(|b| &b.fields))
        .chain(op.objects.iter().flat_map(|o| &o.fields));
    for field in rows.filter(|f| f.location.is_none() && is_file(f) && f.ty == "any") {
        findings.push(Finding::at(
            Section::Parameters,
            Severity::Warning,
            "file-outside-body",
            0,
            format!(
                "`{}` is typed as a file, but not in a form or a file body; kept as `any`",
                field.name
            ),
        ));
    }
}

/// The media types a text names (`application/octet-stream`), lowercase,
/// parameters left off.
fn media_types(text: &str) -> Vec<String> {
    text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '`' | '*' | ',' | ';' | '(' | ')' | '：' | ':' | '，' | '。'
            )
    })
    .map(|word| word.trim_end_matches('.').to_ascii_lowercase())
    .filter(|word| {
        word.split_once('/').is_some_and(|(kind, _)| {
            matches!(
                kind,
                "application" | "text" | "image" | "audio" | "video" | "multipart"
            )
        }) && is_media_type(word)
    })
    .collect()
}

fn is_json(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json") || media.ends_with("-json")
}

/// The texts of one kind of section: paragraphs, and code blocks when
/// `with_code` (a request's `curl` line names its content type; a response's
/// example headers may belong to an empty body).
fn texts_of<'p>(page: &'p Page, sections: &[Section], wanted: Section, with_code: bool) -> Vec<&'p str> {
    page.blocks
        .iter()
        .zip(sections)
        .filter(|(_, section)| **section == wanted)
        .filter_map(|(block, _)| match block {
            Block::Text { text, .. } => Some(text.as_str()),
            Block::Code { text, .. } if with_code => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, ty: &str, doc: &str) -> Field {
        Field {
            doc_type: Some(doc.into()),
            ..Field::added(name, ty, true, "")
        }
    }

    #[test]
    fn one_file_row_is_a_raw_body_of_the_type_the_page_names() {
        let rows = [row("image_file", "any", "file")];
        let curl = [r#"curl -X PUT -H "Content-Type:application/octet-stream" -T /mnt/suse.zvhd"#];
        assert_eq!(
            request_media(None, &curl, &rows),
            Some(Media::Raw("application/octet-stream".into()))
        );
        let named = ["Content-Type: text/plain, the script."];
        assert_eq!(
            request_media(None, &named, &rows),
            Some(Media::Raw("text/plain".into()))
        );
        assert_eq!(
            request_media(None, &[], &rows),
            Some(Media::Raw("application/octet-stream".into()))
        );
    }

    #[test]
    fn a_form_table_or_a_file_among_rows_is_multipart() {
        let rows = [
            row("group_id", "string", "String"),
            row("file_name", "any", "File"),
        ];
        assert_eq!(request_media(None, &[], &rows), Some(Media::Multipart));
        let text_only = [row("group_id", "string", "String")];
        assert_eq!(
            request_media(Some("Table 3 FormData parameters"), &[], &text_only),
            Some(Media::Multipart)
        );
        assert_eq!(request_media(Some("Table 3 Request body"), &[], &text_only), None);
        let urlencoded = ["The client submits a form: application/x-www-form-urlencoded"];
        assert_eq!(
            request_media(Some("表 2 请求formData参数"), &urlencoded, &text_only),
            Some(Media::Form)
        );
        // A file cannot travel URL-encoded: the form is multipart whatever the text says.
        assert_eq!(request_media(None, &urlencoded, &rows), Some(Media::Multipart));
    }

    #[test]
    fn a_download_is_a_non_json_content_type_under_the_response() {
        let text = [
            "The value of **Content-Type** in the response message is **application/octet-stream** that needs to be converted into a file.",
        ];
        assert_eq!(response_media(&text), Some("application/octet-stream".into()));
        assert_eq!(
            response_media(&["Content-Type: application/json;charset=UTF-8"]),
            None
        );
        // A media type named without Content-Type says nothing of the body.
        assert_eq!(response_media(&["The file is application/zip."]), None);
    }

    #[test]
    fn form_parts_fit_the_form() {
        let mut rows = vec![
            row("file_name", "any", "File"),
            row("meta", "object", "Object"),
            row("count", "integer", "Integer"),
        ];
        let mut findings = Vec::new();
        fit_fields(&Media::Multipart, &mut rows, &mut findings);
        let types: Vec<&str> = rows.iter().map(|f| f.ty.as_str()).collect();
        assert_eq!(types, ["file", "string", "integer"]);
        assert_eq!(findings.len(), 1, "{findings:?}");
    }
}
