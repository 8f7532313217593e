//! The Huawei Markdown importer on small pages written here, one per variant the
//! published pages use, and on broken pages, which must give located findings and
//! never a panic.

use std::path::Path;

use hwcloud_codegen_cli::import::Severity;
use hwcloud_codegen_cli::import::page::Block;
use hwcloud_codegen_cli::import::parse::huawei_md;
use hwcloud_codegen_cli::import::{Built, Extracted, build};
use hwcloud_model::spec::schema::{ExampleKind, OperationFile, ParamLocation};

fn import(page: &str) -> (OperationFile, Vec<hwcloud_codegen_cli::import::Finding>) {
    let (page, mut findings) = huawei_md::parse(Path::new("test/page.md"), page);
    let Built {
        extracted,
        findings: more,
        ..
    } = build::operation(&page, "test/page.md");
    findings.extend(more);
    match extracted {
        Extracted::Operation(op, _) => (*op, findings),
        Extracted::Skipped(why) => panic!("skipped: {why}; {findings:?}"),
    }
}

/// A temporary documentation folder named like a corpus folder, so the
/// importer takes the service from its name.
fn docs_folder(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join(name);
    std::fs::create_dir_all(&docs).unwrap();
    (dir, docs)
}

fn table(header: &[&str], rows: &[&[&str]]) -> String {
    let th: String = header
        .iter()
        .map(|h| format!("<th class=\"x\"><p>{h}</p>\n</th>\n"))
        .collect();
    let trs: String = rows
        .iter()
        .map(|r| {
            format!(
                "<tr>{}</tr>\n",
                r.iter()
                    .map(|c| format!("<td><p>{c}</p>\n</td>\n"))
                    .collect::<String>()
            )
        })
        .collect();
    format!("<table><thead align=\"left\"><tr>{th}</tr>\n</thead>\n<tbody>{trs}</tbody>\n</table>\n")
}

const HEAD: &str = "# 取消作业（推荐）<a name=\"dli_02_0104\"></a>\n\n## 功能介绍<a name=\"s1\"></a>\n\n该API用于取消作业。\n\n## URI<a name=\"s2\"></a>\n\n";

#[test]
fn escaped_markdown_uri_outside_a_fence_and_header_variant_one() {
    let page = format!(
        "{HEAD}-   URI格式：\n\n    DELETE /v1.0/\\{{project\\_id\\}}/jobs/\\{{job\\_id\\}}\n\n**表 1**  URI参数\n\n{}",
        table(
            &["参数名称", "是否必选", "参数类型", "说明"],
            &[
                &["project_id", "是", "String", "项目编号。"],
                &["job_id", "是", "String", "作业ID。"]
            ]
        )
    );
    let (op, findings) = import(&page);
    assert_eq!(findings, []);
    assert_eq!(op.uri, "/v1.0/{project_id}/jobs/{job_id}");
    assert_eq!(op.sources[0].id.as_deref(), Some("dli_02_0104"));
    assert_eq!(op.summary.zh.as_deref(), Some("该API用于取消作业。"));
    let names: Vec<_> = op
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        names,
        [
            ("project_id", Some(ParamLocation::Path), Some(true)),
            ("job_id", Some(ParamLocation::Path), Some(true))
        ]
    );
}

#[test]
fn uri_inside_a_code_fence_with_camel_case_and_header_variant_two() {
    let page = format!(
        "{HEAD}-   URI 格式\n\n    ```\n    DELETE /ges/v1.0/{{projectId}}/graphs/{{graphName}}\n    ```\n\n**表 1**  URI参数说明\n\n{}",
        table(
            &["参数", "是否为必选", "类型", "描述"],
            &[
                &["projectId", "是", "String", "ID"],
                &["graphName", "是", "String", "图名称。"]
            ]
        )
    );
    let (op, findings) = import(&page);
    assert_eq!(findings, []);
    assert_eq!(op.uri, "/ges/v1.0/{projectId}/graphs/{graphName}");
    assert_eq!(op.parameters[1].description.zh.as_deref(), Some("图名称。"));
}

#[test]
fn query_tables_nested_tables_by_number_and_by_anchor_link_and_notes_in_cells() {
    let page = format!(
        "{HEAD}GET /v1.0/{{project_id}}/jobs\n\n**表 1**  URI参数\n\n{}\n**表 2**  query参数\n\n{}\n## 响应消息\n\n**表 3**  响应参数\n\n{}\n**表 4**  jobs参数\n\n{}\n**表 5**  标签说明\n\n<a name=\"table77\"></a>\n{}",
        table(
            &["名称", "必选", "参数类型", "说明"],
            &[&["project_id", "是", "String", "项目"]]
        ),
        table(
            &["参数名称", "是否必选", "参数类型", "说明"],
            &[&["page-size", "否", "Integer", "每页个数。"]]
        ),
        table(
            &["参数", "是否必选", "参数类型", "说明"],
            &[&["jobs", "是", "Array of Objects", "作业信息。具体参数请参见表4。"]]
        ),
        table(
            &["参数", "是否必选", "参数类型", "说明"],
            &[
                &[
                    "status",
                    "是",
                    "String",
                    "状态。</p>\n<div class=\"note\"><p>说明： 仅在完成后有效。</p></div><p>"
                ],
                &[
                    "tags",
                    "否",
                    "Array of Objects",
                    "标签，详见<a href=\"#table77\">标签说明</a>。"
                ]
            ]
        ),
        table(
            &["参数", "是否必选", "参数类型", "说明"],
            &[&["key", "是", "String", "键。"]]
        ),
    );
    let (op, findings) = import(&page);
    assert_eq!(findings, []);
    let query = op
        .parameters
        .iter()
        .find(|p| p.name == "page-size")
        .expect("query parameter");
    assert_eq!(
        (query.location, query.ty.as_str()),
        (Some(ParamLocation::Query), "integer")
    );
    let response = &op.response.as_ref().expect("response").fields;
    assert_eq!(response[0].ty, "array<Job>");
    let job = op.objects.iter().find(|o| o.name == "Job").expect("jobs table");
    assert_eq!(job.fields[1].ty, "array<Tag>");
    assert!(
        job.fields[0]
            .description
            .zh
            .as_deref()
            .unwrap()
            .contains("说明： 仅在完成后有效。")
    );
    assert!(
        op.objects
            .iter()
            .any(|o| o.name == "Tag" && o.fields[0].name == "key")
    );
}

#[test]
fn rowspan_and_colspan_are_expanded() {
    let html = "<table><thead align=\"left\"><tr><th>状态码</th><th>描述</th></tr></thead>\n<tbody><tr><td rowspan=\"2\">400</td><td>请求错误。</td></tr>\n<tr><td>参数错误。</td></tr>\n<tr><td colspan=\"2\">500 内部错误</td></tr>\n</tbody></table>\n";
    let (page, findings) = huawei_md::parse(Path::new("t.md"), &format!("# T\n\n{html}"));
    assert_eq!(findings, []);
    let Some(Block::Table(table)) = page.blocks.iter().find(|b| matches!(b, Block::Table(_))) else {
        panic!("no table")
    };
    let cells: Vec<Vec<&str>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(
        cells,
        [
            vec!["400", "请求错误。"],
            vec!["400", "参数错误。"],
            vec!["500 内部错误", "500 内部错误"]
        ]
    );
}

#[test]
fn examples_keep_status_and_drop_the_request_line() {
    let page = format!(
        "{HEAD}POST /v1.0/{{project_id}}/jobs\n\n**表 1**  URI参数\n\n{}\n## 示例\n\n-   请求样例：\n\n    ```\n    POST https://Endpoint/v1.0/p/jobs\n    {{\"sql\": \"select 1\"}}\n    ```\n\n-   请求失败样例\n\n    ```\n    Http Status Code: 400\n    {{\"error_code\": \"DLI.0001\", \"error_msg\": \"bad\"}}\n    ```\n\n-   成功响应样例：\n\n    ```\n    {{\"message\": \"{{\"\"}}\"}}\n    ```\n",
        table(
            &["参数名称", "是否必选", "参数类型", "说明"],
            &[&["project_id", "是", "String", "项目"]]
        )
    );
    let (op, findings) = import(&page);
    let kinds: Vec<_> = op.examples.iter().map(|e| (e.kind, e.status, e.format)).collect();
    use hwcloud_model::spec::schema::ExampleFormat::{Json, Text};
    assert_eq!(
        kinds,
        [
            (ExampleKind::Request, None, Json),
            (ExampleKind::Error, Some(400), Json),
            (ExampleKind::Response, Some(200), Text)
        ]
    );
    assert_eq!(op.examples[0].body, "{\"sql\": \"select 1\"}\n");
    assert_eq!(
        findings.iter().map(|f| f.code).collect::<Vec<_>>(),
        ["example-not-json"]
    );
}

#[test]
fn a_truncated_table_gives_a_located_error_not_a_panic() {
    let page = format!(
        "{HEAD}GET /v1.0/{{project_id}}/x\n\n**表 1**  URI参数\n\n<table><thead><tr><th>参数</th><th>是否必选</th></tr></thead><tbody><tr><td>project_id</td><td>是"
    );
    let (page, findings) = huawei_md::parse(Path::new("t.md"), &page);
    let unclosed = findings
        .iter()
        .find(|f| f.code == "unclosed-table")
        .expect("a finding");
    assert_eq!((unclosed.severity, unclosed.line), (Severity::Error, 13));
    let _ = build::operation(&page, "t.md");
}

