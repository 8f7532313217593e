//! Changes to one operation: its endpoint, deprecation and texts, its
//! paginator, its parameters, request body and response, and what its docs say
//! about statuses and examples.

use std::collections::BTreeSet;

use hwcloud_model::model::{Location, Member, Operation, PathPiece};

use super::member::MemberDiff;
use super::{At, Changes, Class, behaviour};

/// `METHOD /uri`, as a change shows an endpoint.
pub(super) fn endpoint(op: &Operation) -> String {
    format!("{} {}", op.method.as_str(), op.uri)
}

/// Both versions of an operation, and where their changes go.
pub(super) struct OperationDiff<'a> {
    old: &'a Operation,
    new: &'a Operation,
    /// `service::Request`, the item the operation's own changes touch.
    request: String,
    /// `service::module`, where the operation's tables are generated.
    module: String,
    changes: Changes<'a>,
}

impl<'a> OperationDiff<'a> {
    /// Compares two versions of an operation, reporting into `changes` (the new
    /// version's).
    pub(super) fn compare(old: &'a Operation, new: &'a Operation, changes: Changes<'a>) {
        let service = changes.service;
        let mut walk = OperationDiff {
            old,
            new,
            request: format!("{service}::{}", new.names.request),
            module: format!("{service}::{}", new.names.module),
            changes,
        };
        walk.endpoint();
        walk.deprecation();
        walk.availability();
        walk.texts();
        walk.pagination();
        walk.path_parameters();
        walk.query_and_headers();
        walk.request_body();
        walk.response();
        walk.success_statuses();
        walk.status_bodies();
        walk.status_codes();
        walk.examples();
    }

    /// A change to the operation as a whole: it touches the request type.
    fn push(&mut self, class: Class, what: &str, path: &str, old: Option<&str>, new: Option<&str>) {
        let at = At::new(path, &self.request);
        self.changes.push(class, what, at, old, new);
    }

    /// Compares members: parameters and request fields if `is_input`, else
    /// response fields.
    fn members(&mut self, is_input: bool) -> MemberDiff<'_, 'a> {
        MemberDiff {
            changes: &mut self.changes,
            module: &self.module,
            old_objects: &self.old.objects,
            new_objects: &self.new.objects,
            is_input,
            visiting: Vec::new(),
        }
    }

    /// Another method or URI shape sends requests elsewhere: breaking. Only a
    /// placeholder's name: documentation.
    fn endpoint(&mut self) {
        let (old, new) = (self.old, self.new);
        if old.method != new.method || old.uri_shape != new.uri_shape {
            let (o, n) = (endpoint(old), endpoint(new));
            self.push(
                Class::Breaking,
                "method or URI changed",
                "uri",
                Some(&o),
                Some(&n),
            );
        } else if old.uri != new.uri {
            self.push(
                Class::Documentation,
                "placeholder renamed",
                "uri",
                Some(&old.uri),
                Some(&new.uri),
            );
        }
    }

    /// Deprecating adds a warning (additive); withdrawing one is documentation.
    fn deprecation(&mut self) {
        let (class, what, old, new) = match (&self.old.deprecated, &self.new.deprecated) {
            (None, Some(_)) => (Class::Additive, "operation deprecated", None, Some("deprecated")),
            (Some(_), None) => (
                Class::Documentation,
                "deprecation withdrawn",
                Some("deprecated"),
                None,
            ),
            _ => return,
        };
        self.push(class, what, "deprecated", old, new);
    }

    /// The clouds that document the operation (none listed: every cloud). A
    /// client for a cloud no longer listed refuses it: breaking; one more
    /// cloud: additive.
    fn availability(&mut self) {
        let clouds = |op: &Operation| -> BTreeSet<String> {
            if op.clouds.is_empty() {
                hwcloud_model::spec::schema::CLOUDS
                    .iter()
                    .map(|c| (*c).to_owned())
                    .collect()
            } else {
                op.clouds.iter().cloned().collect()
            }
        };
        let (old, new) = (clouds(self.old), clouds(self.new));
        if old == new {
            return;
        }
        let class = if old.is_subset(&new) {
            Class::Additive
        } else {
            Class::Breaking
        };
        let list = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(", ");
        let (o, n) = (list(&old), list(&new));
        self.push(class, "availability changed", "clouds", Some(&o), Some(&n));
    }

