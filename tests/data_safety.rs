//! Data safety (docs/DOMAIN.md#data-safety; issue 7) on real SQLite files in temp folders: backup while another
//! connection writes, restore and its refusals, daily backups, the audit log, eFZ deletion.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use lotsen::db::demo;
use lotsen::db::{
    check_backup_file, daily_backup, list_backups, AuditFilter, BackupKind, AUDITED_TABLES,
    SCHEMA_VERSION,
};
use lotsen::domain::screening::{Screening, ScreeningResult};
use lotsen::{Error, PilotInput, Store};
use rusqlite::Connection;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2026, 11, 26)
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 15, 0).unwrap()
}

fn pilot(first: &str, last: &str) -> PilotInput {
    PilotInput {
        first_name: first.into(),
        last_name: last.into(),
        birth_date: Some("17.05.1980".into()),
        postcode: "06484".into(),
        town: "Quedlinburg".into(),
        municipality: Some("Quedlinburg".into()),
        phone: "03946 1234".into(),
        languages: vec!["Türkisch".into(), "Deutsch".into()],
        iban: "DE89 3704 0044 0532 0130 00".into(),
        account_holder: format!("{first} {last}"),
        ..Default::default()
    }
}

/// A number as letters (names take no digits): 0 → "a", 12 → "bc".
fn letters(i: usize) -> String {
    i.to_string()
        .bytes()
        .map(|b| char::from(b - b'0' + b'a'))
        .collect()
}

fn pilot_names(store: &Store) -> Vec<String> {
    let mut v: Vec<String> = store
        .all_pilots()
        .unwrap()
        .into_iter()
        .map(|p| format!("{} {}", p.first_name, p.last_name))
        .collect();
    v.sort();
    v
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = match std::fs::read_dir(dir) {
        Ok(r) => r
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

/// A new database in `dir`'s data folder, the folder a restore keeps the previous state in, and
/// the open store.
fn store_with_backup_folder(dir: &Path) -> (PathBuf, PathBuf, Store) {
    let db = dir.join("data/lotsenbuero.sqlite3");
    let store = Store::open(&db).unwrap();
    (db, dir.join("sicherungen"), store)
}

/// The refusal's message, asserting it is a validation error at the file field.
fn file_refusal(e: Error) -> String {
    match e {
        Error::Validation(errs) => {
            assert_eq!(errs.len(), 1);
            assert_eq!(errs[0].field, "file");
            errs[0].message.clone()
        }
        other => panic!("expected a refusal at the file field, got {other:?}"),
    }
}

#[test]
fn backup_while_another_connection_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    demo::load_many(&mut store, today(), "Test", 600).unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (db, stop, written) = (db.clone(), stop.clone(), written.clone());
        std::thread::spawn(move || {
            let mut other = Store::open(&db).unwrap();
            other.set_actor("Schreiber");
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                other
                    .create_pilot(
                        &pilot("Lauf", &format!("Schreiber {}", letters(i))),
                        today(),
                        "T",
                    )
                    .unwrap();
                written.fetch_add(1, Ordering::Relaxed);
            }
        })
    };
    while written.load(Ordering::Relaxed) < 5 {
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut checked = Vec::new();
    for round in 0..5 {
        let before = 600 + written.load(Ordering::Relaxed) as i64;
        let file = dir.path().join(format!("sicherung-{round}.sqlite3"));
        store.backup_to(&file).unwrap();
        let after = 600 + written.load(Ordering::Relaxed) as i64;
        let info = check_backup_file(&file).expect("backup passes the check");
        assert!(
            (before..=after).contains(&info.pilot_count),
            "round {round}: {} pilots, expected {before}..={after}",
            info.pilot_count
        );
        assert_eq!(info.schema_version, SCHEMA_VERSION);
        // A single file: no -wal beside it, rollback-journal mode.
        let c = Connection::open(&file).unwrap();
        let mode: String = c
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
        let ok: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        checked.push(info.pilot_count);
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    assert!(
        checked.first() < checked.last(),
        "the writer kept writing between backups: {checked:?}"
    );
    assert!(store.integrity_problems().unwrap().is_empty());
    // No part files left behind.
    assert!(files_in(dir.path()).iter().all(|f| !f.ends_with(".part")));
}

#[test]
fn backup_refuses_to_overwrite_the_open_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotsenbuero.sqlite3");
    let store = Store::open(&db).unwrap();
    let msg = file_refusal(store.backup_to(&db).unwrap_err());
    assert!(msg.contains("geöffnete Datenbank"), "{msg}");
    assert!(store.integrity_problems().unwrap().is_empty());
}

