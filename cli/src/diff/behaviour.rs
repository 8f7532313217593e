//! Changes to what the generated helpers do: an operation's paginator and a
//! service's waiters.

use hwcloud_model::model::{Operation, PageScheme, Pagination, Service, Waiter};

use super::{Change, Class, OpContext, change};

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
/// same API reads pages differently).
pub(super) fn pagination(cx: &OpContext<'_>, old: &Operation, new: &Operation, out: &mut Vec<Change>) {
    let item = format!("impl Paginated for {}", cx.request);
    match (&old.pagination, &new.pagination) {
        (None, None) => {}
        (None, Some(now)) => {
            let now = paging_summary(new, now);
            cx.push(
                out,
                Class::Additive,
                "paginator added",
                "pagination",
                None,
                Some(&now),
                &item,
            );
        }
        (Some(was), None) => {
            let was = paging_summary(old, was);
            cx.push(
                out,
                Class::Breaking,
                "paginator removed",
                "pagination",
                Some(&was),
                None,
                &item,
            );
        }
        (Some(was), Some(now)) => {
            let (was_text, now_text) = (paging_summary(old, was), paging_summary(new, now));
            if was.item != now.item {
                cx.push(
                    out,
                    Class::Breaking,
                    "paginator item type changed",
                    "pagination.items",
                    Some(&was_text),
                    Some(&now_text),
                    &item,
                );
            } else if was_text != now_text {
                cx.push(
                    out,
                    Class::Documentation,
                    "paging rule changed",
                    "pagination",
                    Some(&was_text),
                    Some(&now_text),
                    &item,
                );
            }
        }
    }
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
pub(super) fn waiters(old: &Service, new: &Service, out: &mut Vec<Change>) {
    let id = new.id.as_str();
    for was in &old.waiters {
        let item = format!("{id}::{}", was.function);
        let was_text = waiter_summary(was);
        match new.waiters.iter().find(|w| w.name == was.name) {
            None => out.push(change(
                Class::Breaking,
                id,
                None,
                "waiter removed",
                "waiters",
                Some(&was_text),
                None,
                &item,
            )),
            Some(now) => {
                let now_text = waiter_summary(now);
                let class = if now.operation != was.operation {
                    Class::Breaking
                } else {
                    Class::Documentation
                };
                if now_text != was_text {
                    out.push(change(
                        class,
                        id,
                        None,
                        "waiter changed",
                        "waiters",
                        Some(&was_text),
                        Some(&now_text),
                        &item,
                    ));
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
        out.push(change(
            Class::Additive,
            id,
            None,
            "waiter added",
            "waiters",
            None,
            Some(&waiter_summary(now)),
            &item,
        ));
    }
}
