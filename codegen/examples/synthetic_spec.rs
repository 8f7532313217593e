//! Writes a synthetic spec of N operations (copies of `spec/dli`'s pages), the
//! input of the scale benchmark (`cargo bench -p hwcloud-codegen --bench scale`):
//!
//! ```text
//! cargo run -p hwcloud-codegen --example synthetic_spec -- 10000 /tmp/synthetic
//! cargo run -p hwcloud-codegen-cli -- generate --spec /tmp/synthetic --out /tmp/out
//! ```

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(count), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: synthetic_spec <operations> <out-dir>");
        std::process::exit(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("error: `{count}` is not a number of operations");
        std::process::exit(2);
    };
    match synthetic::write(std::path::Path::new(&out), count) {
        Ok(n) => println!(
            "{n} operations written to {out}/synth (copies of {})",
            synthetic::source().display()
        ),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
