//! What a spec change does to users of the generated crate.
//!
//! Two validated models are compared operation by operation; every difference is
//! classified by its effect on the Rust API and the wire: breaking, additive, or
//! documentation only. Rendering lives in [`render`].

mod behaviour;
pub mod render;
pub mod side;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use hwcloud_model::model::{Location, Member, Model, Object, Operation, PathPiece, Service, Text, Type};

/// The effect of one change, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    Breaking,
    Additive,
    Documentation,
}

impl Class {
    pub fn label(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::Documentation => "documentation",
        }
    }
}

/// One difference between the two specs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub class: Class,
    pub service: String,
    /// The operation id, or `None` for service-level changes (error codes).
    pub operation: Option<String>,
    /// What changed, e.g. `response field removed`.
    pub what: String,
    /// Where, e.g. `response.jobs[].status`.
    pub path: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The generated item it touches, e.g. `dli::list_jobs::Job::status`.
    pub rust_item: String,
}

/// Every change, grouped by service and operation in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub changes: Vec<Change>,
}

impl Diff {
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// The most severe class present.
    pub fn worst(&self) -> Option<Class> {
        self.changes.iter().map(|c| c.class).min()
    }

    /// The semver bump the changes imply for the generated crate.
    pub fn semver(&self) -> &'static str {
        match self.worst() {
            Some(Class::Breaking) => "major",
            Some(Class::Additive) => "minor",
            Some(Class::Documentation) => "patch",
            None => "none",
        }
    }
}

/// Compares two models.
pub fn diff(old: &Model, new: &Model) -> Diff {
    let mut out = Vec::new();
    let services: BTreeMap<&str, (Option<&Service>, Option<&Service>)> = old
        .services
        .iter()
        .map(|s| (s.id.as_str(), (Some(s), None)))
        .chain(new.services.iter().map(|s| (s.id.as_str(), (None, Some(s)))))
        .fold(BTreeMap::new(), |mut map, (id, (o, n))| {
            let entry = map.entry(id).or_insert((None, None));
            entry.0 = entry.0.or(o);
            entry.1 = entry.1.or(n);
            map
        });
    for (id, pair) in services {
        match pair {
            (Some(old), Some(new)) => service(old, new, &mut out),
            (Some(_), None) => out.push(change(
                Class::Breaking,
                id,
                None,
                "service removed",
                id,
                Some(id),
                None,
                id,
            )),
            (None, Some(_)) => out.push(change(
                Class::Additive,
                id,
                None,
                "service added",
                id,
                None,
                Some(id),
                id,
            )),
            (None, None) => {}
        }
    }
    // Service-level changes first, then by operation; breaking first within each.
    out.sort_by(|a, b| {
        (&a.service, &a.operation, a.class, &a.path).cmp(&(&b.service, &b.operation, b.class, &b.path))
    });
    Diff { changes: out }
}

#[allow(clippy::too_many_arguments)]
fn change(
    class: Class,
    service: &str,
    operation: Option<&str>,
    what: &str,
    path: &str,
    old: Option<&str>,
    new: Option<&str>,
    rust_item: &str,
) -> Change {
    Change {
        class,
        service: service.to_owned(),
        operation: operation.map(str::to_owned),
        what: what.to_owned(),
        path: path.to_owned(),
        old: old.map(str::to_owned),
        new: new.map(str::to_owned),
        rust_item: rust_item.to_owned(),
    }
}

