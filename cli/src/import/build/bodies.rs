//! The operation's interface as its tables' first roles give it: parameters,
//! the request body's root fields, and per documented status the response's
//! root fields and headers; then nested tables linked from those roots.

use std::collections::BTreeSet;

use super::by_example;
use super::fields::{self, uri_parameters};
use super::forms;
use super::link::Linker;
use super::statuses::status_rows;
use crate::import::classify::{self, PageTable, Role};
use crate::import::report::Section;
use hwcloud_model::spec::schema::{Body, DocTable, Example, Field, Lang, ParamLocation, StatusCodeDoc};

/// What the first roles read from a page's tables.
#[derive(Default)]
pub struct Interface {
    pub parameters: Vec<Field>,
    /// The request body's fields and the table they were read from.
    pub body: Option<(usize, Vec<Field>)>,
    /// That table's caption: `FormData parameters` says the body is a form.
    pub body_caption: Option<String>,
    pub groups: Vec<StatusGroup>,
    pub status_codes: Vec<StatusCodeDoc>,
    /// Tables to read beside the fields, kept in the docs.
    pub doc_tables: Vec<DocTable>,
}

/// What the URI says about parameters: its placeholders and the query names
/// its expansion lists.
pub struct UriNames<'u> {
    pub placeholders: &'u BTreeSet<String>,
    pub query_names: &'u [String],
}

impl Interface {
    /// Reads each table by its role, in page order.
    pub fn read(tables: &[PageTable], roles: &[Role], lang: Lang, uri: &UriNames) -> Interface {
        let mut interface = Interface::default();
        for (t, (table, role)) in tables.iter().zip(roles).enumerate() {
            let rows = |location: Option<ParamLocation>| -> Vec<Field> {
                let columns = table.columns.as_ref().expect("a parameter table");
                let fields = fields::rows(&table.table.rows, columns, lang);
                fields.into_iter().map(|f| Field { location, ..f }).collect()
            };
            match role {
                Role::StatusCodes => interface.status_codes.extend(status_rows(table.table, lang)),
                Role::Headers => interface.parameters.extend(rows(Some(ParamLocation::Header))),
                Role::UriParameters => {
                    let caption = table.table.title().to_lowercase();
                    let read = uri_parameters(rows(None), uri.placeholders, uri.query_names, &caption);
                    interface.parameters.extend(read);
                }
                Role::Query => interface.parameters.extend(rows(Some(ParamLocation::Query))),
                Role::RequestBody => {
                    interface.body = Some((t, rows(None)));
                    interface.body_caption = Some(table.table.caption.clone());
                }
                Role::ResponseBody(status) => interface.group(*status).root = Some((t, rows(None))),
                Role::ResponseHeaders(status) => interface.group(*status).headers.extend(rows(None)),
                _ => {}
            }
        }
        interface
    }

    fn group(&mut self, status: Option<u16>) -> &mut StatusGroup {
        match self.groups.iter().position(|g| g.status == status) {
            Some(at) => &mut self.groups[at],
            None => {
                self.groups.push(StatusGroup::new(status));
                self.groups.last_mut().expect("just pushed")
            }
        }
    }

    /// Links nested tables: the request, then each status's body, successes
    /// first; then tables no field cites, by the examples and by elimination.
    pub fn link(&mut self, linker: &mut Linker, examples: &[Example]) {
        if let Some((table, fields)) = &mut self.body {
            linker.link(fields, *table, Section::Request);
        }
        self.groups.sort_by_key(|g| !classify::is_success(g.status));
        for group in &mut self.groups {
            if let Some((table, fields)) = &mut group.root {
                linker.link(fields, *table, Section::Response);
            }
            linker.link_pending();
        }
        // A page whose response has no table: the request's objects are
        // followed down all the same. (Objects are named in the order they
        // are linked, so the response's roots keep going first where there are any.)
        linker.link_pending();
        if let Some((_, fields)) = &mut self.body {
            by_example::link(linker, Section::Request, fields, examples);
        }
        let success = self.groups.iter_mut().find(|g| classify::is_success(g.status));
        if let Some((_, fields)) = success.and_then(|g| g.root.as_mut()) {
            by_example::link(linker, Section::Response, fields, examples);
        }
        let request = self
            .body
            .iter_mut()
            .flat_map(|(_, fields)| fields.iter_mut())
            .collect();
        linker.pair_by_elimination(Section::Request, request);
        if let Some((_, fields)) = &mut self.body {
            forms::join_body_forms(linker, Section::Request, fields);
            forms::join_object_forms(linker, Section::Request, fields);
        }
        let success = self.groups.iter().find(|g| classify::is_success(g.status));
        if let Some((_, fields)) = success.and_then(|g| g.root.as_ref()) {
            forms::join_object_forms(linker, Section::Response, fields);
        }
        let response = self
            .groups
            .iter_mut()
            .flat_map(|g| g.root.iter_mut().flat_map(|(_, fields)| fields.iter_mut()))
            .collect();
        linker.pair_by_elimination(Section::Response, response);
    }

    /// Every field read so far: parameters, body, response fields and headers.
    pub fn fields_mut(&mut self) -> impl Iterator<Item = &mut Field> {
        self.parameters
            .iter_mut()
            .chain(self.body.iter_mut().flat_map(|(_, fields)| fields.iter_mut()))
            .chain(self.groups.iter_mut().flat_map(StatusGroup::fields_mut))
    }
}

/// The tables under one status of the response section (`None`: the page
/// gives no status line): the body's root table and fields, and its headers.
pub struct StatusGroup {
    pub status: Option<u16>,
    pub root: Option<(usize, Vec<Field>)>,
    pub headers: Vec<Field>,
}

impl StatusGroup {
    fn new(status: Option<u16>) -> StatusGroup {
        StatusGroup {
            status,
            root: None,
            headers: Vec::new(),
        }
    }

    pub fn fields_mut(&mut self) -> impl Iterator<Item = &mut Field> {
        self.headers
            .iter_mut()
            .chain(self.root.iter_mut().flat_map(|(_, fields)| fields.iter_mut()))
    }

    /// The success response (the first success status documented), and the other
    /// statuses' bodies, statuses with the same body sharing one entry.
    pub fn into_bodies(groups: Vec<StatusGroup>) -> (Option<Body>, Vec<Body>) {
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
            let is_error = |b: &Body| !classify::is_success(b.status.first().copied());
            let same = |b: &Body| is_error(b) && b.fields == body.fields && b.headers == body.headers;
            match bodies.iter_mut().find(|b| is_error(&body) && same(b)) {
                Some(shared) => shared.status.extend(body.status),
                None => bodies.push(body),
            }
        }
        let first_is_success = bodies
            .first()
            .is_some_and(|b| classify::is_success(b.status.first().copied()));
        if !first_is_success {
            return (None, bodies);
        }
        let mut bodies = bodies.into_iter();
        (bodies.next(), bodies.collect())
    }
}
