//! The operation's method and URI: the `METHOD /path` line of the URI section,
//! as a template whose variable query pairs are query parameters.

use crate::import::lexicon::{URI_LINE_PREFIXES, URI_METHOD_LABELS, URI_PATH_LABELS};
use crate::import::page::{Block, Page, Table};
use crate::import::report::{Finding, Section, Severity};
use hwcloud_model::spec::schema::{Field, Method, ParamLocation};

/// A page's `METHOD /path` line, read.
#[derive(Debug, Clone)]
pub struct UriLine {
    pub method: Method,
    /// The path as a template, with its fixed query pairs.
    pub uri: String,
    pub line: usize,
    /// Query parameters an RFC 6570 expansion names (`{?interface,service_id}`).
    pub query_names: Vec<String>,
    /// Variable query pairs whose value names the row that documents them:
    /// `?source={sourceVertex}` gives (`source`, `sourceVertex`).
    pub query_pairs: Vec<(String, String)>,
}

/// A URI line that shows an example request's values instead of its template
/// (`GET https://{BMS Endpoint}/v1/bbf1946d…/baremetalservers/53206ed0-…`, the
/// template itself missing from the page): its segments that are ids (a UUID,
/// a long hex string) are the URI table's parameters, in order, when there are
/// as many of each. The template is rewritten with them; what was read is said.
pub fn example_values_as_placeholders(uri: &mut UriLine, uri_rows: &[String]) -> Option<Finding> {
    let (path, query) = match uri.uri.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (uri.uri.as_str(), None),
    };
    let segments: Vec<&str> = path.split('/').collect();
    let ids: Vec<usize> = (0..segments.len())
        .filter(|&i| is_id_value(segments[i]))
        .collect();
    if ids.is_empty() || ids.len() != uri_rows.len() || path.contains('{') {
        return None;
    }
    let mut filled: Vec<String> = segments.iter().map(|s| (*s).to_owned()).collect();
    for (&at, name) in ids.iter().zip(uri_rows) {
        filled[at] = format!("{{{name}}}");
    }
    let shown: Vec<String> = ids.iter().map(|&at| format!("`{}`", segments[at])).collect();
    let named: Vec<String> = uri_rows.iter().map(|n| format!("`{{{n}}}`")).collect();
    let mut template = filled.join("/");
    if let Some(query) = query {
        template = format!("{template}?{query}");
    }
    uri.uri = template;
    Some(Finding::at(
        Section::Uri,
        Severity::Info,
        "uri-from-example",
        uri.line,
        format!(
            "the URI line shows example values ({}), no placeholders: read as the URI table's {}, in order",
            shown.join(", "),
            named.join(", ")
        ),
    ))
}

/// A path segment that is an id's value: a UUID, or 16 and more hex digits
/// with a digit among them (a project or domain id).
fn is_id_value(segment: &str) -> bool {
    let hex = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit());
    let groups: Vec<&str> = segment.split('-').collect();
    let uuid = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12]) && groups.iter().all(|g| hex(g));
    let long_hex = segment.len() >= 16 && hex(segment) && segment.chars().any(|c| c.is_ascii_digit());
    uuid || long_hex
}

pub fn parse_method(word: &str) -> Option<Method> {
    Some(match word {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "DELETE" => Method::Delete,
        "PATCH" => Method::Patch,
        "HEAD" => Method::Head,
        _ => return None,
    })
}

/// A method word as URI lines spell it: `POST`, and also `Post` or `post`.
fn method_word(word: &str) -> Option<Method> {
    parse_method(&word.to_ascii_uppercase())
}

/// What stands before the path of a URI line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// `GET /v1/x`.
    None,
    /// `POST https://{Endpoint}/v3/x`: a placeholder for the host.
    Placeholder,
    /// `GET https://dds.eu-de.example.com/v3/x`: a host, as example requests show.
    Host,
}