#[test]
fn restore_of_a_good_file_keeps_the_current_state_first() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keep, mut store) = store_with_backup_folder(dir.path());
    store.set_actor("Frau Schmidt");
    store
        .create_pilot(&pilot("Anna", "Alt"), today(), "T")
        .unwrap();
    let backup = dir.path().join("usb/stand.sqlite3");
    store.backup_to(&backup).unwrap();
    store
        .create_pilot(&pilot("Bernd", "Neu"), today(), "T")
        .unwrap();
    assert_eq!(pilot_names(&store), ["Anna Alt", "Bernd Neu"]);

    let outcome = store.restore_from(&backup, &keep, now()).unwrap();
    assert_eq!(pilot_names(&store), ["Anna Alt"]);
    assert_eq!(outcome.restored.pilot_count, 1);
    assert_eq!(
        outcome.previous_saved_as,
        keep.join("lotsenbuero-vor-wiederherstellung-2026-11-26-101500.sqlite3")
    );
    let previous = check_backup_file(&outcome.previous_saved_as).unwrap();
    assert_eq!(
        previous.pilot_count, 2,
        "the state before the restore is kept"
    );
    assert!(store.integrity_problems().unwrap().is_empty());
    assert_eq!(store.path(), db);
    assert_eq!(store.actor(), "Frau Schmidt");
    // The restore is in the restored database's audit log; the store keeps working.
    let log = store
        .audit_entries(&AuditFilter {
            entity: Some("database".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action, "restore");
    assert_eq!(log[0].who, "Frau Schmidt");
    assert!(log[0].note.contains("stand.sqlite3"), "{}", log[0].note);
    store
        .create_pilot(&pilot("Clara", "Danach"), today(), "T")
        .unwrap();
    drop(store);
    let store = Store::open(&db).unwrap();
    assert_eq!(pilot_names(&store), ["Anna Alt", "Clara Danach"]);
    assert!(files_in(db.parent().unwrap())
        .iter()
        .all(|f| !f.ends_with(".part")));
    // The backup file itself is untouched.
    assert_eq!(check_backup_file(&backup).unwrap().pilot_count, 1);
}

#[test]
fn few_pages_kept_stay_few_after_a_restore_and_a_failed_one() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keep, mut store) = store_with_backup_folder(dir.path());
    assert_eq!(
        store.page_cache_kb().unwrap(),
        32_000,
        "the default for one action's lists"
    );
    store.keep_few_pages().unwrap();
    assert_eq!(store.page_cache_kb().unwrap(), 2_000);
    let backup = dir.path().join("usb/stand.sqlite3");
    store.backup_to(&backup).unwrap();
    store.restore_from(&backup, &keep, now()).unwrap();
    assert_eq!(
        store.page_cache_kb().unwrap(),
        2_000,
        "the reopened database keeps few pages"
    );
    // A refused restore (a file that is no database) leaves the store as it was.
    let bad = dir.path().join("usb/kaputt.sqlite3");
    std::fs::write(&bad, b"keine Datenbank").unwrap();
    assert!(store.restore_from(&bad, &keep, now()).is_err());
    assert_eq!(store.page_cache_kb().unwrap(), 2_000);
    // A new store has the default again.
    drop(store);
    assert_eq!(Store::open(&db).unwrap().page_cache_kb().unwrap(), 32_000);
}

