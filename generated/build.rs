//! Generates one module per service in `spec/` (or `$HWCLOUD_SPEC_DIR`) whose
//! Cargo feature is enabled, into `OUT_DIR`.

fn main() {
    // Points the build at another spec directory (a fresh import of dli/ges pages,
    // say); only services with a feature here are generated.
    println!("cargo:rerun-if-env-changed=HWCLOUD_SPEC_DIR");
    let spec_dir = std::env::var("HWCLOUD_SPEC_DIR").unwrap_or_else(|_| "spec".to_owned());
    if let Err(error) = hwcloud_codegen::Config::new()
        .service_features(true)
        .mock_feature("test-util")
        .emit_rerun_if_changed(true)
        .generate(&spec_dir)
    {
        // Cargo shows a failing build script's stderr: one `file:line:col` line per error.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
