//! Request bodies that are not JSON: a file's bytes ([`Upload`]) sent as the
//! whole body or as a part of a `multipart/form-data` form ([`Multipart`]).
//!
//! Both are encoded into bytes before sending, as a JSON body is: AK/SK
//! signing hashes the body, and a retry sends the same bytes again.

use std::fmt;

use sha2::{Digest, Sha256};

use crate::QueryValue;

/// The bytes of a file, with the name and content type a form part or a raw
/// body sends them under.
///
/// ```
/// use hwcloud_runtime::Upload;
///
/// let chart = Upload::new(b"apiVersion: v2".to_vec())
///     .file_name("chart.yaml")
///     .content_type("application/yaml");
/// assert_eq!(chart.bytes(), b"apiVersion: v2");
/// let plain: Upload = "a text file".into();
/// assert_eq!(plain.file_name_or_default(), "file");
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Upload {
    bytes: Vec<u8>,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl Upload {
    /// The bytes, with no name or content type of their own.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Upload {
        Upload {
            bytes: bytes.into(),
            ..Upload::default()
        }
    }

    /// The file name a form part gives (`filename=` of its
    /// `Content-Disposition`); `file` when not given.
    pub fn file_name(mut self, name: impl Into<String>) -> Upload {
        self.file_name = Some(name.into());
        self
    }

    /// The content type sent with the bytes, instead of the documented one (a
    /// raw body) or `application/octet-stream` (a form part).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Upload {
        self.content_type = Some(content_type.into());
        self
    }

    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The file name, or `file`.
    pub fn file_name_or_default(&self) -> &str {
        self.file_name.as_deref().unwrap_or("file")
    }

    /// The content type given, if any.
    pub fn content_type_given(&self) -> Option<&str> {
        self.content_type.as_deref()
    }
}

/// Bytes are not printed: a file may be large or secret.
impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload")
            .field("len", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl From<Vec<u8>> for Upload {
    fn from(bytes: Vec<u8>) -> Upload {
        Upload::new(bytes)
    }
}

impl From<&[u8]> for Upload {
    fn from(bytes: &[u8]) -> Upload {
        Upload::new(bytes)
    }
}

impl<const N: usize> From<&[u8; N]> for Upload {
    fn from(bytes: &[u8; N]) -> Upload {
        Upload::new(bytes.as_slice())
    }
}

impl From<String> for Upload {
    fn from(text: String) -> Upload {
        Upload::new(text.into_bytes())
    }
}

impl From<&str> for Upload {
    fn from(text: &str) -> Upload {
        Upload::new(text.as_bytes())
    }
}

/// A request body as generated code hands it to [`build_request`](crate::build_request).
#[derive(Debug)]
pub enum RequestBody {
    /// No body.
    None,
    /// A JSON body, or why it did not serialize.
    Json(Result<Vec<u8>, serde_json::Error>),
    /// Bytes sent under a content type: a raw body or an encoded form.
    Bytes {
        /// The `Content-Type` header.
        content_type: String,
        /// The body.
        bytes: Vec<u8>,
    },
}

impl RequestBody {
    /// Fields as an `application/x-www-form-urlencoded` body.
    pub fn form(fields: crate::QueryBuilder) -> RequestBody {
        RequestBody::Bytes {
            content_type: "application/x-www-form-urlencoded".to_owned(),
            bytes: fields.finish().into_bytes(),
        }
    }

    /// A file as the whole body, under its own content type or the documented one.
    pub fn raw(documented: &str, upload: &Upload) -> RequestBody {
        RequestBody::Bytes {
            content_type: upload.content_type_given().unwrap_or(documented).to_owned(),
            bytes: upload.bytes.clone(),
        }
    }
}

/// A `multipart/form-data` body (RFC 7578), part by part in the order given.
///
/// The boundary is derived from the parts' content, so the same form always
/// encodes to the same bytes (a signed request can be checked), and it never
/// occurs inside a part.
///
/// ```
/// use hwcloud_runtime::{Multipart, RequestBody, Upload};
///
/// let mut form = Multipart::new();
/// form.text("group_id", &"g-1");
/// form.file("file_name", &Upload::new(b"swagger: '2.0'".to_vec()).file_name("api.yaml"));
/// let RequestBody::Bytes { content_type, bytes } = form.finish() else { unreachable!() };
/// let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
/// let text = String::from_utf8(bytes).unwrap();
/// assert!(text.starts_with(&format!("--{boundary}\r\n")));
/// assert!(text.contains("name=\"file_name\"; filename=\"api.yaml\""));
/// assert!(text.ends_with(&format!("--{boundary}--\r\n")));
/// ```
#[derive(Debug, Default)]
pub struct Multipart {
    parts: Vec<Part>,
}

#[derive(Debug)]
struct Part {
    name: String,
    file: Option<(String, String)>,
    bytes: Vec<u8>,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Multipart {
        Multipart::default()
    }

    /// A text field: the value as a query parameter would carry it.
    pub fn text(&mut self, name: &str, value: &dyn QueryValue) -> &mut Self {
        self.parts.push(Part {
            name: name.to_owned(),
            file: None,
            bytes: value.query_text().into_owned().into_bytes(),
        });
        self
    }

    /// A text field when the value is set.
    pub fn text_opt<T: QueryValue>(&mut self, name: &str, value: Option<&T>) -> &mut Self {
        if let Some(value) = value {
            self.text(name, value);
        }
        self
    }

    /// A file field.
    pub fn file(&mut self, name: &str, upload: &Upload) -> &mut Self {
        let content_type = upload.content_type_given().unwrap_or("application/octet-stream");
        self.parts.push(Part {
            name: name.to_owned(),
            file: Some((upload.file_name_or_default().to_owned(), content_type.to_owned())),
            bytes: upload.bytes.clone(),
        });
        self
    }

    /// A file field when the file is given.
    pub fn file_opt(&mut self, name: &str, upload: Option<&Upload>) -> &mut Self {
        if let Some(upload) = upload {
            self.file(name, upload);
        }
        self
    }

    /// The encoded form and its content type (with the boundary).
    pub fn finish(self) -> RequestBody {
        let boundary = self.boundary();
        let mut bytes = Vec::new();
        for part in &self.parts {
            bytes.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let name = quoted(&part.name);
            match &part.file {
                Some((file_name, content_type)) => bytes.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                        quoted(file_name),
                        one_line(content_type),
                    )
                    .as_bytes(),
                ),
                None => bytes.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            bytes.extend_from_slice(&part.bytes);
            bytes.extend_from_slice(b"\r\n");
        }
        bytes.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        RequestBody::Bytes {
            content_type: format!("multipart/form-data; boundary={boundary}"),
            bytes,
        }
    }

    /// A boundary no part contains, from a hash of the parts.
    fn boundary(&self) -> String {
        let mut hasher = Sha256::new();
        for part in &self.parts {
            hasher.update(part.name.as_bytes());
            hasher.update((part.bytes.len() as u64).to_le_bytes());
            hasher.update(&part.bytes);
        }
        let taken = |delimiter: &[u8]| {
            let inside = |bytes: &[u8]| memchr::memmem::find(bytes, delimiter).is_some();
            self.parts
                .iter()
                .any(|p| inside(&p.bytes) || inside(p.name.as_bytes()))
        };
        first_boundary_not_in(hasher.finalize().into(), taken)
    }
}