#[test]
fn restore_migrates_an_older_backup() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("alt.sqlite3");
    {
        let c = Connection::open(&old).unwrap();
        c.execute_batch(include_str!("../src/db/migrations/001_init.sql"))
            .unwrap();
        c.execute_batch(include_str!("../src/db/migrations/002_lifecycle.sql"))
            .unwrap();
        c.pragma_update(None, "user_version", 2).unwrap();
        c.execute(
            "INSERT INTO pilots (first_name, last_name, created_at, updated_at)
             VALUES ('Olga', 'Früher', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
    }
    assert_eq!(check_backup_file(&old).unwrap().schema_version, 2);
    let db = dir.path().join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store
        .create_pilot(&pilot("Anna", "Jetzt"), today(), "T")
        .unwrap();
    store
        .restore_from(&old, &dir.path().join("keep"), now())
        .unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(pilot_names(&store), ["Olga Früher"]);
    assert!(store.integrity_problems().unwrap().is_empty());
}

/// The refusals: each leaves the database byte-for-byte and by content as it was, writes nothing
/// into the keep folder, and the store keeps working.
#[test]
fn restore_refuses_bad_files_and_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotsenbuero.sqlite3");
    let keep = dir.path().join("keep");
    let mut store = Store::open(&db).unwrap();
    demo::load_many(&mut store, today(), "Test", 60).unwrap();
    let good = dir.path().join("gut.sqlite3");
    store.backup_to(&good).unwrap();
    let good_bytes = std::fs::read(&good).unwrap();

    let truncated = dir.path().join("abgeschnitten.sqlite3");
    std::fs::write(&truncated, &good_bytes[..good_bytes.len() / 2]).unwrap();
    let odd_cut = dir.path().join("abgeschnitten-krumm.sqlite3");
    std::fs::write(&odd_cut, &good_bytes[..good_bytes.len() - 1000]).unwrap();
    let short = dir.path().join("kopf.sqlite3");
    std::fs::write(&short, &good_bytes[..40]).unwrap();
    let text = dir.path().join("liste.sqlite3");
    std::fs::write(&text, "Vorname;Nachname\nAnna;Beispiel\n".repeat(200)).unwrap();
    let empty = dir.path().join("leer.sqlite3");
    std::fs::write(&empty, b"").unwrap();
    let newer = dir.path().join("neuer.sqlite3");
    std::fs::write(&newer, &good_bytes).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let foreign = dir.path().join("fremd.sqlite3");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO kunden VALUES (1, 'x');")
        .unwrap();
    // Garbage over the root page of the pilots table: a readable header, a damaged file.
    let damaged = dir.path().join("beschaedigt.sqlite3");
    let (root, page_size): (i64, i64) = {
        let c = Connection::open(&good).unwrap();
        (
            c.query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'pilots'",
                [],
                |r| r.get(0),
            )
            .unwrap(),
            c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap(),
        )
    };
    let mut bytes = good_bytes.clone();
    let start = ((root - 1) * page_size) as usize;
    for (i, b) in bytes[start..start + page_size as usize]
        .iter_mut()
        .enumerate()
    {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&damaged, &bytes).unwrap();

    let cases: [(&Path, &str); 9] = [
        (&truncated, "unvollständig"),
        (&odd_cut, "unvollständig"),
        (&short, "unvollständig"),
        (&text, "keine SQLite-Datenbank"),
        (&empty, "leer"),
        (&newer, "neueren Version"),
        (&foreign, "keine Lotsenbüro-Datenbank"),
        (&damaged, "beschädigt"),
        (&dir.path().join("gibtsnicht.sqlite3"), "gibt es nicht"),
    ];
    let names_before = pilot_names(&store);
    for (file, expected) in cases {
        let main_before = std::fs::read(&db).unwrap();
        let checked = check_backup_file(file).map(|_| ()).map_err(file_refusal);
        let msg = file_refusal(store.restore_from(file, &keep, now()).unwrap_err());
        assert_eq!(checked, Err(msg.clone()), "the check says the same");
        assert!(
            msg.contains(expected),
            "{}: „{msg}“ should say „{expected}“",
            file.display()
        );
        assert_eq!(
            std::fs::read(&db).unwrap(),
            main_before,
            "{}: database file changed",
            file.display()
        );
        assert_eq!(pilot_names(&store), names_before);
        assert!(
            files_in(&keep).is_empty(),
            "nothing saved, nothing replaced"
        );
    }
    assert!(files_in(dir.path()).iter().all(|f| !f.ends_with(".part")));
    assert!(store.integrity_problems().unwrap().is_empty());
    store
        .create_pilot(&pilot("Noch", "Da"), today(), "T")
        .unwrap();
    // The good file is accepted.
    assert_eq!(check_backup_file(&good).unwrap().pilot_count, 60);
}

#[test]
fn restore_is_refused_while_another_program_has_the_database_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store
        .create_pilot(&pilot("Anna", "Alt"), today(), "T")
        .unwrap();
    let backup = dir.path().join("stand.sqlite3");
    store.backup_to(&backup).unwrap();
    store
        .create_pilot(&pilot("Bernd", "Neu"), today(), "T")
        .unwrap();
    let other = Store::open(&db).unwrap();
    let e = store
        .restore_from(&backup, &dir.path().join("keep"), now())
        .unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e:?}");
    assert!(e.to_string().contains("anderen Programm"), "{e}");
    // Both still work on the unchanged database.
    assert_eq!(pilot_names(&store), ["Anna Alt", "Bernd Neu"]);
    assert_eq!(pilot_names(&other), ["Anna Alt", "Bernd Neu"]);
    drop(other);
    store
        .create_pilot(&pilot("Clara", "Drei"), today(), "T")
        .unwrap();
    store
        .restore_from(&backup, &dir.path().join("keep"), now())
        .unwrap();
    assert_eq!(pilot_names(&store), ["Anna Alt"]);
}

#[test]
fn check_reads_the_open_database_without_changing_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store
        .create_pilot(&pilot("Anna", "Alt"), today(), "T")
        .unwrap();
    let info = check_backup_file(&db).unwrap();
    assert_eq!(info.pilot_count, 1);
    assert!(info.file_size > 0 && info.modified.is_some());
}

