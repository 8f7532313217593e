//! Every service directory in `spec/` is a Cargo feature of this crate: adding a
//! service takes that one line, and this test names it when it is missing.

use std::path::Path;

#[test]
fn every_spec_service_has_a_feature() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest: toml::Table = std::fs::read_to_string(root.join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let features = manifest["features"].as_table().expect("a [features] table");
    let mut services: Vec<String> = std::fs::read_dir(root.join("spec"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|dir| dir.join("service.yaml").is_file())
        .map(|dir| dir.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    services.sort();
    assert!(!services.is_empty(), "no service found under spec/");
    let missing: Vec<String> = services
        .iter()
        .filter(|service| !features.contains_key(service.as_str()))
        .map(|service| format!("{service} = []"))
        .collect();
    assert!(
        missing.is_empty(),
        "spec/ has services without a Cargo feature; add under [features] in generated/Cargo.toml:\n{}",
        missing.join("\n")
    );
}
