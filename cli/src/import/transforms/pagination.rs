//! Detects how a list operation pages, from its query parameters and its
//! response, and writes it as the operation's `pagination` for review.
//!
//! The rules name parameters by their meaning across the clouds' pages, not by
//! one service's spelling: `offset`/`from`/`skip` count items to skip,
//! `page`/`current-page`/`page_no` number pages, `marker`/`cursor`/`page_token`
//! name the item to continue after, and `limit`/`size`/`per_page`/`page-size`
//! set the page size (names compared without case, `-` or `_`). The items are
//! the response's array (of objects, where there are several arrays, the one the
//! URI names), at the top or one object down (`data.items`); the total is a
//! count beside them (`total`, `*_count`, `total_number`). A position parameter
//! without a readable answer is reported, and nothing is written.

use hwcloud_model::spec::schema::{Field, OperationFile, PageScheme, Pagination};
use hwcloud_model::spec::types::TypeExpr;

const OFFSETS: &[&str] = &["offset", "from", "skip", "startindex"];
const PAGES: &[&str] = &[
    "page",
    "currentpage",
    "pageno",
    "pagenum",
    "pagenumber",
    "pageindex",
    "curpage",
];
const MARKERS: &[&str] = &["marker", "cursor", "pagetoken", "nexttoken", "nextmarker"];
const SIZES: &[&str] = &[
    "limit",
    "size",
    "pagesize",
    "perpage",
    "maxitems",
    "maxresults",
    "pagelimit",
];
const NEXT_MARKERS: &[&str] = &[
    "nextmarker",
    "nextpagetoken",
    "nexttoken",
    "nextcursor",
    "marker",
    "cursor",
];
/// A position, count or marker: an integer or a string (the model's `TypeExpr`
/// reads the type as validation will).
fn is_scalar(ty: &str) -> bool {
    matches!(
        TypeExpr::parse(ty),
        Ok(TypeExpr::Integer | TypeExpr::Long | TypeExpr::String)
    )
}

fn is_integer(ty: &str) -> bool {
    matches!(TypeExpr::parse(ty), Ok(TypeExpr::Integer | TypeExpr::Long))
}

/// What detection found: a pagination, or why a list-looking operation has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    Paginated(Pagination),
    /// A position parameter, but no answer that says where a page ends.
    Unreadable(String),
    NotAList,
}

/// A name compared by meaning: lowercase, without `-` and `_`.
fn norm(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn detect(op: &OperationFile) -> Detected {
    let query: Vec<&Field> = op
        .parameters
        .iter()
        .filter(|p| p.location == Some(hwcloud_model::spec::schema::ParamLocation::Query) && is_scalar(&p.ty))
        .collect();
    let find = |names: &[&str]| {
        query
            .iter()
            .find(|p| names.contains(&norm(&p.name).as_str()))
            .copied()
    };
    let (scheme, position) = match (find(MARKERS), find(PAGES), find(OFFSETS)) {
        (Some(marker), _, _) => (PageScheme::Marker, marker),
        (None, Some(page), _) => (PageScheme::Page, page),
        (None, None, Some(offset)) => (PageScheme::Offset, offset),
        (None, None, None) => return Detected::NotAList,
    };
    let size = find(SIZES);
    let unreadable = |why: String| {
        Detected::Unreadable(format!(
            "query parameter `{}` looks like {} pagination, but {why}; write `pagination` by hand if it pages",
            position.name,
            scheme_name(scheme)
        ))
    };
    let Some(response) = op.response.as_ref().filter(|r| !r.array && r.media.is_none()) else {
        return unreadable("the response is not an object".into());
    };
    if !op.other_success_bodies().is_empty() {
        return unreadable("the page documents another 2xx body beside the list's".into());
    }
    let Some((items, item_type, siblings)) = items(op, &response.fields) else {
        return unreadable("no single response array holds the items".into());
    };
    let (next_marker, marker_key) = match scheme {
        PageScheme::Marker => match marker_source(op, &response.fields, &item_type) {
            Some(source) => source,
            None => {
                return unreadable("neither a next-marker field nor an item `id` says where to go on".into());
            }
        },
        _ => (None, None),
    };
    let prefix = items
        .rsplit_once('.')
        .map(|(p, _)| format!("{p}."))
        .unwrap_or_default();
    let total = total(siblings, &items)
        .map(|t| format!("{prefix}{t}"))
        .or_else(|| {
            (!prefix.is_empty())
                .then(|| total(&response.fields, &items))
                .flatten()
                .map(str::to_owned)
        });
    Detected::Paginated(Pagination {
        scheme,
        parameter: Some(position.name.clone()),
        page_size: size.map(|s| s.name.clone()),
        items: Some(items),
        total,
        first_page: (scheme == PageScheme::Page)
            .then(|| first_page(position))
            .flatten(),
        next_marker,
        marker_key,
        hand_edit: None,
    })
}

fn scheme_name(scheme: PageScheme) -> &'static str {
    match scheme {
        PageScheme::Offset => "offset",
        PageScheme::Page => "page-number",
        PageScheme::Marker => "marker",
        PageScheme::None => "no",
    }
}

