//! Every classification of `codegen diff`, on small specs written here, plus the
//! CLI: output formats, `--fail-on` exit codes, git revisions, invalid sides.

use std::path::Path;
use std::process::Command;

use hwcloud_codegen_cli::diff::{self, Class, Diff};

const SERVICE: &str = "service: demo\nname:\n  en: Demo\nerror_body:\n  - code: error_code\n    message: error_msg\nerror_codes:\n  - status: 400\n    code: DEMO.0001\n    message:\n      en: Bad.\n";

const OPERATION: &str = "\
operation: list_things
title:
  en: Listing things
sources:
  - page: demo/list.md
    lang: en
method: GET
uri: /v1/{project_id}/things
parameters:
  - name: project_id
    in: path
    required: true
    type: string
    description:
      en: Project ID.
  - name: limit
    in: query
    required: false
    type: integer
response:
  fields:
    - name: things
      required: true
      type: array<Thing>
objects:
  - name: Thing
    caption:
      en: things
    fields:
      - name: status
        type: string
        description:
          en: Status.
examples:
  - kind: response
    status: 200
    body: |
      {\"things\": []}
";

fn write(dir: &Path, service: &str, operations: &[&str]) {
    let ops = dir.join("demo/operations");
    std::fs::create_dir_all(&ops).unwrap();
    std::fs::write(dir.join("demo/service.yaml"), service).unwrap();
    for op in operations {
        let id = op.lines().next().unwrap().trim_start_matches("operation: ");
        std::fs::write(ops.join(format!("{id}.yaml")), op).unwrap();
    }
}

fn model(service: &str, operations: &[&str]) -> hwcloud_model::Model {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), service, operations);
    hwcloud_model::load(dir.path()).unwrap_or_else(|d| panic!("{d}"))
}

fn between(old: &str, new: &str) -> Diff {
    diff::diff(&model(SERVICE, &[old]), &model(SERVICE, &[new]))
}

/// The (class, what, path) of each change.
fn summary(diff: &Diff) -> Vec<(Class, String, String)> {
    diff.changes
        .iter()
        .map(|c| (c.class, c.what.clone(), c.path.clone()))
        .collect()
}

fn one(diff: &Diff, class: Class, what: &str, path: &str) {
    assert_eq!(
        summary(diff),
        [(class, what.to_owned(), path.to_owned())],
        "{diff:#?}"
    );
}

#[test]
fn identical_specs_have_no_changes() {
    let diff = between(OPERATION, OPERATION);
    assert!(diff.changes.is_empty());
    assert_eq!(diff.semver(), "none");
}

#[test]
fn breaking_changes() {
    one(
        &between(OPERATION, &OPERATION.replace("method: GET", "method: POST")),
        Class::Breaking,
        "method or URI changed",
        "uri",
    );
    one(
        &between(OPERATION, &OPERATION.replace("/things", "/items")),
        Class::Breaking,
        "method or URI changed",
        "uri",
    );
    one(
        &between(
            OPERATION,
            &OPERATION.replace(
                "response:",
                "  - name: owner\n    in: query\n    required: true\n    type: string\nresponse:",
            ),
        ),
        Class::Breaking,
        "required parameter added",
        "query.owner",
    );
    one(
        &between(
            OPERATION,
            &OPERATION.replace(
                "    required: false\n    type: integer",
                "    required: true\n    type: integer",
            ),
        ),
        Class::Breaking,
        "optional became required",
        "query.limit",
    );
    one(
        &between(OPERATION, &OPERATION.replace("type: integer", "type: long")),
        Class::Breaking,
        "type changed",
        "query.limit",
    );
    let removed = OPERATION.replace(
        "      - name: status\n        type: string\n        description:\n          en: Status.\n",
        "      - name: state\n        type: string\n",
    );
    let diff = between(OPERATION, &removed);
    assert!(
        summary(&diff).contains(&(
            Class::Breaking,
            "response field removed".into(),
            "response.things[].status".into()
        )),
        "{diff:#?}"
    );
    let change = diff
        .changes
        .iter()
        .find(|c| c.what == "response field removed")
        .unwrap();
    assert_eq!(change.rust_item, "demo::list_things::Thing::status");
    one(
        &between(
            OPERATION,
            &OPERATION.replace(
                "      - name: status\n        type: string",
                "      - name: status\n        type: integer",
            ),
        ),
        Class::Breaking,
        "response field retyped",
        "response.things[].status",
    );
    let fewer_codes = SERVICE.replace(
        "  - status: 400\n    code: DEMO.0001\n    message:\n      en: Bad.\n",
        "",
    );
    let diff = diff::diff(
        &model(SERVICE, &[OPERATION]),
        &model(
            &fewer_codes.replace("error_codes:\n", "error_codes: []\n"),
            &[OPERATION],
        ),
    );
    one(&diff, Class::Breaking, "error code removed", "error_codes");
    assert_eq!(diff.changes[0].rust_item, "demo::ErrorCode::Demo0001");
    let renamed = OPERATION.replace("operation: list_things", "operation: list_all_things");
    let diff = between(OPERATION, &renamed);
    one(&diff, Class::Breaking, "Rust name changed", "operation");
    assert_eq!(
        (diff.changes[0].old.as_deref(), diff.changes[0].new.as_deref()),
        (Some("ListThingsRequest"), Some("ListAllThingsRequest"))
    );
    one(
        &between(
            OPERATION,
            &OPERATION
                .replace("  - name: Thing\n", "  - name: Item\n")
                .replace("array<Thing>", "array<Item>"),
        ),
        Class::Breaking,
        "Rust name changed",
        "response.things",
    );
    assert_eq!(
        between(OPERATION, &OPERATION.replace("method: GET", "method: POST")).semver(),
        "major"
    );
}

