//! Changes to what the generated helpers do: an operation's paginator and a
//! service's waiters.

use hwcloud_model::model::{Operation, PageScheme, Pagination, Service, Waiter};

use super::{At, Changes, Class};

/// One line that says how an operation pages.
fn paging_summary(op: &Operation, paging: &Pagination) -> String {
    let scheme = match &paging.scheme {
        PageScheme::Offset => "offset".to_owned(),
        PageScheme::Page { first } => format!("page from {first}"),
        PageScheme::Marker { next: Some(next), .. } => format!("marker from `{}`", next.dotted),
        PageScheme::Marker { key, .. } => format!(
            "marker from the last item's `{}`",
            key.as_ref().map_or("id", |k| k.dotted.as_str())
        ),
    };
    let size = paging
        .page_size
        .map(|i| format!(", size `{}`", op.params[i].wire))
        .unwrap_or_default();
    let total = paging
        .total
        .as_ref()
        .map(|t| format!(", total `{}`", t.dotted))
        .unwrap_or_default();
    format!(
        "{scheme} by `{}`{size}, items `{}`{total}",
        op.params[paging.parameter].wire, paging.items.dotted
    )
}

/// The paginator: gained (additive), lost (breaking: `Paginated` is gone),
/// a different item type (breaking), or other rules (documentation: the
/// same API reads pages differently). `request` is the paginated request type.
pub(super) fn pagination(changes: &mut Changes<'_>, request: &str, old: &Operation, new: &Operation) {
    let summary = |op: &Operation| op.pagination.as_ref().map(|p| paging_summary(op, p));
    let (was, now) = (summary(old), summary(new));
    let (class, what, path) = match (&old.pagination, &new.pagination) {
        (None, None) => return,
        (None, Some(_)) => (Class::Additive, "paginator added", "pagination"),
        (Some(_), None) => (Class::Breaking, "paginator removed", "pagination"),
        (Some(a), Some(b)) if a.item != b.item => {
            (Class::Breaking, "paginator item type changed", "pagination.items")
        }
        (Some(_), Some(_)) if was != now => (Class::Documentation, "paging rule changed", "pagination"),
        (Some(_), Some(_)) => return,
    };
    let item = format!("impl Paginated for {request}");
    changes.push(class, what, At::new(path, &item), was.as_deref(), now.as_deref());
}

fn waiter_summary(waiter: &Waiter) -> String {
    format!(
        "{} `{}`: success {:?}, failure {:?}, retry {:?}; {}-{} s, timeout {} s",
        waiter.operation,
        waiter.field.dotted,
        waiter.success,
        waiter.failure,
        waiter.retry,
        waiter.delay,
        waiter.max_delay,
        waiter.timeout
    )
}

/// Waiters: added (additive), removed or polling another operation (breaking:
/// the function or its argument type goes), other rules (documentation).
pub(super) fn waiters(old: &Service, new: &Service, changes: &mut Changes<'_>) {
    let id = new.id.as_str();
    for was in &old.waiters {
        let item = format!("{id}::{}", was.function);
        let at = At::new("waiters", &item);
        let was_text = waiter_summary(was);
        match new.waiters.iter().find(|w| w.name == was.name) {
            None => changes.push(Class::Breaking, "waiter removed", at, Some(&was_text), None),
            Some(now) => {
                let now_text = waiter_summary(now);
                let class = if now.operation != was.operation {
                    Class::Breaking
                } else {
                    Class::Documentation
                };
                if now_text != was_text {
                    changes.push(class, "waiter changed", at, Some(&was_text), Some(&now_text));
                }
            }
        }
    }
    for now in new
        .waiters
        .iter()
        .filter(|n| !old.waiters.iter().any(|w| w.name == n.name))
    {
        let item = format!("{id}::{}", now.function);
        let summary = waiter_summary(now);
        changes.push(
            Class::Additive,
            "waiter added",
            At::new("waiters", &item),
            None,
            Some(&summary),
        );
    }
}