    /// The title and summary: documentation.
    fn texts(&mut self) {
        let (old, new) = (self.old, self.new);
        for (path, o, n) in [
            ("title", &old.title, &new.title),
            ("summary", &old.summary, &new.summary),
        ] {
            let at = At::new(path, &self.request);
            self.changes.text(at, o, n);
        }
        // Tables to read, by caption: documentation too.
        let captions =
            |op: &Operation| -> BTreeSet<String> { op.tables.iter().map(|t| t.caption.clone()).collect() };
        for table in &new.tables {
            match old
                .tables
                .iter()
                .find(|t| t.caption == table.caption && t.lang == table.lang)
            {
                None => self.push(
                    Class::Documentation,
                    "table added",
                    "tables",
                    None,
                    Some(&table.caption),
                ),
                Some(was) if was != table => self.push(
                    Class::Documentation,
                    "table changed",
                    "tables",
                    Some(&was.caption),
                    Some(&table.caption),
                ),
                Some(_) => {}
            }
        }
        for gone in captions(old).difference(&captions(new)) {
            self.push(Class::Documentation, "table removed", "tables", Some(gone), None);
        }
    }

    /// The paginator, see [`behaviour::pagination`].
    fn pagination(&mut self) {
        behaviour::pagination(&mut self.changes, &self.request, self.old, self.new);
    }

    /// Path parameters by position: the placeholder name does not travel.
    fn path_parameters(&mut self) {
        let path_params = |op: &Operation| -> Vec<Member> {
            op.path
                .iter()
                .filter_map(|p| match p {
                    PathPiece::Param(i) => Some(op.params[*i].clone()),
                    PathPiece::Literal(_) => None,
                })
                .collect()
        };
        let (old, new) = (path_params(self.old), path_params(self.new));
        if old.len() != new.len() {
            return;
        }
        for (o, n) in old.iter().zip(&new) {
            let (path, item) = (
                format!("path.{}", n.wire),
                format!("{}::{}", self.request, n.rust),
            );
            let at = At::new(&path, &item);
            self.members(true).pair(at, o, n);
        }
    }

    /// Query and header parameters, by wire name.
    fn query_and_headers(&mut self) {
        // The request type owns them; `members` borrows `self` whole.
        let request = self.request.clone();
        for (location, prefix) in [(Location::Query, "query"), (Location::Header, "header")] {
            let pick = |op: &Operation| -> Vec<Member> {
                op.params
                    .iter()
                    .filter(|p| p.location == Some(location))
                    .cloned()
                    .collect()
            };
            let (old, new) = (pick(self.old), pick(self.new));
            self.members(true).list(prefix, &request, &old, &new);
        }
    }

    /// The request body's media (JSON, a form, a file) and its fields, by wire name.
    fn request_body(&mut self) {
        let (old, new) = (self.old, self.new);
        let owner = format!("{}::{}", self.module, new.names.body);
        let media = |op: &Operation| {
            op.request_media
                .as_ref()
                .map_or("application/json", |m| m.content_type())
                .to_owned()
        };
        if old.body.is_some() && new.body.is_some() && media(old) != media(new) {
            let (o, n) = (media(old), media(new));
            self.changes.push(
                Class::Breaking,
                "request body media changed",
                At::new("request_body.media", &owner),
                Some(&o),
                Some(&n),
            );
        }
        let (old_body, new_body) = (old.body.as_deref(), new.body.as_deref());
        self.members(true).list(
            "request",
            &owner,
            old_body.unwrap_or_default(),
            new_body.unwrap_or_default(),
        );
    }

