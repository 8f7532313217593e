//! How long the stages take on the committed spec: load and validate, build the
//! model, emit and format every service. `cargo bench -p codegen`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

fn stages(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let spec = codegen::spec::load_dir(&dir).expect("valid spec");
    let model = codegen::Model::from_spec(&spec);
    c.bench_function("load and validate spec/", |b| {
        b.iter(|| codegen::spec::load_dir(&dir).unwrap())
    });
    c.bench_function("build model", |b| b.iter(|| codegen::Model::from_spec(&spec)));
    c.bench_function("emit and format all services", |b| {
        b.iter(|| {
            model
                .services
                .iter()
                .map(|s| codegen::emit::service_file(s).unwrap().len())
                .sum::<usize>()
        })
    });
    c.bench_function("whole run (load to formatted text)", |b| {
        b.iter(|| {
            let spec = codegen::spec::load_dir(&dir).unwrap();
            let model = codegen::Model::from_spec(&spec);
            model
                .services
                .iter()
                .map(|s| codegen::emit::service_file(s).unwrap().len())
                .sum::<usize>()
        })
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
