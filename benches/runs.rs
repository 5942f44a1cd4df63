//! Creating and approving a month's allowance run for 30 and 10,000 pilots. Approval as the app and
//! `lotsen run approve` do it: the month computed again and compared with the stored draft first.
//! `cargo bench --bench runs` (release build).

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use lotsen::db::demo;
use lotsen::db::Shown;
use lotsen::domain::approval::Approval;
use lotsen::domain::run::Budget;
use lotsen::Store;

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    for n in [30usize, 10_000] {
        let dir = tempfile::tempdir().unwrap();
        let template = dir.path().join("template.sqlite3");
        {
            let mut store = Store::open(&template).unwrap();
            demo::load_many(
                &mut store,
                NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                "Bench",
                n,
            )
            .unwrap();
            let budget = Budget {
                year: 2026,
                amount_cents: 1_000_000_000,
                notice_number: String::new(),
                notice_date: None,
                budget_line: String::new(),
            };
            store.set_budget(&budget, "Bench").unwrap();
        }
        rusqlite::Connection::open(&template)
            .unwrap()
            .pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .unwrap();
        let fresh = || {
            let work = dir.path().join("work.sqlite3");
            for ext in ["sqlite3-wal", "sqlite3-shm"] {
                let _ = std::fs::remove_file(work.with_extension(ext));
            }
            std::fs::copy(&template, &work).unwrap();
            Store::open(&work).unwrap()
        };
        let mut group = c.benchmark_group(format!("{n} pilots"));
        group.sample_size(10);
        group.bench_function("create run", |b| {
            b.iter_batched(
                fresh,
                |mut s| s.create_run("2026-11", today).unwrap(),
                BatchSize::PerIteration,
            )
        });
        group.bench_function("approve run", |b| {
            b.iter_batched(
                || {
                    let mut s = fresh();
                    s.create_run("2026-11", today).unwrap();
                    s
                },
                |mut s| {
                    let done = s.approve("2026-11", Shown::Stored, "Bench", today).unwrap();
                    assert!(matches!(done, Approval::Approved { .. }));
                    done
                },
                BatchSize::PerIteration,
            )
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
