//! The operation's method and URI: the `METHOD /path` line of the URI section,
//! as a template whose variable query pairs are query parameters.

use crate::import::lexicon::URI_LINE_PREFIXES;
use crate::import::page::{Block, Page};
use crate::import::report::Section;
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

/// `GET /v1.0/x` or `GET/v1.0/x` (both occur) at the start of a line.
fn method_and_path(line: &str) -> Option<(Method, &str)> {
    let line = URI_LINE_PREFIXES
        .iter()
        .fold(line.trim(), |line, prefix| line.trim_start_matches(prefix))
        .trim();
    let split = line.find(|c: char| c == '/' || c.is_whitespace())?;
    let method = parse_method(&line[..split])?;
    let rest = line[split..].trim_start();
    // `GET /v3/endpoints{?interface, service_id}`: a space inside braces stays.
    let mut depth = 0usize;
    let end = rest
        .char_indices()
        .find(|(_, c)| {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            c.is_whitespace() && depth == 0
        })
        .map_or(rest.len(), |(at, _)| at);
    let path = &rest[..end];
    path.starts_with('/').then_some((method, path))
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

/// The first `METHOD /path` line, preferring the URI section, with the query
/// parameters its expansion names.
pub fn find(page: &Page, sections: &[Section]) -> Option<UriLine> {
    let candidates = page
        .blocks
        .iter()
        .zip(sections)
        .filter_map(|(block, section)| match block {
            Block::Text { text, line, .. } | Block::Code { text, line } => Some((text, *line, *section)),
            _ => None,
        });
    let mut fallback = None;
    for (text, line, section) in candidates {
        for candidate in text.lines() {
            let Some((method, path)) = method_and_path(candidate) else {
                continue;
            };
            let found = UriLine {
                method,
                uri: uri_template(path),
                line,
                query_names: query_expansion(path),
            };
            if section == Section::Uri {
                return Some(found);
            }
            fallback.get_or_insert(found);
        }
    }
    fallback
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
            Some((Method::Get, "/v1.0/{project_id}/queues"))
        );
        assert_eq!(
            method_and_path("URI格式：POST /v1/{p}/x"),
            Some((Method::Post, "/v1/{p}/x"))
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
}
