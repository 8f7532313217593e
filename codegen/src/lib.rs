//! `codegen` turns YAML transcriptions of cloud API documentation (`spec/`) into a
//! typed Rust SDK.
//!
//! The pipeline, one module per stage: [`spec`] loads and validates YAML,
//! [`model`] resolves it into Rust names and types, [`emit`] writes Rust.
//! [`Config`] drives the whole run from a build script:
//!
//! ```no_run
//! // build.rs
//! codegen::Config::new()
//!     .service("dli")
//!     .emit_rerun_if_changed(true)
//!     .generate("../spec")
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```

pub mod diagnostic;
pub mod diff;
pub mod emit;
pub mod import;
pub mod model;
pub mod naming;
pub mod spec;

use std::fmt;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Diagnostics};
pub use model::Model;

/// Everything that can stop a generation run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the spec has errors:\n{0}")]
    Spec(Diagnostics),
    #[error("service `{0}` is not in the spec (known: {1})")]
    UnknownService(String, String),
    #[error("no output directory: call `out_dir` or run from a build script (OUT_DIR)")]
    NoOutDir,
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, std::io::Error),
    #[error("generator bug: emitted tokens for service `{0}` do not parse: {1}")]
    Emit(String, syn::Error),
}

/// Settings for one generation run, in the manner of `prost_build::Config`.
#[derive(Debug, Clone, Default)]
pub struct Config {
    services: Vec<String>,
    out_dir: Option<PathBuf>,
    rerun_if_changed: bool,
}

/// One file written by a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub service: String,
    pub path: PathBuf,
    pub operations: usize,
    pub error_codes: usize,
    pub lines: usize,
    pub bytes: usize,
}

/// What a run wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
}

impl Config {
    pub fn new() -> Self {
        Self::default()
    }

    /// Generates this service (its directory name under the spec). Without any call,
    /// every service in the spec is generated.
    pub fn service(&mut self, id: impl Into<String>) -> &mut Self {
        self.services.push(id.into());
        self
    }

    /// Where `<service>.rs` files go; defaults to `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Prints `cargo:rerun-if-changed` for the spec directory and every file in it.
    pub fn emit_rerun_if_changed(&mut self, enabled: bool) -> &mut Self {
        self.rerun_if_changed = enabled;
        self
    }

    /// Loads and validates `spec_dir`, then writes one formatted file per service.
    pub fn generate(&self, spec_dir: impl AsRef<Path>) -> Result<Generated, Error> {
        let spec_dir = spec_dir.as_ref();
        if self.rerun_if_changed {
            // The directory itself catches added and removed files.
            println!("cargo:rerun-if-changed={}", spec_dir.display());
        }
        let spec = spec::load_dir(spec_dir).map_err(Error::Spec)?;
        if self.rerun_if_changed {
            for file in spec.files() {
                println!("cargo:rerun-if-changed={}", file.display());
            }
        }
        let model = Model::from_spec(&spec);
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        std::fs::create_dir_all(&out_dir).map_err(|e| Error::Write(out_dir.clone(), e))?;
        let mut generated = Generated::default();
        for service in self.selected(&model)? {
            let text = emit::service_file(service).map_err(|e| Error::Emit(service.id.clone(), e))?;
            let path = out_dir.join(format!("{}.rs", service.id));
            write_if_changed(&path, &text)?;
            generated.files.push(GeneratedFile {
                service: service.id.clone(),
                path,
                operations: service.operations.len(),
                error_codes: service.error_codes.len(),
                lines: text.lines().count(),
                bytes: text.len(),
            });
        }
        Ok(generated)
    }

    fn selected<'m>(&self, model: &'m Model) -> Result<Vec<&'m model::Service>, Error> {
        if self.services.is_empty() {
            return Ok(model.services.iter().collect());
        }
        self.services
            .iter()
            .map(|id| {
                model.service(id).ok_or_else(|| {
                    let known: Vec<&str> = model.services.iter().map(|s| s.id.as_str()).collect();
                    Error::UnknownService(id.clone(), known.join(", "))
                })
            })
            .collect()
    }
}

/// Leaves an unchanged file alone so its mtime does not trigger rebuilds.
fn write_if_changed(path: &Path, text: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| Error::Write(path.to_owned(), e))
}

impl fmt::Display for Generated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for file in &self.files {
            writeln!(
                f,
                "{:<6} {:>3} operations {:>4} error codes {:>6} lines  {}",
                file.service,
                file.operations,
                file.error_codes,
                file.lines,
                file.path.display()
            )?;
        }
        let operations: usize = self.files.iter().map(|f| f.operations).sum();
        let lines: usize = self.files.iter().map(|f| f.lines).sum();
        write!(
            f,
            "{} services, {operations} operations, {lines} lines",
            self.files.len()
        )
    }
}
