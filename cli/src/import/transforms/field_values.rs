//! Examples that show one field's value, not the whole body.
//!
//! Some pages print, under "example response", the value of one field of the
//! documented body: the elements of `resources` as a bare array, then the
//! `page_info` object, where the table documents `{resources, page_info}`.
//! Read as bodies they would turn the response into an array and add the
//! inner fields at the top. An example shows the value of one of the body's
//! fields when
//! - it is an array whose elements' keys are mostly (two thirds) fields of
//!   the table behind an array field, and the body has a field that is no
//!   array of objects (a body of such fields alone may be the array itself:
//!   `[items]` rows, which reconciling reads as the elements); or
//! - it is an object none of whose keys is a field of the body, all of
//!   whose keys are fields of the table behind an object field, and the page
//!   splits its examples so (more than one
//!   example of the kind). A lone example with a nested table's keys is read
//!   as the body: GES prints its job status flat, and so does the vendor's
//!   definition, whatever the table says.
//!
//! Such an example is kept verbatim as text, its note saying which field it shows.

use serde_json::{Map, Value};

use hwcloud_model::spec::schema::{Body, ExampleFormat, ExampleKind, OperationFile};
use hwcloud_model::spec::types::TypeExpr;

/// Marks each such example and says which field it shows, one line each.
pub fn mark_field_values(op: &mut OperationFile) -> Vec<String> {
    let mut marked = Vec::new();
    let json_of = |kind: ExampleKind| {
        op.examples
            .iter()
            .filter(|e| e.kind == kind && e.format == ExampleFormat::Json)
            .count()
    };
    let split = [ExampleKind::Request, ExampleKind::Response].map(|kind| json_of(kind) > 1);
    for i in 0..op.examples.len() {
        let example = &op.examples[i];
        let split = split[usize::from(example.kind == ExampleKind::Response)];
        let body = match example.kind {
            ExampleKind::Request => op.request_body.as_ref(),
            ExampleKind::Response => op.response.as_ref(),
            ExampleKind::Error => None,
        };
        let Some(body) = body.filter(|b| !b.array && b.media.is_none()) else {
            continue;
        };
        if example.format != ExampleFormat::Json {
            continue;
        }
        let Ok(value) = serde_json::from_str::<Value>(&example.body) else {
            continue;
        };
        let Some(field) = field_shown(op, body, &value, split) else {
            continue;
        };
        let kind = format!("{:?}", example.kind).to_lowercase();
        let example = &mut op.examples[i];
        example.format = ExampleFormat::Text;
        example.note = Some(format!(
            "Shows the value of `{field}`, not the whole body; kept verbatim."
        ));
        marked.push(format!(
            "a {kind} example shows the value of field `{field}`, not the whole body; kept as text"
        ));
    }
    marked
}

/// The field of `body` whose value `value` is, if it is one; `split`: the
/// page prints more than one example of the kind.
fn field_shown(op: &OperationFile, body: &Body, value: &Value, split: bool) -> Option<String> {
    let keys = sample_object(value)?;
    // An object that names a field of the body may be the body; an array
    // cannot be a body documented as an object (Kubernetes lists name
    // `kind` and `metadata` both in the list and in each item).
    if value.is_object() && body.fields.iter().any(|f| keys.contains_key(&f.name)) {
        return None;
    }
    let not_all_arrays = body
        .fields
        .iter()
        .any(|f| !table_of(&f.ty).is_some_and(|(_, array)| array));
    body.fields
        .iter()
        .find(|field| {
            let Some((table, is_array)) = table_of(&field.ty) else {
                return false;
            };
            let Some(table) = op.objects.iter().find(|o| o.name == table) else {
                return false;
            };
            let known = keys
                .keys()
                .filter(|k| table.fields.iter().any(|f| &f.name == *k))
                .count();
            match (is_array, value.is_array()) {
                (true, true) => not_all_arrays && known * 3 >= keys.len() * 2,
                (false, false) => split && known == keys.len(),
                _ => false,
            }
        })
        .map(|field| field.name.clone())
}

/// The object an example shows: itself, or an array's first element.
fn sample_object(value: &Value) -> Option<&Map<String, Value>> {
    let object = match value {
        Value::Array(items) => items.first()?.as_object()?,
        Value::Object(object) => object,
        _ => return None,
    };
    (!object.is_empty()).then_some(object)
}

/// The object table a field's type names, and whether it holds an array of them.
fn table_of(ty: &str) -> Option<(String, bool)> {
    match TypeExpr::parse(ty).ok()? {
        TypeExpr::Ref(name) => Some((name, false)),
        TypeExpr::Array(inner) => match *inner {
            TypeExpr::Ref(name) => Some((name, true)),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESOURCES: &str = "operation: list_resources\ntitle: {en: List}\nsources: []\nmethod: GET\nuri: /v1/resources\n\
        response:\n  fields:\n  - name: resources\n    type: array<Resource>\n  - name: page_info\n    type: PageInfo\n\
        objects:\n- name: Resource\n  fields:\n  - name: id\n    type: string\n  - name: name\n    type: string\n\
        - name: PageInfo\n  fields:\n  - name: current_count\n    type: integer\n  - name: next_marker\n    type: string\n";

    fn with_examples(bodies: &[&str]) -> OperationFile {
        let mut op: OperationFile = serde_yaml::from_str(RESOURCES).unwrap();
        for body in bodies {
            op.examples
                .push(serde_yaml::from_str(&format!("kind: response\nstatus: 200\nbody: '{body}'")).unwrap());
        }
        op
    }

    #[test]
    fn the_elements_of_an_array_field_and_a_nested_object_are_values_of_their_fields() {
        let mut op = with_examples(&[
            r#"[{"id": "r1", "name": "elb", "provider": "elb"}]"#,
            r#"{"current_count": 7, "next_marker": "CAES"}"#,
        ]);
        let marked = mark_field_values(&mut op);
        assert_eq!(marked.len(), 2, "{marked:?}");
        assert!(op.examples.iter().all(|e| e.format == ExampleFormat::Text));
        assert!(op.examples[0].note.as_deref().unwrap().contains("`resources`"));
        assert!(op.examples[1].note.as_deref().unwrap().contains("`page_info`"));
    }

    #[test]
    fn a_body_example_or_an_unknown_shape_stays_json() {
        let mut op = with_examples(&[
            r#"{"resources": [], "page_info": {"current_count": 0}}"#,
            // The shape of `resources`' elements, but not an array: not its value.
            r#"{"id": "r1", "name": "elb"}"#,
            r#"{"unknown": 1}"#,
            // One key of two from a nested table is no field's value.
            r#"[{"id": "r1", "links": {}}]"#,
        ]);
        assert!(mark_field_values(&mut op).is_empty());
        assert!(op.examples.iter().all(|e| e.format == ExampleFormat::Json));
    }

    #[test]
    fn an_array_example_of_a_body_of_object_arrays_alone_is_left_to_reconciling() {
        let items = RESOURCES.replace("  - name: page_info\n    type: PageInfo\n", "");
        let mut op: OperationFile = serde_yaml::from_str(&items).unwrap();
        op.examples.push(
            serde_yaml::from_str(
                "kind: response\nstatus: 200\nbody: '[{\"id\": \"r1\", \"name\": \"elb\"}]'",
            )
            .unwrap(),
        );
        assert!(mark_field_values(&mut op).is_empty());
    }

    #[test]
    fn a_lone_example_with_a_nested_tables_keys_is_the_body() {
        let mut op = with_examples(&[r#"{"current_count": 7, "next_marker": "CAES"}"#]);
        assert!(mark_field_values(&mut op).is_empty());
    }
}
