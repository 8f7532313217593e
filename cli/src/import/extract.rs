//! From a parsed page to an operation spec: the format-neutral half of the importer.

use std::collections::BTreeSet;

use super::page::{Block, Cell, Column, Page, Table, mandatory};
use super::{Finding, Section, Severity, constraints, roles};
use hwcloud_model::names as naming;
use hwcloud_model::spec::schema::HTTP_STATUSES;
use hwcloud_model::spec::schema::{
    Body, Deprecation, Example, ExampleFormat, ExampleKind, Field, Lang, Method, ObjectTable, OperationFile,
    ParamLocation, Source, StatusCodeDoc, Text,
};
use hwcloud_model::spec::types::TypeExpr;
use hwcloud_model::spec::uri::UriTemplate;

/// What a page turned out to be.
#[derive(Debug)]
pub enum Extracted {
    /// The operation, and the link a deprecated page gives to its replacement.
    Operation(Box<OperationFile>, Option<String>),
    /// Not an operation page (overview, index, concepts); why.
    Skipped(&'static str),
}

/// The note on a path parameter the page's URI shows but its table does not.
pub const UNDOCUMENTED_PLACEHOLDER: &str = "Not in the page's URI table.";

/// Extracts the operation a page documents, with findings for what it could not read.
pub fn operation(page: &Page, source_page: &str) -> (Extracted, Vec<Finding>) {
    let mut findings = Vec::new();
    let sections = sections(page);
    // Operation pages have a `URI` section; guides show method lines without one.
    let has_uri_heading = page.blocks.iter().any(
        |b| matches!(b, Block::Heading { text, level, .. } if *level > 1 && text.trim().starts_with("URI")),
    );
    if !has_uri_heading {
        return (Extracted::Skipped("not an operation page"), findings);
    }
    let Some((method, uri, uri_line, query_names)) = find_uri(page, &sections) else {
        findings.push(Finding::at(
            Section::Uri,
            Severity::Error,
            "no-uri",
            1,
            "the URI section has no `METHOD /path` line",
        ));
        return (Extracted::Skipped("no URI line"), findings);
    };
    let template = match UriTemplate::parse(&uri) {
        Ok(t) => Some(t),
        Err(message) => {
            findings.push(Finding::at(
                Section::Uri,
                Severity::Error,
                "bad-uri",
                uri_line,
                message,
            ));
            None
        }
    };
    let placeholders: BTreeSet<String> = template
        .iter()
        .flat_map(|t| t.placeholders().map(str::to_owned))
        .collect();

    let tables: Vec<(usize, Section, &Table)> = page
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Table(t) => Some((i, sections[i], t)),
            _ => None,
        })
        .collect();
    let mut used = vec![false; tables.len()];
    let statuses = roles::statuses(page);
    let mut parameters = Vec::new();
    let mut body_fields: Option<Vec<Field>> = None;
    // Which table the request body was read from, for links out of its rows.
    let mut body_table = 0;
    let mut groups: Vec<StatusGroup> = Vec::new();
    let mut status_codes = Vec::new();

    for (t, (block, section, table)) in tables.iter().enumerate() {
        let columns = Columns::of(table);
        if columns.status {
            used[t] = true;
            status_codes.extend(status_rows(table, page.lang));
            continue;
        }
        let Some(columns) = columns.params else { continue };
        let caption = table.title().to_lowercase();
        // `URI参数`, `URI parameters`: the word, not `security_group` in a caption.
        let names_uri = caption
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| word == "uri")
            || caption.contains("路径参数");
        let rows = |location: Option<ParamLocation>| -> Vec<Field> {
            table
                .rows
                .iter()
                .map(|r| Field {
                    location,
                    ..field_from_row(r, &columns, page.lang)
                })
                .collect()
        };
        let headers = matches!(section, Section::Uri | Section::Request | Section::Response)
            && roles::is_header_table(table, roles::lead(page, *block), columns.name);
        match section {
            Section::Response => {
                used[t] = true;
                let status = statuses[*block];
                let at = match groups.iter().position(|g| g.status == status) {
                    Some(at) => at,
                    None => {
                        groups.push(StatusGroup::new(status));
                        groups.len() - 1
                    }
                };
                let group = &mut groups[at];
                if headers {
                    group.headers.extend(rows(None));
                } else if group.root.is_none() {
                    group.root = Some((t, rows(None)));
                } else {
                    used[t] = false;
                }
            }
            Section::Uri | Section::Request if headers => {
                used[t] = true;
                parameters.extend(rows(Some(ParamLocation::Header)));
            }
            Section::Uri | Section::Request if names_uri || *section == Section::Uri => {
                used[t] = true;
                parameters.extend(uri_parameters(rows(None), &placeholders, &query_names, &caption));
            }
            Section::Request if caption.contains("query") || caption.contains("查询参数") => {
                used[t] = true;
                parameters.extend(rows(Some(ParamLocation::Query)));
            }
            Section::Request if body_fields.is_none() => {
                used[t] = true;
                body_fields = Some(rows(None));
                body_table = t;
            }
            _ => {}
        }
    }
    // Link nested tables, breadth first from the root fields: the request, the
    // success response, then the other statuses' bodies.
    let mut linker = Linker {
        tables: &tables,
        object_of: vec![None; tables.len()],
        used,
        objects: Vec::new(),
        pending: Vec::new(),
        lang: page.lang,
        findings: Vec::new(),
    };
    if let Some(fields) = &mut body_fields {
        linker.link(fields, body_table, Section::Request);
    }
    groups.sort_by_key(|g| !roles::is_success(g.status));
    for group in &mut groups {
        if let Some((table, fields)) = &mut group.root {
            linker.link(fields, *table, Section::Response);
        }
        linker.link_pending();
    }
    let Linker {
        mut used,
        mut objects,
        findings: link_findings,
        ..
    } = linker;
    findings.extend(link_findings);
    // A second response table titled like the body's (`要素说明` under
    // `同步模式`, again under `异步模式`) is another form of the same body: its
    // fields join as optional ones, since only one form arrives at a time.
    for (t, (_, section, table)) in tables.iter().enumerate() {
        let Some(columns) = Columns::of(table)
            .params
            .filter(|_| !used[t] && *section == Section::Response)
        else {
            continue;
        };
        let title = table.title();
        let Some((_, fields)) = groups
            .iter_mut()
            .filter_map(|g| g.root.as_mut())
            .find(|(root, _)| !title.is_empty() && tables[*root].2.title() == title)
        else {
            continue;
        };
        used[t] = true;
        for row in &table.rows {
            let field = field_from_row(row, &columns, page.lang);
            if !fields.iter().any(|f| f.name == field.name) {
                fields.push(Field {
                    required: Some(false),
                    ..field
                });
            }
        }
        findings.push(Finding::at(
            Section::Response,
            Severity::Info,
            "alternative-body",
            table.line,
            format!(
                "table `{}` is another form of the response body; its fields are optional",
                table.caption
            ),
        ));
    }
    // Tables of values (states, configuration keys) document a string field.
    let mut all_fields: Vec<&mut Field> = parameters
        .iter_mut()
        .chain(body_fields.iter_mut().flatten())
        .chain(groups.iter_mut().flat_map(StatusGroup::fields_mut))
        .chain(objects.iter_mut().flat_map(|o| o.fields.iter_mut()))
        .collect();
    for (t, (_, section, table)) in tables.iter().enumerate() {
        let Some(columns) = Columns::of(table).params else {
            continue;
        };
        if used[t] || !matches!(section, Section::Request | Section::Response | Section::Uri) {
            continue;
        }
        if columns.is_value_table() {
            let owner = all_fields.iter_mut().find(|f| {
                let description = f.description.preferred().unwrap_or_default();
                table
                    .number()
                    .is_some_and(|n| cited_numbers(description).contains(&n))
                    || caption_names_field(table, &f.name)
            });
            match owner {
                Some(field) => {
                    used[t] = true;
                    field.values = table
                        .rows
                        .iter()
                        .filter_map(|r| r.get(columns.name).map(|c| c.text.trim().to_owned()))
                        .filter(|v| !v.is_empty())
                        .collect();
                }
                None => {
                    used[t] = true;
                    findings.push(Finding::at(
                        *section,
                        Severity::Info,
                        "unlinked-value-table",
                        table.line,
                        format!("table `{}` lists values no field refers to", table.caption),
                    ));
                }
            }
            continue;
        }
        // `edgeFilters` (String): "a JsonArray string"; its table documents the text's content.
        if let Some(field) = all_fields
            .iter_mut()
            .find(|f| f.ty == "string" && caption_names_field(table, &f.name))
        {
            used[t] = true;
            let note = format!(
                "The page's table `{}` documents the JSON this text holds.",
                table.title()
            );
            field.note = Some(match field.note.take() {
                Some(existing) => format!("{existing} {note}"),
                None => note,
            });
            findings.push(Finding::at(
                *section,
                Severity::Info,
                "table-describes-text",
                table.line,
                format!(
                    "table `{}` documents the content of string field `{}`",
                    table.caption, field.name
                ),
            ));
            continue;
        }
        findings.push(Finding::at(
            *section,
            Severity::Warning,
            "unlinked-table",
            table.line,
            format!("table `{}` is not referred to by any field", table.caption),
        ));
    }
    for field in parameters
        .iter_mut()
        .chain(body_fields.iter_mut().flatten())
        .chain(groups.iter_mut().flat_map(StatusGroup::fields_mut))
    {
        // `GesMetaData`: a type the page names but defines elsewhere is a JSON object.
        let named_elsewhere = field.location.is_none()
            && field.ty == "any"
            && field.doc_type.as_deref().is_some_and(|d| {
                d.len() > 3
                    && d.starts_with(|c: char| c.is_ascii_uppercase())
                    && d.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if named_elsewhere {
            field.ty = "object".into();
            findings.push(Finding::at(
                Section::Parameters,
                Severity::Info,
                "type-defined-elsewhere",
                1,
                format!(
                    "type `{}` of `{}` has no table on this page; kept as a JSON object",
                    field.doc_type.as_deref().unwrap_or_default(),
                    field.name
                ),
            ));
        } else if field.ty == "any" && field.doc_type.is_some() {
            findings.push(Finding::at(
                Section::Parameters,
                Severity::Warning,
                "unknown-type",
                1,
                format!(
                    "type `{}` of `{}` is not understood; kept as `any`",
                    field.doc_type.as_deref().unwrap_or_default(),
                    field.name
                ),
            ));
        }
    }
    for placeholder in &placeholders {
        if !parameters.iter().any(|p| &p.name == placeholder) {
            // Info: a path segment is a required string whatever the table says,
            // so the field is right; only its description is missing.
            findings.push(Finding::at(
                Section::Uri,
                Severity::Info,
                "undocumented-placeholder",
                uri_line,
                format!("placeholder `{{{placeholder}}}` has no row in the URI table; added as a string"),
            ));
            let mut field = Field::added(placeholder.clone(), "string", true, UNDOCUMENTED_PLACEHOLDER);
            field.location = Some(ParamLocation::Path);
            parameters.insert(0, field);
        }
    }
    parameters.retain(|p| p.location != Some(ParamLocation::Path) || placeholders.contains(&p.name));
    let mut seen = BTreeSet::new();
    parameters.retain(|p| seen.insert((p.location, naming::snake(&p.name))));
    for parameter in &mut parameters {
        let location = parameter.location.unwrap_or(ParamLocation::Query);
        let fits = TypeExpr::parse(&parameter.ty).is_ok_and(|ty| ty.fits(location));
        if !fits {
            parameter.note = Some(format!(
                "Documented as `{}`; a {} parameter travels as text.",
                parameter.doc_type.as_deref().unwrap_or(&parameter.ty),
                match parameter.location {
                    Some(ParamLocation::Header) => "header",
                    Some(ParamLocation::Path) => "path",
                    _ => "query",
                }
            ));
            parameter.ty = "string".into();
        }
    }

    let (response, responses) = StatusGroup::into_bodies(groups);
    let mut request_body = body_fields.filter(|f| !f.is_empty()).map(|fields| Body {
        fields,
        ..Body::default()
    });
    let mut response = response;
    let mut responses = responses;
    let lists = request_body
        .iter_mut()
        .chain(response.iter_mut())
        .chain(responses.iter_mut())
        .flat_map(|body| [&mut body.fields, &mut body.headers])
        .chain(objects.iter_mut().map(|o| &mut o.fields));
    for fields in lists {
        drop_repeated_fields(fields, &mut findings);
    }
    let uri = without_documented_query(&uri, &parameters);
    let mut listed = listed_statuses(page, &sections);
    listed.retain(|l| !status_codes.iter().any(|s: &StatusCodeDoc| s.status == l.status));
    let status_codes: Vec<StatusCodeDoc> = listed.into_iter().chain(status_codes).collect();
    let examples = examples(page, &sections, &mut findings);
    let title = text_in(page.lang, page.title.clone());
    let deprecated = is_deprecated(page).then(|| Deprecation {
        replacement: None,
        note: text_in(page.lang, deprecation_note(page)),
    });
    let operation = OperationFile {
        operation: operation_id(method, &uri),
        title,
        summary: text_in(page.lang, summary(page, &sections)),
        sources: vec![Source {
            page: source_page.to_owned(),
            lang: page.lang,
            id: page.id.clone(),
        }],
        api_version: api_version(&page.title),
        variant: None,
        deprecated,
        method,
        uri,
        parameters,
        request_body,
        response,
        responses,
        objects,
        status_codes,
        examples,
        pagination: None,
    };
    let replacement = operation.deprecated.as_ref().and_then(|_| replacement_link(page));
    (Extracted::Operation(Box::new(operation), replacement), findings)
}

fn text_in(lang: Lang, text: String) -> Text {
    if text.is_empty() {
        return Text::default();
    }
    match lang {
        Lang::En => Text {
            en: Some(text),
            zh: None,
        },
        Lang::Zh => Text {
            en: None,
            zh: Some(text),
        },
    }
}

/// The section each block belongs to, by the nearest heading above it.
fn sections(page: &Page) -> Vec<Section> {
    let mut current = Section::Other;
    page.blocks
        .iter()
        .map(|block| {
            if let Block::Heading { text, level, .. } = block
                && *level > 1
            {
                current = Section::of_heading(text);
            }
            current
        })
        .collect()
}

fn parse_method(word: &str) -> Option<Method> {
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
    let line = line.trim().trim_start_matches("URI格式：").trim();
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
fn without_documented_query(uri: &str, parameters: &[Field]) -> String {
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
fn find_uri(page: &Page, sections: &[Section]) -> Option<(Method, String, usize, Vec<String>)> {
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
            let found = (method, uri_template(path), line, query_expansion(path));
            if section == Section::Uri {
                return Some(found);
            }
            fallback.get_or_insert(found);
        }
    }
    fallback
}

/// A table that lists a field twice (a page's own slip) keeps the first row.
fn drop_repeated_fields(fields: &mut Vec<Field>, findings: &mut Vec<Finding>) {
    let mut seen = BTreeSet::new();
    fields.retain(|field| {
        let first = seen.insert(field.name.clone());
        if !first {
            findings.push(Finding::at(
                Section::Other,
                Severity::Info,
                "repeated-field",
                0,
                format!(
                    "field `{}` is listed twice in one table; the first row is kept",
                    field.name
                ),
            ));
        }
        first
    });
}

/// The tables under one status of the response section (`None`: the page
/// gives no status line): the body's root table and fields, and its headers.
struct StatusGroup {
    status: Option<u16>,
    root: Option<(usize, Vec<Field>)>,
    headers: Vec<Field>,
}

impl StatusGroup {
    fn new(status: Option<u16>) -> StatusGroup {
        StatusGroup {
            status,
            root: None,
            headers: Vec::new(),
        }
    }

    fn fields_mut(&mut self) -> impl Iterator<Item = &mut Field> {
        self.headers
            .iter_mut()
            .chain(self.root.iter_mut().flat_map(|(_, fields)| fields.iter_mut()))
    }

    /// The success response (the first success status documented), and the other
    /// statuses' bodies, statuses with the same body sharing one entry.
    fn into_bodies(groups: Vec<StatusGroup>) -> (Option<Body>, Vec<Body>) {
        let mut bodies: Vec<Body> = Vec::new();
        for group in groups {
            let body = Body {
                status: group.status.into_iter().collect(),
                headers: group.headers,
                fields: group.root.map(|(_, fields)| fields).unwrap_or_default(),
                ..Body::default()
            };
            if body.fields.is_empty() && body.headers.is_empty() {
                continue;
            }
            // Error statuses repeat one body (`code`, `message`) under each status.
            let is_error = |b: &Body| !roles::is_success(b.status.first().copied());
            let same = |b: &Body| is_error(b) && b.fields == body.fields && b.headers == body.headers;
            match bodies.iter_mut().find(|b| is_error(&body) && same(b)) {
                Some(shared) => shared.status.extend(body.status),
                None => bodies.push(body),
            }
        }
        let first_is_success = bodies
            .first()
            .is_some_and(|b| roles::is_success(b.status.first().copied()));
        if !first_is_success {
            return (None, bodies);
        }
        let mut bodies = bodies.into_iter();
        (bodies.next(), bodies.collect())
    }
}

/// Rows of a URI table: path parameters where the URI has the placeholder,
/// query parameters otherwise.
fn uri_parameters(
    rows: Vec<Field>,
    placeholders: &BTreeSet<String>,
    query_names: &[String],
    caption: &str,
) -> Vec<Field> {
    let is_query_table = caption.contains("query") || caption.contains("查询");
    let rows: Vec<Field> = rows.into_iter().filter(|field| !field.name.is_empty()).collect();
    // One placeholder no row names and one row no placeholder names, in a
    // path table: the same parameter under two names
    // (`port_mirror_filter_rule_id` for `{traffic_mirror_filter_rule_id}`).
    let named = |p: &String| rows.iter().any(|r| naming::snake(&r.name) == naming::snake(p));
    let unnamed: Vec<&String> = placeholders.iter().filter(|p| !named(p)).collect();
    let strays: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            !placeholders
                .iter()
                .any(|p| naming::snake(p) == naming::snake(&rows[i].name))
        })
        .filter(|&i| !query_names.contains(&rows[i].name))
        .collect();
    let pair = (!is_query_table && unnamed.len() == 1 && strays.len() == 1).then(|| (strays[0], unnamed[0]));
    rows.into_iter()
        .enumerate()
        .map(|(i, mut field)| {
            // The path is positional: `vertexId` in the table is `{vertex_id}` in the URI.
            let renamed = placeholders
                .iter()
                .find(|p| **p != field.name && naming::snake(p) == naming::snake(&field.name))
                .or(pair.filter(|(row, _)| *row == i).map(|(_, p)| p));
            if let Some(placeholder) = renamed {
                field.note = Some(format!(
                    "The table calls this `{}`; the URI says `{{{placeholder}}}`.",
                    field.name
                ));
                field.name = placeholder.clone();
            }
            let is_path = placeholders.contains(&field.name);
            let expanded = query_names.contains(&field.name);
            field.location = Some(
                if is_path || !is_query_table && !expanded && placeholders.is_empty() {
                    ParamLocation::Path
                } else {
                    ParamLocation::Query
                },
            );
            if is_path {
                if field.required == Some(false) {
                    field.note = Some(
                        "The page marks this path parameter optional; a URI segment cannot be left out."
                            .into(),
                    );
                }
                field.required = Some(true);
                if field.ty == "any" {
                    field.ty = "string".into();
                }
            }
            field
        })
        .collect()
}

