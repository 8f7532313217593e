//! `hwcloud-codegen` turns a spec directory (YAML transcriptions of cloud API
//! documentation, see `hwcloud-model`) into a typed Rust SDK, from a build script.
//!
//! ```no_run
//! // build.rs of a crate that depends on `hwcloud-runtime`
//! hwcloud_codegen::Config::new()
//!     .service_features(true)
//!     .emit_rerun_if_changed(true)
//!     .generate("spec")
//!     .unwrap_or_else(|error| panic!("{error}"));
//! ```
//!
//! ```ignore
//! // src/lib.rs: one module per service, each behind the Cargo feature of its name
//! include!(concat!(env!("OUT_DIR"), "/services.rs"));
//! ```
//!
//! The whole public API:
//! - [`Config`]: what to generate and where; [`Config::generate`] writes one
//!   `<service>.rs` per service and `services.rs` declaring their modules;
//!   [`Config::render_operation`] and [`Config::generate_example_tests`] serve tools and tests.
//! - [`Generated`] and [`GeneratedFile`]: what a run wrote.
//! - [`Error`], and [`Diagnostic`] / [`Diagnostics`] for a spec with problems, each
//!   at its `file:line:col`.
//! - [`DEFAULT_RUNTIME_PATH`]: how generated code names the runtime unless told otherwise.
//!
//! A spec that loads without diagnostics generates code that compiles: every Rust
//! name is checked for collisions before anything is written.

#![warn(unreachable_pub, missing_docs)]

mod emit;
mod output;

use std::fmt;
use std::path::{Path, PathBuf};

use hwcloud_model::Model;
use hwcloud_model::model::Service;
use hwcloud_model::outline::{self, Outline, ServiceOutline, SharedTypes};
use output::{Output, write_if_changed};

pub use hwcloud_model::{Diagnostic, Diagnostics};

/// The path generated code names the runtime by, unless [`Config::runtime_path`] says otherwise.
pub const DEFAULT_RUNTIME_PATH: &str = "::hwcloud_runtime";

/// Everything that can stop a run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The spec has problems; nothing was written.
    #[error("the spec has errors:\n{0}")]
    Spec(Diagnostics),
    /// A service asked for is not in the spec.
    #[error("service `{0}` is not in the spec (known: {1})")]
    UnknownService(String, String),
    /// An operation asked for is not in its service.
    #[error("operation `{0}` is not in the spec (expected `service.operation`; known: {1})")]
    UnknownOperation(String, String),
    /// The runtime path is not a Rust path.
    #[error("runtime path `{0}` is not a Rust path such as `::hwcloud_runtime`")]
    RuntimePath(String),
    /// No output directory was set and `OUT_DIR` is not set either.
    #[error("no output directory: call `out_dir` or run from a build script (OUT_DIR)")]
    NoOutDir,
    /// A file could not be written.
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, std::io::Error),
    /// The generator produced tokens that do not parse: a bug to report.
    #[error("generator bug: the code generated for `{0}` does not parse: {1}")]
    Emit(String, String),
}

/// Settings for one generation run, in the manner of `prost_build::Config`.
#[derive(Debug, Clone)]
pub struct Config {
    services: Vec<String>,
    out_dir: Option<PathBuf>,
    rerun_if_changed: bool,
    runtime_path: String,
    service_features: bool,
    mock_feature: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            services: Vec::new(),
            out_dir: None,
            rerun_if_changed: false,
            runtime_path: DEFAULT_RUNTIME_PATH.to_owned(),
            service_features: false,
            mock_feature: None,
        }
    }
}

/// One file a run wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GeneratedFile {
    /// The service's id: its module and feature name.
    pub service: String,
    /// Where the file was written.
    pub path: PathBuf,
    /// Operations in the service.
    pub operations: usize,
    /// Entries of the service's error-code table.
    pub error_codes: usize,
    /// Lines of Rust written.
    pub lines: usize,
    /// Bytes written.
    pub bytes: usize,
}

/// What a run wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Generated {
    /// One entry per service file, in service order.
    pub files: Vec<GeneratedFile>,
    /// `services.rs`, which declares a module per service and includes its file.
    pub services_file: Option<PathBuf>,
}

impl Config {
    /// The defaults: every service, into `$OUT_DIR`, runtime at [`DEFAULT_RUNTIME_PATH`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Generates this service (its directory name under the spec). Without any call,
    /// every service in the spec is generated.
    pub fn service(&mut self, id: impl Into<String>) -> &mut Self {
        self.services.push(id.into());
        self
    }

    /// Where the files go; defaults to `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Prints `cargo:rerun-if-changed` for the spec directory and every file in it.
    pub fn emit_rerun_if_changed(&mut self, enabled: bool) -> &mut Self {
        self.rerun_if_changed = enabled;
        self
    }