#[test]
fn additive_changes() {
    let other = OPERATION
        .replace("operation: list_things", "operation: show_thing")
        .replace("/things", "/things/{id}")
        .replace(
            "  - name: limit",
            "  - name: id\n    in: path\n    required: true\n    type: string\n  - name: limit",
        );
    let diff = diff::diff(
        &model(SERVICE, &[OPERATION]),
        &model(SERVICE, &[OPERATION, &other]),
    );
    // The new operation documents `Thing` as `list_things` does: now one type
    // (changes are ordered by operation).
    assert_eq!(
        summary(&diff),
        [
            (
                Class::Additive,
                "table became a shared type".to_owned(),
                "Thing".to_owned()
            ),
            (
                Class::Additive,
                "operation added".to_owned(),
                "operation".to_owned()
            ),
        ]
    );
    one(
        &between(
            OPERATION,
            &OPERATION.replace(
                "response:",
                "  - name: offset\n    in: query\n    type: integer\nresponse:",
            ),
        ),
        Class::Additive,
        "optional parameter added",
        "query.offset",
    );
    one(
        &between(
            OPERATION,
            &OPERATION.replace(
                "        description:\n          en: Status.\n",
                "        description:\n          en: Status.\n      - name: size\n        type: long\n",
            ),
        ),
        Class::Additive,
        "response field added",
        "response.things[].size",
    );
    let more_codes =
        format!("{SERVICE}  - status: 404\n    code: DEMO.0404\n    message:\n      en: Missing.\n");
    let diff = diff::diff(&model(SERVICE, &[OPERATION]), &model(&more_codes, &[OPERATION]));
    one(&diff, Class::Additive, "error code added", "error_codes");
    let deprecated = OPERATION.replace("title:", "deprecated:\n  note:\n    en: Out of date.\ntitle:");
    let diff = between(OPERATION, &deprecated);
    one(&diff, Class::Additive, "operation deprecated", "deprecated");
    assert_eq!(diff.semver(), "minor");
}

