//! An operation on its way through the passes, carrying what was said about
//! the pages it came from: its own page's findings and table roles, and the
//! pages folded into it. The report is built from drafts at the end.

use std::path::PathBuf;

use super::discover::PageSource;
use super::report::{Finding, TableReport};
use hwcloud_model::spec::schema::OperationFile;

pub use key::OperationKey;

/// Where a page comes from, as the report names it.
#[derive(Debug, Clone)]
pub struct Origin {
    /// Its place in the run.
    pub index: usize,
    /// `folder/sub/page.md`.
    pub source: String,
    /// The documentation folder, and the page's file name there.
    pub root: String,
    pub name: String,
}

impl Origin {
    pub fn of(page: &PageSource) -> Origin {
        Origin {
            index: page.index,
            source: page.source.clone(),
            root: page.root.clone(),
            name: page.name.clone(),
        }
    }
}

/// A page whose operation was merged into another draft.
#[derive(Debug, Clone)]
pub struct Folded {
    pub origin: Origin,
    pub findings: Vec<Finding>,
    pub tables: Vec<TableReport>,
}

/// An imported operation before it is written.
#[derive(Debug)]
pub struct Draft {
    /// `service/operations/id.yaml`.
    pub file: PathBuf,
    pub origin: Origin,
    pub operation: OperationFile,
    /// The link a deprecated page gives to its replacement.
    pub replacement_link: Option<String>,
    /// What the passes said about this operation and its own page.
    pub findings: Vec<Finding>,
    pub tables: Vec<TableReport>,
    /// Pages merged into this operation.
    pub folded: Vec<Folded>,
    /// Fields wanting an object whose row links to another page: (field, links).
    pub unlinked: Vec<(String, Vec<String>)>,
}

impl Draft {
    /// The service directory the operation's file goes under (`dli`).
    pub fn service_dir(&self) -> PathBuf {
        self.file.iter().next().map(PathBuf::from).unwrap_or_default()
    }

    pub fn key(&self) -> OperationKey {
        OperationKey::of(&self.service_dir(), &self.operation)
    }

    /// `dli.create_queue`, as the report names the operation.
    pub fn name(&self) -> String {
        format!("{}.{}", self.service_dir().display(), self.operation.operation)
    }

    /// Folds `other`'s page (and those folded into it) into this draft, with
    /// what merging it said.
    pub fn fold(&mut self, other: Folded, merged: Vec<Finding>) {
        let Folded {
            origin,
            mut findings,
            tables,
        } = other;
        findings.extend(merged);
        self.folded.push(Folded {
            origin,
            findings,
            tables,
        });
    }

    /// This draft as a page folded into another, and the pages folded into it.
    pub fn into_folded(self) -> (OperationFile, Folded, Vec<Folded>) {
        let page = Folded {
            origin: self.origin,
            findings: self.findings,
            tables: self.tables,
        };
        (self.operation, page, self.folded)
    }
}

mod key {
    use std::path::{Path, PathBuf};

    use hwcloud_model::spec::schema::{Method, OperationFile};
    use hwcloud_model::spec::uri::UriTemplate;

    /// What makes two documented operations the same one: service, method, URI
    /// (placeholders by position) and API version.
    #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
    pub struct OperationKey {
        service_dir: PathBuf,
        method: Method,
        shape: String,
        api_version: Option<String>,
        variant: Option<String>,
    }

    impl OperationKey {
        pub fn of(service_dir: &Path, operation: &OperationFile) -> OperationKey {
            // An unparseable URI groups only with itself.
            let shape =
                UriTemplate::parse(&operation.uri).map_or_else(|_| operation.uri.clone(), |t| t.shape());
            OperationKey {
                service_dir: service_dir.to_owned(),
                method: operation.method,
                shape,
                api_version: operation.api_version.clone(),
                variant: operation.variant.clone(),
            }
        }

        /// Whether `other` is this operation, whichever service each was put under.
        pub fn same_operation_in_any_service(&self, other: &OperationKey) -> bool {
            (self.method, &self.shape, &self.api_version) == (other.method, &other.shape, &other.api_version)
        }

        /// The service directory (`dli`).
        pub fn service_dir(&self) -> &Path {
            &self.service_dir
        }

        /// This key in any version: what path ids are shared by.
        pub fn route(&self) -> OperationKey {
            OperationKey {
                api_version: None,
                variant: None,
                ..self.clone()
            }
        }

        /// Same method and URI, in any version.
        pub fn same_route(&self, other: &OperationKey) -> bool {
            (&self.service_dir, self.method, &self.shape) == (&other.service_dir, other.method, &other.shape)
        }
    }
}
