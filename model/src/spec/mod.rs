//! Reading `spec/`: YAML in, typed spec files out, each able to point into itself.
//!
//! Layout: `<dir>/<service>/service.yaml` and `<dir>/<service>/operations/*.yaml`.
//! Every file is read and every problem collected, each with file:line:col.

mod depth;
pub mod locate;
pub mod schema;
pub mod types;
pub mod uri;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Diagnostics};
use locate::{Locations, Span};
use schema::{OperationFile, ServiceFile};

/// A parsed file together with what is needed to point into it.
///
/// The YAML is parsed once, by serde_yaml, into `value`. serde_yaml reports where
/// a parse *fails* but exposes no positions of values that parsed, and every
/// validation message needs one; so positions come from a second, event-level
/// scan of the same text (yaml-rust2, [`Locations`]), made only when the first
/// diagnostic about this file is written. Before either, a linear event scan
/// bounds the nesting depth, so that hostile input is rejected fast.
#[derive(Debug, Clone)]
pub struct SpecFile<T> {
    /// Where the file was read from.
    pub path: PathBuf,
    /// Its text.
    pub source: Arc<str>,
    /// Its typed content.
    pub value: T,
    locations: OnceLock<Locations>,
}

impl<T> SpecFile<T> {
    /// A file parsed from `source`.
    pub fn new(path: PathBuf, source: Arc<str>, value: T) -> Self {
        SpecFile {
            path,
            source,
            value,
            locations: OnceLock::new(),
        }
    }

    /// Positions of the file's nodes, scanned on first use.
    pub fn locations(&self) -> &Locations {
        self.locations.get_or_init(|| Locations::index(&self.source))
    }

    /// A problem with the value at `path` (e.g. `parameters[1].type`).
    pub fn error_at(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.path, &self.source, self.locations().value(path), message)
    }

    /// A problem with the key that introduces `path`.
    pub fn error_at_key(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.path, &self.source, self.locations().key(path), message)
    }
}

/// One service directory, parsed but not yet validated.
#[derive(Debug, Clone)]
pub struct ServiceSpec {
    /// `service.yaml`.
    pub service: SpecFile<ServiceFile>,
    /// `operations/*.yaml`, sorted by file name.
    pub operations: Vec<SpecFile<OperationFile>>,
}

/// Parses the services under `dir` whose directory name `wanted` accepts;
/// problems reading or parsing go to `diagnostics`.
pub fn read_dir(
    dir: &Path,
    wanted: &dyn Fn(&str) -> bool,
    diagnostics: &mut Diagnostics,
) -> Vec<ServiceSpec> {
    wanted_service_dirs(dir, wanted, diagnostics)
        .into_iter()
        .filter_map(|service_dir| load_service(&service_dir, diagnostics))
        .collect()
}

/// Parses one file of either kind from text, or says where it does not parse.
pub fn parse_file<T: DeserializeOwned>(path: &Path, source: &str) -> Result<SpecFile<T>, Box<Diagnostic>> {
    let source: Arc<str> = Arc::from(source);
    if let Some(span) = depth::too_deep(&source) {
        let message = format!(
            "the YAML nests deeper than {} levels; no spec file needs that many",
            depth::MAX_DEPTH
        );
        return Err(Box::new(Diagnostic::new(path, &source, span, message)));
    }
    parse_checked(path, source)
}

/// Parses text that [`parse_file`] has already bounded, such as a file read
/// again unchanged, without scanning its depth a second time.
pub(crate) fn parse_checked<T: DeserializeOwned>(
    path: &Path,
    source: Arc<str>,
) -> Result<SpecFile<T>, Box<Diagnostic>> {
    match serde_yaml::from_str::<T>(&source) {
        Ok(value) => Ok(SpecFile::new(path.to_owned(), source, value)),
        Err(error) => {
            let span = error
                .location()
                .map(|l| Span {
                    line: l.line(),
                    col: l.column(),
                    offset: l.index(),
                    len: 1,
                })
                .unwrap_or_default();
            let message = strip_location_suffix(&error.to_string());
            Err(Box::new(Diagnostic::new(path, &source, span, message)))
        }
    }
}