#[test]
fn tables_nested_twenty_thousand_deep_are_skipped_with_a_located_error() {
    let depth = 20_000;
    let page = format!(
        "{HEAD}GET /v1.0/x\n\n**表 1**  URI参数\n\n{}x{}\n\n## 响应消息\n\n**表 2**  响应参数\n\n{}",
        "<table><tr><td>".repeat(depth),
        "</td></tr></table>".repeat(depth),
        table(&["参数", "参数类型", "说明"], &[&["id", "String", "ID。"]]),
    );
    let (page, findings) = huawei_md::parse(Path::new("t.md"), &page);
    let nested = findings
        .iter()
        .find(|f| f.code == "nested-tables")
        .expect("a finding");
    assert_eq!((nested.severity, nested.line), (Severity::Error, 13));
    assert!(nested.message.contains("20000 deep"), "{}", nested.message);
    let Built { extracted, .. } = build::operation(&page, "t.md");
    let Extracted::Operation(op, _) = extracted else {
        panic!("skipped")
    };
    assert_eq!(
        op.response.unwrap().fields[0].name,
        "id",
        "the page's other tables are read"
    );
}

#[test]
fn invalid_html_and_garbage_never_panic() {
    for text in [
        "",
        "# only a title",
        "## URI\n\nGET /v1/{a\n",
        "# T\n\n## URI\n\nDELETE /v1/{x}/y\n\n<table><tr><td rowspan=\"999999\">x</td></tr></table>\n",
        "# T\n\n<table><thead><tr><th>参数</th></tr><tbody><tr><td><p>a<td>b</table>\n```\nunclosed",
        "\u{feff}# T\n\n## URI\n\nGET /v1/{x}?a={b}&c=d\n\n<table></table>",
    ] {
        let (page, _) = huawei_md::parse(Path::new("t.md"), text);
        let _ = build::operation(&page, "t.md");
    }
}

#[test]
fn overview_pages_are_skipped_not_failed() {
    let (page, _) = huawei_md::parse(
        Path::new("t.md"),
        "# API概览\n\n## 创建作业\n\nPOST /v1.0/{project_id}/jobs 用于创建作业。\n",
    );
    let Built {
        extracted, findings, ..
    } = build::operation(&page, "t.md");
    assert!(matches!(extracted, Extracted::Skipped(_)) && findings.is_empty());
}

fn write_pages(dir: &Path) {
    let uri_table = table(
        &["参数名称", "是否必选", "参数类型", "说明"],
        &[
            &["project_id", "是", "String", "项目"],
            &["job_id", "是", "String", "作业ID"],
        ],
    );
    std::fs::write(
        dir.join("取消作业（推荐）.md"),
        format!("# 取消作业（推荐）\n\n## URI\n\nDELETE /v1.0/\\{{project\\_id\\}}/jobs/\\{{job\\_id\\}}\n\n**表 1**  URI参数\n\n{uri_table}"),
    )
    .unwrap();
    let queue_table = table(
        &["参数名称", "是否必选", "参数类型", "说明"],
        &[
            &["project_id", "是", "String", "项目"],
            &["queue_name", "是", "String", "队列"],
            &["job_id", "是", "String", "作业ID"],
        ],
    );
    std::fs::write(
        dir.join("取消作业（废弃）.md"),
        format!(
            "# 取消作业（废弃）\n\n## 功能介绍\n\n>本章节介绍的API已过时，推荐使用[取消作业（推荐）](取消作业（推荐）.md)介绍的API。\n\n## URI\n\nDELETE /v1.0/\\{{project\\_id\\}}/queues/\\{{queue\\_name\\}}/jobs/\\{{job\\_id\\}}\n\n**表 1**  URI参数\n\n{queue_table}"
        ),
    )
    .unwrap();
}

/// The text of an imported file, or a panic naming the files there are.
fn file<'a>(imported: &'a hwcloud_codegen_cli::import::Imported, path: &str) -> &'a String {
    imported
        .files
        .get(Path::new(path))
        .unwrap_or_else(|| panic!("no {path} among {:?}", imported.files.keys()))
}

#[test]
fn a_deprecated_page_names_the_operation_it_links_to() {
    let (_dir, docs) = docs_folder("huawei-dli-zh");
    write_pages(&docs);
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    assert_eq!(
        imported.report.count(hwcloud_codegen_cli::import::Status::Ok),
        2,
        "{}",
        imported.report
    );
    let deprecated = file(&imported, "dli/operations/cancel_queue_job.yaml");
    assert!(
        deprecated.contains("deprecated:\n  replacement: cancel_job\n"),
        "{deprecated}"
    );
}

#[test]
fn importing_twice_gives_byte_identical_yaml() {
    let (_dir, docs) = docs_folder("huawei-dli-zh");
    write_pages(&docs);
    let first = hwcloud_codegen_cli::import::import(std::slice::from_ref(&docs), None);
    let second = hwcloud_codegen_cli::import::import(&[docs], None);
    assert_eq!(first.files, second.files);
    assert_eq!(first.files.len(), 3, "two operations and the service file");
}

#[test]
fn an_old_page_left_beside_the_current_one_only_fills_texts() {
    let (_dir, docs) = docs_folder("huawei-dli-zh");
    let page = |title: &str, rows: &[&[&str]]| {
        let uri = table(
            &["参数名称", "是否必选", "参数类型", "说明"],
            &[&["project_id", "是", "String", "项目"]],
        );
        let body = table(&["参数名称", "是否必选", "参数类型", "说明"], rows);
        format!(
            "# {title}\n\n## URI\n\nPOST /v2.0/\\{{project\\_id\\}}/resources\n\n**表 1**  URI参数\n\n{uri}\n## 请求消息\n\n**表 2**  请求参数\n\n{body}"
        )
    };
    // The old title documented a field the current page dropped and made `kind` mandatory.
    let old = page(
        "上传资源包",
        &[
            &["kind", "是", "String", "类型"],
            &["group", "否", "String", "分组"],
        ],
    );
    let current = page("上传分组资源", &[&["kind", "否", "String", "资源类型"]]);
    std::fs::write(docs.join("上传资源包.md"), old).unwrap();
    std::fs::write(docs.join("上传分组资源.md"), current).unwrap();
    std::fs::write(
        docs.join("index.md"),
        "# API参考\n\n-   [上传分组资源](上传分组资源.md)\n",
    )
    .unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    assert_eq!(imported.files.len(), 2, "{:?}", imported.files.keys());
    let op: OperationFile =
        serde_yaml::from_str(file(&imported, "dli/operations/upload_resources.yaml")).unwrap();
    let body = op.request_body.expect("the current page's body");
    let names: Vec<(&str, Option<bool>)> = body
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(
        names,
        [("kind", Some(false))],
        "the current page alone shapes the operation"
    );
    let old_report = imported
        .report
        .pages
        .iter()
        .find(|p| p.page.ends_with("上传资源包.md"))
        .unwrap();
    assert_eq!(
        old_report.status,
        hwcloud_codegen_cli::import::Status::Ok,
        "{}",
        imported.report
    );
    let said: Vec<&str> = old_report.findings.iter().map(|f| f.message.as_str()).collect();
    assert!(
        said.iter().any(|m| m.contains("table of contents lists it")),
        "{said:?}"
    );
    assert!(
        said.contains(&"differs: request field `group` is only on this page"),
        "{said:?}"
    );
    assert!(
        said.contains(&"differs: request field `kind`: mandatory on one page, optional on the other"),
        "{said:?}"
    );
}

#[test]
fn an_error_code_page_becomes_the_service_file_and_hand_edited_codes_survive_reimport() {
    let (dir, docs) = docs_folder("huawei-ges-zh");
    let codes = table(
        &["状态码", "错误码", "错误信息", "描述", "处理措施"],
        &[
            &["400", "GES.0001", "Incorrect parameter.", "参数错误", "检查URL。"],
            &["abc", "GES.0002", "Bad status.", "状态码错误", ""],
            &["404", "GES.0003", "Not found.", "", ""],
        ],
    );
    std::fs::write(
        docs.join("管理面API错误码.md"),
        format!("# 管理面API错误码\n\n{codes}"),
    )
    .unwrap();
    let out = dir.path().join("spec");
    std::fs::create_dir_all(out.join("ges")).unwrap();
    std::fs::write(
        out.join("ges/service.yaml"),
        "service: ges\nname:\n  en: Graph Engine Service\nendpoint: ges.{region}.myhuaweicloud.com\nerror_body:\n- code: errorCode\n  message: errorMessage\nerror_codes:\n- status: 400\n  code: GES.8003\n  message:\n    en: graph not found\n  hand_edit: Used by the examples, missing from the table.\n- status: 400\n  code: GES.9999\n  message:\n    en: gone from the page, no hand edit\n- status: 404\n  code: GES.0003\n  message:\n    en: Graph not found.\n  hand_edit: The service's message, as observed.\n",
    )
    .unwrap();
    let imported = hwcloud_codegen_cli::import::import_into(&[docs], None, Some(&out));
    let yaml = file(&imported, "ges/service.yaml");
    let file: hwcloud_model::spec::schema::ServiceFile = serde_yaml::from_str(yaml).unwrap();
    assert_eq!(
        file.name.en.as_deref(),
        Some("Graph Engine Service"),
        "kept from the existing file"
    );
    assert_eq!(file.endpoint.as_deref(), Some("ges.{region}.myhuaweicloud.com"));
    let codes: Vec<&str> = file.error_codes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(
        codes,
        ["GES.0001", "GES.0003", "GES.8003"],
        "the page's codes, the hand-added one; GES.9999 is gone"
    );
    assert_eq!(
        file.error_codes[1].message.en.as_deref(),
        Some("Graph not found."),
        "a hand edit the page contradicts is kept"
    );
    let first = &file.error_codes[0];
    assert_eq!(
        (
            first.message.en.as_deref(),
            first.description.zh.as_deref(),
            first.remedy.zh.as_deref()
        ),
        (Some("Incorrect parameter."), Some("参数错误"), Some("检查URL。")),
        "each text under the language it is written in"
    );
    let page = &imported.report.pages[0];
    assert_eq!(page.skipped, Some("error codes, read into service.yaml"));
    assert!(
        page.findings
            .iter()
            .any(|f| f.code == "bad-status" && f.message.contains("GES.0002")),
        "{:?}",
        page.findings
    );
    assert!(
        page.findings
            .iter()
            .any(|f| f.code == "hand-edit-conflict" && f.message.contains("GES.0003")),
        "the contradiction is reported: {:?}",
        page.findings
    );
}

