//! "Abbrechen" of long work (issue 16). While a month is printed: the drawing stops at the next statement and
//! nothing is filed, not even the statements drawn before. Printed without cancelling, the same run
//! files its payment list, every statement and the combined PDF.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use lotsen::app::progress::{Cancel, CANCELLED};
use lotsen::app::reports::ReportKind;
use lotsen::app::{Clock, Session};

fn files_below(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                out.extend(files_below(&path));
            } else {
                out.push(path.display().to_string());
            }
        }
    }
    out
}

#[test]
fn cancelled_while_drawing_files_nothing_and_uncancelled_files_everything() {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let clock = Clock::from_fn(move || today.and_time(NaiveTime::MIN));
    let mut s = Session::open(&dir.path().join("print.sqlite3"), clock).unwrap();
    s.load_full_demo(None).unwrap();
    let run = s.create_run("2026-11").unwrap();
    let approved = s.approve_run("2026-11", None).unwrap();
    let lines = run.lines.len();
    // The approved run as returned (numbers, state, date) is the run as stored.
    let lotsen::domain::approval::Approval::Approved { run: approved } = approved else {
        panic!("the demo month is approved: {approved:?}");
    };
    assert_eq!(*approved, s.run("2026-11").unwrap());
    assert!(lines > 5, "the demo month has {lines} statements");

    let cancelled_root = dir.path().join("Dokumente-abgebrochen");
    let mut print = s.run_print("2026-11").unwrap();
    print.root = cancelled_root.clone();
    let cancel = print.job.cancel.clone();
    // The person clicks "Abbrechen" once about five statements are drawn (two threads draw them,
    // so the count may pass 5 without stopping there).
    let err = print
        .file(&|p| {
            if p.done >= 5 {
                cancel.cancel();
            }
        })
        .unwrap_err();
    assert_eq!(err.to_string(), CANCELLED);
    assert_eq!(files_below(&cancelled_root), Vec::<String>::new());

    let root = dir.path().join("Dokumente");
    let mut print = s.run_print("2026-11").unwrap();
    print.root = root.clone();
    let combined = print.file(&|_| {}).unwrap();
    assert!(
        combined.ends_with("2026/11/Abrechnung_2026-11.pdf"),
        "{}",
        combined.display()
    );
    // The payment list, every statement and the combined PDF.
    assert_eq!(files_below(&root).len(), lines + 2);
}

fn session(dir: &Path) -> Session {
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let clock = Clock::from_fn(move || today.and_time(NaiveTime::MIN));
    Session::open(&dir.join("cancel.sqlite3"), clock).unwrap()
}

fn count(s: &Session, table: &str) -> i64 {
    rusqlite::Connection::open(s.db_path())
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_import_cancelled_while_rows_are_written_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    s.load_full_demo(None).unwrap();
    let csv = dir.path().join("liste.csv");
    let mut text = String::from("Vorname;Nachname;Geburtsdatum;Gemeinde\r\n");
    for i in 0..40u8 {
        let last = format!(
            "Import{}{}",
            (b'a' + i / 26) as char,
            (b'a' + i % 26) as char
        );
        text.push_str(&format!("Neu;{last};01.02.19{:02};Thale\r\n", 50 + i));
    }
    std::fs::write(&csv, text).unwrap();
    let (pilots, audit) = (count(&s, "pilots"), count(&s, "audit_log"));

    let cancel = Cancel::new();
    let steps = std::cell::RefCell::new(Vec::new());
    // The person clicks "Abbrechen" once the tenth row is written.
    let err = s
        .import_file(
            &csv,
            &|p| {
                if p.done == 10 && p.total == 40 {
                    cancel.cancel();
                }
                steps.borrow_mut().push(p.done);
            },
            &cancel,
        )
        .unwrap_err();
    assert_eq!(err.to_string(), CANCELLED);
    assert!(steps.borrow().contains(&10), "{:?}", steps.borrow());
    assert_eq!(count(&s, "pilots"), pilots, "no row of the import is kept");
    assert_eq!(
        count(&s, "audit_log"),
        audit,
        "nothing is in the change log"
    );

    // Not cancelled, the same file imports all 40.
    let done = s.import_file(&csv, &|_| {}, &Cancel::new()).unwrap();
    assert_eq!(done.valid.len(), 40);
    assert_eq!(count(&s, "pilots"), pilots + 40);
}

#[test]
fn certificates_cancelled_while_drawn_file_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    s.load_full_demo(None).unwrap();
    s.create_run("2026-11").unwrap();
    s.approve_run("2026-11", None).unwrap();
    s.mark_paid("2026-11", Some("2026-12-02")).unwrap();
    let job = s.report_job(ReportKind::Certificate, 2026, None).unwrap();
    let cancel = job.cancel.clone();
    let root = dir.path().join("Dokumente");
    let err = job
        .file(&root, &|p| {
            if p.done == 2 {
                cancel.cancel();
            }
        })
        .unwrap_err();
    assert_eq!(err.to_string(), CANCELLED);
    assert_eq!(files_below(&root), Vec::<String>::new());

    // Drawn to the end and cancelled then (the last click before filing): still nothing filed.
    let job = s.report_job(ReportKind::Annual, 2026, None).unwrap();
    let cancel = job.cancel.clone();
    let err = job.file(&root, &|_| cancel.cancel()).unwrap_err();
    assert_eq!(err.to_string(), CANCELLED);
    assert_eq!(files_below(&root), Vec::<String>::new());

    let job = s.report_job(ReportKind::Certificate, 2026, None).unwrap();
    let n = match &job.data {
        lotsen::app::reports::ReportData::Certificates { certificates, .. } => certificates.len(),
        _ => unreachable!(),
    };
    assert!(n > 2, "{n} certificates");
    job.file(&root, &|_| {}).unwrap();
    // Each pilot's certificate and the combined PDF.
    assert_eq!(files_below(&root).len(), n + 1);
}
