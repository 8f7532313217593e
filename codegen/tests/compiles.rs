//! Check passes ⇒ the generated code compiles (warning-free).
//!
//! proptest builds random, valid-looking specs from name pools chosen to collide:
//! Rust keywords, names that differ only in case or `_`/`-`, names ending in
//! Request/Response/Item/Body/Builder/State, marker-trait shapes, prelude types,
//! nested and recursive objects, tables two operations share, arrays, maps, camelCase and kebab-case wire
//! names, deprecated operations. Each spec is validated and generated through the
//! public `Config`; a rejected spec must carry located diagnostics, and every
//! accepted one is compiled: one `cargo check` per batch of specs, in a crate of
//! its own under `target/`, with `-D warnings`.
//!
//! Beside them, `tests/fixtures/<name>/` are small hand-written specs of edge
//! cases (raw identifiers, body setters that repeat a parameter, array responses,
//! recursive objects), each with a golden `<name>.rs` that is compared and compiled
//! (`UPDATE_GOLDEN=1` rewrites the goldens).
//!
//! Descriptions come from a pool of hostile text too (code fences, indented and
//! quoted code, a bare CR, bidirectional overrides, control characters, long
//! lines): each batch crate's doctests are run, and none may exist or run (a
//! canary file a doc text would write must not appear).
//!
//! `cargo test` runs 256 specs from a fixed seed. More:
//! `PROPTEST_CASES=10000 cargo test -p hwcloud-codegen --release --test compiles -- --nocapture`
//! (`PROPTEST_SEED=<n>` picks another seed).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use hwcloud_model::spec::schema::{
    Body, Deprecation, DocTable, ErrorBodyShape, ErrorCodeEntry, Field, Lang, Method, ObjectTable,
    OperationFile, PageScheme, Pagination, ParamLocation, ServiceFile, Source, Text, WaiterSpec,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};

const SERVICE: &str = "demo";

/// Service ids that name something the generated crate or its files already
/// use (its root modules, the runtime crate, `services.rs`, the tests file,
/// standard crates) or Rust keywords: each is refused with a located error,
/// except keywords a raw identifier can spell (`type`, `as`: module `r#as`,
/// feature `as`), which must then compile.
const HOSTILE_SERVICE_IDS: &[&str] = &[
    "services",
    "hwcloud_runtime",
    "examples",
    "example_tests",
    "runtime",
    "client",
    "default",
    "std",
    "core",
    "self",
    "crate",
    "type",
    "as",
];
const BATCH: usize = 500;

const OPERATION_IDS: &[&str] = &[
    "get_thing",
    "list_things",
    "type",
    "types",
    "match",
    "self",
    "build",
    "runtime",
    "std",
    "error_code",
    "thing",
    "get_thing_response",
    "list_things_v2",
    "serde",
    "api",
    "response",
];
const FIELD_NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "name",
    "Name",
    "job_id",
    "jobId",
    "job-id",
    "JobID",
    "build",
    "body",
    "undocumented",
    "x",
    "2fa",
    "ref",
    "crate",
    "super",
    "new",
    "a_1",
    "a1",
    "has_x",
    "x_state",
    "result",
    "Result",
    "default",
    "project_id",
    "projectId",
    "body_name",
    "value",
    "async",
    "_",
    "page-size",
];
const OBJECT_NAMES: &[&str] = &[
    "Tag",
    "Job",
    "Node",
    "Self",
    "String",
    "Option",
    "HasJobId",
    "JobIdState",
    "Default",
    "Serialize",
    "Map",
    "Value",
    "Item",
    "ErrorCode",
    "Vec",
    "Box",
    "Thing",
    "GetThingResponse",
    "GetThingResponseItem",
    "ListThingsRequestBody",
    "TypeRequest",
    "Result",
];
/// Names that collide with nothing: most rows take one, so that most specs are valid.
const PLAIN_FIELDS: &[&str] = &[
    "alpha",
    "beta",
    "gammaDelta",
    "epsilon-zeta",
    "eta",
    "theta_iota",
    "kappa",
    "lambdaMu",
    "nu",
    "xi",
];
const PLAIN_OBJECTS: &[&str] = &["Tag", "Job", "Node", "Thing", "Part", "Label"];
const ERROR_CODES: &[&str] = &[
    "DEMO.0001",
    "DEMO.0002",
    "demo-0001",
    "Unknown",
    "1234",
    "DEMO_0001",
];

