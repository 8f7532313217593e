//! `codegen compare`: a service's spec beside the vendor's machine-readable
//! definitions of it. Operations are matched by method and path shape; each
//! vendor parameter and field is looked up in our spec at the same place (query,
//! header, path, body, response) and nesting path, and where found, its
//! required flag and scalar type are compared. Every disagreement is located in
//! our spec (`file:line`) beside the vendor's value.
//!
//! A vendor name that occurs nowhere in the text of the matched operation's
//! pages is *drift* (the definitions are newer than the pages) and is counted
//! apart, when the pages are at hand (`--pages`).

mod member;
mod ours;
mod render;
mod vendor;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use heck::ToSnakeCase;
use hwcloud_model::diagnostic::Diagnostics;
use hwcloud_model::names;
use hwcloud_model::spec::SpecFile;
use hwcloud_model::spec::schema::OperationFile;
use serde::Serialize;

use member::{Member, Place};
pub use render::text;
use vendor::VendorOperation;

/// What to compare.
#[derive(Debug, Clone)]
pub struct Options {
    /// A service directory of a spec (`spec/dli`).
    pub service_dir: PathBuf,
    /// The vendor's definitions of that service: a directory of JSON documents.
    pub against: PathBuf,
    /// Where the pages our spec names as sources lie (`sources[].page` is
    /// relative to it); without it, no name is told apart as drift.
    pub pages: Option<PathBuf>,
}

/// Names found, per place.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Tally {
    /// Names the vendor's definitions have.
    pub vendor: usize,
    /// Found at the same place and nesting path.
    pub found: usize,
    /// Found under the same name elsewhere (another place or object).
    pub elsewhere: usize,
    /// Not in our spec, though the pages mention the name.
    pub missing: usize,
    /// Not in our spec, and the pages never mention the name: the vendor's
    /// definitions are newer than the pages.
    pub drift: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.vendor += other.vendor;
        self.found += other.found;
        self.elsewhere += other.elsewhere;
        self.missing += other.missing;
        self.drift += other.drift;
    }
}

/// Agreement of one property over the members found on both sides.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Agreement {
    pub compared: usize,
    pub agree: usize,
}

impl Agreement {
    fn count(&mut self, agree: bool) {
        self.compared += 1;
        self.agree += usize::from(agree);
    }

    fn add(&mut self, other: Agreement) {
        self.compared += other.compared;
        self.agree += other.agree;
    }
}

/// The figures of an operation or a service.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Figures {
    pub path: Tally,
    pub query: Tally,
    pub header: Tally,
    pub body: Tally,
    pub response: Tally,
    /// Over the members found on both sides where both state the flag (most
    /// response tables do not), path parameters left out.
    pub required: Agreement,
    /// Over the members found on both sides that the vendor types as a scalar.
    pub types: Agreement,
}

impl Figures {
    fn tally(&mut self, place: Place) -> &mut Tally {
        match place {
            Place::Path => &mut self.path,
            Place::Query => &mut self.query,
            Place::Header => &mut self.header,
            Place::Body => &mut self.body,
            Place::Response => &mut self.response,
        }
    }

    fn add(&mut self, other: &Figures) {
        let mine = [
            &mut self.path,
            &mut self.query,
            &mut self.header,
            &mut self.body,
            &mut self.response,
        ];
        let theirs = [
            &other.path,
            &other.query,
            &other.header,
            &other.body,
            &other.response,
        ];
        for (mine, theirs) in mine.into_iter().zip(theirs) {
            mine.add(theirs);
        }
        self.required.add(other.required);
        self.types.add(other.types);
    }
}

/// One disagreement, located in our spec.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Disagreement {
    /// `missing`, `elsewhere`, `drift`, `required` or `type`.
    pub kind: &'static str,
    /// The vendor's member: `body backup.name`.
    pub member: String,
    /// Where our spec says it, or where it would go (`file:line`).
    pub at: String,
    /// Our value (`required: false`, `type: string`, `query name`), if any.
    pub ours: Option<String>,
    /// The vendor's value.
    pub vendor: String,
}

/// One vendor operation beside ours.
#[derive(Debug, Clone, Serialize)]
pub struct OperationComparison {
    /// The vendor's operation name (`CancelJob`).
    pub vendor: String,
    pub vendor_file: String,
    pub method: String,
    pub path: String,
    /// Our operations of that method and path shape (variants share one).
    pub ours: Vec<String>,
    /// Whether one of our ids is the vendor's name in snake case.
    pub same_name: bool,
    pub figures: Figures,
    pub disagreements: Vec<Disagreement>,
}

