//! Order-keeping parallel map over a slice on scoped threads, one share per core:
//! the spec loader parses files with it and the generator formats operation
//! modules with it. Small enough not to need a thread-pool crate in every build
//! script that generates code.

/// `items.iter().map(f).collect()`, on up to [`std::thread::available_parallelism`]
/// threads, results in the items' order. A panic in `f` resumes on the caller.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let share = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(share)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u32> = (0..1_000).collect();
        assert_eq!(
            super::map(&items, |n| n * 2),
            items.iter().map(|n| n * 2).collect::<Vec<_>>()
        );
        assert_eq!(super::map(&[] as &[u32], |n| *n), Vec::<u32>::new());
    }

    #[test]
    #[should_panic(expected = "item 7")]
    fn a_panic_reaches_the_caller() {
        let items: Vec<u32> = (0..10).collect();
        super::map(&items, |&n| assert_ne!(n, 7, "item {n}"));
    }
}