#[test]
fn a_placeholder_no_table_documents_takes_the_row_other_pages_give_it() {
    let (_dir, docs) = docs_folder("huawei-ges-zh");
    let uri = table(
        &["参数", "是否必选", "类型", "说明"],
        &[
            &["project_id", "是", "String", "项目编号。"],
            &["graph_name", "是", "String", "图名称。"],
        ],
    );
    std::fs::write(
        docs.join("查询图(1-0-0).md"),
        format!("# 查询图\n\n## URI\n\nGET /ges/v1.0/\\{{project\\_id\\}}/graphs/\\{{graph\\_name\\}}\n\n**表 1**  URI参数\n\n{uri}"),
    )
    .unwrap();
    std::fs::write(
        docs.join("删除点(2-2-7).md"),
        "# 删除点\n\n## URI\n\n```\nPOST /ges/v1.0/{projectId}/graphs/{graphName}/vertices/action?action_id=delete\n```\n",
    )
    .unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    assert_eq!(
        imported.report.count(hwcloud_codegen_cli::import::Status::Ok),
        2,
        "{}",
        imported.report
    );
    let op: OperationFile =
        serde_yaml::from_str(file(&imported, "ges/operations/delete_vertex.yaml")).unwrap();
    let graph = op.parameters.iter().find(|p| p.name == "graphName").unwrap();
    assert_eq!(graph.description.zh.as_deref(), Some("图名称。"));
    assert!(graph.note.as_deref().unwrap().contains("other pages"));
}

#[test]
fn an_example_that_contradicts_its_table_widens_the_field_and_says_why() {
    let (_dir, docs) = docs_folder("huawei-dli-zh");
    let body = table(
        &["参数名称", "是否必选", "参数类型", "说明"],
        &[
            &["enabled", "是", "Boolean", "开关"],
            &["name", "是", "String", "名称"],
        ],
    );
    std::fs::write(
        docs.join("更新开关.md"),
        format!(
            "# 更新开关\n\n## URI\n\nPUT /v1.0/switch\n\n## 请求消息\n\n**表 1**  请求参数\n\n{body}\n## 示例\n\n-   请求样例\n\n    ```\n    {{\"enabled\": \"true\", \"extra\": 1}}\n    ```\n"
        ),
    )
    .unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    let op: OperationFile = serde_yaml::from_str(imported.files.values().next().unwrap()).unwrap();
    let fields = &op.request_body.expect("a body").fields;
    let shape: Vec<(&str, &str, Option<bool>)> = fields
        .iter()
        .map(|f| (f.name.as_str(), f.ty.as_str(), f.required))
        .collect();
    assert_eq!(
        shape,
        [
            ("enabled", "text_or<boolean>", Some(true)),
            ("name", "string", Some(false)),
            ("extra", "integer", Some(false)),
        ]
    );
    assert!(
        fields.iter().all(|f| f.note.is_some()),
        "each change is noted: {fields:?}"
    );
    let page = &imported.report.pages[0];
    assert_eq!(
        page.status,
        hwcloud_codegen_cli::import::Status::Ok,
        "{}",
        imported.report
    );
    assert_eq!(
        page.findings
            .iter()
            .filter(|f| f.code == "example-contradicts-table")
            .count(),
        3,
        "{:?}",
        page.findings
    );
}

#[test]
fn reimporting_keeps_the_operation_id_and_the_fields_a_reviewer_edited() {
    let (dir, docs) = docs_folder("huawei-dli-zh");
    let response = table(
        &["参数名称", "是否必选", "参数类型", "说明"],
        &[
            &["status", "否", "String", "状态。"],
            &["name", "否", "String", "名称。"],
        ],
    );
    std::fs::write(
        docs.join("查询开关.md"),
        format!(
            "# 查询开关\n\n## URI\n\nGET /v1.0/switch\n\n## 响应消息\n\n**表 1**  响应参数\n\n{response}"
        ),
    )
    .unwrap();
    let out = dir.path().join("spec");
    std::fs::create_dir_all(out.join("dli/operations")).unwrap();
    // The reviewer's file: its own id, `status` retyped and `count` added by hand,
    // `gone` an earlier page's field with no hand edit.
    std::fs::write(
        out.join("dli/operations/show_switch.yaml"),
        "operation: show_switch\ntitle:\n  zh: 查询开关\nsources:\n- page: huawei-dli-zh/查询开关.md\n  lang: zh\nmethod: GET\nuri: /v1.0/switch\nresponse:\n  fields:\n  - name: status\n    required: false\n    type: integer\n    hand_edit: The service sends a number.\n  - name: count\n    type: integer\n    hand_edit: Sent by the service, not in the table.\n  - name: gone\n    type: string\n",
    )
    .unwrap();
    // An operation the docs no longer have stays, and is listed.
    std::fs::write(
        out.join("dli/operations/delete_switch.yaml"),
        "operation: delete_switch\ntitle:\n  zh: 删除开关\nsources:\n- page: huawei-dli-zh/删除开关.md\n  lang: zh\nmethod: DELETE\nuri: /v1.0/switch\n",
    )
    .unwrap();
    let imported = hwcloud_codegen_cli::import::import_into(&[docs], None, Some(&out));
    let names: Vec<&Path> = imported.files.keys().map(|p| p.as_path()).collect();
    assert_eq!(
        names,
        [
            Path::new("dli/operations/show_switch.yaml"),
            Path::new("dli/service.yaml")
        ],
        "the id is kept"
    );
    assert_eq!(imported.report.undocumented, ["dli.delete_switch"]);
    let op: OperationFile = serde_yaml::from_str(imported.files.values().next().unwrap()).unwrap();
    assert_eq!(op.operation, "show_switch");
    let fields: Vec<(&str, &str)> = op
        .response
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.ty.as_str()))
        .collect();
    assert_eq!(
        fields,
        [("status", "integer"), ("name", "string"), ("count", "integer")],
        "hand edits kept, the page's new field in, the unmarked old field gone"
    );
    let findings = &imported.report.pages[0].findings;
    let codes: Vec<(&str, bool)> = findings
        .iter()
        .filter(|f| f.code.starts_with("hand-edit"))
        .map(|f| {
            (
                f.code,
                f.message.contains("`status`") || f.message.contains("`count`"),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [("hand-edit-conflict", true), ("hand-edit-kept", true)],
        "{findings:?}"
    );
}

#[test]
fn a_response_printed_as_a_json_array_becomes_an_array_body_of_its_element_table() {
    let (_dir, docs) = docs_folder("huawei-dli-zh");
    let response = table(
        &["参数名称", "是否必选", "参数类型", "说明"],
        &[&[
            "数组元素",
            "否",
            "Array of Objects",
            "响应消息组。具体请参考<a href=\"#t4\">表4</a>。",
        ]],
    );
    let elements = table(
        &["参数名称", "是否必选", "参数类型", "说明"],
        &[
            &["is_success", "否", "Boolean", "是否成功。"],
            &["message", "否", "String", "消息内容。"],
        ],
    );
    std::fs::write(
        docs.join("批量运行作业.md"),
        format!(
            "# 批量运行作业\n\n## URI\n\nPOST /v1.0/jobs/run\n\n## 响应消息\n\n**表 1**  响应参数\n\n{response}\n**表 4**  数组元素参数说明\n\n<a name=\"t4\"></a>\n{elements}\n## 示例\n\n-   响应样例\n\n    ```\n    [{{\"is_success\": \"true\", \"message\": \"ok\"}}]\n    ```\n"
        ),
    )
    .unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    let op: OperationFile = serde_yaml::from_str(imported.files.values().next().unwrap()).unwrap();
    let body = op.response.expect("a response");
    assert!(body.array, "{}", imported.report);
    let fields: Vec<(&str, &str)> = body
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.ty.as_str()))
        .collect();
    assert_eq!(
        fields,
        [("is_success", "text_or<boolean>"), ("message", "string")],
        "the element table's fields, checked against the example's elements"
    );
    assert!(op.objects.is_empty(), "the element table is the body now");
    assert_eq!(
        op.examples[0].format,
        hwcloud_model::spec::schema::ExampleFormat::Json
    );
    assert!(
        !imported.report.to_string().contains("unsupported-example"),
        "{}",
        imported.report
    );
}

