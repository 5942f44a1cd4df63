//! The timelines and due lists kept in the database (db/timelines.rs) are caches of the facts: after
//! every kind of change, and on the next day, coverage, eligibility, allowances and the due list
//! are exactly what the same database gives with every kept row thrown away.

use std::path::Path;

use chrono::{Days, NaiveDate};
use lotsen::db::demo;
use lotsen::domain::screening::{Screening, ScreeningResult};
use lotsen::domain::settings;
use lotsen::domain::training::SessionKind;
use lotsen::{Status, Store};

/// What the screens show, from the store as it is.
fn views(store: &Store, today: NaiveDate) -> String {
    let mut eligible: Vec<(i64, bool)> = store.eligibility(today).unwrap().into_iter().collect();
    eligible.sort_unstable();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        store.due_list(today).unwrap(),
        store.coverage(today).unwrap(),
        store.coverage_history(today).unwrap(),
        eligible,
        store.budget_year(2026, today).unwrap(),
    )
}

/// The same views from a copy of the database without any kept timeline or due list.
fn from_scratch(db: &Path, today: NaiveDate) -> String {
    let copy = db.with_file_name("scratch.sqlite3");
    let _ = std::fs::remove_file(&copy);
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    drop(c);
    let c = rusqlite::Connection::open(&copy).unwrap();
    let kept: i64 = c
        .query_row("SELECT count(*) FROM timelines", [], |r| r.get(0))
        .unwrap();
    assert!(kept > 0, "the original keeps timelines");
    c.execute_batch(
        "DELETE FROM timelines;
         DELETE FROM activity_last;
         INSERT INTO activity_last SELECT pilot_id, max(month) FROM activity_records
         WHERE contacts > 0 GROUP BY pilot_id;",
    )
    .unwrap();
    drop(c);
    views(&Store::open(&copy).unwrap(), today)
}

#[test]
fn kept_timelines_and_due_lists_follow_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caches.sqlite3");
    let mut today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let mut store = Store::open(&db).unwrap();
    demo::load_full(&mut store, today, "Test", 60).unwrap();
    let ago = |today: NaiveDate, n: u64| today - Days::new(n);
    let same = |store: &Store, today: NaiveDate, what: &str| {
        assert_eq!(
            views(store, today),
            from_scratch(&db, today),
            "after {what}"
        );
    };
    same(&store, today, "the demo");
    let active: Vec<i64> = store
        .all_pilots()
        .unwrap()
        .iter()
        .filter(|p| p.status == Status::Active)
        .map(|p| p.id)
        .collect();
    let (a, b, c, e) = (active[0], active[1], active[2], active[4]);

    store
        .change_status(a, Status::Paused, ago(today, 5), "", "Test", today)
        .unwrap();
    same(&store, today, "a pause from five days ago");

    let fresh = Screening {
        letter_issued_on: None,
        certificate_dated: Some(ago(today, 20)),
        inspected_on: Some(ago(today, 2)),
        inspected_by: "Frau Krüger".into(),
        result: Some(ScreeningResult::RelevantEntry),
    };
    store.save_screening(b, None, &fresh, today).unwrap();
    same(&store, today, "a screening with a relevant entry");

    store
        .add_credits(
            c,
            &[SessionKind::Refresher],
            ago(today, 1),
            "VHS",
            "Test",
            today,
        )
        .unwrap();
    same(&store, today, "a refresher recognised");

    store
        .change_district(e, "Quedlinburg", ago(today, 30), "", "Test", today)
        .unwrap();
    same(&store, today, "a move backdated by 30 days");

    store
        .cancel_latest_status(a, "Irrtum", "Test", today)
        .unwrap();
    same(&store, today, "a Storno");

    let warning = settings::find_key("lifecycle.warning_days").unwrap();
    store
        .set_setting(warning, &serde_json::json!(300), ago(today, 3), "Test")
        .unwrap();
    same(&store, today, "a longer eFZ warning from three days ago");

    // Changes by another program, straight in SQL: bank details, a session moved, an erasure.
    let raw = rusqlite::Connection::open(&db).unwrap();
    raw.execute("UPDATE pilots SET iban = '' WHERE id = ?1", [c])
        .unwrap();
    same(&store, today, "an IBAN removed");
    raw.execute(
        "UPDATE course_sessions SET held_on = ?1 WHERE module IS NULL",
        [ago(today, 400).to_string()],
    )
    .unwrap();
    same(&store, today, "the refresher sessions moved");
    raw.execute("DELETE FROM screenings WHERE pilot_id = ?1", [active[5]])
        .unwrap();
    same(&store, today, "a screening erased");
    // Activity: a new record with contacts, one set to no contacts, a pilot's latest one deleted.
    let month = |n: u64| ago(today, 30 * n).format("%Y-%m").to_string();
    raw.execute(
        "INSERT INTO activity_records (pilot_id, month, contacts, recorded_at, recorded_by)
         VALUES (?1, ?2, 3, '2026-11-20T10:00:00Z', 'Test')",
        rusqlite::params![active[6], month(0)],
    )
    .unwrap();
    same(&store, today, "contacts recorded");
    let changed = raw
        .execute(
            "UPDATE activity_records SET contacts = 0 WHERE pilot_id = ?1",
            [active[7]],
        )
        .unwrap();
    assert!(changed > 0, "the demo records activity");
    same(&store, today, "contacts taken back");
    raw.execute(
        "DELETE FROM activity_records WHERE pilot_id = ?1
         AND month = (SELECT max(month) FROM activity_records WHERE pilot_id = ?1)",
        [active[8]],
    )
    .unwrap();
    same(&store, today, "a record deleted");
    drop(raw);

    for _ in 0..3 {
        today = today + Days::new(40);
        same(&store, today, "days later");
    }
}