/// A service's comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub service: String,
    /// Operations of the definitions.
    pub vendor_operations: usize,
    /// Operations of our spec.
    pub our_operations: usize,
    pub matched: Vec<OperationComparison>,
    /// Vendor operations no operation of ours has the method and path of.
    pub vendor_only: Vec<String>,
    /// Our operations the vendor's definitions do not have.
    pub ours_only: Vec<String>,
    /// Definition files that held no operation, with why.
    pub skipped_files: Vec<(String, String)>,
    pub figures: Figures,
    /// Matched operations whose vendor name, in snake case, is one of our ids.
    pub same_names: Agreement,
    /// Whether drift could be told apart (the pages were at hand).
    pub drift_known: bool,
}

/// Compares one service directory with the vendor's definitions.
pub fn compare(options: &Options) -> Result<Comparison, String> {
    let (service, files) = read_service(&options.service_dir)?;
    let vendor::Definitions {
        operations: vendor_ops,
        skipped,
    } = vendor::read_dir(&options.against)?;
    let mut by_key: BTreeMap<(String, String), Vec<&SpecFile<OperationFile>>> = BTreeMap::new();
    for file in &files {
        let key = (file.value.method.as_str().to_owned(), shape(&file.value.uri));
        by_key.entry(key).or_default().push(file);
    }
    let mut comparison = Comparison {
        service,
        vendor_operations: vendor_ops.len(),
        our_operations: files.len(),
        matched: Vec::new(),
        vendor_only: Vec::new(),
        ours_only: Vec::new(),
        skipped_files: skipped
            .iter()
            .map(|(f, why)| (f.display().to_string(), why.clone()))
            .collect(),
        figures: Figures::default(),
        same_names: Agreement::default(),
        drift_known: options.pages.is_some(),
    };
    let mut used = std::collections::BTreeSet::new();
    for vendor_op in &vendor_ops {
        let key = (vendor_op.method.clone(), shape(&vendor_op.path));
        let Some(ours) = by_key.get(&key) else {
            comparison.vendor_only.push(format!(
                "{} {} {}",
                vendor_op.name, vendor_op.method, vendor_op.path
            ));
            continue;
        };
        used.insert(key);
        let matched = compare_operation(vendor_op, ours, options.pages.as_deref());
        comparison.figures.add(&matched.figures);
        comparison.same_names.count(matched.same_name);
        comparison.matched.push(matched);
    }
    for (key, ours) in &by_key {
        if !used.contains(key) {
            comparison.ours_only.extend(
                ours.iter()
                    .map(|f| format!("{} {} {}", f.value.operation, key.0, f.value.uri)),
            );
        }
    }
    Ok(comparison)
}

/// The service id and its operation files, or why they cannot be read.
fn read_service(dir: &Path) -> Result<(String, Vec<SpecFile<OperationFile>>), String> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.join("service.yaml").is_file() {
        return Err(format!(
            "{}: no service.yaml; give a service directory of a spec",
            dir.display()
        ));
    }
    let mut diagnostics = Diagnostics::default();
    let mut services = hwcloud_model::spec::read_dir(parent, &|n: &str| n == name, &mut diagnostics);
    if !diagnostics.is_empty() || services.len() != 1 {
        let first = diagnostics
            .iter()
            .next()
            .map(|d| d.one_line())
            .unwrap_or_default();
        return Err(format!(
            "{}: the spec does not read ({} problem(s)), first: {first}",
            dir.display(),
            diagnostics.len()
        ));
    }
    let service = services.remove(0);
    Ok((service.service.value.service.clone(), service.operations))
}

/// A path's shape: placeholders made alike, any query and trailing `/` left out.
fn shape(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    let path = path.trim_end_matches('/');
    let mut out = String::with_capacity(path.len());
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push_str("{}");
                }
                depth += 1;
            }
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Names a place's members carry that are sent by every request alike and that
/// our spec leaves to the client (authentication, content type).
fn is_common_header(member: &Member) -> bool {
    member.place == Place::Header
        && [
            "x-auth-token",
            "content-type",
            "x-project-id",
            "x-language",
            "x-sdk-date",
            "authorization",
        ]
        .contains(&member.path.to_ascii_lowercase().as_str())
}

