//! Changes to a service: its error codes, which operations it has, the tables
//! its operations share, and its waiters.

use hwcloud_model::model::{ErrorCode, Operation, Service};

use super::operation::{OperationDiff, endpoint};
use super::{At, Changes, Class, behaviour};

/// Compares two versions of a service (same id), reporting into `changes`.
pub(super) fn compare(old: &Service, new: &Service, changes: Changes<'_>) {
    let mut walk = ServiceDiff { old, new, changes };
    walk.error_codes();
    let mut pairs = walk.operations();
    pairs.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    for (old_op, new_op) in pairs {
        OperationDiff::compare(old_op, new_op, walk.changes.within(&new_op.id));
        walk.shared_tables(old_op, new_op);
    }
    behaviour::waiters(old, new, &mut walk.changes);
}

/// Both versions of a service, and where their changes go.
struct ServiceDiff<'a> {
    old: &'a Service,
    new: &'a Service,
    changes: Changes<'a>,
}

impl<'a> ServiceDiff<'a> {
    /// Error codes by code: removed (breaking), added (additive), or documented
    /// differently.
    fn error_codes(&mut self) {
        let (old, new) = (self.old, self.new);
        for code in &old.error_codes {
            let item = self.error_item(code);
            match new.error_codes.iter().find(|c| c.code == code.code) {
                None => self.changes.push(
                    Class::Breaking,
                    "error code removed",
                    At::new("error_codes", &item),
                    Some(&code.code),
                    None,
                ),
                Some(now) => self.error_code(&item, code, now),
            }
        }
        for code in new
            .error_codes
            .iter()
            .filter(|c| !old.error_codes.iter().any(|o| o.code == c.code))
        {
            let item = self.error_item(code);
            let at = At::new("error_codes", &item);
            self.changes
                .push(Class::Additive, "error code added", at, None, Some(&code.code));
        }
    }

    /// `service::ErrorCode::Variant`.
    fn error_item(&self, code: &ErrorCode) -> String {
        format!("{}::ErrorCode::{}", self.old.id, code.variant)
    }

    /// One error code in both versions: its status and texts are documentation.
    fn error_code(&mut self, item: &str, old: &ErrorCode, new: &ErrorCode) {
        if new.status != old.status {
            let (o, n) = (old.status.to_string(), new.status.to_string());
            let path = format!("error_codes.{}.status", old.code);
            let at = At::new(&path, item);
            self.changes.push(
                Class::Documentation,
                "error code status changed",
                at,
                Some(&o),
                Some(&n),
            );
        }
        for (label, o, n) in [
            ("message", &old.message, &new.message),
            ("description", &old.description, &new.description),
            ("remedy", &old.remedy, &new.remedy),
        ] {
            let path = format!("error_codes.{}.{label}", old.code);
            self.changes.text(At::new(&path, item), o, n);
        }
    }

    /// Matches operations by id, then by method and URI shape (an id that
    /// changed, which renames its Rust types); reports the rest as removed or
    /// added, and returns the pairs.
    fn operations(&mut self) -> Vec<(&'a Operation, &'a Operation)> {
        let mut unmatched_new: Vec<&Operation> = self.new.operations.iter().collect();
        let mut pairs = Vec::new();
        let mut removed = Vec::new();
        for op in &self.old.operations {
            match unmatched_new.iter().position(|n| n.id == op.id) {
                Some(i) => pairs.push((op, unmatched_new.remove(i))),
                None => removed.push(op),
            }
        }
        for op in removed {
            match unmatched_new
                .iter()
                .position(|n| n.method == op.method && n.uri_shape == op.uri_shape)
            {
                Some(i) => {
                    let now = unmatched_new.remove(i);
                    self.renamed(op, now);
                    pairs.push((op, now));
                }
                None => self.one_sided(op, true),
            }
        }
        for now in unmatched_new {
            self.one_sided(now, false);
        }
        pairs
    }

    /// `service::Request`, the request type `op` generates.
    fn request_item(&self, op: &Operation) -> String {
        format!("{}::{}", self.old.id, op.names.request)
    }

    /// An operation whose id changed: its request type's name did too.
    fn renamed(&mut self, old: &Operation, new: &Operation) {
        let item = self.request_item(old);
        let at = At::new("operation", &item);
        let (o, n) = (Some(old.names.request.as_str()), Some(new.names.request.as_str()));
        self.changes
            .within(&new.id)
            .push(Class::Breaking, "Rust name changed", at, o, n);
    }

    /// An operation only one version has: removed (breaking) or added
    /// (additive), with its method and URI.
    fn one_sided(&mut self, op: &Operation, removed: bool) {
        let item = self.request_item(op);
        let at = At::new("operation", &item);
        let endpoint = Some(endpoint(op));
        let (class, what, old, new) = if removed {
            (Class::Breaking, "operation removed", endpoint.as_deref(), None)
        } else {
            (Class::Additive, "operation added", None, endpoint.as_deref())
        };
        self.changes.within(&op.id).push(class, what, at, old, new);
    }

    /// A table that becomes one of the service's shared types, or stops being one.
    ///
    /// Stopping splits a type others used interchangeably: breaking. Becoming one is
    /// additive, unless the table was request-only and the shared type keeps
    /// undocumented keys: its new `undocumented` field breaks struct literals.
    fn shared_tables(&mut self, old: &Operation, new: &Operation) {
        let (old_svc, new_svc) = (self.old, self.new);
        let module = format!("{}::{}", new_svc.id, new.names.module);
        for table in &new.objects {
            let Some(before) = old.objects.iter().find(|o| o.name == table.name) else {
                continue;
            };
            let (was, is) = (old.shared.contains(&table.name), new.shared.contains(&table.name));
            if was == is {
                continue;
            }
            let local = format!("{module}::{}", table.name);
            let shared = |svc: &Service| format!("{}::{}::{}", svc.id, svc.types_module, table.name);
            let (class, what, from, to) = if is {
                let keeps_keys = new_svc.object(new, &table.name).is_some_and(|o| o.in_response);
                let class = if keeps_keys && !before.in_response {
                    Class::Breaking
                } else {
                    Class::Additive
                };
                (
                    class,
                    "table became a shared type",
                    local.clone(),
                    shared(new_svc),
                )
            } else {
                (
                    Class::Breaking,
                    "table no longer a shared type",
                    shared(old_svc),
                    local.clone(),
                )
            };
            let at = At::new(&table.name, &local);
            self.changes
                .within(&new.id)
                .push(class, what, at, Some(&from), Some(&to));
        }
    }
}
