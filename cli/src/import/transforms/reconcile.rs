//! A page's JSON examples against its tables.
//!
//! Pages contradict themselves: a table marks a field mandatory that the example
//! leaves out, or says `Boolean` where the example prints `"true"`. The example is
//! what the service was seen to accept or send, so the field widens to admit it
//! (optional, `text_or<T>`, the container the example shows) and its `note` says
//! what the table said. Each change is reported; nothing else is touched.

use serde_json::Value;

use hwcloud_model::names;
use hwcloud_model::spec::schema::{Body, ExampleFormat, ExampleKind, Field, ObjectTable, OperationFile};
use hwcloud_model::spec::types::TypeExpr;

use super::inferred::{Inference, is_field_name};

/// Which field list an example object is read against.
#[derive(Debug, Clone, PartialEq)]
enum Table {
    Request,
    Response,
    Object(String),
}

/// What reconciling changed: widenings (`changes`), and examples the spec
/// cannot express (`unsupported`), kept as text.
#[derive(Debug, Default)]
pub struct Reconciled {
    pub changes: Vec<String>,
    pub unsupported: Vec<String>,
}

/// Widens `operation`'s fields until every JSON example fits.
pub fn reconcile(operation: &mut OperationFile) -> Reconciled {
    let mut unsupported = Vec::new();
    let mut changes = Vec::new();
    let array_response = operation.examples.iter().any(|e| {
        e.format == ExampleFormat::Json
            && e.kind == ExampleKind::Response
            && serde_json::from_str::<Value>(&e.body).is_ok_and(|v| v.is_array())
    });
    // A body that is not JSON (a form, a file) has no JSON to read its example by.
    let media = |body: &Option<Body>| body.as_ref().is_some_and(|b| b.media.is_some());
    let (request_media, response_media) = (media(&operation.request_body), media(&operation.response));
    if array_response
        && !response_media
        && let Some(change) = array_body(operation)
    {
        changes.push(change);
    }
    if !request_media && let Some(change) = array_request(operation) {
        changes.push(change);
    }
    unsupported_examples(operation, &mut changes, &mut unsupported);
    let examples: Vec<(Table, Value)> = operation
        .examples
        .iter()
        .filter(|e| e.format == ExampleFormat::Json)
        .filter_map(|e| {
            let table = match e.kind {
                ExampleKind::Request if !request_media => Table::Request,
                ExampleKind::Response if !response_media => Table::Response,
                _ => return None,
            };
            Some((table, trimmed_keys(serde_json::from_str(&e.body).ok()?)))
        })
        .collect();
    for (table, value) in &examples {
        let request = *table == Table::Request;
        let cx = Walk { request };
        let prefix = cx.prefix();
        if let Value::Array(items) = value {
            for item in items {
                walk(operation, &cx, table, item, "[]", &mut changes, 0);
            }
            continue;
        }
        let body = if request {
            &mut operation.request_body
        } else {
            &mut operation.response
        };
        if let Some(body) = body
            && let Some(change) = unwrap_root(body, &mut operation.objects, value)
        {
            changes.push(format!("{prefix}s: {change}"));
        }
        walk(operation, &cx, table, value, "", &mut changes, 0);
    }
    Reconciled { changes, unsupported }
}

/// Examples kept as text, and said: one object where the response is an
/// array (the page contradicts itself: a change, as the others), a JSON
/// array as a whole request body (which the spec cannot express: unsupported).
fn unsupported_examples(
    operation: &mut OperationFile,
    changes: &mut Vec<String>,
    unsupported: &mut Vec<String>,
) {
    let is_array_response = operation.response.as_ref().is_some_and(|b| b.array);
    let is_array_request = operation.request_body.as_ref().is_some_and(|b| b.array);
    for example in operation
        .examples
        .iter_mut()
        .filter(|e| e.format == ExampleFormat::Json && e.kind != ExampleKind::Error)
    {
        if example.kind == ExampleKind::Response && is_array_response {
            // 批量停止作业: the zh page prints one element, the en page the array.
            if serde_json::from_str::<Value>(&example.body).is_ok_and(|v| v.is_object()) {
                example.format = ExampleFormat::Text;
                example.note = Some(
                    "Prints one object where the other response examples print the JSON array; kept verbatim."
                        .to_owned(),
                );
                changes.push(
                    "a response example prints one object where the other examples print a JSON array; kept as text"
                        .to_owned(),
                );
            }
            continue;
        }
        // `[{...}]` as a request body the table does not say is an array.
        if !is_array_request && serde_json::from_str::<Value>(&example.body).is_ok_and(|v| v.is_array()) {
            example.format = ExampleFormat::Text;
            example.note = Some(
                "A JSON array as the whole body, which the spec cannot express yet; kept verbatim."
                    .to_owned(),
            );
            unsupported.push(format!(
                "a {:?} example is a JSON array as the whole body, which the spec cannot express yet; kept as text",
                example.kind
            ).to_lowercase());
        }
    }
}

