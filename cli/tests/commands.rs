//! The `codegen` binary as a user runs it: `check` and `crate`.

use std::path::Path;
use std::process::Command;

const SERVICE: &str = "\
service: widgets
name:
  en: Widget Service
error_body:
  - code: error_code
    message: error_msg
error_codes:
  - status: 400
    code: WDG.0001
    message:
      en: Bad widget.
";

const OPERATION: &str = "\
operation: get_widget
title:
  en: Querying a Widget
sources:
  - page: widgets/get.md
    lang: en
method: GET
uri: /v1/{project_id}/widgets/{widget_id}
parameters:
  - name: project_id
    in: path
    required: true
    type: string
  - name: widget_id
    in: path
    required: true
    type: string
response:
  fields:
    - name: parts
      type: array<Part>
objects:
  - name: Part
    fields:
      - name: name
        required: true
        type: string
examples:
  - kind: response
    status: 200
    body: '{\"parts\": [{\"name\": \"wheel\"}]}'
";

fn spec(operation: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let service = dir.path().join("widgets");
    std::fs::create_dir_all(service.join("operations")).unwrap();
    std::fs::write(service.join("service.yaml"), SERVICE).unwrap();
    std::fs::write(service.join("operations/get_widget.yaml"), operation).unwrap();
    dir
}

fn codegen(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn check_exits_non_zero_and_prints_locations() {
    let dir = spec(&OPERATION.replace("type: array<Part>", "type: array<Label>"));
    let output = codegen(&["check", "--short", "."], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("get_widget.yaml:21:13: type `array<Label>` refers to object table `Label`"),
        "{stderr}"
    );
    assert!(stderr.contains("1 error(s)"), "{stderr}");
}

#[test]
fn crate_writes_a_standalone_crate_that_carries_its_spec() {
    let dir = spec(OPERATION);
    let out = dir.path().join("widgets-sdk");
    let output = codegen(&["crate", "--spec", ".", "--out", "widgets-sdk"], dir.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"widgets-sdk\""), "{manifest}");
    assert!(
        manifest.contains("default = [\"widgets\"]\nwidgets = []"),
        "{manifest}"
    );
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../runtime")
        .canonicalize()
        .unwrap();
    assert!(
        manifest.contains(&format!(
            "hwcloud-runtime = {{ path = \"{}\" }}",
            runtime.display()
        )),
        "the runtime comes from this checkout: {manifest}"
    );
    assert!(manifest.contains("\n[workspace]\n"), "{manifest}");
    let build = std::fs::read_to_string(out.join("build.rs")).unwrap();
    assert!(
        build.contains("hwcloud_codegen::Config::new().service_features(true)"),
        "{build}"
    );
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(
        lib.contains("include!(concat!(env!(\"OUT_DIR\"), \"/services.rs\"));"),
        "{lib}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("spec/widgets/operations/get_widget.yaml")).unwrap(),
        OPERATION
    );
    let examples = std::fs::read_to_string(out.join("tests/examples.rs")).unwrap();
    assert!(
        examples.contains("examples::response::<")
            && examples.contains("::widgets_sdk::widgets::get_widget::GetWidgetRequest")
            && examples.contains("#[cfg(feature = \"widgets\")]"),
        "the documented example is a test of the crate: {examples}"
    );
    // The client and the mock are one feature away, and the crate says so.
    assert!(
        manifest.contains("client = [\"hwcloud-runtime/client\"]")
            && manifest.contains("test-util = [\"client\", \"hwcloud-runtime/test-util\"]"),
        "{manifest}"
    );
    assert!(build.contains(".mock_feature(\"test-util\")"), "{build}");
    assert!(
        lib.contains("#[cfg(feature = \"client\")]\npub use hwcloud_runtime::client;")
            && lib.contains("#[cfg(feature = \"test-util\")]\npub use hwcloud_runtime::mock;"),
        "{lib}"
    );
    assert!(
        examples.contains("fn mock_answers_with_the_documented_example()")
            && examples.contains("::widgets_sdk::runtime::mock::documented_answer::<"),
        "{examples}"
    );
    let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert!(
        readme.contains("`widgets_sdk::client::Client`") && readme.contains("`widgets_sdk::mock`"),
        "{readme}"
    );
}

