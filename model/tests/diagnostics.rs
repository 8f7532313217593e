//! Spec mistakes are all reported in one run, each at its file:line:col.

use std::path::Path;

mod common;
use common::SERVICE;

const VALID_OPERATION: &str = "\
operation: get_thing
title:
  en: Get a thing
sources:
  - page: demo/get.md
    lang: en
method: GET
uri: /v1/{project_id}/things/{thing_id}
parameters:
  - name: project_id
    in: path
    required: true
    type: string
  - name: thing_id
    in: path
    required: true
    type: string
response:
  fields:
    - name: tags
      type: array<Tag>
objects:
  - name: Tag
    fields:
      - name: key
        required: true
        type: string
";

/// Writes a one-service spec with `operations` and returns its problems as
/// `file:line:col: message` with the directory stripped.
fn check(operations: &[(&str, &str)]) -> Vec<String> {
    check_with_service(SERVICE, operations)
}

#[test]
fn a_valid_operation_passes() {
    assert_eq!(check(&[("get_thing", VALID_OPERATION)]), Vec::<String>::new());
}

#[test]
fn three_mistakes_in_one_file_give_three_located_errors() {
    let broken = VALID_OPERATION
        .replace("{thing_id}", "{thing_id}/{version}")
        .replace(
            "    type: string\n  - name: thing_id",
            "    type: strin\n  - name: thing_id",
        )
        .replace("type: array<Tag>", "type: array<Label>");
    let file = Path::new("demo/operations/get_thing.yaml").display().to_string();
    assert_eq!(
        check(&[("get_thing", &broken)]),
        [
            format!("{file}:8:6: placeholder `{{version}}` has no `in: path` parameter"),
            format!(
                "{file}:13:11: unknown type `strin`: expected string, integer, long, number, boolean, \
                 object, any, file, array<T>, map<T>, text_or<T> or the name of an object table"
            ),
            format!("{file}:21:13: type `array<Label>` refers to object table `Label`, which is not defined"),
        ]
    );
}

#[test]
fn a_renamed_placeholder_is_reported_from_both_sides() {
    let broken = VALID_OPERATION.replace("things/{thing_id}", "things/{thing}");
    let file = Path::new("demo/operations/get_thing.yaml").display().to_string();
    assert_eq!(
        check(&[("get_thing", &broken)]),
        [
            format!("{file}:8:6: placeholder `{{thing}}` has no `in: path` parameter"),
            format!("{file}:14:11: path parameter `thing_id` has no `{{thing_id}}` placeholder in the URI"),
        ]
    );
}

#[test]
fn names_that_collide_after_case_conversion_are_reported_with_both_names() {
    let op = VALID_OPERATION.replace(
        "response:\n",
        "  - name: pageSize\n    in: query\n    type: integer\n  - name: page-size\n    in: query\n    type: integer\nresponse:\n",
    );
    let errors = check(&[("get_thing", &op)]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].ends_with(
            "parameter `page-size` becomes `page_size` in the request struct, like parameter `pageSize`"
        ),
        "{errors:?}"
    );
}

#[test]
fn duplicate_names_and_a_missing_replacement_are_reported() {
    let op = VALID_OPERATION
        .replace("title:", "deprecated:\n  replacement: get_thing_v2\ntitle:")
        .replace(
            "      - name: key\n        required: true\n        type: string\n",
            "      - name: key\n        type: string\n      - name: key\n        type: string\n",
        );
    let errors = check(&[("get_thing", &op)]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].contains(":3:16: replacement `get_thing_v2` is not an operation of service `demo`"),
        "{errors:?}"
    );
    assert!(errors[1].contains("field `key` is listed twice"), "{errors:?}");
}