#[test]
fn path_ids_grow_until_routes_differ_and_later_versions_name_themselves() {
    let (_dir, docs) = docs_folder("huawei-ges-zh");
    let graph = "/ges/v1.0/{project_id}/graphs/{graph_name}";
    for (page, method, path) in [
        (
            "更新点属性(1-1-6)",
            "POST",
            format!("{graph}/vertices/{{vertex_id}}/properties/action"),
        ),
        (
            "批量更新点属性(2-1-10)",
            "POST",
            format!("{graph}/vertices/properties/action"),
        ),
        (
            "更新边属性(1-1-6)",
            "POST",
            format!("{graph}/edges/properties/action"),
        ),
        (
            "批量更新边属性(2-1-10)",
            "POST",
            format!("{graph}/edges/properties/action"),
        ),
        ("创建图(2-1-16)", "POST", "/v1.0/{project_id}/graphs".to_owned()),
        ("创建图(1-0-0)", "POST", "/v1.0/{project_id}/graphs".to_owned()),
    ] {
        std::fs::write(
            docs.join(format!("{page}.md")),
            format!("# {page}\n\n## URI\n\n```\n{method} {path}\n```\n"),
        )
        .unwrap();
    }
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    let id_of = |page: &str| {
        let entry = imported
            .report
            .pages
            .iter()
            .find(|p| p.page.contains(page))
            .unwrap();
        entry.operation.clone().unwrap()
    };
    let ids: Vec<String> = [
        "/更新点属性",
        "批量更新点属性",
        "/更新边属性",
        "批量更新边属性",
        "创建图(1-0-0)",
        "创建图(2-1-16)",
    ]
    .into_iter()
    .map(id_of)
    .collect();
    assert_eq!(
        ids,
        [
            // Two words tell the routes apart where the verb and the last word do
            // not; the titles' `批量` tells the batch versions.
            "ges.update_vertex_property",
            "ges.batch_update_vertices_properties",
            "ges.update_edges_property",
            "ges.batch_update_edges_properties",
            // The lowest version keeps the bare id.
            "ges.create_graph",
            "ges.create_graph_v2_1_16",
        ]
    );
}

#[test]
fn an_existing_file_that_does_not_parse_refuses_its_service_and_is_never_written_over() {
    let (dir, docs) = docs_folder("huawei-dli-zh");
    std::fs::write(
        docs.join("查询开关.md"),
        "# 查询开关\n\n## URI\n\nGET /v1.0/switches\n",
    )
    .unwrap();
    let fresh = hwcloud_codegen_cli::import::import(std::slice::from_ref(&docs), None);
    let name: Vec<&Path> = fresh.files.keys().map(|p| p.as_path()).collect();
    assert_eq!(
        name,
        [
            Path::new("dli/operations/list_switches.yaml"),
            Path::new("dli/service.yaml")
        ],
        "every service gets a service file, error-code pages or not"
    );
    // The same file name in the spec, broken by a bad merge.
    let out = dir.path().join("spec");
    std::fs::create_dir_all(out.join("dli/operations")).unwrap();
    std::fs::write(
        out.join("dli/operations/list_switches.yaml"),
        "operation: [unclosed\n",
    )
    .unwrap();
    // A second service in the same run, whose spec is fine, is still written.
    let ges = dir.path().join("huawei-ges-zh");
    std::fs::create_dir_all(&ges).unwrap();
    std::fs::write(ges.join("查询图.md"), "# 查询图\n\n## URI\n\nGET /v1.0/graphs\n").unwrap();
    let imported = hwcloud_codegen_cli::import::import_into(&[docs, ges], None, Some(&out));
    let names: Vec<&Path> = imported.files.keys().map(|p| p.as_path()).collect();
    assert_eq!(
        names,
        [
            Path::new("ges/operations/list_graphs.yaml"),
            Path::new("ges/service.yaml")
        ],
        "nothing is written for dli, ges is"
    );
    assert_eq!(imported.report.refused, ["dli"]);
    assert!(imported.report.failed(), "the run exits non-zero");
    let page = imported
        .report
        .pages
        .iter()
        .find(|p| p.page.ends_with("查询开关.md"))
        .unwrap();
    assert_eq!(page.status, hwcloud_codegen_cli::import::Status::Failed);
    assert!(
        page.findings.iter().any(|f| f.code == "refused-service"),
        "{:?}",
        page.findings
    );
    let text = imported.report.to_string();
    assert!(
        text.contains("dli/operations/list_switches.yaml:1:"),
        "the file and line are named: {text}"
    );
}

#[test]
fn an_existing_operation_that_parses_but_does_not_validate_refuses_its_service() {
    let (dir, docs) = docs_folder("huawei-dli-zh");
    std::fs::write(
        docs.join("查询开关.md"),
        "# 查询开关\n\n## URI\n\nGET /v1.0/switches\n",
    )
    .unwrap();
    let out = dir.path().join("spec");
    hwcloud_codegen_cli::import::write::write(
        &out,
        &hwcloud_codegen_cli::import::import(std::slice::from_ref(&docs), None).files,
    )
    .unwrap();
    // A hand edit that parses but names a table nobody defines.
    let file = out.join("dli/operations/list_switches.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("{text}response:\n  fields:\n  - name: x\n    type: Missing\n"),
    )
    .unwrap();
    let imported = hwcloud_codegen_cli::import::import_into(&[docs], None, Some(&out));
    assert!(imported.files.is_empty(), "{:?}", imported.files.keys());
    assert_eq!(imported.report.refused, ["dli"]);
    assert!(
        imported
            .report
            .invalid_existing
            .iter()
            .any(|e| e.contains("list_switches.yaml:") && e.contains("Missing")),
        "{:?}",
        imported.report.invalid_existing
    );
}

/// The layout generated from the vendor's API catalogue (EIP, VPC v3): pipe
/// tables, one response table per status line, constraint lines run into the
/// descriptions, a response header table.
const CATALOGUE_PAGE: &str = "# 创建东西<a name=\"foo_02_0001\"></a>

## URI

POST /v1/\\{project\\_id\\}/things

**表 1**  路径参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|project_id|是|String|项目ID最小长度：**1**最大长度：**64**|

## 请求参数

**表 2**  请求Header参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|X-Auth-Token|是|String|用户Token。|

**表 3**  请求Body参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|thing|是|CreateThingOption object|东西。|

**表 4**  CreateThingOption

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|size|否|Integer|大小。最小值：**1**最大值：**2000**缺省值：**5**|
|type|否|String|类型。枚举值：**WHOLE****PER**|

## 响应参数

**状态码： 201**

**表 5**  响应Header参数

|参数|参数类型|描述|
|--|--|--|
|X-Request-Id|String|请求ID。|

**表 6**  响应Body参数

|参数|参数类型|描述|
|--|--|--|
|id|String|东西ID。|

**状态码： 400**

**表 7**  响应Body参数

|参数|参数类型|描述|
|--|--|--|
|code|String|错误码最小长度：**0**最大长度：**36**|
|message|String|错误信息|

**状态码： 404**

**表 8**  响应Body参数

|参数|参数类型|描述|
|--|--|--|
|code|String|错误码最小长度：**0**最大长度：**36**|
|message|String|错误信息|

## 状态码

|状态码|描述|
|--|--|
|201|创建成功|
|400|请求错误|
|404|不存在|
";

#[test]
fn the_catalogue_layout_gives_statuses_headers_and_constraints() {
    let (op, findings) = import(CATALOGUE_PAGE);
    assert!(
        findings.iter().all(|f| f.severity == Severity::Info),
        "{findings:#?}"
    );
    let project_id = &op.parameters[0];
    assert_eq!(
        (project_id.min_length, project_id.max_length),
        (Some(1), Some(64))
    );
    assert_eq!(project_id.description.zh.as_deref(), Some("项目ID"));
    assert_eq!(op.parameters[1].name, "X-Auth-Token");
    assert_eq!(op.parameters[1].location, Some(ParamLocation::Header));
    let body = op.request_body.as_ref().unwrap();
    assert_eq!(body.fields[0].ty, "Thing");
    let thing = &op.objects[0].fields;
    assert_eq!(
        (thing[0].minimum, thing[0].maximum, thing[0].default.as_deref()),
        (Some(1), Some(2000), Some("5"))
    );
    assert_eq!(thing[1].values, ["WHOLE", "PER"]);
    assert_eq!(thing[1].description.zh.as_deref(), Some("类型。"));
    let response = op.response.as_ref().unwrap();
    assert_eq!(response.status, [201]);
    assert_eq!(response.headers[0].name, "X-Request-Id");
    assert_eq!(response.fields[0].name, "id");
    assert_eq!(op.responses.len(), 1, "the two error statuses share one body");
    assert_eq!(op.responses[0].status, [400, 404]);
    let names: Vec<&str> = op.responses[0].fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["code", "message"]);
}

#[test]
fn a_catalogue_service_takes_its_error_body_from_the_error_tables_and_validates() {
    let (_dir, docs) = docs_folder("huawei-foo-zh");
    std::fs::write(docs.join("创建东西.md"), CATALOGUE_PAGE).unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    let service: hwcloud_model::spec::schema::ServiceFile =
        serde_yaml::from_str(file(&imported, "foo/service.yaml")).unwrap();
    let shapes: Vec<(Option<&str>, &str)> = service
        .error_body
        .iter()
        .map(|s| (s.code.as_deref(), s.message.as_str()))
        .collect();
    assert_eq!(shapes, [(Some("code"), "message")]);
    assert!(hwcloud_model::check_texts(&imported.files).is_empty());
}

#[test]
fn a_row_that_gives_no_rust_name_is_left_out_and_said() {
    let (_dir, docs) = docs_folder("huawei-foo-zh");
    let page = CATALOGUE_PAGE.replace("|id|String|东西ID。|", "|id|String|东西ID。|\n|…|String|更多。|");
    std::fs::write(docs.join("创建东西.md"), page).unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    let op: OperationFile =
        serde_yaml::from_str(file(&imported, "foo/operations/create_thing.yaml")).unwrap();
    let names: Vec<&str> = op
        .response
        .iter()
        .flat_map(|r| &r.fields)
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["id"]);
    let report = &imported.report.pages[0];
    let finding = report
        .findings
        .iter()
        .find(|f| f.code == "row-left-out")
        .unwrap_or_else(|| panic!("a finding: {:?}", report.findings));
    assert!(finding.message.contains("`…`"), "{}", finding.message);
    assert!(hwcloud_model::check_texts(&imported.files).is_empty());
}

