//! Forgetting that cannot be blocked (issue 13) on real SQLite files: the eFZ deletion runs before
//! and independent of the daily backup, leaves no copy in the database file, its WAL or any file
//! in the backup folder, and a restore cannot bring deleted data back.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lotsen::app::data::RestoreChoice;
use lotsen::app::{Clock, Session};
use lotsen::domain::screening::{Screening, ScreeningResult};
use lotsen::{Error, PilotInput, Store};
use rusqlite::Connection;

/// The inspector's name: recognisable, and nowhere else in the database (the desk user differs).
const INSPECTOR: &str = "Wilhelmine Rabenschwarz";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The database of a pilot Aktiv from 05.01.2026 who left on 01.03.2026 (last day of service
/// 28.02.2026, deletion due 28.08.2026), and a pilot who stays. Returns the database path and the
/// leaving pilot's id.
fn database(dir: &Path) -> (PathBuf, i64) {
    let db = dir.join("daten").join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store.set_actor("Frau Schmidt");
    let input = |first: &str, last: &str| PilotInput {
        first_name: first.into(),
        last_name: last.into(),
        postcode: "06484".into(),
        town: "Quedlinburg".into(),
        municipality: Some("Quedlinburg".into()),
        ..Default::default()
    };
    let id = store
        .create_pilot(&input("Lena", "Gegangen"), d(2025, 10, 1), "T")
        .unwrap()
        .id;
    let stays = store
        .create_pilot(&input("Olga", "Bleibt"), d(2025, 10, 1), "T")
        .unwrap()
        .id;
    for pilot in [id, stays] {
        store
            .save_screening(
                pilot,
                None,
                &Screening {
                    letter_issued_on: Some(d(2025, 10, 2)),
                    certificate_dated: Some(d(2025, 10, 17)),
                    inspected_on: Some(d(2025, 11, 3)),
                    inspected_by: if pilot == id {
                        INSPECTOR.into()
                    } else {
                        "Herr Meier".into()
                    },
                    result: Some(ScreeningResult::Clear),
                },
                d(2025, 11, 3),
            )
            .unwrap();
    }
    common::way::served_and_left_written_directly(&db, id);
    (db, id)
}

fn session(db: &Path, day: NaiveDate) -> Session {
    Session::open(db, Clock::fixed(day)).unwrap()
}

fn contains(path: &Path, needle: &str) -> bool {
    std::fs::read(path)
        .map(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .unwrap_or(false)
}

fn with_suffix(db: &Path, suffix: &str) -> PathBuf {
    let mut s = db.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Every file of the database (file, WAL) and of the backup folder that holds `needle`, by name.
fn files_holding(db: &Path, needle: &str) -> Vec<String> {
    let mut files = vec![db.to_path_buf(), with_suffix(db, "-wal")];
    if let Ok(entries) = std::fs::read_dir(lotsen::db::backup_dir_of(db)) {
        files.extend(entries.flatten().map(|e| e.path()));
    }
    files
        .into_iter()
        .filter(|p| contains(p, needle))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

fn screening_rows(db: &Path, pilot: i64) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM screenings WHERE pilot_id = ?1",
            [pilot],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn inspector_name_gone_from_database_wal_and_every_backup_on_the_due_day() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = database(dir.path());
    // Fourteen days of daily care before the due day, a backup by hand, one before a restore.
    for day in 14..=27 {
        let mut s = session(&db, d(2026, 8, day));
        assert_eq!(s.daily_care().problems, vec![]);
    }
    let s = session(&db, d(2026, 8, 27));
    s.backup_now(&|_| {}).unwrap();
    let backups = lotsen::db::backup_dir_of(&db);
    std::fs::copy(
        backups.join("lotsenbuero-2026-08-20.sqlite3"),
        backups.join("lotsenbuero-vor-wiederherstellung-2026-08-21-101500.sqlite3"),
    )
    .unwrap();
    drop(s);
    // The day before: the name is in the database and in all 16 backups.
    let before = files_holding(&db, INSPECTOR);
    assert!(
        before.contains(&"lotsenbuero.sqlite3".to_string()),
        "{before:?}"
    );
    assert_eq!(
        before
            .iter()
            .filter(|f| f.starts_with("lotsenbuero-"))
            .count(),
        16,
        "{before:?}"
    );
    println!("Am Vortag (27.08.2026) enthalten den Namen: {before:?}");

    // The due day: the app starts, the care runs.
    let mut s = session(&db, d(2026, 8, 28));
    let done = s.daily_care();
    assert_eq!(done.problems, vec![]);
    assert_eq!(done.deleted.len(), 1);
    assert_eq!(done.backups_cleaned.len(), 16);
    let after = files_holding(&db, INSPECTOR);
    assert_eq!(after, Vec::<String>::new(), "name still in {after:?}");
    println!(
        "Am Fälligkeitstag (28.08.2026) enthalten den Namen: {after:?} ({} Dateien geprüft)",
        std::fs::read_dir(&backups).unwrap().count() + 2
    );
    // The other pilot's screening stays, in the database and in the backups.
    assert!(!files_holding(&db, "Herr Meier").is_empty());
    assert_eq!(screening_rows(&db, id), 0);
    // Every backup is still a sound backup, and records the deletion.
    for b in lotsen::db::list_backups(&backups).unwrap() {
        lotsen::db::check_backup_file(&b.path).unwrap();
        assert_eq!(screening_rows(&b.path, id), 0, "{}", b.file_name);
    }
    drop(s);
    // The next start finds nothing to do.
    let done = session(&db, d(2026, 8, 29)).daily_care();
    assert!(done.deleted.is_empty() && done.backups_cleaned.is_empty());
}

#[test]
fn deletion_happens_when_the_backup_folder_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = database(dir.path());
    assert_eq!(session(&db, d(2026, 8, 27)).daily_care().problems, vec![]);
    // A file where the backup folder should be.
    let backups = lotsen::db::backup_dir_of(&db);
    std::fs::remove_dir_all(&backups).unwrap();
    std::fs::write(&backups, b"kein Ordner").unwrap();

    let mut s = session(&db, d(2026, 8, 28));
    let done = s.daily_care();
    assert_eq!(done.deleted.len(), 1, "the deletion ran");
    assert_eq!(screening_rows(&db, id), 0);
    assert!(!contains(&db, INSPECTOR) && !contains(&with_suffix(&db, "-wal"), INSPECTOR));
    let tasks: Vec<&str> = done.problems.iter().map(|p| p.task).collect();
    assert_eq!(tasks, ["deletion", "backup"], "{:?}", done.problems);
    assert!(done.problems[0].message.contains("Sicherungen"));
    assert!(done.problems[1].message.contains("Sicherung von Hand"));
}

#[test]
fn restore_of_an_old_backup_refused_until_the_deletion_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = database(dir.path());
    let s = session(&db, d(2026, 8, 27));
    // A backup taken to a USB stick the day before: outside the backup folder.
    let stick = dir.path().join("usb").join("alt.sqlite3");
    s.backup_to(&stick, &|_| {}).unwrap();
    drop(s);
    let mut s = session(&db, d(2026, 8, 28));
    assert_eq!(s.daily_care().deleted.len(), 1);
    assert!(
        contains(&stick, INSPECTOR),
        "a file elsewhere is not changed"
    );

    assert_eq!(s.restore_erasures(&stick).unwrap(), ["Gegangen, Lena"]);
    let e = s.restore_backup(&stick, None, false, &|_| {}).unwrap_err();
    let Error::Rule { message, missing } = &e else {
        panic!("{e:?}")
    };
    assert!(message.contains("--apply-deletion"), "{message}");
    assert_eq!(missing, &["Gegangen, Lena"]);
    assert_eq!(screening_rows(&db, id), 0, "nothing restored");

    let choice = RestoreChoice {
        apply_deletion: true,
        ..Default::default()
    };
    s.restore_backup_with(&stick, None, choice, &|_| {})
        .unwrap();
    assert!(
        !contains(&stick, INSPECTOR),
        "the erasure was applied to the file"
    );
    assert_eq!(screening_rows(&db, id), 0, "nothing erased came back");
    assert_eq!(
        s.store().screening_deleted_on(id).unwrap(),
        Some(d(2026, 8, 28))
    );
    assert_eq!(files_holding(&db, INSPECTOR), Vec::<String>::new());
    assert!(s.restore_erasures(&stick).unwrap().is_empty());
}

#[test]
fn after_a_restore_the_deletion_runs_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = database(dir.path());
    // A backup from before the deletion, restored on a later day: holds nothing erased yet (this
    // database never deleted), and the restored data is deleted at once.
    let s = session(&db, d(2026, 8, 1));
    let old = dir.path().join("alt.sqlite3");
    s.backup_to(&old, &|_| {}).unwrap();
    drop(s);
    let mut s = Session::new(
        Store::open(&dir.path().join("neu").join("lotsenbuero.sqlite3")).unwrap(),
        Clock::fixed(d(2026, 9, 1)),
    );
    s.restore_backup(&old, None, false, &|_| {}).unwrap();
    assert_eq!(screening_rows(s.db_path(), id), 0);
    assert_eq!(
        s.store().screening_deleted_on(id).unwrap(),
        Some(d(2026, 9, 1))
    );
}