fn compare_operation(
    vendor_op: &VendorOperation,
    ours: &[&SpecFile<OperationFile>],
    pages: Option<&Path>,
) -> OperationComparison {
    let mut our_members: Vec<Member> = Vec::new();
    for file in ours {
        for member in ours::members(file) {
            if !our_members
                .iter()
                .any(|m| m.place == member.place && m.path == member.path)
            {
                our_members.push(member);
            }
        }
    }
    let index: HashMap<(Place, &str), &Member> = our_members
        .iter()
        .map(|m| ((m.place, m.path.as_str()), m))
        .collect();
    let page_text = pages.map(|root| page_text(root, ours));
    let first = &ours[0];
    let mut figures = Figures::default();
    let mut disagreements = Vec::new();
    for theirs in vendor_op.members.iter().filter(|m| !is_common_header(m)) {
        figures.tally(theirs.place).vendor += 1;
        let Some(found) = index.get(&(theirs.place, theirs.path.as_str())) else {
            let (kind, at, ours_value) = absent(theirs, &our_members, page_text.as_deref(), first);
            let tally = figures.tally(theirs.place);
            match kind {
                "elsewhere" => tally.elsewhere += 1,
                "drift" => tally.drift += 1,
                _ => tally.missing += 1,
            }
            disagreements.push(Disagreement {
                kind,
                member: theirs.label(),
                at,
                ours: ours_value,
                vendor: format!(
                    "{}{}",
                    theirs.kind.as_str(),
                    if theirs.required == Some(true) {
                        ", required"
                    } else {
                        ""
                    }
                ),
            });
            continue;
        };
        figures.tally(theirs.place).found += 1;
        compare_found(theirs, found, &mut figures, &mut disagreements);
    }
    let snake = vendor_op.name.to_snake_case();
    OperationComparison {
        vendor: vendor_op.name.clone(),
        vendor_file: vendor_op.file.display().to_string(),
        method: vendor_op.method.clone(),
        path: vendor_op.path.clone(),
        ours: ours.iter().map(|f| f.value.operation.clone()).collect(),
        same_name: ours.iter().any(|f| f.value.operation == snake),
        figures,
        disagreements,
    }
}

/// Required flag and scalar type of a member both sides have.
fn compare_found(theirs: &Member, found: &Member, figures: &mut Figures, out: &mut Vec<Disagreement>) {
    let at = found.at.clone().unwrap_or_default();
    if let (Some(theirs_required), Some(our_required)) = (theirs.required, found.required)
        && theirs.place != Place::Path
    {
        figures.required.count(theirs_required == our_required);
        if theirs_required != our_required {
            out.push(Disagreement {
                kind: "required",
                member: theirs.label(),
                at: at.clone(),
                ours: Some(format!("required: {our_required}")),
                vendor: format!("required: {theirs_required}"),
            });
        }
    }
    if theirs.kind.is_scalar() {
        figures.types.count(theirs.kind == found.kind);
        if theirs.kind != found.kind {
            out.push(Disagreement {
                kind: "type",
                member: theirs.label(),
                at,
                ours: Some(found.kind.as_str().to_owned()),
                vendor: theirs.kind.as_str().to_owned(),
            });
        }
    }
}

/// Why a vendor member is not where the vendor has it: drift, found under its
/// name elsewhere, or missing; where our spec would say it.
fn absent(
    theirs: &Member,
    ours: &[Member],
    page_text: Option<&str>,
    first: &SpecFile<OperationFile>,
) -> (&'static str, String, Option<String>) {
    let drift = page_text.is_some_and(|text| !mentions_its_place(text, theirs));
    if !drift
        && let Some(other) = ours
            .iter()
            .find(|m| m.name() == theirs.name() && m.place != Place::Header)
    {
        return (
            "elsewhere",
            other.at.clone().unwrap_or_default(),
            Some(other.label()),
        );
    }
    // Where it would go: under its parent when ours has that, else the file.
    let parent = theirs.path.rsplit_once('.').map(|(parent, _)| parent);
    let at = parent
        .and_then(|p| ours.iter().find(|m| m.place == theirs.place && m.path == p))
        .and_then(|m| m.at.clone())
        .unwrap_or_else(|| format!("{}:1", first.path.display()));
    (if drift { "drift" } else { "missing" }, at, None)
}

/// Whether the pages name the member and every object it nests in, each as a
/// whole name (`marker` is not named by `next_marker`): a field
/// under an object the pages never name (`spec.extensionScaleGroups.metadata`)
/// cannot be documented in its place, so it is drift like its object.
fn mentions_its_place(text: &str, member: &Member) -> bool {
    member.path.split('.').all(|name| names::mentions(text, name))
}