#[test]
fn daily_backup_once_a_day_keeps_fourteen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotsenbuero.sqlite3");
    let backups = dir.path().join("Sicherungen");
    let mut store = Store::open(&db).unwrap();
    std::fs::create_dir_all(&backups).unwrap();
    // Files the rotation must never touch.
    store
        .backup_to(&backups.join("lotsenbuero-von-hand.sqlite3"))
        .unwrap();
    store
        .backup_to(&backups.join("lotsenbuero-vor-wiederherstellung-2026-01-01-080000.sqlite3"))
        .unwrap();
    std::fs::write(backups.join("notiz.txt"), "bitte aufheben").unwrap();

    let first = d(2026, 3, 1);
    for i in 0..20u64 {
        let day = first + chrono::Days::new(i);
        store
            .create_pilot(
                &pilot("Tag", &format!("Nummer {}", letters(i as usize))),
                day,
                "T",
            )
            .unwrap();
        let written = daily_backup(&store, &backups, day, 14).unwrap();
        assert_eq!(
            written,
            Some(backups.join(format!("lotsenbuero-{}.sqlite3", day.format("%Y-%m-%d"))))
        );
        assert_eq!(
            daily_backup(&store, &backups, day, 14).unwrap(),
            None,
            "second start the same day"
        );
    }
    let list = list_backups(&backups).unwrap();
    let daily: Vec<NaiveDate> = list
        .iter()
        .filter(|b| b.kind == BackupKind::Daily)
        .map(|b| b.date.unwrap())
        .collect();
    assert_eq!(daily.len(), 14);
    assert_eq!(daily.first(), Some(&d(2026, 3, 20)), "newest first");
    assert_eq!(daily.last(), Some(&d(2026, 3, 7)));
    assert!(list
        .iter()
        .any(|b| b.kind == BackupKind::Manual && b.file_name == "lotsenbuero-von-hand.sqlite3"));
    assert!(list
        .iter()
        .any(|b| b.kind == BackupKind::BeforeRestore && b.date == Some(d(2026, 1, 1))));
    assert!(backups.join("notiz.txt").exists());
    // The newest daily backup holds the state of its day.
    assert_eq!(check_backup_file(&list[0].path).unwrap().pilot_count, 20);
    assert!(list_backups(&dir.path().join("fehlt")).unwrap().is_empty());
}

