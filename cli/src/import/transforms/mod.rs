//! Per-operation transforms, in order, once the passes across pages are done:
//! each changes one draft and says what it did in the draft's findings.

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
