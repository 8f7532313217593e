//! Generates one module per enabled service from `../spec` into `OUT_DIR`.

fn main() {
    let mut config = codegen::Config::new();
    for service in ["dli", "ges"] {
        if std::env::var_os(format!("CARGO_FEATURE_{}", service.to_uppercase())).is_some() {
            config.service(service);
        }
    }
    if let Err(error) = config.emit_rerun_if_changed(true).generate("../spec") {
        // Cargo shows a failing build script's stderr: one `file:line:col` line per error.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