    /// The response body's shape (a JSON object or array), its fields and its
    /// headers.
    fn response(&mut self) {
        let (old, new) = (self.old, self.new);
        let owner = format!("{}::{}", self.changes.service, new.names.response);
        let shape = |op: &Operation| match (&op.response_media, op.response_is_array) {
            (Some(media), _) => format!("`{media}` bytes"),
            (None, true) => "JSON array".to_owned(),
            (None, false) if !op.success_variants.is_empty() => {
                let variants: Vec<&str> = op.success_variants.iter().map(|v| v.variant.as_str()).collect();
                format!("enum of JSON objects by status ({})", variants.join(", "))
            }
            (None, false) => "JSON object".to_owned(),
        };
        if shape(old) != shape(new) {
            let at = At::new("response", &owner);
            let (o, n) = (shape(old), shape(new));
            self.changes.push(
                Class::Breaking,
                "response body shape changed",
                at,
                Some(&o),
                Some(&n),
            );
        }
        self.members(false)
            .list("response", &owner, &old.response, &new.response);
        let new_headers = headers_spelled_as_before(old, new);
        self.members(false)
            .list("response.headers", &owner, &old.response_headers, &new_headers);
    }

    /// The success statuses: the client reads any 2xx into the response type, so
    /// they change documentation, not the generated API.
    fn success_statuses(&mut self) {
        let list = |statuses: &[u16]| statuses.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
        let (old, new) = (&self.old.success_statuses, &self.new.success_statuses);
        if old != new {
            let (o, n) = (list(old), list(new));
            self.push(
                Class::Documentation,
                "success statuses changed",
                "response.status",
                Some(&o),
                Some(&n),
            );
        }
    }

    /// The other statuses' bodies: the client reads them through the service's
    /// error shapes, so they change documentation, not the generated API.
    fn status_bodies(&mut self) {
        let (old, new) = (self.old, self.new);
        let body_of = |op: &Operation, status: u16| {
            op.status_bodies
                .iter()
                .find(|b| b.statuses.contains(&status))
                .map(|b| b.fields.join(", "))
        };
        let statuses: BTreeSet<u16> = old
            .status_bodies
            .iter()
            .chain(&new.status_bodies)
            .flat_map(|b| b.statuses.iter().copied())
            .collect();
        for status in statuses {
            let (before, after) = (body_of(old, status), body_of(new, status));
            if before == after {
                continue;
            }
            let what = match (&before, &after) {
                (None, _) => "status body documented",
                (_, None) => "status body no longer documented",
                _ => "status body changed",
            };
            let path = format!("responses[{status}]");
            self.push(
                Class::Documentation,
                what,
                &path,
                before.as_deref(),
                after.as_deref(),
            );
        }
    }

    /// The statuses the docs list, with their meanings.
    fn status_codes(&mut self) {
        let statuses = |op: &Operation| {
            op.status_codes
                .iter()
                .map(|(s, t)| format!("{s} {}", t.preferred().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let (old, new) = (statuses(self.old), statuses(self.new));
        if old != new {
            self.push(
                Class::Documentation,
                "status codes changed",
                "status_codes",
                Some(&old),
                Some(&new),
            );
        }
    }

    /// The example bodies, compared trimmed; the change shows how many each
    /// side has.
    fn examples(&mut self) {
        let examples = |op: &Operation| {
            op.examples
                .iter()
                .map(|e| e.body.trim().to_owned())
                .collect::<Vec<_>>()
        };
        let (old, new) = (examples(self.old), examples(self.new));
        if old != new {
            let (o, n) = (old.len().to_string(), new.len().to_string());
            self.push(
                Class::Documentation,
                "examples changed",
                "examples",
                Some(&o),
                Some(&n),
            );
        }
    }
}

/// The new response headers, each spelled as the old one it matches ignoring
/// case: header names are case-insensitive, so a new spelling of an old header
/// is the same header.
fn headers_spelled_as_before(old: &Operation, new: &Operation) -> Vec<Member> {
    let mut headers = new.response_headers.clone();
    for header in &mut headers {
        if let Some(before) = old
            .response_headers
            .iter()
            .find(|o| o.wire.eq_ignore_ascii_case(&header.wire))
        {
            header.wire.clone_from(&before.wire);
        }
    }
    headers
}
