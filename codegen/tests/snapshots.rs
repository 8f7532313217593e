//! Generation through the public API: byte-identical across runs, one file per
//! service plus the module declarations.

use std::path::Path;

#[test]
fn generation_is_byte_identical_across_runs() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let a = hwcloud_codegen::Config::new()
        .out_dir(first.path())
        .generate(&spec)
        .unwrap();
    let b = hwcloud_codegen::Config::new()
        .out_dir(second.path())
        .generate(&spec)
        .unwrap();
    assert_eq!(a.files.len(), 3, "dli, ges and iam");
    for (a, b) in a.files.iter().zip(&b.files) {
        let (left, right) = (std::fs::read(&a.path).unwrap(), std::fs::read(&b.path).unwrap());
        assert!(!left.is_empty());
        assert!(left == right, "{} differs between runs", a.service);
    }
    let services = std::fs::read_to_string(first.path().join("services.rs")).unwrap();
    assert!(
        services.contains("pub mod dli {\n    include!(\"dli.rs\");\n}"),
        "{services}"
    );
    assert!(
        !services.contains("cfg(feature"),
        "features are off by default: {services}"
    );
}

#[test]
fn a_runtime_path_that_is_not_a_path_is_refused_before_anything_is_written() {
    let out = tempfile::tempdir().unwrap();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let error = hwcloud_codegen::Config::new()
        .out_dir(out.path())
        .runtime_path("not a path")
        .generate(&spec)
        .unwrap_err();
    assert!(matches!(error, hwcloud_codegen::Error::RuntimePath(_)), "{error}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}