/// One generated spec: the service file and its operations.
#[derive(Debug, Clone)]
struct CaseSpec {
    service: ServiceFile,
    operations: Vec<OperationFile>,
}

/// Mostly a plain name, one time in `1 + plain` a hostile one.
fn name(
    hostile: &'static [&'static str],
    plain: &'static [&'static str],
    weight: u32,
) -> BoxedStrategy<&'static str> {
    prop_oneof![weight => prop::sample::select(plain), 1 => prop::sample::select(hostile)].boxed()
}

fn scalar_type() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["string", "integer", "long", "number", "boolean"]).prop_map(str::to_owned)
}

fn field_type(objects: Vec<String>) -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        4 => scalar_type(),
        1 => Just("object".to_owned()),
        1 => Just("any".to_owned()),
        1 => Just("text_or<boolean>".to_owned()),
        3 => prop::sample::select(if objects.is_empty() { vec!["Missing".to_owned()] } else { objects }),
    ];
    leaf.prop_recursive(2, 4, 1, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| format!("array<{t}>")),
            inner.prop_map(|t| format!("map<{t}>")),
        ]
    })
    .boxed()
}

fn text(words: &str) -> Text {
    Text {
        en: Some(words.to_owned()),
        zh: None,
    }
}

/// The file a doc text that ran as a doctest would write; no test may find it.
const CANARY: &str = "doc-text-ran";

/// Descriptions: mostly prose with Markdown in it, sometimes text written to
/// run as code (fences of either kind, indented code, code in a quote or list
/// item), to break the build (a bare CR, a bidirectional override, control
/// characters), or just very long. The doctest run below must find no canary.
const DESCRIPTIONS: &[&str] = &[
    "The value [docs] <b>here</b>.",
    "~~~\nstd::fs::write(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/doc-text-ran\"), \"~\").unwrap();\n~~~",
    "```\nstd::fs::write(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/doc-text-ran\"), \"`\").unwrap();\n```",
    "Example:\n\n        std::fs::write(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/doc-text-ran\"), \"    \").unwrap();",
    ">     std::fs::write(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/doc-text-ran\"), \">\").unwrap();",
    "- ```\n- std::fs::write(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/doc-text-ran\"), \"-\").unwrap();\n- ```",
    "```json\n{\"shown\": \"as text\"}\n```",
    "a bare\rcarriage return",
    "right-to-left \u{202e}override\u{2066} and marks \u{200f}",
    "controls \u{7}\u{0}\u{1b}[31m and \u{85}",
    "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz",
];

/// Tables to read, their caption and cells descriptions of every kind.
fn doc_tables(cells: &[&str]) -> Vec<DocTable> {
    let Some(caption) = cells.first() else {
        return Vec::new();
    };
    vec![DocTable {
        lang: Lang::En,
        caption: caption.to_string(),
        header: vec!["Kind".into(), "Text | more".into()],
        rows: cells.iter().map(|c| vec!["A".into(), c.to_string()]).collect(),
    }]
}

fn description() -> impl Strategy<Value = &'static str> {
    prop_oneof![4 => Just(DESCRIPTIONS[0]), 1 => prop::sample::select(&DESCRIPTIONS[1..])]
}

fn field(name: &str, ty: String, required: Option<bool>, location: Option<ParamLocation>) -> Field {
    described(name, ty, required, location, DESCRIPTIONS[0])
}

fn described(
    name: &str,
    ty: String,
    required: Option<bool>,
    location: Option<ParamLocation>,
    description: &str,
) -> Field {
    // Constraints where they fit, so their docs and checks are compiled too.
    let lengths = (ty == "string" || ty.starts_with("array<")).then_some((Some(1), Some(64)));
    let bounds = matches!(ty.as_str(), "integer" | "long" | "number").then_some((Some(-1), Some(100)));
    let (min_length, max_length) = lengths.unwrap_or_default();
    let (minimum, maximum) = bounds.unwrap_or_default();
    // Some fields are documented for one cloud only: their docs say so.
    let clouds = if description.len() % 3 == 1 {
        vec!["open-telekom-cloud".to_owned()]
    } else {
        Vec::new()
    };
    Field {
        name: name.to_owned(),
        location,
        required,
        ty,
        description: text(&format!("The `{name}`: {description}")),
        min_length,
        max_length,
        minimum,
        maximum,
        clouds,
        ..Field::default()
    }
}

