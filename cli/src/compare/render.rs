//! The comparison as text: the service's figures first, then each matched
//! operation with its disagreements, then what only one side has.

use std::fmt::Write;

use super::{Agreement, Comparison, Figures, OperationComparison, Tally};

/// A share in percent, `-` of nothing.
fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".to_owned()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

/// `query names: 120/130 found (92.3%); of the names the pages mention 120/128 (93.8%); 3 elsewhere, 5 missing, 2 drift`
fn tally_line(label: &str, tally: &Tally, drift_known: bool) -> String {
    let mut line = format!(
        "{label}: {}/{} found in place ({})",
        tally.found,
        tally.vendor,
        percent(tally.found, tally.vendor)
    );
    if drift_known {
        let mentioned = tally.vendor - tally.drift;
        let _ = write!(
            line,
            "; of the names the pages mention {}/{mentioned} ({})",
            tally.found,
            percent(tally.found, mentioned)
        );
    }
    let _ = write!(line, "; {} elsewhere, {} missing", tally.elsewhere, tally.missing);
    if drift_known {
        let _ = write!(line, ", {} drift", tally.drift);
    }
    line
}

fn agreement_line(label: &str, agreement: Agreement) -> String {
    format!(
        "{label}: {}/{} agree ({})",
        agreement.agree,
        agreement.compared,
        percent(agreement.agree, agreement.compared)
    )
}

fn figures(out: &mut String, figures: &Figures, drift_known: bool, indent: &str) {
    for (label, tally) in [
        ("query names", &figures.query),
        ("body names", &figures.body),
        ("response names", &figures.response),
        ("path names", &figures.path),
        ("header names", &figures.header),
    ] {
        if tally.vendor > 0 {
            let _ = writeln!(out, "{indent}{}", tally_line(label, tally, drift_known));
        }
    }
    let _ = writeln!(
        out,
        "{indent}{}",
        agreement_line("required flags", figures.required)
    );
    let _ = writeln!(out, "{indent}{}", agreement_line("scalar types", figures.types));
}

fn operation(out: &mut String, op: &OperationComparison) {
    let f = &op.figures;
    let found = f.query.found + f.body.found + f.response.found + f.path.found + f.header.found;
    let all = f.query.vendor + f.body.vendor + f.response.vendor + f.path.vendor + f.header.vendor;
    let _ = writeln!(
        out,
        "{} {} {} = {}: {found}/{all} names in place{}",
        op.vendor,
        op.method,
        op.path,
        op.ours.join(", "),
        if op.same_name {
            ""
        } else {
            " (our id differs from the vendor's name)"
        }
    );
    for d in &op.disagreements {
        let ours = d
            .ours
            .as_deref()
            .map(|o| format!(" ours: {o};"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}: {} {}:{ours} vendor: {}",
            d.at, d.kind, d.member, d.vendor
        );
    }
}

/// The comparison as text.
pub fn text(comparison: &Comparison) -> String {
    let mut out = String::new();
    let c = comparison;
    let _ = writeln!(
        out,
        "{}: {} of {} vendor operations matched by method and path ({} of ours; {} ours only, {} vendor only)",
        c.service,
        c.matched.len(),
        c.vendor_operations,
        c.our_operations,
        c.ours_only.len(),
        c.vendor_only.len()
    );
    figures(&mut out, &c.figures, c.drift_known, "  ");
    let _ = writeln!(
        out,
        "  {}",
        agreement_line(
            "operation names (ours = the vendor's in snake case)",
            c.same_names
        )
    );
    if !c.drift_known {
        let _ = writeln!(
            out,
            "  (no --pages: names the pages never mention are counted as missing, not as drift)"
        );
    }
    out.push('\n');
    for op in &c.matched {
        operation(&mut out, op);
    }
    for (title, list) in [
        ("only in the vendor's definitions", &c.vendor_only),
        ("only in our spec", &c.ours_only),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "\n{} operation(s) {title}:", list.len());
            for line in list {
                let _ = writeln!(out, "  {line}");
            }
        }
    }
    if !c.skipped_files.is_empty() {
        let _ = writeln!(out, "\n{} definition file(s) skipped:", c.skipped_files.len());
        for (file, why) in &c.skipped_files {
            let _ = writeln!(out, "  {file}: {why}");
        }
    }
    out
}
