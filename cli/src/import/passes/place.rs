//! A page no folder or id places (a rendered page saved alone) belongs to the
//! service whose pages document the same method and URI.

use std::path::{Path, PathBuf};

use super::Context;
use crate::import::discover::UNKNOWN_SERVICE;
use crate::import::draft::{Draft, OperationKey};
use crate::import::report::{Finding, Severity};

/// A page no folder or id places (a rendered page saved alone) belongs to the
/// service whose pages (imported now or already in the spec) document the same
/// method and URI, if exactly one does.
#[allow(clippy::ptr_arg)] // every pass has one signature; merging rebuilds the list
pub fn run(drafts: &mut Vec<Draft>, context: &Context) {
    let existing = context.existing;
    let unknown = Path::new(UNKNOWN_SERVICE);
    let known: Vec<(OperationKey, PathBuf)> = drafts
        .iter()
        .filter(|p| p.service_dir() != unknown)
        .map(|p| (p.key(), p.service_dir()))
        .chain(
            existing
                .operations()
                .map(|(key, _)| (key.clone(), key.service_dir().to_owned())),
        )
        .collect();
    for page in drafts.iter_mut().filter(|p| p.service_dir() == unknown) {
        let key = page.key();
        let mut services: Vec<&PathBuf> = known
            .iter()
            .filter(|(other, _)| other.same_operation_in_any_service(&key))
            .map(|(_, dir)| dir)
            .collect();
        services.sort();
        services.dedup();
        match services[..] {
            [service] => page.file = service.join(page.file.strip_prefix(unknown).unwrap_or(&page.file)),
            _ => page.findings.push(Finding::new(
                Severity::Warning,
                "unknown-service",
                0,
                "neither the folder, the page id nor another page's URI says which service this is; pass --service",
            )),
        }
    }
}