/// A response the example prints as a JSON array (`[{"is_success": ...}]`)
/// becomes an array body. Its table either lists the elements' fields, or has
/// one `Array of Objects` row per language (`数组元素`, `Array elements`) whose
/// object table lists them; that table's fields then become the body's.
fn array_body(operation: &mut OperationFile) -> Option<String> {
    let body = operation.response.as_mut()?;
    if body.array {
        return None;
    }
    body.array = true;
    let Some(rows) =
        super::array_bodies::elements_become_the_body(operation, super::array_bodies::Which::Response)
    else {
        return Some("response: the example is a JSON array of the objects the table describes".to_owned());
    };
    Some(format!(
        "response: the example is a JSON array; the table's {} {} its elements, whose fields become the body's",
        rows.join(" and "),
        if rows.len() == 1 {
            "row describes"
        } else {
            "rows describe"
        }
    ))
}

/// A request the example sends as a JSON array of objects whose keys the
/// table documents (WAF's statistics queries, IMS's image update patches)
/// becomes an array body of the table's fields. An array of scalars stays
/// unsupported (said by `unsupported_examples`).
fn array_request(operation: &mut OperationFile) -> Option<String> {
    let elements: Vec<Value> = operation
        .examples
        .iter()
        .filter(|e| e.format == ExampleFormat::Json && e.kind == ExampleKind::Request)
        .find_map(|e| match serde_json::from_str::<Value>(&e.body) {
            Ok(Value::Array(items)) => Some(items),
            _ => None,
        })?;
    let body = operation.request_body.as_mut().filter(|b| !b.array)?;
    let objects = !elements.is_empty() && elements.iter().all(Value::is_object);
    let documented = |key: &String| body.fields.iter().any(|f| f.name == *key);
    let keys_documented = elements
        .iter()
        .filter_map(Value::as_object)
        .any(|element| element.keys().any(documented));
    if !objects || !(keys_documented || super::array_bodies::only_element_rows(body)) {
        return None;
    }
    body.array = true;
    let rows = super::array_bodies::elements_become_the_body(operation, super::array_bodies::Which::Request);
    Some(match rows {
        Some(rows) => format!(
            "request: the example is a JSON array; the table's {} describe its elements",
            rows.join(" and ")
        ),
        None => "request: the example is a JSON array of the objects the table describes".to_owned(),
    })
}

/// An example's keys without the spaces a page types around them (MRS
/// prints `"end_time " : "12:00"`): the key is the table's `end_time`, not a
/// field of its own. A key whose trimmed spelling is also printed stays.
fn trimmed_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut trimmed = serde_json::Map::new();
            for (key, inner) in map {
                let plain = key.trim();
                let key = if plain != key && !plain.is_empty() && !trimmed.contains_key(plain) {
                    plain.to_owned()
                } else {
                    key
                };
                trimmed.insert(key, trimmed_keys(inner));
            }
            Value::Object(trimmed)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(trimmed_keys).collect()),
        other => other,
    }
}

/// Pages that print the body as `{"labels": [...]}` but tabulate only the
/// elements: the table becomes the elements' object, under that one key.
fn unwrap_root(body: &mut Body, objects: &mut Vec<ObjectTable>, example: &Value) -> Option<String> {
    let Value::Object(root) = example else { return None };
    let documented = |keys: &mut dyn Iterator<Item = &String>| {
        keys.filter(|k| body.fields.iter().any(|f| &f.name == *k)).count()
    };
    if root.len() != 1 || documented(&mut root.keys()) > 0 {
        return None;
    }
    let (key, inner) = root.iter().next()?;
    let (element, is_list) = match inner {
        Value::Array(items) => (items.first()?, true),
        object @ Value::Object(_) => (object, false),
        _ => return None,
    };
    let Value::Object(element) = element else {
        return None;
    };
    if documented(&mut element.keys()) == 0 {
        return None;
    }
    let name = crate::import::naming::object_name(key, objects);
    objects.push(ObjectTable {
        name: name.clone(),
        caption: std::mem::take(&mut body.caption),
        fields: std::mem::take(&mut body.fields),
    });
    let ty = if is_list {
        format!("array<{name}>")
    } else {
        name.clone()
    };
    body.fields.push(Field::added(
        key.clone(),
        ty,
        true,
        format!("The page tabulates the elements only; its example wraps them in `{key}`."),
    ));
    Some(format!(
        "the table documents what the example wraps in `{key}`; `{name}` now holds it"
    ))
}

/// What is walked: a request's example (sent) or a response's (shown).
struct Walk {
    request: bool,
}