/// Page numbers start at 1 unless the parameter's default or minimum is 0.
fn first_page(param: &Field) -> Option<i64> {
    let from_default = param
        .default
        .as_deref()
        .and_then(|d| d.trim().parse::<i64>().ok());
    match from_default.or(param.minimum) {
        Some(0) => Some(0),
        _ => None,
    }
}

/// The element type of `array<T>`.
fn element(ty: &str) -> Option<TypeExpr> {
    match TypeExpr::parse(ty).ok()? {
        TypeExpr::Array(inner) => Some(*inner),
        _ => None,
    }
}

/// The fields of the object table a type names.
fn table<'a>(op: &'a OperationFile, ty: &TypeExpr) -> Option<&'a [Field]> {
    let TypeExpr::Ref(name) = ty else { return None };
    op.objects
        .iter()
        .find(|o| &o.name == name)
        .map(|o| o.fields.as_slice())
}

fn object_fields<'a>(op: &'a OperationFile, ty: &str) -> Option<&'a [Field]> {
    table(op, &TypeExpr::parse(ty).ok()?)
}

/// The items array: its dotted path, element type, and the fields beside it.
fn items<'a>(op: &'a OperationFile, fields: &'a [Field]) -> Option<(String, TypeExpr, &'a [Field])> {
    if let Some(field) = pick_array(op, fields) {
        return Some((field.name.clone(), element(&field.ty)?, fields));
    }
    // One object down: `{"data": {"items": [...], "total": 9}}`.
    let mut nested = fields.iter().filter_map(|f| {
        let inner = object_fields(op, &f.ty)?;
        let array = pick_array(op, inner)?;
        Some((format!("{}.{}", f.name, array.name), element(&array.ty)?, inner))
    });
    let first = nested.next()?;
    nested.next().is_none().then_some(first)
}

/// The one array that holds items: the only one; else the one the operation's
/// URI or id names (`/graphs` → `graphs`), the one a count beside it names
/// (`row_count` → `rows`), or the only array of objects.
fn pick_array<'a>(op: &OperationFile, fields: &'a [Field]) -> Option<&'a Field> {
    let arrays: Vec<&Field> = fields.iter().filter(|f| element(&f.ty).is_some()).collect();
    if let [one] = arrays.as_slice() {
        return Some(one);
    }
    let unique = |found: Vec<&'a Field>| {
        if let [one] = found.as_slice() {
            Some(*one)
        } else {
            None
        }
    };
    let named = format!("{} {}", norm(&op.uri), norm(&op.operation));
    let counts: Vec<String> = fields
        .iter()
        .filter(|f| is_integer(&f.ty) && norm(&f.name).ends_with("count"))
        .map(|f| norm(&f.name))
        .collect();
    let by = |keep: &dyn Fn(&Field) -> bool| arrays.iter().copied().filter(|f| keep(f)).collect::<Vec<_>>();
    unique(by(&|f| {
        stem(&f.name).len() >= 3 && named.contains(&stem(&f.name))
    }))
    .or_else(|| unique(by(&|f| counts.iter().any(|c| c.starts_with(&stem(&f.name))))))
    .or_else(|| {
        unique(by(&|f| {
            element(&f.ty).is_some_and(|t| table(op, &t).is_some() || t == TypeExpr::Object)
        }))
    })
}