#[test]
fn audit_log_records_create_and_edit_with_old_new_and_who() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store.set_actor("Frau Schmidt");
    let input = pilot("Ayşe", "Müller-Öztürk");
    let p = store.create_pilot(&input, today(), "Frau Schmidt").unwrap();
    store.set_actor("Herr Weber");
    let edited = PilotInput {
        phone: "03946 9999".into(),
        iban: "DE02 1203 0000 0000 2020 51".into(),
        ..input.clone()
    };
    store.update_pilot(p.id, &edited, today()).unwrap();

    let entries = store
        .audit_entries(&AuditFilter {
            pilot_id: Some(p.id),
            ..Default::default()
        })
        .unwrap();
    let created = entries
        .iter()
        .find(|e| e.entity == "pilots" && e.action == "insert")
        .expect("insert entry");
    assert_eq!(created.who, "Frau Schmidt");
    assert_eq!(created.entity_id, p.id.to_string());
    let created_row: serde_json::Value =
        serde_json::from_str(created.new_value.as_deref().unwrap()).unwrap();
    assert_eq!(created_row["last_name"], "Müller-Öztürk");
    assert_eq!(
        created_row["phone"], "03946 1234",
        "the new pilot complete in one entry"
    );
    assert!(
        !entries
            .iter()
            .any(|e| e.entity == "pilots" && e.action == "update" && e.who == "Frau Schmidt"),
        "creating logs no field updates"
    );
    let status = entries
        .iter()
        .find(|e| e.entity == "status_changes" && e.action == "insert")
        .expect("first status");
    assert!(status.new_value.as_deref().unwrap().contains("prospect"));
    assert_eq!(status.tx, created.tx, "one change, one transaction");

    let edits: Vec<(String, Option<String>, Option<String>, String)> = entries
        .iter()
        .filter(|e| e.entity == "pilots" && e.action == "update" && e.who == "Herr Weber")
        .map(|e| {
            (
                e.field.clone().unwrap(),
                e.old_value.clone(),
                e.new_value.clone(),
                e.field_label.clone().unwrap(),
            )
        })
        .collect();
    let mut edits = edits;
    edits.sort();
    assert_eq!(
        edits,
        vec![
            (
                "iban".into(),
                Some("DE89370400440532013000".into()),
                Some("DE02120300000000202051".into()),
                "IBAN".into()
            ),
            (
                "phone".into(),
                Some("03946 1234".into()),
                Some("03946 9999".into()),
                "Telefon".into()
            ),
        ],
        "only the changed fields, not updated_at"
    );
    let edit_entries: Vec<_> = entries.iter().filter(|e| e.who == "Herr Weber").collect();
    assert!(edit_entries.iter().all(|e| e.tx == edit_entries[0].tx));
    assert!(
        edit_entries.iter().all(|e| e.entity == "pilots"),
        "unchanged languages are not logged: {edit_entries:?}"
    );
    assert!(
        entries.windows(2).all(|w| w[0].id > w[1].id),
        "newest first"
    );
    assert!(entries[0].at.ends_with('Z') && entries[0].at.len() == 20);

    // A language dropped: one delete and re-inserts of the rest, in one transaction.
    store.set_actor("Herr Weber");
    let fewer = PilotInput {
        languages: vec!["Türkisch".into()],
        ..edited.clone()
    };
    store.update_pilot(p.id, &fewer, today()).unwrap();
    let langs = store
        .audit_entries(&AuditFilter {
            entity: Some("pilot_languages".into()),
            entity_id: Some(format!("{}/Deutsch", p.id)),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        langs.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["delete", "insert"],
        "newest first"
    );
    assert_eq!(langs[0].who, "Herr Weber");
    let entries = store
        .audit_entries(&AuditFilter {
            pilot_id: Some(p.id),
            ..Default::default()
        })
        .unwrap();

    // Filters: by text, by entity, by day.
    let by_text = store
        .audit_entries(&AuditFilter {
            text: Some("9999".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_text.len(), 1);
    assert_eq!(by_text[0].field.as_deref(), Some("phone"));
    let wildcard = store
        .audit_entries(&AuditFilter {
            text: Some("%".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(wildcard.is_empty(), "% is searched for literally");
    let by_entity = store
        .audit_entries(&AuditFilter {
            entity: Some("pilots".into()),
            entity_id: Some(p.id.to_string()),
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_entity.len(), 1);
    let day: NaiveDate = entries[0].at[..10].parse().unwrap();
    let that_day = AuditFilter {
        pilot_id: Some(p.id),
        from: Some(day),
        to: Some(day),
        ..Default::default()
    };
    assert_eq!(store.audit_entries(&that_day).unwrap().len(), entries.len());
    let before = AuditFilter {
        pilot_id: Some(p.id),
        to: Some(day.pred_opt().unwrap()),
        ..Default::default()
    };
    assert!(store.audit_entries(&before).unwrap().is_empty());
    // Serialised for the app.
    let json = serde_json::to_value(&entries[0]).unwrap();
    assert!(json.get("entity_label").is_some() && json.get("old_value").is_some());
}

#[test]
fn audit_log_refuses_update_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store
        .create_pilot(&pilot("Anna", "Alt"), today(), "T")
        .unwrap();
    let c = Connection::open(&db).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert!(n > 0);
    let e = c
        .execute("UPDATE audit_log SET who = 'Niemand'", [])
        .unwrap_err();
    assert!(e.to_string().contains("kann nicht geändert werden"), "{e}");
    let e = c.execute("DELETE FROM audit_log", []).unwrap_err();
    assert!(e.to_string().contains("kann nicht gelöscht werden"), "{e}");
    // Blanking values is the § 30a exception, and only during that deletion.
    let e = c
        .execute(
            "UPDATE audit_log SET old_value = NULL, new_value = NULL, redacted = 1",
            [],
        )
        .unwrap_err();
    assert!(e.to_string().contains("kann nicht geändert werden"), "{e}");
    let e = c.execute("DELETE FROM audit_context", []).unwrap_err();
    assert!(e.to_string().contains("Protokollkontext"), "{e}");
    let after: i64 = c
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, n);
}

/// Every audited table has its three triggers, and every column is named in its update trigger;
/// every table of the schema is audited or deliberately not. Fails when a migration adds a table
/// that is missing from AUDITED_TABLES or from the list below.
#[test]
fn audit_triggers_cover_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotsenbuero.sqlite3");
    drop(Store::open(&db).unwrap());
    let c = Connection::open(&db).unwrap();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    // The log itself, its context, the deletion and anonymisation markers, histories that are
    // append-only logs, the timelines (a cache of the facts, db/timelines.rs) and each pilot's last
    // month with contacts (kept by triggers from the audited records, migration 013).
    let not_audited = [
        "timelines",
        "activity_last",
        "audit_triggers_checked",
        "audit_log",
        "audit_context",
        "screening_erasures",
        "pilot_anonymisations",
        "budget_changes",
    ];
    for table in &tables {
        if not_audited.contains(&table.as_str()) {
            continue;
        }
        assert!(
            AUDITED_TABLES.iter().any(|(t, _)| t == table),
            "table {table} has no audit triggers"
        );
    }
    for (table, _) in AUDITED_TABLES {
        if !tables.iter().any(|t| t == table) {
            continue;
        }
        let trigger = |name: String| -> String {
            c.query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                [&name],
                |r| r.get(0),
            )
            .unwrap_or_else(|_| panic!("trigger {name} missing"))
        };
        trigger(format!("audit_{table}_insert"));
        trigger(format!("audit_{table}_delete"));
        let update = trigger(format!("audit_{table}_update"));
        let columns: Vec<String> = c
            .prepare(&format!("PRAGMA table_info({table})"))
            .unwrap()
            .query_map([], |r| r.get(1))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for col in columns.iter().filter(|c| *c != "updated_at") {
            assert!(
                update.contains(&format!("OLD.{col},"))
                    || update.contains(&format!("OLD.{col} AS")),
                "update trigger of {table} misses column {col}"
            );
        }
        // A trigger naming a column that no longer exists fails every write to the table.
        for kind in ["insert", "update", "delete"] {
            let sql = trigger(format!("audit_{table}_{kind}"));
            for word in sql.split(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '.')) {
                if let Some(col) = word.strip_prefix("OLD.").or(word.strip_prefix("NEW.")) {
                    assert!(
                        columns.iter().any(|c| c == col),
                        "trigger audit_{table}_{kind} names {col}, not a column of {table}"
                    );
                }
            }
        }
    }
}

/// A database in `dir` with one pilot, closed again; its path and the pilot.
fn closed_database_with(dir: &Path, input: &PilotInput) -> (PathBuf, lotsen::Pilot) {
    let db = dir.join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let created = store.create_pilot(input, today(), "T").unwrap();
    (db, created)
}

/// The entries of `pilots` that changed `field`, oldest first.
fn field_changes(store: &Store, field: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let filter = AuditFilter {
        entity: Some("pilots".into()),
        ..Default::default()
    };
    let mut v: Vec<_> = store
        .audit_entries(&filter)
        .unwrap()
        .into_iter()
        .filter(|e| e.field.as_deref() == Some(field))
        .map(|e| (e.who, e.old_value, e.new_value))
        .collect();
    v.reverse();
    v
}

/// A column added to an audited table (here by hand, as a later migration would) is audited once
/// the database is opened again: the triggers are generated from the columns, nobody writes them.
#[test]
fn a_column_added_later_is_audited_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (db, anna) = closed_database_with(dir.path(), &pilot("Anna", "Neu"));
    let c = Connection::open(&db).unwrap();
    c.execute_batch("ALTER TABLE pilots ADD COLUMN nickname TEXT")
        .unwrap();
    // Before the next open the triggers still list the old columns: this change goes unlogged.
    c.execute(
        "UPDATE pilots SET nickname = 'Anni' WHERE id = ?1",
        [anna.id],
    )
    .unwrap();
    drop(c);

    let mut store = Store::open(&db).unwrap();
    assert!(field_changes(&store, "nickname").is_empty());
    store.set_actor("Frau Koordination");
    store
        .with_transaction(|tx| {
            tx.execute(
                "UPDATE pilots SET nickname = 'Ann' WHERE id = ?1",
                [anna.id],
            )?;
            Ok(())
        })
        .unwrap();
    assert_eq!(
        field_changes(&store, "nickname"),
        [(
            "Frau Koordination".to_string(),
            Some("Anni".to_string()),
            Some("Ann".to_string())
        )]
    );
    // New rows carry the column in their JSON, and deleting one logs it too.
    let bernd = store
        .create_pilot(&pilot("Bernd", "Später"), today(), "T")
        .unwrap();
    let created = store
        .audit_entries(&AuditFilter {
            entity: Some("pilots".into()),
            entity_id: Some(bernd.id.to_string()),
            ..Default::default()
        })
        .unwrap();
    let insert = created.iter().find(|e| e.action == "insert").unwrap();
    assert!(
        insert
            .new_value
            .as_deref()
            .unwrap()
            .contains("\"nickname\":null"),
        "{insert:?}"
    );
    assert_eq!(insert.pilot_id, Some(bernd.id));
}