/// Column positions of a parameter table, by header spelling.
#[derive(Debug, Clone, Default)]
struct Columns {
    name: usize,
    required: Option<usize>,
    ty: Option<usize>,
    description: Option<usize>,
    range: Option<usize>,
    default: Option<usize>,
}

struct TableKind {
    params: Option<Columns>,
    status: bool,
}

impl Columns {
    /// Name and description only: a list of values, not fields.
    fn is_value_table(&self) -> bool {
        self.ty.is_none() && self.required.is_none()
    }

    fn of(table: &Table) -> TableKind {
        let status = table.column(Column::Status) == Some(0) && table.column(Column::ErrorCode).is_none();
        let params = table
            .column(Column::Name)
            .filter(|_| !status)
            .map(|name| Columns {
                name,
                required: table.column(Column::Mandatory),
                ty: table.column(Column::Type),
                description: table.column(Column::Description),
                range: table.column(Column::Range),
                default: table.column(Column::Default),
            });
        TableKind { params, status }
    }
}

fn cell(row: &[Cell], index: Option<usize>) -> Option<&Cell> {
    index.and_then(|i| row.get(i))
}

fn field_from_row(row: &[Cell], columns: &Columns, lang: Lang) -> Field {
    let name = row
        .get(columns.name)
        .map(|c| c.text.trim().to_owned())
        .unwrap_or_default();
    let doc_type = cell(row, columns.ty)
        .map(|c| c.text.trim().to_owned())
        .filter(|t| !t.is_empty());
    let required = cell(row, columns.required).and_then(|c| mandatory(&c.text));
    let description = cell(row, columns.description)
        .map(|c| c.text.trim().to_owned())
        .unwrap_or_default();
    let ty = doc_type
        .as_deref()
        .map(normalize_type)
        .unwrap_or_else(|| "string".into());
    let mut field = Field {
        name,
        required,
        doc_type: doc_type.filter(|d| !matches!(d.as_str(), "String" | "Integer" | "Long" | "Boolean")),
        ty,
        default: cell(row, columns.default)
            .map(|c| c.text.trim().to_owned())
            .filter(|t| !t.is_empty() && t != "-"),
        range: cell(row, columns.range)
            .map(|c| c.text.trim().to_owned())
            .filter(|t| !t.is_empty() && t != "-"),
        ..Field::default()
    };
    let description = constraints::apply(&mut field, &description);
    field.description = text_in(lang, description);
    field
}