/// `GET /v1.0/x` or `GET/v1.0/x` (both occur) at the start of a line, also with
/// a scheme and host before the path (`POST https://{Endpoint}/v3/x`).
fn method_and_path(line: &str) -> Option<(Method, &str, Origin)> {
    let line = URI_LINE_PREFIXES
        .iter()
        .fold(line.trim(), |line, prefix| line.trim_start_matches(prefix))
        .trim();
    let split = line.find(|c: char| c == '/' || c.is_whitespace())?;
    let method = method_word(&line[..split])?;
    let (rest, origin) = without_origin(line[split..].trim_start())?;
    let path = &rest[..template_end(rest)];
    path.starts_with('/').then_some((method, path, origin))
}

/// The end of a URI template: the first space outside braces
/// (`GET /v3/endpoints{?interface, service_id}` keeps its expansion).
fn template_end(text: &str) -> usize {
    let mut depth = 0usize;
    text.char_indices()
        .find(|(_, c)| {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            c.is_whitespace() && depth == 0
        })
        .map_or(text.len(), |(at, _)| at)
}

/// The text after `scheme://host` when it starts with one, with what the host
/// is; the text itself when it starts with no scheme.
fn without_origin(text: &str) -> Option<(&str, Origin)> {
    let Some(after) = ["https://", "http://"]
        .iter()
        .find_map(|s| strip_prefix_ignore_case(text, s))
    else {
        return Some((text, Origin::None));
    };
    // The host ends at the first `/` outside braces (`{BMS Endpoint}` has a space).
    let mut depth = 0usize;
    let end = after.char_indices().find(|(_, c)| {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        *c == '/' && depth == 0
    });
    let host = &after[..end.map_or(after.len(), |(at, _)| at)];
    if host.is_empty() || host.chars().any(char::is_whitespace) && !host.starts_with('{') {
        return None;
    }
    let origin = if host.starts_with('{') && host.ends_with('}') {
        Origin::Placeholder
    } else {
        Origin::Host
    };
    // `https://{Endpoint}` alone is the root path.
    Some((end.map_or("/", |(at, _)| &after[at..]), origin))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// The path as a template: variable query pairs (`?page-size={size}`) are query
/// parameters documented in tables, so only fixed pairs (`action_id=x`) stay.
fn uri_template(path: &str) -> String {
    // RST pages emphasise placeholders: `{*job_id*}`.
    let path = path.replace("{*", "{").replace("*}", "}");
    // RFC 6570 query expansions (`{?interface,service_id}`) name query parameters.
    let path = match path.find("{?").or_else(|| path.find("{&")) {
        Some(at) => path[..at].to_owned(),
        None => path,
    };
    let path = path.trim_end_matches(['。', '，', ',', ';']);
    let Some((path, query)) = path.split_once('?') else {
        return path.to_owned();
    };
    // A value in braces or emphasis (`_size_`, `*n*`) stands for a parameter.
    let is_variable = |value: &str| {
        value.contains(['{', '}'])
            || value.len() > 1
                && (value.starts_with('_') && value.ends_with('_')
                    || value.starts_with('*') && value.ends_with('*'))
    };
    let fixed: Vec<&str> = query
        .split('&')
        .filter(|pair| pair.split_once('=').is_some_and(|(_, value)| !is_variable(value)))
        .collect();
    if fixed.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", fixed.join("&"))
    }
}

/// A pair whose key the query table documents is an example value
/// (`?keyword=tb`), not a fixed part of the operation's URI.
pub fn without_documented_query(uri: &str, parameters: &[Field]) -> String {
    let Some((path, query)) = uri.split_once('?') else {
        return uri.to_owned();
    };
    let documented = |key: &str| {
        parameters
            .iter()
            .any(|p| p.location == Some(ParamLocation::Query) && p.name == key)
    };
    let fixed: Vec<&str> = query
        .split('&')
        .filter(|pair| !documented(pair.split_once('=').map_or(*pair, |(key, _)| key)))
        .collect();
    if fixed.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", fixed.join("&"))
    }
}