fn lotsen(db: &Path, today: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lotsen"))
        .arg("--db")
        .arg(db)
        .args(["--today", today])
        .args(args)
        .env_remove("LOTSEN_DB")
        .env_remove("LOTSEN_TODAY")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `lotsen due --json` on `today`: (kind, date) of the kept-eFZ entries of pilot `id`.
fn due_of(db: &Path, today: &str, id: i64) -> Vec<(String, String)> {
    let out = lotsen(db, today, &["due", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["pilot_id"] == id)
        .filter(|i| i["kind"].as_str().unwrap().starts_with("efz_kept"))
        .map(|i| {
            (
                i["kind"].as_str().unwrap().to_string(),
                i["date"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Three pilots not in service with eFZ data (inspected 10.01.2025): Ruhend since 15.01.2026,
/// qualified since 01.02.2025 and never appointed, and a prospect with a relevant entry.
fn not_in_service(dir: &Path) -> (PathBuf, [i64; 3]) {
    let db = dir.join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let mut ids = [0; 3];
    let names = ["Ruhe", "Wartet", "Eintrag"];
    for (i, last) in names.iter().enumerate() {
        let input = PilotInput {
            first_name: "Rita".into(),
            last_name: (*last).into(),
            postcode: "06484".into(),
            town: "Quedlinburg".into(),
            municipality: Some("Quedlinburg".into()),
            ..Default::default()
        };
        ids[i] = store.create_pilot(&input, d(2024, 12, 1), "T").unwrap().id;
        let result = if i == 2 {
            ScreeningResult::RelevantEntry
        } else {
            ScreeningResult::Clear
        };
        store
            .save_screening(
                ids[i],
                None,
                &Screening {
                    letter_issued_on: None,
                    certificate_dated: Some(d(2025, 1, 5)),
                    inspected_on: Some(d(2025, 1, 10)),
                    inspected_by: INSPECTOR.into(),
                    result: Some(result),
                },
                d(2025, 1, 10),
            )
            .unwrap();
    }
    let c = Connection::open(&db).unwrap();
    let steps: [(i64, &str, &str); 4] = [
        (ids[0], "active", "2025-02-01"),
        (ids[0], "paused", "2026-01-15"),
        (ids[1], "qualified", "2025-02-01"),
        (ids[2], "in_qualification", "2025-02-01"),
    ];
    for (id, status, on) in steps {
        c.execute(
            "INSERT INTO status_changes (pilot_id, status, effective_on, note, who, recorded_at)
             VALUES (?1, ?2, ?3, '', 'Test', '2025-02-01T09:00:00Z')",
            rusqlite::params![id, status, on],
        )
        .unwrap();
    }
    (db, ids)
}

#[test]
fn due_list_names_kept_efz_data_on_the_boundary_days() {
    let dir = tempfile::tempdir().unwrap();
    let (db, [paused, waiting, entry]) = not_in_service(dir.path());
    let kind = |k: &str, date: &str| vec![(k.to_string(), date.to_string())];
    // Ruhend for more than six months: not on 15.07.2026, from 16.07.2026.
    assert_eq!(due_of(&db, "2026-07-15", paused), vec![]);
    assert_eq!(
        due_of(&db, "2026-07-16", paused),
        kind("efz_kept_paused", "2026-07-15")
    );
    // Never started: 12 months (the setting's default) after the inspection.
    let waiting_kept = |today| due_of(&db, today, waiting);
    assert_eq!(waiting_kept("2026-01-09"), vec![]);
    assert_eq!(
        waiting_kept("2026-01-10"),
        kind("efz_kept_not_started", "2026-01-10")
    );
    // The setting: 6 months.
    let out = lotsen(
        &db,
        "2025-03-01",
        &["settings", "set", "lifecycle.not_started_keep_months", "6"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(waiting_kept("2025-07-09"), vec![]);
    assert_eq!(
        waiting_kept("2025-07-10"),
        kind("efz_kept_not_started", "2025-07-10")
    );
    // A relevant entry who will not start: from the inspection on, not the day before.
    let entry_kept = |today| due_of(&db, today, entry);
    assert_eq!(entry_kept("2025-01-09"), vec![]);
    assert_eq!(
        entry_kept("2025-01-10"),
        kind("efz_kept_relevant_entry", "2025-01-10")
    );
}

#[test]
fn efz_data_erased_now_from_the_command_line_audited_without_values() {
    let dir = tempfile::tempdir().unwrap();
    let (db, [paused, _, entry]) = not_in_service(dir.path());
    // An active pilot's data is needed: refused (the paused pilot was active on 01.06.2025).
    let out = lotsen(
        &db,
        "2025-06-01",
        &["screening", "erase", &paused.to_string()],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("ist aktiv"),
        "{}",
        text(&out.stderr)
    );
    // A backup made before, in the backup folder: cleaned too.
    let out = lotsen(&db, "2026-07-16", &["maintenance"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Tägliche Sicherung geschrieben"));
    let out = lotsen(
        &db,
        "2026-07-16",
        &["screening", "erase", &paused.to_string()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Ruhe, Rita: eFZ-Daten gelöscht am 16.07.2026"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(screening_rows(&db, paused), 0);
    assert_eq!(screening_rows(&db, entry), 1, "others keep theirs");
    assert_eq!(due_of(&db, "2026-07-16", paused), vec![]);
    let backup = lotsen::db::backup_dir_of(&db).join("lotsenbuero-2026-07-16.sqlite3");
    assert_eq!(screening_rows(&backup, paused), 0);
    // The audit log: an erase entry without values; the earlier values blanked.
    let c = Connection::open(&db).unwrap();
    let (erase, unblanked): (i64, i64) = c
        .query_row(
            "SELECT sum(action = 'erase' AND old_value IS NULL AND new_value IS NULL),
                    sum(action <> 'erase' AND redacted = 0 AND (old_value IS NOT NULL OR new_value IS NOT NULL))
             FROM audit_log WHERE entity = 'screenings' AND pilot_id = ?1",
            [paused],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((erase, unblanked), (1, 0));
    // Nothing left to erase.
    let out = lotsen(
        &db,
        "2026-07-16",
        &["screening", "erase", &paused.to_string()],
    );
    assert!(text(&out.stderr).contains("keine Daten zum Führungszeugnis"));
}

#[test]
fn every_command_line_open_runs_the_deletion_check() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = database(dir.path());
    let out = lotsen(&db, "2026-08-27", &["check"]);
    assert!(out.status.success());
    assert_eq!(screening_rows(&db, id), 1);
    let out = lotsen(&db, "2026-08-28", &["check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Führungszeugnis-Daten gelöscht (§ 30a BZRG): Gegangen, Lena")
    );
    assert_eq!(screening_rows(&db, id), 0);
    assert!(!contains(&db, INSPECTOR) && !contains(&with_suffix(&db, "-wal"), INSPECTOR));
}

#[test]
fn a_database_on_a_network_drive_is_refused_with_a_fake_mount_table() {
    let dir = tempfile::tempdir().unwrap();
    let share = dir.path().canonicalize().unwrap().join("Rathaus");
    std::fs::create_dir_all(&share).unwrap();
    let table = dir.path().join("mountinfo");
    std::fs::write(
        &table,
        format!(
            "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n\
             40 27 0:45 / {} rw,relatime - cifs //rathaus/lotsen rw,vers=3.0\n",
            share.display()
        ),
    )
    .unwrap();
    let db = share.join("lotsenbuero.sqlite3");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lotsen"))
        .arg("--db")
        .arg(&db)
        .args(["pilots", "list"])
        .env("LOTSEN_MOUNTS", &table)
        .env_remove("LOTSEN_DB")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("liegt auf einem Netzlaufwerk (cifs unter"),
        "{err}"
    );
    assert!(
        err.contains("WAL-Modus funktioniert nicht") && err.contains("lokalen Datenträger"),
        "{err}"
    );
    assert!(!db.exists(), "nothing created on the share");
    // Beside the share, on the local disk: opened.
    let local = dir.path().join("lokal.sqlite3");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lotsen"))
        .arg("--db")
        .arg(&local)
        .args(["check"])
        .env("LOTSEN_MOUNTS", &table)
        .env_remove("LOTSEN_DB")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// The demo on 26.11.2026 with November approved on 1 December; Ayşe Demo-Öztürk leaves on
/// 15.12.2026: her register data is anonymised on 01.01.2037 (end of the 10th year after 2026).
fn demo_with_a_statement(dir: &Path) -> (PathBuf, i64, String, i64) {
    let db = dir.join("daten").join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    lotsen::db::demo::load(&mut store, d(2026, 11, 26), "T").unwrap();
    store
        .set_budget(
            &lotsen::domain::run::Budget {
                year: 2026,
                amount_cents: 4_680_000,
                notice_number: "HZ-4711".into(),
                notice_date: Some(d(2026, 1, 12)),
                budget_line: "31500.53100".into(),
            },
            "T",
        )
        .unwrap();
    let mut settings = store.settings().unwrap();
    settings.debtor.iban = "DE89370400440532013000".into();
    settings.debtor.bic = "NOLADE21HAL".into();
    store.save_settings(&settings).unwrap();
    store.create_run("2026-11", d(2026, 12, 1)).unwrap();
    let run = store.approve_run("2026-11", "T", d(2026, 12, 1)).unwrap();
    let line = run.lines.iter().find(|l| l.first_name == "Ayşe").unwrap();
    let id = line.pilot_id;
    store
        .change_status(
            id,
            lotsen::Status::Left,
            d(2026, 12, 15),
            "",
            "T",
            d(2026, 12, 15),
        )
        .unwrap();
    (
        db,
        id,
        line.statement_number.clone().unwrap(),
        line.net_cents,
    )
}

fn anonymisation_due(db: &Path, today: NaiveDate, id: i64) -> Vec<String> {
    session(db, today)
        .store()
        .due_list(today)
        .unwrap()
        .into_iter()
        .filter(|i| i.pilot_id == id && i.kind == "anonymisation_due")
        .map(|i| i.label)
        .collect()
}

#[test]
fn anonymised_on_the_boundary_day_statement_still_prints() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id, number, net) = demo_with_a_statement(dir.path());
    let iban = Store::open(&db).unwrap().get_pilot(id).unwrap().iban;
    assert!(!iban.is_empty());
    // Announced four weeks ahead: from 04.12.2036.
    assert_eq!(
        anonymisation_due(&db, d(2036, 12, 3), id),
        Vec::<String>::new()
    );
    assert_eq!(
        anonymisation_due(&db, d(2036, 12, 4), id),
        ["Demo-Öztürk, Ayşe: ausgeschieden, Aufbewahrungsfrist endet – die Stammdaten werden am 01.01.2037 anonymisiert (Abrechnungen bleiben)"]
    );
    // The day before: the name and the IBAN are in the database and in the day's backup.
    let done = session(&db, d(2036, 12, 31)).daily_care();
    assert!(
        done.anonymised.is_empty() && done.problems.is_empty(),
        "{:?}",
        done.problems
    );
    let before = files_holding(&db, "Öztürk");
    assert!(
        before.contains(&"lotsenbuero.sqlite3".to_string()),
        "{before:?}"
    );
    assert!(
        before.contains(&"lotsenbuero-2036-12-31.sqlite3".to_string()),
        "{before:?}"
    );

    let mut s = session(&db, d(2037, 1, 1));
    let done = s.daily_care();
    assert_eq!(done.problems, vec![]);
    // Every demo pilot who left in 2026, Ayşe among them.
    let mine: Vec<_> = done
        .anonymised
        .iter()
        .filter(|a| a.pilot_id == id)
        .collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].due_on, d(2037, 1, 1));
    for needle in ["Öztürk", "Ayşe", iban.as_str()] {
        assert_eq!(files_holding(&db, needle), Vec::<String>::new(), "{needle}");
    }
    let c = Connection::open(&db).unwrap();
    let copies: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE coalesce(old_value, '') || coalesce(new_value, '') || note LIKE '%Öztürk%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(copies, 0, "the change log keeps no copy");
    let p = s.store().get_pilot(id).unwrap();
    assert_eq!(
        (p.first_name.as_str(), p.last_name.as_str(), p.iban.as_str()),
        ("anonymisiert", "anonymisiert", "")
    );
    assert_eq!(s.store().anonymised_on(id).unwrap(), Some(d(2037, 1, 1)));
    // The statement still prints: "anonymisiert", its number and its amount.
    let (_, pdf) = s
        .store()
        .statement_for("2026-11", id, d(2037, 1, 2))
        .unwrap();
    let path = dir.path().join("abrechnung.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let printed = text(&out.stdout);
    assert!(printed.contains("anonymisiert"), "{printed}");
    assert!(printed.contains(&number), "{printed}");
    assert!(
        printed.contains(&lotsen::domain::money::Cents(net).to_string()),
        "{printed}"
    );
    assert!(!printed.contains("Öztürk"));
    // The Art. 15 export says when, never the values.
    let json = s.personal_data_export(id, "json").unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.bytes).unwrap();
    assert_eq!(json["anonymised_on"], "2037-01-01");
    assert_eq!(json["screening_deleted_on"], "2036-12-31");
    let pdf = s.personal_data_export(id, "pdf").unwrap();
    std::fs::write(&path, &pdf.bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let printed = text(&out.stdout).replace('\n', " ");
    assert!(printed.contains("am 01.01.2037 anonymisiert"), "{printed}");
    assert!(printed.contains("gelöscht (§ 30a BZRG)"), "{printed}");
    // Nothing more the next day; the change log says what happened, without values.
    assert!(session(&db, d(2037, 1, 2))
        .daily_care()
        .anonymised
        .is_empty());
    let note: String = c
        .query_row(
            "SELECT note FROM audit_log WHERE action = 'erase' AND entity = 'pilots' AND pilot_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(note.contains("anonymisiert"));
}