fn fields(objects: Vec<String>, max: usize) -> impl Strategy<Value = Vec<Field>> {
    prop::collection::vec(
        (
            name(FIELD_NAMES, PLAIN_FIELDS, 6),
            field_type(objects),
            prop::option::of(any::<bool>()),
            description(),
        ),
        0..max,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .map(|(name, ty, required, description)| described(name, ty, required, None, description))
            .collect()
    })
}

fn parameters() -> impl Strategy<Value = Vec<Field>> {
    let location = prop_oneof![
        Just(ParamLocation::Path),
        Just(ParamLocation::Query),
        Just(ParamLocation::Header)
    ];
    let ty = prop_oneof![4 => scalar_type(), 1 => Just("array<string>".to_owned())];
    prop::collection::vec(
        (
            name(FIELD_NAMES, PLAIN_FIELDS, 6),
            location,
            ty,
            any::<bool>(),
            description(),
        ),
        0..4,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .map(|(name, location, ty, required, description)| {
                let required = required || location == ParamLocation::Path;
                described(name, ty, Some(required), Some(location), description)
            })
            .collect()
    })
}

fn operation(id: &'static str) -> impl Strategy<Value = OperationFile> {
    let objects = prop::collection::btree_set(name(OBJECT_NAMES, PLAIN_OBJECTS, 3), 0..3)
        .prop_map(|names| names.into_iter().map(str::to_owned).collect::<Vec<_>>());
    objects.prop_flat_map(move |objects| {
        let tables = prop::collection::vec(fields(objects.clone(), 3), objects.len());
        (
            Just(objects.clone()),
            tables,
            parameters(),
            prop::option::of(fields(objects.clone(), 4)),
            fields(objects.clone(), 4),
            any::<bool>(),
            prop::sample::select(vec![Method::Get, Method::Post, Method::Delete, Method::Put]),
            any::<u8>(),
            prop::collection::vec(description(), 0..3),
        )
            .prop_map(
                move |(objects, tables, mut parameters, body, mut response, array, method, paging, cells)| {
                    let pagination = pagination(&mut parameters, &mut response, array, paging);
                    let path: String = parameters
                        .iter()
                        .filter(|p| p.location == Some(ParamLocation::Path))
                        .map(|p| format!("/{{{}}}", p.name))
                        .collect();
                    OperationFile {
                        operation: id.to_owned(),
                        title: text(&format!("Operation {id}")),
                        summary: Text::default(),
                        sources: vec![Source {
                            page: format!("demo/{id}.md"),
                            lang: Lang::En,
                            id: None,
                        }],
                        api_version: None,
                        variant: None,
                        deprecated: None,
                        // Now and then documented for one cloud only.
                        clouds: match paging % 5 {
                            0 => vec!["open-telekom-cloud".to_owned()],
                            1 => vec!["huawei-cloud".to_owned()],
                            _ => Vec::new(),
                        },
                        method,
                        uri: format!("/v1/things{path}"),
                        parameters,
                        request_body: body.map(|fields| request_body(fields, paging)),
                        response: Some(response_body(response, array, paging, pagination.is_none())),
                        // Now and then a second 2xx body (the response is an enum),
                        // where no paginator reads it.
                        responses: if pagination.is_none() && paging % 4 == 2 {
                            vec![Body {
                                status: vec![202],
                                fields: vec![field("job_id", "string".into(), None, None)],
                                ..Body::default()
                            }]
                        } else {
                            Vec::new()
                        },
                        objects: objects
                            .into_iter()
                            .zip(tables)
                            .map(|(name, fields)| ObjectTable {
                                name,
                                caption: Text::default(),
                                fields,
                            })
                            .collect(),
                        status_codes: Vec::new(),
                        examples: Vec::new(),
                        tables: doc_tables(&cells),
                        pagination,
                    }
                },
            )
    })
}

/// A request body: JSON (now and then an array of such elements), a form
/// (objects and arrays become files), or one file as the whole body.
fn request_body(mut fields: Vec<Field>, choice: u8) -> Body {
    const SCALARS: [&str; 5] = ["string", "integer", "long", "number", "boolean"];
    let media = match choice % 11 {
        5 => Some("multipart/form-data"),
        8 => Some("application/octet-stream"),
        _ => None,
    };
    match media {
        Some("multipart/form-data") => {
            for field in &mut fields {
                if !SCALARS.contains(&field.ty.as_str()) {
                    field.ty = "file".into();
                }
            }
        }
        Some(_) => fields = vec![field("content", "file".into(), Some(true), None)],
        None => {}
    }
    Body {
        array: media.is_none() && choice % 7 == 3 && !fields.is_empty(),
        media: media.map(str::to_owned),
        fields,
        ..Body::default()
    }
}

