//! The YAML schema of `spec/`, as serde types.
//!
//! These types mirror the documentation tables column for column; they carry no
//! Rust naming and no resolution. `spec/README.md` documents every key.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Text the docs give in one or more languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
}

impl Text {
    pub fn is_empty(&self) -> bool {
        self.en.is_none() && self.zh.is_none()
    }

    /// The English text if there is one, else the Chinese.
    pub fn preferred(&self) -> Option<&str> {
        self.en.as_deref().or(self.zh.as_deref())
    }
}

/// A documentation page a spec file was transcribed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Path of the page, relative to the documentation set it belongs to.
    pub page: String,
    /// Language of the page: `zh` or `en`.
    pub lang: Lang,
    /// The page's own identifier (`dli_02_0104`), where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The language a text is written in: Chinese when it has a CJK ideograph,
    /// else English. The one rule for a page, a table cell or an error message.
    pub fn of_text(text: &str) -> Lang {
        let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        if text.chars().any(cjk) { Lang::Zh } else { Lang::En }
    }
}

/// `spec/<service>/service.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceFile {
    /// Short identifier: the Rust module and the Cargo feature (`dli`).
    pub service: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    /// Huawei Cloud's endpoint host pattern, `{region}` standing for the region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// Other clouds' host patterns, by cloud id (`open-telekom-cloud`), where the
    /// pages state them. A cloud with none uses its own convention with the
    /// service's host prefix (`dli.{region}.otc.t-systems.com`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub endpoints: BTreeMap<String, String>,
    /// Planes whose operations are not sent to the service's endpoint (GES's graph
    /// plane: the graph's own address), by URI prefix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub planes: Vec<PlaneSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Every shape of error body the docs show for this service.
    pub error_body: Vec<ErrorBodyShape>,
    pub error_codes: Vec<ErrorCodeEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// Polling helpers: which operation to poll until which response field says
    /// the resource is done. Written and reviewed by hand, like the error table;
    /// re-importing keeps them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waiters: Vec<WaiterSpec>,
}

/// One waiter: `wait_until_<name>` polls `operation` until `field` takes a
/// `success` value, fails on a `failure` value, and keeps polling on a `retry`
/// value (on any other value too when `retry` is empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiterSpec {
    /// snake_case: the helper is `wait_until_<name>`.
    pub name: String,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    /// The id of the operation to poll.
    pub operation: String,
    /// The response field that tells the state, dotted through nested objects
    /// (`graph.status`), on through untyped JSON where the docs give no table.
    pub field: String,
    /// Values that mean done.
    pub success: Vec<String>,
    /// Values that mean it will never succeed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failure: Vec<String>,
    /// Values that mean not yet; empty: every value that is neither success nor failure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retry: Vec<String>,
    /// Seconds before the second poll; later delays grow to `max_delay`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay: Option<u64>,
    /// Most seconds between two polls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_delay: Option<u64>,
    /// Seconds after which waiting gives up, unless the caller says otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u64>,
}

/// One error-body shape: which JSON keys carry the code and the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBodyShape {
    /// Key of the error code (`error_code`, `errorCode`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Key of the message (`error_msg`, `errorMessage`, `message`).
    pub message: String,
    /// Key of a boolean that is `false` on failure (`is_success`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<String>,
}

/// One row of a service's error-code table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCodeEntry {
    pub status: u16,
    /// The code as text; a YAML `null` here is an error, not the code `null`.
    #[serde(deserialize_with = "text_not_null")]
    pub code: String,
    pub message: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub remedy: Text,
    /// Why a reviewer added or changed this entry by hand: such an entry survives
    /// re-importing pages that do not list it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hand_edit: Option<String>,
}