/// Triggers from an older build (or edited by hand) are replaced at open; a database whose
/// triggers already match is opened without a write to its schema.
#[test]
fn stale_audit_triggers_are_replaced_and_current_ones_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (db, anna) = closed_database_with(dir.path(), &pilot("Anna", "Alt"));
    let schema_cookie = |c: &Connection| -> i64 {
        c.query_row("PRAGMA schema_version", [], |r| r.get(0))
            .unwrap()
    };
    let c = Connection::open(&db).unwrap();
    let before = schema_cookie(&c);
    drop(c);
    drop(Store::open(&db).unwrap());
    let c = Connection::open(&db).unwrap();
    assert_eq!(schema_cookie(&c), before, "nothing to regenerate");
    // An update trigger that knows only the first name, as if written before the other columns.
    c.execute_batch(
        "DROP TRIGGER audit_pilots_update;
         CREATE TRIGGER audit_pilots_update AFTER UPDATE ON pilots
         BEGIN
             INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, field, old_value, new_value)
             SELECT 'x', '', 0, 'pilots', NEW.id, NEW.id, 'update', 'first_name', OLD.first_name, NEW.first_name
             WHERE OLD.first_name IS NOT NEW.first_name;
         END;",
    )
    .unwrap();
    drop(c);
    let mut store = Store::open(&db).unwrap();
    let mut input = pilot("Anna", "Alt");
    input.phone = "03946 9999".into();
    store.update_pilot(anna.id, &input, today()).unwrap();
    assert_eq!(
        field_changes(&store, "phone"),
        [(
            String::new(),
            Some("03946 1234".to_string()),
            Some("03946 9999".to_string())
        )]
    );
}