/// serde_yaml appends " at line L column C" to messages; the diagnostic says it already.
fn strip_location_suffix(message: &str) -> String {
    match message.find(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}

/// The largest spec file read: no spec file comes near it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A spec file's text: a regular file (a FIFO would block, a device never
/// end) of at most [`MAX_FILE_BYTES`].
pub fn read_text(path: &Path) -> std::io::Result<String> {
    let metadata = fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "{} bytes, more than the {MAX_FILE_BYTES} a spec file may have",
            metadata.len()
        )));
    }
    fs::read_to_string(path)
}

fn read(path: &Path, diagnostics: &mut Diagnostics) -> Option<String> {
    read_text(path)
        .map_err(|error| unreadable(path, &error, diagnostics))
        .ok()
}

fn unreadable(path: &Path, error: &std::io::Error, diagnostics: &mut Diagnostics) {
    diagnostics.push(unreadable_file(path, error));
}

/// A file that could not be read, and why.
pub(crate) fn unreadable_file(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::whole_file(path, format!("cannot read: {error}"))
}

fn sorted_entries(dir: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    match fs::read_dir(dir) {
        Ok(entries) => {
            let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            paths
        }
        Err(error) => {
            diagnostics.push(Diagnostic::whole_file(
                dir,
                format!("cannot read directory: {error}"),
            ));
            Vec::new()
        }
    }
}

/// Directories with a `service.yaml`; one with `operations/` but no
/// `service.yaml` (a `service.yml`, say) is an error, not a silent skip.
fn service_dirs(dir: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let mut services = Vec::new();
    for path in sorted_entries(dir, diagnostics) {
        if path.join("service.yaml").is_file() {
            services.push(path);
        } else if path.join("operations").is_dir() {
            diagnostics.push(Diagnostic::whole_file(
                &path,
                "this directory has operations/ but no service.yaml; its operations are not read",
            ));
        }
    }
    services
}

fn load_service(dir: &Path, diagnostics: &mut Diagnostics) -> Option<ServiceSpec> {
    let service = read_service_file(dir, diagnostics);
    let paths = operation_paths(dir, diagnostics);
    let operations = read_operations(&paths, diagnostics);
    service.map(|service| ServiceSpec { service, operations })
}

/// The service directories under `dir` whose name `wanted` accepts.
pub(crate) fn wanted_service_dirs(
    dir: &Path,
    wanted: &dyn Fn(&str) -> bool,
    diagnostics: &mut Diagnostics,
) -> Vec<PathBuf> {
    let found = service_dirs(dir, diagnostics);
    if found.is_empty() && diagnostics.is_empty() {
        diagnostics.push(Diagnostic::whole_file(
            dir,
            "no service found: expected <service>/service.yaml below this directory",
        ));
    }
    found
        .into_iter()
        .filter(|d| d.file_name().and_then(|n| n.to_str()).is_some_and(wanted))
        .collect()
}

/// A service directory's `service.yaml`, parsed.
pub(crate) fn read_service_file(dir: &Path, diagnostics: &mut Diagnostics) -> Option<SpecFile<ServiceFile>> {
    let path = dir.join("service.yaml");
    let text = read(&path, diagnostics)?;
    parse_file::<ServiceFile>(&path, &text)
        .map_err(|d| diagnostics.push(*d))
        .ok()
}

/// The paths of a service directory's operation files, sorted.
pub(crate) fn operation_paths(dir: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let operations_dir = dir.join("operations");
    if !operations_dir.is_dir() {
        return Vec::new();
    }
    sorted_entries(&operations_dir, diagnostics)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect()
}

/// Operation files read and parsed on every core, in the order of `paths`;
/// those that cannot be are reported and left out.
pub(crate) fn read_operations(
    paths: &[PathBuf],
    diagnostics: &mut Diagnostics,
) -> Vec<SpecFile<OperationFile>> {
    let parsed = crate::parallel::map(paths, |path| {
        read_text(path).map(|text| parse_file::<OperationFile>(path, &text))
    });
    let mut operations = Vec::with_capacity(paths.len());
    for (path, result) in paths.iter().zip(parsed) {
        match result {
            Ok(Ok(file)) => operations.push(file),
            Ok(Err(d)) => diagnostics.push(*d),
            Err(error) => unreadable(path, &error, diagnostics),
        }
    }
    operations
}
