//! Object tables several operations document alike become one shared type.

use hwcloud_model::model::Service;

mod common;
use common::SERVICE;

/// An operation `id` whose response lists `Thing`s, with these object tables.
fn operation(id: &str, objects: &str) -> String {
    format!(
        "\
operation: {id}
title:
  en: {id}
sources:
  - page: demo/{id}.md
    lang: en
method: GET
uri: /v1/{id}
response:
  fields:
    - name: things
      type: array<Thing>
objects:
{objects}"
    )
}

fn table(name: &str, fields: &[(&str, &str, &str)]) -> String {
    let mut text = format!("  - name: {name}\n    fields:\n");
    for (field, ty, description) in fields {
        text += &format!(
            "      - name: {field}\n        required: true\n        type: {ty}\n        description:\n          en: {description}\n"
        );
    }
    text
}

fn load(operations: &[(&str, String)]) -> Service {
    let dir = tempfile::tempdir().unwrap();
    let service = dir.path().join("demo");
    std::fs::create_dir_all(service.join("operations")).unwrap();
    std::fs::write(service.join("service.yaml"), SERVICE).unwrap();
    for (id, text) in operations {
        std::fs::write(service.join(format!("operations/{id}.yaml")), text).unwrap();
    }
    let mut model = hwcloud_model::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    model.services.remove(0)
}

fn local(service: &Service, op: &str) -> Vec<String> {
    let op = service.operation(op).unwrap();
    op.local_objects().map(|o| o.name.clone()).collect()
}

fn shared(service: &Service, op: &str) -> Vec<String> {
    service.operation(op).unwrap().shared.clone()
}

const THING: &[(&str, &str, &str)] = &[("id", "string", "The id."), ("tags", "array<Tag>", "Tags.")];
const TAG: &[(&str, &str, &str)] = &[("key", "string", "The key.")];

#[test]
fn tables_two_operations_document_alike_are_one_type_re_exported_by_both() {
    let objects = table("Thing", THING) + &table("Tag", TAG);
    let service = load(&[
        ("list_things", operation("list_things", &objects)),
        ("show_things", operation("show_things", &objects)),
    ]);
    assert_eq!(service.types_module, "types");
    let names: Vec<&str> = service.shared_objects.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["Thing", "Tag"], "in the order first documented");
    for op in ["list_things", "show_things"] {
        assert_eq!(shared(&service, op), ["Thing", "Tag"]);
        assert!(local(&service, op).is_empty());
        let op_model = service.operation(op).unwrap();
        assert_eq!(service.object(op_model, "Tag").unwrap().fields[0].wire, "key");
    }
    assert!(
        service
            .shared_objects
            .iter()
            .all(|o| o.in_response && !o.in_request)
    );
}

#[test]
fn a_table_one_operation_documents_stays_in_its_module() {
    let service = load(&[
        (
            "list_things",
            operation("list_things", &(table("Thing", THING) + &table("Tag", TAG))),
        ),
        (
            "show_things",
            operation("show_things", &table("Thing", &[("id", "string", "The id.")])),
        ),
    ]);
    assert!(service.shared_objects.is_empty());
    assert_eq!(local(&service, "list_things"), ["Thing", "Tag"]);
    assert_eq!(local(&service, "show_things"), ["Thing"]);
}

#[test]
fn of_two_shapes_of_a_name_the_one_most_operations_document_is_shared() {
    let other_tag = table(
        "Tag",
        &[("key", "string", "The key."), ("value", "string", "The value.")],
    );
    let plain = table("Thing", &[("id", "string", "The id.")]);
    let service = load(&[
        (
            "a_things",
            operation("a_things", &(plain.clone() + &table("Tag", TAG))),
        ),
        ("b_things", operation("b_things", &(plain.clone() + &other_tag))),
        ("c_things", operation("c_things", &(plain.clone() + &other_tag))),
    ]);
    let tag = service.shared_objects.iter().find(|o| o.name == "Tag").unwrap();
    assert_eq!(tag.fields.len(), 2, "the shape two operations document");
    assert_eq!(local(&service, "a_things"), ["Tag"]);
    assert_eq!(shared(&service, "a_things"), ["Thing"]);
    assert_eq!(shared(&service, "b_things"), ["Thing", "Tag"]);
}

#[test]
fn a_table_is_shared_only_with_every_table_it_reaches() {
    // `a` and `b` document the same `Thing` and `Tag`; `c`, `d` and `e` another
    // `Tag` alike, and `Thing` each its own way. That other `Tag` is the one
    // shared, so `a`'s and `b`'s `Thing`, which names their `Tag`, stays theirs.
    let other_tag = table("Tag", &[("key", "integer", "The key.")]);
    let service = load(&[
        (
            "a_things",
            operation("a_things", &(table("Thing", THING) + &table("Tag", TAG))),
        ),
        (
            "b_things",
            operation("b_things", &(table("Thing", THING) + &table("Tag", TAG))),
        ),
        (
            "c_things",
            operation(
                "c_things",
                &(table("Thing", &[("id", "string", "Id.")]) + &other_tag),
            ),
        ),
        (
            "d_things",
            operation(
                "d_things",
                &(table("Thing", &[("id", "long", "Id.")]) + &other_tag),
            ),
        ),
        (
            "e_things",
            operation(
                "e_things",
                &(table("Thing", &[("name", "string", "N.")]) + &other_tag),
            ),
        ),
    ]);
    let names: Vec<&str> = service.shared_objects.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["Tag"]);
    assert_eq!(local(&service, "a_things"), ["Thing", "Tag"]);
    assert_eq!(local(&service, "b_things"), ["Thing", "Tag"]);
    assert_eq!(shared(&service, "c_things"), ["Tag"]);
}

#[test]
fn descriptions_may_differ_and_the_shared_type_carries_the_most_given() {
    let with = |description: &str| table("Thing", &[("id", "string", description)]);
    let service = load(&[
        ("a_things", operation("a_things", &with("Its id."))),
        ("b_things", operation("b_things", &with("The id of the thing."))),
        ("c_things", operation("c_things", &with("The id of the thing."))),
    ]);
    let thing = &service.shared_objects[0];
    assert_eq!(
        thing.fields[0].docs.description.en.as_deref(),
        Some("The id of the thing.")
    );
    assert_eq!(shared(&service, "a_things"), ["Thing"]);
}

#[test]
fn an_operation_called_types_leaves_the_module_its_name() {
    let objects = table("Thing", &[("id", "string", "The id.")]);
    let service = load(&[
        ("types", operation("types", &objects)),
        ("show_types", operation("show_types", &objects)),
    ]);
    assert_eq!(service.types_module, "shared_types");
    assert_eq!(shared(&service, "types"), ["Thing"]);
}

#[test]
fn a_table_shared_by_a_request_and_a_response_serves_both() {
    let request = "\
operation: create_thing
title:
  en: create
sources:
  - page: demo/create.md
    lang: en
method: POST
uri: /v1/things
request_body:
  fields:
    - name: thing
      required: true
      type: Thing
objects:
"
    .to_owned()
        + &table("Thing", &[("id", "string", "The id.")]);
    let service = load(&[
        ("create_thing", request),
        (
            "list_things",
            operation("list_things", &table("Thing", &[("id", "string", "The id.")])),
        ),
    ]);
    let thing = &service.shared_objects[0];
    assert!(thing.in_request && thing.in_response);
}
