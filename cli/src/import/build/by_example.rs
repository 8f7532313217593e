//! Tables no citation reached, placed by the page's examples. A table whose
//! rows are the keys the section's example prints under `key` describes the
//! field `key`: EVS prints `resource_detail` with the keys of `Parameters in
//! the VolumeDetailForTag field` and cites neither from the other; MRS tables
//! `auto_scaling_policy` only under a caption, and its example request sends
//! it beside `node_group`, the one row of the body table. A field the page
//! names only so is added, optional, with a note saying where it came from.

use std::collections::{BTreeMap, BTreeSet};

use super::fields::object_of;
use super::link::{Linker, wants_object};
use crate::import::report::{Finding, Section, Severity};
use hwcloud_model::spec::schema::{Example, ExampleKind, Field};
use serde_json::Value;

/// Where a table's fields go.
enum Spot {
    /// Field `index` of the roots (`None`) or of object `owner`, wanting an object.
    Field(Option<usize>, usize),
    /// A field the tables do not have, to add to the roots or to `owner`.
    New(Option<usize>),
}

/// The objects an example prints below its root: keys by path from the root,
/// and whether the value is an array of them.
type Sites = BTreeMap<Vec<String>, (BTreeSet<String>, bool)>;

/// Links each free table of `section` that matches exactly one object the
/// examples print, and whose place the fields so far resolve; repeated while
/// a table is placed, since a placed table makes room for its own.
pub fn link(linker: &mut Linker, section: Section, roots: &mut Vec<Field>, examples: &[Example]) {
    let sites = section_sites(section, examples);
    if sites.is_empty() || roots.is_empty() {
        return;
    }
    while let Some((t, path, array, spot)) = next_match(linker, roots, section, &sites) {
        place(linker, roots, t, &path, array, spot, section);
        linker.link_pending();
    }
}

/// The first free table (page order) with one matching site whose place resolves.
fn next_match(
    linker: &Linker,
    roots: &[Field],
    section: Section,
    sites: &Sites,
) -> Option<(usize, Vec<String>, bool, Spot)> {
    linker.free_tables(section).into_iter().find_map(|t| {
        let names = linker.row_names(t);
        let mut matching = sites.iter().filter(|(_, (keys, _))| matches(&names, keys));
        let (path, (_, array)) = matching.next()?;
        if matching.next().is_some() {
            return None;
        }
        let spot = resolve(linker, roots, path)?;
        Some((t, path.clone(), *array, spot))
    })
}

/// Whether a table's row names and an example object's keys are one set,
/// give or take: at least two names shared, most of the example's keys, and
/// a third of the rows (an example leaves optional fields out: VBS sends four
/// of `backup`'s eight).
fn matches(names: &BTreeSet<String>, keys: &BTreeSet<String>) -> bool {
    let shared = names.intersection(keys).count();
    shared >= 2 && shared * 3 >= names.len() && shared * 2 > keys.len()
}

/// Sites of the section's examples: request examples for the request,
/// success responses for the response. Examples that are not JSON say nothing.
fn section_sites(section: Section, examples: &[Example]) -> Sites {
    let wanted = |e: &&Example| match section {
        Section::Request => e.kind == ExampleKind::Request,
        Section::Response => {
            e.kind == ExampleKind::Response && e.status.is_none_or(|s| (200..300).contains(&s))
        }
        _ => false,
    };
    let mut sites = Sites::new();
    let values = examples.iter().filter(wanted).filter_map(|e| read(&e.body));
    for value in values {
        collect(&value, &mut Vec::new(), &mut sites);
    }
    sites
}

/// An example's JSON, read leniently: pages print trailing commas and
/// comments (JSON5 reads them); what it cannot read says nothing.
fn read(body: &str) -> Option<Value> {
    serde_json::from_str(body)
        .ok()
        .or_else(|| json5::from_str(body).ok())
}

/// Adds the objects below `value` (at `path`) to `sites`, an array's elements
/// together.
fn collect(value: &Value, path: &mut Vec<String>, sites: &mut Sites) {
    let Value::Object(map) = value else {
        if let Value::Array(items) = value {
            items.iter().for_each(|item| collect(item, path, sites));
        }
        return;
    };
    for (key, inner) in map {
        path.push(key.clone());
        let (objects, array): (Vec<&serde_json::Map<String, Value>>, bool) = match inner {
            Value::Object(object) => (vec![object], false),
            Value::Array(items) => (items.iter().filter_map(Value::as_object).collect(), true),
            _ => (Vec::new(), false),
        };
        if !objects.is_empty() {
            let site = sites
                .entry(path.clone())
                .or_insert_with(|| (BTreeSet::new(), array));
            site.0.extend(objects.iter().flat_map(|o| o.keys().cloned()));
        }
        collect(inner, path, sites);
        path.pop();
    }
}

