//! Generation without the whole model in memory.
//!
//! [`load`](crate::load) holds every operation's model at once, which tools
//! comparing or exporting a spec need. Generating code needs each operation
//! only while its module is written, so [`outline`] validates a spec the same
//! way, a batch of operation files at a time, and keeps of each operation what
//! the service's own items and shared types need ([`OperationOutline`]).
//! [`ServiceOutline::read`] then models a batch again, from the same files, for
//! its modules to be written; [`SharedTypes`] merges the shared types from the
//! batches as they pass. Memory then holds one batch of models, not all of them:
//! the price is a second read of each operation file.

use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Operation, Plane, Service};
use crate::names::OperationNames;
use crate::resolve::modelled_operation;
use crate::service::ServiceCheck;
pub use crate::shared::SharedTypes;
use crate::shared::Sharing;
use crate::spec::schema::{OperationFile, ServiceFile};
use crate::spec::{self, SpecFile};
use crate::{parallel, paths};

/// Operation files validated together: enough to keep every core busy, few
/// enough that their models stay small.
pub const BATCH: usize = 64;

/// Every service of a spec directory, validated, its operations outlined.
#[derive(Debug)]
pub struct Outline {
    /// The services, ordered by id.
    pub services: Vec<ServiceOutline>,
}

impl Outline {
    /// Every file read, for build-script change tracking.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.services.iter().flat_map(|s| {
            std::iter::once(s.file.as_path()).chain(s.operations.iter().map(|o| o.file.as_path()))
        })
    }
}

/// A service validated whole, its operations to be read again a batch at a time.
#[derive(Debug)]
pub struct ServiceOutline {
    /// The service's own parts: id, docs, endpoints, planes, error codes,
    /// waiters, the name of its types module. Its `operations` are only those
    /// its waiters poll, and its `shared_objects` are empty: merge them from
    /// the operations with [`SharedTypes`].
    pub service: Service,
    /// Every operation, in file order.
    pub operations: Vec<OperationOutline>,
    /// `service.yaml`.
    file: PathBuf,
}

/// What the service's items say of one operation.
#[derive(Debug, Clone)]
pub struct OperationOutline {
    pub id: String,
    /// Whether the request has a body type.
    pub has_body: bool,
    pub response_is_array: bool,
    /// Whether the request body is a JSON array (its element type is exported).
    pub body_is_array: bool,
    pub deprecated: bool,
    /// Its tables that are shared types ([`Operation::shared`]).
    pub shared: Vec<String>,
    file: PathBuf,
    digest: u64,
}

/// Reads and validates the services under `dir` whose id `wanted` accepts,
/// as [`load_services`](crate::load_services) does and with the same
/// diagnostics, keeping an outline of each operation instead of its model.
pub fn outline(dir: &Path, wanted: impl Fn(&str) -> bool) -> Result<Outline, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let services = spec::wanted_service_dirs(dir, &wanted, &mut diagnostics)
        .iter()
        .filter_map(|service_dir| service(service_dir, &mut diagnostics))
        .collect();
    if !diagnostics.is_empty() {
        diagnostics.sort();
        return Err(diagnostics);
    }
    Ok(Outline { services })
}

fn service(dir: &Path, out: &mut Diagnostics) -> Option<ServiceOutline> {
    let service_file = spec::read_service_file(dir, out);
    let paths = spec::operation_paths(dir, out);
    let Some(service_file) = service_file else {
        // Its operations are still checked, on their own, for a complete report.
        for batch in paths.chunks(BATCH) {
            spec::read_operations(batch, out);
        }
        return None;
    };
    let mut check = ServiceCheck::new(&service_file, out);
    let (mut outlines, mut kept, sharing) = operations(&service_file, &paths, &mut check, out);
    let waiters = paths::waiters(&service_file, &kept, out);
    let decision = sharing.decide();
    for (outline, shared) in outlines.iter_mut().zip(decision.shared) {
        outline.shared = shared;
    }
    for op in &mut kept {
        let outline = outlines.iter().find(|o| o.id == op.id);
        op.shared = outline.map(|o| o.shared.clone()).unwrap_or_default();
    }
    let mut service = check.finish(out);
    service.operations = kept;
    service.types_module = decision.module;
    service.waiters = waiters;
    Some(ServiceOutline {
        service,
        operations: outlines,
        file: service_file.path.clone(),
    })
}

/// Pass one over a service's operation files, a batch at a time: each file
/// checked and modelled, its outline and tables kept, its model dropped
/// unless a waiter polls it.
fn operations(
    service_file: &SpecFile<ServiceFile>,
    paths: &[PathBuf],
    check: &mut ServiceCheck<'_>,
    out: &mut Diagnostics,
) -> (Vec<OperationOutline>, Vec<Operation>, Sharing) {
    let polled: BTreeSet<&str> = service_file
        .value
        .waiters
        .iter()
        .map(|w| w.operation.as_str())
        .collect();
    let mut sharing = Sharing::default();
    let mut outlines = Vec::with_capacity(paths.len());
    let mut kept = Vec::new();
    for batch in paths.chunks(BATCH) {
        let parsed = spec::read_operations(batch, out);
        for (file, op) in parsed.iter().zip(check.operations(&parsed, out)) {
            let Some(op) = op else { continue };
            sharing.add(&op);
            outlines.push(OperationOutline::of(&op, file));
            if polled.contains(op.id.as_str()) {
                kept.push(op);
            }
        }
    }
    (outlines, kept, sharing)
}

impl OperationOutline {
    /// Its Rust names, derived from its id as the model's are.
    pub fn names(&self) -> OperationNames {
        OperationNames::of(&self.id)
    }

    fn of(op: &Operation, file: &SpecFile<OperationFile>) -> Self {
        OperationOutline {
            id: op.id.clone(),
            has_body: op.body.is_some(),
            response_is_array: op.response_is_array,
            body_is_array: op.body_is_array,
            deprecated: op.deprecated.is_some(),
            shared: Vec::new(),
            file: file.path.clone(),
            digest: digest(&file.source),
        }
    }

    /// The operation modelled again from its file, which must be unchanged.
    fn read(&self, planes: &[Plane]) -> Result<Operation, Box<Diagnostic>> {
        let changed = || {
            Box::new(Diagnostic::whole_file(
                &self.file,
                "this file changed while code was generated from it; generate again",
            ))
        };
        let text = crate::spec::read_text(&self.file)
            .map_err(|error| Box::new(spec::unreadable_file(&self.file, &error)))?;
        if digest(&text) != self.digest {
            return Err(changed());
        }
        // Unchanged, so within the depth bound `outline` checked.
        let file = spec::parse_checked::<OperationFile>(&self.file, text.into())?;
        let mut op = modelled_operation(&file, planes, &mut Diagnostics::default()).ok_or_else(changed)?;
        op.shared = self.shared.clone();
        Ok(op)
    }
}

impl ServiceOutline {
    /// The models of `operations` (a run of [`Self::operations`]), read again
    /// from their files, on every core. A file that changed since it was
    /// validated is an error: run again.
    pub fn read(&self, operations: &[OperationOutline]) -> Result<Vec<Operation>, Diagnostics> {
        let read = parallel::map(operations, |outline| outline.read(&self.service.planes));
        let mut operations = Vec::with_capacity(read.len());
        let mut diagnostics = Diagnostics::default();
        for result in read {
            match result {
                Ok(op) => operations.push(op),
                Err(d) => diagnostics.push(*d),
            }
        }
        if diagnostics.is_empty() {
            Ok(operations)
        } else {
            Err(diagnostics)
        }
    }
}

fn digest(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}