/// The docs' type spelling in the spec grammar; object references are filled in
/// when a nested table is linked.
pub fn normalize_type(doc: &str) -> String {
    let compact: String = doc
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let scalar = |s: &str| -> Option<&'static str> {
        Some(match s {
            "string" | "str" | "char" => "string",
            "integer" | "int" | "int32" | "short" => "integer",
            "long" | "int64" | "bigint" => "long",
            "number" | "double" | "float" | "bigdecimal" | "decimal" => "number",
            "boolean" | "bool" => "boolean",
            "object" | "jsonobject" | "json" | "body" | "struct" | "dict" => "object",
            _ => return None,
        })
    };
    if let Some(s) = scalar(&compact) {
        return s.into();
    }
    // A one-letter slip in a long scalar name (`Booleab`).
    if let Some(s) = ["boolean", "integer", "string"]
        .into_iter()
        .find(|name| strsim::levenshtein(&compact, name) == 1)
    {
        return s.into();
    }
    let element = compact
        .strip_prefix("arrayof")
        .or_else(|| compact.strip_prefix("listof"))
        .or_else(|| compact.strip_prefix("array<").and_then(|r| r.strip_suffix('>')))
        .or_else(|| compact.strip_prefix("list<").and_then(|r| r.strip_suffix('>')))
        .or_else(|| compact.strip_prefix("array[").and_then(|r| r.strip_suffix(']')))
        .or_else(|| compact.strip_suffix("array"))
        .or_else(|| compact.strip_suffix("[]"))
        .or_else(|| compact.strip_prefix('[').and_then(|r| r.strip_suffix(']')));
    if let Some(element) = element {
        let element = element.trim_end_matches('s');
        return match scalar(element) {
            Some(s) => format!("array<{s}>"),
            None if element.is_empty() || element == "array" => "array<any>".into(),
            None => "array<object>".into(),
        };
    }
    if compact.starts_with("map") {
        // `Map<String,Array<String>>`: the value type after the key's comma.
        let value = compact
            .strip_prefix("map<")
            .and_then(|r| r.strip_suffix('>'))
            .and_then(|r| r.split_once(','))
            .map(|(_, value)| normalize_type(value));
        return match value.as_deref() {
            Some(value) if value != "any" => format!("map<{value}>"),
            _ => "map<any>".into(),
        };
    }
    if compact == "objects" {
        return "array<object>".into();
    }
    if compact == "list" || compact == "array" {
        return "array<any>".into();
    }
    "any".into()
}