#[test]
fn an_operation_that_would_not_pass_check_is_withheld_and_its_page_fails() {
    let (_dir, docs) = docs_folder("huawei-foo-zh");
    // A header named `body` would be the request struct's field the JSON body is.
    let page = CATALOGUE_PAGE.replace(
        "|X-Auth-Token|是|String|用户Token。|",
        "|body|是|String|用户Token。|",
    );
    std::fs::write(docs.join("创建东西.md"), page).unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    let names: Vec<&Path> = imported.files.keys().map(|p| p.as_path()).collect();
    assert_eq!(names, [Path::new("foo/service.yaml")]);
    let report = &imported.report.pages[0];
    let finding = report
        .findings
        .iter()
        .find(|f| f.code == "invalid-spec")
        .expect("a finding");
    assert!(
        finding.message.contains("foo/operations/create_thing.yaml:")
            && finding.message.contains("parameter `body` becomes field `body`"),
        "{}",
        finding.message
    );
    assert!(hwcloud_model::check_texts(&imported.files).is_empty());
}

#[test]
fn renamed_placeholders_shared_types_alternative_bodies_and_foreign_types() {
    let page = "# 更新规则<a name=\"foo_02_0002\"></a>

## URI

PUT /v1/\\{project\\_id\\}/rules/\\{traffic\\_rule\\_id\\}

**表 1**  路径参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|project_id|是|String|项目ID|
|rule_id|是|String|规则ID|

## 请求参数

**表 2**  请求Body参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|request_vpc_info|是|vpc_info object|发起方。|
|accept_vpc_info|是|vpc_info object|接受方。|
|metadata|否|GesMetaData|元数据。|

**表 3**  vpc_info

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|vpc_id|是|String|VPC ID。|

## 响应参数

**表 4**  要素说明

|参数|参数类型|描述|
|--|--|--|
|result|String|同步结果。|

**表 5**  要素说明

|参数|参数类型|描述|
|--|--|--|
|result|String|同步结果。|
|job_id|String|异步任务ID。|
";
    let (op, findings) = import(page);
    assert!(
        findings.iter().all(|f| f.severity == Severity::Info),
        "{findings:#?}"
    );
    let rule = op
        .parameters
        .iter()
        .find(|p| p.name == "traffic_rule_id")
        .expect("paired");
    assert_eq!(rule.location, Some(ParamLocation::Path));
    assert!(
        rule.note.as_deref().unwrap().contains("`rule_id`"),
        "{:?}",
        rule.note
    );
    assert!(
        !op.parameters.iter().any(|p| p.name == "rule_id"),
        "not also a query parameter"
    );
    let body = &op.request_body.as_ref().unwrap().fields;
    assert_eq!(body[0].ty, body[1].ty, "one object for one documented type");
    assert_eq!(op.objects.len(), 1);
    assert_eq!(body[2].ty, "object", "defined on another page");
    let response: Vec<(&str, Option<bool>)> = op
        .response
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(response, [("result", None), ("job_id", Some(false))]);
    assert!(findings.iter().any(|f| f.code == "alternative-body"));
}

#[test]
fn an_endpoint_table_gives_the_service_its_endpoint_pattern() {
    let (_dir, docs) = docs_folder("huawei-foo-zh");
    std::fs::write(docs.join("创建东西.md"), CATALOGUE_PAGE).unwrap();
    let endpoints = format!(
        "# 终端节点<a name=\"foo_01_0004\"></a>\n\n**表 1**  终端节点\n\n{}",
        table(
            &["区域名称", "区域", "终端节点（Endpoint）"],
            &[
                &["全局", "global", "foo.myhuaweicloud.com"],
                &["华北-北京一", "cn-north-1", "foo.cn-north-1.myhuaweicloud.com"],
                &["华北-北京四", "cn-north-4", "foo.cn-north-4.myhuaweicloud.com"],
            ],
        )
    );
    std::fs::write(docs.join("终端节点.md"), endpoints).unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    let service: hwcloud_model::spec::schema::ServiceFile =
        serde_yaml::from_str(file(&imported, "foo/service.yaml")).unwrap();
    assert_eq!(
        service.endpoint.as_deref(),
        Some("foo.{region}.myhuaweicloud.com")
    );
}