impl Walk {
    /// How the changes name a field.
    fn prefix(&self) -> &'static str {
        if self.request {
            "request field"
        } else {
            "response field"
        }
    }
}

fn fields_mut<'a>(operation: &'a mut OperationFile, table: &Table) -> Option<&'a mut Vec<Field>> {
    match table {
        Table::Request => operation.request_body.as_mut().map(|b| &mut b.fields),
        Table::Response => operation.response.as_mut().map(|b| &mut b.fields),
        Table::Object(name) => operation
            .objects
            .iter_mut()
            .find(|o| &o.name == name)
            .map(|o| &mut o.fields),
    }
}

/// Object tables nest; a table that (wrongly) contains itself must not loop.
const MAX_DEPTH: usize = 16;

fn walk(
    operation: &mut OperationFile,
    cx: &Walk,
    table: &Table,
    value: &Value,
    path: &str,
    changes: &mut Vec<String>,
    depth: usize,
) {
    let Value::Object(map) = value else { return };
    if depth > MAX_DEPTH {
        return;
    }
    let prefix = cx.prefix();
    if let Some(fields) = fields_mut(operation, table) {
        respell(fields, map, prefix, path, changes);
    }
    add_sent_keys(operation, table, map, cx, path, changes);
    let count = fields_mut(operation, table).map_or(0, |f| f.len());
    for index in 0..count {
        if !cx.request {
            retype_by_example(operation, table, index, map, path, changes);
        }
        let Some(field) = fields_mut(operation, table).and_then(|f| f.get_mut(index)) else {
            return;
        };
        let at = format!("{path}{}", field.name);
        let Some(nested) = check_field(field, map.get(&field.name), prefix, &at, changes) else {
            continue;
        };
        for (name, inner) in nested {
            walk(
                operation,
                cx,
                &Table::Object(name),
                inner,
                &format!("{at}."),
                changes,
                depth + 1,
            );
        }
    }
}

/// Keys an example sends or shows that the table lacks join as optional fields:
/// a request's, since the types would drop them otherwise (scalars as sent,
/// objects free-form, for the caller to fill); a response's, since the service
/// was seen to send them (`request_id`, `page_info` beside a table of the list
/// alone), typed as shown, objects too. Keys that read as values rather than
/// names (ids, dotted keys) do not.
fn add_sent_keys(
    operation: &mut OperationFile,
    table: &Table,
    map: &serde_json::Map<String, Value>,
    cx: &Walk,
    path: &str,
    changes: &mut Vec<String>,
) {
    let Some(fields) = fields_mut(operation, table) else {
        return;
    };
    // A key of a field's Rust name is that field, spelled otherwise (`OTHER`
    // beside `Other`); so is another key of one Rust name before it.
    let mut taken: Vec<String> = fields.iter().map(|f| names::snake(&f.name)).collect();
    let mut unknown: Vec<(&String, &Value)> = Vec::new();
    for (key, sent) in map {
        let rust = names::snake(key);
        if !sent.is_null() && is_field_name(key) && !taken.contains(&rust) {
            taken.push(rust);
            unknown.push((key, sent));
        }
    }
    for (key, sent) in unknown {
        let field = if cx.request {
            let ty = scalar_type(sent).unwrap_or_else(|| widen_scalar(sent));
            Field::added(
                key,
                ty.to_string(),
                false,
                "Not in the page's table; the page's example sends it.",
            )
        } else {
            Inference {
                objects: &mut operation.objects,
            }
            .field(key, sent)
        };
        let (prefix, seen) = (cx.prefix(), if cx.request { "sends" } else { "shows" });
        changes.push(format!(
            "{prefix} `{path}{key}`: not in the table, an example {seen} it; added as optional `{}`",
            field.ty
        ));
        if let Some(fields) = fields_mut(operation, table) {
            fields.push(field);
        }
    }
}

/// A response field the example shows otherwise than its table: an untyped
/// object with its fields, or the object a one-field wrapper holds in the
/// wrapper's place. The service was seen to send it so.
fn retype_by_example(
    operation: &mut OperationFile,
    table: &Table,
    index: usize,
    map: &serde_json::Map<String, Value>,
    path: &str,
    changes: &mut Vec<String>,
) {
    let Some(field) = fields_mut(operation, table).and_then(|f| f.get(index)).cloned() else {
        return;
    };
    let Some(sent) = map.get(&field.name) else { return };
    let Some(retyped) = fields_of_untyped(&mut operation.objects, &field, sent)
        .or_else(|| unwrapped(&operation.objects, &field, sent))
    else {
        return;
    };
    changes.push(format!(
        "response field `{path}{}`: {}",
        field.name, retyped.change
    ));
    if let Some(field) = fields_mut(operation, table).and_then(|f| f.get_mut(index)) {
        add_note(field, &retyped.note);
        field.ty = retyped.ty;
    }
}

