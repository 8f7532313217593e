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
}