/// The names an RFC 6570 query expansion lists: `{?interface, service_id}`.
fn query_expansion(path: &str) -> Vec<String> {
    let Some(at) = path.find("{?").or_else(|| path.find("{&")) else {
        return Vec::new();
    };
    let inner = &path[at + 2..];
    let inner = &inner[..inner.find('}').unwrap_or(inner.len())];
    inner
        .split(',')
        .map(|name| name.trim().trim_end_matches('*').to_owned())
        .filter(|name| !name.is_empty())
        .collect()
}

/// The operation's method and URI, preferring the URI section, with the query
/// parameters its expansion names. Three layouts: a `METHOD /path` line (also
/// with a scheme and host), labelled lines (`PATH: /v1/x` and `Method: POST`),
/// and a table with a method column and a URI column.
pub fn find(page: &Page, sections: &[Section]) -> Option<UriLine> {
    let mut fallback = None;
    let mut labelled = Labelled::default();
    for (block, section) in page.blocks.iter().zip(sections) {
        let in_uri = *section == Section::Uri;
        let found = match block {
            Block::Text { text, line, .. } | Block::Code { text, line } => text
                .lines()
                .find_map(|candidate| method_line(candidate, *line, in_uri))
                .or_else(|| in_uri.then(|| labelled.read(text, *line)).flatten()),
            Block::Table(table) if in_uri => method_table(table),
            _ => None,
        };
        match found {
            Some(found) if in_uri => return Some(found),
            Some(found) => {
                fallback.get_or_insert(found);
            }
            None => {}
        }
    }
    fallback
}

fn uri_line(method: Method, path: &str, line: usize) -> UriLine {
    UriLine {
        method,
        uri: uri_template(path),
        line,
        query_names: query_expansion(path),
        query_pairs: query_pairs(path),
    }
}

/// `(key, name)` of each query pair whose value is a placeholder
/// (`source={sourceVertex}`, `size=_{size}_`).
fn query_pairs(path: &str) -> Vec<(String, String)> {
    let path = path.replace("{*", "{").replace("*}", "}");
    let Some((_, query)) = path.split_once('?') else {
        return Vec::new();
    };
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter_map(|(key, value)| {
            let value = value.trim_matches(['_', '*']);
            let name = value.strip_prefix('{')?.strip_suffix('}')?;
            (is_parameter_name(key) && is_parameter_name(name)).then(|| (key.to_owned(), name.to_owned()))
        })
        .collect()
}

/// Rows documenting a variable query pair's placeholder (`sourceVertex` of
/// `?source={sourceVertex}`) are the query parameter the pair's key names;
/// renamed, and said.
pub fn name_query_rows(parameters: &mut [Field], uri: &UriLine, findings: &mut Vec<Finding>) {
    for (key, name) in uri.query_pairs.iter().filter(|(key, name)| key != name) {
        if parameters.iter().any(|p| &p.name == key) {
            continue;
        }
        let Some(row) = parameters
            .iter_mut()
            .find(|p| &p.name == name && p.location != Some(ParamLocation::Header))
        else {
            continue;
        };
        row.name = key.clone();
        row.location = Some(ParamLocation::Query);
        findings.push(Finding::at(
            Section::Uri,
            Severity::Info,
            "query-key",
            uri.line,
            format!("row `{name}` documents the query pair `{key}={{{name}}}`; imported as query parameter `{key}`"),
        ));
    }
}

/// A `METHOD /path` line; one with a host (not a placeholder) only in the URI
/// section, since elsewhere such lines are example requests with real values.
fn method_line(candidate: &str, line: usize, in_uri: bool) -> Option<UriLine> {
    let (method, path, origin) = method_and_path(candidate)?;
    (in_uri || origin != Origin::Host).then(|| uri_line(method, path, line))
}

