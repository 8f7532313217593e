//! The RST importer on small pages written here: grid and simple tables,
//! `.. table::` captions, `:ref:` links to nested tables, code blocks, and a
//! broken grid table, which must give a located finding and no panic.

use std::path::Path;

use hwcloud_codegen_cli::import::parse::rst;
use hwcloud_codegen_cli::import::{Built, Extracted, build};
use hwcloud_model::spec::schema::{ExampleKind, OperationFile, ParamLocation};

const PAGE: &str = r#":original_name: dli_02_0025.html

.. _dli_02_0025:

Querying All Jobs
=================

Function
--------

This API is used to query information about all jobs.

URI
---

-  URI format

   GET /v1.0/{project_id}/jobs

-  Parameter description

   .. table:: **Table 1** URI parameter

      +------------+-----------+--------+------------------------+
      | Parameter  | Mandatory | Type   | Description            |
      +============+===========+========+========================+
      | project_id | Yes       | String | Project ID, see        |
      |            |           |        | :ref:`Obtaining <x>`.  |
      +------------+-----------+--------+------------------------+

   .. table:: **Table 2** query parameter description

      ========= ========= ======= ======================
      Parameter Mandatory Type    Description
      ========= ========= ======= ======================
      page-size No        Integer Maximum number of jobs
                                  per page.
      ========= ========= ======= ======================

Response
--------

.. table:: **Table 3** Response parameters

   +------------+-----------+------------------+----------------------------------------------------+
   | Parameter  | Mandatory | Type             | Description                                        |
   +============+===========+==================+====================================================+
   | jobs       | Yes       | Array of objects | Job information. For details, see                  |
   |            |           |                  | :ref:`Table 4 <dli_02_0025__table1>`.              |
   +------------+-----------+------------------+----------------------------------------------------+

.. _dli_02_0025__table1:

.. table:: **Table 4** jobs parameters

   +-----------+-----------+--------+-------------+
   | Parameter | Mandatory | Type   | Description |
   +===========+===========+========+=============+
   | job_id    | Yes       | String | Job ID.     |
   +-----------+-----------+--------+-------------+

Example Response
----------------

.. code-block::

   {
     "jobs": [{"job_id": "j1"}]
   }

Status Codes
------------

=========== =============
Status Code Description
=========== =============
200         Query succeeded.
400         Request error.
=========== =============
"#;

fn import(text: &str) -> (OperationFile, Vec<hwcloud_codegen_cli::import::Finding>) {
    let (page, mut findings) = rst::parse(Path::new("otc/page.rst"), text);
    let Built {
        extracted,
        findings: more,
        ..
    } = build::operation(&page, "otc/page.rst");
    findings.extend(more);
    match extracted {
        Extracted::Operation(op, _) => (*op, findings),
        Extracted::Skipped(why) => panic!("skipped: {why}"),
    }
}

#[test]
fn grid_and_simple_tables_captions_refs_and_code_blocks() {
    let (op, findings) = import(PAGE);
    assert_eq!(findings, []);
    assert_eq!(
        (op.sources[0].id.as_deref(), op.title.en.as_deref()),
        (Some("dli_02_0025"), Some("Querying All Jobs"))
    );
    assert_eq!(op.uri, "/v1.0/{project_id}/jobs");
    let project = &op.parameters[0];
    assert_eq!(
        project.description.en.as_deref(),
        Some("Project ID, see Obtaining.")
    );
    let page_size = &op.parameters[1];
    assert_eq!(
        (page_size.name.as_str(), page_size.location, page_size.ty.as_str()),
        ("page-size", Some(ParamLocation::Query), "integer")
    );
    assert_eq!(
        page_size.description.en.as_deref(),
        Some("Maximum number of jobs per page.")
    );
    assert_eq!(op.response.as_ref().unwrap().fields[0].ty, "array<Job>");
    assert_eq!(op.objects[0].fields[0].name, "job_id");
    assert_eq!(op.examples[0].kind, ExampleKind::Response);
    assert_eq!(op.examples[0].body, "{\n  \"jobs\": [{\"job_id\": \"j1\"}]\n}\n");
    let statuses: Vec<u16> = op.status_codes.iter().map(|s| s.status).collect();
    assert_eq!(statuses, [200, 400]);
}

#[test]
fn a_bad_grid_table_is_located_and_does_not_panic() {
    let broken = PAGE.replace(
        "      | project_id | Yes       | String | Project ID, see        |",
        "      | project_id | Yes",
    );
    let (page, findings) = rst::parse(Path::new("otc/page.rst"), &broken);
    let finding = findings
        .iter()
        .find(|f| f.code == "bad-grid-table")
        .expect("a finding");
    assert_eq!(finding.line, 27, "the broken row");
    let _ = build::operation(&page, "otc/page.rst");
    for text in [
        "",
        "Title\n=====\n",
        "+---+\n| a |\n",
        "=== ===\na\n",
        ".. code-block::\n",
        "URI\n---\n\nGET /x/{y",
    ] {
        let (page, _) = rst::parse(Path::new("t.rst"), text);
        let _ = build::operation(&page, "t.rst");
    }
}

#[test]
fn a_zh_page_and_an_en_page_of_one_operation_merge_and_disagreements_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    // Two languages of one cloud's docs: what the pages disagree on is a conflict
    // (between two clouds' pages it sets the clouds apart instead).
    let zh = dir.path().join("huawei-dli-zh");
    let en = dir.path().join("huawei-dli-en");
    std::fs::create_dir_all(&zh).unwrap();
    std::fs::create_dir_all(&en).unwrap();
    let zh_page = "# 查询所有作业\n\n## URI\n\nGET /v1.0/\\{project\\_id\\}/jobs\n\n**表 1**  URI参数\n\n<table><thead align=\"left\"><tr><th><p>参数名称</p></th><th><p>是否必选</p></th><th><p>参数类型</p></th><th><p>说明</p></th></tr></thead>\n<tbody><tr><td><p>project_id</p></td><td><p>是</p></td><td><p>String</p></td><td><p>项目编号。</p></td></tr></tbody></table>\n";
    std::fs::write(zh.join("查询所有作业.md"), zh_page).unwrap();
    std::fs::write(en.join("querying_all_jobs.rst"), PAGE).unwrap();
    let imported = hwcloud_codegen_cli::import::import(&[zh, en], None);
    assert_eq!(imported.files.len(), 2, "{:?}", imported.files.keys());
    let yaml = &imported.files[std::path::Path::new("dli/operations/query_all_jobs.yaml")];
    let op: OperationFile = serde_yaml::from_str(yaml).unwrap();
    assert_eq!(
        (op.title.zh.as_deref(), op.title.en.as_deref()),
        (Some("查询所有作业"), Some("Querying All Jobs"))
    );
    let project = &op.parameters[0];
    assert_eq!(
        (
            project.description.zh.as_deref(),
            project.description.en.as_deref()
        ),
        (Some("项目编号。"), Some("Project ID, see Obtaining."))
    );
    assert_eq!(op.sources.len(), 2);
    let en_report = imported
        .report
        .pages
        .iter()
        .find(|p| p.page.starts_with("huawei-dli-zh"))
        .unwrap();
    let conflicts: Vec<&str> = en_report
        .findings
        .iter()
        .filter(|f| f.code == "merge-conflict")
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        conflicts.contains(&"parameter `page-size` is not on this page"),
        "{conflicts:?}"
    );
    assert!(
        conflicts.contains(&"only one page documents a response"),
        "{conflicts:?}"
    );
    assert!(op.response.is_some(), "the documented response is kept");
}
