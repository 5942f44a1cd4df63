//! Crash safety: the `lotsen` process is killed (SIGKILL) at random points while it approves a run
//! and while it imports a list, 200 times each. After every kill the database passes the integrity
//! check and is exactly in the state before or after the operation, never in between.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use lotsen::db::demo;
use lotsen::domain::run::{Budget, RunState};
use lotsen::Store;

const KILLS: usize = 200;
const PILOTS: usize = 300;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

/// A small deterministic random source (no extra dependency).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

fn lotsen(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lotsen"));
    c.arg("--db")
        .arg(db)
        .args(["--today", "2026-12-02"])
        .args(args);
    c.env_remove("LOTSEN_DB")
        .env_remove("LOTSEN_TODAY")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn copy_db(from: &Path, to: &Path) {
    let _ = std::fs::remove_file(to.with_extension("sqlite3-wal"));
    let _ = std::fs::remove_file(to.with_extension("sqlite3-shm"));
    std::fs::copy(from, to).unwrap();
}

/// Runs the command `KILLS` times on a fresh copy, killing it after a random delay up to about the
/// time the whole operation takes; `check` inspects the database after each kill.
fn kill_repeatedly(
    template: &Path,
    work: &Path,
    args: &[&str],
    seed: u64,
    check: impl Fn(&Store) -> &'static str,
) -> (usize, usize) {
    // How long the operation takes when left alone.
    copy_db(template, work);
    let t = Instant::now();
    assert!(
        lotsen(work, args).status().unwrap().success(),
        "{args:?} works when not killed"
    );
    let full = t.elapsed().as_micros() as u64;
    let mut rng = Lcg(seed);
    let (mut before, mut after) = (0, 0);
    for _ in 0..KILLS {
        copy_db(template, work);
        let mut child = lotsen(work, args).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.next(full + full / 5)));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let store = Store::open(work).expect("database opens after a kill");
        assert!(
            store.integrity_problems().unwrap().is_empty(),
            "integrity after kill"
        );
        match check(&store) {
            "before" => before += 1,
            "after" => after += 1,
            other => panic!("in between: {other}"),
        }
    }
    (before, after)
}

#[test]
fn killed_during_approval_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.sqlite3");
    {
        let mut store = Store::open(&template).unwrap();
        demo::load_many(
            &mut store,
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            "T",
            PILOTS,
        )
        .unwrap();
        store
            .set_budget(
                &Budget {
                    year: 2026,
                    amount_cents: 1_000_000_000,
                    notice_number: String::new(),
                    notice_date: None,
                    budget_line: String::new(),
                },
                "T",
            )
            .unwrap();
        store.create_run("2026-11", today()).unwrap();
    }
    // Fold the WAL into the file so a plain copy is the whole database.
    rusqlite::Connection::open(&template)
        .unwrap()
        .pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    let work = dir.path().join("work.sqlite3");
    let lines = Store::open(&template)
        .unwrap()
        .run("2026-11")
        .unwrap()
        .lines
        .len();

    let (before, after) =
        kill_repeatedly(&template, &work, &["run", "approve", "2026-11"], 7, |s| {
            let run = s.run("2026-11").unwrap();
            let numbered = run
                .lines
                .iter()
                .filter(|l| l.statement_number.is_some())
                .count();
            match (run.state, numbered) {
                (RunState::Draft, 0) => "before",
                (RunState::Approved, n) if n == lines => "after",
                _ => "half-approved run",
            }
        });
    println!("approval: {KILLS} kills, {before} before, {after} after");

    // Import of 500 new rows.
    let csv = dir.path().join("liste.csv");
    let text = String::from("Vorname;Nachname;Geburtsdatum;PLZ\n") + &"x\n".repeat(500);
    // Names must be letters only: encode the row number in letters.
    let text: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l}\n")
            } else {
                format!("Neu;Import{};01.01.1980;38820\n", letters(i))
            }
        })
        .collect();
    std::fs::write(&csv, text).unwrap();
    let csv_arg = csv.to_str().unwrap().to_string();
    let base = Store::open(&template).unwrap().all_pilots().unwrap().len();
    let (before, after) =
        kill_repeatedly(&template, &work, &["import", &csv_arg], 11, |s| {
            match s.all_pilots().unwrap().len() - base {
                0 => "before",
                500 => "after",
                _ => "half-imported list",
            }
        });
    println!("import: {KILLS} kills, {before} before, {after} after");
}

fn letters(mut n: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return s;
        }
    }
}