/// The method and the path as labelled lines of the URI section, in either
/// order and in one block or several: `PATH: /rds/v1/{project_id}/instances`,
/// `Method: POST`.
#[derive(Default)]
struct Labelled {
    method: Option<Method>,
    path: Option<(String, usize)>,
}

impl Labelled {
    fn read(&mut self, text: &str, line: usize) -> Option<UriLine> {
        for candidate in text.lines() {
            let Some((label, value)) = candidate.split_once([':', '：']) else {
                continue;
            };
            let value = value.trim();
            if says_label(label, URI_METHOD_LABELS) {
                self.method = self.method.or(method_word(value));
            } else if says_label(label, URI_PATH_LABELS)
                && let Some((path, _)) = without_origin(value).filter(|(path, _)| path.starts_with('/'))
            {
                self.path
                    .get_or_insert((path[..template_end(path)].to_owned(), line));
            }
        }
        let (path, line) = self.path.as_ref()?;
        Some(uri_line(self.method?, path, *line))
    }
}

fn says_label(label: &str, labels: &[&str]) -> bool {
    let label = label.trim();
    labels.iter().any(|l| l.eq_ignore_ascii_case(label))
}

/// A table of the URI section with a method column and a URI column
/// (`请求方法` | `URI`): its first row.
fn method_table(table: &Table) -> Option<UriLine> {
    let column = |labels: &[&str]| table.header.iter().position(|h| says_label(h, labels));
    let (method_at, path_at) = (column(URI_METHOD_LABELS)?, column(URI_PATH_LABELS)?);
    let row = table.rows.first()?;
    let method = method_word(row.get(method_at)?.text.trim())?;
    let (path, _) = without_origin(row.get(path_at)?.text.trim())?;
    let path = &path[..template_end(path)];
    path.starts_with('/').then(|| uri_line(method, path, table.line))
}

/// Query parameter names the page shows outside its tables, with their lines:
/// the URI's RFC 6570 expansion (`{?marker,limit}`) and the query of each
/// example request line (`GET https://{Endpoint}/v3/{project_id}/jobs?limit=10`).
pub fn shown_query_names(page: &Page, uri: &UriLine) -> Vec<(String, usize)> {
    let mut shown: Vec<(String, usize)> = uri
        .query_names
        .iter()
        .filter(|n| is_parameter_name(n))
        .map(|n| (n.clone(), uri.line))
        .collect();
    for block in &page.blocks {
        let (Block::Code { text, line } | Block::Text { text, line, .. }) = block else {
            continue;
        };
        for query in text.lines().filter_map(request_line_query) {
            shown.extend(query.into_iter().map(|name| (name, *line)));
        }
    }
    shown
}

/// The query keys of a request line `METHOD URL?k=v&...` whose URL is a path
/// or an absolute URL; `None` for any other line.
fn request_line_query(line: &str) -> Option<Vec<String>> {
    let mut words = line.split_whitespace();
    parse_method(words.next()?)?;
    let url = words.next()?;
    if !(url.starts_with('/') || url.starts_with("http://") || url.starts_with("https://")) {
        return None;
    }
    let (_, query) = url.split_once('?')?;
    let keys = query
        .split('&')
        .map(|pair| pair.split_once('=').map_or(pair, |(key, _)| key).trim())
        .filter(|key| is_parameter_name(key))
        .map(str::to_owned)
        .collect();
    Some(keys)
}

/// Query names the URI or an example request shows and no table documents are
/// parameters all the same: each added as an optional string, and said.
pub fn add_shown_query_names(
    parameters: &mut Vec<Field>,
    shown: impl Iterator<Item = (String, usize)>,
    findings: &mut Vec<Finding>,
) {
    for (name, line) in shown {
        let finding = Finding::at(
            Section::Uri,
            Severity::Info,
            "undocumented-query",
            line,
            format!(
                "query parameter `{name}` is shown in the URI or an example request, but no table documents it; \
                 added as an optional string"
            ),
        );
        findings.push(finding.about(name.as_str()));
        parameters.push(Field {
            location: Some(ParamLocation::Query),
            ..Field::added(name, "string", false, UNDOCUMENTED_QUERY)
        });
    }
}