/// A field's new type, the note it takes and the change said.
struct Retyped {
    ty: String,
    note: String,
    change: String,
}

/// A field the table leaves an untyped object (`servers | Array of objects`
/// and no table) takes the object its example shows, unless it reads as a
/// map. A field widened by an earlier example (it has a note) may be of
/// another shape there: it stays as wide as both.
fn fields_of_untyped(objects: &mut Vec<ObjectTable>, field: &Field, sent: &Value) -> Option<Retyped> {
    let untyped = ["object", "any", "array<object>", "array<any>"].contains(&field.ty.as_str());
    if !untyped || field.note.is_some() {
        return None;
    }
    let ty = Inference { objects }.untyped(field, sent)?;
    Some(Retyped {
        change: format!(
            "documented as `{}` with no table, an example shows its fields; now `{ty}`",
            field.ty
        ),
        ty: ty.to_string(),
        note: "The page describes no fields; they are read off the page's example.".into(),
    })
}

/// A field whose table wraps each value in an object of one field
/// (`traffic_mirror_filters | Array of TrafficMirrorFilterResponseBody`, that
/// one `traffic_mirror_filter | TrafficMirrorFilter object`) while the example
/// shows the inner object's fields in its place, and not the wrapping key,
/// holds the inner object.
fn unwrapped(objects: &[ObjectTable], field: &Field, sent: &Value) -> Option<Retyped> {
    let object = |name: &str| objects.iter().find(|o| o.name == name);
    let documented = TypeExpr::parse(&field.ty).ok()?;
    let wrapper = innermost_ref(&documented)?;
    let [inner] = object(&wrapper)?.fields.as_slice() else {
        return None;
    };
    let TypeExpr::Ref(target) = TypeExpr::parse(&inner.ty).ok()? else {
        return None;
    };
    let shown = match sent {
        Value::Array(items) => items.first().and_then(Value::as_object),
        value => value.as_object(),
    }
    .filter(|shown| !shown.contains_key(&inner.name))?;
    let target_fields = object(&target).map(|o| o.fields.as_slice()).unwrap_or_default();
    let shared = shown
        .keys()
        .filter(|k| target_fields.iter().any(|f| &f.name == *k))
        .count();
    if shared < 2 || shared * 2 < shown.len() {
        return None;
    }
    let ty = holding(documented, target.clone()).to_string();
    Some(Retyped {
        change: format!(
            "the table wraps each in `{}` (`{wrapper}`), an example shows `{target}`'s fields in its place; now `{ty}`",
            inner.name
        ),
        note: format!(
            "Documented as `{}`, each wrapped in `{}`; the page's example shows the inner object.",
            field.ty, inner.name
        ),
        ty,
    })
}

/// The object a type holds, through arrays and maps.
fn innermost_ref(ty: &TypeExpr) -> Option<String> {
    match ty {
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => innermost_ref(inner),
        TypeExpr::Ref(name) => Some(name.clone()),
        _ => None,
    }
}

/// `ty` holding the object `name` where it held another: `array<Wrapper>` →
/// `array<Inner>`.
fn holding(ty: TypeExpr, name: String) -> TypeExpr {
    match ty {
        TypeExpr::Array(inner) => TypeExpr::Array(Box::new(holding(*inner, name))),
        TypeExpr::Map(inner) => TypeExpr::Map(Box::new(holding(*inner, name))),
        _ => TypeExpr::Ref(name),
    }
}

/// One field against what an example sends for it (`sent`): left out, a
/// mandatory field becomes optional; of another type, the field widens. The
/// nested objects to walk next, or `None` when there are none to follow.
fn check_field<'v>(
    field: &mut Field,
    sent: Option<&'v Value>,
    prefix: &str,
    at: &str,
    changes: &mut Vec<String>,
) -> Option<Vec<(String, &'v Value)>> {
    match sent {
        None | Some(Value::Null) => {
            if field.required == Some(true) {
                field.required = Some(false);
                add_note(field, "Marked mandatory; the page's example leaves it out.");
                changes.push(format!(
                    "{prefix} `{at}`: marked mandatory, but an example leaves it out; made optional"
                ));
            }
            None
        }
        Some(sent) => {
            let ty = TypeExpr::parse(&field.ty).ok()?;
            Some(match check(&ty, sent) {
                Ok(nested) => nested,
                Err(widened) => {
                    let shown = excerpt(sent);
                    add_note(
                        field,
                        &format!("Documented as `{ty}`; the page's example sends `{shown}`."),
                    );
                    changes.push(format!(
                        "{prefix} `{at}`: documented as `{ty}`, an example sends `{shown}`; now `{widened}`"
                    ));
                    field.ty = widened.to_string();
                    check(&widened, sent).unwrap_or_default()
                }
            })
        }
    }
}