#[test]
fn documentation_only_changes() {
    one(
        &between(
            OPERATION,
            &OPERATION.replace("en: Project ID.", "en: The project."),
        ),
        Class::Documentation,
        "text changed (en)",
        "path.project_id.description",
    );
    one(
        &between(
            OPERATION,
            &OPERATION.replace("en: Listing things", "en: Listing all things"),
        ),
        Class::Documentation,
        "text changed (en)",
        "title",
    );
    one(
        &between(
            OPERATION,
            &OPERATION.replace("{\"things\": []}", "{\"things\": [{\"status\": \"ok\"}]}"),
        ),
        Class::Documentation,
        "examples changed",
        "examples",
    );
    one(
        &between(
            OPERATION,
            &OPERATION.replace("      en: things\n", "      en: things parameters\n"),
        ),
        Class::Documentation,
        "text changed (en)",
        "response.things[].caption",
    );
    let with_table = |rows: &str| {
        format!(
            "{OPERATION}tables:\n  - lang: en\n    caption: Table 3 Resource types\n    header: [Type, Cores]\n    rows: [{rows}]\n"
        )
    };
    let one_row = with_table("[A, '2']");
    one(
        &between(OPERATION, &one_row),
        Class::Documentation,
        "table added",
        "tables",
    );
    one(
        &between(&one_row, &with_table("[A, '4']")),
        Class::Documentation,
        "table changed",
        "tables",
    );
    one(
        &between(&one_row, OPERATION),
        Class::Documentation,
        "table removed",
        "tables",
    );
    // {project_id} -> {projectId}: the Rust name stays `project_id`, the name never travels.
    let camel = OPERATION
        .replace("{project_id}", "{projectId}")
        .replace("  - name: project_id", "  - name: projectId");
    let diff = between(OPERATION, &camel);
    assert!(
        diff.changes.iter().all(|c| c.class == Class::Documentation),
        "{diff:#?}"
    );
    assert!(
        summary(&diff).contains(&(Class::Documentation, "placeholder renamed".into(), "uri".into())),
        "{diff:#?}"
    );
    assert!(summary(&diff).contains(&(
        Class::Documentation,
        "placeholder name changed".into(),
        "path.projectId".into()
    )));
    assert_eq!(diff.semver(), "patch");
}

fn codegen(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn formats_and_fail_on_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("old"), SERVICE, &[OPERATION]);
    write(
        &dir.path().join("new"),
        SERVICE,
        &[&OPERATION
            .replace("type: integer", "type: long")
            .replace("en: Project ID.", "en: The project.")],
    );

    let (code, text, _) = codegen(dir.path(), &["diff", "old", "new"]);
    assert_eq!(code, Some(0));
    assert!(text.contains("demo.list_things\n  breaking      query.limit: type changed (`Option<i32>` -> `Option<i64>`) [demo::ListThingsRequest::limit]"), "{text}");
    assert!(
        text.ends_with("1 breaking, 0 additive, 1 documentation-only change(s); semver: major\n"),
        "{text}"
    );

    let (_, markdown, _) = codegen(dir.path(), &["diff", "old", "new", "--format", "markdown"]);
    assert!(
        markdown.starts_with(
            "### 🔴 Spec diff: 1 breaking, 0 additive, 1 documentation-only change(s); semver: major"
        ),
        "{markdown}"
    );
    assert!(markdown.contains("| breaking | type changed | `query.limit` | `Option<i32>` | `Option<i64>` | `demo::ListThingsRequest::limit` |"), "{markdown}");

    let (_, json, _) = codegen(dir.path(), &["diff", "old", "new", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        (json["breaking"].as_u64(), json["semver"].as_str()),
        (Some(1), Some("major"))
    );
    assert_eq!(json["changes"][0]["rust_item"], "demo::ListThingsRequest::limit");

    assert_eq!(
        codegen(dir.path(), &["diff", "old", "new", "--fail-on", "breaking"]).0,
        Some(1)
    );
    assert_eq!(
        codegen(dir.path(), &["diff", "old", "old", "--fail-on", "documentation"]).0,
        Some(0)
    );
    write(
        &dir.path().join("docs"),
        SERVICE,
        &[&OPERATION.replace("en: Project ID.", "en: The project.")],
    );
    assert_eq!(
        codegen(dir.path(), &["diff", "old", "docs", "--fail-on", "breaking"]).0,
        Some(0)
    );
    assert_eq!(
        codegen(dir.path(), &["diff", "old", "docs", "--fail-on", "documentation"]).0,
        Some(1)
    );
}

