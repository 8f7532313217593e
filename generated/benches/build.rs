//! Build time of this crate as its users pay it: a cold `cargo build` (debug,
//! fresh target directory, dependencies included) of `hwcloud` with `dli` and
//! `ges` and no client, then the rebuild after one operation's description
//! changes in the spec (build script and crate), then the crate alone.
//!
//! `cargo bench -p hwcloud --bench build` (about a minute on 2 cores). The spec
//! is a copy (`HWCLOUD_SPEC_DIR`), so the repository is never touched.
//! `benches/progenitor-side-by-side.sh` measures the same against progenitor.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The operation whose summary the one-operation change edits.
const EDITED: &str = "dli/operations/cancel_job.yaml";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a directory");
    for entry in std::fs::read_dir(from).expect("a readable spec") {
        let path = entry.expect("an entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("a copied file");
        }
    }
}

/// Appends a word to the first English line of the operation's summary.
fn edit_one_operation(spec: &Path) {
    let path = spec.join(EDITED);
    let text = std::fs::read_to_string(&path).expect("the operation file");
    let at = text.find("\nsummary:\n  en: ").expect("an English summary") + "\nsummary:\n  en: ".len();
    let end = at + text[at..].find('\n').expect("a line end");
    let edited = format!("{} (edited){}", &text[..end], &text[end..]);
    std::fs::write(&path, edited).expect("the edited file");
}

fn build(workspace: &Path, spec: &Path, target: &Path) -> Duration {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let start = Instant::now();
    let output = Command::new(cargo)
        .current_dir(workspace)
        .args([
            "build",
            "-q",
            "-p",
            "hwcloud",
            "--no-default-features",
            "--features",
            "dli,ges",
        ])
        .env("CARGO_TARGET_DIR", target)
        .env("HWCLOUD_SPEC_DIR", spec)
        .env_remove("RUSTC_WRAPPER")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    start.elapsed()
}

/// The crate's generated services file, to touch for a rebuild of the crate alone.
fn services_file(target: &Path) -> PathBuf {
    std::fs::read_dir(target.join("debug/build"))
        .expect("build outputs")
        .filter_map(|e| Some(e.ok()?.path().join("out/services.rs")))
        .find(|p| p.is_file())
        .expect("hwcloud's OUT_DIR")
}

fn main() {
    if std::env::args().any(|a| a == "--quick") {
        println!("build bench: skipped in quick mode (it builds the crate from scratch)");
        return;
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let work = tempfile::tempdir().expect("a temporary directory");
    let (spec, target) = (work.path().join("spec"), work.path().join("target"));
    copy_dir(&workspace.join("spec"), &spec);
    let cold = build(&workspace, &spec, &target);
    edit_one_operation(&spec);
    let edited = build(&workspace, &spec, &target);
    let services = services_file(&target);
    std::fs::File::options()
        .append(true)
        .open(&services)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()))
        .expect("services.rs touched");
    let crate_alone = build(&workspace, &spec, &target);
    println!("hwcloud (dli, ges; no client), debug build:");
    println!(
        "  cold (dependencies included)      {:>7.1} s",
        cold.as_secs_f64()
    );
    println!(
        "  one operation's summary edited    {:>7.1} s",
        edited.as_secs_f64()
    );
    println!(
        "  the crate alone (services.rs touched) {:>3.1} s",
        crate_alone.as_secs_f64()
    );
}
