//! What a spec change does to users of the generated crate.
//!
//! Two validated models are compared service by service, operation by operation
//! and member by member (modules `service`, `operation`, `member`); every
//! difference is classified by its effect on the Rust API and the wire:
//! breaking, additive, or documentation only. Rendering lives in [`render`].

mod behaviour;
mod member;
mod operation;
pub mod render;
mod service;
pub mod side;
mod types;

use std::collections::BTreeMap;

use serde::Serialize;

use hwcloud_model::model::{Model, Service, Text};

/// The effect of one change, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    Breaking,
    Additive,
    Documentation,
}

impl Class {
    pub fn label(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::Documentation => "documentation",
        }
    }
}

/// One difference between the two specs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub class: Class,
    pub service: String,
    /// The operation id, or `None` for service-level changes (error codes).
    pub operation: Option<String>,
    /// What changed, e.g. `response field removed`.
    pub what: String,
    /// Where, e.g. `response.jobs[].status`.
    pub path: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The generated item it touches, e.g. `dli::list_jobs::Job::status`.
    pub rust_item: String,
}

/// Every change, grouped by service and operation in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub changes: Vec<Change>,
}

impl Diff {
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// The most severe class present.
    pub fn worst(&self) -> Option<Class> {
        self.changes.iter().map(|c| c.class).min()
    }

    /// The semver bump the changes imply for the generated crate.
    pub fn semver(&self) -> &'static str {
        match self.worst() {
            Some(Class::Breaking) => "major",
            Some(Class::Additive) => "minor",
            Some(Class::Documentation) => "patch",
            None => "none",
        }
    }
}

/// Compares two models.
pub fn diff(old: &Model, new: &Model) -> Diff {
    let mut out = Vec::new();
    for (id, pair) in services_by_id(old, new) {
        let mut changes = Changes::new(id, &mut out);
        let at = At::new(id, id);
        match pair {
            (Some(old), Some(new)) => service::compare(old, new, changes),
            (Some(_), None) => changes.push(Class::Breaking, "service removed", at, Some(id), None),
            (None, Some(_)) => changes.push(Class::Additive, "service added", at, None, Some(id)),
            (None, None) => {}
        }
    }
    // Service-level changes first, then by operation; breaking first within each.
    out.sort_by(|a, b| {
        (&a.service, &a.operation, a.class, &a.path).cmp(&(&b.service, &b.operation, b.class, &b.path))
    });
    Diff { changes: out }
}

/// The services of both sides by id: (old, new), either missing.
fn services_by_id<'m>(
    old: &'m Model,
    new: &'m Model,
) -> BTreeMap<&'m str, (Option<&'m Service>, Option<&'m Service>)> {
    old.services
        .iter()
        .map(|s| (s.id.as_str(), (Some(s), None)))
        .chain(new.services.iter().map(|s| (s.id.as_str(), (None, Some(s)))))
        .fold(BTreeMap::new(), |mut map, (id, (o, n))| {
            let entry = map.entry(id).or_insert((None, None));
            entry.0 = entry.0.or(o);
            entry.1 = entry.1.or(n);
            map
        })
}

/// Where a change is: its path in the spec, e.g. `response.jobs[].status`, and
/// the generated item it touches, e.g. `dli::list_jobs::Job::status`.
#[derive(Debug, Clone, Copy)]
struct At<'a> {
    path: &'a str,
    item: &'a str,
}

impl<'a> At<'a> {
    fn new(path: &'a str, item: &'a str) -> Self {
        At { path, item }
    }
}

/// The changes found so far, and the service (and operation) the next ones belong to.
struct Changes<'a> {
    service: &'a str,
    /// The operation id, or `None` for service-level changes.
    operation: Option<&'a str>,
    out: &'a mut Vec<Change>,
}

impl<'a> Changes<'a> {
    /// Service-level changes to `service`, collected in `out`.
    fn new(service: &'a str, out: &'a mut Vec<Change>) -> Self {
        Changes {
            service,
            operation: None,
            out,
        }
    }

    /// The same list, for changes to the operation `id`.
    fn within<'b>(&'b mut self, id: &'b str) -> Changes<'b> {
        Changes {
            service: self.service,
            operation: Some(id),
            out: &mut *self.out,
        }
    }

    /// Reports a change to the service (or operation) at hand.
    fn push(&mut self, class: Class, what: &str, at: At<'_>, old: Option<&str>, new: Option<&str>) {
        self.out.push(Change {
            class,
            service: self.service.to_owned(),
            operation: self.operation.map(str::to_owned),
            what: what.to_owned(),
            path: at.path.to_owned(),
            old: old.map(str::to_owned),
            new: new.map(str::to_owned),
            rust_item: at.item.to_owned(),
        });
    }

    /// A text that changed in a language beyond its whitespace: documentation.
    fn text(&mut self, at: At<'_>, old: &Text, new: &Text) {
        let normalize = |t: &Option<String>| {
            t.as_deref()
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        };
        for (lang, o, n) in [("en", &old.en, &new.en), ("zh", &old.zh, &new.zh)] {
            if normalize(o) != normalize(n) {
                let what = format!("text changed ({lang})");
                self.push(Class::Documentation, &what, at, o.as_deref(), n.as_deref());
            }
        }
    }
}
