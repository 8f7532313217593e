//! Order-keeping parallel map over a slice on scoped threads, one share per core:
//! the spec loader parses and resolves operations with it and the generator
//! formats operation modules with it. Small enough not to need a thread-pool
//! crate in every build script that generates code.

/// `items.iter().map(f).collect()`, on as many threads as the machine (and, in
/// a build script, cargo's `NUM_JOBS`) allows, results in the items' order. A
/// panic in `f` resumes on the caller.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_on(threads(), items, f)
}

/// The cores to use: the machine's, or fewer when cargo runs a build script
/// with fewer jobs, so a build does not oversubscribe the machine.
fn threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let jobs = std::env::var("NUM_JOBS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok());
    jobs.map_or(cores, |jobs| cores.min(jobs.max(1)))
}

fn map_on<T: Sync, R: Send>(threads: usize, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads.min(items.len());
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
    fn results_keep_the_order_of_the_items_on_any_number_of_threads() {
        let items: Vec<u32> = (0..1_000).collect();
        let doubled: Vec<u32> = items.iter().map(|n| n * 2).collect();
        for threads in [1, 2, 3, 7, 2_000] {
            assert_eq!(
                super::map_on(threads, &items, |n| n * 2),
                doubled,
                "{threads} threads"
            );
        }
        assert_eq!(super::map(&items, |n| n * 2), doubled);
        assert_eq!(super::map_on(4, &[] as &[u32], |n| *n), Vec::<u32>::new());
    }

    #[test]
    #[should_panic(expected = "item 7")]
    fn a_panic_on_a_worker_reaches_the_caller() {
        let items: Vec<u32> = (0..10).collect();
        super::map_on(4, &items, |&n| assert_ne!(n, 7, "item {n}"));
    }
}