#[test]
fn a_second_file_with_the_same_id_still_has_its_replacement_checked() {
    let twin = VALID_OPERATION.replace("title:", "deprecated:\n  replacement: get_thing\ntitle:");
    let errors = check(&[("get_thing", VALID_OPERATION), ("get_thing_twin", &twin)]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    let twin_errors: Vec<&String> = errors
        .iter()
        .filter(|e| e.starts_with("demo/operations/get_thing_twin.yaml"))
        .collect();
    assert!(
        twin_errors
            .iter()
            .any(|e| e.contains("an operation cannot replace itself")),
        "{errors:?}"
    );
    assert!(
        twin_errors.iter().any(|e| e.contains("is also defined in")),
        "{errors:?}"
    );
}

#[test]
fn malformed_yaml_is_located_and_other_files_are_still_checked() {
    let bad_yaml = "operation: broken\ntitle: [unclosed\n";
    let errors = check(&[
        ("broken", bad_yaml),
        ("get_thing", &VALID_OPERATION.replace("GET", "FETCH")),
    ]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].starts_with("demo/operations/broken.yaml:2:8: title: invalid type: sequence"),
        "{errors:?}"
    );
    assert!(
        errors[1].starts_with("demo/operations/get_thing.yaml:7:9: method: unknown variant `FETCH`"),
        "{errors:?}"
    );
}

#[test]
fn a_request_or_response_body_may_be_a_json_array_of_objects_with_fields() {
    let response_array =
        VALID_OPERATION.replace("response:\n  fields:", "response:\n  array: true\n  fields:");
    assert_eq!(check(&[("get_thing", &response_array)]), Vec::<String>::new());
    let request_array = VALID_OPERATION.replace(
        "response:\n  fields:",
        "request_body:\n  array: true\n  fields:\n    - name: key\n      type: string\nresponse:\n  fields:",
    );
    assert_eq!(check(&[("get_thing", &request_array)]), Vec::<String>::new());
    let empty_array = VALID_OPERATION.replace(
        "response:\n  fields:",
        "request_body:\n  array: true\n  fields: []\nresponse:\n  fields:",
    );
    let errors = check(&[("get_thing", &empty_array)]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("an array request body needs the fields of its elements"),
        "{errors:?}"
    );
}

/// Regression: a table named like the generated element type of an array
/// response passed `check` and generated two `pub struct`s of that name.
#[test]
fn an_object_table_named_like_a_generated_type_is_a_located_error() {
    let op = VALID_OPERATION
        .replace("response:\n  fields:", "response:\n  array: true\n  fields:")
        .replace("array<Tag>", "array<GetThingResponseItem>")
        .replace("- name: Tag", "- name: GetThingResponseItem");
    let errors = check(&[("get_thing", &op)]);
    assert_eq!(
        errors,
        [
            "demo/operations/get_thing.yaml:24:11: object table `GetThingResponseItem` becomes \
          `GetThingResponseItem` in module `get_thing`, like the response item type"
        ]
    );
}

#[test]
fn builder_names_collide_with_tables_and_the_build_method() {
    let op = VALID_OPERATION
        .replace(
            "    type: string\nresponse:",
            "    type: string\n  - name: build\n    in: query\n    type: string\nresponse:",
        )
        .replace("- name: Tag", "- name: HasThingId")
        .replace("array<Tag>", "array<HasThingId>");
    let errors = check(&[("get_thing", &op)]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].contains("the marker trait of parameter `thing_id` becomes `HasThingId`"),
        "{errors:?}"
    );
    assert!(
        errors[1].contains("the setter of parameter `build` becomes `build`"),
        "{errors:?}"
    );
}

#[test]
fn a_service_id_taken_at_the_crate_root_is_refused() {
    // `services` would include itself, `hwcloud_runtime` makes the runtime's
    // paths ambiguous, `examples`/`example_tests` are the generated tests' files.
    for id in [
        "client",
        "services",
        "hwcloud_runtime",
        "examples",
        "example_tests",
        "std",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let service = dir.path().join(id);
        std::fs::create_dir_all(&service).unwrap();
        std::fs::write(
            service.join("service.yaml"),
            SERVICE.replace("service: demo", &format!("service: {id}")),
        )
        .unwrap();
        let errors = hwcloud_model::load(dir.path()).unwrap_err();
        let error = errors.iter().next().unwrap();
        assert_eq!((error.line, error.col), (1, 10), "{}", error.one_line());
        assert!(
            error
                .message
                .contains(&format!("`{id}` is taken at the crate root")),
            "{}",
            error.message
        );
    }
}