/// A field the table spells in another case or number than the example's key
/// (`Token` beside `"token": {...}`, `security_group` beside
/// `"security_groups": [...]`) takes the example's spelling: the example shows
/// what travels, and a key is matched exactly.
fn respell(
    fields: &mut [Field],
    map: &serde_json::Map<String, Value>,
    prefix: &str,
    path: &str,
    changes: &mut Vec<String>,
) {
    for at in 0..fields.len() {
        if map.contains_key(&fields[at].name) {
            continue;
        }
        let name = fields[at].name.clone();
        let unknown = |k: &&String| !fields.iter().any(|f| &f.name == *k);
        let mut spelled = map.keys().filter(|k| k.eq_ignore_ascii_case(&name));
        // In number only where the example's value has the field's shape (a
        // list for an array): else it is the example that was copied from elsewhere.
        let is_array = TypeExpr::parse(&fields[at].ty).is_ok_and(|t| matches!(t, TypeExpr::Array(_)));
        let mut plural = map
            .keys()
            .filter(unknown)
            .filter(|k| same_but_number(k, &name) && map[k.as_str()].is_array() == is_array);
        let key = match (spelled.next(), spelled.next()) {
            (Some(key), None) => key,
            (Some(_), Some(_)) => continue,
            (None, _) => match (plural.next(), plural.next()) {
                (Some(key), None) => key,
                _ => continue,
            },
        };
        if fields.iter().any(|f| &f.name == key) {
            continue;
        }
        let table = std::mem::replace(&mut fields[at].name, key.clone());
        add_note(
            &mut fields[at],
            &format!("The table spells it `{table}`; the page's example sends `{key}`."),
        );
        changes.push(format!(
            "{prefix} `{path}{table}`: an example spells it `{key}`; renamed to match"
        ));
    }
}

/// Names that differ only in grammatical number (`security_group` and
/// `security_groups`, `policy` and `policies`), in any letter case.
fn same_but_number(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    a != b && crate::import::english::singular(&a) == crate::import::english::singular(&b)
}

/// The objects to descend into when `value` fits `ty`, or the type to widen to.
fn check<'v>(ty: &TypeExpr, value: &'v Value) -> Result<Vec<(String, &'v Value)>, TypeExpr> {
    let fits = |ok: bool, otherwise: TypeExpr| if ok { Ok(Vec::new()) } else { Err(otherwise) };
    match (ty, value) {
        (TypeExpr::Any, _) => Ok(Vec::new()),
        (TypeExpr::Object, _) => fits(value.is_object(), widen_scalar(value)),
        (TypeExpr::String, Value::String(_)) => Ok(Vec::new()),
        (TypeExpr::Integer, Value::Number(n)) if n.as_i64().is_some() => fits(
            n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            TypeExpr::Long,
        ),
        (TypeExpr::Long, Value::Number(n)) if n.as_i64().is_some() => Ok(Vec::new()),
        (TypeExpr::Integer | TypeExpr::Long, Value::Number(_)) => Err(TypeExpr::Number),
        (TypeExpr::Number, Value::Number(_)) | (TypeExpr::Boolean, Value::Bool(_)) => Ok(Vec::new()),
        (TypeExpr::Integer | TypeExpr::Long | TypeExpr::Number | TypeExpr::Boolean, Value::String(_)) => {
            Err(TypeExpr::TextOr(Box::new(ty.clone())))
        }
        (TypeExpr::TextOr(_), Value::String(_)) => Ok(Vec::new()),
        (TypeExpr::TextOr(inner), _) => check(inner, value).map_err(|_| TypeExpr::Any),
        // A string the example prints as a number or boolean: that, or its text.
        (TypeExpr::String, Value::Number(_) | Value::Bool(_)) => match scalar_type(value) {
            Some(kind) => Err(TypeExpr::TextOr(Box::new(kind))),
            None => Err(TypeExpr::Any),
        },
        (TypeExpr::Array(inner), Value::Array(items)) => {
            let mut nested = Vec::new();
            for item in items {
                match check(inner, item) {
                    Ok(more) => nested.extend(more),
                    Err(widened) => return Err(TypeExpr::Array(Box::new(widened))),
                }
            }
            Ok(nested)
        }
        (TypeExpr::Map(inner), Value::Object(entries)) => {
            let mut nested = Vec::new();
            for item in entries.values() {
                match check(inner, item) {
                    Ok(more) => nested.extend(more),
                    Err(widened) => return Err(TypeExpr::Map(Box::new(widened))),
                }
            }
            Ok(nested)
        }
        // A map of lists (`Map<String,Array<JobQueryBean>>`) printed as the
        // list itself: the list, as the example shows it.
        (TypeExpr::Map(inner), Value::Array(_))
            if matches!(**inner, TypeExpr::Array(_)) && check(inner, value).is_ok() =>
        {
            Err((**inner).clone())
        }
        (TypeExpr::Ref(name), Value::Object(_)) => Ok(vec![(name.clone(), value)]),
        // One object documented, a list of them sent.
        (TypeExpr::Ref(name), Value::Array(items)) if items.iter().all(Value::is_object) => {
            Err(TypeExpr::Array(Box::new(TypeExpr::Ref(name.clone()))))
        }
        // A container where the table says otherwise: the table cannot be trusted
        // for its contents, so they stay JSON.
        (TypeExpr::Array(_) | TypeExpr::Map(_) | TypeExpr::Ref(_), _) => Err(TypeExpr::Any),
        (_, Value::Array(_) | Value::Object(_)) => Err(widen_scalar(value)),
        _ => Err(TypeExpr::Any),
    }
}