#[test]
fn an_invalid_side_is_named_and_nothing_panics() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("old"), SERVICE, &[OPERATION]);
    write(
        &dir.path().join("new"),
        SERVICE,
        &[&OPERATION.replace("array<Thing>", "array<Missing>")],
    );
    let (code, _, stderr) = codegen(dir.path(), &["diff", "old", "new"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("error: NEW (`new`) is not a valid spec:"),
        "{stderr}"
    );
    assert!(stderr.contains("refers to object table `Missing`"), "{stderr}");
    let (code, _, stderr) = codegen(dir.path(), &["diff", "no-such-rev", "new"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("OLD (`no-such-rev`) is not a directory nor a git revision"),
        "{stderr}"
    );
}

#[test]
fn git_revisions_and_the_working_tree() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .current_dir(dir.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    write(&dir.path().join("spec"), SERVICE, &[OPERATION]);
    git(&["add", "."]);
    git(&["commit", "-qm", "one"]);
    write(
        &dir.path().join("spec"),
        SERVICE,
        &[&OPERATION.replace(
            "response:",
            "  - name: offset\n    in: query\n    type: integer\nresponse:",
        )],
    );
    git(&["commit", "-qam", "two"]);

    let (code, text, stderr) = codegen(dir.path(), &["diff", "HEAD~1", "HEAD"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(text.contains("optional parameter added"), "{text}");

    write(
        &dir.path().join("spec"),
        SERVICE,
        &[&OPERATION.replace("method: GET", "method: DELETE")],
    );
    let (code, text, stderr) = codegen(dir.path(), &["diff", "--fail-on", "breaking"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(text.contains("method or URI changed"), "{text}");
}

#[test]
fn a_response_that_becomes_a_json_array_is_breaking() {
    let array = OPERATION.replace("response:\n  fields:", "response:\n  array: true\n  fields:");
    one(
        &between(OPERATION, &array),
        Class::Breaking,
        "response body shape changed",
        "response",
    );
}

#[test]
fn constraint_changes_by_side_and_direction() {
    let limited =
        |rule: &str| OPERATION.replace("    type: integer\n", &format!("    type: integer\n    {rule}\n"));
    // An input's bounds are checked before sending: tighter breaks callers.
    one(
        &between(&limited("maximum: 100"), &limited("maximum: 50")),
        Class::Breaking,
        "maximum tightened (checked before sending)",
        "query.limit",
    );
    one(
        &between(OPERATION, &limited("minimum: 1")),
        Class::Breaking,
        "minimum tightened (checked before sending)",
        "query.limit",
    );
    one(
        &between(&limited("maximum: 50"), OPERATION),
        Class::Additive,
        "maximum loosened",
        "query.limit",
    );
    // A response field's are documentation.
    let status = |rule: &str| {
        OPERATION.replace(
            "          en: Status.\n",
            &format!("          en: Status.\n        {rule}\n"),
        )
    };
    one(
        &between(&status("max_length: 36"), &status("max_length: 16")),
        Class::Documentation,
        "max_length changed",
        "response.things[].status",
    );
}

#[test]
fn response_headers_statuses_and_error_bodies_are_classified() {
    let base = OPERATION.replace("response:\n  fields:", "response:\n  status: [200]\n  fields:");
    let with_header = base.replace(
        "status: [200]\n",
        "status: [200]\n  headers:\n    - name: X-Subject-Token\n      type: string\n",
    );
    one(
        &between(&base, &with_header),
        Class::Additive,
        "response field added",
        "response.headers.X-Subject-Token",
    );
    one(
        &between(&with_header, &base),
        Class::Breaking,
        "response field removed",
        "response.headers.X-Subject-Token",
    );
    let lower = with_header.replace("name: X-Subject-Token", "name: x-subject-token");
    assert!(
        between(&with_header, &lower).changes.is_empty(),
        "header names ignore case"
    );
    let created = with_header.replace("status: [200]", "status: [201]");
    one(
        &between(&with_header, &created),
        Class::Documentation,
        "success statuses changed",
        "response.status",
    );
    let error_body = "responses:\n  - status: [400, 404]\n    fields:\n      - name: error_code\n        type: string\nobjects:";
    let with_errors = OPERATION.replace("objects:", error_body);
    let documented: Vec<_> = [400, 404]
        .map(|s| {
            (
                Class::Documentation,
                "status body documented".to_owned(),
                format!("responses[{s}]"),
            )
        })
        .into();
    assert_eq!(summary(&between(OPERATION, &with_errors)), documented);
    let renamed = with_errors.replace("name: error_code", "name: code");
    let diff = between(&with_errors, &renamed);
    assert!(
        summary(&diff).contains(&(
            Class::Documentation,
            "status body changed".into(),
            "responses[400]".into()
        )),
        "{diff:#?}"
    );
    assert_eq!(diff.semver(), "patch");
}

#[test]
fn paginators_and_waiters_are_classified() {
    let paged = format!("{OPERATION}pagination:\n  scheme: offset\n  parameter: limit\n  items: things\n");
    let by_page = paged.replace("scheme: offset", "scheme: page");
    let waiter = "waiters:\n  - name: things_ready\n    operation: list_things\n    field: things\n    success: [ready]\n";
    let with_waiter = format!("{SERVICE}{waiter}");
    let diff_of = |old: (&str, &str), new: (&str, &str)| {
        let (a, b) = (model(old.0, &[old.1]), model(new.0, &[new.1]));
        diff::diff(&a, &b)
    };
    let added = diff_of((SERVICE, OPERATION), (SERVICE, &paged));
    one(&added, Class::Additive, "paginator added", "pagination");
    let removed = diff_of((SERVICE, &paged), (SERVICE, OPERATION));
    one(&removed, Class::Breaking, "paginator removed", "pagination");
    let rule = diff_of((SERVICE, &paged), (SERVICE, &by_page));
    one(&rule, Class::Documentation, "paging rule changed", "pagination");
    let on_status = with_waiter.replace("field: things", "field: things_state");
    let op_with_state = OPERATION.replace(
        "response:\n  fields:\n",
        "response:\n  fields:\n    - name: things_state\n      type: string\n",
    );
    let gained = diff_of((SERVICE, &op_with_state), (&on_status, &op_with_state));
    one(&gained, Class::Additive, "waiter added", "waiters");
    let retuned = on_status.replace("success: [ready]", "success: [ready, done]");
    let changed = diff_of((&on_status, &op_with_state), (&retuned, &op_with_state));
    one(&changed, Class::Documentation, "waiter changed", "waiters");
    let lost = diff_of((&on_status, &op_with_state), (SERVICE, &op_with_state));
    one(&lost, Class::Breaking, "waiter removed", "waiters");
}

/// `list_things` under another id and path: it documents the same `Thing`.
fn twin(op: &str) -> String {
    op.replace("operation: list_things", "operation: show_things")
        .replace("uri: /v1/{project_id}/things", "uri: /v1/{project_id}/things/all")
}

#[test]
fn a_change_inside_a_shared_table_is_reported_for_each_operation() {
    let new = OPERATION.replace(
        "        type: string\n        description:\n          en: Status.",
        "        type: integer\n        description:\n          en: Status.",
    );
    assert_ne!(new, OPERATION);
    let old_model = model(SERVICE, &[OPERATION, &twin(OPERATION)]);
    assert_eq!(old_model.services[0].shared_objects.len(), 1, "Thing is shared");
    let diff = diff::diff(&old_model, &model(SERVICE, &[&new, &twin(&new)]));
    let ops: Vec<(Class, Option<&str>, &str)> = diff
        .changes
        .iter()
        .map(|c| (c.class, c.operation.as_deref(), c.path.as_str()))
        .collect();
    assert_eq!(
        ops,
        [
            (Class::Breaking, Some("list_things"), "response.things[].status"),
            (Class::Breaking, Some("show_things"), "response.things[].status"),
        ],
        "{diff:#?}"
    );
}

#[test]
fn a_table_that_becomes_or_stops_being_shared_is_reported() {
    let alone = model(SERVICE, &[OPERATION]);
    let twins = model(SERVICE, &[OPERATION, &twin(OPERATION)]);
    let became = diff::diff(&alone, &twins);
    let shared: Vec<&diff::Change> = became.changes.iter().filter(|c| c.path == "Thing").collect();
    assert_eq!(shared.len(), 1, "{became:#?}");
    assert_eq!(
        shared[0].class,
        Class::Additive,
        "a response table keeps its fields"
    );
    assert_eq!(shared[0].what, "table became a shared type");
    assert_eq!(shared[0].new.as_deref(), Some("demo::types::Thing"));
    assert_eq!(shared[0].rust_item, "demo::list_things::Thing");
    let stopped = diff::diff(&twins, &alone);
    let split: Vec<&diff::Change> = stopped.changes.iter().filter(|c| c.path == "Thing").collect();
    assert_eq!(split.len(), 1, "{stopped:#?}");
    assert_eq!(
        (split[0].class, split[0].what.as_str()),
        (Class::Breaking, "table no longer a shared type")
    );
}

/// `OPERATION` whose `Thing` table refers to itself, directly and through `Part`.
fn recursive(status_description: &str) -> String {
    OPERATION
        .replace("en: Status.", &format!("en: {status_description}"))
        .replace(
            "examples:",
            "      - name: children\n        type: array<Thing>\n      - name: part\n        type: Part\n  - name: Part\n    fields:\n      - name: owner\n        type: Thing\nexamples:",
        )
}

#[test]
fn tables_that_refer_to_themselves_are_compared_once_per_path_without_end() {
    let (old, new) = (recursive("Status."), recursive("State."));
    let diff = between(&old, &new);
    // The description changed once; the walk does not follow `children` or
    // `part.owner` back into `Thing` again.
    assert_eq!(
        summary(&diff),
        [(
            Class::Documentation,
            "text changed (en)".to_owned(),
            "response.things[].status.description".to_owned()
        )],
        "{diff:#?}"
    );
}

#[test]
fn a_chain_of_tables_deeper_than_the_compiler_takes_is_a_located_error_not_an_abort() {
    let dir = tempfile::tempdir().unwrap();
    let mut objects = String::new();
    for i in 0..4000 {
        objects.push_str(&format!(
            "  - name: T{i}\n    fields:\n      - name: next\n        type: T{}\n",
            i + 1
        ));
    }
    objects.push_str("  - name: T4000\n    fields:\n      - name: end\n        type: string\n");
    let chained = OPERATION
        .replace("type: array<Thing>", "type: array<T0>")
        .replace(
            "objects:\n  - name: Thing",
            &format!("objects:\n{objects}  - name: Thing"),
        );
    write(&dir.path().join("old"), SERVICE, &[&chained]);
    write(&dir.path().join("new"), SERVICE, &[&chained]);
    let (code, _, stderr) = codegen(dir.path(), &["diff", "old", "new"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("object tables nest 4001 deep from `T0`"),
        "{stderr}"
    );
}

#[test]
fn a_ring_of_tables_is_a_located_error_not_an_abort() {
    // Each table names the next, the last the first: comparing walked the
    // whole ring recursively and overflowed the stack at about 5,000 tables.
    let dir = tempfile::tempdir().unwrap();
    let size = 5000;
    let mut objects = String::new();
    for i in 0..size {
        objects.push_str(&format!(
            "  - name: T{i}\n    fields:\n      - name: next\n        type: T{}\n",
            (i + 1) % size
        ));
    }
    let ring = OPERATION
        .replace("type: array<Thing>", "type: array<T0>")
        .replace(
            "objects:\n  - name: Thing",
            &format!("objects:\n{objects}  - name: Thing"),
        );
    write(&dir.path().join("old"), SERVICE, &[&ring]);
    write(&dir.path().join("new"), SERVICE, &[&ring]);
    let (code, _, stderr) = codegen(dir.path(), &["diff", "old", "new"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("object tables nest 5000 deep from `T0`"),
        "{stderr}"
    );
}

#[test]
fn availability_changes_by_cloud() {
    let otc_only = OPERATION.replace("method: GET", "clouds:\n  - open-telekom-cloud\nmethod: GET");
    // Documented for one cloud now: a client for the other refuses it.
    one(
        &between(OPERATION, &otc_only),
        Class::Breaking,
        "availability changed",
        "clouds",
    );
    one(
        &between(&otc_only, OPERATION),
        Class::Additive,
        "availability changed",
        "clouds",
    );
    let field_otc_only = OPERATION.replace(
        "    required: false\n    type: integer",
        "    required: false\n    type: integer\n    clouds:\n      - open-telekom-cloud",
    );
    one(
        &between(OPERATION, &field_otc_only),
        Class::Documentation,
        "availability changed",
        "query.limit",
    );
}