#[test]
fn pages_of_one_route_with_different_bodies_are_variants_and_pair_across_folders() {
    let page = |title: &str, auth: &[&[&str]]| {
        let body = table(
            &["参数名称", "是否必选", "参数类型", "说明"],
            &[&["auth", "是", "Object", "认证信息，详情请参见[表2](#t2)。"]],
        );
        let auth = table(&["参数名称", "是否必选", "参数类型", "说明"], auth);
        format!(
            "# {title}\n\n## URI\n\nPOST /v3/auth/tokens\n\n## 请求参数\n\n**表 1**  请求Body参数\n\n{body}\n\
             **表 2**  auth<a name=\"t2\"></a>\n\n{auth}"
        )
    };
    let password: &[&[&str]] = &[
        &["methods", "是", "Array of strings", "认证方法"],
        &["password", "是", "String", "密码"],
    ];
    let agency: &[&[&str]] = &[
        &["methods", "是", "Array of strings", "认证方法"],
        &["assume_role", "是", "String", "委托"],
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut folders = Vec::new();
    for (folder, first, second) in [
        ("huawei-iam-zh", password, agency),
        ("huawei-iam-zh-copy", agency, password),
    ] {
        let docs = dir.path().join(folder);
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(docs.join("a.md"), page("获取Token甲", first)).unwrap();
        std::fs::write(docs.join("b.md"), page("获取Token乙", second)).unwrap();
        folders.push(docs);
    }
    let imported = hwcloud_codegen_cli::import::import(&folders, Some("iam"));
    let operations: Vec<OperationFile> = imported
        .files
        .iter()
        .filter(|(path, _)| path.starts_with("iam/operations"))
        .map(|(_, text)| serde_yaml::from_str(text).unwrap())
        .collect();
    let variants: Vec<(&str, Option<&str>, Vec<&str>)> = operations
        .iter()
        .map(|op| {
            let identity = op
                .objects
                .iter()
                .find(|o| o.fields.iter().any(|f| f.name == "methods"))
                .unwrap_or_else(|| {
                    panic!(
                        "{}\n{}",
                        hwcloud_codegen_cli::import::to_yaml(op),
                        imported.report
                    )
                });
            (
                op.operation.as_str(),
                op.variant.as_deref(),
                identity.fields.iter().map(|f| f.name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        variants,
        [
            (
                "create_token_assume_role",
                Some("assume_role"),
                vec!["methods", "assume_role"]
            ),
            (
                "create_token_password",
                Some("password"),
                vec!["methods", "password"]
            ),
        ],
        "{}",
        imported.report
    );
    for report in &imported.report.pages {
        assert_eq!(
            report.status,
            hwcloud_codegen_cli::import::Status::Ok,
            "{}",
            imported.report
        );
    }
    let merged = imported
        .report
        .pages
        .iter()
        .filter(|p| p.findings.iter().any(|f| f.code == "merged"))
        .count();
    assert_eq!(
        merged, 2,
        "each page of the second folder joins the variant like it: {}",
        imported.report
    );
}

#[test]
fn a_placeholder_one_page_misses_is_described_from_the_services_other_pages_and_said_once() {
    let (_dir, docs) = docs_folder("huawei-ges-zh");
    let uri_table = table(
        &["参数", "是否必选", "类型", "说明"],
        &[
            &["project_id", "是", "String", "项目编号。"],
            &["graph_name", "是", "String", "图名称。"],
        ],
    );
    std::fs::write(
        docs.join("查询图.md"),
        format!("# 查询图\n\n## URI\n\nGET /v1.0/{{project_id}}/graphs/{{graph_name}}\n\n**表 1**  URI参数\n\n{uri_table}"),
    )
    .unwrap();
    std::fs::write(
        docs.join("删除图.md"),
        "# 删除图\n\n## URI\n\nDELETE /v1.0/{project_id}/graphs/{graph_name}\n",
    )
    .unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    let page = imported
        .report
        .pages
        .iter()
        .find(|p| p.page.ends_with("删除图.md"))
        .unwrap();
    let codes: Vec<(&str, Option<&str>)> = page
        .findings
        .iter()
        .filter(|f| f.code.contains("placeholder"))
        .map(|f| (f.code, f.subject.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [
            ("placeholder-from-service", Some("graph_name")),
            ("placeholder-from-service", Some("project_id"))
        ],
        "{:?}",
        page.findings
    );
    let yaml = imported
        .files
        .iter()
        .find(|(file, _)| file.to_string_lossy().contains("delete"))
        .map(|(_, yaml)| yaml.clone())
        .unwrap();
    assert!(yaml.contains("图名称。"), "{yaml}");
}

#[test]
fn a_new_operation_never_takes_the_file_of_an_existing_one_no_page_documents() {
    let (dir, docs) = docs_folder("huawei-dli-zh");
    std::fs::write(
        docs.join("查询开关.md"),
        "# 查询开关\n\n## URI\n\nGET /v1.0/switches\n",
    )
    .unwrap();
    let out = dir.path().join("spec");
    std::fs::create_dir_all(out.join("dli/operations")).unwrap();
    // Another route, kept from an earlier import, already has the id the path gives.
    std::fs::write(
        out.join("dli/operations/list_switches.yaml"),
        "operation: list_switches\ntitle:\n  zh: 旧开关\nsources:\n- page: huawei-dli-zh/旧开关.md\n  lang: zh\nmethod: GET\nuri: /v1.0/old/switches\n",
    )
    .unwrap();
    let imported = hwcloud_codegen_cli::import::import_into(&[docs], None, Some(&out));
    let names: Vec<&Path> = imported.files.keys().map(|p| p.as_path()).collect();
    assert_eq!(
        names,
        [
            Path::new("dli/operations/list_switches_2.yaml"),
            Path::new("dli/service.yaml")
        ],
        "{}",
        imported.report
    );
    assert_eq!(imported.report.undocumented, ["dli.list_switches"]);
}

#[test]
fn query_pairs_name_their_rows_and_shown_query_names_are_parameters() {
    let (_dir, docs) = docs_folder("huawei-ges-zh");
    let rows = table(
        &["参数", "是否必选", "参数类型", "说明"],
        &[
            &["project_id", "是", "String", "项目ID。"],
            &["sourceVertex", "是", "String", "起点。"],
            &["targetVertex", "是", "String", "终点。"],
        ],
    );
    std::fs::write(
        docs.join("查询边详情.md"),
        format!(
            "# 查询边详情\n\n## URI\n\nGET /v1.0/{{project_id}}/edges/detail?source={{sourceVertex}}&target={{targetVertex}}\n\n\
             **表 1**  URI参数说明\n\n{rows}\n## 请求示例\n\nGET https://{{endpoint}}/v1.0/p1/edges/detail?source=a&target=b&index=2\n"
        ),
    )
    .unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    let op: OperationFile =
        serde_yaml::from_str(file(&imported, "ges/operations/show_edges_detail.yaml")).unwrap();
    let parameters: Vec<(&str, Option<ParamLocation>, Option<bool>)> = op
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        parameters,
        [
            ("project_id", Some(ParamLocation::Path), Some(true)),
            ("source", Some(ParamLocation::Query), Some(true)),
            ("target", Some(ParamLocation::Query), Some(true)),
            ("index", Some(ParamLocation::Query), Some(false)),
        ],
        "{}",
        imported.report
    );
    let codes: Vec<&str> = imported.report.pages[0].findings.iter().map(|f| f.code).collect();
    assert!(
        codes.contains(&"query-key") && codes.contains(&"undocumented-query"),
        "{codes:?}"
    );
    assert_eq!(
        imported.report.count(hwcloud_codegen_cli::import::Status::Ok),
        1,
        "{}",
        imported.report
    );
}

#[test]
fn a_docs_tree_of_two_clouds_gives_one_service_with_each_clouds_operations_and_fields_marked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("docs");
    let (huawei, otc) = (root.join("huawei-foo-zh"), root.join("otc-foo-en"));
    std::fs::create_dir_all(&huawei).unwrap();
    std::fs::create_dir_all(&otc).unwrap();
    let page = |title: &str, uri: &str, rows: &[&[&str]]| {
        let body = table(&["参数", "是否必选", "参数类型", "描述"], rows);
        format!("# {title}\n\n## URI\n\n{uri}\n\n## 请求参数\n\n**表 1**  请求Body参数\n\n{body}\n")
    };
    std::fs::write(
        huawei.join("创建东西.md"),
        page(
            "创建东西",
            "POST /v1/things",
            &[
                &["name", "是", "String", "名称。"],
                &["color", "否", "String", "颜色。"],
            ],
        ),
    )
    .unwrap();
    std::fs::write(
        otc.join("creating_a_thing.md"),
        page(
            "Creating a Thing",
            "POST /v1/things",
            &[
                &["name", "是", "String", "Name."],
                &["size", "否", "Integer", "Size."],
            ],
        ),
    )
    .unwrap();
    std::fs::write(
        otc.join("deleting_a_thing.md"),
        page(
            "Deleting a Thing",
            "DELETE /v1/things/{id}",
            &[&["force", "否", "Boolean", "Force."]],
        ),
    )
    .unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[root], None);
    let report = imported.report.to_string();
    assert!(!report.contains("merge-conflict"), "{report}");
    assert!(report.contains("cloud-difference"), "{report}");
    let names: Vec<&Path> = imported.files.keys().map(|p| p.as_path()).collect();
    assert_eq!(
        names,
        [
            Path::new("foo/operations/create_thing.yaml"),
            Path::new("foo/operations/delete_thing.yaml"),
            Path::new("foo/service.yaml")
        ],
        "{report}"
    );
    let create: OperationFile =
        serde_yaml::from_str(file(&imported, "foo/operations/create_thing.yaml")).unwrap();
    assert!(create.clouds.is_empty(), "both clouds document it");
    let fields: Vec<(&str, Vec<&str>)> = create
        .request_body
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.clouds.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        fields,
        [
            ("name", vec![]),
            ("color", vec!["huawei-cloud"]),
            ("size", vec!["open-telekom-cloud"])
        ]
    );
    let delete: OperationFile =
        serde_yaml::from_str(file(&imported, "foo/operations/delete_thing.yaml")).unwrap();
    assert_eq!(delete.clouds, ["open-telekom-cloud"]);
    assert!(
        delete.request_body.unwrap().fields[0].clouds.is_empty(),
        "as its operation"
    );
    assert!(hwcloud_model::check_texts(&imported.files).is_empty());
}

#[test]
fn a_field_pointing_at_a_table_on_another_page_takes_it() {
    let (_dir, docs) = docs_folder("huawei-ges-zh");
    let list = table(
        &["参数", "是否必选", "参数类型", "描述"],
        &[&[
            "jobList",
            "否",
            "JsonArray",
            "任务列表。其内容参考<a href=\"查询Job状态.md#table0628\">表3 job属性列表</a>。",
        ]],
    );
    std::fs::write(
        docs.join("查询任务中心.md"),
        format!("# 查询任务中心\n\n## URI\n\nGET /v1.0/{{project_id}}/graphs/jobs\n\n## 响应\n\n**表 2**  要素说明\n\n{list}"),
    )
    .unwrap();
    let job = table(
        &["参数", "是否必选", "参数类型", "描述"],
        &[
            &["jobId", "否", "String", "任务ID。"],
            &["status", "否", "String", "状态。"],
        ],
    );
    std::fs::write(
        docs.join("查询Job状态.md"),
        format!(
            "# 查询Job状态\n\n## URI\n\nGET /v1.0/{{project_id}}/graphs/jobs/{{job_id}}/status\n\n## 响应\n\n\
             **表 3**  job属性列表\n\n<a name=\"table0628\"></a>\n{job}"
        ),
    )
    .unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    let op: OperationFile = serde_yaml::from_str(file(&imported, "ges/operations/list_jobs.yaml")).unwrap();
    let field = &op.response.as_ref().unwrap().fields[0];
    assert_eq!(
        (field.name.as_str(), field.ty.as_str()),
        ("jobList", "array<JobList>"),
        "{}",
        imported.report
    );
    let names: Vec<&str> = op.objects[0].fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["jobId", "status"]);
    assert!(
        imported.report.to_string().contains("cross-page-table"),
        "{}",
        imported.report
    );
    assert!(hwcloud_model::check_texts(&imported.files).is_empty());
}

#[test]
fn the_one_object_field_without_a_table_takes_the_one_uncaptioned_table_left() {
    let (_dir, docs) = docs_folder("huawei-foo-zh");
    let params = ["参数", "参数类型", "描述"];
    let response = table(
        &params,
        &[
            &["links", "Array of objects", "下载链接。"],
            &["total", "Integer", "总数。"],
        ],
    );
    let link = table(
        &params,
        &[
            &["file_name", "String", "文件名。"],
            &["link", "String", "链接。"],
        ],
    );
    let page = |second: &str| {
        format!(
            "# 获取链接\n\n## URI\n\nGET /v1/links\n\n## 响应消息\n\n**表 1**  响应参数\n\n{response}\n{second}{link}"
        )
    };
    std::fs::write(docs.join("获取链接.md"), page("")).unwrap();
    let imported = hwcloud_codegen_cli::import::import(std::slice::from_ref(&docs), None);
    let op: OperationFile = serde_yaml::from_str(file(&imported, "foo/operations/list_links.yaml")).unwrap();
    assert_eq!(
        op.response.as_ref().unwrap().fields[0].ty,
        "array<Link>",
        "{}",
        imported.report
    );
    assert!(imported.report.to_string().contains("paired-by-elimination"));
    // A caption names something else: no guess, the table is reported unused.
    std::fs::write(docs.join("获取链接.md"), page("**表 2**  address结构\n\n")).unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    let op: OperationFile = serde_yaml::from_str(file(&imported, "foo/operations/list_links.yaml")).unwrap();
    assert_eq!(op.response.as_ref().unwrap().fields[0].ty, "array<object>");
    assert!(
        imported.report.to_string().contains("unused-table"),
        "{}",
        imported.report
    );
}

#[test]
fn a_page_of_no_known_cloud_keeps_the_clouds_the_existing_spec_gives() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("pages");
    std::fs::create_dir_all(&docs).unwrap();
    let body = table(
        &["参数", "是否必选", "参数类型", "描述"],
        &[&["name", "是", "String", "名称。"]],
    );
    std::fs::write(
        docs.join("创建东西.md"),
        format!("# 创建东西\n\n## URI\n\nPOST /v1/things\n\n## 请求参数\n\n**表 1**  请求Body参数\n\n{body}"),
    )
    .unwrap();
    let first = hwcloud_codegen_cli::import::import(std::slice::from_ref(&docs), Some("foo"));
    let out = dir.path().join("spec");
    for (path, text) in &first.files {
        let text = text
            .replace("method: POST", "clouds:\n- huawei-cloud\nmethod: POST")
            .replace(
                "    type: string\n",
                "    type: string\n    clouds:\n    - huawei-cloud\n",
            );
        std::fs::create_dir_all(out.join(path).parent().unwrap()).unwrap();
        std::fs::write(out.join(path), text).unwrap();
    }
    // Another operation of the service only the other cloud documents.
    std::fs::write(
        out.join("foo/operations/delete_thing.yaml"),
        "operation: delete_thing\ntitle:\n  en: Deleting\nsources:\n- page: otc-foo-en/delete.md\n  lang: en\n\
         clouds:\n- open-telekom-cloud\nmethod: DELETE\nuri: /v1/things/{id}\nparameters:\n- name: id\n  in: path\n  required: true\n  type: string\n",
    )
    .unwrap();
    let again = hwcloud_codegen_cli::import::import_into(&[docs], Some("foo"), Some(&out));
    let op: OperationFile = serde_yaml::from_str(file(&again, "foo/operations/create_thing.yaml")).unwrap();
    assert_eq!(op.clouds, ["huawei-cloud"], "{}", again.report);
}