/// Follows fields to the nested tables that describe them, turning each into an
/// object table and queueing it so its own fields are followed in turn.
struct Linker<'a, 't> {
    tables: &'a [(usize, Section, &'t Table)],
    used: Vec<bool>,
    /// The object each table became.
    object_of: Vec<Option<String>>,
    objects: Vec<ObjectTable>,
    /// Object tables whose fields are not followed yet: object index, source table.
    pending: Vec<(usize, usize, Section)>,
    lang: Lang,
    findings: Vec<Finding>,
}

impl Linker<'_, '_> {
    fn link_pending(&mut self) {
        while let Some((index, source, section)) = self.pending.pop() {
            let mut fields = std::mem::take(&mut self.objects[index].fields);
            self.link(&mut fields, source, section);
            self.objects[index].fields = fields;
        }
    }

    /// `fields` were read from the rows of table `source`, one field per row; a
    /// row's links (`#table77`, `:ref:` labels) point at nested tables by anchor.
    fn link(&mut self, fields: &mut [Field], source: usize, section: Section) {
        let source_rows = &self.tables[source].2.rows;
        for (row, field) in fields.iter_mut().enumerate() {
            let links: Vec<&str> = source_rows
                .get(row)
                .into_iter()
                .flatten()
                .flat_map(|cell| cell.links.iter())
                .map(|link| link.rsplit('#').next().unwrap_or(link))
                .collect();
            let wants_object = matches!(
                field.ty.as_str(),
                "object" | "array<object>" | "array<any>" | "any"
            );
            if !wants_object {
                continue;
            }
            let description = field.description.preferred().unwrap_or_default().to_owned();
            let by_number = cited_numbers(&description);
            let candidate = |(s, table): (&Section, &Table)| {
                Columns::of(table).params.is_some() && (*s == section || *s == Section::Other)
            };
            // A citation (`参见表4`, a link) outranks a caption that merely starts
            // with the field's name (`firewall_rules_link对象` for `firewall_rules`).
            let cites = |table: &Table| {
                table.number().is_some_and(|n| by_number.contains(&n))
                    || table.anchors.iter().any(|a| links.contains(&a.as_str()))
            };
            let names =
                |table: &Table| caption_names_field(table, &field.name) || field_cites_caption(table, field);
            let unused = |rule: &dyn Fn(&Table) -> bool| {
                self.tables
                    .iter()
                    .enumerate()
                    .find(|(t, (_, s, table))| !self.used[*t] && candidate((s, table)) && rule(table))
            };
            let Some((t, (_, _, table))) = unused(&cites).or_else(|| unused(&names)) else {
                // A second field of one documented type (`request_vpc_info` and
                // `accept_vpc_info`, both `vpc_info object`) shares its object. Only
                // the type names it: a cited number that is taken is a slip.
                let shared = self.tables.iter().enumerate().find_map(|(t, (_, s, table))| {
                    let name = self.object_of[t].as_ref()?;
                    (candidate((s, table)) && field_cites_caption(table, field)).then(|| name.clone())
                });
                if let Some(name) = shared {
                    field.ty = if field.ty.starts_with("array") {
                        format!("array<{name}>")
                    } else {
                        name
                    };
                }
                continue;
            };
            self.used[t] = true;
            let columns = Columns::of(table).params.expect("a parameter table");
            let nested: Vec<Field> = table
                .rows
                .iter()
                .map(|r| field_from_row(r, &columns, self.lang))
                .collect();
            let mut nested = nested;
            self.merge_alternatives(&mut nested, t, &by_number, section);
            let name = object_name(&field.name, &self.objects);
            field.ty = if field.ty.starts_with("array") {
                format!("array<{name}>")
            } else {
                name.clone()
            };
            if nested.iter().any(|f| f.name.is_empty()) {
                self.findings.push(Finding::at(
                    section,
                    Severity::Warning,
                    "empty-name",
                    table.line,
                    "a nested table row has no name",
                ));
            }
            self.object_of[t] = Some(name.clone());
            self.objects.push(ObjectTable {
                name,
                caption: text_in(self.lang, table.title().to_owned()),
                fields: nested,
            });
            self.pending.push((self.objects.len() - 1, t, section));
        }
    }
}