/// The success body: JSON (an object or an array, with a header either way)
/// or, now and then where no paginator reads it, a download of bytes.
fn response_body(fields: Vec<Field>, array: bool, choice: u8, unpaged: bool) -> Body {
    let headers = vec![field("X-Subject-Token", "string".into(), None, None)];
    if unpaged && choice % 13 == 4 {
        return Body {
            media: Some("application/zip".into()),
            headers,
            ..Body::default()
        };
    }
    Body {
        array,
        fields,
        headers,
        ..Body::default()
    }
}

/// Now and then a pagination over the first query parameter and array field
/// there are (added when there are none), in a scheme `choice` picks: check
/// accepts it or says where not.
fn pagination(
    parameters: &mut Vec<Field>,
    response: &mut Vec<Field>,
    array: bool,
    choice: u8,
) -> Option<Pagination> {
    let scheme = match choice % 4 {
        0 => return None,
        1 => PageScheme::Offset,
        2 => PageScheme::Page,
        _ => PageScheme::Marker,
    };
    if !parameters
        .iter()
        .any(|p| p.location == Some(ParamLocation::Query))
    {
        parameters.push(field(
            "position",
            "integer".into(),
            Some(choice % 32 == 1),
            Some(ParamLocation::Query),
        ));
    }
    if !response.iter().any(|f| f.ty.starts_with("array<")) {
        response.push(field(
            "entries",
            "array<string>".into(),
            Some(choice % 16 < 8),
            None,
        ));
    }
    if scheme == PageScheme::Marker && !response.iter().any(|f| f.ty == "string") {
        response.push(field("next", "string".into(), Some(choice % 32 < 16), None));
    }
    let parameter = parameters
        .iter()
        .find(|p| p.location == Some(ParamLocation::Query))?;
    let items = response.iter().find(|f| f.ty.starts_with("array<"))?;
    let total = response
        .iter()
        .find(|f| matches!(f.ty.as_str(), "integer" | "long"));
    (!array || choice % 32 == 7).then(|| Pagination {
        scheme,
        parameter: Some(parameter.name.clone()),
        page_size: parameters
            .iter()
            .find(|p| p.location == Some(ParamLocation::Query) && p.name != parameter.name)
            .map(|p| p.name.clone()),
        items: Some(items.name.clone()),
        total: total.map(|t| t.name.clone()),
        first_page: (scheme == PageScheme::Page && choice % 16 == 2).then_some(0),
        next_marker: (scheme == PageScheme::Marker && choice % 32 != 11)
            .then(|| response.iter().find(|f| f.ty == "string").map(|f| f.name.clone()))
            .flatten(),
        marker_key: None,
        hand_edit: None,
    })
}

/// A waiter on the first operation with an object response, on its first
/// scalar or JSON field (a `state` field added when it has none).
fn waiter(operations: &mut [OperationFile]) -> Option<WaiterSpec> {
    let op = operations
        .iter_mut()
        .find(|op| op.response.as_ref().is_some_and(|r| !r.array))?;
    let fields = &mut op.response.as_mut()?.fields;
    let scalar = |f: &&Field| matches!(f.ty.as_str(), "string" | "integer" | "boolean" | "object" | "any");
    if !fields.iter().any(|f| scalar(&f)) {
        fields.push(field("state", "string".into(), Some(false), None));
    }
    let field = fields.iter().find(scalar)?;
    let path = match field.ty.as_str() {
        "object" | "any" => format!("{}.state", field.name),
        _ => field.name.clone(),
    };
    Some(WaiterSpec {
        name: "thing_ready".into(),
        description: text("Waits until the thing is ready."),
        operation: op.operation.clone(),
        field: path,
        success: vec!["ready".into(), "1".into()],
        failure: vec!["broken".into()],
        retry: Vec::new(),
        delay: Some(1),
        max_delay: None,
        timeout: None,
    })
}