#[test]
fn nested_request_tables_are_followed_when_the_response_has_none() {
    // SWR's retention rule: `rules` -> `Rule` -> `tag_selectors` -> `TagSelector`,
    // and `响应参数 无`: the second level was never followed without a response table.
    let body = "|参数|是否必选|参数类型|描述|\n|--|--|--|--|\n|rules|是|Array of Rule objects|规则|\n";
    let rule = "|参数|是否必选|参数类型|描述|\n|--|--|--|--|\n|template|是|String|类型|\n\
                |tag_selectors|是|Array of TagSelector objects|例外镜像|\n";
    let selector = "|参数|是否必选|参数类型|描述|\n|--|--|--|--|\n|kind|是|String|匹配规则|\n";
    let page = format!(
        "# 修改规则\n\n## URI\n\nPATCH /v2/rules/{{id}}\n\n**表 1**  路径参数\n\n\
         |参数|是否必选|参数类型|描述|\n|--|--|--|--|\n|id|是|String|ID|\n\n\
         ## 请求参数\n\n**表 2**  请求Body参数\n\n{body}\n**表 3**  Rule\n\n{rule}\n**表 4**  TagSelector\n\n{selector}\n\
         ## 响应参数\n\n无\n"
    );
    let (op, findings) = import(&page);
    let objects: Vec<&str> = op.objects.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(objects, ["Rule", "TagSelector"], "{findings:?}");
    let rule = &op.objects[0];
    assert_eq!(rule.fields[1].ty, "array<TagSelector>");
    assert!(!findings.iter().any(|f| f.code == "unused-table"), "{findings:?}");
}

#[test]
fn a_map_of_objects_takes_the_table_its_value_type_names() {
    // FunctionGraph: `Map<String,VersionStrategy>` beside the `VersionStrategy` table.
    let body = "|参数|是否必选|参数类型|描述|\n|--|--|--|--|\n\
                |weights|否|Map<String,Integer>|权重|\n\
                |strategy|否|Map<String,VersionStrategy>|按规则分流|\n";
    let strategy = "|参数|是否必选|参数类型|描述|\n|--|--|--|--|\n|combine_type|否|String|聚合方式|\n";
    let page = format!(
        "# 创建别名\n\n## URI\n\nPOST /v2/aliases\n\n## 请求参数\n\n**表 1**  请求Body参数\n\n{body}\n\
         **表 2**  VersionStrategy\n\n{strategy}\n## 响应参数\n\n无\n"
    );
    let (op, findings) = import(&page);
    let body = op.request_body.as_ref().expect("a body");
    assert_eq!(body.fields[0].ty, "map<integer>");
    assert_eq!(body.fields[1].ty, "map<Strategy>", "{findings:?}");
    assert_eq!(op.objects[0].fields[0].name, "combine_type");
}

#[test]
fn a_table_without_parameter_columns_lists_the_values_of_the_field_it_names() {
    // SIS: `audio_format` (String) and `表 2 audio_format取值范围` headed
    // `audio_format取值 | 描述`; ELB: `tls_ciphers_policy取值说明` headed otherwise.
    let body = "|参数|是否必选|参数类型|描述|\n|--|--|--|--|\n\
                |audio_format|是|String|音频格式，见表2。|\n|policy|否|String|策略。|\n";
    let formats = "|audio_format取值|描述|\n|--|--|\n|pcm16k16bit|16k16bit裸音频|\n|mp3|mp3格式|\n";
    let policies = "|安全策略|支持的TLS版本类型|\n|--|--|\n|tls-1-0|TLS 1.2 TLS 1.1|\n";
    let page = format!(
        "# 识别\n\n## URI\n\nPOST /v1/asr\n\n## 请求参数\n\n**表 1**  请求Body参数\n\n{body}\n\
         **表 2**  音频格式\n\n{formats}\n**表 3**  policy取值说明\n\n{policies}\n## 响应参数\n\n无\n"
    );
    let (op, findings) = import(&page);
    let fields = &op.request_body.as_ref().expect("a body").fields;
    assert_eq!(fields[0].values, ["pcm16k16bit", "mp3"], "{findings:?}");
    assert_eq!(fields[1].values, ["tls-1-0"], "{findings:?}");
    assert!(!findings.iter().any(|f| f.code == "unused-table"), "{findings:?}");
    assert_eq!(findings.iter().filter(|f| f.code == "value-table").count(), 2);
}

#[test]
fn a_nested_table_printed_twice_is_a_repeat_not_an_unused_table() {
    // VPC's port pages print `allow_address_pair对象` twice in the response.
    let port = "|参数|参数类型|描述|\n|--|--|--|\n|id|String|ID|\n|pairs|Array of allow_address_pair objects|地址对|\n";
    let pair = "|参数|参数类型|描述|\n|--|--|--|\n|ip_address|String|IP|\n|mac_address|String|MAC|\n";
    let other = "|参数|参数类型|描述|\n|--|--|--|\n|ip_address|String|IP|\n|mac_address|String|MAC|\n";
    let page = format!(
        "# 查询端口\n\n## URI\n\nGET /v1/ports/{{id}}\n\n**表 1**  路径参数\n\n\
         |参数|是否必选|参数类型|描述|\n|--|--|--|--|\n|id|是|String|ID|\n\n\
         ## 响应参数\n\n**表 2**  响应Body参数\n\n{port}\n**表 3**  allow_address_pair对象\n\n{pair}\n\
         **表 4**  allow_address_pair对象\n\n{pair}\n**表 5**  binding对象\n\n{other}\n"
    );
    let (op, findings) = import(&page);
    assert_eq!(op.objects.len(), 1, "{findings:?}");
    let repeats: Vec<&str> = findings
        .iter()
        .filter(|f| f.code == "repeated-table")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(repeats.len(), 1, "{findings:?}");
    assert!(repeats[0].contains("表 4"), "{repeats:?}");
    // The same rows under another subject repeat nothing: unused, said so.
    let unused: Vec<&str> = findings
        .iter()
        .filter(|f| f.code == "unused-table")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(unused.len(), 1, "{findings:?}");
    assert!(unused[0].contains("binding"), "{unused:?}");
}