impl Linker<'_, '_> {
    /// A field citing several tables (`具体请参考表7和表8`: OBS or HDFS
    /// parameters) takes one object: the other tables' rows join as optional
    /// fields, since one form is sent at a time.
    fn merge_alternatives(&mut self, fields: &mut Vec<Field>, taken: usize, cited: &[u32], section: Section) {
        for (t, (_, s, table)) in self.tables.iter().enumerate() {
            let cited_here = table.number().is_some_and(|n| cited.contains(&n));
            let Some(columns) = Columns::of(table).params else {
                continue;
            };
            if t == taken || self.used[t] || !cited_here || (*s != section && *s != Section::Other) {
                continue;
            }
            self.used[t] = true;
            for row in &table.rows {
                let field = field_from_row(row, &columns, self.lang);
                if !fields.iter().any(|f| f.name == field.name) {
                    fields.push(Field {
                        required: Some(false),
                        ..field
                    });
                }
            }
            self.findings.push(Finding::at(
                section,
                Severity::Info,
                "alternative-object",
                table.line,
                format!(
                    "table `{}` is another form of the object its field cites; its fields are optional",
                    table.caption
                ),
            ));
        }
    }
}

/// `表4`, `表 4`, `Table 4` cited in a description.
fn cited_numbers(text: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    for marker in ["表", "Table "] {
        let mut rest = text;
        while let Some(at) = rest.find(marker) {
            rest = &rest[at + marker.len()..];
            let digits: String = rest
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(n) = digits.parse() {
                numbers.push(n);
            }
        }
    }
    numbers
}