#[test]
fn a_selection_of_services_reads_and_checks_those_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("demo/operations")).unwrap();
    std::fs::write(dir.path().join("demo/service.yaml"), SERVICE).unwrap();
    std::fs::write(dir.path().join("demo/operations/get_thing.yaml"), VALID_OPERATION).unwrap();
    std::fs::create_dir_all(dir.path().join("broken/operations")).unwrap();
    std::fs::write(dir.path().join("broken/service.yaml"), "service: [unclosed").unwrap();
    let errors = hwcloud_model::load(dir.path()).unwrap_err();
    assert!(errors.to_string().contains("broken/service.yaml"), "{errors}");
    let model = hwcloud_model::load_services(dir.path(), |id| id == "demo").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(model.services.len(), 1);
    assert!(
        model
            .files
            .iter()
            .all(|f| !f.starts_with(dir.path().join("broken")))
    );
    let none = hwcloud_model::load_services(dir.path(), |_| false).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        none.services.is_empty(),
        "selecting nothing is no error: a build with no service feature on"
    );
}

#[test]
fn operations_without_a_service_file_are_an_error_not_a_silent_skip() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("demo/operations")).unwrap();
    std::fs::write(dir.path().join("demo/service.yml"), SERVICE).unwrap();
    let errors = hwcloud_model::load(dir.path()).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors}");
    assert!(
        errors.to_string().contains("has operations/ but no service.yaml"),
        "{errors}"
    );
}

#[test]
fn statuses_response_headers_other_bodies_and_constraints_are_checked() {
    let valid = VALID_OPERATION
        .replace(
            "response:\n  fields:",
            "response:\n  status: [200]\n  headers:\n    - name: X-Request-Id\n      type: string\n  fields:",
        )
        .replace(
            "objects:",
            "responses:\n  - status: [400, 404]\n    fields:\n      - name: code\n        type: string\n        max_length: 36\nobjects:",
        );
    assert_eq!(check(&[("get_thing", &valid)]), Vec::<String>::new());
    let broken = valid
        .replace("status: [400, 404]", "status: [200, 999]")
        .replace(
            "      type: string\n  fields:",
            "      type: array<Tag>\n  fields:",
        )
        .replace("        max_length: 36", "        minimum: 1");
    let file = Path::new("demo/operations/get_thing.yaml").display().to_string();
    assert_eq!(
        check(&[("get_thing", &broken)]),
        [
            format!("{file}:22:13: a response header is one scalar value"),
            format!("{file}:27:14: status 200 has two bodies"),
            format!("{file}:27:19: 999 is not an HTTP status"),
            format!("{file}:31:18: `minimum` constrains a number, not `string`"),
        ]
    );
}