fn service(old: &Service, new: &Service, out: &mut Vec<Change>) {
    let id = old.id.as_str();
    for code in &old.error_codes {
        let item = format!("{id}::ErrorCode::{}", code.variant);
        match new.error_codes.iter().find(|c| c.code == code.code) {
            None => out.push(change(
                Class::Breaking,
                id,
                None,
                "error code removed",
                "error_codes",
                Some(&code.code),
                None,
                &item,
            )),
            Some(now) => {
                if now.status != code.status {
                    let (o, n) = (code.status.to_string(), now.status.to_string());
                    out.push(change(
                        Class::Documentation,
                        id,
                        None,
                        "error code status changed",
                        &format!("error_codes.{}.status", code.code),
                        Some(&o),
                        Some(&n),
                        &item,
                    ));
                }
                for (label, o, n) in [
                    ("message", &code.message, &now.message),
                    ("description", &code.description, &now.description),
                    ("remedy", &code.remedy, &now.remedy),
                ] {
                    text_change(
                        o,
                        n,
                        id,
                        None,
                        &format!("error_codes.{}.{label}", code.code),
                        &item,
                        out,
                    );
                }
            }
        }
    }
    for code in new
        .error_codes
        .iter()
        .filter(|c| !old.error_codes.iter().any(|o| o.code == c.code))
    {
        let item = format!("{id}::ErrorCode::{}", code.variant);
        out.push(change(
            Class::Additive,
            id,
            None,
            "error code added",
            "error_codes",
            None,
            Some(&code.code),
            &item,
        ));
    }

    // Operations: by id, then by method and URI shape (an id that changed).
    let mut unmatched_new: Vec<&Operation> = new.operations.iter().collect();
    let mut pairs = Vec::new();
    let mut removed = Vec::new();
    for op in &old.operations {
        match unmatched_new.iter().position(|n| n.id == op.id) {
            Some(i) => pairs.push((op, unmatched_new.remove(i))),
            None => removed.push(op),
        }
    }
    for op in removed {
        match unmatched_new
            .iter()
            .position(|n| n.method == op.method && n.uri_shape == op.uri_shape)
        {
            Some(i) => {
                let now = unmatched_new.remove(i);
                out.push(change(
                    Class::Breaking,
                    id,
                    Some(&now.id),
                    "Rust name changed",
                    "operation",
                    Some(&op.names.request),
                    Some(&now.names.request),
                    &format!("{id}::{}", op.names.request),
                ));
                pairs.push((op, now));
            }
            None => out.push(change(
                Class::Breaking,
                id,
                Some(&op.id),
                "operation removed",
                "operation",
                Some(&format!("{} {}", op.method.as_str(), op.uri)),
                None,
                &format!("{id}::{}", op.names.request),
            )),
        }
    }
    for now in unmatched_new {
        out.push(change(
            Class::Additive,
            id,
            Some(&now.id),
            "operation added",
            "operation",
            None,
            Some(&format!("{} {}", now.method.as_str(), now.uri)),
            &format!("{id}::{}", now.names.request),
        ));
    }
    pairs.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    for (old_op, new_op) in pairs {
        operation(id, old_op, new_op, out);
        shared_tables(old, new, old_op, new_op, out);
    }
    behaviour::waiters(old, new, out);
}

/// A table that becomes one of the service's shared types, or stops being one.
///
/// Stopping splits a type others used interchangeably: breaking. Becoming one is
/// additive, unless the table was request-only and the shared type keeps
/// undocumented keys: its new `undocumented` field breaks struct literals.
fn shared_tables(
    old_svc: &Service,
    new_svc: &Service,
    old: &Operation,
    new: &Operation,
    out: &mut Vec<Change>,
) {
    let cx = OpContext::new(&new_svc.id, new);
    for table in &new.objects {
        let Some(before) = old.objects.iter().find(|o| o.name == table.name) else {
            continue;
        };
        let (was, is) = (old.shared.contains(&table.name), new.shared.contains(&table.name));
        if was == is {
            continue;
        }
        let local = format!("{}::{}", cx.module, table.name);
        let shared = |svc: &Service| format!("{}::{}::{}", svc.id, svc.types_module, table.name);
        let (class, what, from, to) = if is {
            let keeps_keys = new_svc.object(new, &table.name).is_some_and(|o| o.in_response);
            let class = if keeps_keys && !before.in_response {
                Class::Breaking
            } else {
                Class::Additive
            };
            (
                class,
                "table became a shared type",
                local.clone(),
                shared(new_svc),
            )
        } else {
            (
                Class::Breaking,
                "table no longer a shared type",
                shared(old_svc),
                local.clone(),
            )
        };
        cx.push(out, class, what, &table.name, Some(&from), Some(&to), &local);
    }
}

struct OpContext<'a> {
    service: &'a str,
    op: &'a str,
    request: String,
    module: String,
}