fn caption_names_field(table: &Table, field: &str) -> bool {
    let title = table.title();
    // `Table 6 role_assignments.role`: the last segment of a dotted path.
    let last = title.rsplit('.').next().unwrap_or(title).trim();
    let subject = CAPTION_SUFFIXES
        .iter()
        .find_map(|suffix| last.strip_suffix(suffix))
        .unwrap_or(last)
        .trim();
    // `job状态结构` names `jobs`: the caption's leading ASCII word.
    let leading: String = title
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let leading_is_word = leading.len() >= 3 && title.len() > leading.len() && same_name(&leading, field);
    // `user格式说明` names `user`; `users_link对象` does not.
    let starts_with_word = title
        .strip_prefix(field)
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
    !field.is_empty()
        && (starts_with_word
            || leading_is_word
            || title
                .split_whitespace()
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(field))
            || same_name(subject, field))
}

/// A type or description naming the table by its caption: `JobDetail数据结构`,
/// `参见Graph类型数据结构说明`, the bare type name `GesQuotaResp` for
/// `GesQuotaResp类型`, or `Array of fixed_ip objects` for `fixed_ip对象`.
fn field_cites_caption(table: &Table, field: &Field) -> bool {
    let title = table.title().trim();
    let subject = CAPTION_SUFFIXES
        .iter()
        .find_map(|suffix| title.strip_suffix(suffix))
        .unwrap_or(title)
        .trim();
    let doc_type = field.doc_type.as_deref().unwrap_or_default().trim();
    let description = field.description.preferred().unwrap_or_default();
    let cites_title = title.chars().count() >= 4 && (doc_type.contains(title) || description.contains(title));
    let names_subject = subject.len() >= 3
        && (doc_type == subject || named_type(doc_type).is_some_and(|name| same_name(name, subject)));
    cites_title || names_subject
}

/// How captions end after the name of the object they describe.
const CAPTION_SUFFIXES: &[&str] = &[
    "类型数据结构说明",
    "类型数据结构",
    "数据结构说明",
    "数据结构",
    "对象说明",
    "字段说明",
    "格式说明",
    "参数说明",
    "对象",
    "类型",
    "结构",
    " object",
    " format",
];

/// `X` of the type spellings `X object`, `Array of X objects`, `List<X>`, `X`.
fn named_type(doc_type: &str) -> Option<&str> {
    for generic in ["List<", "Array<", "list<", "array<"] {
        if let Some(inner) = doc_type.strip_prefix(generic).and_then(|r| r.strip_suffix('>')) {
            return named_type(inner.trim());
        }
    }
    let lower = doc_type.to_ascii_lowercase();
    let start = if lower.starts_with("array of ") { 9 } else { 0 };
    let rest = &doc_type[start..];
    let lower = &lower[start..];
    let end = ["objects", "object"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .map_or(rest.len(), str::len);
    let name = rest[..end].trim();
    (!name.is_empty()).then_some(name)
}

/// Names equal but for case, spaces, underscores and a plural `s`:
/// `Security Group` and `security_group`, `fixed_ips` and `fixed_ip`.
fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        let compact: String = s
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .flat_map(char::to_lowercase)
            .collect();
        compact.strip_suffix('s').map(str::to_owned).unwrap_or(compact)
    };
    !a.is_empty() && key(a) == key(b)
}

