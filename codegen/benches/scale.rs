//! How the generator grows with the spec: the committed `spec/` and synthetic
//! specs of 1,000 and 10,000 operations (`synthetic/`), each generated to
//! formatted files in a child process of its own, so each size's peak memory
//! (`VmHWM`, Linux) is its own. Prints time per operation and the growth from
//! 1k to 10k operations.
//!
//! `cargo bench -p hwcloud-codegen --bench scale`; `-- --quick` runs each size
//! once (CI runs it so the bench cannot rot; its numbers are not asserted).

mod synthetic;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One generation run in this process: `--child <spec> <out>`; prints
/// `<operations> <seconds> <peak KiB>`.
fn child(spec: &Path, out: &Path) {
    let start = Instant::now();
    let generated = hwcloud_codegen::Config::new()
        .out_dir(out)
        .generate(spec)
        .unwrap_or_else(|e| panic!("{e}"));
    let elapsed = start.elapsed();
    let operations: usize = generated.files.iter().map(|f| f.operations).sum();
    println!("{operations} {} {}", elapsed.as_secs_f64(), peak_kib());
}

/// The process's peak resident set (`VmHWM` in `/proc/self/status`), 0 elsewhere.
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

struct Sample {
    operations: usize,
    time: Duration,
    peak_kib: u64,
}

/// Median time and largest peak of `runs` child runs on `spec`.
fn measure(spec: &Path, runs: usize) -> Sample {
    let exe = std::env::current_exe().expect("the bench's own path");
    let mut times = Vec::new();
    let (mut operations, mut peak_kib) = (0, 0);
    for _ in 0..runs {
        // A fresh directory each run: every run writes its files, as a first build does.
        let out = tempfile::tempdir().expect("a temporary directory");
        let output = Command::new(&exe)
            .arg("--child")
            .args([spec, out.path()])
            .output()
            .expect("the bench runs itself");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let line = String::from_utf8_lossy(&output.stdout);
        let fields: Vec<&str> = line.split_whitespace().collect();
        operations = fields[0].parse().expect("operations");
        times.push(Duration::from_secs_f64(fields[1].parse().expect("seconds")));
        peak_kib = peak_kib.max(fields[2].parse().expect("KiB"));
    }
    times.sort();
    Sample {
        operations,
        time: times[times.len() / 2],
        peak_kib,
    }
}

fn report(name: &str, s: &Sample) {
    println!(
        "{name:<28} {:>6} operations  {:>8.3} s  {:>7.1} µs/operation  peak {:>7.1} MiB",
        s.operations,
        s.time.as_secs_f64(),
        s.time.as_secs_f64() * 1e6 / s.operations as f64,
        s.peak_kib as f64 / 1024.0
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        return child(Path::new(&args[i + 1]), Path::new(&args[i + 2]));
    }
    let quick = args.iter().any(|a| a == "--quick");
    let runs = if quick { 1 } else { 5 };
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    report("spec/ (dli, ges, iam)", &measure(&committed, runs));
    let mut samples = Vec::new();
    for operations in [1_000, 10_000] {
        let dir = tempfile::tempdir().expect("a temporary directory");
        synthetic::write(dir.path(), operations).expect("the synthetic spec is written");
        let sample = measure(dir.path(), if operations > 1_000 { runs.min(3) } else { runs });
        report(&format!("synthetic, {operations} operations"), &sample);
        samples.push(sample);
    }
    let (small, large) = (&samples[0], &samples[1]);
    println!(
        "10x operations: {:.2}x time, {:.2}x peak memory",
        large.time.as_secs_f64() / small.time.as_secs_f64(),
        large.peak_kib as f64 / small.peak_kib as f64
    );
}
