//! A draft operation from one classified page: the URI, the fields of each
//! table by its role, nested tables linked from their fields, examples and
//! texts. Every table ends with a role, reported with the operation.

mod bodies;
mod by_example;
mod cite;
pub mod constraints;
mod examples;
pub mod fields;
mod forms;
mod leftovers;
pub mod link;
mod media;
mod statuses;
mod texts;
pub mod uri;

use std::collections::BTreeSet;

use bodies::{Interface, StatusGroup, UriNames};
use fields::text_in;
use link::Linker;

use super::classify::{self, PageKind, PageTable, Role};
use super::naming::operation_id;
use super::page::Page;
use super::report::{Finding, Section, Severity, TableReport};
use hwcloud_model::spec::schema::{Body, Deprecation, ObjectTable, OperationFile, Source, StatusCodeDoc};
use hwcloud_model::spec::uri::UriTemplate;

pub use fields::UNDOCUMENTED_PLACEHOLDER;

/// What a page turned out to be.
#[derive(Debug)]
pub enum Extracted {
    /// The operation, and the link a deprecated page gives to its replacement.
    Operation(Box<OperationFile>, Option<String>),
    /// Not an operation page (overview, index, concepts); why.
    Skipped(&'static str),
}

/// A page built: what it is, what the build noticed, and each table's role.
#[derive(Debug)]
pub struct Built {
    pub extracted: Extracted,
    pub findings: Vec<Finding>,
    pub tables: Vec<TableReport>,
    /// Fields wanting an object whose row links elsewhere: (field, links).
    pub unlinked: Vec<(String, Vec<String>)>,
}

impl Built {
    fn skipped(why: &'static str, findings: Vec<Finding>) -> Built {
        Built {
            extracted: Extracted::Skipped(why),
            findings,
            tables: Vec::new(),
            unlinked: Vec::new(),
        }
    }
}

/// Builds the operation a page documents, with findings for what it could not read.
pub fn operation(page: &Page, source_page: &str) -> Built {
    let mut findings = Vec::new();
    // Operation pages have a `URI` section; guides show method lines without one.
    let kind = PageKind::of(page);
    if kind != PageKind::Operation {
        return Built::skipped(kind.skipped(), findings);
    }
    let sections = classify::sections(page);
    let Some(mut uri) = uri::find(page, &sections) else {
        findings.push(Finding::at(
            Section::Uri,
            Severity::Error,
            "no-uri",
            1,
            "the URI section has no `METHOD /path` line",
        ));
        return Built::skipped("no URI line", findings);
    };
    let (tables, roles) = classify::tables(page, &sections, &classify::statuses(page));
    let placeholders = settled_placeholders(&mut uri, &tables, &roles, &mut findings);
    let names = UriNames {
        placeholders: &placeholders,
        query_names: &uri.query_names,
    };
    let mut interface = Interface::read(&tables, &roles, page.lang, &names);
    let examples = examples::examples(page, &sections, &mut findings);
    let mut linker = Linker::new(&tables, roles, page.lang);
    interface.link(&mut linker, &examples);
    let Linker {
        mut roles,
        mut objects,
        findings: link_findings,
        unlinked,
        ..
    } = linker;
    findings.extend(link_findings);
    leftovers::assign(
        &tables,
        &mut roles,
        &mut interface,
        &mut objects,
        page.lang,
        &mut findings,
    );
    for field in interface.fields_mut() {
        fields::check_type(field, &mut findings);
    }
    uri::name_query_rows(&mut interface.parameters, &uri, &mut findings);
    let dropped =
        fields::settle_parameters(&mut interface.parameters, &placeholders, uri.line, &mut findings);
    let shown = uri::shown_query_names(page, &uri);
    let unimported = uri::unimported_query_names(&shown, &uri.uri, &interface.parameters);
    let unimported = unimported.into_iter().filter(|(name, _)| !dropped.contains(name));
    uri::add_shown_query_names(&mut interface.parameters, unimported, &mut findings);
    let mut operation = assemble(
        page,
        source_page,
        &sections,
        uri,
        interface,
        objects,
        &mut findings,
    );
    // Read before linking, which places tables by them.
    operation.examples = examples;
    let replacement = operation
        .deprecated
        .as_ref()
        .and_then(|_| texts::replacement_link(page));
    Built {
        extracted: Extracted::Operation(Box::new(operation), replacement),
        findings,
        tables: classify::report(&tables, &roles),
        unlinked,
    }
}

/// The URI's placeholders; where the URI line shows an example's values and
/// none, the URI tables' names read into it.
fn settled_placeholders(
    uri: &mut uri::UriLine,
    tables: &[PageTable],
    roles: &[Role],
    findings: &mut Vec<Finding>,
) -> BTreeSet<String> {
    let placeholders = placeholders(uri, findings);
    if placeholders.is_empty()
        && let Some(finding) = uri::example_values_as_placeholders(uri, &uri_rows(tables, roles))
    {
        findings.push(finding);
        return self::placeholders(uri, findings);
    }
    placeholders
}

/// The names the URI tables give, in order.
fn uri_rows(tables: &[PageTable], roles: &[Role]) -> Vec<String> {
    let uri_tables = tables
        .iter()
        .zip(roles)
        .filter(|(_, role)| **role == Role::UriParameters);
    uri_tables
        .filter_map(|(table, _)| Some((table.table, table.columns.as_ref()?)))
        .flat_map(|(table, columns)| table.rows.iter().filter_map(|row| row.get(columns.name)))
        .map(|cell| cell.text.trim().to_owned())
        .collect()
}

/// The URI's placeholders; an unparseable URI is an error and has none.
fn placeholders(uri: &uri::UriLine, findings: &mut Vec<Finding>) -> BTreeSet<String> {
    match UriTemplate::parse(&uri.uri) {
        Ok(template) => template.placeholders().map(str::to_owned).collect(),
        Err(message) => {
            findings.push(Finding::at(
                Section::Uri,
                Severity::Error,
                "bad-uri",
                uri.line,
                message,
            ));
            BTreeSet::new()
        }
    }
}

/// The operation file from what the page's tables and texts gave.
fn assemble(
    page: &Page,
    source_page: &str,
    sections: &[Section],
    uri: uri::UriLine,
    interface: Interface,
    mut objects: Vec<ObjectTable>,
    findings: &mut Vec<Finding>,
) -> OperationFile {
    let Interface {
        parameters,
        body,
        body_caption,
        groups,
        status_codes,
        doc_tables,
    } = interface;
    let (mut response, mut responses) = StatusGroup::into_bodies(groups);
    let mut request_body = body
        .map(|(_, fields)| fields)
        .filter(|f| !f.is_empty())
        .map(|fields| Body {
            fields,
            ..Body::default()
        });
    let lists = request_body
        .iter_mut()
        .chain(response.iter_mut())
        .chain(responses.iter_mut())
        .flat_map(|body| [&mut body.fields, &mut body.headers])
        .chain(objects.iter_mut().map(|o| &mut o.fields));
    for fields in lists {
        fields::drop_repeated(fields, findings);
    }
    let uri_text = uri::without_documented_query(&uri.uri, &parameters);
    let mut operation = OperationFile {
        operation: operation_id(uri.method, &uri_text),
        title: text_in(page.lang, page.title.clone()),
        summary: text_in(page.lang, texts::summary(page, sections)),
        sources: vec![Source {
            page: source_page.to_owned(),
            lang: page.lang,
            id: page.id.clone(),
        }],
        api_version: texts::api_version(&page.title),
        variant: None,
        deprecated: texts::is_deprecated(page).then(|| Deprecation {
            replacement: None,
            note: text_in(page.lang, texts::deprecation_note(page)),
        }),
        // The availability pass marks the clouds, once it knows the service's.
        clouds: Vec::new(),
        method: uri.method,
        uri: uri_text,
        parameters,
        request_body,
        response,
        responses,
        objects,
        status_codes: all_statuses(page, sections, status_codes),
        examples: Vec::new(),
        tables: doc_tables,
        pagination: None,
    };
    media::read(page, sections, body_caption.as_deref(), &mut operation, findings);
    operation
}

/// The statuses a status table gives, after those listed outside a table.
fn all_statuses(page: &Page, sections: &[Section], tabled: Vec<StatusCodeDoc>) -> Vec<StatusCodeDoc> {
    let mut listed = statuses::listed_statuses(page, sections);
    listed.retain(|l| !tabled.iter().any(|s| s.status == l.status));
    listed.into_iter().chain(tabled).collect()
}