pub(crate) fn object_name(field: &str, objects: &[ObjectTable]) -> String {
    let mut base = naming::upper_camel(&super::english::singular(field));
    if !base.chars().all(|c| c.is_ascii_alphanumeric()) {
        base = "Item".into();
    }
    if base.is_empty() || naming::is_reserved_type_name(&base) {
        base.push_str("Object");
    }
    let mut name = base.clone();
    let mut n = 2;
    while objects.iter().any(|o| o.name == name) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

/// Statuses a page lists outside a table, as GES pages give success:
/// `-   正常` followed by `200`.
fn listed_statuses(page: &Page, sections: &[Section]) -> Vec<StatusCodeDoc> {
    let mut statuses = Vec::new();
    let mut label: Option<&str> = None;
    for (block, section) in page.blocks.iter().zip(sections) {
        if *section != Section::StatusCodes {
            continue;
        }
        match block {
            Block::Text { text, .. } | Block::Code { text, .. } => {
                let text = text.trim();
                match text.parse::<u16>() {
                    Ok(status) if HTTP_STATUSES.contains(&status) && text.len() == 3 => {
                        statuses.push(StatusCodeDoc {
                            status,
                            description: text_in(page.lang, label.take().unwrap_or_default().to_owned()),
                        });
                    }
                    _ => label = Some(text),
                }
            }
            _ => label = None,
        }
    }
    statuses
}

fn status_rows(table: &Table, lang: Lang) -> Vec<StatusCodeDoc> {
    table
        .rows
        .iter()
        .filter_map(|row| {
            let first = row.first()?.text.trim();
            let status: u16 = first.get(..3)?.parse().ok()?;
            let rest = first[3..].trim();
            let description = row.get(1).map(|c| c.text.trim().to_owned()).unwrap_or_default();
            let description = match (rest.is_empty(), description.is_empty()) {
                (false, true) => text_in(lang, rest.to_owned()),
                // `400 Bad Request` beside `请求错误。`: the reason phrase is English.
                (false, false) if lang == Lang::Zh && rest.is_ascii() => Text {
                    en: Some(rest.to_owned()),
                    zh: Some(description),
                },
                _ => text_in(lang, description),
            };
            Some(StatusCodeDoc { status, description })
        })
        .fold(Vec::new(), |mut acc: Vec<StatusCodeDoc>, s| {
            if !acc.iter().any(|a| a.status == s.status) {
                acc.push(s);
            }
            acc
        })
}

fn examples(page: &Page, sections: &[Section], findings: &mut Vec<Finding>) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut label = String::new();
    // The catalogue layout: `## 响应示例`, `**状态码： 200**`, a prose line (`OK`),
    // then the block; the heading and the status line say what it is.
    let mut heading = String::new();
    let mut status_line: Option<u16> = None;
    for (block, section) in page.blocks.iter().zip(sections) {
        match block {
            Block::Text { text, .. } => {
                if let Some(status) = roles::status_line(text) {
                    status_line = Some(status);
                }
                label = text.clone();
            }
            Block::Heading { text, .. } => {
                label = text.clone();
                heading = text.clone();
                status_line = None;
            }
            Block::Code { text, line } => {
                if !matches!(
                    section,
                    Section::Example | Section::Request | Section::Response | Section::Other
                ) {
                    continue;
                }
                let Some(kind) = example_kind(&label)
                    .or_else(|| {
                        status_line.map(|s| {
                            if s >= 400 {
                                ExampleKind::Error
                            } else {
                                ExampleKind::Response
                            }
                        })
                    })
                    .or_else(|| example_kind(&heading))
                else {
                    continue;
                };
                let kind = match (kind, status_line) {
                    (ExampleKind::Response, Some(s)) if s >= 400 => ExampleKind::Error,
                    (kind, _) => kind,
                };
                let (status, body) = example_body(text);
                let status = status.or(status_line.filter(|_| kind != ExampleKind::Request));
                let trimmed = body.trim();
                if trimmed.is_empty()
                    || trimmed == "None"
                    || trimmed == "无"
                    || !trimmed.starts_with(['{', '['])
                {
                    continue;
                }
                let is_json = serde_json::from_str::<serde_json::Value>(trimmed).is_ok();
                if !is_json {
                    findings.push(Finding::at(
                        Section::Example,
                        Severity::Info,
                        "example-not-json",
                        *line,
                        "an example is not valid JSON; kept as text",
                    ));
                }
                examples.push(Example {
                    kind,
                    status: match kind {
                        ExampleKind::Request => None,
                        ExampleKind::Response => Some(status.unwrap_or(200)),
                        ExampleKind::Error => Some(status.unwrap_or(400)),
                    },
                    title: text_in(page.lang, label.trim_end_matches(['：', ':']).to_owned()),
                    format: if is_json {
                        ExampleFormat::Json
                    } else {
                        ExampleFormat::Text
                    },
                    body: format!("{trimmed}\n"),
                    note: (!is_json).then(|| "Not valid JSON as printed; kept verbatim.".to_owned()),
                    contradicts: None,
                });
            }
            Block::Table(_) => {}
        }
    }
    examples
}

