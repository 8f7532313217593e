//! Generates one module per enabled service from `../spec` (or `$HWCLOUD_SPEC_DIR`)
//! into `OUT_DIR`.

fn main() {
    let mut config = codegen::Config::new();
    for service in ["dli", "ges"] {
        if std::env::var_os(format!("CARGO_FEATURE_{}", service.to_uppercase())).is_some() {
            config.service(service);
        }
    }
    // CI points this at a freshly imported corpus to prove the importer's output builds.
    println!("cargo:rerun-if-env-changed=HWCLOUD_SPEC_DIR");
    let spec_dir = std::env::var("HWCLOUD_SPEC_DIR").unwrap_or_else(|_| "../spec".to_owned());
    if let Err(error) = config.emit_rerun_if_changed(true).generate(&spec_dir) {
        // Cargo shows a failing build script's stderr: one `file:line:col` line per error.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