#[test]
fn a_table_no_row_cites_describes_the_object_the_example_prints_there() {
    let params = ["参数", "参数类型", "描述"];
    let response = table(
        &params,
        &[
            &["resource_id", "String", "资源ID。"],
            &["resource_detail", "Object", "资源详情。"],
        ],
    );
    let detail = table(
        &params,
        &[
            &["id", "String", "云硬盘ID。"],
            &["name", "String", "名称。"],
            &["size", "Integer", "大小。"],
        ],
    );
    // The EVS layout: the table is captioned by a type name no row gives, and
    // the example (with a trailing comma, as printed) shows where it goes.
    let page = |example: &str| {
        format!(
            "# 查询详情\n\n## URI\n\nGET /v1/resources\n\n## 响应消息\n\n**表 1**  响应参数\n\n{response}\n\
             **表 2**  VolumeDetailForTag字段数据结构说明\n\n{detail}\n## 响应示例\n\n```\n{example}\n```\n"
        )
    };
    let (op, findings) = import(&page(
        r#"{"resource_id": "r1", "resource_detail": {"id": "v1", "name": "disk", "size": 40,}}"#,
    ));
    let detail_field = &op.response.as_ref().unwrap().fields[1];
    assert_eq!(detail_field.ty, "ResourceDetail", "{findings:?}");
    assert_eq!(op.objects[0].fields.len(), 3);
    assert!(findings.iter().any(|f| f.code == "linked-by-example"));
    assert!(
        !findings.iter().any(|f| f.severity == Severity::Warning),
        "{findings:?}"
    );
    // An example that prints other keys there is no witness: the table stays unused.
    let (op, findings) = import(&page(r#"{"resource_id": "r1", "resource_detail": {"other": 1}}"#));
    assert_eq!(op.response.as_ref().unwrap().fields[1].ty, "object");
    assert!(findings.iter().any(|f| f.code == "unused-table"), "{findings:?}");
}

#[test]
fn a_field_only_a_caption_and_the_example_name_is_added_optional_with_a_note() {
    let params = ["参数", "是否必选", "参数类型", "描述"];
    let body = table(&params, &[&["node_group", "是", "String", "节点组。"]]);
    let policy = table(
        &params,
        &[
            &["auto_scaling_enable", "是", "Boolean", "是否启用。"],
            &["min_capacity", "是", "Integer", "最小节点数。"],
        ],
    );
    // The MRS layout: `auto_scaling_policy` is only the second table's caption.
    let page = format!(
        "# 配置弹性伸缩规则\n\n## URI\n\nPOST /v1/autoscaling-policy\n\n## 请求消息\n\n**表 1**  请求参数\n\n{body}\n\
         **表 2**  auto_scaling_policy参数说明\n\n{policy}\n## 请求示例\n\n```\n\
         {{\"node_group\": \"task\", \"auto_scaling_policy\": {{\"auto_scaling_enable\": true, \"min_capacity\": 1}}}}\n```\n"
    );
    let (op, findings) = import(&page);
    let fields = &op.request_body.as_ref().unwrap().fields;
    let added = fields
        .iter()
        .find(|f| f.name == "auto_scaling_policy")
        .expect("added");
    assert_eq!(
        (added.ty.as_str(), added.required),
        ("AutoScalingPolicy", Some(false))
    );
    assert!(
        added
            .note
            .as_deref()
            .unwrap()
            .contains("auto_scaling_policy参数说明")
    );
    assert_eq!(op.objects[0].fields[1].name, "min_capacity");
    assert!(
        !findings.iter().any(|f| f.severity == Severity::Warning),
        "{findings:?}"
    );
}

#[test]
fn pages_of_one_route_with_one_body_and_other_actions_are_operations_named_by_their_verbs() {
    let (_dir, docs) = docs_folder("huawei-foo-zh");
    let body = table(
        &["参数", "是否必选", "参数类型", "描述"],
        &[
            &["action", "是", "String", "操作标识。"],
            &["tags", "是", "Array of strings", "标签列表。"],
        ],
    );
    for (file, title) in [
        ("批量添加标签.md", "批量添加服务器标签"),
        ("批量删除标签.md", "批量删除服务器标签"),
    ] {
        let page = format!(
            "# {title}\n\n## URI\n\nPOST /v1/{{project_id}}/servers/{{server_id}}/tags/action\n\n\
             ## 请求消息\n\n**表 1**  请求Body参数\n\n{body}"
        );
        std::fs::write(docs.join(file), page).unwrap();
    }
    let imported = hwcloud_codegen_cli::import::import(&[docs], None);
    let report = imported.report.to_string();
    // Each page is an operation (the vendor's BatchCreate…Tags and
    // BatchDelete…Tags), its id led by its own verb and not repeating it.
    for (path, variant) in [
        ("foo/operations/batch_create_server_tags.yaml", "batch_create"),
        ("foo/operations/batch_delete_server_tags.yaml", "batch_delete"),
    ] {
        let op: OperationFile = serde_yaml::from_str(file(&imported, path)).unwrap();
        assert_eq!(op.variant.as_deref(), Some(variant), "{report}");
    }
    assert!(!report.contains("merge-conflict"), "{report}");
}

#[test]
fn a_table_no_column_of_which_names_a_parameter_is_kept_to_read_in_the_docs() {
    let body = table(
        &["参数", "是否必选", "参数类型", "描述"],
        &[&["sc_type", "否", "String", "资源类型，请参见表3。"]],
    );
    let reference = table(
        &["资源类型", "物理资源", "driverCores"],
        &[&["A", "8核32G内存", "2"], &["B", "16核64G内存"]],
    );
    // A type column without a name column is a parameter table misread: unused, said.
    let misread = table(&["选项", "参数类型"], &[&["x", "String"]]);
    // Fields of an example no field holds: what the example means, to read.
    let of_example = table(
        &["参数", "参数类型", "描述"],
        &[&["listOfAllowedFlavors", "Array", "允许的规格。"]],
    );
    let page = format!(
        "# 创建批处理作业\n\n## URI\n\nPOST /v2.0/batches\n\n## 请求消息\n\n**表 1**  请求参数\n\n{body}\n\
         **表 3**  资源类型说明\n\n{reference}\n**表 4**  其他\n\n{misread}\n**表 5**  示例策略参数说明\n\n{of_example}"
    );
    let (op, findings) = import(&page);
    assert_eq!(op.tables.len(), 2, "{findings:?}");
    assert_eq!(op.tables[1].rows[0][0], "listOfAllowedFlavors");
    let kept = &op.tables[0];
    assert_eq!(kept.caption, "表 3  资源类型说明");
    assert_eq!(kept.header, ["资源类型", "物理资源", "driverCores"]);
    // A short row keeps its cells and is padded to the header.
    assert_eq!(kept.rows[1], ["B", "16核64G内存", ""]);
    assert!(findings.iter().any(|f| f.code == "reference-table"));
    let unused: Vec<_> = findings.iter().filter(|f| f.code == "unused-table").collect();
    assert_eq!(unused.len(), 1, "{findings:?}");
    assert!(
        unused[0].message.contains("其他") && unused[0].message.contains("no column names a parameter"),
        "{unused:?}"
    );
}

#[test]
fn other_forms_of_a_body_and_of_its_objects_join_as_optional_fields() {
    let params = ["参数", "是否必选", "参数类型", "描述"];
    let server_form = table(
        &params,
        &[
            &["name", "是", "String", "镜像名称。"],
            &["instance_id", "是", "String", "云服务器ID。"],
            &[
                "data_images",
                "否",
                "Array of objects",
                "数据盘信息，详情请参见表1。",
            ],
        ],
    );
    let data_images = table(
        &params,
        &[
            &["name", "是", "String", "名称。"],
            &["volume_id", "是", "String", "数据盘ID。"],
        ],
    );
    // The IMS layout: the form for an OBS file, uncaptioned under a line of prose,
    // and the data disks' table printed again, with another row.
    let file_form = table(
        &params,
        &[
            &["name", "是", "String", "镜像名称。"],
            &["image_url", "是", "String", "镜像文件地址。"],
            &["data_images", "否", "Array of objects", "数据盘信息。"],
        ],
    );
    let data_images_again = table(
        &params,
        &[
            &["name", "是", "String", "名称。"],
            &["description", "否", "String", "描述。"],
        ],
    );
    // A caption with the field among its words (ModelArts' `batch config结构`
    // beside `config`) takes two shared rows.
    let batch = table(
        &params,
        &[
            &["name", "是", "String", "名称。"],
            &["volume_id", "是", "String", "数据盘ID。"],
            &["batch_size", "否", "Integer", "批大小。"],
            &["nodes", "否", "node结构数组", "节点。"],
        ],
    );
    // A field only another form has is followed to its own table.
    let node = table(
        &params,
        &[
            &["host", "是", "String", "主机。"],
            &["port", "否", "Integer", "端口。"],
        ],
    );
    let page = format!(
        "# 制作镜像\n\n## URI\n\nPOST /v2/cloudimages/action\n\n## 请求消息\n\n- 使用云服务器制作镜像时的请求参数\n\n{server_form}\n\
         **表 1**  data_images字段数据结构说明\n\n{data_images}\n- 使用OBS桶中的镜像文件时的请求参数\n\n{file_form}\n\
         **表 2**  data_images字段说明\n\n{data_images_again}\n**表 3**  batch data_images结构\n\n{batch}\n\
         **表 4**  node结构\n\n{node}"
    );
    let (op, findings) = import(&page);
    assert!(
        !findings.iter().any(|f| f.severity == Severity::Warning),
        "{findings:?}"
    );
    let body = &op.request_body.as_ref().unwrap().fields;
    let required = |name: &str| body.iter().find(|f| f.name == name).map(|f| f.required);
    assert_eq!(required("name"), Some(Some(true)), "every form has it");
    assert_eq!(required("instance_id"), Some(Some(false)), "one form lacks it");
    assert_eq!(required("image_url"), Some(Some(false)), "another form's field");
    let object = &op.objects[0];
    let names: Vec<&str> = object.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["name", "volume_id", "description", "batch_size", "nodes"]);
    let nodes = &object.fields[4];
    let node = op
        .objects
        .iter()
        .find(|o| format!("array<{}>", o.name) == nodes.ty);
    assert_eq!(node.expect("linked").fields[0].name, "host", "{:?}", nodes.ty);
}

#[test]
fn a_type_table_no_field_holds_stays_an_object_of_the_operation() {
    let params = ["参数", "参数类型", "描述"];
    let response = table(&params, &[&["id", "String", "追踪器ID。"]]);
    let selector = table(
        &params,
        &[&["exclude_service", "Array of strings", "不转储的云服务。"]],
    );
    // CTS documents `ManagementEventSelector` and no row or example holds it.
    let page = |caption: &str| {
        format!(
            "# 创建追踪器\n\n## URI\n\nPOST /v3/trackers\n\n## 响应消息\n\n**表 1**  响应参数\n\n{response}\n\
             **表 2**  {caption}\n\n{selector}\n"
        )
    };
    let (op, findings) = import(&page("ManagementEventSelector"));
    assert_eq!(op.objects.len(), 1, "{findings:?}");
    assert_eq!(op.objects[0].name, "ManagementEventSelector");
    assert_eq!(op.objects[0].fields[0].ty, "array<string>");
    assert!(
        findings
            .iter()
            .any(|f| f.code == "unheld-object" && f.severity == Severity::Info)
    );
    assert!(!findings.iter().any(|f| f.code == "unused-table"), "{findings:?}");
    // A caption in words says nothing of a type: that table stays unused, and said.
    let (op, findings) = import(&page("选择器说明"));
    assert!(op.objects.is_empty());
    assert!(findings.iter().any(|f| f.code == "unused-table"), "{findings:?}");
}

#[test]
fn siblings_citing_one_table_share_its_object() {
    let params = ["参数", "是否必选", "参数类型", "描述"];
    let body = table(
        &params,
        &[
            &["tags", "否", "Array of objects", "包含标签。详情请参见表2。"],
            &[
                "not_tags",
                "否",
                "Array of objects",
                "不包含标签。详情请参见表2。",
            ],
            &["matches", "否", "Array of objects", "搜索字段。"],
        ],
    );
    let tag = table(
        &params,
        &[
            &["key", "是", "String", "键。"],
            &["values", "是", "Array of strings", "值。"],
        ],
    );
    // SDRS: every tag filter cites the one tag table; a field citing nothing
    // takes nothing.
    let page = format!(
        "# 查询资源实例\n\n## URI\n\nPOST /v1/{{project_id}}/resource_instances/action\n\n## 请求消息\n\n\
         **表 1**  请求参数\n\n{body}\n**表 2**  tag字段数据结构说明\n\n{tag}\n"
    );
    let (op, findings) = import(&page);
    let types: Vec<&str> = op
        .request_body
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .map(|f| f.ty.as_str())
        .collect();
    assert_eq!(
        types,
        ["array<Tag>", "array<Tag>", "array<object>"],
        "{findings:?}"
    );
    assert_eq!(op.objects.len(), 1);
}