/// What a label or heading says an example is: `请求失败样例`, `响应示例`, `Example request`.
fn example_kind(label: &str) -> Option<ExampleKind> {
    let lower = label.to_lowercase();
    if label.contains("失败") || label.contains("异常") || lower.contains("error") || lower.contains("fail")
    {
        Some(ExampleKind::Error)
    } else if label.contains("响应") || label.contains("成功") || lower.contains("response") {
        // Before `请求`: GES titles responses `请求成功样例` ("request succeeded").
        Some(ExampleKind::Response)
    } else if label.contains("请求") || lower.contains("request") {
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
        if let Some(rest) = trimmed
            .strip_prefix("Http Status Code:")
            .or_else(|| trimmed.strip_prefix("HTTP Status Code:"))
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

fn summary(page: &Page, sections: &[Section]) -> String {
    page.blocks
        .iter()
        .zip(sections)
        .filter(|(_, s)| **s == Section::Function)
        .filter_map(|(b, _)| match b {
            Block::Text { text, .. } if !text.starts_with("说明") && !text.starts_with("NOTE") => {
                Some(text.clone())
            }
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_deprecated(page: &Page) -> bool {
    let path = page.path.to_string_lossy();
    page.title.contains("废弃")
        || page.title.contains("Deprecated")
        || path.contains("out-of-date")
        || path.contains("废弃")
}

/// The page a deprecation note points to (`推荐使用[取消作业（推荐）](取消作业（推荐）.md)`).
fn replacement_link(page: &Page) -> Option<String> {
    page.blocks.iter().find_map(|b| match b {
        Block::Text { text, links, .. } if is_deprecation_note(text) => links.first().cloned(),
        _ => None,
    })
}

fn is_deprecation_note(text: &str) -> bool {
    text.contains("已过时")
        || text.contains("已废弃")
        || text.contains("out of date")
        || text.contains("deprecated")
}

fn deprecation_note(page: &Page) -> String {
    page.blocks
        .iter()
        .find_map(|b| match b {
            Block::Text { text, .. }
                if text.contains("已过时") || text.contains("out of date") || text.contains("deprecated") =>
            {
                Some(text.clone())
            }
            _ => None,
        })
        .unwrap_or_default()
}

/// The last `x-y-z` / `x.y.z` in a title: `创建图(2-2-2)` → `2.2.2`; also where
/// the docs drop a parenthesis (`校验元数据文件1.0.0)`) or add a remark
/// (`查询Job状态(1.0.0)-管理面`).
fn api_version(title: &str) -> Option<String> {
    let title = title.replace('\\', "");
    title
        .split(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.'))
        .filter_map(|run| {
            let parts: Vec<&str> = run.trim_matches(['-', '.']).split(['-', '.']).collect();
            (parts.len() == 3
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())))
            .then(|| parts.join("."))
        })
        .next_back()
}

/// A snake_case id from the method and the path's last two literal words.
pub fn operation_id(method: Method, uri: &str) -> String {
    operation_id_of_length(method, uri, 2)
}

/// [`operation_id`] with the path's last `words` literal words; `usize::MAX`
/// takes every literal, the `/ges` prefix of GES business-plane paths included,
/// to tell apart operations the shorter ids do not.
pub fn operation_id_of_length(method: Method, uri: &str, words: usize) -> String {
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let ends_with_placeholder = segments.last().is_some_and(|s| s.starts_with('{'));
    let is_version = |s: &str| {
        s.strip_prefix('v')
            .or_else(|| s.strip_prefix('V'))
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    };
    let literals: Vec<String> = segments
        .iter()
        .filter(|s| !s.starts_with('{') && !is_version(s))
        .map(|s| naming::snake(s).trim_start_matches("r#").to_owned())
        .filter(|s| !s.is_empty() && (s != "ges" || words == usize::MAX))
        .collect();
    let noun = literals
        .iter()
        .rev()
        .take(words)
        .rev()
        .cloned()
        .collect::<Vec<_>>()
        .join("_");
    let action = query
        .split('&')
        .find_map(|kv| kv.split_once('='))
        .map(|(_, v)| naming::snake(v));
    let verb = match (method, ends_with_placeholder) {
        (Method::Get, true) => "show",
        (Method::Get, false) => "list",
        (Method::Post, _) => "create",
        (Method::Put, _) | (Method::Patch, _) => "update",
        (Method::Delete, _) => "delete",
        (Method::Head, _) => "check",
    };
    let id = match action {
        Some(action) if !action.is_empty() => format!("{action}_{noun}"),
        _ => format!("{verb}_{noun}"),
    };
    let id: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let mut id = id
        .split('_')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        id.insert_str(0, "op_");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_type_spellings_normalize() {
        for (doc, ty) in [
            ("String", "string"),
            ("Array of Strings", "array<string>"),
            ("Array of objects", "array<object>"),
            ("List<Tag>", "array<object>"),
            ("String array", "array<string>"),
            ("Array<String>", "array<string>"),
            ("[String]", "array<string>"),
            ("Map<String,String>", "map<string>"),
            ("Map<String,Array<String>>", "map<array<string>>"),
            ("Map<String,Object>", "map<object>"),
            ("Map", "map<any>"),
            ("Booleab", "boolean"),
            ("Strng", "string"),
            ("Dict", "object"),
            ("objects", "array<object>"),
            ("JSONArray", "array<object>"),
            ("JSONObject", "object"),
            ("Long", "long"),
            ("Integer", "integer"),
            ("int", "integer"),
            ("Double", "number"),
            ("Boolean", "boolean"),
            ("Array of Integer", "array<integer>"),
            ("Array[String]", "array<string>"),
        ] {
            assert_eq!(normalize_type(doc), ty, "{doc}");
        }
    }

    #[test]
    fn ids_come_from_the_method_and_path() {
        assert_eq!(
            operation_id(Method::Delete, "/v1.0/{project_id}/jobs/{job_id}"),
            "delete_jobs"
        );
        assert_eq!(
            operation_id(Method::Post, "/v1.0/{project_id}/jobs/submit-job"),
            "create_jobs_submit_job"
        );
        assert_eq!(
            operation_id(
                Method::Post,
                "/v1.0/{project_id}/graphs/{graph_name}/action?action_id=import-graph"
            ),
            "import_graph_graphs_action"
        );
        assert_eq!(api_version("创建图(2-2-2)"), Some("2.2.2".into()));
        assert_eq!(api_version("创建图\\(2.2.2\\)"), Some("2.2.2".into()));
        assert_eq!(api_version("校验元数据文件1.0.0)"), Some("1.0.0".into()));
        assert_eq!(api_version("查询Job状态(1.0.0)-管理面"), Some("1.0.0".into()));
        assert_eq!(api_version("提交SQL作业（推荐）"), None);
        assert_eq!(
            operation_id_of_length(
                Method::Post,
                "/ges/v1.0/{p}/graphs/{g}/edges/properties/action",
                3
            ),
            "create_edges_properties_action"
        );
        assert_eq!(
            method_and_path("GET/v1.0/{project_id}/queues"),
            Some((Method::Get, "/v1.0/{project_id}/queues"))
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
