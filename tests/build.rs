//! Turns every documented JSON example in `../spec` into a `#[test]`.

fn main() {
    let spec_dir = std::path::Path::new("../spec");
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
