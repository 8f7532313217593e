//! Turns every documented JSON example in `../spec` (or `$HWCLOUD_SPEC_DIR`) into a `#[test]`.

fn main() {
    // The same override as the hwcloud build script, so examples match the generated types.
    println!("cargo:rerun-if-env-changed=HWCLOUD_SPEC_DIR");
    let spec_dir = std::env::var("HWCLOUD_SPEC_DIR").unwrap_or_else(|_| "../spec".to_owned());
    if let Err(error) = hwcloud_codegen::Config::new()
        .emit_rerun_if_changed(true)
        .mock_feature("test-util")
        .generate_example_tests(&spec_dir, "hwcloud")
    {
        eprintln!("{error}");
        std::process::exit(1);
    }
    fixtures();
}

/// The generator's fixtures whose behaviour `tests/bodies.rs` runs (bodies
/// that are not JSON, several 2xx bodies, an array with headers): no service
/// of `spec/` has all of them.
fn fixtures() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("fixtures");
    for fixture in ["array_response", "media_bodies", "success_variants"] {
        let dir = format!("../codegen/tests/fixtures/{fixture}");
        if let Err(error) = hwcloud_codegen::Config::new()
            .emit_rerun_if_changed(true)
            .mock_feature("test-util")
            .runtime_path("hwcloud::runtime")
            .out_dir(out.join(fixture))
            .generate(&dir)
        {
            eprintln!("{dir}: {error}");
            std::process::exit(1);
        }
    }
}
