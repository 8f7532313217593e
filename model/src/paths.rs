//! Response field paths, and the two things that read responses by path:
//! pagination (per operation) and waiters (per service). Both are resolved
//! against an operation already modelled, so every path names real fields.

use crate::diagnostic::Diagnostics;
use crate::model::{FieldPath, Location, Member, Operation, PageScheme, Pagination, Step, Type, Waiter};
use crate::names;
use crate::spec::SpecFile;
use crate::spec::locate::{child, item};
use crate::spec::schema::{self, OperationFile, ServiceFile};

/// Seconds, when the spec leaves them out.
const DEFAULT_DELAY: u64 = 2;
const DEFAULT_MAX_DELAY: u64 = 30;
const DEFAULT_TIMEOUT: u64 = 1800;

/// Resolves `dotted` against `root` (the response's fields) through the
/// operation's object tables; past a field of untyped JSON, the rest are keys.
pub(crate) fn field_path(op: &Operation, root: &[Member], dotted: &str) -> Result<FieldPath, String> {
    let mut path = FieldPath {
        dotted: dotted.to_owned(),
        steps: Vec::new(),
        json: Vec::new(),
    };
    let mut members = Some(root);
    for segment in dotted.split('.') {
        if segment.is_empty() {
            return Err(format!("`{dotted}` has an empty segment"));
        }
        if members.is_none() && path.steps.last().is_some_and(|s| is_json(&s.ty)) {
            path.json.push(segment.to_owned());
            continue;
        }
        let Some(fields) = members else {
            let last = path.steps.last().map(|s| s.rust.as_str()).unwrap_or_default();
            return Err(format!(
                "`{last}` in `{dotted}` has no fields: it is not an object"
            ));
        };
        let member = fields
            .iter()
            .find(|m| m.wire == segment)
            .ok_or_else(|| format!("no field `{segment}` where `{dotted}` looks for it"))?;
        path.steps.push(Step {
            rust: member.rust.clone(),
            required: member.required,
            ty: member.ty.clone(),
        });
        members = match unboxed(&member.ty) {
            Type::Object(name) => op
                .objects
                .iter()
                .find(|o| &o.name == name)
                .map(|o| o.fields.as_slice()),
            _ => None,
        };
    }
    Ok(path)
}

fn unboxed(ty: &Type) -> &Type {
    match ty {
        Type::Boxed(inner) => unboxed(inner),
        other => other,
    }
}

fn is_json(ty: &Type) -> bool {
    matches!(unboxed(ty), Type::Json | Type::JsonObject)
}

/// A count or position the runtime reads as a number: integers, or their text.
fn is_number_like(ty: &Type) -> bool {
    match unboxed(ty) {
        Type::I32 | Type::I64 | Type::String => true,
        Type::TextOr(inner) => matches!(**inner, Type::I32 | Type::I64),
        _ => false,
    }
}

