//! How long the stages take on the committed spec: load and validate into the
//! model, validate into an outline (what generation does first), and the
//! whole run to formatted files. `cargo bench -p hwcloud-codegen`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

fn stages(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let out = tempfile::tempdir().expect("a temporary directory");
    c.bench_function("load and validate spec/ into the model", |b| {
        b.iter(|| hwcloud_model::load(&dir).unwrap())
    });
    c.bench_function("validate spec/ into an outline", |b| {
        b.iter(|| hwcloud_model::outline(&dir, |_| true).unwrap())
    });
    c.bench_function("whole run (outline, then read and format each batch)", |b| {
        b.iter(|| {
            hwcloud_codegen::Config::new()
                .out_dir(out.path())
                .generate(&dir)
                .unwrap()
        })
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
