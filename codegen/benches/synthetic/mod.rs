//! Synthetic specs for the scale benchmark: `spec/dli` (130 operations, the
//! documented job, queue, table and Flink pages) repeated until a service has
//! the operations asked for. Copy `k` of `list_jobs` is `list_jobs_r<k>`; every
//! other line is the documented one, so each copy costs what a real page costs.
//! `cargo run -p hwcloud-codegen --example synthetic_spec -- <operations> <out>`
//! writes one to look at.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The spec the copies are made from.
pub fn source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/dli")
}

/// Writes `<out>/synth/` (service file and `operations` operation files) and
/// returns how many were written.
pub fn write(out: &Path, operations: usize) -> io::Result<usize> {
    let source = source();
    let service = out.join("synth");
    let ops_dir = service.join("operations");
    fs::create_dir_all(&ops_dir)?;
    let service_yaml = fs::read_to_string(source.join("service.yaml"))?;
    fs::write(
        service.join("service.yaml"),
        service_yaml.replacen("service: dli", "service: synth", 1),
    )?;
    let mut pages: Vec<(String, String)> = Vec::new();
    for entry in fs::read_dir(source.join("operations"))? {
        let path = entry?.path();
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        pages.push((id, fs::read_to_string(&path)?));
    }
    pages.sort();
    for n in 0..operations {
        let (id, text) = &pages[n % pages.len()];
        let round = n / pages.len();
        let (name, text) = if round == 0 {
            (id.clone(), text.clone())
        } else {
            let name = format!("{id}_r{round}");
            let renamed = text.replacen(&format!("operation: {id}\n"), &format!("operation: {name}\n"), 1);
            (name, renamed)
        };
        fs::write(ops_dir.join(format!("{name}.yaml")), text)?;
    }
    Ok(operations)
}