#[test]
fn endpoints_name_known_clouds_and_host_patterns() {
    let dir = tempfile::tempdir().unwrap();
    let service = dir.path().join("demo");
    std::fs::create_dir_all(service.join("operations")).unwrap();
    let with_endpoints = |endpoints: &str| SERVICE.replace("error_body:", &format!("{endpoints}error_body:"));
    let good = with_endpoints(
        "endpoint: demo.{region}.myhuaweicloud.com\nendpoints:\n  open-telekom-cloud: demo.{region}.otc.t-systems.com\n",
    );
    std::fs::write(service.join("service.yaml"), &good).unwrap();
    let model = hwcloud_model::load(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let clouds: Vec<(&str, &str)> = model.services[0]
        .endpoints
        .iter()
        .map(|e| (e.variant.as_str(), e.pattern.as_str()))
        .collect();
    assert_eq!(
        clouds,
        [
            ("HuaweiCloud", "demo.{region}.myhuaweicloud.com"),
            ("OpenTelekomCloud", "demo.{region}.otc.t-systems.com")
        ]
    );
    let bad = with_endpoints(
        "endpoint: https://demo.com/v1\nendpoints:\n  aws: demo.{region}.amazonaws.com\n  huawei-cloud: x.com\n",
    );
    std::fs::write(service.join("service.yaml"), &bad).unwrap();
    let errors = hwcloud_model::load(dir.path()).unwrap_err().to_string();
    for expected in [
        "`https://demo.com/v1` is not a host pattern",
        "unknown cloud `aws`",
        "Huawei Cloud's pattern is `endpoint`",
    ] {
        assert!(errors.contains(expected), "{expected}: {errors}");
    }
}

#[test]
fn planes_have_unique_snake_case_names_and_path_prefixes() {
    let dir = tempfile::tempdir().unwrap();
    let service = dir.path().join("demo");
    std::fs::create_dir_all(service.join("operations")).unwrap();
    std::fs::write(service.join("operations/get_thing.yaml"), VALID_OPERATION).unwrap();
    let with_planes = |planes: &str| SERVICE.replace("error_body:", &format!("planes:\n{planes}error_body:"));
    std::fs::write(
        service.join("service.yaml"),
        with_planes("  - name: data\n    uri_prefix: /v1/\n    token_only: true\n"),
    )
    .unwrap();
    let model = hwcloud_model::load(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let plane = model.services[0].operations[0]
        .plane
        .as_ref()
        .expect("/v1/... is on the plane");
    assert_eq!((plane.name.as_str(), plane.token_only), ("data", true));
    std::fs::write(
        service.join("service.yaml"),
        with_planes("  - name: Data Plane\n    uri_prefix: /v1/\n  - name: data\n    uri_prefix: v1\n"),
    )
    .unwrap();
    let errors = hwcloud_model::load(dir.path()).unwrap_err().to_string();
    assert!(
        errors.contains("unique snake_case word") && errors.contains("starts with `/`"),
        "{errors}"
    );
}

/// `check` with a service file of its own.
fn check_with_service(service_yaml: &str, operations: &[(&str, &str)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let service = dir.path().join("demo");
    std::fs::create_dir_all(service.join("operations")).unwrap();
    std::fs::write(service.join("service.yaml"), service_yaml).unwrap();
    for (name, text) in operations {
        std::fs::write(service.join("operations").join(format!("{name}.yaml")), text).unwrap();
    }
    let loaded = hwcloud_model::load(dir.path()).err();
    // Generation validates batch by batch (`outline`): it must say the same.
    let outlined = hwcloud_model::outline(dir.path(), |_| true).err();
    assert_eq!(
        loaded.as_ref().map(|d| format!("{d:?}")),
        outlined.as_ref().map(|d| format!("{d:?}")),
        "load and outline disagree"
    );
    match loaded {
        None => Vec::new(),
        Some(diagnostics) => diagnostics
            .iter()
            .map(|d| {
                let file = d.file.strip_prefix(dir.path()).unwrap_or(&d.file).to_owned();
                format!("{}:{}:{}: {}", file.display(), d.line, d.col, d.message)
            })
            .collect(),
    }
}

const LISTING: &str = "\
operation: list_things
title:
  en: List things
sources:
  - page: demo/list.md
    lang: en
method: GET
uri: /v1/things
parameters:
  - name: offset
    in: query
    type: integer
  - name: tags
    in: query
    type: array<string>
response:
  fields:
    - name: count
      type: integer
    - name: things
      type: array<Thing>
    - name: detail
      type: object
objects:
  - name: Thing
    fields:
      - name: name
        type: string
";

#[test]
fn paginations_name_real_parameters_and_fields_each_where_it_is_wrong() {
    let good = format!(
        "{LISTING}pagination:\n  scheme: offset\n  parameter: offset\n  items: things\n  total: count\n"
    );
    assert_eq!(check(&[("list_things", &good)]), Vec::<String>::new());
    let bad = format!(
        "{LISTING}pagination:\n  scheme: marker\n  parameter: tags\n  page_size: limit\n  items: things.name\n  total: detail\n  first_page: 0\n"
    );
    let errors = check(&[("list_things", &bad)]);
    for expected in [
        "demo/operations/list_things.yaml:30:11: the items are not objects",
        "demo/operations/list_things.yaml:31:14: query parameter `tags` is not an integer or a string",
        "demo/operations/list_things.yaml:32:14: the operation has no query parameter `limit`",
        "demo/operations/list_things.yaml:33:10: `things` in `things.name` has no fields",
        "demo/operations/list_things.yaml:34:10: `detail` is not an integer field",
        "demo/operations/list_things.yaml:35:15: `first_page` belongs to the `page` scheme only",
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(expected)),
            "{expected}\nin {errors:#?}"
        );
    }
    // Items without an `id` give a marker nothing to read unless told where.
    let marker = format!("{LISTING}pagination:\n  scheme: marker\n  parameter: offset\n  items: things\n");
    let errors = check(&[("list_things", &marker)]);
    assert!(errors.iter().any(|e| e.contains("no field `id`")), "{errors:#?}");
    let keyed = format!("{marker}  marker_key: name\n");
    assert_eq!(check(&[("list_things", &keyed)]), Vec::<String>::new());
}

#[test]
fn waiters_poll_an_operation_of_the_service_by_a_scalar_or_json_field() {
    let waiters = |body: &str| format!("{SERVICE}waiters:\n{body}");
    let ok = waiters(
        "  - name: thing_listed\n    operation: list_things\n    field: detail.state.code\n    success: [ok]\n",
    );
    assert_eq!(
        check_with_service(&ok, &[("list_things", LISTING)]),
        Vec::<String>::new()
    );
    let bad = waiters(concat!(
        "  - name: Thing Listed\n    operation: list_things\n    field: count\n    success: [ok]\n",
        "  - name: gone\n    operation: get_gone\n    field: count\n    success: [ok]\n",
        "  - name: on_array\n    operation: list_things\n    field: things\n    success: [ok]\n",
        "  - name: twice\n    operation: list_things\n    field: count\n    success: [1]\n    failure: [1]\n",
        "  - name: slow\n    operation: list_things\n    field: count\n    success: [1]\n    delay: 40\n    max_delay: 5\n",
        "  - name: cased\n    operation: list_things\n    field: count\n    success: [ready]\n    failure: [READY]\n",
    ));
    let errors = check_with_service(&bad, &[("list_things", LISTING)]);
    for (line, message) in [
        (13, "a waiter's name is a unique snake_case word"),
        (18, "the service has no operation `get_gone`"),
        (23, "`things` is not a string, number or boolean"),
        (28, "`1` is listed twice"),
        (34, "the first delay is at least 1 second and at most `max_delay`"),
        // States compare without case when polled, so here too.
        (39, "`READY` is listed twice"),
    ] {
        let at = format!("demo/service.yaml:{line}:");
        assert!(
            errors.iter().any(|e| e.starts_with(&at) && e.contains(message)),
            "{at} {message}\nin {errors:#?}"
        );
    }
}

#[test]
fn an_error_code_written_as_yaml_null_is_an_error_not_the_code_null() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("demo")).unwrap();
    let service = SERVICE.replace("code: DEMO.0001", "code: null");
    std::fs::write(dir.path().join("demo/service.yaml"), service).unwrap();
    let errors = hwcloud_model::load(dir.path()).unwrap_err();
    let error = errors.iter().next().unwrap();
    assert!(
        error.message.contains("the value is null"),
        "{}",
        error.one_line()
    );
    assert!(error.line > 1, "located at the row: {}", error.one_line());
}