impl<'a> OpContext<'a> {
    /// Changes to `op` (as the new spec has it) of `service`.
    fn new(service: &'a str, op: &'a Operation) -> Self {
        OpContext {
            service,
            op: &op.id,
            request: format!("{service}::{}", op.names.request),
            module: format!("{service}::{}", op.names.module),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &self,
        out: &mut Vec<Change>,
        class: Class,
        what: &str,
        path: &str,
        old: Option<&str>,
        new: Option<&str>,
        item: &str,
    ) {
        out.push(change(
            class,
            self.service,
            Some(self.op),
            what,
            path,
            old,
            new,
            item,
        ));
    }
}

fn operation(service: &str, old: &Operation, new: &Operation, out: &mut Vec<Change>) {
    let cx = OpContext::new(service, new);
    if old.method != new.method || old.uri_shape != new.uri_shape {
        cx.push(
            out,
            Class::Breaking,
            "method or URI changed",
            "uri",
            Some(&format!("{} {}", old.method.as_str(), old.uri)),
            Some(&format!("{} {}", new.method.as_str(), new.uri)),
            &cx.request,
        );
    } else if old.uri != new.uri {
        cx.push(
            out,
            Class::Documentation,
            "placeholder renamed",
            "uri",
            Some(&old.uri),
            Some(&new.uri),
            &cx.request,
        );
    }
    match (&old.deprecated, &new.deprecated) {
        (None, Some(_)) => cx.push(
            out,
            Class::Additive,
            "operation deprecated",
            "deprecated",
            None,
            Some("deprecated"),
            &cx.request,
        ),
        (Some(_), None) => cx.push(
            out,
            Class::Documentation,
            "deprecation withdrawn",
            "deprecated",
            Some("deprecated"),
            None,
            &cx.request,
        ),
        _ => {}
    }
    text_change(
        &old.title,
        &new.title,
        service,
        Some(&new.id),
        "title",
        &cx.request,
        out,
    );
    text_change(
        &old.summary,
        &new.summary,
        service,
        Some(&new.id),
        "summary",
        &cx.request,
        out,
    );
    behaviour::pagination(&cx, old, new, out);

    // Path parameters by position: the placeholder name does not travel.
    let path_params = |op: &Operation| -> Vec<Member> {
        op.path
            .iter()
            .filter_map(|p| match p {
                PathPiece::Param(i) => Some(op.params[*i].clone()),
                PathPiece::Literal(_) => None,
            })
            .collect()
    };
    let (old_path, new_path) = (path_params(old), path_params(new));
    if old_path.len() == new_path.len() {
        for (o, n) in old_path.iter().zip(&new_path) {
            member(
                &cx,
                &format!("path.{}", n.wire),
                &format!("{}::{}", cx.request, n.rust),
                o,
                n,
                true,
                &old.objects,
                &new.objects,
                out,
            );
        }
    }
    for location in [Location::Query, Location::Header] {
        let prefix = if location == Location::Query {
            "query"
        } else {
            "header"
        };
        let pick = |op: &Operation| -> Vec<Member> {
            op.params
                .iter()
                .filter(|p| p.location == Some(location))
                .cloned()
                .collect()
        };
        members(
            &cx,
            prefix,
            &cx.request,
            &pick(old),
            &pick(new),
            true,
            &old.objects,
            &new.objects,
            out,
        );
    }
    let empty = Vec::new();
    members(
        &cx,
        "request",
        &format!("{}::{}", cx.module, new.names.body),
        old.body.as_ref().unwrap_or(&empty),
        new.body.as_ref().unwrap_or(&empty),
        true,
        &old.objects,
        &new.objects,
        out,
    );
    if old.response_is_array != new.response_is_array {
        let shape = |array: bool| if array { "JSON array" } else { "JSON object" };
        cx.push(
            out,
            Class::Breaking,
            "response body shape changed",
            "response",
            Some(shape(old.response_is_array)),
            Some(shape(new.response_is_array)),
            &format!("{service}::{}", new.names.response),
        );
    }
    members(
        &cx,
        "response",
        &format!("{service}::{}", new.names.response),
        &old.response,
        &new.response,
        false,
        &old.objects,
        &new.objects,
        out,
    );
    // Header names are case-insensitive: a new spelling of an old header is the same header.
    let mut new_headers = new.response_headers.clone();
    for header in &mut new_headers {
        if let Some(before) = old
            .response_headers
            .iter()
            .find(|o| o.wire.eq_ignore_ascii_case(&header.wire))
        {
            header.wire.clone_from(&before.wire);
        }
    }
    members(
        &cx,
        "response.headers",
        &format!("{service}::{}", new.names.response),
        &old.response_headers,
        &new_headers,
        false,
        &old.objects,
        &new.objects,
        out,
    );
    status_bodies(&cx, old, new, out);
    let statuses = |op: &Operation| {
        op.status_codes
            .iter()
            .map(|(s, t)| format!("{s} {}", t.preferred().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if statuses(old) != statuses(new) {
        cx.push(
            out,
            Class::Documentation,
            "status codes changed",
            "status_codes",
            Some(&statuses(old)),
            Some(&statuses(new)),
            &cx.request,
        );
    }
    let examples = |op: &Operation| {
        op.examples
            .iter()
            .map(|e| e.body.trim().to_owned())
            .collect::<Vec<_>>()
    };
    if examples(old) != examples(new) {
        let (o, n) = (examples(old).len().to_string(), examples(new).len().to_string());
        cx.push(
            out,
            Class::Documentation,
            "examples changed",
            "examples",
            Some(&o),
            Some(&n),
            &cx.request,
        );
    }
}

/// The success statuses and the other statuses' bodies: the client reads any
/// 2xx into the response type and any other status through the service's error
/// shapes, so these change documentation, not the generated API.
fn status_bodies(cx: &OpContext<'_>, old: &Operation, new: &Operation, out: &mut Vec<Change>) {
    let list = |statuses: &[u16]| statuses.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
    if old.success_statuses != new.success_statuses {
        cx.push(
            out,
            Class::Documentation,
            "success statuses changed",
            "response.status",
            Some(&list(&old.success_statuses)),
            Some(&list(&new.success_statuses)),
            &cx.request,
        );
    }
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
        if before != after {
            let what = match (&before, &after) {
                (None, _) => "status body documented",
                (_, None) => "status body no longer documented",
                _ => "status body changed",
            };
            cx.push(
                out,
                Class::Documentation,
                what,
                &format!("responses[{status}]"),
                before.as_deref(),
                after.as_deref(),
                &cx.request,
            );
        }
    }
}

/// Matches members by wire name (they travel by it) and compares each pair.
#[allow(clippy::too_many_arguments)]
fn members(
    cx: &OpContext<'_>,
    prefix: &str,
    owner: &str,
    old: &[Member],
    new: &[Member],
    is_input: bool,
    old_objects: &[Object],
    new_objects: &[Object],
    out: &mut Vec<Change>,
) {
    // By wire name first; a member whose wire name changed but whose Rust name did
    // not still compiles, and sends something else: that is its own change.
    let renamed: Vec<(&Member, &Member)> = old
        .iter()
        .filter(|o| !new.iter().any(|n| n.wire == o.wire))
        .filter_map(|o| {
            new.iter()
                .find(|n| n.rust == o.rust && !old.iter().any(|x| x.wire == n.wire))
                .map(|n| (o, n))
        })
        .collect();
    for o in old {
        let path = format!("{prefix}.{}", o.wire);
        let item = format!("{owner}::{}", o.rust);
        if let Some((_, n)) = renamed.iter().find(|(x, _)| x.wire == o.wire) {
            cx.push(
                out,
                Class::Breaking,
                "wire name changed (Rust name kept)",
                &path,
                Some(&o.wire),
                Some(&n.wire),
                &item,
            );
            member(
                cx,
                &format!("{prefix}.{}", n.wire),
                &item,
                o,
                n,
                is_input,
                old_objects,
                new_objects,
                out,
            );
            continue;
        }
        match new.iter().find(|n| n.wire == o.wire) {
            Some(n) => member(
                cx,
                &path,
                &format!("{owner}::{}", n.rust),
                o,
                n,
                is_input,
                old_objects,
                new_objects,
                out,
            ),
            None => {
                let what = if is_input {
                    "parameter removed"
                } else {
                    "response field removed"
                };
                cx.push(
                    out,
                    Class::Breaking,
                    what,
                    &path,
                    Some(&type_text(&o.ty, o.required)),
                    None,
                    &item,
                );
            }
        }
    }
    for n in new
        .iter()
        .filter(|n| !old.iter().any(|o| o.wire == n.wire) && !renamed.iter().any(|(_, r)| r.wire == n.wire))
    {
        let path = format!("{prefix}.{}", n.wire);
        let item = format!("{owner}::{}", n.rust);
        let (class, what) = match (is_input, n.required) {
            (true, true) => (Class::Breaking, "required parameter added"),
            (true, false) => (Class::Additive, "optional parameter added"),
            (false, _) => (Class::Additive, "response field added"),
        };
        cx.push(
            out,
            class,
            what,
            &path,
            None,
            Some(&type_text(&n.ty, n.required)),
            &item,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn member(
    cx: &OpContext<'_>,
    path: &str,
    item: &str,
    old: &Member,
    new: &Member,
    is_input: bool,
    old_objects: &[Object],
    new_objects: &[Object],
    out: &mut Vec<Change>,
) {
    if old.rust != new.rust {
        cx.push(
            out,
            Class::Breaking,
            "Rust name changed",
            path,
            Some(&old.rust),
            Some(&new.rust),
            item,
        );
    }
    if shape(&old.ty) != shape(&new.ty) {
        let what = if is_input {
            "type changed"
        } else {
            "response field retyped"
        };
        cx.push(
            out,
            Class::Breaking,
            what,
            path,
            Some(&type_text(&old.ty, old.required)),
            Some(&type_text(&new.ty, new.required)),
            item,
        );
    } else {
        if let (Some(o), Some(n)) = (object_name(&old.ty), object_name(&new.ty))
            && o != n
        {
            cx.push(
                out,
                Class::Breaking,
                "Rust name changed",
                path,
                Some(o),
                Some(n),
                item,
            );
        }
        nested(
            cx,
            path,
            &old.ty,
            &new.ty,
            is_input,
            old_objects,
            new_objects,
            out,
        );
    }
    if old.required != new.required {
        let (o, n) = (type_text(&old.ty, old.required), type_text(&new.ty, new.required));
        let what = match (is_input, new.required) {
            (true, true) => "optional became required",
            (true, false) => "required became optional (field becomes an Option)",
            (false, true) => "response field became mandatory (Option removed)",
            (false, false) => "response field became optional (now an Option)",
        };
        cx.push(out, Class::Breaking, what, path, Some(&o), Some(&n), item);
    }
    text_change(
        &old.docs.description,
        &new.docs.description,
        cx.service,
        Some(cx.op),
        &format!("{path}.description"),
        item,
        out,
    );
    constraint_changes(cx, path, item, old, new, is_input, out);
    let joined = |values: &[String]| (!values.is_empty()).then(|| values.join(", "));
    let facts = [
        (
            "documented type",
            old.docs.doc_type.clone(),
            new.docs.doc_type.clone(),
        ),
        ("default", old.docs.default.clone(), new.docs.default.clone()),
        ("range", old.docs.range.clone(), new.docs.range.clone()),
        (
            "documented values",
            joined(&old.docs.values),
            joined(&new.docs.values),
        ),
        // Path parameters match by position: their placeholder name does not travel.
        ("placeholder name", path_only(old), path_only(new)),
    ];
    for (label, o, n) in facts {
        if o != n {
            cx.push(
                out,
                Class::Documentation,
                &format!("{label} changed"),
                path,
                o.as_deref(),
                n.as_deref(),
                item,
            );
        }
    }
}

/// Lengths and bounds: `to_http_request` checks a parameter's and a body
/// field's, so a tighter one rejects requests that passed (breaking) and a
/// looser one accepts more (additive); a nested object's or a response field's
/// are documentation.
fn constraint_changes(
    cx: &OpContext<'_>,
    path: &str,
    item: &str,
    old: &Member,
    new: &Member,
    is_input: bool,
    out: &mut Vec<Change>,
) {
    // Checked members sit one level down: `query.limit`, `request.name`.
    let checked = is_input && path.matches('.').count() == 1 && !path.contains('[');
    let (o, n) = (old.constraints, new.constraints);
    let lower = |a: Option<i128>, b: Option<i128>| b.is_some_and(|b| a.is_none_or(|a| b > a));
    let upper = |a: Option<i128>, b: Option<i128>| b.is_some_and(|b| a.is_none_or(|a| b < a));
    let wide = |v: Option<u64>| v.map(i128::from);
    let rows = [
        ("min_length", wide(o.min_length), wide(n.min_length), true),
        ("max_length", wide(o.max_length), wide(n.max_length), false),
        (
            "minimum",
            o.minimum.map(i128::from),
            n.minimum.map(i128::from),
            true,
        ),
        (
            "maximum",
            o.maximum.map(i128::from),
            n.maximum.map(i128::from),
            false,
        ),
    ];
    for (label, before, after, is_lower) in rows {
        if before == after {
            continue;
        }
        let tighter = if is_lower {
            lower(before, after)
        } else {
            upper(before, after)
        };
        let (class, what) = match (checked, tighter) {
            (true, true) => (
                Class::Breaking,
                format!("{label} tightened (checked before sending)"),
            ),
            (true, false) => (Class::Additive, format!("{label} loosened")),
            (false, _) => (Class::Documentation, format!("{label} changed")),
        };
        let text = |v: Option<i128>| v.map(|v| v.to_string());
        cx.push(
            out,
            class,
            &what,
            path,
            text(before).as_deref(),
            text(after).as_deref(),
            item,
        );
    }
}

fn path_only(member: &Member) -> Option<String> {
    (member.location == Some(Location::Path)).then(|| member.wire.clone())
}

/// Follows object types into their tables, extending the path with `[]` for arrays.
#[allow(clippy::too_many_arguments)]
fn nested(
    cx: &OpContext<'_>,
    path: &str,
    old: &Type,
    new: &Type,
    is_input: bool,
    old_objects: &[Object],
    new_objects: &[Object],
    out: &mut Vec<Change>,
) {
    match (old, new) {
        (Type::Vec(o), Type::Vec(n)) => nested(
            cx,
            &format!("{path}[]"),
            o,
            n,
            is_input,
            old_objects,
            new_objects,
            out,
        ),
        (Type::Boxed(o), Type::Boxed(n)) => nested(cx, path, o, n, is_input, old_objects, new_objects, out),
        (Type::Map(o), Type::Map(n)) => nested(
            cx,
            &format!("{path}{{}}"),
            o,
            n,
            is_input,
            old_objects,
            new_objects,
            out,
        ),
        (Type::Object(o), Type::Object(n)) => {
            let (Some(o), Some(n)) = (
                old_objects.iter().find(|x| &x.name == o),
                new_objects.iter().find(|x| &x.name == n),
            ) else {
                return;
            };
            let owner = format!("{}::{}", cx.module, n.name);
            text_change(
                &o.caption,
                &n.caption,
                cx.service,
                Some(cx.op),
                &format!("{path}.caption"),
                &owner,
                out,
            );
            members(
                cx,
                path,
                &owner,
                &o.fields,
                &n.fields,
                is_input,
                old_objects,
                new_objects,
                out,
            );
        }
        _ => {}
    }
}

/// The type with object names erased: a renamed table is not a retyped field.
fn shape(ty: &Type) -> String {
    match ty {
        Type::Object(_) => "object".into(),
        Type::Vec(inner) => format!("Vec<{}>", shape(inner)),
        Type::Map(inner) => format!("Map<{}>", shape(inner)),
        Type::Boxed(inner) => shape(inner),
        other => type_text(other, true),
    }
}

fn object_name(ty: &Type) -> Option<&str> {
    match ty {
        Type::Object(name) => Some(name),
        Type::Vec(inner) | Type::Map(inner) | Type::Boxed(inner) => object_name(inner),
        _ => None,
    }
}

fn type_text(ty: &Type, required: bool) -> String {
    let text = match ty {
        Type::String => "String".into(),
        Type::I32 => "i32".into(),
        Type::I64 => "i64".into(),
        Type::F64 => "f64".into(),
        Type::Bool => "bool".into(),
        Type::JsonObject => "serde_json::Map".into(),
        Type::Json => "serde_json::Value".into(),
        Type::Vec(inner) => format!("Vec<{}>", type_text(inner, true)),
        Type::Map(inner) => format!("BTreeMap<String, {}>", type_text(inner, true)),
        Type::TextOr(inner) => format!("TextOr<{}>", type_text(inner, true)),
        Type::Object(name) => name.clone(),
        Type::Boxed(inner) => format!("Box<{}>", type_text(inner, true)),
    };
    if required { text } else { format!("Option<{text}>") }
}

fn text_change(
    old: &Text,
    new: &Text,
    service: &str,
    operation: Option<&str>,
    path: &str,
    item: &str,
    out: &mut Vec<Change>,
) {
    for (lang, o, n) in [("en", &old.en, &new.en), ("zh", &old.zh, &new.zh)] {
        let normalize = |t: &Option<String>| {
            t.as_deref()
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        };
        if normalize(o) != normalize(n) {
            out.push(change(
                Class::Documentation,
                service,
                operation,
                &format!("text changed ({lang})"),
                path,
                o.as_deref(),
                n.as_deref(),
                item,
            ));
        }
    }
}