    /// The Rust path of the runtime crate as generated code should write it:
    /// `::hwcloud_runtime` (the default) for a crate that depends on it, or a
    /// re-export such as `crate::runtime`, like prost-build's `prost_path`.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_path = path.into();
        self
    }

    /// Puts each service module behind the Cargo feature of its name, and, in a
    /// build script, generates only the services whose feature is enabled
    /// (`CARGO_FEATURE_<SERVICE>`). A crate then adds a service by declaring its
    /// feature; rustc's `unexpected_cfgs` lint names a service whose feature is missing.
    pub fn service_features(&mut self, enabled: bool) -> &mut Self {
        self.service_features = enabled;
        self
    }

    /// Writes what the runtime's mock (`hwcloud_runtime::mock`) needs of each
    /// operation behind `#[cfg(feature = "<feature>")]`: its documented
    /// success example, a clone of its request for the mock's records, the
    /// headers a response value stands for, where its paging travels; and
    /// one test per documented example answer in
    /// [`render_example_tests`](Self::render_example_tests). The crate's
    /// feature must enable `hwcloud-runtime/test-util`
    /// (`test-util = ["hwcloud-runtime/test-util"]`). Off by default.
    pub fn mock_feature(&mut self, feature: impl Into<String>) -> &mut Self {
        self.mock_feature = Some(feature.into());
        self
    }

    /// Validates `spec_dir`, then writes one formatted `<service>.rs` per
    /// service and `services.rs`, which declares their modules. Operations are
    /// validated, then read again and written, a batch at a time
    /// (`hwcloud_model::outline`), so memory holds one batch of them.
    pub fn generate(&self, spec_dir: impl AsRef<Path>) -> Result<Generated, Error> {
        let runtime = self.parsed_runtime_path()?;
        let outline = self.outline(spec_dir.as_ref())?;
        let out_dir = self.output_dir()?;
        let services = self.selected(&outline.services)?;
        let mut generated = Generated::default();
        for service in services.iter().filter(|s| self.enabled(&s.service)) {
            generated.files.push(write_service(
                service,
                &runtime,
                self.mock_feature.as_deref(),
                &out_dir,
            )?);
        }
        let heads: Vec<&Service> = services.iter().map(|s| &s.service).collect();
        let text = emit::services_file(&heads, self.service_features)
            .map_err(|e| Error::Emit("services.rs".into(), e))?;
        let path = out_dir.join("services.rs");
        write_if_changed(&path, &text)?;
        generated.services_file = Some(path);
        Ok(generated)
    }

    /// The formatted module of one operation, `service.operation`
    /// (`dli.cancel_job`), or of a service's shared object tables
    /// (`dli.types`), as `codegen render` prints it.
    pub fn render_operation(&self, spec_dir: impl AsRef<Path>, operation: &str) -> Result<String, Error> {
        let model = self.load(spec_dir.as_ref())?;
        let found = operation.split_once('.').and_then(|(service, item)| {
            let service = model.service(service)?;
            match service.operation(item) {
                Some(op) => Some(emit::operation_file(service, op, self.mock_feature.as_deref())),
                None => (item == service.types_module)
                    .then(|| emit::types_file(service))
                    .flatten(),
            }
        });
        let Some(text) = found else {
            let known: Vec<String> = model
                .services
                .iter()
                .flat_map(|s| {
                    let types =
                        (!s.shared_objects.is_empty()).then(|| format!("{}.{}", s.id, s.types_module));
                    s.operations
                        .iter()
                        .map(move |o| format!("{}.{}", s.id, o.id))
                        .chain(types)
                })
                .collect();
            return Err(Error::UnknownOperation(operation.to_owned(), known.join(", ")));
        };
        text.map_err(|e| Error::Emit(operation.to_owned(), e))
    }

    /// The formatted tests of every JSON example the spec's pages print: one
    /// `#[test]` per example, each behind its service's feature, naming generated
    /// types as `::<crate_name>::<service>::...` and checking through
    /// `::<crate_name>::runtime::examples`. The text is a complete integration-test
    /// file of that crate (`codegen crate` writes it as `tests/examples.rs`).
    pub fn render_example_tests(
        &self,
        spec_dir: impl AsRef<Path>,
        crate_name: &str,
    ) -> Result<String, Error> {
        let model = self.load(spec_dir.as_ref())?;
        let tokens = emit::example_tests::tokens(&model, crate_name, self.mock_feature.as_deref());
        emit::format(tokens).map_err(|e| Error::Emit("example tests".into(), e))
    }

    /// Writes [`Self::render_example_tests`] to `example_tests.rs` in the output
    /// directory, for a test file to `include!`.
    pub fn generate_example_tests(
        &self,
        spec_dir: impl AsRef<Path>,
        crate_name: &str,
    ) -> Result<PathBuf, Error> {
        let text = self.render_example_tests(spec_dir, crate_name)?;
        let path = self.output_dir()?.join("example_tests.rs");
        write_if_changed(&path, &text)?;
        Ok(path)
    }

    fn load(&self, spec_dir: &Path) -> Result<Model, Error> {
        let model = hwcloud_model::load_services(spec_dir, |id| self.wanted(id)).map_err(Error::Spec)?;
        self.track(spec_dir, model.files.iter().map(PathBuf::as_path));
        Ok(model)
    }

    fn outline(&self, spec_dir: &Path) -> Result<Outline, Error> {
        let outline = hwcloud_model::outline(spec_dir, |id| self.wanted(id)).map_err(Error::Spec)?;
        self.track(spec_dir, outline.files());
        Ok(outline)
    }

    /// With service features, a build reads only the services it may generate
    /// (and those asked for by name, so a missing one is told apart from a
    /// disabled one).
    fn wanted(&self, id: &str) -> bool {
        self.enabled_id(id) || self.services.iter().any(|s| s == id)
    }

    /// `cargo:rerun-if-changed` for the spec directory (which catches added
    /// and removed files) and every file read, when asked for.
    fn track<'f>(&self, spec_dir: &Path, files: impl Iterator<Item = &'f Path>) {
        if self.rerun_if_changed {
            println!("cargo:rerun-if-changed={}", spec_dir.display());
            for file in files {
                println!("cargo:rerun-if-changed={}", file.display());
            }
        }
    }

    fn parsed_runtime_path(&self) -> Result<syn::Path, Error> {
        syn::parse_str(&self.runtime_path).map_err(|_| Error::RuntimePath(self.runtime_path.clone()))
    }

    fn output_dir(&self) -> Result<PathBuf, Error> {
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        std::fs::create_dir_all(&dir).map_err(|e| Error::Write(dir.clone(), e))?;
        Ok(dir)
    }

    /// With service features on, whether the build script's crate enabled this one.
    fn enabled(&self, service: &Service) -> bool {
        self.enabled_id(&service.id)
    }

    fn enabled_id(&self, id: &str) -> bool {
        !self.service_features
            || std::env::var_os(format!("CARGO_FEATURE_{}", id.to_uppercase().replace('-', "_"))).is_some()
    }

    fn selected<'m>(&self, services: &'m [ServiceOutline]) -> Result<Vec<&'m ServiceOutline>, Error> {
        if self.services.is_empty() {
            return Ok(services.iter().collect());
        }
        let mut asked: Vec<&String> = Vec::new();
        for id in &self.services {
            if !asked.contains(&id) {
                asked.push(id);
            }
        }
        asked
            .into_iter()
            .map(|id| {
                services.iter().find(|s| &s.service.id == id).ok_or_else(|| {
                    let known: Vec<&str> = services.iter().map(|s| s.service.id.as_str()).collect();
                    Error::UnknownService(id.clone(), known.join(", "))
                })
            })
            .collect()
    }
}