/// `VALID_OPERATION` whose `Tag` starts a chain of `depth` required tables.
fn chained(depth: usize) -> String {
    let mut objects = String::new();
    for i in 0..depth {
        let next = if i + 1 == depth {
            "string".to_owned()
        } else {
            format!("T{}", i + 1)
        };
        objects.push_str(&format!(
            "  - name: T{i}\n    fields:\n      - name: next\n        required: true\n        type: {next}\n"
        ));
    }
    VALID_OPERATION
        .replace("type: array<Tag>", "type: array<T0>")
        .replace("objects:\n", &format!("objects:\n{objects}"))
}

#[test]
fn tables_nested_deeper_than_the_compiler_takes_are_a_located_error_in_linear_time() {
    assert_eq!(
        check(&[("get_thing", &chained(64))]),
        Vec::<String>::new(),
        "64 levels compile"
    );
    // 20,000 tables: a recursive walk overflowed the stack, a search per field took minutes.
    let errors = check(&[("get_thing", &chained(20_000))]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("object tables nest 20000 deep from `T0` (at most 64)"),
        "{errors:?}"
    );
    assert!(errors[0].contains("get_thing.yaml:"), "located: {errors:?}");
}

/// `VALID_OPERATION` whose `Tag` is the first of `size` optional tables that
/// each name the next, the last naming the first: a ring.
fn ringed(size: usize) -> String {
    let mut objects = String::new();
    for i in 0..size {
        objects.push_str(&format!(
            "  - name: T{i}\n    fields:\n      - name: next\n        type: T{}\n",
            (i + 1) % size
        ));
    }
    VALID_OPERATION
        .replace("type: array<Tag>", "type: array<T0>")
        .replace("objects:\n", &format!("objects:\n{objects}"))
}

