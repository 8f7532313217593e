//! Validation of a service: its own file (error codes, planes, endpoints) and
//! what its operations share, the names they put in the service's module and
//! the operations their replacements name. Each operation file on its own is
//! [`resolve`](crate::resolve)'s; this drives it, a batch of files at a time.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Endpoint, ErrorCode, Operation, Plane, Service};
use crate::names::{self, OperationNames, Scope};
use crate::paths;
use crate::resolve::{examples, exported, modelled_operation};
use crate::spec::locate::{child, item};
use crate::spec::schema::{CLOUDS, HTTP_STATUSES, OperationFile, ServiceFile};
use crate::spec::{ServiceSpec, SpecFile};

/// The model of one service directory; what is wrong goes to `out`.
pub(crate) fn model(spec: &ServiceSpec, out: &mut Diagnostics) -> Service {
    let mut check = ServiceCheck::new(&spec.service, out);
    let mut operations: Vec<Operation> = check
        .operations(&spec.operations, out)
        .into_iter()
        .flatten()
        .collect();
    let waiters = paths::waiters(&spec.service, &operations, out);
    let (types_module, shared_objects) = crate::shared::share(&mut operations);
    let mut service = check.finish(out);
    service.operations = operations;
    service.shared_objects = shared_objects;
    service.types_module = types_module;
    service.waiters = waiters;
    service
}

/// Validation of one service: its own file, then its operation files in
/// order, a batch at a time (a caller may drop each batch once it has used
/// it), then [`finish`](Self::finish), the checks that need every operation.
pub(crate) struct ServiceCheck<'f> {
    file: &'f SpecFile<ServiceFile>,
    error_codes: Vec<ErrorCode>,
    planes: Vec<Plane>,
    /// The service module's names, each with what claimed it: a service
    /// of ten thousand operations holds fifty thousand, so each in few bytes.
    scope: Scope<'static, Claim>,
    /// Each operation id, with the file that defines it first.
    ids: BTreeMap<Arc<str>, PathBuf>,
    /// The operation ids in the order they claimed names, for messages.
    claimants: Vec<Arc<str>>,
    /// Each `deprecated.replacement`, with the error to report if no operation has its id.
    replacements: Vec<(String, Diagnostic)>,
}

impl<'f> ServiceCheck<'f> {
    pub(crate) fn new(file: &'f SpecFile<ServiceFile>, out: &mut Diagnostics) -> Self {
        let what = format!("module `{}`", file.value.service);
        let mut scope = Scope::reserving(what, names::SERVICE_ITEMS, "a generated service item");
        for module in names::SERVICE_MODULES {
            let _ = scope.claim_or_first(module, Claim::from("the runtime alias"));
        }
        ServiceCheck {
            file,
            error_codes: service_file(file, out),
            planes: planes(file, out),
            scope,
            ids: BTreeMap::new(),
            claimants: Vec::new(),
            replacements: Vec::new(),
        }
    }

    /// Checks and models the next operation files, each on its own on every
    /// core, then claims their names in the service's module: each file's
    /// model, `None` where it is too broken to have one.
    pub(crate) fn operations(
        &mut self,
        files: &[SpecFile<OperationFile>],
        out: &mut Diagnostics,
    ) -> Vec<Option<Operation>> {
        let planes = &self.planes;
        let resolved = crate::parallel::map(files, |file| {
            let mut found = Diagnostics::default();
            (modelled_operation(file, planes, &mut found), found)
        });
        for file in files {
            self.claim(file, out);
        }
        resolved
            .into_iter()
            .map(|(modelled, found)| {
                out.extend(found);
                modelled
            })
            .collect()
    }

    /// The operation's id, file name, replacement and exported names, against
    /// those before it.
    fn claim(&mut self, op: &SpecFile<OperationFile>, out: &mut Diagnostics) {
        self.replacement(op, out);
        let id = op.value.operation.as_str();
        if let Some(first) = self.ids.get(id) {
            let message = format!("operation `{id}` is also defined in {}", first.display());
            out.push(op.error_at("operation", message));
            return;
        }
        let id: Arc<str> = Arc::from(id);
        self.ids.insert(Arc::clone(&id), op.path.clone());
        let file_stem = op.path.file_stem().map(|s| s.to_string_lossy().into_owned());
        if file_stem.as_deref() != Some(&*id) {
            out.push(op.error_at(
                "operation",
                format!("operation `{id}` must be in a file named `{id}.yaml`"),
            ));
        }
        if names::is_snake_identifier(&id) {
            self.claim_names(op, id, out);
        }
    }