fn demo_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// The 60-pilot demo in `dir` on `today`, with its path.
fn demo_store(dir: &Path, today: NaiveDate) -> (std::path::PathBuf, Store) {
    let db = dir.join("kept.sqlite3");
    let mut store = Store::open(&db).unwrap();
    demo::load_full(&mut store, today, "Test", 60).unwrap();
    (db, store)
}

/// The leavers' histories are read once for the deletion check and the due list while nothing is
/// written; a write through this connection or any other is seen at the next read.
#[test]
fn the_leavers_read_once_follow_writes_of_this_and_other_connections() {
    let (dir, today) = (tempfile::tempdir().unwrap(), demo_day());
    let (db, mut store) = demo_store(dir.path(), today);
    let far = NaiveDate::from_ymd_opt(2040, 1, 1).unwrap();
    let due = |store: &Store| -> Vec<i64> {
        let mut ids: Vec<i64> = store
            .anonymisations_due(far)
            .unwrap()
            .into_iter()
            .map(|r| r.pilot_id)
            .collect();
        ids.sort_unstable();
        ids
    };
    let before = due(&store);
    assert!(!before.is_empty(), "the demo has pilots who left");
    assert_eq!(due(&store), before, "read again unchanged");

    // Another connection (the command line beside the window) cancels a leaving (Storno).
    let gone = before[0];
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute(
            "INSERT INTO status_cancellations (change_id, pilot_id, reason, who, recorded_at)
             SELECT id, pilot_id, 'Irrtum', 'Test', '2026-11-20T10:00:00Z' FROM status_changes
             WHERE pilot_id = ?1 AND status = 'left'",
            [gone],
        )
        .unwrap();
    drop(other);
    let after_other = due(&store);
    assert!(!after_other.contains(&gone), "{after_other:?}");

    // This connection: an active pilot leaves.
    let leaving = store
        .all_pilots()
        .unwrap()
        .iter()
        .find(|p| p.status == Status::Active)
        .map(|p| p.id)
        .unwrap();
    store
        .change_status(leaving, Status::Left, today, "", "Test", today)
        .unwrap();
    let after_own = due(&store);
    assert!(after_own.contains(&leaving), "{after_own:?}");
    assert_eq!(after_own.len(), after_other.len() + 1);
}

/// The register is read once for its pages, searches and lists of names while nothing is written;
/// a write through this connection or any other is seen at the next read.
#[test]
fn the_register_read_once_follows_writes_of_this_and_other_connections() {
    let (dir, today) = (tempfile::tempdir().unwrap(), demo_day());
    let (db, mut store) = demo_store(dir.path(), today);
    let name_of = |store: &Store, id: i64| {
        let p = store
            .pilots()
            .unwrap()
            .iter()
            .find(|p| p.id == id)
            .cloned()
            .unwrap();
        (p.last_name, p.status)
    };
    let first = store.all_pilots().unwrap()[0].clone();
    assert_eq!(
        name_of(&store, first.id),
        (first.last_name.clone(), first.status)
    );

    // Another connection renames the pilot.
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute(
            "UPDATE pilots SET last_name = 'Anders' WHERE id = ?1",
            [first.id],
        )
        .unwrap();
    drop(other);
    assert_eq!(name_of(&store, first.id).0, "Anders");

    // This connection: an active pilot leaves (the list shows the current status).
    let left = store
        .all_pilots()
        .unwrap()
        .into_iter()
        .find(|p| p.status == Status::Active)
        .unwrap();
    store
        .change_status(left.id, Status::Left, today, "", "Test", today)
        .unwrap();
    assert_eq!(name_of(&store, left.id).1, Status::Left);
}

/// The Jahresbericht is computed once for the Berichte screen and the report printed from it; a
/// record changed by another connection, or another year or day, gives the new figures.
#[test]
fn the_annual_report_kept_follows_writes_and_its_year_and_day() {
    let (dir, today) = (tempfile::tempdir().unwrap(), demo_day());
    let (db, store) = demo_store(dir.path(), today);
    let before = store.annual_report(2026, today).unwrap();
    assert!(before.contacts > 0, "the demo has contacts in 2026");
    assert_eq!(store.annual_report(2026, today).unwrap(), before);
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute(
            "UPDATE activity_records SET contacts = contacts + 5
             WHERE id = (SELECT min(id) FROM activity_records WHERE month LIKE '2026-%')",
            [],
        )
        .unwrap();
    drop(other);
    assert_eq!(
        store.annual_report(2026, today).unwrap().contacts,
        before.contacts + 5
    );
    let earlier = today - Days::new(200);
    assert!(
        store.annual_report(2026, earlier).unwrap().coverage.len() < before.coverage.len(),
        "counted to an earlier day: fewer month ends"
    );
    assert_eq!(store.annual_report(2025, today).unwrap().year, 2025);
}