#[test]
fn a_ring_of_tables_counts_every_table_it_goes_through() {
    // A walk that never enters a table twice on one path goes all the way
    // round: a ring of 30,000 overflowed the stack of `check` (and of `diff` at 5,000).
    assert_eq!(
        check(&[("get_thing", &ringed(1))]),
        Vec::<String>::new(),
        "a table of itself"
    );
    assert_eq!(check(&[("get_thing", &ringed(64))]), Vec::<String>::new());
    for size in [65, 30_000] {
        let errors = check(&[("get_thing", &ringed(size))]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains(&format!("object tables nest {size} deep from `T0` (at most 64)")),
            "{errors:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_spec_directory_is_a_located_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("demo/operations")).unwrap();
    std::fs::write(dir.path().join("demo/service.yaml"), SERVICE).unwrap();
    let fifo = dir.path().join("demo/operations/get_thing.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let errors = hwcloud_model::load(dir.path()).unwrap_err();
    let error = errors.iter().next().unwrap();
    assert!(
        error.one_line().contains("get_thing.yaml"),
        "{}",
        error.one_line()
    );
    assert!(error.message.contains("not a regular file"), "{}", error.message);
}

/// `VALID_OPERATION` as a PUT with `body` as its request body.
fn with_body(body: &str) -> String {
    VALID_OPERATION
        .replace("method: GET", "method: PUT")
        .replace("response:", &format!("{body}response:"))
}

#[test]
fn bodies_that_are_not_json_are_checked_where_they_differ() {
    let form = "request_body:\n  media: multipart/form-data\n  fields:\n    - name: content\n      required: true\n      type: file\n    - name: note\n      type: string\n";
    assert_eq!(check(&[("get_thing", &with_body(form))]), Vec::<String>::new());
    let raw = "request_body:\n  media: application/octet-stream\n  fields:\n    - name: image_file\n      type: file\n";
    assert_eq!(check(&[("get_thing", &with_body(raw))]), Vec::<String>::new());
    let cases = [
        (
            "request_body:\n  media: multipart/form-data\n  fields:\n    - name: tags\n      type: array<Tag>\n",
            "a multipart part is a scalar or a `file`, not `array<Tag>`",
        ),
        (
            "request_body:\n  media: application/x-www-form-urlencoded\n  fields:\n    - name: content\n      type: file\n",
            "a field of an `application/x-www-form-urlencoded` body is a scalar, not `file`",
        ),
        (
            "request_body:\n  media: application/octet-stream\n  fields:\n    - name: a\n      type: file\n    - name: b\n      type: file\n",
            "a `application/octet-stream` body is one file",
        ),
        (
            "request_body:\n  fields:\n    - name: content\n      type: file\n",
            "a `file` is a part of a `multipart/form-data` request body or the whole of a raw one",
        ),
        (
            "request_body:\n  media: application/json\n  fields:\n    - name: a\n      type: string\n",
            "is JSON, which a body is without `media`",
        ),
        (
            "request_body:\n  media: \"text/plain\\r\\nX-Evil: 1\"\n  fields:\n    - name: a\n      type: file\n",
            "is not a media type",
        ),
    ];
    for (body, expected) in cases {
        let errors = check(&[("get_thing", &with_body(body))]);
        assert!(errors.iter().any(|e| e.contains(expected)), "{body}\n{errors:#?}");
    }
    let download = VALID_OPERATION.replace("response:\n", "response:\n  media: application/zip\n");
    let errors = check(&[("get_thing", &download)]);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("a `application/zip` response is bytes, not JSON fields")),
        "{errors:#?}"
    );
}

#[test]
fn a_second_2xx_body_makes_an_enum_that_no_paginator_reads() {
    let op = format!(
        "{}  - name: offset\n    in: query\n    type: integer\n{}",
        &VALID_OPERATION[..VALID_OPERATION.find("response:").unwrap()],
        "response:\n  status: [200]\n  fields:\n    - name: tags\n      type: array<Tag>\n\
         responses:\n  - status: [202]\n    fields:\n      - name: job_id\n        type: string\n\
         objects:\n  - name: Tag\n    fields:\n      - name: key\n        required: true\n        type: string\n"
    );
    assert_eq!(check(&[("get_thing", &op)]), Vec::<String>::new());
    let paged = format!("{op}pagination:\n  scheme: offset\n  parameter: offset\n  items: tags\n");
    let errors = check(&[("get_thing", &paged)]);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("one of several 2xx bodies (`responses`): a paginator reads one")),
        "{errors:#?}"
    );
    // The same fields under 202 read into the one type: the paginator stands.
    let same = paged.replace(
        "      - name: job_id\n        type: string\n",
        "      - name: tags\n        type: array<Tag>\n",
    );
    assert_eq!(check(&[("get_thing", &same)]), Vec::<String>::new());
}

