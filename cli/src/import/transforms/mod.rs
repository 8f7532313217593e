//! Per-operation transforms, in order, once the passes across pages are done:
//! each changes one draft and says what it did in the draft's findings.

pub mod array_bodies;
mod bare_values;
pub mod constraints;
mod field_values;
mod hand_edits;
mod inferred;
pub mod pagination;
pub mod reconcile;
mod response_headers;
mod rust_names;

use super::draft::Draft;
use super::existing::ExistingSpec;
use super::report::{Finding, Section, Severity};

type Transform = fn(&mut Draft, &ExistingSpec);

/// The transforms, by name, in the order they run on each draft.
pub const TRANSFORMS: &[(&str, Transform)] = &[
    // First: the examples are compared with the bodies as they read.
    ("read bare values", read_bare_values),
    ("read array bodies", read_array_bodies),
    ("mark examples of one field's value", mark_field_values),
    ("reconcile examples with tables", reconcile_examples),
    ("fit constraints to types", fit_constraints),
    ("repair rust names", repair_rust_names),
    ("fit response headers", fit_response_headers),
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

fn read_bare_values(draft: &mut Draft, _: &ExistingSpec) {
    for outcome in bare_values::read_bare_values(&mut draft.operation) {
        draft.findings.push(match outcome {
            bare_values::Outcome::Scalar { object, ty } => Finding::at(
                Section::Response,
                Severity::Info,
                "bare-value-table",
                0,
                format!("table `{object}` has one row without a name: it is a bare `{ty}`, and its fields take that type"),
            ),
            bare_values::Outcome::TextBody => Finding::at(
                Section::Response,
                Severity::Info,
                "text-body",
                0,
                "the response body is documented as a bare string (one row without a name): it is text, read as `text/plain` bytes",
            ),
            bare_values::Outcome::BareBody { request, ty } => Finding::at(
                if request { Section::Request } else { Section::Response },
                Severity::Warning,
                "bare-body",
                0,
                format!(
                    "the {} body is documented as a bare `{ty}` (one row without a name), not a JSON object; \
                     the spec has no such bodies yet, so it has no fields",
                    if request { "request" } else { "response" }
                ),
            ),
        });
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
            array_bodies::Outcome::RequestArray(rows) => Finding::at(
                Section::Request,
                Severity::Info,
                "array-body",
                0,
                format!("the request table's {rows} row(s) stand for the elements: the body is an array of them"),
            ),
            array_bodies::Outcome::ScalarRequestArray => Finding::at(
                Section::Request,
                Severity::Warning,
                "array-request-body",
                0,
                "the request body is a JSON array of scalars (its one row stands for the elements); the spec has \
                 no such bodies yet, so the row is kept as a field",
            ),
        });
    }
}

fn mark_field_values(draft: &mut Draft, _: &ExistingSpec) {
    for marked in field_values::mark_field_values(&mut draft.operation) {
        draft.findings.push(Finding::at(
            Section::Example,
            Severity::Info,
            "field-value-example",
            0,
            marked,
        ));
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

fn repair_rust_names(draft: &mut Draft, _: &ExistingSpec) {
    let repaired = rust_names::repair_rust_names(&mut draft.operation);
    for (row, kept, place) in repaired.spellings {
        draft.findings.push(Finding::at(
            Section::Parameters,
            Severity::Info,
            "same-name-spelled-twice",
            0,
            format!("row `{row}` of {place} spells `{kept}` another way: one field, `{kept}`, whose note names `{row}`"),
        ));
    }
    for left_out in repaired.left_out {
        // A row that only says "and so on" loses nothing.
        let (severity, also) = if left_out.and_so_on {
            (Severity::Info, "; it says only \"and so on\"")
        } else {
            (Severity::Warning, "")
        };
        draft.findings.push(Finding::at(
            Section::Parameters,
            severity,
            "row-left-out",
            0,
            format!(
                "row `{}` of {} is left out: {}{also}",
                left_out.row, left_out.place, left_out.why
            ),
        ));
    }
}

fn fit_response_headers(draft: &mut Draft, _: &ExistingSpec) {
    for outcome in response_headers::fit_response_headers(&mut draft.operation) {
        draft.findings.push(match outcome {
            response_headers::Outcome::AsText { header, documented } => Finding::at(
                Section::Response,
                Severity::Info,
                "header-as-text",
                0,
                format!(
                    "response header `{header}` is documented as `{documented}`; a header travels as text"
                ),
            ),
        });
    }
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
