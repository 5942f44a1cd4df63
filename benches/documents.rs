//! A month's documents (issue 16) for the demo with 30 and 1,000 pilots: the combined PDF (payment
//! list and every statement), each statement alone and the payment list alone, made by the same
//! use case as `lotsen statements` and written into a temporary folder: a new one, and over the files of the
//! print before.
//! `cargo bench --bench documents` (release build); the whole process: benches/documents.py.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use lotsen::db::demo;
use lotsen::Store;

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    for n in [30usize, 1_000] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("demo.sqlite3")).unwrap();
        demo::load_full(&mut store, today, "Bench", n).unwrap();
        store.create_run("2026-11", today).unwrap();
        store.approve_run("2026-11", "Bench", today).unwrap();
        let out = dir.path().join("out");
        let print = || {
            let docs = store.run_documents("2026-11", today).unwrap();
            let write = |name: &str, bytes: &[u8]| {
                lotsen::documents::write_file(&out.join(name), bytes).unwrap()
            };
            write(&docs.combined_file_name(), &docs.combined);
            write(&docs.payment_list_file_name(), &docs.payment_list);
            for (name, bytes) in &docs.statements {
                write(name, bytes);
            }
        };
        let mut group = c.benchmark_group(format!("documents {n} pilots"));
        group.sample_size(10);
        // A month printed for the first time: the folder emptied before each (untimed).
        group.bench_function("statements 2026-11, new folder", |b| {
            b.iter_batched(
                || {
                    let _ = std::fs::remove_dir_all(&out);
                    std::fs::create_dir_all(&out).unwrap();
                },
                |()| print(),
                criterion::BatchSize::PerIteration,
            )
        });
        // Printed again: every file replaced (on ext4 each replaced file is flushed before the rename).
        group.bench_function("statements 2026-11, files replaced", |b| b.iter(print));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
