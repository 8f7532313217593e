//! Per-operation transforms, in order, once the passes across pages are done:
//! each changes one draft and says what it did in the draft's findings.

pub mod array_bodies;
pub mod constraints;
mod hand_edits;
pub mod pagination;
pub mod reconcile;

use super::draft::Draft;
use super::existing::ExistingSpec;
use super::report::{Finding, Section, Severity};

type Transform = fn(&mut Draft, &ExistingSpec);

/// The transforms, by name, in the order they run on each draft.
pub const TRANSFORMS: &[(&str, Transform)] = &[
    // First: the examples are compared with the body as an array.
    ("read array bodies", read_array_bodies),
    ("reconcile examples with tables", reconcile_examples),
    ("fit constraints to types", fit_constraints),
    ("detect pagination", detect_pagination),
    // Last: hand edits stand over what the pages and examples say.
    ("keep hand edits", keep_hand_edits),
];

/// Runs every transform on every draft.
pub fn run(drafts: &mut [Draft], existing: &ExistingSpec) {
    for draft in drafts {
        for (_, transform) in TRANSFORMS {
            transform(draft, existing);
        }
    }
}

fn read_array_bodies(draft: &mut Draft, _: &ExistingSpec) {
    for outcome in array_bodies::read_array_bodies(&mut draft.operation) {
        draft.findings.push(match outcome {
            array_bodies::Outcome::Array(rows) => Finding::at(
                Section::Response,
                Severity::Info,
                "array-body",
                0,
                format!("the response table's {rows} row(s) stand for the elements: the body is an array of them"),
            ),
            array_bodies::Outcome::RequestArray => Finding::at(
                Section::Request,
                Severity::Warning,
                "array-request-body",
                0,
                "the request body is a JSON array (its one row stands for the elements); the spec has no array \
                 request bodies yet, so the row is kept as a field",
            ),
        });
    }
}

fn reconcile_examples(draft: &mut Draft, _: &ExistingSpec) {
    let reconciled = reconcile::reconcile(&mut draft.operation);
    let example = |severity, code, message| Finding::at(Section::Example, severity, code, 0, message);
    draft.findings.extend(
        reconciled
            .changes
            .into_iter()
            .map(|c| example(Severity::Info, "example-contradicts-table", c)),
    );
    draft.findings.extend(
        reconciled
            .unsupported
            .into_iter()
            .map(|c| example(Severity::Warning, "unsupported-example", c)),
    );
}

fn fit_constraints(draft: &mut Draft, _: &ExistingSpec) {
    constraints::fit_operation(&mut draft.operation);
}

fn detect_pagination(draft: &mut Draft, _: &ExistingSpec) {
    match pagination::detect(&draft.operation) {
        pagination::Detected::Paginated(found) => draft.operation.pagination = Some(found),
        pagination::Detected::Unreadable(why) => draft.findings.push(Finding::at(
            Section::Parameters,
            Severity::Info,
            "pagination-unreadable",
            0,
            why,
        )),
        pagination::Detected::NotAList => {}
    }
}

fn keep_hand_edits(draft: &mut Draft, existing: &ExistingSpec) {
    let Some((_, before)) = existing.get(&draft.key()) else {
        return;
    };
    let kept = hand_edits::keep_hand_edits(&mut draft.operation, before);
    draft.findings.extend(kept.into_iter().map(|kept| match kept {
        hand_edits::Kept::Added(m) => Finding::new(Severity::Info, "hand-edit-kept", 0, m),
        hand_edits::Kept::Contradicted(m) => Finding::new(Severity::Warning, "hand-edit-conflict", 0, m),
    }));
}