/// What a scalar-typed field becomes when the example sends a container (or an
/// `object` field a scalar): a list of one scalar type, a JSON object, or any JSON.
fn widen_scalar(value: &Value) -> TypeExpr {
    match value {
        Value::Array(items) => {
            let kinds: Vec<Option<TypeExpr>> = items.iter().map(scalar_type).collect();
            match kinds.first() {
                Some(Some(first)) if kinds.iter().all(|k| k.as_ref() == Some(first)) => {
                    TypeExpr::Array(Box::new(first.clone()))
                }
                _ => TypeExpr::Array(Box::new(TypeExpr::Any)),
            }
        }
        Value::Object(_) => TypeExpr::Object,
        _ => TypeExpr::Any,
    }
}

fn scalar_type(value: &Value) -> Option<TypeExpr> {
    match value {
        Value::String(_) => Some(TypeExpr::String),
        Value::Bool(_) => Some(TypeExpr::Boolean),
        Value::Number(n) if n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()) => Some(TypeExpr::Integer),
        Value::Number(n) if n.as_i64().is_some() => Some(TypeExpr::Long),
        Value::Number(_) => Some(TypeExpr::Number),
        _ => None,
    }
}

fn excerpt(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

pub(super) fn add_note(field: &mut Field, note: &str) {
    match &mut field.note {
        Some(existing) if existing.contains(note) => {}
        Some(existing) => {
            existing.push(' ');
            existing.push_str(note);
        }
        None => field.note = Some(note.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widened(ty: &str, json: &str) -> Option<String> {
        let value: Value = serde_json::from_str(json).unwrap();
        check(&TypeExpr::parse(ty).unwrap(), &value)
            .err()
            .map(|t| t.to_string())
    }

    #[test]
    fn spaces_typed_around_an_example_key_are_not_another_field() {
        let value =
            serde_json::json!({"plans": [{"end_time ": "12:00", " start_time": "9:00"}], "a ": 1, "a": 2});
        assert_eq!(
            trimmed_keys(value),
            serde_json::json!({"plans": [{"end_time": "12:00", "start_time": "9:00"}], "a ": 1, "a": 2})
        );
    }

    #[test]
    fn a_field_spelled_in_another_case_takes_the_examples_spelling() {
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: token\ntitle: {en: Token}\nsources: []\nmethod: POST\nuri: /v3/auth/tokens\n\
             response:\n  fields:\n  - name: Token\n    type: object\n  - name: Other\n    type: string\n\
             examples:\n- kind: response\n  status: 201\n  body: '{\"token\": {}, \"other\": \"a\", \"OTHER\": \"b\"}'\n",
        )
        .unwrap();
        let reconciled = reconcile(&mut op);
        let names: Vec<&str> = op
            .response
            .as_ref()
            .unwrap()
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(names, ["token", "Other"], "two keys could be `Other`: it stays");
        assert!(
            reconciled.changes[0].contains("`Token`: an example spells it `token`"),
            "{:?}",
            reconciled.changes
        );
    }

    #[test]
    fn a_field_spelled_in_another_number_takes_the_examples_spelling() {
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: list\ntitle: {en: List}\nsources: []\nmethod: GET\nuri: /v3/security-groups\n\
             response:\n  fields:\n  - name: security_group\n    type: array<object>\n  - name: request_id\n    type: string\n\
             examples:\n- kind: response\n  status: 200\n  body: '{\"security_groups\": [], \"request_id\": \"r\"}'\n",
        )
        .unwrap();
        let reconciled = reconcile(&mut op);
        let names: Vec<&str> = op
            .response
            .as_ref()
            .unwrap()
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["security_groups", "request_id"],
            "{:?}",
            reconciled.changes
        );
    }

    #[test]
    fn a_request_the_example_sends_as_an_array_of_the_tables_objects_is_an_array_body() {
        let patch = |example: &str| -> OperationFile {
            serde_yaml::from_str(&format!(
                "operation: patch\ntitle: {{en: Patch}}\nsources: []\nmethod: PATCH\nuri: /v2/images/{{id}}\n\
                 request_body:\n  fields:\n  - name: op\n    type: string\n  - name: path\n    type: string\n\
                 examples:\n- kind: request\n  body: '{example}'\n"
            ))
            .unwrap()
        };
        let mut op = patch(r#"[{"op": "replace", "path": "/name", "value": "x"}]"#);
        let reconciled = reconcile(&mut op);
        assert!(op.request_body.as_ref().unwrap().array, "{reconciled:?}");
        assert!(reconciled.unsupported.is_empty(), "{reconciled:?}");
        // An array of scalars, or of objects the table does not describe, stays text.
        for example in [r#"["a", "b"]"#, r#"[{"other": 1}]"#] {
            let mut op = patch(example);
            let reconciled = reconcile(&mut op);
            assert!(!op.request_body.as_ref().unwrap().array, "{example}");
            assert_eq!(reconciled.unsupported.len(), 1, "{example}: {reconciled:?}");
        }
    }

    #[test]
    fn one_element_printed_for_an_array_response_is_kept_as_text_and_said_as_a_change() {
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: stop\ntitle: {en: Stop}\nsources: []\nmethod: POST\nuri: /v1/jobs/stop\n\
             response:\n  array: true\n  fields:\n  - name: is_success\n    type: boolean\n\
             examples:\n- kind: response\n  status: 200\n  body: '{\"is_success\": true}'\n",
        )
        .unwrap();
        let reconciled = reconcile(&mut op);
        assert_eq!(op.examples[0].format, ExampleFormat::Text);
        assert!(reconciled.unsupported.is_empty(), "{reconciled:?}");
        assert!(
            reconciled.changes.iter().any(|c| c.contains("prints one object")),
            "{reconciled:?}"
        );
    }

    #[test]
    fn an_example_of_another_shape_does_not_respell_by_number() {
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: show\ntitle: {en: Show}\nsources: []\nmethod: GET\nuri: /v3/users/{id}\n\
             response:\n  fields:\n  - name: user\n    type: object\n\
             examples:\n- kind: response\n  status: 200\n  body: '{\"users\": [{\"id\": \"u\"}]}'\n",
        )
        .unwrap();
        reconcile(&mut op);
        assert_eq!(op.response.as_ref().unwrap().fields[0].name, "user");
    }

    #[test]
    fn each_contradiction_widens_to_what_the_example_shows() {
        assert_eq!(widened("boolean", "true"), None);
        assert_eq!(
            widened("boolean", "\"true\"").as_deref(),
            Some("text_or<boolean>")
        );
        assert_eq!(widened("integer", "\"1\"").as_deref(), Some("text_or<integer>"));
        assert_eq!(widened("integer", "1566180327674").as_deref(), Some("long"));
        assert_eq!(widened("integer", "0.5").as_deref(), Some("number"));
        assert_eq!(widened("string", "12").as_deref(), Some("text_or<integer>"));
        assert_eq!(
            widened("string", "[\"a\", \"b\"]").as_deref(),
            Some("array<string>")
        );
        assert_eq!(widened("string", "{\"a\": 1}").as_deref(), Some("object"));
        assert_eq!(widened("array<string>", "\"\"").as_deref(), Some("any"));
        assert_eq!(
            widened("array<integer>", "[1, \"2\"]").as_deref(),
            Some("array<text_or<integer>>")
        );
        assert_eq!(widened("Job", "[{}]").as_deref(), Some("array<Job>"));
        assert_eq!(widened("map<array<Job>>", "[{}]").as_deref(), Some("array<Job>"));
        assert_eq!(widened("map<array<Job>>", "[1]").as_deref(), Some("any"));
        assert_eq!(widened("text_or<integer>", "\"x\""), None);
    }

    #[test]
    fn keys_a_response_example_shows_join_as_fields_of_the_types_it_shows() {
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: list\ntitle: {en: List}\nsources: []\nmethod: GET\nuri: /v1/servers\n\
             response:\n  fields:\n  - name: servers\n    type: array<Server>\n\
             objects:\n- name: Server\n  fields:\n  - name: id\n    type: string\n  - name: links\n    type: array<Link>\n\
             - name: Link\n  fields:\n  - name: href\n    type: string\n  - name: rel\n    type: string\n\
             examples:\n- kind: response\n  status: 200\n  body: |\n    {\"servers\": [{\"id\": \"s1\", \"image\": {\"id\": \"i1\", \
             \"links\": [{\"href\": \"h\", \"rel\": \"self\"}]}, \"metadata\": {\"metering.order_id\": \"o\"}}],\n     \
             \"request_id\": \"r\", \"page_info\": {\"current_count\": 1, \"next_marker\": null},\n     \
             \"5849fdf1-9d79-4589-80c2-fe557990c417\": 1, \"ratio\": 0.5, \"gone\": null}\n",
        )
        .unwrap();
        let reconciled = reconcile(&mut op);
        let typed = |fields: &[Field]| -> Vec<String> {
            fields
                .iter()
                .map(|f| format!("{}: {} ({:?})", f.name, f.ty, f.required))
                .collect()
        };
        // An id as a key is a value, and null shows no type: neither is a field.
        assert_eq!(
            typed(&op.response.as_ref().unwrap().fields),
            [
                "servers: array<Server> (None)",
                "page_info: PageInfo (None)",
                "ratio: number (None)",
                "request_id: string (None)"
            ]
        );
        let object = |name: &str| typed(&op.objects.iter().find(|o| o.name == name).unwrap().fields);
        // The image's links are of the operation's `Link`; dotted keys make a map.
        assert_eq!(
            object("Server"),
            [
                "id: string (None)",
                "links: array<Link> (None)",
                "image: Image (None)",
                "metadata: object (None)"
            ]
        );
        assert_eq!(
            object("Image"),
            ["id: string (None)", "links: array<Link> (None)"]
        );
        assert_eq!(
            object("PageInfo"),
            ["current_count: long (None)", "next_marker: any (None)"]
        );
        assert_eq!(reconciled.changes.len(), 5, "{:?}", reconciled.changes);
        assert_eq!(
            reconciled.changes[0],
            "response field `page_info`: not in the table, an example shows it; added as optional `PageInfo`"
        );
    }

    #[test]
    fn a_response_field_left_untyped_takes_the_object_its_example_shows_unless_a_map() {
        let mut op: OperationFile = serde_yaml::from_str(
            "operation: list\ntitle: {en: List}\nsources: []\nmethod: GET\nuri: /v1/servers\n\
             response:\n  fields:\n  - name: servers\n    type: array<object>\n  - name: sys_tags\n    type: object\n\
             \x20 - name: az_status\n    type: object\n  - name: quota\n    type: object\n    description: {en: Key-value pairs.}\n\
             examples:\n- kind: response\n  status: 200\n  body: |\n    {\"servers\": [{\"id\": \"s1\", \"OS-EXT-STS:power_state\": 1}, \
             {\"id\": \"s2\", \"name\": \"b\"}],\n     \"sys_tags\": {\"env\": \"prod\"}, \"az_status\": {\"az1\": \"sellout\", \"az2\": \"normal\"},\n     \
             \"quota\": {\"cores\": 4}}\n",
        )
        .unwrap();
        let reconciled = reconcile(&mut op);
        let types: Vec<(&str, &str)> = op
            .response
            .as_ref()
            .unwrap()
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.ty.as_str()))
            .collect();
        assert_eq!(
            types,
            [
                ("servers", "array<Server>"),
                ("sys_tags", "object"),
                ("az_status", "object"),
                ("quota", "object")
            ]
        );
        let server: Vec<&str> = op.objects[0].fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            server,
            ["OS-EXT-STS:power_state", "id", "name"],
            "every element's keys"
        );
        assert_eq!(
            reconciled.changes,
            [
                "response field `servers`: documented as `array<object>` with no table, an example shows its fields; \
              now `array<Server>`"
            ]
        );
    }

    #[test]
    fn a_wrapper_the_example_does_not_show_gives_way_to_the_object_it_wraps() {
        let op = |example: &str| -> (OperationFile, Reconciled) {
            let mut op: OperationFile = serde_yaml::from_str(&format!(
                "operation: list\ntitle: {{en: List}}\nsources: []\nmethod: GET\nuri: /v3/filters\n\
                 response:\n  fields:\n  - name: filters\n    type: array<Wrapper>\n\
                 objects:\n- name: Wrapper\n  fields:\n  - name: filter\n    type: Filter\n\
                 - name: Filter\n  fields:\n  - name: id\n    type: string\n  - name: name\n    type: string\n\
                 examples:\n- kind: response\n  status: 200\n  body: '{example}'\n"
            ))
            .unwrap();
            let reconciled = reconcile(&mut op);
            (op, reconciled)
        };
        let (unwrapped, reconciled) = op(r#"{"filters": [{"id": "f1", "name": "a"}]}"#);
        assert_eq!(unwrapped.response.as_ref().unwrap().fields[0].ty, "array<Filter>");
        assert_eq!(
            reconciled.changes,
            [
                "response field `filters`: the table wraps each in `filter` (`Wrapper`), an example shows \
              `Filter`'s fields in its place; now `array<Filter>`"
            ]
        );
        // The example that shows the wrapper keeps it.
        let (kept, _) = op(r#"{"filters": [{"filter": {"id": "f1", "name": "a"}}]}"#);
        assert_eq!(kept.response.as_ref().unwrap().fields[0].ty, "array<Wrapper>");
    }
}