    /// The module and types the operation puts in the service's module.
    fn claim_names(&mut self, op: &SpecFile<OperationFile>, id: Arc<str>, out: &mut Diagnostics) {
        let names = OperationNames::of(&id);
        let claimant = u32::try_from(self.claimants.len()).ok();
        self.claimants.push(id);
        for (name, role) in exported(&op.value, &names) {
            let claim = Claim { role, claimant };
            if let Err((claim, first)) = self.scope.claim_or_first(&name, claim) {
                let message = self.scope.collision(self.said(claim), &name, self.said(first));
                out.push(op.error_at("operation", message));
            }
        }
    }

    /// A claim as messages say it: `the request type of operation `x``.
    fn said(&self, claim: Claim) -> String {
        match claim.claimant.and_then(|i| self.claimants.get(i as usize)) {
            Some(id) => format!("{} of operation `{id}`", claim.role),
            None => claim.role.to_owned(),
        }
    }

    /// A replacement names another operation; whether it exists is known at the end.
    fn replacement(&mut self, op: &SpecFile<OperationFile>, out: &mut Diagnostics) {
        let Some(replacement) = op.value.deprecated.as_ref().and_then(|d| d.replacement.as_ref()) else {
            return;
        };
        if replacement == &op.value.operation {
            out.push(op.error_at("deprecated.replacement", "an operation cannot replace itself"));
            return;
        }
        let message = format!(
            "replacement `{replacement}` is not an operation of service `{}`",
            self.file.value.service
        );
        let error = op.error_at("deprecated.replacement", message);
        self.replacements.push((replacement.clone(), error));
    }

    /// The service, its operations not yet in it, once every replacement is checked.
    pub(crate) fn finish(self, out: &mut Diagnostics) -> Service {
        for (replacement, error) in self.replacements {
            if !self.ids.contains_key(replacement.as_str()) {
                let known: Vec<&str> = self.ids.keys().map(|id| &**id).collect();
                out.push(error.with_help(format!("known operations: {}", known.join(", "))));
            }
        }
        let file = self.file;
        let value = &file.value;
        Service {
            id: value.service.clone(),
            name: value.name.clone(),
            description: value.description.clone(),
            endpoints: endpoints(file, out),
            planes: self.planes,
            error_shapes: value.error_body.clone(),
            error_codes: self.error_codes,
            examples: examples(file, &value.examples, out),
            operations: Vec::new(),
            shared_objects: Vec::new(),
            types_module: String::new(),
            waiters: Vec::new(),
        }
    }
}

/// What claimed a name in a service's module: a role (`the request type`)
/// of the operation that claimed names `claimant`-th, or, without one, the generator.
#[derive(Debug, Clone, Copy)]
struct Claim {
    role: &'static str,
    claimant: Option<u32>,
}

impl From<&'static str> for Claim {
    fn from(role: &'static str) -> Self {
        Claim { role, claimant: None }
    }
}

/// The service's planes: snake_case names, unique, each with a path prefix.
fn planes(file: &SpecFile<ServiceFile>, out: &mut Diagnostics) -> Vec<Plane> {
    let mut planes: Vec<Plane> = Vec::new();
    for (at, plane) in file.value.planes.iter().enumerate() {
        let key = format!("planes[{at}]");
        if !names::is_snake_identifier(&plane.name) || planes.iter().any(|p| p.name == plane.name) {
            out.push(file.error_at(
                &format!("{key}.name"),
                "a plane's name is a unique snake_case word",
            ));
        } else if !plane.uri_prefix.starts_with('/') {
            out.push(file.error_at(&format!("{key}.uri_prefix"), "a URI prefix starts with `/`"));
        } else if let Some((name, _)) = plane.headers.iter().find(|(n, v)| !is_header(n, v)) {
            out.push(file.error_at(
                &format!("{key}.headers.{name}"),
                "a header name is letters, digits and `-`; its value printable ASCII",
            ));
        } else {
            planes.push(Plane {
                name: plane.name.clone(),
                uri_prefix: plane.uri_prefix.clone(),
                token_only: plane.token_only,
                headers: plane
                    .headers
                    .iter()
                    .map(|(n, v)| (n.clone(), v.clone()))
                    .collect(),
                description: plane.description.clone(),
            });
        }
    }
    planes
}