#[test]
fn crate_can_depend_on_a_published_version_and_refuses_a_bad_spec() {
    let dir = spec(OPERATION);
    let output = codegen(
        &["crate", "--out", "sdk", "--spec", ".", "--version", "0.1.0"],
        dir.path(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let manifest = std::fs::read_to_string(dir.path().join("sdk/Cargo.toml")).unwrap();
    assert!(
        manifest.contains("hwcloud-codegen = { version = \"0.1.0\" }"),
        "{manifest}"
    );

    let bad = spec(&OPERATION.replace("- name: Part", "- name: GetWidgetResponse"));
    let output = codegen(&["crate", "--out", "sdk", "--spec", "."], bad.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        !bad.path().join("sdk").exists(),
        "nothing is written for a bad spec"
    );
}

#[test]
fn crate_refreshes_in_place_from_its_own_spec_copy() {
    let dir = spec(OPERATION);
    let first = codegen(&["crate", "--spec", ".", "--out", "sdk"], dir.path());
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let sdk = dir.path().join("sdk");
    let again = codegen(&["crate", "--spec", "spec", "--out", "."], &sdk);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(sdk.join("spec/widgets/operations/get_widget.yaml")).unwrap(),
        OPERATION,
        "the spec the crate was refreshed from is still there"
    );
    let manifest = std::fs::read_to_string(sdk.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"sdk\""),
        "`--out .` names the crate after its directory: {manifest}"
    );
    assert!(
        sdk.join("Cargo.lock").is_file(),
        "a checkout's lock file pins the dependencies"
    );
}

/// Every file under `dir` with its bytes, by relative path.
fn snapshot(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(
                    path.strip_prefix(dir).unwrap().to_owned(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    files
}

/// A small English page in the Huawei Markdown layout that documents `get_widget`.
const PAGE: &str = "# Querying a Widget\n\n## URI\n\nGET /v1/{project_id}/widgets/{widget_id}\n\n\
**Table 1** Path parameters\n\n\
<table><thead><tr><th>Parameter</th><th>Mandatory</th><th>Type</th><th>Description</th></tr></thead>\
<tbody><tr><td>project_id</td><td>Yes</td><td>String</td><td>Project ID.</td></tr>\
<tr><td>widget_id</td><td>Yes</td><td>String</td><td>Widget ID.</td></tr></tbody></table>\n";

/// Imports `PAGE` into `spec/` after `corrupt` broke one of its files: the run
/// must fail, name the file and line, and change no byte of the spec.
fn import_refuses_a_spec_with(file: &str, corrupt: impl Fn(&str) -> String, line: usize) {
    let dir = spec(OPERATION);
    let docs = dir.path().join("widgets-docs-en");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("get.md"), PAGE).unwrap();
    let target = dir.path().join("widgets").join(file);
    let text = std::fs::read_to_string(&target).unwrap();
    std::fs::write(&target, corrupt(&text)).unwrap();
    let before = snapshot(&dir.path().join("widgets"));
    let output = codegen(&["import", "--out", ".", "widgets-docs-en"], dir.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "the import must fail:\n{stdout}");
    let located = format!("widgets/{file}:{line}:");
    assert!(stdout.contains(&located), "`{located}` not named:\n{stdout}");
    assert!(stdout.contains("refused  widgets"), "{stdout}");
    assert_eq!(snapshot(&dir.path().join("widgets")), before, "the spec changed");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 2, "no staging directory is left: {left:?}");
}

#[test]
fn import_into_a_spec_whose_service_file_does_not_parse_changes_nothing() {
    // One line broken by hand.
    import_refuses_a_spec_with(
        "service.yaml",
        |text| text.replacen("en: Widget Service", "en: [Widget Service", 1),
        3,
    );
}

#[test]
fn import_into_a_spec_whose_operation_file_does_not_parse_changes_nothing() {
    import_refuses_a_spec_with(
        "operations/get_widget.yaml",
        |text| text.replacen("method: GET", "method: [GET", 1),
        7,
    );
}

#[test]
fn an_english_page_in_the_huawei_markdown_layout_files_its_text_under_en() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("widgets-docs-en");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("get.md"), PAGE).unwrap();
    let output = codegen(&["import", "--out", "spec", "widgets-docs-en"], dir.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let operations = dir.path().join("spec/widgets/operations");
    let file = std::fs::read_dir(&operations)
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let yaml = std::fs::read_to_string(file).unwrap();
    assert!(yaml.contains("title:\n  en: Querying a Widget"), "{yaml}");
    assert!(yaml.contains("lang: en"), "{yaml}");
    assert!(yaml.contains("description:\n    en: Widget ID."), "{yaml}");
}

