//! `codegen openapi` over the committed spec: every operation exported, each
//! document readable as the `openapiv3` crate's OpenAPI 3.0, and what the
//! tables say (parameters, bodies per status, errors, deprecation, language)
//! where a client generator reads it. CI also runs openapi-spec-validator on
//! the files the command writes.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use hwcloud_codegen_cli::openapi::{self, Lang};
use serde_json::Value;

fn exported(lang: Lang) -> BTreeMap<String, Value> {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let model = hwcloud_model::load(&spec).unwrap_or_else(|d| panic!("{d}"));
    openapi::documents(&model, lang).expect("every service exports")
}

fn operations(document: &Value) -> impl Iterator<Item = (&String, &String, &Value)> {
    document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .iter()
                .map(move |(method, op)| (path, method, op))
        })
}

#[test]
fn every_operation_of_the_spec_is_exported_once() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let model = hwcloud_model::load(&spec).unwrap();
    for (service, document) in exported(Lang::En) {
        let mut ids: Vec<String> = operations(&document)
            .flat_map(|(_, _, op)| match op.get("x-variants") {
                Some(variants) => variants
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_owned())
                    .collect(),
                None => vec![op["operationId"].as_str().unwrap().to_owned()],
            })
            .collect();
        ids.sort();
        let mut expected: Vec<String> = model
            .service(&service)
            .unwrap()
            .operations
            .iter()
            .map(|o| o.id.clone())
            .collect();
        expected.sort();
        assert_eq!(ids, expected, "{service}");
    }
}

#[test]
fn cancel_job_is_its_documented_request_and_responses() {
    let documents = exported(Lang::En);
    let dli = &documents["dli"];
    let op = &dli["paths"]["/v1.0/{project_id}/jobs/{job_id}"]["delete"];
    assert_eq!(op["operationId"], "cancel_job");
    assert_eq!(op["summary"], "Canceling a Job (Recommended)");
    let names: Vec<&str> = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["project_id", "job_id"]);
    assert_eq!(op["parameters"][1]["in"], "path");
    assert_eq!(op["parameters"][1]["required"], true);
    assert_eq!(
        op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/CancelJobResponse"
    );
    assert_eq!(
        op["responses"]["400"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Error"
    );
    let response = &dli["components"]["schemas"]["CancelJobResponse"];
    assert_eq!(response["properties"]["is_success"]["type"], "boolean");
    let error = &dli["components"]["schemas"]["Error"];
    assert_eq!(error["properties"]["error_code"]["type"], "string");
    let codes = error["x-error-codes"].as_array().unwrap();
    assert!(
        codes.iter().any(|c| c["code"] == "DLI.0001"),
        "the service's error codes travel with the error body"
    );
}