/// A pilot Aktiv from 05.01.2026 who left on 01.03.2026: last day of service 28.02.2026, deletion
/// due on 28.08.2026. Returns the store, the pilot's id and the database path.
fn pilot_who_left(dir: &Path) -> (Store, i64, PathBuf) {
    let db = dir.join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store.set_actor("Frau Schmidt");
    let id = store
        .create_pilot(&pilot("Lena", "Gegangen"), d(2025, 10, 1), "T")
        .unwrap()
        .id;
    store
        .save_screening(
            id,
            None,
            &Screening {
                letter_issued_on: Some(d(2025, 10, 2)),
                certificate_dated: Some(d(2025, 10, 17)),
                inspected_on: Some(d(2025, 11, 3)),
                inspected_by: "Frau Schmidt".into(),
                result: Some(ScreeningResult::Clear),
            },
            d(2025, 11, 3),
        )
        .unwrap();
    // A correction, so there is an update entry with old and new certificate dates too.
    let screening_id = store
        .pilot_record(id, d(2025, 11, 3))
        .unwrap()
        .screening
        .unwrap()
        .id;
    store
        .save_screening(
            id,
            Some(screening_id),
            &Screening {
                letter_issued_on: Some(d(2025, 10, 2)),
                certificate_dated: Some(d(2025, 10, 16)),
                inspected_on: Some(d(2025, 11, 3)),
                inspected_by: "Frau Schmidt".into(),
                result: Some(ScreeningResult::Clear),
            },
            d(2025, 11, 3),
        )
        .unwrap();
    common::way::served_and_left_written_directly(&db, id);
    (store, id, db)
}

fn screening_rows(db: &Path, id: i64) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM screenings WHERE pilot_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn efz_data_kept_the_day_before_and_deleted_on_the_due_day() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id, db) = pilot_who_left(dir.path());
    assert_eq!(
        store.screening_deletion_due_on(id, d(2026, 3, 1)).unwrap(),
        Some(d(2026, 8, 28))
    );

    // The day before: kept.
    assert!(store
        .delete_due_screenings(d(2026, 8, 27))
        .unwrap()
        .is_empty());
    assert_eq!(screening_rows(&db, id), 1);
    assert_eq!(store.screening_deleted_on(id).unwrap(), None);

    // The due day: gone.
    let done = store.delete_due_screenings(d(2026, 8, 28)).unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].pilot_id, id);
    assert_eq!(done[0].name, "Gegangen, Lena");
    assert_eq!(done[0].last_day_of_service, Some(d(2026, 2, 28)));
    assert_eq!(done[0].due_on, d(2026, 8, 28));
    assert_eq!(done[0].records, 1);
    assert_eq!(screening_rows(&db, id), 0);
    assert_eq!(
        store.screening_deleted_on(id).unwrap(),
        Some(d(2026, 8, 28))
    );
    assert!(store
        .pilot_record(id, d(2026, 8, 28))
        .unwrap()
        .screening
        .is_none());
    assert_eq!(
        store.screening_deletion_due_on(id, d(2026, 8, 28)).unwrap(),
        None
    );

    // The audit entry: present, says what happened and who, holds no certificate data.
    let log = store
        .audit_entries(&AuditFilter {
            pilot_id: Some(id),
            entity: Some("screenings".into()),
            ..Default::default()
        })
        .unwrap();
    let erase: Vec<_> = log.iter().filter(|e| e.action == "erase").collect();
    assert_eq!(erase.len(), 1);
    assert_eq!(erase[0].note, "Führungszeugnis-Daten gelöscht (§ 30a BZRG)");
    assert_eq!(erase[0].who, "Frau Schmidt");
    assert_eq!(
        (erase[0].old_value.as_ref(), erase[0].new_value.as_ref()),
        (None, None)
    );
    // The earlier entries (insert, correction) keep who/when/which field, but not the values.
    let earlier: Vec<_> = log.iter().filter(|e| e.action != "erase").collect();
    assert!(earlier.len() >= 2);
    assert!(earlier
        .iter()
        .all(|e| e.redacted && e.old_value.is_none() && e.new_value.is_none()));
    assert!(earlier
        .iter()
        .any(|e| e.field.as_deref() == Some("certificate_dated")));
    let c = Connection::open(&db).unwrap();
    for date in [
        "2025-10-17",
        "2025-10-16",
        "2025-11-03",
        "2025-10-02",
        "clear",
    ] {
        let n: i64 = c
            .query_row(
                "SELECT count(*) FROM audit_log WHERE coalesce(old_value, '') LIKE ?1
                    OR coalesce(new_value, '') LIKE ?1 OR note LIKE ?1",
                [format!("%{date}%")],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0, "{date} still in the audit log");
    }
    // Nothing more to do the next day; the rest of the pilot stays.
    assert!(store
        .delete_due_screenings(d(2026, 8, 29))
        .unwrap()
        .is_empty());
    assert_eq!(store.get_pilot(id).unwrap().last_name, "Gegangen");
    assert!(store.integrity_problems().unwrap().is_empty());
}

