//! The spec format of `hwcloud-codegen` and its validated model.
//!
//! A spec directory holds YAML transcriptions of API documentation tables:
//! `<service>/service.yaml` and `<service>/operations/<operation>.yaml`
//! (schema: [`spec::schema`]). [`load`] reads one, checks it and builds the
//! [`Model`] in the same pass, reporting every problem at once, each at its
//! `file:line:col`. The model carries every Rust name the generator emits
//! ([`names`]); a model exists only when no two of them collide.
//!
//! [`outline()`] validates a spec the same way, a batch of operation files at a
//! time, keeping only what a service's own items need; generation then reads
//! each batch again to write its modules, so its memory holds one batch of
//! models and about a kilobyte per operation, not the whole model.
//!
//! Users of the generator call `hwcloud_codegen::Config`; this crate is for tools
//! that read or write specs (the importer, `codegen diff`).

pub mod diagnostic;
mod graph;
pub mod media;
pub mod model;
pub mod names;
pub mod outline;
pub mod parallel;
mod paths;
mod resolve;
mod service;
mod shared;
pub mod spec;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Diagnostics};
pub use model::Model;
pub use outline::outline;

/// Reads, validates and models every service under `dir`.
pub fn load(dir: &Path) -> Result<Model, Diagnostics> {
    load_services(dir, |_| true)
}

/// Reads, validates and models the services under `dir` whose id (the name of
/// their directory) `wanted` accepts; the others are neither read nor checked.
/// A build script that generates only the services whose Cargo feature is on
/// pays for those alone, however many the spec holds.
pub fn load_services(dir: &Path, wanted: impl Fn(&str) -> bool) -> Result<Model, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let specs = spec::read_dir(dir, &wanted, &mut diagnostics);
    let services = specs
        .iter()
        .map(|spec| service::model(spec, &mut diagnostics))
        .collect();
    if !diagnostics.is_empty() {
        diagnostics.sort();
        return Err(diagnostics);
    }
    let files = specs
        .iter()
        .flat_map(|s| {
            std::iter::once(s.service.path.clone()).chain(s.operations.iter().map(|o| o.path.clone()))
        })
        .collect();
    Ok(Model { services, files })
}

/// Validates spec files given as text, keyed by their path below a spec
/// directory (`dli/service.yaml`, `dli/operations/x.yaml`), as [`load`] would
/// read them from disk: what an importer checks before it writes anything.
pub fn check_texts(files: &BTreeMap<PathBuf, String>) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let mut services: BTreeMap<PathBuf, (Option<&PathBuf>, Vec<&PathBuf>)> = BTreeMap::new();
    for path in files.keys() {
        let Some(service) = path.parent() else { continue };
        if path.file_name().is_some_and(|n| n == "service.yaml") {
            services.entry(service.to_owned()).or_default().0 = Some(path);
        } else if service.file_name().is_some_and(|n| n == "operations")
            && let Some(service) = service.parent()
        {
            services.entry(service.to_owned()).or_default().1.push(path);
        }
    }
    for (dir, (service, operations)) in services {
        let Some(service) = service else {
            diagnostics.push(Diagnostic::whole_file(
                &dir,
                "this directory has operations/ but no service.yaml; its operations are not read",
            ));
            continue;
        };
        let parsed = spec::parse_file(service, &files[service]).map_err(|d| diagnostics.push(*d));
        let operations = operations
            .into_iter()
            .filter_map(|path| {
                spec::parse_file(path, &files[path])
                    .map_err(|d| diagnostics.push(*d))
                    .ok()
            })
            .collect();
        if let Ok(service) = parsed {
            service::model(&spec::ServiceSpec { service, operations }, &mut diagnostics);
        }
    }
    diagnostics.sort();
    diagnostics
}