/// `spec/<service>/operations/<operation>.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationFile {
    /// Identifier in snake_case, unique within the service; Rust names derive from it.
    pub operation: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub summary: Text,
    pub sources: Vec<Source>,
    /// The API version the page documents (GES pages carry one, e.g. `1.0.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// What tells this operation apart from others of the same method and URI:
    /// pages that document one route with different request bodies (IAM tokens
    /// by authentication method) or under titles naming other actions (DNS's
    /// public and private zones) are variants, each its own operation. The
    /// importer names it after a request field only this variant has (`totp`),
    /// else its title's verb or words (`batch_delete`, `private`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecation>,
    /// The clouds whose documentation has this operation (`huawei-cloud`,
    /// `open-telekom-cloud`), where not every cloud the service's pages come
    /// from has it; empty: all of them. A client for another cloud refuses it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clouds: Vec<String>,
    pub method: Method,
    /// Path template with `{placeholders}`; may end in a fixed query (`?action_id=x`).
    pub uri: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Field>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<Body>,
    /// The success response: its body, and its headers where the page documents them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Body>,
    /// The bodies of the page's other statuses, each with the statuses that return
    /// it: further successes (`202`), and the error bodies of `4xx`/`5xx`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Body>,
    /// Nested object tables, referred to from field types by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objects: Vec<ObjectTable>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_codes: Vec<StatusCodeDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// Tables the page gives for reading beside its fields (resource types and
    /// their sizes, metrics, the characters of a date pattern): shown in the
    /// docs as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<DocTable>,
    /// How the operation pages through a list, where it does: the importer detects
    /// it from the query parameters and the response, a reviewer corrects it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
}

impl OperationFile {
    /// The 2xx bodies of `responses` whose fields differ from the success
    /// body's (an object, JSON): each a variant of the response enum, and the
    /// reason no paginator or waiter reads the response. One rule for the
    /// model and the importer.
    pub fn other_success_bodies(&self) -> Vec<(usize, &Body)> {
        let Some(response) = self.response.as_ref().filter(|b| !b.array && b.media.is_none()) else {
            return Vec::new();
        };
        let names = |body: &Body| -> std::collections::BTreeSet<String> {
            body.fields.iter().map(|f| f.name.clone()).collect()
        };
        self.responses
            .iter()
            .enumerate()
            .filter(|(_, b)| !b.status.is_empty() && b.status.iter().all(|s| (200..300).contains(s)))
            .filter(|(_, b)| !b.array && b.media.is_none() && names(b) != names(response))
            .collect()
    }
}

/// How a list operation pages. Field paths are dotted response fields
/// (`page_info.next_marker`); parameters are query parameters by wire name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    pub scheme: PageScheme,
    /// The query parameter that moves from page to page: the items to skip
    /// (`offset`), the page number (`page`) or the key to continue after (`marker`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// The query parameter that sets how many items a page holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<String>,
    /// The response array that holds a page's items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<String>,
    /// The response field that counts the items of every page together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    /// `page` only: the number of the first page (1 unless stated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_page: Option<i64>,
    /// `marker` only: the response field with the next page's marker; without
    /// it the marker is the last item's `marker_key`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
    /// `marker` only: the item field a marker names (`id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker_key: Option<String>,
    /// Why a reviewer wrote or changed this by hand: re-importing keeps it as is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hand_edit: Option<String>,
}

/// How the position moves from one page to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageScheme {
    /// `parameter` counts the items to skip (offset/limit, from/size).
    Offset,
    /// `parameter` numbers the pages (page/per_page, current-page/page-size).
    Page,
    /// `parameter` names the item to continue after (marker/limit).
    Marker,
    /// Not paginated, though it looks so: a reviewer's answer to a wrong detection.
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deprecation {
    /// The `operation` id of the replacement in the same service, if the page names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub note: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
    Head,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

/// A row of a parameter table: a URI, query or header parameter (with `in`), or a
/// request-body, response or nested-table field (without).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The name on the wire, exactly as the docs spell it.
    pub name: String,
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub location: Option<ParamLocation>,
    /// The mandatory column; absent when the table has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Normalised type: `string`, `integer`, `long`, `number`, `boolean`, `object`,
    /// `any`, `array<T>`, `map<T>`, or the name of an object table.
    #[serde(rename = "type")]
    pub ty: String,
    /// The type as the docs spell it, where it differs from `type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<String>,
    /// Values the description enumerates.
    #[serde(default, rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// Fewest characters (strings) or items (arrays) the docs allow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// Most characters (strings) or items (arrays) the docs allow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// Smallest value the docs allow (numbers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    /// Largest value the docs allow (numbers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
    /// Where the transcription deliberately departs from the page, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Why a reviewer added or changed this field by hand: re-importing keeps it,
    /// and reports it as a conflict where the page now says otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hand_edit: Option<String>,
    /// The clouds whose documentation has this field, where not every cloud
    /// that documents its operation does; empty: all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clouds: Vec<String>,
}