/// The operation's pagination, checked against its parameters and response.
pub(crate) fn pagination(
    file: &SpecFile<OperationFile>,
    op: &Operation,
    out: &mut Diagnostics,
) -> Option<Pagination> {
    let spec = file.value.pagination.as_ref()?;
    let at = |key: &str| child("pagination", key);
    let mut fail = |key: &str, message: String| {
        out.push(file.error_at(&at(key), message));
    };
    if spec.scheme == schema::PageScheme::None {
        return None;
    }
    if op.response_is_array {
        fail(
            "scheme",
            "the response is a bare array: no field can say where a page ends".into(),
        );
        return None;
    }
    if !op.success_variants.is_empty() {
        fail(
            "scheme",
            "the response is one of several 2xx bodies (`responses`): a paginator reads one".into(),
        );
        return None;
    }
    let param = |name: &Option<String>, key: &str, fail: &mut dyn FnMut(&str, String)| {
        let name = name.as_deref()?;
        let found = op
            .params
            .iter()
            .position(|p| p.wire == name && p.location == Some(Location::Query));
        match found {
            Some(i) if is_number_like(&op.params[i].ty) => Some(i),
            Some(_) => {
                fail(
                    key,
                    format!("query parameter `{name}` is not an integer or a string"),
                );
                None
            }
            None => {
                fail(key, format!("the operation has no query parameter `{name}`"));
                None
            }
        }
    };
    if spec.parameter.is_none() {
        fail(
            "scheme",
            "name the query parameter that moves from page to page (`parameter`)".into(),
        );
    }
    let parameter = param(&spec.parameter, "parameter", &mut fail);
    let page_size = param(&spec.page_size, "page_size", &mut fail);
    let items = match spec.items.as_deref() {
        None => {
            fail("scheme", "name the response array of items (`items`)".into());
            None
        }
        Some(dotted) => match field_path(op, &op.response, dotted) {
            Ok(path) if !path.json.is_empty() => {
                fail(
                    "items",
                    format!("`{dotted}` goes into untyped JSON: items need a typed array"),
                );
                None
            }
            Ok(path) => match unboxed(path.ty()) {
                Type::Vec(item) => {
                    let item = (**item).clone();
                    Some((path, item))
                }
                _ => {
                    fail("items", format!("`{dotted}` is not an array"));
                    None
                }
            },
            Err(message) => {
                fail("items", message);
                None
            }
        },
    };
    let total = spec
        .total
        .as_deref()
        .and_then(|dotted| match field_path(op, &op.response, dotted) {
            Ok(path) if path.json.is_empty() && is_number_like(path.ty()) => Some(path),
            Ok(_) => {
                fail("total", format!("`{dotted}` is not an integer field"));
                None
            }
            Err(message) => {
                fail("total", message);
                None
            }
        });
    let scheme = scheme(file, op, items.as_ref().map(|(_, item)| item), out);
    let (parameter, (items, item), scheme) = (parameter?, items?, scheme?);
    Some(Pagination {
        scheme,
        parameter,
        page_size,
        items,
        item,
        total,
    })
}

/// The scheme, with what only one scheme takes checked to be only there.
fn scheme(
    file: &SpecFile<OperationFile>,
    op: &Operation,
    item: Option<&Type>,
    out: &mut Diagnostics,
) -> Option<PageScheme> {
    let spec = file.value.pagination.as_ref()?;
    let mut misplaced = |key: &str, scheme: &str| {
        out.push(file.error_at(
            &child("pagination", key),
            format!("`{key}` belongs to the `{scheme}` scheme only"),
        ));
    };
    if spec.scheme != schema::PageScheme::Page && spec.first_page.is_some() {
        misplaced("first_page", "page");
    }
    if spec.scheme != schema::PageScheme::Marker {
        if spec.next_marker.is_some() {
            misplaced("next_marker", "marker");
        }
        if spec.marker_key.is_some() {
            misplaced("marker_key", "marker");
        }
    }
    match spec.scheme {
        schema::PageScheme::Offset => Some(PageScheme::Offset),
        schema::PageScheme::Page => Some(PageScheme::Page {
            first: spec.first_page.unwrap_or(1),
        }),
        schema::PageScheme::Marker => marker(file, op, item, out),
        schema::PageScheme::None => None,
    }
}

fn marker(
    file: &SpecFile<OperationFile>,
    op: &Operation,
    item: Option<&Type>,
    out: &mut Diagnostics,
) -> Option<PageScheme> {
    let spec = file.value.pagination.as_ref()?;
    let mut fail = |key: &str, message: String| {
        out.push(file.error_at(&child("pagination", key), message));
        None
    };
    let next = match spec.next_marker.as_deref() {
        None => None,
        Some(dotted) => match field_path(op, &op.response, dotted) {
            Ok(path) if path.json.is_empty() && is_number_like(path.ty()) => Some(path),
            Ok(_) => {
                return fail(
                    "next_marker",
                    format!("`{dotted}` is not a string or integer field"),
                );
            }
            Err(message) => return fail("next_marker", message),
        },
    };
    if next.is_some() && spec.marker_key.is_none() {
        return Some(PageScheme::Marker { next, key: None });
    }
    let item_fields = match item.map(unboxed) {
        Some(Type::Object(name)) => op.objects.iter().find(|o| &o.name == name).map(|o| &o.fields),
        _ => None,
    };
    let Some(fields) = item_fields else {
        return fail(
            "scheme",
            "the items are not objects: a marker must come from `next_marker`".into(),
        );
    };
    let dotted = spec.marker_key.as_deref().unwrap_or("id");
    match field_path(op, fields, dotted) {
        Ok(path) if path.json.is_empty() && is_number_like(path.ty()) => Some(PageScheme::Marker {
            next,
            key: Some(path),
        }),
        Ok(_) => fail(
            "marker_key",
            format!("`{dotted}` is not a string or integer field"),
        ),
        Err(message) => fail(
            "marker_key",
            format!("{message}: name the item field a marker is (`marker_key`) or `next_marker`"),
        ),
    }
}

