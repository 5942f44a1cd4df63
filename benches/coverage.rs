//! Coverage on a day and its 24-month history with outlook, the due list and the pilot list, for 30
//! and 10,000 pilots.
//! `cargo bench --bench coverage` (release build).

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use lotsen::db::demo;
use lotsen::{PilotQuery, Store};

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    for n in [30usize, 10_000] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("bench.sqlite3")).unwrap();
        demo::load_many(&mut store, today, "Bench", n).unwrap();
        let mut group = c.benchmark_group(format!("{n} pilots"));
        group.sample_size(10);
        group.bench_function("coverage today", |b| {
            b.iter(|| store.coverage(today).unwrap())
        });
        group.bench_function("coverage + 24-month history + outlook", |b| {
            b.iter(|| {
                (
                    store.coverage(today).unwrap(),
                    store.coverage_history(today).unwrap(),
                )
            })
        });
        group.bench_function("due list", |b| b.iter(|| store.due_list(today).unwrap()));
        // The register list as the app shows it, and with today's eligibility as `pilots list --json`.
        group.bench_function("pilot list", |b| {
            b.iter(|| store.list_pilots(&PilotQuery::default()).unwrap())
        });
        group.bench_function("pilot list + eligibility", |b| {
            b.iter(|| {
                (
                    store.list_pilots(&PilotQuery::default()).unwrap(),
                    store.eligibility(today).unwrap(),
                )
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