#[test]
fn object_tables_bodies_and_deprecation_are_kept() {
    let documents = exported(Lang::En);
    let dli = &documents["dli"];
    let (_, _, list_jobs) = operations(dli)
        .find(|(_, _, op)| op["operationId"] == "list_jobs")
        .unwrap();
    let response = list_jobs["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        .as_str()
        .unwrap();
    let schema = &dli["components"]["schemas"][response.rsplit('/').next().unwrap()];
    assert_eq!(schema["properties"]["jobs"]["type"], "array");
    assert_eq!(
        schema["properties"]["jobs"]["items"]["$ref"],
        "#/components/schemas/ListJobsJob"
    );
    let (_, _, cancel_queue_job) = operations(dli)
        .find(|(_, _, op)| op["operationId"] == "cancel_queue_job")
        .unwrap();
    assert_eq!(cancel_queue_job["deprecated"], true);
    assert!(
        cancel_queue_job["description"]
            .as_str()
            .unwrap()
            .contains("Use `cancel_job` instead.")
    );
    let (_, _, submit) = operations(dli)
        .find(|(_, _, op)| op["operationId"] == "submit_job")
        .unwrap();
    let body = submit["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        .as_str()
        .unwrap();
    let body = &dli["components"]["schemas"][body.rsplit('/').next().unwrap()];
    assert!(body["required"].as_array().unwrap().contains(&"sql".into()));
}

#[test]
fn a_table_operations_share_is_one_component_of_its_own_name() {
    let documents = exported(Lang::En);
    let dli = &documents["dli"];
    let schemas = dli["components"]["schemas"].as_object().unwrap();
    let job = &schemas["ListJobsJob"];
    assert_eq!(
        job["properties"]["tags"]["items"]["$ref"],
        "#/components/schemas/Tag"
    );
    let body = &schemas["CreateQueueRequestBody"];
    assert_eq!(
        body["properties"]["tags"]["items"]["$ref"],
        "#/components/schemas/Tag"
    );
    assert_eq!(schemas["Tag"]["required"], serde_json::json!(["key", "value"]));
    assert!(
        !schemas
            .keys()
            .any(|k| k == "ListJobsTag" || k == "CreateQueueTag"),
        "no per-operation copy of a shared table"
    );
}

#[test]
fn variants_of_one_method_and_path_become_one_operation_with_a_body_of_either() {
    let documents = exported(Lang::En);
    let tokens = &documents["iam"]["paths"]["/v3/auth/tokens"]["post"];
    let variants = tokens["x-variants"].as_array().unwrap();
    assert!(variants.len() >= 2, "{variants:?}");
    let bodies = tokens["requestBody"]["content"]["application/json"]["schema"]["anyOf"]
        .as_array()
        .unwrap();
    assert_eq!(bodies.len(), variants.len());
    assert_eq!(tokens["requestBody"]["required"], true);
}

#[test]
fn a_fixed_query_stays_in_its_path_key_so_actions_stay_apart() {
    let documents = exported(Lang::En);
    let paths = documents["ges"]["paths"].as_object().unwrap();
    assert!(
        paths
            .keys()
            .any(|p| p.ends_with("/edges/action?action_id=batch-add"))
    );
    assert!(
        paths
            .keys()
            .any(|p| p.ends_with("/edges/action?action_id=batch-delete"))
    );
}

#[test]
fn descriptions_come_in_the_language_asked_for() {
    let zh = exported(Lang::Zh);
    let op = &zh["dli"]["paths"]["/v1.0/{project_id}/jobs/{job_id}"]["delete"];
    assert_eq!(op["summary"], "取消作业（推荐）");
    let en = exported(Lang::En);
    assert_eq!(en["dli"]["info"]["title"], "Data Lake Insight");
    assert_eq!(zh["dli"]["info"]["title"], "数据湖探索");
    // A table to read goes into the description as Markdown, in the language asked for.
    let batches = |docs: &BTreeMap<String, Value>| {
        docs["dli"]["paths"]["/v2.0/{project_id}/batches"]["post"]["description"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(batches(&en).contains("| Resource Type | Physical Resource | driverCores |"));
    assert!(!batches(&en).contains("资源类型"));
    assert!(batches(&zh).contains("| 资源类型 | 物理资源 | driverCores |"));
}

#[test]
fn the_command_writes_one_document_per_service() {
    let out = tempfile::tempdir().unwrap();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let status = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["openapi", "--lang", "en", "--out"])
        .args([out.path(), &spec])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    for service in ["dli", "ges", "iam"] {
        let text = std::fs::read_to_string(out.path().join(format!("{service}.json"))).unwrap();
        let document: openapiv3::OpenAPI = serde_json::from_str(&text).unwrap();
        assert_eq!(document.openapi, "3.0.3");
    }
}

/// A spec of one service written to a temporary directory.
fn small_spec(operations: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let service = dir.path().join("widgets");
    std::fs::create_dir_all(service.join("operations")).unwrap();
    std::fs::write(
        service.join("service.yaml"),
        "service: widgets\nname:\n  en: Widgets\nerror_body:\n- code: error_code\n  message: error_msg\nerror_codes:\n- status: 400\n  code: WDG.0001\n  message:\n    en: Bad widget.\n",
    )
    .unwrap();
    for (id, text) in operations {
        std::fs::write(service.join("operations").join(format!("{id}.yaml")), text).unwrap();
    }
    dir
}

fn operation_yaml(id: &str, method: &str, uri: &str, params: &[&str], objects: &str) -> String {
    let params: String = params
        .iter()
        .map(|p| format!("- name: {p}\n  in: path\n  required: true\n  type: string\n"))
        .collect();
    format!(
        "operation: {id}\ntitle:\n  en: {id}\nsources:\n- page: w.md\n  lang: en\nmethod: {method}\nuri: {uri}\nparameters:\n{params}{objects}"
    )
}

#[test]
fn paths_that_differ_only_in_placeholder_names_take_the_first_names() {
    // Operations come in id order: `delete_widget` names the path first.
    let delete = operation_yaml(
        "delete_widget",
        "DELETE",
        "/v1/{project}/widgets/{id}",
        &["id", "project"],
        "",
    );
    let get = operation_yaml(
        "show_widget",
        "GET",
        "/v1/{project_id}/widgets/{widget_id}",
        &["widget_id", "project_id"],
        "",
    );
    let dir = small_spec(&[("show_widget", &get), ("delete_widget", &delete)]);
    let model = hwcloud_model::load(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let documents = openapi::documents(&model, Lang::En).unwrap();
    let paths = documents["widgets"]["paths"].as_object().unwrap();
    assert_eq!(paths.keys().collect::<Vec<_>>(), ["/v1/{project}/widgets/{id}"]);
    let show = &paths["/v1/{project}/widgets/{id}"]["get"];
    let names: Vec<&str> = show["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["id", "project"],
        "each parameter renamed after its own placeholder"
    );
}

#[test]
fn a_table_named_like_a_body_does_not_replace_it() {
    let objects = "response:\n  fields:\n  - name: result\n    type: Response\nobjects:\n- name: Response\n  fields:\n  - name: inner\n    type: string\n";
    let op = operation_yaml(
        "list_widgets",
        "GET",
        "/v1/{project_id}/widgets",
        &["project_id"],
        objects,
    );
    let dir = small_spec(&[("list_widgets", &op)]);
    let model = hwcloud_model::load(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let documents = openapi::documents(&model, Lang::En).unwrap();
    let schemas = &documents["widgets"]["components"]["schemas"];
    assert_eq!(
        schemas["ListWidgetsResponse"]["properties"]["result"]["$ref"],
        "#/components/schemas/ListWidgetsResponse2"
    );
    assert_eq!(
        schemas["ListWidgetsResponse2"]["properties"]["inner"]["type"],
        "string"
    );
}