/// A header the generated code can send as a constant.
fn is_header(name: &str, value: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && value.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// The service's host patterns by cloud: `endpoint` is Huawei Cloud's,
/// `endpoints` the other clouds'. A pattern is a host name in which `{region}`
/// may stand for the region.
fn endpoints(file: &SpecFile<ServiceFile>, out: &mut Diagnostics) -> Vec<Endpoint> {
    let value = &file.value;
    let mut endpoints = Vec::new();
    let huawei = value
        .endpoint
        .iter()
        .map(|pattern| ("endpoint".to_owned(), "huawei-cloud", pattern));
    let others = value
        .endpoints
        .iter()
        .map(|(cloud, pattern)| (format!("endpoints.{cloud}"), cloud.as_str(), pattern));
    for (key, cloud, pattern) in huawei.chain(others) {
        if !CLOUDS.contains(&cloud) {
            out.push(file.error_at_key(
                &key,
                format!("unknown cloud `{cloud}`; known: {}", CLOUDS.join(", ")),
            ));
        } else if key != "endpoint" && cloud == "huawei-cloud" {
            out.push(file.error_at_key(&key, "Huawei Cloud's pattern is `endpoint`"));
        } else if !is_host_pattern(pattern) {
            out.push(file.error_at(
                &key,
                format!("`{pattern}` is not a host pattern (letters, digits, `-`, `.`, and `{{region}}`)"),
            ));
        } else {
            endpoints.push(Endpoint {
                cloud: cloud.to_owned(),
                variant: heck::AsUpperCamelCase(cloud).to_string(),
                pattern: pattern.clone(),
            });
        }
    }
    endpoints
}

fn is_host_pattern(pattern: &str) -> bool {
    let host = pattern.replace("{region}", "r");
    !host.is_empty()
        && host
            .split('.')
            .all(|label| !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

fn service_file(file: &SpecFile<ServiceFile>, out: &mut Diagnostics) -> Vec<ErrorCode> {
    let service = &file.value;
    if !names::is_snake_identifier(&service.service) {
        out.push(file.error_at(
            "service",
            "the service id must be snake_case ASCII (it names a module and a feature)",
        ));
    } else if ![service.service.clone(), format!("r#{}", service.service)]
        .contains(&names::snake(&service.service))
    {
        out.push(file.error_at(
            "service",
            format!(
                "the service id `{}` is a Rust keyword that cannot be a raw identifier",
                service.service
            ),
        ));
    } else if names::RESERVED_SERVICE_IDS.contains(&service.service.as_str()) {
        out.push(file.error_at(
            "service",
            format!(
                "the service id `{}` is taken at the crate root or among its features ({})",
                service.service,
                names::RESERVED_SERVICE_IDS.join(", ")
            ),
        ));
    }
    let dir_name = file
        .path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    if dir_name.as_deref() != Some(service.service.as_str()) {
        out.push(file.error_at(
            "service",
            format!(
                "service `{}` must live in a directory of the same name",
                service.service
            ),
        ));
    }
    if service.error_body.is_empty() {
        out.push(file.error_at_key("error_body", "at least one error body shape is needed"));
    }
    for (i, shape) in service.error_body.iter().enumerate() {
        if shape.code.is_none() && shape.success.is_none() {
            out.push(file.error_at(
                &item("error_body", i),
                "an error body shape needs `code` or `success` to tell an error apart",
            ));
        }
    }
    error_codes(file, out)
}

fn error_codes(file: &SpecFile<ServiceFile>, out: &mut Diagnostics) -> Vec<ErrorCode> {
    let what = format!("enum `{}::ErrorCode`", file.value.service);
    let mut variants: Scope = Scope::reserving(&what, &[names::UNKNOWN_VARIANT], "the fallback variant");
    let mut codes = BTreeMap::new();
    let mut resolved = Vec::new();
    for (i, entry) in file.value.error_codes.iter().enumerate() {
        let path = item("error_codes", i);
        if let Some(first) = codes.insert(entry.code.as_str(), i) {
            out.push(file.error_at(
                &child(&path, "code"),
                format!(
                    "error code `{}` is listed twice (first at error_codes[{first}])",
                    entry.code
                ),
            ));
            continue;
        }
        let variant = names::error_variant(&entry.code);
        let claimed = if names::is_identifier(&variant) {
            variants.claim(&variant, format!("error code `{}`", entry.code))
        } else {
            Err(format!("error code `{}` cannot name an enum variant", entry.code))
        };
        if let Err(message) = claimed {
            out.push(file.error_at(&child(&path, "code"), message));
        }
        if !HTTP_STATUSES.contains(&entry.status) {
            out.push(file.error_at(
                &child(&path, "status"),
                format!("{} is not an HTTP status", entry.status),
            ));
        }
        if entry.message.is_empty() {
            out.push(file.error_at_key(&path, "an error code needs a message"));
        }
        resolved.push(ErrorCode {
            variant,
            code: entry.code.clone(),
            status: entry.status,
            message: entry.message.clone(),
            description: entry.description.clone(),
            remedy: entry.remedy.clone(),
        });
    }
    resolved
}
