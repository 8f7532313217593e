//! Generates one module per service in `spec/` (or `$HWCLOUD_SPEC_DIR`) whose
//! Cargo feature is enabled, into `OUT_DIR`.

fn main() {
    // CI points this at a freshly imported corpus to prove the importer's output builds.
    println!("cargo:rerun-if-env-changed=HWCLOUD_SPEC_DIR");
    let spec_dir = std::env::var("HWCLOUD_SPEC_DIR").unwrap_or_else(|_| "spec".to_owned());
    if let Err(error) = hwcloud_codegen::Config::new()
        .service_features(true)
        .emit_rerun_if_changed(true)
        .generate(&spec_dir)
    {
        // Cargo shows a failing build script's stderr: one `file:line:col` line per error.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
