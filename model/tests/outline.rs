//! Generation's batch-at-a-time reading (`outline`, then `read` per batch)
//! models every operation exactly as `load` does.

use std::path::Path;

use hwcloud_model::outline::{BATCH, SharedTypes};

mod common;
use common::SERVICE;

/// An operation with a `Tag` table that every copy documents alike.
fn operation(id: &str) -> String {
    format!(
        "\
operation: {id}
title:
  en: Tag a thing
sources:
  - page: demo/{id}.md
    lang: en
method: POST
uri: /v1/{{project_id}}/{id}
parameters:
  - name: project_id
    in: path
    required: true
    type: string
request_body:
  fields:
    - name: tags
      type: array<Tag>
objects:
  - name: Tag
    fields:
      - name: key
        required: true
        type: string
        description:
          en: The key of {id}.
"
    )
}

fn write_service(dir: &Path, ids: &[String]) {
    let service = dir.join("demo");
    std::fs::create_dir_all(service.join("operations")).unwrap();
    std::fs::write(service.join("service.yaml"), SERVICE).unwrap();
    for id in ids {
        std::fs::write(
            service.join("operations").join(format!("{id}.yaml")),
            operation(id),
        )
        .unwrap();
    }
}

/// Each service of `dir` read batch by batch, against `load`'s model of it.
fn assert_same_as_load(dir: &Path) {
    let model = hwcloud_model::load(dir).unwrap_or_else(|d| panic!("{d}"));
    let outline = hwcloud_model::outline(dir, |_| true).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(outline.services.len(), model.services.len());
    for (outlined, loaded) in outline.services.iter().zip(&model.services) {
        let ids: Vec<&str> = outlined.operations.iter().map(|o| o.id.as_str()).collect();
        let loaded_ids: Vec<&str> = loaded.operations.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, loaded_ids, "{}", loaded.id);
        let mut shared = SharedTypes::default();
        let mut read = Vec::new();
        for batch in outlined.operations.chunks(BATCH) {
            let operations = outlined.read(batch).unwrap_or_else(|d| panic!("{d}"));
            assert_eq!(operations.len(), batch.len());
            for op in &operations {
                shared.add(op);
            }
            read.extend(operations);
        }
        for ((op, outline), loaded_op) in read.iter().zip(&outlined.operations).zip(&loaded.operations) {
            assert_eq!(
                format!("{op:?}"),
                format!("{loaded_op:?}"),
                "{}.{}",
                loaded.id,
                op.id
            );
            assert_eq!(outline.names().request, loaded_op.names.request);
            assert_eq!(outline.shared, loaded_op.shared);
            assert_eq!(outline.has_body, loaded_op.body.is_some());
            assert_eq!(outline.deprecated, loaded_op.deprecated.is_some());
        }
        let merged = shared.finish();
        assert_eq!(
            format!("{merged:?}"),
            format!("{:?}", loaded.shared_objects),
            "{}",
            loaded.id
        );
        let head = &outlined.service;
        assert_eq!(head.types_module, loaded.types_module);
        assert_eq!(format!("{:?}", head.waiters), format!("{:?}", loaded.waiters));
        assert_eq!(
            format!("{:?}", head.error_codes),
            format!("{:?}", loaded.error_codes)
        );
        // Only the operations waiters poll are kept whole.
        let polled: Vec<&str> = loaded.waiters.iter().map(|w| w.operation.as_str()).collect();
        assert!(head.operations.iter().all(|op| polled.contains(&op.id.as_str())));
    }
}

#[test]
fn the_committed_spec_reads_back_as_load_models_it() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    assert_same_as_load(&spec);
}

#[test]
fn tables_shared_across_batches_merge_as_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let ids: Vec<String> = (0..BATCH * 2 + 3).map(|i| format!("tag_thing_{i:03}")).collect();
    write_service(dir.path(), &ids);
    assert_same_as_load(dir.path());
    let outline = hwcloud_model::outline(dir.path(), |_| true).unwrap();
    let service = &outline.services[0];
    assert!(service.operations.iter().all(|op| op.shared == ["Tag"]));
    // Every page words the key differently: the earliest page wins the tie,
    // though it was read in another batch than most.
    let mut shared = SharedTypes::default();
    for batch in service.operations.chunks(BATCH) {
        for op in &service.read(batch).unwrap() {
            shared.add(op);
        }
    }
    let merged = shared.finish();
    assert_eq!(merged.len(), 1);
    let key = &merged[0].fields[0].docs.description.en;
    assert_eq!(key.as_deref(), Some("The key of tag_thing_000."));
}

#[test]
fn a_duplicate_id_in_a_later_batch_names_the_first_file() {
    let dir = tempfile::tempdir().unwrap();
    let ids: Vec<String> = (0..BATCH + 1).map(|i| format!("tag_thing_{i:03}")).collect();
    write_service(dir.path(), &ids);
    let last = dir.path().join(format!("demo/operations/{}.yaml", ids[BATCH]));
    std::fs::write(&last, operation(&ids[0])).unwrap();
    let errors = hwcloud_model::outline(dir.path(), |_| true)
        .unwrap_err()
        .to_string();
    assert!(
        errors.contains("operation `tag_thing_000` is also defined in")
            && errors.contains("tag_thing_000.yaml"),
        "{errors}"
    );
}

#[test]
fn a_file_changed_after_validation_is_an_error_not_a_different_model() {
    let dir = tempfile::tempdir().unwrap();
    let ids = vec!["tag_thing".to_owned()];
    write_service(dir.path(), &ids);
    let outline = hwcloud_model::outline(dir.path(), |_| true).unwrap();
    let service = &outline.services[0];
    let file = dir.path().join("demo/operations/tag_thing.yaml");
    std::fs::write(&file, operation("tag_thing").replace("POST", "PUT")).unwrap();
    let errors = service.read(&service.operations).unwrap_err();
    let error = errors.iter().next().unwrap();
    assert_eq!(error.file, file);
    assert!(
        error.message.contains("changed while code was generated"),
        "{}",
        error.message
    );
    // Removed, it is a file that cannot be read, said as such.
    std::fs::remove_file(&file).unwrap();
    let errors = service.read(&service.operations).unwrap_err();
    let message = &errors.iter().next().unwrap().message;
    assert!(message.starts_with("cannot read: "), "{message}");
    // Put back, it reads again.
    std::fs::write(&file, operation("tag_thing")).unwrap();
    assert_eq!(service.read(&service.operations).unwrap().len(), 1);
}