/// Writes one service's file: its own items, then its operation modules, a
/// batch of operations read and modelled at a time, then its shared types,
/// merged as the batches pass.
fn write_service(
    outline: &ServiceOutline,
    runtime: &syn::Path,
    mock: Option<&str>,
    out_dir: &Path,
) -> Result<GeneratedFile, Error> {
    let service = &outline.service;
    let emitted = |e| Error::Emit(service.id.clone(), e);
    let path = out_dir.join(format!("{}.rs", service.id));
    let mut file = Output::create(&path)?;
    file.write(&emit::service_head(service, runtime).map_err(emitted)?)?;
    for batch in outline.operations.chunks(outline::BATCH) {
        file.write(&emit::reexports(batch).map_err(emitted)?)?;
    }
    let mut shared = SharedTypes::default();
    for batch in outline.operations.chunks(outline::BATCH) {
        let operations = outline.read(batch).map_err(Error::Spec)?;
        for op in &operations {
            shared.add(op);
        }
        for module in emit::operation_modules(service, &operations, mock) {
            file.write(&module.map_err(emitted)?)?;
        }
    }
    if let Some(types) = emit::types_tail(service, &shared.finish(), &outline.operations) {
        file.write(&types.map_err(emitted)?)?;
    }
    let (lines, bytes) = file.finish()?;
    Ok(GeneratedFile {
        service: service.id.clone(),
        path,
        operations: outline.operations.len(),
        error_codes: service.error_codes.len(),
        lines,
        bytes,
    })
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