/// What the singular and the plural of a field name both start with, for
/// finding it inside a URI or a count's name (`jobs` → `job`, `backupList` →
/// `backup`, `policies` → `polic`, which `/policies` and `policy_count` contain;
/// `english::singular` gives `policy`, which `/policies` does not).
fn stem(name: &str) -> String {
    let name = norm(name);
    let name = name.strip_suffix("list").unwrap_or(&name);
    let name = name
        .strip_suffix("es")
        .or_else(|| name.strip_suffix('s'))
        .unwrap_or(name);
    name.to_owned()
}

/// The count of all items, beside the items: `total`, `total_count`,
/// `total_number`, `*_count`; where several, the one with `total` or the items'
/// name in it.
fn total<'a>(fields: &'a [Field], items: &str) -> Option<&'a str> {
    let counts: Vec<&Field> = fields.iter().filter(|f| is_integer(&f.ty)).collect();
    let items = stem(items.rsplit('.').next().unwrap_or(items));
    // A bare `count` (or `current_count`) is as often this page's length as
    // the total: only `total*` names and counts the items name are totals.
    let counts: Vec<&Field> = counts
        .into_iter()
        .filter(|f| {
            let n = norm(&f.name);
            n.starts_with("total") || n.ends_with("total") || (n.ends_with("count") && n.contains(&items))
        })
        .collect();
    let pick = |f: &&&Field| norm(&f.name).contains("total");
    let named = |f: &&&Field| norm(&f.name).contains(&items);
    match counts.as_slice() {
        [one] => Some(&one.name),
        several => several
            .iter()
            .find(pick)
            .or_else(|| several.iter().find(named))
            .map(|f| f.name.as_str()),
    }
}