fn spec() -> impl Strategy<Value = CaseSpec> {
    let ids = prop::collection::btree_set(prop::sample::select(OPERATION_IDS), 1..4);
    let codes = prop::collection::btree_set(name(ERROR_CODES, &["DEMO.0001", "DEMO.0002"], 4), 1..3)
        .prop_map(|codes| codes.into_iter().collect::<Vec<_>>());
    let service_id = name(HOSTILE_SERVICE_IDS, &[SERVICE], 12);
    (ids, codes, any::<u8>(), service_id).prop_flat_map(|(ids, codes, deprecate, service_id)| {
        let ids: Vec<&'static str> = ids.into_iter().collect();
        let operations: Vec<_> = ids.iter().map(|id| operation(id)).collect();
        (
            operations,
            Just(codes),
            Just(ids),
            Just(deprecate),
            Just(service_id),
        )
            .prop_map(|(mut operations, codes, ids, deprecate, service_id)| {
                // Now and then the first operation is deprecated in favour of another.
                if deprecate % 3 == 0 {
                    let replacement = ids.get(1).map(|id| (*id).to_owned());
                    operations[0].deprecated = Some(Deprecation {
                        replacement,
                        note: text("Use the new one."),
                    });
                }
                // Now and then the second operation documents the first one's
                // tables too: the service shares them (in a module the operation
                // `types` may have taken).
                if deprecate % 2 == 0 && operations.len() > 1 {
                    let (first, rest) = operations.split_at_mut(1);
                    for table in &first[0].objects {
                        if rest[0].objects.iter().all(|t| t.name != table.name) {
                            rest[0].objects.push(table.clone());
                        }
                    }
                }
                let mut service = service_file(&codes);
                service.service = service_id.to_owned();
                service.waiters.extend(waiter(&mut operations));
                CaseSpec { service, operations }
            })
    })
}

fn service_file(codes: &[&str]) -> ServiceFile {
    ServiceFile {
        service: SERVICE.to_owned(),
        name: text("Demo"),
        description: Text::default(),
        endpoint: None,
        endpoints: Default::default(),
        planes: Vec::new(),
        sources: Vec::new(),
        error_body: vec![ErrorBodyShape {
            code: Some("error_code".into()),
            message: "error_msg".into(),
            success: None,
        }],
        error_codes: codes
            .iter()
            .map(|code| ErrorCodeEntry {
                status: 400,
                code: (*code).to_owned(),
                message: text("Bad."),
                description: Text::default(),
                remedy: Text::default(),
                hand_edit: None,
            })
            .collect(),
        examples: Vec::new(),
        waiters: Vec::new(),
    }
}

fn write_spec(dir: &Path, spec: &CaseSpec) {
    let service = dir.join(&spec.service.service);
    std::fs::create_dir_all(service.join("operations")).unwrap();
    std::fs::write(
        service.join("service.yaml"),
        serde_yaml::to_string(&spec.service).unwrap(),
    )
    .unwrap();
    for op in &spec.operations {
        let path = service.join("operations").join(format!("{}.yaml", op.operation));
        std::fs::write(path, serde_yaml::to_string(op).unwrap()).unwrap();
    }
}

fn runner() -> TestRunner {
    let seed: u64 = std::env::var("PROPTEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_c0de);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRunner::new_with_rng(
        RunnerConfig::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    )
}

fn cases() -> usize {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256)
}

/// What happened to one spec.
enum Outcome {
    Accepted(PathBuf),
    Rejected,
}

fn run_case(root: &Path, index: usize, spec: &CaseSpec) -> Outcome {
    let spec_dir = root.join(format!("spec_{index}"));
    write_spec(&spec_dir, spec);
    let out = root.join(format!("gen_{index}"));
    match hwcloud_codegen::Config::new()
        .out_dir(&out)
        .mock_feature(MOCK_FEATURE)
        .generate(&spec_dir)
    {
        Ok(_) => Outcome::Accepted(out.join("services.rs")),
        Err(hwcloud_codegen::Error::Spec(diagnostics)) => {
            assert!(!diagnostics.is_empty());
            for diagnostic in diagnostics.iter() {
                // In one of the spec's files, pointing at text of that file.
                assert!(
                    diagnostic.file.starts_with(&spec_dir)
                        && !diagnostic.snippet.is_empty()
                        && diagnostic.source_text()[diagnostic.byte_range()]
                            .starts_with(diagnostic.snippet.as_str()),
                    "spec {index}: unlocated diagnostic {}",
                    diagnostic.one_line()
                );
            }
            Outcome::Rejected
        }
        Err(other) => panic!("spec {index} ({}): {other}", spec_dir.display()),
    }
}

/// `cargo check`s one crate that includes every accepted spec's code as a module.
/// The feature the generated code puts the mock's support behind; the batch
/// crates enable it, so what the mock reads compiles for every spec too.
const MOCK_FEATURE: &str = "test-util";