impl Field {
    /// A field no table row gives, added for the reason `note` states.
    pub fn added(
        name: impl Into<String>,
        ty: impl Into<String>,
        required: bool,
        note: impl Into<String>,
    ) -> Field {
        Field {
            name: name.into(),
            required: Some(required),
            ty: ty.into(),
            note: Some(note.into()),
            ..Field::default()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// Responses only: the HTTP statuses that return this body, as the page's
    /// `状态码： 200` / `Status code: 200` lines group the tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<u16>,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub caption: Text,
    /// The content type when the body is not JSON: `multipart/form-data` (each
    /// field a form part, `file` fields carry bytes) or any other media type
    /// (`application/octet-stream`, `text/plain`): the body is bytes, described
    /// by one `file` field (requests) or by no field (responses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<String>,
    /// The body is a JSON array, each element the object `fields` describes
    /// (responses only: `[{"is_success": true, ...}, ...]`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub array: bool,
    /// Responses only: the headers that carry data (`X-Subject-Token`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Field>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectTable {
    /// UpperCamelCase name used in `type:` references and as the Rust type name.
    pub name: String,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub caption: Text,
    pub fields: Vec<Field>,
}

/// A plane of a service: its operations go to an address the caller gives (the
/// graph's own address for GES's business plane), not to the service endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaneSpec {
    /// snake_case name (`graph`): the client's `plane_endpoint` takes it.
    pub name: String,
    /// Operations whose `uri` starts with this belong to the plane (`/ges/`).
    pub uri_prefix: String,
    /// Only IAM tokens authenticate there: AK/SK-signed calls are refused.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub token_only: bool,
    /// Headers every request to the plane carries (GES: `X-Language: en-us`),
    /// unless the operation documents a header parameter of that name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
}

/// The clouds a service spec may name endpoints for: the runtime's `Cloud` ids.
pub const CLOUDS: &[&str] = &["huawei-cloud", "open-telekom-cloud"];

/// Each cloud of [`CLOUDS`]: its name as its documentation writes it, and its
/// variant of `hwcloud_runtime::Cloud`, for what generated code says and names.
pub const CLOUD_NAMES: &[(&str, &str, &str)] = &[
    ("huawei-cloud", "Huawei Cloud", "HuaweiCloud"),
    ("open-telekom-cloud", "Open Telekom Cloud", "OpenTelekomCloud"),
];

/// The name and runtime variant of a cloud id of [`CLOUDS`].
pub fn cloud_names(id: &str) -> Option<(&'static str, &'static str)> {
    CLOUD_NAMES
        .iter()
        .find(|(cloud, _, _)| *cloud == id)
        .map(|(_, name, variant)| (*name, *variant))
}

/// The statuses HTTP defines; any other number in a spec is a mistake.
pub const HTTP_STATUSES: std::ops::RangeInclusive<u16> = 100..=599;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusCodeDoc {
    pub status: u16,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
}

/// A table to read, not fields: a header and rows of cells, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocTable {
    pub lang: Lang,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caption: String,
    pub header: Vec<String>,
    /// Each row has as many cells as the header (`check` says where not).
    pub rows: Vec<Vec<String>>,
}

impl DocTable {
    /// The table as Markdown lines: the header, its rule, a line per row. `cell`
    /// makes a cell's text safe where the lines go (a newline would end the
    /// row, a pipe a cell: each becomes text here before `cell` sees it).
    pub fn markdown(&self, cell: impl Fn(&str) -> String) -> Vec<String> {
        let row = |cells: &[String]| {
            let cells: Vec<String> = cells
                .iter()
                .map(|c| cell(&c.replace(['\n', '\r'], " ")).replace('|', "\\|"))
                .collect();
            format!("| {} |", cells.join(" | "))
        };
        let rule = format!("|{}", " --- |".repeat(self.header.len()));
        [row(&self.header), rule]
            .into_iter()
            .chain(self.rows.iter().map(|r| row(r)))
            .collect()
    }
}

/// A request or response example as the page prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub kind: ExampleKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub title: Text,
    /// `json` examples must parse; `text` ones are kept verbatim (docs print invalid JSON).
    #[serde(default)]
    pub format: ExampleFormat,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Why the generated types cannot read this example as the page means it (a
    /// code no error table lists, placeholder values, a status the client reads
    /// as an error). The importer writes it; the example's test is then ignored
    /// with this reason instead of failing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contradicts: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    Request,
    Response,
    Error,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleFormat {
    #[default]
    Json,
    Text,
}

/// A string that may not be YAML `null` (or `~`), which serde_yaml would
/// otherwise read as the text `null`: a code written so was left out by mistake.
fn text_not_null<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Option::<String>::deserialize(deserializer)?.ok_or_else(|| {
        serde::de::Error::custom("the value is null; write it as text (quote it to mean `null`)")
    })
}