#[test]
fn a_json_array_response_carries_headers_except_one_called_items() {
    let array = |header: &str| {
        VALID_OPERATION.replace(
            "response:\n  fields:\n",
            &format!(
                "response:\n  array: true\n  headers:\n    - name: {header}\n      type: string\n  fields:\n"
            ),
        )
    };
    assert_eq!(
        check(&[("get_thing", &array("X-Total-Count"))]),
        Vec::<String>::new()
    );
    let errors = check(&[("get_thing", &array("Items"))]);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("header `Items` becomes `items`, which the array's elements are")),
        "{errors:#?}"
    );
}

#[test]
fn a_table_to_read_needs_a_header_and_rows_as_wide() {
    let tables = "tables:\n  - lang: zh\n    caption: 表 3  资源类型说明\n    header: [资源类型, driverCores]\n    rows:\n      - [A, '2']\n      - [B]\n  - lang: en\n    header: []\n    rows: []\n";
    let file = Path::new("demo/operations/get_thing.yaml").display().to_string();
    assert_eq!(
        check(&[("get_thing", &format!("{VALID_OPERATION}{tables}"))]),
        [
            format!("{file}:34:9: a row of 1 cell(s) under a header of 2"),
            format!("{file}:36:5: a table needs a header of at least one cell"),
        ]
    );
}