/// The text of every page the operations name as their sources.
fn page_text(root: &Path, ours: &[&SpecFile<OperationFile>]) -> String {
    let mut text = String::new();
    for file in ours {
        for source in &file.value.sources {
            let path = root.join(&source.page);
            if let Ok(page) = hwcloud_model::spec::read_text(&path) {
                text.push_str(&page);
                text.push('\n');
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_by_shape() {
        assert_eq!(shape("/v1.0/{project_id}/jobs/{job_id}"), "/v1.0/{}/jobs/{}");
        assert_eq!(
            shape("/v1.0/{p}/graphs/{g}/action?action_id=x"),
            "/v1.0/{}/graphs/{}/action"
        );
        assert_eq!(shape("/v3/{project_id}/backups/"), "/v3/{}/backups");
    }

    /// The kind and member of each disagreement of the first operation.
    fn kinds(comparison: &Comparison) -> Vec<(&str, &str)> {
        comparison.matched[0]
            .disagreements
            .iter()
            .map(|d| (d.kind, d.member.as_str()))
            .collect()
    }

    /// A service `widgets` with one operation file, one page and one vendor
    /// definition, compared with the pages at hand.
    fn compare_one(operation_yaml: &str, page: &str, definition: &str) -> Comparison {
        let dir = tempfile::tempdir().unwrap();
        let service = dir.path().join("spec/widgets");
        std::fs::create_dir_all(service.join("operations")).unwrap();
        std::fs::write(
            service.join("service.yaml"),
            "service: widgets\nname:\n  en: Widgets\nerror_body:\n- code: error_code\n  message: error_msg\nerror_codes: []\n",
        )
        .unwrap();
        std::fs::write(service.join("operations/list_widgets.yaml"), operation_yaml).unwrap();
        std::fs::create_dir_all(dir.path().join("docs")).unwrap();
        std::fs::write(dir.path().join("docs/list.md"), page).unwrap();
        let defs = dir.path().join("defs");
        std::fs::create_dir_all(&defs).unwrap();
        std::fs::write(defs.join("ListWidgets.json"), definition).unwrap();
        compare(&Options {
            service_dir: service,
            against: defs,
            pages: Some(dir.path().to_owned()),
        })
        .unwrap()
    }

    #[test]
    fn disagreements_are_located_in_our_spec_and_drift_is_told_apart() {
        let comparison = compare_one(
            "operation: list_widgets\ntitle:\n  en: Listing Widgets\nsources:\n- page: docs/list.md\n  lang: en\n\
             method: GET\nuri: /v1/{project_id}/widgets\nparameters:\n- name: project_id\n  in: path\n  required: true\n  type: string\n\
             - name: limit\n  in: query\n  required: true\n  type: string\nresponse:\n  fields:\n  - name: marker\n    type: string\n",
            "limit, marker and offset are documented",
            r#"{"paths": {"/v1/{project_id}/widgets/": {"get": {"operationId": "ListWidgets",
                "parameters": [{"name": "project_id", "in": "path", "type": "string"},
                  {"name": "limit", "in": "query", "type": "integer"},
                  {"name": "marker", "in": "query", "type": "string"},
                  {"name": "offset", "in": "query", "type": "integer"},
                  {"name": "since", "in": "query", "type": "string"}]}}}}"#,
        );
        assert_eq!(comparison.matched.len(), 1);
        let f = &comparison.matched[0].figures;
        assert_eq!(
            f.query,
            Tally {
                vendor: 4,
                found: 1,
                elsewhere: 1,
                missing: 1,
                drift: 1
            }
        );
        assert_eq!(
            f.required,
            Agreement {
                compared: 1,
                agree: 0
            }
        );
        assert_eq!(
            f.types,
            Agreement {
                compared: 2,
                agree: 1
            }
        );
        // `ListWidgets` in snake case is our id.
        assert!(comparison.matched[0].same_name);
        assert_eq!(
            comparison.same_names,
            Agreement {
                compared: 1,
                agree: 1
            }
        );
        let kinds = kinds(&comparison);
        assert_eq!(
            kinds,
            [
                ("required", "query limit"),
                ("type", "query limit"),
                ("elsewhere", "query marker"),
                ("missing", "query offset"),
                ("drift", "query since")
            ]
        );
        // `- name: limit` is line 14 of the operation file.
        let at = &comparison.matched[0].disagreements[0].at;
        assert!(at.ends_with("list_widgets.yaml:14"), "{at}");
        assert!(text(&comparison).contains("query names: 1/4 found in place (25.0%)"));
    }

    #[test]
    fn a_field_under_an_object_the_pages_never_name_is_drift() {
        // The pages document `metadata` at the top of the response; the vendor
        // has it there and again under `groups`, which no page names, and has
        // `data`, which the pages name only within `metadata`.
        let comparison = compare_one(
            "operation: list_widgets\ntitle:\n  en: Listing Widgets\nsources:\n- page: docs/list.md\n  lang: en\n\
             method: GET\nuri: /v1/widgets\nresponse:\n  fields:\n  - name: metadata\n    type: string\n",
            "metadata: the widget's metadata",
            r#"{"paths": {"/v1/widgets": {"get": {"operationId": "ListWidgets", "responses": {"200": {"schema":
                {"type": "object", "properties": {"metadata": {"type": "string"}, "data": {"type": "string"},
                  "groups": {"type": "array", "items": {"type": "object", "properties": {"metadata": {"type": "string"}}}}}}}}}}}}"#,
        );
        let kinds = kinds(&comparison);
        assert_eq!(
            kinds,
            [
                ("drift", "response data"),
                ("drift", "response groups"),
                ("drift", "response groups.metadata")
            ]
        );
    }
}