fn compile(root: &Path, batch: usize, accepted: &[(usize, PathBuf)]) {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let krate = root.join(format!("batch_{batch}"));
    std::fs::create_dir_all(krate.join("src")).unwrap();
    let runtime = workspace.join("runtime").canonicalize().unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"proptest-specs\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
             [features]\ndefault = [\"{MOCK_FEATURE}\"]\n{MOCK_FEATURE} = [\"hwcloud-runtime/test-util\"]\n\n\
             [dependencies]\nhwcloud-runtime = {{ path = {:?} }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    // The workspace's lock file pins the runtime's dependencies to the versions
    // already built, so the check runs offline.
    std::fs::copy(workspace.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    let modules: String = accepted
        .iter()
        .map(|(index, services)| {
            format!(
                "pub mod spec_{index} {{\n    include!({:?});\n}}\n",
                services.display().to_string()
            )
        })
        .collect();
    std::fs::write(krate.join("src/lib.rs"), modules).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "check",
            "--offline",
            "--quiet",
            "--message-format",
            "short",
            "--manifest-path",
        ])
        .arg(krate.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", workspace.join("target/proptest-specs"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let failing: BTreeSet<&str> = stderr
            .lines()
            .filter_map(|line| line.split("/gen_").nth(1))
            .filter_map(|rest| rest.split('/').next())
            .collect();
        panic!(
            "specs that `check` accepted do not compile (specs kept under {}: spec_N beside gen_N), failing: {failing:?}\n{stderr}",
            root.display()
        );
    }
    doctest(&krate, &workspace);
}

/// Runs the batch crate's doctests: generated docs hold no code, so none may
/// run, and the canary a hostile description would write must not exist.
fn doctest(krate: &Path, workspace: &Path) {
    let canary = krate.join(CANARY);
    let _ = std::fs::remove_file(&canary);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["test", "--doc", "--offline", "--quiet", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", workspace.join("target/proptest-specs"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the generated docs' doctests fail:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!canary.exists(), "documentation text ran as a doctest:\n{stdout}");
    assert!(
        !stdout
            .lines()
            .any(|l| l.starts_with("test ") && l.contains(" - ")),
        "the generated docs hold doctests, which text must never become:\n{stdout}"
    );
}

#[test]
fn every_spec_check_accepts_compiles() {
    // Under target/, not a temporary directory: a failing spec stays for reading.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/proptest-specs/cases");
    let _ = std::fs::remove_dir_all(&root);
    let mut runner = runner();
    let strategy = spec();
    let (mut accepted, mut rejected, mut batch) = (Vec::new(), 0, 0);
    let total = cases();
    for index in 0..total {
        let case = strategy.new_tree(&mut runner).expect("a spec").current();
        match run_case(&root, index, &case) {
            Outcome::Accepted(services) => accepted.push((index, services)),
            Outcome::Rejected => rejected += 1,
        }
        if accepted.len() == BATCH || (index + 1 == total && !accepted.is_empty()) {
            compile(&root, batch, &accepted);
            batch += 1;
            accepted.clear();
        }
    }
    let compiled = total - rejected;
    println!(
        "{total} specs generated: {compiled} accepted by check and compiled warning-free, {rejected} rejected with located errors"
    );
    assert!(
        compiled > total / 10,
        "too few accepted specs to say anything: {compiled} of {total}"
    );
    assert!(
        rejected > total / 10,
        "too few rejected specs: the pools no longer collide ({rejected} of {total})"
    );
}

#[test]
fn fixtures_match_their_golden_files_and_compile() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/proptest-specs/fixtures");
    let _ = std::fs::remove_dir_all(&root);
    let mut modules = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    assert!(names.len() >= 4, "fixtures missing: {names:?}");
    for (index, dir) in names.iter().enumerate() {
        let out = root.join(format!("gen_{index}"));
        let generated = hwcloud_codegen::Config::new()
            .out_dir(&out)
            .mock_feature(MOCK_FEATURE)
            .generate(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let [file] = generated.files.as_slice() else {
            panic!("{}: one service per fixture", dir.display())
        };
        let text = std::fs::read_to_string(&file.path).unwrap();
        let golden = dir.with_extension("rs");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &text).unwrap();
        }
        let expected = std::fs::read_to_string(&golden)
            .unwrap_or_else(|_| panic!("{} missing: run with UPDATE_GOLDEN=1", golden.display()));
        assert!(
            text == expected,
            "{} differs from the generated code; review and run with UPDATE_GOLDEN=1",
            golden.display()
        );
        modules.push((index, out.join("services.rs")));
    }
    compile(&root, 0, &modules);
}
