//! "Abbrechen" while a month is printed (issue 16): the drawing stops at the next statement and
//! nothing is filed, not even the statements drawn before. Printed without cancelling, the same run
//! files its payment list, every statement and the combined PDF.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use lotsen::app::progress::CANCELLED;
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
    s.approve_run("2026-11", None).unwrap();
    let lines = run.lines.len();
    assert!(lines > 5, "the demo month has {lines} statements");

    let cancelled_root = dir.path().join("Dokumente-abgebrochen");
    let mut print = s.run_print("2026-11").unwrap();
    print.root = cancelled_root.clone();
    let cancel = print.job.cancel.clone();
    // The person clicks "Abbrechen" while the fifth statement is drawn.
    let err = print
        .file(&|p| {
            if p.done == 5 {
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