/// The description of a query parameter only a URI or an example shows.
pub const UNDOCUMENTED_QUERY: &str = "Shown in the URI or an example request; no table documents it.";

/// A name as query parameters are spelled: letters, digits, `_`, `-`, `.`.
fn is_parameter_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
}

/// Names shown in the URI expansion or example request lines that neither a
/// parameter nor the URI's fixed query carries: documented, yet not imported.
pub fn unimported_query_names(
    shown: &[(String, usize)],
    uri: &str,
    parameters: &[Field],
) -> Vec<(String, usize)> {
    let fixed: Vec<&str> = uri
        .split_once('?')
        .map(|(_, query)| {
            query
                .split('&')
                .map(|pair| pair.split('=').next().unwrap_or(pair))
                .collect()
        })
        .unwrap_or_default();
    let mut missing: Vec<(String, usize)> = Vec::new();
    for (name, line) in shown {
        let carried = parameters.iter().any(|p| &p.name == name) || fixed.contains(&name.as_str());
        if !carried && !missing.iter().any(|(m, _)| m == name) {
            missing.push((name.clone(), *line));
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_lines_and_templates() {
        assert_eq!(
            method_and_path("GET/v1.0/{project_id}/queues"),
            Some((Method::Get, "/v1.0/{project_id}/queues", Origin::None))
        );
        assert_eq!(
            method_and_path("URI格式：POST /v1/{p}/x"),
            Some((Method::Post, "/v1/{p}/x", Origin::None))
        );
        assert_eq!(
            uri_template("/v1.0/{p}/jobs/{j}?page-size=_{size}_&current-page=_{n}_"),
            "/v1.0/{p}/jobs/{j}"
        );
        assert_eq!(
            uri_template("/v1.0/{p}/graphs/{g}/action?action_id=import-graph"),
            "/v1.0/{p}/graphs/{g}/action?action_id=import-graph"
        );
        // As 查询作业结果（废弃） prints it: emphasis marks the parameters.
        assert_eq!(
            uri_template("/v1.0/{p}/jobs/{j}?page-size=_size_&current-page=_page_number_"),
            "/v1.0/{p}/jobs/{j}"
        );
        assert_eq!(
            query_expansion("/v3/endpoints{?interface, service_id}"),
            ["interface", "service_id"]
        );
        let keyword = Field {
            location: Some(ParamLocation::Query),
            ..Field::added("keyword", "string", false, "")
        };
        assert_eq!(
            without_documented_query("/v1.0/{p}/databases/{d}?keyword=tb&action_id=x", &[keyword]),
            "/v1.0/{p}/databases/{d}?action_id=x"
        );
    }

    /// The URI a page in `format` (`md` or `rst`) documents, as `METHOD uri`.
    fn found(name: &str, text: &str) -> Option<String> {
        let (page, _) = crate::import::parse::page(std::path::Path::new(name), text)?;
        let sections = crate::import::classify::sections(&page);
        find(&page, &sections).map(|u| format!("{} {}", u.method.as_str(), u.uri))
    }

    #[test]
    fn uri_lines_with_a_scheme_and_a_host_placeholder() {
        for (line, uri) in [
            (
                "POST https://{Endpoint}/v3/{project_id}/backups",
                "POST /v3/{project_id}/backups",
            ),
            (
                "POST https://{*Endpoint*}/v3/{project_id}/backups",
                "POST /v3/{project_id}/backups",
            ),
            (
                r"POST  https://\{endpoint\}/v2/\{project\_id\}/ocr/vin",
                "POST /v2/{project_id}/ocr/vin",
            ),
            (
                "GET https://{BMS Endpoint}/v1/{project_id}/x",
                "GET /v1/{project_id}/x",
            ),
            ("GET https://{Endpoint}/", "GET /"),
            ("Post /v1.0/{project_id}/asset", "POST /v1.0/{project_id}/asset"),
            ("get /v1/{project_id}/hosts", "GET /v1/{project_id}/hosts"),
        ] {
            let page = format!("# 创建备份\n\n## URI\n\n{line}\n");
            assert_eq!(found("x.md", &page).as_deref(), Some(uri), "{line}");
        }
    }

    #[test]
    fn a_uri_line_of_example_values_takes_the_uri_tables_names() {
        let line = |uri: &str| UriLine {
            method: Method::Get,
            uri: uri.to_owned(),
            line: 7,
            query_names: Vec::new(),
            query_pairs: Vec::new(),
        };
        let rows = ["project_id".to_owned(), "server_id".to_owned()];
        let mut uri = line(
            "/v1/bbf1946d374b44a0a2a95533562ba954/baremetalservers/53206ed0-56de-4d6b-b7ee-ffc62ca26f43",
        );
        let finding = example_values_as_placeholders(&mut uri, &rows).unwrap();
        assert_eq!(uri.uri, "/v1/{project_id}/baremetalservers/{server_id}");
        assert_eq!(finding.code, "uri-from-example");
        // As many ids as rows, or nothing is guessed; names are not ids.
        let mut one = line("/v1/bbf1946d374b44a0a2a95533562ba954/baremetalservers");
        assert!(example_values_as_placeholders(&mut one, &rows).is_none());
        let mut words = line("/v1/projects/baremetalservers/detail");
        assert!(example_values_as_placeholders(&mut words, &rows[..1]).is_none());
        assert!(
            !is_id_value("deadbeefdeadbeef"),
            "hex letters alone read as a word"
        );
    }

    #[test]
    fn a_real_host_is_read_in_the_uri_section_only() {
        let in_uri = "# Backups\n\n## URI\n\nGET https://dds.example.com/v3/{project_id}/backups\n";
        assert_eq!(
            found("x.md", in_uri).as_deref(),
            Some("GET /v3/{project_id}/backups")
        );
        // An example request line with real values is no URI template.
        let example = "# Backups\n\n## URI\n\nSee below.\n\n## 请求示例\n\nGET https://dds.example.com/v3/0549/backups\n";
        assert_eq!(found("x.md", example), None);
    }

    #[test]
    fn method_and_path_on_labelled_lines_or_in_a_table() {
        let labelled = "# 创建实例\n\n## URI\n\nPATH: /rds/v1/{project_id}/instances\n\nMethod: POST\n";
        assert_eq!(
            found("x.md", labelled).as_deref(),
            Some("POST /rds/v1/{project_id}/instances")
        );
        let one_block = "Creating\n========\n\nURI\n---\n\n- Method: Delete\n- URI: https://{Endpoint}/v1/{project_id}/x/{id}\n";
        assert_eq!(
            found("x.rst", one_block).as_deref(),
            Some("DELETE /v1/{project_id}/x/{id}")
        );
        let table = "# 创建实例\n\n## URI\n\n<table><thead><tr><th>请求方法</th><th>URI</th></tr></thead>\n\
            <tbody><tr><td>POST</td><td>/v1/{project_id}/instances</td></tr></tbody></table>\n";
        assert_eq!(
            found("x.md", table).as_deref(),
            Some("POST /v1/{project_id}/instances")
        );
    }

    #[test]
    fn a_url_heading_opens_the_uri_section() {
        let page = "# 查询实例\n\n## URL\n\nGET /v1/{project_id}/instances\n";
        assert_eq!(
            found("x.md", page).as_deref(),
            Some("GET /v1/{project_id}/instances")
        );
        let (page, _) = crate::import::parse::page(std::path::Path::new("x.md"), page).unwrap();
        assert_eq!(
            crate::import::classify::PageKind::of(&page),
            crate::import::classify::PageKind::Operation
        );
    }
}