#[test]
fn efz_data_gone_when_first_checked_the_day_after() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id, db) = pilot_who_left(dir.path());
    let done = store.delete_due_screenings(d(2026, 8, 29)).unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].due_on, d(2026, 8, 28));
    assert_eq!(done[0].deleted_on, d(2026, 8, 29));
    assert_eq!(screening_rows(&db, id), 0);
    assert_eq!(
        store.screening_deleted_on(id).unwrap(),
        Some(d(2026, 8, 29))
    );
}

#[test]
fn efz_data_of_someone_who_never_started_is_deleted_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let stays = store
        .create_pilot(&pilot("Aktiv", "Bleibt"), d(2026, 1, 5), "T")
        .unwrap()
        .id;
    let id = store
        .create_pilot(&pilot("Kurz", "Da"), d(2026, 1, 5), "T")
        .unwrap()
        .id;
    let s = Screening {
        letter_issued_on: Some(d(2026, 1, 6)),
        ..Default::default()
    };
    store.save_screening(id, None, &s, d(2026, 1, 6)).unwrap();
    store
        .save_screening(stays, None, &s, d(2026, 1, 6))
        .unwrap();
    assert!(store
        .delete_due_screenings(d(2026, 2, 1))
        .unwrap()
        .is_empty());
    store
        .change_status(
            id,
            lotsen::Status::Left,
            d(2026, 2, 2),
            "",
            "T",
            d(2026, 2, 2),
        )
        .unwrap();
    let done = store.delete_due_screenings(d(2026, 2, 2)).unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!((done[0].pilot_id, done[0].last_day_of_service), (id, None));
    assert_eq!(done[0].due_on, d(2026, 2, 2));
    assert_eq!(screening_rows(&db, id), 0);
    assert_eq!(
        screening_rows(&db, stays),
        1,
        "a pilot who stays keeps the data"
    );
}

/// Backup and restore of a 10,000-pilot database. Timing, so run in release:
/// `cargo test --release --test data_safety -- --ignored --nocapture timing`.
#[test]
#[ignore]
fn timing_backup_and_restore_of_10000_pilots() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let t = Instant::now();
    demo::load_many(&mut store, today(), "Bench", 10_000).unwrap();
    let load = t.elapsed();
    let audit_rows: i64 = Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    let mut backups = Vec::new();
    let mut checks = Vec::new();
    let mut restores = Vec::new();
    let backup = dir.path().join("bench.sqlite3");
    for i in 0..5 {
        let file = dir.path().join(format!("bench-{i}.sqlite3"));
        let t = Instant::now();
        store.backup_to(&file).unwrap();
        backups.push(t.elapsed());
        let t = Instant::now();
        check_backup_file(&file).unwrap();
        checks.push(t.elapsed());
        if i == 0 {
            std::fs::copy(&file, &backup).unwrap();
        }
    }
    for i in 0..5 {
        let t = Instant::now();
        let keep = dir.path().join(format!("keep-{i}"));
        let later = now() + chrono::Duration::seconds(i);
        store.restore_from(&backup, &keep, later).unwrap();
        restores.push(t.elapsed());
    }
    assert_eq!(store.all_pilots().unwrap().len(), 10_000);
    let size = std::fs::metadata(&backup).unwrap().len();
    // The cost of the audit triggers: the same load without them.
    let plain_db = dir.path().join("ohne-protokoll.sqlite3");
    let mut plain = Store::open(&plain_db).unwrap();
    {
        let c = Connection::open(&plain_db).unwrap();
        let names: Vec<String> = c
            .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit^_%^_%' ESCAPE '^'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for n in names {
            c.execute_batch(&format!("DROP TRIGGER {n}")).unwrap();
        }
    }
    let t = Instant::now();
    demo::load_many(&mut plain, today(), "Bench", 10_000).unwrap();
    println!("demo load without audit triggers: {:?}", t.elapsed());
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    println!(
        "10,000 pilots: demo load {load:?} ({audit_rows} audit rows); file {:.1} MB; \
         backup_to median {:?} (all {backups:?}); check_backup_file median {:?}; \
         restore_from median {:?} (all {restores:?})",
        size as f64 / 1e6,
        median(&mut backups.clone()),
        median(&mut checks),
        median(&mut restores.clone()),
    );
}