/// `hwcloud-` and half a digest, rehashed until its delimiter (`--` and the
/// boundary) is not `taken`: astronomically unlikely to take a second round.
fn first_boundary_not_in(mut digest: [u8; 32], taken: impl Fn(&[u8]) -> bool) -> String {
    loop {
        let boundary = format!("hwcloud-{}", hex::encode(&digest[..16]));
        if !taken(format!("--{boundary}").as_bytes()) {
            return boundary;
        }
        digest = Sha256::digest(digest).into();
    }
}

/// A name inside `"…"` of a header: quotes and line breaks escaped as browsers
/// do (WHATWG: `%22`, `%0D`, `%0A`).
fn quoted(text: &str) -> String {
    text.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// A header value on one line.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(form: Multipart) -> (String, Vec<u8>) {
        match form.finish() {
            RequestBody::Bytes { content_type, bytes } => (content_type, bytes),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_form_encodes_text_and_file_parts_in_order() {
        let mut form = Multipart::new();
        form.text("is_create_group", &true)
            .text_opt::<String>("group_id", None)
            .file("file_name", &Upload::new(b"{}".to_vec()).file_name("api.json"));
        let (content_type, bytes) = encoded(form);
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        let expected = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"is_create_group\"\r\n\r\ntrue\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file_name\"; filename=\"api.json\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n{{}}\r\n--{boundary}--\r\n"
        );
        assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    }

    #[test]
    fn the_boundary_is_stable_and_never_inside_a_part() {
        let form = |bytes: &[u8]| {
            let mut form = Multipart::new();
            form.file("f", &Upload::new(bytes));
            encoded(form).0
        };
        assert_eq!(form(b"abc"), form(b"abc"));
        assert_ne!(form(b"abc"), form(b"abd"));
        // A part holding the first candidate's delimiter gets the next one.
        let first = first_boundary_not_in([7; 32], |_| false);
        let next = first_boundary_not_in([7; 32], |d| d == format!("--{first}").as_bytes());
        assert_ne!(first, next);
        assert!(next.starts_with("hwcloud-") && next.len() == "hwcloud-".len() + 32);
    }

    #[test]
    fn names_cannot_break_out_of_their_header() {
        let mut form = Multipart::new();
        form.file(
            "a\"b",
            &Upload::new(b"1".to_vec())
                .file_name("x\r\nX-Evil: 1")
                .content_type("text/plain\r\nX-Evil: 2"),
        );
        let text = String::from_utf8(encoded(form).1).unwrap();
        assert!(text.contains("name=\"a%22b\"; filename=\"x%0D%0AX-Evil: 1\""));
        assert!(text.contains("Content-Type: text/plain  X-Evil: 2\r\n"));
    }

    #[test]
    fn a_raw_body_takes_the_uploads_content_type_over_the_documented_one() {
        let RequestBody::Bytes { content_type, bytes } =
            RequestBody::raw("application/octet-stream", &Upload::from("abc"))
        else {
            unreachable!()
        };
        assert_eq!(
            (content_type.as_str(), bytes.as_slice()),
            ("application/octet-stream", &b"abc"[..])
        );
        let RequestBody::Bytes { content_type, .. } = RequestBody::raw(
            "application/octet-stream",
            &Upload::from("abc").content_type("text/plain"),
        ) else {
            unreachable!()
        };
        assert_eq!(content_type, "text/plain");
    }
}