/// The place `path` names among the fields linked so far: every step but the
/// last a field with an object, the last a field wanting one or no field.
fn resolve(linker: &Linker, roots: &[Field], path: &[String]) -> Option<Spot> {
    let (last, parents) = path.split_last()?;
    let mut owner = None;
    for step in parents {
        let fields = owner.map_or(roots, |i: usize| &linker.objects[i].fields);
        let field = fields.iter().find(|f| f.name == *step)?;
        let object = object_of(&field.ty)?;
        owner = Some(linker.objects.iter().position(|o| o.name == object)?);
    }
    let fields = owner.map_or(roots, |i| &linker.objects[i].fields);
    match fields.iter().position(|f| f.name == *last) {
        Some(at) if wants_object(&fields[at]) => Some(Spot::Field(owner, at)),
        Some(_) => None,
        None => Some(Spot::New(owner)),
    }
}

/// Table `t` becomes the object of the field at `spot`, added first where
/// the tables have none; said either way.
fn place(
    linker: &mut Linker,
    roots: &mut Vec<Field>,
    t: usize,
    path: &[String],
    array: bool,
    spot: Spot,
    section: Section,
) {
    let caption = linker.caption(t);
    let key = path.last().cloned().unwrap_or_default();
    let (owner, at, added) = match spot {
        Spot::Field(owner, at) => (owner, at, false),
        Spot::New(owner) => {
            let fields = owner.map_or(&mut *roots, |i| &mut linker.objects[i].fields);
            fields.push(Field {
                name: key.clone(),
                required: Some(false),
                ty: if array { "array<object>" } else { "object" }.to_owned(),
                note: Some(format!(
                    "No row of the page names this field: the table `{caption}` describes it and the example sends it."
                )),
                ..Field::default()
            });
            (owner, fields.len() - 1, true)
        }
    };
    let mut field = match owner {
        None => roots[at].clone(),
        Some(i) => linker.objects[i].fields[at].clone(),
    };
    linker.nest(&mut field, t, section);
    match owner {
        None => roots[at] = field,
        Some(i) => linker.objects[i].fields[at] = field,
    }
    let how = if added {
        "the example sends it and no row names it: added as an optional field"
    } else {
        "the example prints its rows there"
    };
    let message = format!("table `{caption}` describes `{}`: {how}", path.join("."));
    linker.findings.push(Finding::at(
        section,
        Severity::Info,
        "linked-by-example",
        linker.line(t),
        message,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn sites_are_the_objects_below_the_root_by_path() {
        let value: Value = serde_json::from_str(
            r#"{"resources": [{"resource_detail": {"id": "1", "links": [{"href": "h"}]}}, {"resource_detail": {"name": "n"}}], "total": 2}"#,
        )
        .unwrap();
        let mut sites = Sites::new();
        collect(&value, &mut Vec::new(), &mut sites);
        let path = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(sites[&path(&["resources"])], (set(&["resource_detail"]), true));
        assert_eq!(
            sites[&path(&["resources", "resource_detail"])],
            (set(&["id", "links", "name"]), false)
        );
        assert_eq!(
            sites[&path(&["resources", "resource_detail", "links"])].0,
            set(&["href"])
        );
        assert!(!sites.contains_key(&path(&["total"])));
    }

    #[test]
    fn examples_with_trailing_commas_and_comments_are_read() {
        let value = read("{\"a\": {\"b\": 1,}, // a comment\n}").unwrap();
        assert_eq!(value["a"]["b"], 1);
        assert!(read("{\"a\": ...}").is_none());
    }

    #[test]
    fn a_table_matches_an_object_sharing_most_of_both_sides() {
        let keys = set(&["id", "name", "links", "status"]);
        assert!(matches(&set(&["id", "name", "links", "attachments"]), &keys));
        // One shared name is a coincidence; a table of many rows is not a small object.
        assert!(!matches(&set(&["id", "size"]), &keys));
        assert!(!matches(&set(&["id", "name", "a", "b", "c", "d", "e"]), &keys));
        // An example that leaves optional rows out still matches.
        assert!(matches(&set(&["id", "name", "links", "a", "b", "c"]), &keys));
    }

    #[test]
    fn object_types_name_their_table_inside_arrays_and_maps() {
        assert_eq!(object_of("array<Links>").as_deref(), Some("Links"));
        assert_eq!(object_of("map<Meta>").as_deref(), Some("Meta"));
        assert_eq!(object_of("string"), None);
    }
}
