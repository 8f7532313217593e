//! Pages of one operation become one draft. Pages share an operation when they
//! share service, method, URI (placeholders by position) and API version; each
//! group becomes one operation under its first page's id. Within one folder the
//! page with the best [`Standing`] shapes it and older pages only fill texts;
//! across folders (zh, en) pages merge as peers. Pages of one folder and
//! standing whose request bodies differ are [`variants`]: each stays an
//! operation, and another folder's pages join the variant most like them.

use std::collections::BTreeSet;

use super::Context;
use super::merge;
use super::navigation::{Navigations, Standing};
use super::variants;
use crate::import::draft::Draft;
use crate::import::report::{Finding, Severity};
use hwcloud_model::spec::schema::OperationFile;

/// Pages of one operation share service, method, URI (placeholders by position)
/// and API version; each group becomes one operation under its first page's id.
/// Within one folder the page with the best [`Standing`] shapes it and older
/// pages only fill texts; across folders (zh, en) pages merge as peers. Pages of
/// one folder and standing whose request bodies differ are [`variants`]: each
/// stays an operation, and another folder's pages join the variant most like them.
pub fn run(drafts: &mut Vec<Draft>, context: &Context) {
    let navigation = context.navigation;
    // Groups in the order of their first page; each key computed once.
    let mut groups: Vec<Vec<Draft>> = Vec::new();
    let mut group_of: std::collections::BTreeMap<crate::import::draft::OperationKey, usize> =
        std::collections::BTreeMap::new();
    for page in std::mem::take(drafts) {
        let at = *group_of.entry(page.key()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[at].push(page);
    }
    for group in groups {
        drafts.extend(merge_group(group, navigation));
    }
}

/// One group's drafts: one per variant, every other page folded into one.
fn merge_group(group: Vec<Draft>, navigation: &Navigations) -> Vec<Draft> {
    let mut bases: Vec<Draft> = Vec::new();
    let mut roots: Vec<String> = group.iter().map(|p| p.origin.root.clone()).collect();
    roots.dedup();
    let mut group = group;
    for root in roots {
        let (folder, rest): (Vec<Draft>, Vec<Draft>) = group.into_iter().partition(|p| p.origin.root == root);
        group = rest;
        join_folder(&mut bases, folder_variants(folder, navigation));
    }
    if bases.len() > 1 {
        let mut operations: Vec<&mut OperationFile> = bases.iter_mut().map(|b| &mut b.operation).collect();
        variants::name(&mut operations);
        let routes = bases.len();
        for base in &mut bases {
            let variant = base.operation.variant.as_deref().unwrap_or("the plain form");
            let finding = Finding::new(
                Severity::Info,
                "variant",
                0,
                format!(
                    "{routes} pages document this method and URI with different request bodies or titles; \
                     each is an operation, this one `{variant}`"
                ),
            );
            base.findings.push(finding);
        }
    }
    bases
}

/// One folder's pages of one variant: the page that shapes it, and what each
/// page folded into it said (by source).
/// (A draft carries the pages folded into it.)
type Cluster = Draft;

/// One folder's pages of a route, folded: older revisions fill the texts of the
/// page most like them, equal pages merge, and pages whose request bodies
/// differ stay apart as variants.
fn folder_variants(mut folder: Vec<Draft>, navigation: &Navigations) -> Vec<Cluster> {
    folder.sort_by_key(|p| std::cmp::Reverse(Standing::of(p, navigation)));
    let mut clusters: Vec<Cluster> = Vec::new();
    for page in folder {
        let standing = Standing::of(&page, navigation);
        let same = clusters
            .iter()
            .position(|head| !variants::are_variants(&head.operation, &page.operation));
        let older_than = |head: &Draft| standing < Standing::of(head, navigation);
        let target = same.or_else(|| {
            // An older revision of a variant fills the texts of the one most like it.
            clusters
                .iter()
                .enumerate()
                .filter(|(_, head)| older_than(head))
                .max_by(|a, b| {
                    let like = |h: &Draft| variants::alike(&h.operation, &page.operation);
                    let (x, y) = (like(a.1), like(b.1));
                    x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1))
                })
                .map(|(at, _)| at)
        });
        match target {
            Some(at) => {
                let head = &mut clusters[at];
                let head_standing = Standing::of(head, navigation);
                if standing < head_standing {
                    let reason = head_standing.reason_over(standing);
                    absorb(head, page, |head, old| supersede(head, old, reason));
                } else {
                    absorb(head, page, merge_peer);
                }
            }
            None => clusters.push(page),
        }
    }
    clusters
}

/// Joins one folder's variants to those of the folders before it: each to the
/// unpaired one most like it, or as a variant of its own.
fn join_folder(bases: &mut Vec<Draft>, clusters: Vec<Cluster>) {
    let single = bases.len() == 1 && clusters.len() == 1;
    let mut paired: BTreeSet<usize> = BTreeSet::new();
    for head in clusters {
        let best = (0..bases.len())
            .filter(|at| !paired.contains(at))
            .map(|at| (at, variants::alike(&bases[at].operation, &head.operation)))
            .filter(|&(_, like)| single || like.0 > 0.0)
            .max_by(|a, b| {
                let (x, y) = (a.1, b.1);
                x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)).then(b.0.cmp(&a.0))
            })
            .map(|(at, _)| at);
        let at = match best {
            Some(at) => {
                absorb(&mut bases[at], head, merge_peer);
                at
            }
            None => {
                bases.push(head);
                bases.len() - 1
            }
        };
        paired.insert(at);
    }
}

/// Merges `page`'s operation into `head` as `merge` says, and folds the page
/// (and the pages folded into it) into `head` with what the merge said.
fn absorb(head: &mut Draft, page: Draft, merge: impl FnOnce(&mut Draft, OperationFile) -> Vec<Finding>) {
    let (operation, folded, earlier) = page.into_folded();
    let findings = merge(head, operation);
    head.fold(folded, findings);
    head.folded.extend(earlier);
}

/// Merges an equally current page: disagreements are warnings, unless the page
/// is of another cloud than every page merged so far, where they are what sets
/// the clouds apart (info; the fields each cloud documents are marked).
fn merge_peer(base: &mut Draft, other: OperationFile) -> Vec<Finding> {
    let other_cloud =
        !other.clouds.is_empty() && other.clouds.iter().all(|c| !base.operation.clouds.contains(c));
    let across = other_cloud && !base.operation.clouds.is_empty();
    let (severity, code) = if across {
        (Severity::Info, "cloud-difference")
    } else {
        (Severity::Warning, "merge-conflict")
    };
    let mut findings = vec![Finding::new(
        Severity::Info,
        "merged",
        0,
        format!(
            "documents the same operation as {}; merged into it",
            base.origin.source
        ),
    )];
    let conflicts = merge::merge(&mut base.operation, other, merge::Mode::Peer);
    findings.extend(conflicts.into_iter().map(|c| Finding::new(severity, code, 0, c)));
    findings
}

/// Merges a page an earlier revision left behind: what it says differently is listed.
fn supersede(base: &mut Draft, old: OperationFile, reason: &str) -> Vec<Finding> {
    let differences = merge::merge(&mut base.operation, old, merge::Mode::Superseded);
    let mut findings = vec![Finding::new(
        Severity::Info,
        "superseded",
        0,
        format!(
            "an older page of the operation {}: {reason}; it fills texts only ({} differences)",
            base.origin.source,
            differences.len()
        ),
    )];
    findings.extend(
        differences
            .into_iter()
            .map(|d| Finding::new(Severity::Info, "superseded", 0, format!("differs: {d}"))),
    );
    findings
}
