//! Turns every documented JSON example in `../spec` (or `$HWCLOUD_SPEC_DIR`) into a `#[test]`.

fn main() {
    // The same override as the hwcloud build script, so examples match the generated types.
    println!("cargo:rerun-if-env-changed=HWCLOUD_SPEC_DIR");
    let spec_dir = std::env::var("HWCLOUD_SPEC_DIR").unwrap_or_else(|_| "../spec".to_owned());
    let spec_dir = std::path::Path::new(&spec_dir);
    println!("cargo:rerun-if-changed={}", spec_dir.display());
    let spec = codegen::spec::load_dir(spec_dir).unwrap_or_else(|diagnostics| {
        eprintln!("{diagnostics}");
        std::process::exit(1);
    });
    for file in spec.files() {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    let model = codegen::Model::from_spec(&spec);
    let tokens = codegen::emit::example_tests::tokens(&model, "hwcloud");
    let text = codegen::emit::format(tokens).expect("example tests are valid Rust");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("run by cargo"));
    std::fs::write(out.join("example_tests.rs"), text).expect("OUT_DIR is writable");
}
