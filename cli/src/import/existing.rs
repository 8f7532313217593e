//! The spec directory an import writes into, read once before anything else:
//! every service and operation file, parsed and checked as `codegen check`
//! would. What it holds that pages do not say is kept (ids, file names, hand
//! edits, a service's name and error-body shapes); a file that does not parse
//! or validate is never written over: its service is refused whole.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::draft::OperationKey;
use hwcloud_model::spec::schema::{OperationFile, ServiceFile};

/// The files of an existing spec directory.
#[derive(Debug, Default)]
pub struct ExistingSpec {
    /// Every service and operation file's text, by path relative to the directory.
    files: BTreeMap<PathBuf, String>,
    operations: BTreeMap<OperationKey, (PathBuf, OperationFile)>,
    services: BTreeMap<PathBuf, ServiceFile>,
    /// Per service directory, its files' problems (`file:line:col: why`).
    invalid: BTreeMap<PathBuf, Vec<String>>,
}

impl ExistingSpec {
    /// Reads `dir/<service>/service.yaml` and `dir/<service>/operations/*.yaml`
    /// once, and checks them as `codegen check` does.
    pub fn load(dir: &Path) -> ExistingSpec {
        let mut spec = ExistingSpec::default();
        for path in spec_files(dir) {
            let relative = path
                .strip_prefix(dir)
                .map(Path::to_owned)
                .unwrap_or_else(|_| path.clone());
            match read_bounded(&path) {
                Ok(text) => {
                    spec.files.insert(relative, text);
                }
                Err(why) => spec.refuse(&relative, format!("{}: {why}", path.display())),
            }
        }
        let mut diagnostics: Vec<hwcloud_model::Diagnostic> = hwcloud_model::check_texts(&spec.files)
            .iter()
            .filter(|d| spec.files.contains_key(&d.file))
            .cloned()
            .collect();
        diagnostics.extend(spec.unchecked_parse_errors());
        for diagnostic in &diagnostics {
            let at = format!(
                "{}:{}:{}: {}",
                dir.join(&diagnostic.file).display(),
                diagnostic.line,
                diagnostic.col,
                diagnostic.message
            );
            spec.refuse(&diagnostic.file, at);
        }
        spec.parse();
        spec
    }

    /// Parse errors of operation files whose service has no `service.yaml`
    /// (which `check` does not read, and an import will write).
    fn unchecked_parse_errors(&self) -> Vec<hwcloud_model::Diagnostic> {
        let has_service_file = |service: &Path| self.files.contains_key(&service.join("service.yaml"));
        self.files
            .iter()
            .filter(|(file, _)| !has_service_file(&service_dir(file)))
            .filter_map(|(file, text)| hwcloud_model::spec::parse_file::<OperationFile>(file, text).err())
            .map(|d| *d)
            .collect()
    }

    fn refuse(&mut self, file: &Path, why: String) {
        self.invalid.entry(service_dir(file)).or_default().push(why);
    }

    /// The operations and service files that parse, with the same bounds as
    /// `check` (a file nested past its depth limit is not parsed at all).
    fn parse(&mut self) {
        use hwcloud_model::spec::parse_file;
        for (relative, text) in &self.files {
            if relative.file_name().is_some_and(|n| n == "service.yaml") {
                if let Ok(service) = parse_file::<ServiceFile>(relative, text) {
                    self.services.insert(service_dir(relative), service.value);
                }
            } else if let Ok(operation) = parse_file::<OperationFile>(relative, text).map(|f| f.value) {
                self.operations
                    .entry(OperationKey::of(&service_dir(relative), &operation))
                    .or_insert((relative.clone(), operation));
            }
        }
    }

    /// Service directories whose files do not parse or validate, with every
    /// problem located.
    pub fn invalid(&self) -> &BTreeMap<PathBuf, Vec<String>> {
        &self.invalid
    }

    /// Every file's text, by path relative to the directory.
    pub fn files(&self) -> &BTreeMap<PathBuf, String> {
        &self.files
    }

    /// The existing operations: key and operation.
    pub fn operations(&self) -> impl Iterator<Item = (&OperationKey, &OperationFile)> {
        self.operations
            .iter()
            .map(|(key, (_, operation))| (key, operation))
    }

    /// The existing operations: key and file (relative to the directory).
    pub fn operation_files(&self) -> impl Iterator<Item = (&OperationKey, &PathBuf)> {
        self.operations.iter().map(|(key, (file, _))| (key, file))
    }

    /// The file and operation already standing for `key`.
    pub fn get(&self, key: &OperationKey) -> Option<&(PathBuf, OperationFile)> {
        self.operations.get(key)
    }

    /// The service file of a service directory, when it parses.
    pub fn service(&self, service_dir: &Path) -> Option<&ServiceFile> {
        self.services.get(service_dir)
    }
}

/// `dli` of `dli/operations/x.yaml`.
fn service_dir(relative: &Path) -> PathBuf {
    relative.iter().take(1).collect()
}

/// The service and operation files under `dir`, sorted.
fn spec_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(services) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for service in services.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        let service_file = service.join("service.yaml");
        if service_file.exists() {
            files.push(service_file);
        }
        if let Ok(entries) = std::fs::read_dir(service.join("operations")) {
            files.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml")),
            );
        }
    }
    files.sort();
    files
}

/// A spec file's text as `codegen check` reads it (regular files, bounded).
fn read_bounded(path: &Path) -> Result<String, String> {
    hwcloud_model::spec::read_text(path).map_err(|e| format!("cannot read: {e}"))
}
