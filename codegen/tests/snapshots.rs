//! The generated Rust of every operation in `spec/`, as checked-in snapshots
//! (`tests/snapshots/*.snap`): a pull request that changes the spec or the
//! generator shows reviewers exactly what users of the crate will get.

use std::path::Path;

fn model() -> codegen::Model {
    let spec = codegen::spec::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec"))
        .unwrap_or_else(|d| panic!("{d}"));
    codegen::Model::from_spec(&spec)
}

#[test]
fn every_operation_matches_its_snapshot() {
    let model = model();
    for service in &model.services {
        for op in &service.operations {
            let text = codegen::emit::operation_file(service, op).expect("valid tokens");
            insta::assert_snapshot!(format!("{}__{}", service.id, op.id), text);
        }
    }
}

#[test]
fn generation_is_byte_identical_across_runs() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let a = codegen::Config::new()
        .out_dir(first.path())
        .generate(&spec)
        .unwrap();
    let b = codegen::Config::new()
        .out_dir(second.path())
        .generate(&spec)
        .unwrap();
    assert_eq!(a.files.len(), 2);
    for (a, b) in a.files.iter().zip(&b.files) {
        let (left, right) = (std::fs::read(&a.path).unwrap(), std::fs::read(&b.path).unwrap());
        assert!(!left.is_empty());
        assert!(left == right, "{} differs between runs", a.service);
    }
}