#[test]
fn import_refuses_a_service_that_is_no_service_id() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("widgets-docs-en");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("get.md"), PAGE).unwrap();
    let output = codegen(
        &[
            "import",
            "--out",
            "out/spec",
            "--service",
            "../../escaped",
            "widgets-docs-en",
        ],
        dir.path(),
    );
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a service id"));
    assert!(!dir.path().join("escaped").exists() && !dir.path().join("out").exists());
}

#[test]
fn a_uri_segment_too_long_for_a_file_name_gives_a_bounded_id_and_the_import_completes() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("widgets-docs-en");
    std::fs::create_dir_all(&docs).unwrap();
    let segment = "a".repeat(250);
    std::fs::write(
        docs.join("list.md"),
        format!("# Things\n\n## URI\n\nGET /v1/{segment}/things-of-{segment}\n"),
    )
    .unwrap();
    let output = codegen(&["import", "--out", "spec", "widgets-docs-en"], dir.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let operations = dir.path().join("spec/widgets/operations");
    let names: Vec<String> = std::fs::read_dir(&operations)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].len() <= 205, "{names:?}");
    assert!(dir.path().join("spec/widgets/service.yaml").exists());
    let check = codegen(&["check", "spec"], dir.path());
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn a_device_given_as_a_page_is_refused_not_read_forever() {
    let dir = tempfile::tempdir().unwrap();
    let output = codegen(&["import", "--out", "spec", "/dev/zero"], dir.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    assert!(stdout.contains("not a regular file"), "{stdout}");
}

#[test]
fn a_page_with_a_byte_order_mark_imports_like_one_without() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("widgets-docs-en");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        docs.join("get.md"),
        [b"\xEF\xBB\xBF".as_slice(), PAGE.as_bytes()].concat(),
    )
    .unwrap();
    let output = codegen(&["import", "--out", "spec", "widgets-docs-en"], dir.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("(1 ok, 0 partial, 0 failed)"), "{stdout}");
}

#[test]
fn a_crate_named_after_a_keyword_is_refused_with_the_reason_not_a_generator_bug() {
    let dir = spec(OPERATION);
    for out in ["struct", "std", "self"] {
        let output = codegen(&["crate", "--out", out, "--spec", "."], dir.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{out}: {stderr}");
        assert!(stderr.contains("is not a package name"), "{out}: {stderr}");
        assert!(!stderr.contains("generator bug"), "{stderr}");
        assert!(!dir.path().join(out).exists(), "nothing written for {out}");
    }
}

#[test]
fn import_into_a_spec_with_a_file_nested_past_the_limit_refuses_it_as_check_does() {
    let dir = spec(OPERATION);
    let deep = format!(
        "operation: deep\nx: {}{}\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    std::fs::write(dir.path().join("widgets/operations/deep.yaml"), deep).unwrap();
    let docs = dir.path().join("widgets-docs-en");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("get.md"), PAGE).unwrap();
    let output = codegen(&["import", "--out", ".", "widgets-docs-en"], dir.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    assert!(stdout.contains("widgets/operations/deep.yaml:2:"), "{stdout}");
    assert!(stdout.contains("nests deeper than"), "{stdout}");
}

#[test]
fn an_operation_and_a_field_of_one_cloud_say_so_and_the_request_names_its_cloud() {
    let operation = OPERATION
        .replace("method: GET", "clouds:\n  - open-telekom-cloud\nmethod: GET")
        .replace(
            "      - name: name\n        required: true\n        type: string",
            "      - name: name\n        required: true\n        type: string\n        clouds:\n          - huawei-cloud",
        );
    let dir = spec(&operation);
    let output = codegen(&["render", "widgets.get_widget", "--spec", "."], dir.path());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        text.contains("/// Documented for Open Telekom Cloud only"),
        "{text}"
    );
    assert!(
        text.contains("const CLOUDS: &'static [runtime::Cloud] = &[runtime::Cloud::OpenTelekomCloud];"),
        "{text}"
    );
    assert!(text.contains("/// Huawei Cloud only."), "{text}");
    // An unknown cloud is a located error.
    let dir = spec(&OPERATION.replace("method: GET", "clouds:\n  - azure\nmethod: GET"));
    let output = codegen(&["check", "--short", "."], dir.path());
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!output.status.success());
    assert!(
        text.contains("get_widget.yaml:8:") && text.contains("unknown cloud `azure`"),
        "{text}"
    );
}
