//! The diff as Markdown (a pull-request comment), plain text, or JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Change, Class, Diff};

fn summary(diff: &Diff) -> String {
    format!(
        "{} breaking, {} additive, {} documentation-only change(s); semver: {}",
        diff.count(Class::Breaking),
        diff.count(Class::Additive),
        diff.count(Class::Documentation),
        diff.semver()
    )
}

/// Changes grouped by `service` / `service.operation`, breaking first within each.
fn groups(diff: &Diff) -> BTreeMap<String, Vec<&Change>> {
    let mut groups: BTreeMap<String, Vec<&Change>> = BTreeMap::new();
    for change in &diff.changes {
        let key = match &change.operation {
            Some(op) => format!("{}.{op}", change.service),
            None => change.service.clone(),
        };
        groups.entry(key).or_default().push(change);
    }
    for changes in groups.values_mut() {
        changes.sort_by_key(|c| c.class);
    }
    groups
}

/// Keeps a table cell on one line and bounded, and `|` from splitting it.
fn cell(text: Option<&str>) -> String {
    let Some(text) = text else { return "–".into() };
    let flat: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|");
    let mut short: String = flat.chars().take(80).collect();
    if flat.chars().count() > 80 {
        short.push('…');
    }
    format!("`{}`", short.replace('`', "'"))
}

pub fn markdown(diff: &Diff) -> String {
    let mut out = String::new();
    let icon = match diff.worst() {
        Some(Class::Breaking) => "🔴",
        Some(Class::Additive) => "🟢",
        Some(Class::Documentation) => "📝",
        None => "✅",
    };
    let _ = writeln!(out, "### {icon} Spec diff: {}\n", summary(diff));
    if diff.changes.is_empty() {
        let _ = writeln!(out, "No change to the generated API or its documentation.");
        return out;
    }
    for (group, changes) in groups(diff) {
        let _ = writeln!(out, "#### `{group}`\n");
        let _ = writeln!(out, "| class | change | field | old | new | Rust item |");
        let _ = writeln!(out, "|---|---|---|---|---|---|");
        for c in changes {
            let _ = writeln!(
                out,
                "| {} | {} | `{}` | {} | {} | `{}` |",
                c.class.label(),
                c.what,
                c.path,
                cell(c.old.as_deref()),
                cell(c.new.as_deref()),
                c.rust_item
            );
        }
        out.push('\n');
    }
    out
}

pub fn text(diff: &Diff) -> String {
    let mut out = String::new();
    for (group, changes) in groups(diff) {
        let _ = writeln!(out, "{group}");
        for c in changes {
            let _ = writeln!(
                out,
                "  {:<13} {}: {} ({} -> {}) [{}]",
                c.class.label(),
                c.path,
                c.what,
                c.old
                    .as_deref()
                    .map(|t| cell(Some(t)))
                    .unwrap_or_else(|| "-".into()),
                c.new
                    .as_deref()
                    .map(|t| cell(Some(t)))
                    .unwrap_or_else(|| "-".into()),
                c.rust_item
            );
        }
    }
    let _ = writeln!(out, "{}", summary(diff));
    out
}

pub fn json(diff: &Diff) -> String {
    #[derive(serde::Serialize)]
    struct Report<'a> {
        breaking: usize,
        additive: usize,
        documentation: usize,
        semver: &'a str,
        changes: &'a [Change],
    }
    serde_json::to_string_pretty(&Report {
        breaking: diff.count(Class::Breaking),
        additive: diff.count(Class::Additive),
        documentation: diff.count(Class::Documentation),
        semver: diff.semver(),
        changes: &diff.changes,
    })
    .expect("the diff serializes")
}