/// The service's waiters, each polling an operation of `operations`.
pub(crate) fn waiters(
    file: &SpecFile<ServiceFile>,
    operations: &[Operation],
    out: &mut Diagnostics,
) -> Vec<Waiter> {
    let mut waiters: Vec<Waiter> = Vec::new();
    for (i, spec) in file.value.waiters.iter().enumerate() {
        let at = |key: &str| child(&item("waiters", i), key);
        let mut fail = |key: &str, message: String| out.push(file.error_at(&at(key), message));
        if !names::is_snake_identifier(&spec.name) || waiters.iter().any(|w| w.name == spec.name) {
            fail("name", "a waiter's name is a unique snake_case word".into());
            continue;
        }
        let function = format!("wait_until_{}", spec.name);
        let Some(op) = operations.iter().find(|op| op.id == spec.operation) else {
            fail(
                "operation",
                format!("the service has no operation `{}`", spec.operation),
            );
            continue;
        };
        if op.response_is_array {
            fail(
                "operation",
                format!("`{}` answers a bare array: no field holds one state", op.id),
            );
            continue;
        }
        if !op.success_variants.is_empty() {
            fail(
                "operation",
                format!(
                    "`{}` answers one of several 2xx bodies: a waiter reads one",
                    op.id
                ),
            );
            continue;
        }
        let field = match field_path(op, &op.response, &spec.field) {
            Ok(path) if path.json.is_empty() && !is_state(path.ty()) => {
                fail(
                    "field",
                    format!("`{}` is not a string, number or boolean", spec.field),
                );
                continue;
            }
            Ok(path) => path,
            Err(message) => {
                fail("field", message);
                continue;
            }
        };
        if spec.success.is_empty() {
            fail("success", "name at least one value that means done".into());
            continue;
        }
        let lists = [
            ("success", &spec.success),
            ("failure", &spec.failure),
            ("retry", &spec.retry),
        ];
        if let Some(value) = twice(&lists) {
            fail("success", format!("`{value}` is listed twice"));
            continue;
        }
        let delay = spec.delay.unwrap_or(DEFAULT_DELAY);
        let max_delay = spec.max_delay.unwrap_or(DEFAULT_MAX_DELAY.max(delay));
        if delay == 0 || max_delay < delay {
            fail(
                "delay",
                "the first delay is at least 1 second and at most `max_delay`".into(),
            );
            continue;
        }
        waiters.push(Waiter {
            name: spec.name.clone(),
            function,
            description: spec.description.clone(),
            operation: op.id.clone(),
            field,
            success: spec.success.clone(),
            failure: spec.failure.clone(),
            retry: spec.retry.clone(),
            delay,
            max_delay,
            timeout: spec.timeout.unwrap_or(DEFAULT_TIMEOUT),
        });
    }
    waiters
}

/// A value a state can be read from as text.
fn is_state(ty: &Type) -> bool {
    match unboxed(ty) {
        Type::String | Type::I32 | Type::I64 | Type::Bool | Type::Json => true,
        Type::TextOr(inner) => is_state(inner),
        _ => false,
    }
}

/// A value listed more than once across the lists (states compare without case).
fn twice<'a>(lists: &[(&str, &'a Vec<String>)]) -> Option<&'a str> {
    let mut seen = std::collections::BTreeSet::new();
    lists
        .iter()
        .flat_map(|(_, values)| values.iter())
        .find(|v| !seen.insert(v.to_ascii_lowercase()))
        .map(String::as_str)
}