/// Where the next marker comes from: a response field (`next_marker`,
/// `page_info.next_marker`), else the last item's `id`.
fn marker_source(
    op: &OperationFile,
    fields: &[Field],
    item_type: &TypeExpr,
) -> Option<(Option<String>, Option<String>)> {
    let is_next = |f: &&Field| NEXT_MARKERS.contains(&norm(&f.name).as_str()) && is_scalar(&f.ty);
    if let Some(next) = fields.iter().find(is_next) {
        return Some((Some(next.name.clone()), None));
    }
    for field in fields {
        if let Some(next) = object_fields(op, &field.ty).and_then(|inner| inner.iter().find(is_next)) {
            return Some((Some(format!("{}.{}", field.name, next.name)), None));
        }
    }
    let item = table(op, item_type)?;
    item.iter()
        .any(|f| f.name == "id" && is_scalar(&f.ty))
        .then_some((None, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hwcloud_model::spec::schema::{Body, Method, ObjectTable, ParamLocation};

    fn query(name: &str, ty: &str) -> Field {
        Field {
            name: name.into(),
            location: Some(ParamLocation::Query),
            ty: ty.into(),
            ..Field::default()
        }
    }

    fn field(name: &str, ty: &str) -> Field {
        Field {
            name: name.into(),
            ty: ty.into(),
            ..Field::default()
        }
    }

    fn op(params: Vec<Field>, response: Vec<Field>, objects: Vec<(&str, Vec<Field>)>) -> OperationFile {
        let text = "operation: list_things\ntitle: {en: x}\nsources: []\nmethod: GET\nuri: /v1/{project_id}/things\n";
        let mut op: OperationFile = serde_yaml::from_str(text).unwrap();
        op.method = Method::Get;
        op.parameters = params;
        op.response = Some(Body {
            fields: response,
            ..Body::default()
        });
        op.objects = objects
            .into_iter()
            .map(|(name, fields)| ObjectTable {
                name: name.into(),
                caption: Default::default(),
                fields,
            })
            .collect();
        op
    }

    fn paginated(detected: Detected) -> Pagination {
        match detected {
            Detected::Paginated(p) => p,
            other => panic!("not paginated: {other:?}"),
        }
    }

    #[test]
    fn offset_limit_with_a_named_count() {
        let op = op(
            vec![query("offset", "integer"), query("limit", "integer")],
            vec![
                field("errorCode", "string"),
                field("graphCount", "integer"),
                field("graphs", "array<Graph>"),
            ],
            vec![("Graph", vec![field("id", "string")])],
        );
        let p = paginated(detect(&op));
        assert_eq!(p.scheme, PageScheme::Offset);
        assert_eq!(p.parameter.as_deref(), Some("offset"));
        assert_eq!(p.page_size.as_deref(), Some("limit"));
        assert_eq!(p.items.as_deref(), Some("graphs"));
        assert_eq!(p.total.as_deref(), Some("graphCount"));
    }

    #[test]
    fn page_numbers_by_any_spelling_and_their_first_page() {
        let mut page = query("current-page", "integer");
        page.default = Some("0".into());
        let op = op(
            vec![query("page-size", "integer"), page, query("start", "long")],
            vec![
                field("job_count", "integer"),
                field("jobs", "array<Job>"),
                field("schema", "array<string>"),
            ],
            vec![("Job", vec![field("job_id", "string")])],
        );
        let p = paginated(detect(&op));
        assert_eq!((p.scheme, p.first_page), (PageScheme::Page, Some(0)));
        assert_eq!(p.parameter.as_deref(), Some("current-page"));
        assert_eq!(p.page_size.as_deref(), Some("page-size"));
        assert_eq!(p.items.as_deref(), Some("jobs"));
        assert_eq!(p.total.as_deref(), Some("job_count"));
    }

    #[test]
    fn markers_from_a_nested_next_marker_or_the_last_id() {
        let nested = op(
            vec![query("marker", "string"), query("limit", "integer")],
            vec![field("vpcs", "array<Vpc>"), field("page_info", "PageInfo")],
            vec![
                ("Vpc", vec![field("name", "string")]),
                (
                    "PageInfo",
                    vec![field("next_marker", "string"), field("current_count", "integer")],
                ),
            ],
        );
        let p = paginated(detect(&nested));
        assert_eq!(p.scheme, PageScheme::Marker);
        assert_eq!(p.next_marker.as_deref(), Some("page_info.next_marker"));
        let by_id = op(
            vec![query("marker", "string")],
            vec![field("ports", "array<Port>")],
            vec![("Port", vec![field("id", "string")])],
        );
        assert_eq!(paginated(detect(&by_id)).next_marker, None);
        let neither = op(
            vec![query("marker", "string")],
            vec![field("ports", "array<Port>")],
            vec![("Port", vec![field("name", "string")])],
        );
        assert!(matches!(detect(&neither), Detected::Unreadable(why) if why.contains("`marker`")));
    }

    #[test]
    fn items_one_object_down_with_their_total() {
        let op = op(
            vec![query("offset", "integer")],
            vec![field("data", "Data")],
            vec![(
                "Data",
                vec![field("total", "integer"), field("records", "array<object>")],
            )],
        );
        let p = paginated(detect(&op));
        assert_eq!(p.items.as_deref(), Some("data.records"));
        assert_eq!(p.total.as_deref(), Some("data.total"));
    }

    #[test]
    fn no_position_is_no_list_and_no_array_is_reported() {
        let plain = op(
            vec![query("limit", "integer")],
            vec![field("jobs", "array<string>")],
            vec![],
        );
        assert_eq!(detect(&plain), Detected::NotAList);
        let no_array = op(
            vec![query("offset", "integer")],
            vec![field("count", "integer")],
            vec![],
        );
        assert!(matches!(detect(&no_array), Detected::Unreadable(_)));
        let two = op(
            vec![query("offset", "integer")],
            vec![field("a", "array<string>"), field("b", "array<string>")],
            vec![],
        );
        assert!(matches!(detect(&two), Detected::Unreadable(_)));
    }
}
