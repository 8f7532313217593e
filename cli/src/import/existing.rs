//! What a spec directory already holds that re-importing keeps: each
//! operation's id and file (so Rust names stay stable across doc updates) and
//! the fields a reviewer marked `hand_edit`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use hwcloud_model::spec::schema::{Body, Field, Method, ObjectTable, OperationFile, Pagination};
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
        let shape = UriTemplate::parse(&operation.uri).map_or_else(|_| operation.uri.clone(), |t| t.shape());
        OperationKey {
            service_dir: service_dir.to_owned(),
            method: operation.method,
            shape,
            api_version: operation.api_version.clone(),
            variant: operation.variant.clone(),
        }
    }
}

impl OperationKey {
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

/// The operation files of an existing spec directory, by [`OperationKey`].
#[derive(Debug, Default)]
pub struct ExistingSpec {
    operations: BTreeMap<OperationKey, (PathBuf, OperationFile)>,
    /// Files that could not be read as an operation, with why.
    unreadable: Vec<(PathBuf, String)>,
}

impl ExistingSpec {
    /// Reads `dir/<service>/operations/*.yaml`. A file that does not parse is
    /// listed in [`ExistingSpec::unreadable`] and never written over: its
    /// operation is imported under another file name beside it.
    pub fn load(dir: &Path) -> ExistingSpec {
        let mut operations = BTreeMap::new();
        let mut unreadable = Vec::new();
        let Ok(services) = std::fs::read_dir(dir) else {
            return ExistingSpec::default();
        };
        let mut files: Vec<PathBuf> = services
            .flatten()
            .filter_map(|service| std::fs::read_dir(service.path().join("operations")).ok())
            .flat_map(|entries| entries.flatten().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        for path in files {
            let Ok(relative) = path.strip_prefix(dir).map(Path::to_owned) else {
                continue;
            };
            let read = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| serde_yaml::from_str::<OperationFile>(&text).map_err(|e| e.to_string()));
            match read {
                Ok(operation) => {
                    let service_dir: PathBuf = relative.iter().take(1).collect();
                    operations
                        .entry(OperationKey::of(&service_dir, &operation))
                        .or_insert((relative, operation));
                }
                Err(error) => unreadable.push((relative, error)),
            }
        }
        ExistingSpec {
            operations,
            unreadable,
        }
    }

    /// Operation files that could not be read, relative to the directory, with why.
    pub fn unreadable(&self) -> &[(PathBuf, String)] {
        &self.unreadable
    }

    /// `(service directory, file stem)` of the unreadable files: names no
    /// imported operation may take, so that nothing is written over them.
    pub fn unreadable_names(&self) -> BTreeSet<(PathBuf, String)> {
        self.unreadable
            .iter()
            .filter_map(|(file, _)| {
                let service_dir: PathBuf = file.iter().take(1).collect();
                Some((service_dir, file.file_stem()?.to_string_lossy().into_owned()))
            })
            .collect()
    }

    /// The existing operations: key and operation.
    pub fn operations(&self) -> impl Iterator<Item = (&OperationKey, &OperationFile)> {
        self.operations
            .iter()
            .map(|(key, (_, operation))| (key, operation))
    }

    /// The file and operation already standing for `key`.
    pub fn get(&self, key: &OperationKey) -> Option<&(PathBuf, OperationFile)> {
        self.operations.get(key)
    }
}

/// What keeping one hand edit meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// The page no longer documents the field, or never did.
    Added(String),
    /// The page documents the field differently; the hand edit stays.
    Contradicted(String),
}

/// Puts every `hand_edit` field of `existing` into `imported`: where the page
/// documents the field the same way only the mark carries over; otherwise the
/// reviewer's version stays and is listed.
pub fn keep_hand_edits(imported: &mut OperationFile, existing: &OperationFile) -> Vec<Kept> {
    let mut kept = Vec::new();
    keep_in(
        "parameter",
        &mut imported.parameters,
        &existing.parameters,
        &mut kept,
    );
    for (place, mine, theirs) in [
        ("request", &mut imported.request_body, &existing.request_body),
        ("response", &mut imported.response, &existing.response),
    ] {
        let Some(theirs) = theirs else { continue };
        if has_hand_edits(&theirs.fields) {
            let mine = mine.get_or_insert_with(|| Body {
                fields: Vec::new(),
                ..theirs.clone()
            });
            keep_in(place, &mut mine.fields, &theirs.fields, &mut kept);
        }
    }
    for theirs in existing.objects.iter().filter(|o| has_hand_edits(&o.fields)) {
        let at = match imported.objects.iter().position(|o| o.name == theirs.name) {
            Some(at) => at,
            None => {
                imported.objects.push(ObjectTable {
                    name: theirs.name.clone(),
                    caption: theirs.caption.clone(),
                    fields: Vec::new(),
                });
                imported.objects.len() - 1
            }
        };
        let place = format!("object {}", theirs.name);
        keep_in(
            &place,
            &mut imported.objects[at].fields,
            &theirs.fields,
            &mut kept,
        );
    }
    if let Some(reviewed) = existing.pagination.as_ref().filter(|p| p.hand_edit.is_some()) {
        let why = reviewed.hand_edit.as_deref().unwrap_or_default();
        let detected = imported.pagination.replace(reviewed.clone());
        let same = detected.is_some_and(|d| {
            Pagination {
                hand_edit: reviewed.hand_edit.clone(),
                ..d
            } == *reviewed
        });
        kept.push(match same {
            true => Kept::Added(format!("pagination: kept the hand edit ({why})")),
            false => Kept::Contradicted(format!(
                "pagination: kept the hand edit ({why}); detection from the page says otherwise"
            )),
        });
    }
    kept
}

fn has_hand_edits(fields: &[Field]) -> bool {
    fields.iter().any(|f| f.hand_edit.is_some())
}

fn keep_in(place: &str, fields: &mut Vec<Field>, existing: &[Field], kept: &mut Vec<Kept>) {
    for edited in existing {
        let Some(why) = &edited.hand_edit else { continue };
        let same = |f: &Field| f.name == edited.name && f.location == edited.location;
        match fields.iter_mut().find(|f| same(f)) {
            Some(documented) => {
                let page_says = Field {
                    hand_edit: Some(why.clone()),
                    ..documented.clone()
                };
                if page_says != *edited {
                    kept.push(Kept::Contradicted(format!(
                        "{place} `{}`: kept the hand edit ({why}); the page says type `{}`, {}",
                        edited.name,
                        documented.ty,
                        match documented.required {
                            Some(true) => "mandatory",
                            Some(false) => "optional",
                            None => "no mandatory flag",
                        }
                    )));
                }
                *documented = edited.clone();
            }
            None => {
                kept.push(Kept::Added(format!(
                    "{place} `{}`: kept the hand-added field ({why}); the page does not document it",
                    edited.name
                )));
                fields.push(edited.clone());
            }
        }
    }
}
