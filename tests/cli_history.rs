//! Entry with history from the command line (issue 12), on the real `lotsen` binary and a real
//! database file: every new command once as it should work and once refused — with its German
//! message, exit code 1, nothing on stdout, and the database file unchanged row for row — plus a
//! scripted migration of a pilot "im Programm seit 01.03.2024" whose November run pays 130,00 €.

use std::path::Path;
use std::process::{Command, Output};

/// The day the rules use in these tests.
const TODAY: &str = "2026-12-01";

fn lotsen(db: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lotsen"));
    cmd.arg("--db").arg(db);
    if !args.contains(&"--today") {
        cmd.args(["--today", TODAY]);
    }
    cmd.args(args)
        .env_remove("LOTSEN_DB")
        .env_remove("LOTSEN_TODAY")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs a command that must succeed; its stdout.
fn ok(db: &Path, args: &[&str]) -> String {
    let out = lotsen(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

/// Every row of every table, in a fixed order: equal before and after means nothing was written.
/// Every stored fact; not the timelines, a cache of the facts the first read builds (db/timelines.rs).
fn snapshot(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = c
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'timelines' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut all = String::new();
    for t in tables {
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap();
        for row in rows {
            all.push_str(&format!("{t}: {:?}\n", row.unwrap()));
        }
    }
    all
}

/// Runs a command that must be refused: exit code 1, nothing on stdout, the database unchanged.
/// Returns stderr for the message check.
fn refused(db: &Path, args: &[&str]) -> String {
    let before = snapshot(db);
    let out = lotsen(db, args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}: {}", text(&out.stdout));
    assert!(err.starts_with("Fehler:"), "{args:?}: {err}");
    assert_eq!(snapshot(db), before, "{args:?} wrote to the database");
    err
}

/// A pilot "im Programm seit 01.03.2024" in Halberstadt with an account; returns the number.
fn add_pilot(db: &Path, first: &str) -> String {
    let out = lotsen(
        db,
        &[
            "pilots",
            "add",
            "--first-name",
            first,
            "--last-name",
            "Seit",
            "--municipality",
            "Halberstadt",
            "--iban",
            "DE89 3704 0044 0532 0130 00",
            "--account-holder",
            &format!("{first} Seit"),
            "--since",
            "2024-03-01",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("im Programm seit 01.03.2024"),
        "{}",
        text(&out.stderr)
    );
    text(&out.stdout).trim().to_string()
}

fn add_efz(db: &Path, id: &str) -> String {
    ok(
        db,
        &[
            "screening",
            "add",
            id,
            "--letter-on",
            "2024-02-01",
            "--certificate-dated",
            "2024-02-10",
            "--inspected-on",
            "2024-03-01",
            "--inspected-by",
            "Frau Krüger",
            "--result",
            "clear",
        ],
    )
}

fn add_test(db: &Path, id: &str, on: &str, points: &str, interview: &str) -> String {
    ok(
        db,
        &[
            "test",
            "add",
            id,
            "--on",
            on,
            "--points",
            points,
            "--max",
            "50",
            "--interview",
            interview,
            "--interviewer",
            "Herr Weiß",
        ],
    )
}

/// The pilot qualified in spring 2024: eFZ, all five modules, test passed.
fn qualified_pilot(db: &Path, first: &str) -> String {
    let id = add_pilot(db, first);
    add_efz(db, &id);
    ok(
        db,
        &[
            "pilots",
            "status",
            &id,
            "in_qualification",
            "--on",
            "2024-03-05",
        ],
    );
    ok(db, &["modules", "add", &id, "1-5", "--on", "2024-04-15"]);
    add_test(db, &id, "2024-05-20", "40", "passed");
    ok(
        db,
        &["pilots", "status", &id, "qualified", "--on", "2024-05-20"],
    );
    id
}

fn record(db: &Path, id: &str) -> serde_json::Value {
    json(db, &["pilots", "show", id, "--json"])
}

#[test]
fn the_snapshot_sees_a_write_and_reading_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite3");
    let id = add_pilot(&db, "Alma");
    let before = snapshot(&db);
    ok(&db, &["pilots", "show", &id]);
    ok(&db, &["pilots", "list", "--json"]);
    assert_eq!(snapshot(&db), before, "reading writes nothing");
    ok(&db, &["modules", "add", &id, "2", "--on", "2024-04-01"]);
    assert_ne!(snapshot(&db), before, "a write is seen");
}

/// The whole past of a pilot entered through the command line, as an office migrates by script;
/// the first run after switching pays the full month, not pro rata from the day of entry.
#[test]
fn a_scripted_migration_pays_the_full_november() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite3");
    let id = add_pilot(&db, "Greta");
    let said = add_efz(&db, &id);
    assert_eq!(
        said.trim(),
        "Greta Seit: eFZ eingetragen (Bestätigungsschreiben vom 01.02.2024; Führungszeugnis vom \
         10.02.2024, eingesehen am 01.03.2024 von Frau Krüger, ohne relevanten Eintrag). \
         Führungszeugnis jetzt: gültig"
    );
    let said = ok(
        &db,
        &[
            "pilots",
            "status",
            &id,
            "in_qualification",
            "--on",
            "2024-03-05",
        ],
    );
    assert_eq!(
        said.trim(),
        "Greta Seit: Status In Qualifizierung ab 05.03.2024"
    );
    let said = ok(
        &db,
        &[
            "modules",
            "add",
            &id,
            "1-3",
            "4,5",
            "--on",
            "2024-04-15",
            "--note",
            "Basislehrgang 2024, vor der App",
        ],
    );
    assert!(
        said.starts_with("Greta Seit: anerkannt am 15.04.2024: Modul 1: "),
        "{said}"
    );
    assert!(
        said.trim().ends_with("Basislehrgang: 5 von 5 Modulen"),
        "{said}"
    );
    let said = add_test(&db, &id, "2024-05-20", "40", "bestanden");
    assert_eq!(
        said.trim(),
        "Greta Seit: Abschlusstest vom 20.05.2024 eingetragen: 40 von 50 Punkten \
         (Bestehensgrenze 60 %), Gespräch bestanden – bestanden"
    );
    ok(
        &db,
        &["pilots", "status", &id, "qualified", "--on", "2024-05-20"],
    );
    let said = ok(
        &db,
        &[
            "pilots",
            "status",
            &id,
            "Aktiv",
            "--on",
            "2024-06-01",
            "--note",
            "Berufen",
        ],
    );
    assert_eq!(said.trim(), "Greta Seit: Status Aktiv ab 01.06.2024");
    ok(
        &db,
        &["modules", "add", &id, "Auffrischung", "--on", "2024-10-01"],
    );
    let said = ok(
        &db,
        &[
            "pilots",
            "district",
            &id,
            "Quedlinburg",
            "--on",
            "2025-05-01",
            "--note",
            "Umzug nach Thale",
        ],
    );
    assert_eq!(
        said.trim(),
        "Greta Seit: Altkreis Quedlinburg ab 01.05.2025 (vorher Halberstadt)"
    );

    let r = record(&db, &id);
    assert_eq!(r["status"], "active");
    assert_eq!(r["eligible"], true);
    assert_eq!(r["in_programme_since"], "2024-03-01");
    assert_eq!(r["appointed_on"], "2024-06-01");
    assert_eq!(r["refresher"]["state"], "done");
    assert_eq!(r["history"].as_array().unwrap().len(), 4);
    let modules = r["modules"].as_array().unwrap();
    assert!(modules
        .iter()
        .all(|m| m["done"] == true && m["recognised"] == true));
    assert_eq!(modules[0]["note"], "Basislehrgang 2024, vor der App");
    assert_eq!(
        r["credits"].as_array().unwrap().len(),
        6,
        "5 modules + refresher"
    );
    assert_eq!(r["district_history"][0]["from"], "Halberstadt");
    assert_eq!(r["district_history"][0]["to"], "Quedlinburg");
    assert_eq!(r["district_history"][0]["effective_on"], "2025-05-01");
    let shown = ok(&db, &["pilots", "show", &id]);
    for line in [
        "Im Programm seit: 01.03.2024",
        "01.05.2025   Halberstadt   Quedlinburg   Umzug nach Thale",
        "✓ 15.04.2024 anerkannt   Basislehrgang 2024, vor der App",
        "20.05.2024    40/50     60 %   bestanden   Herr Weiß   bestanden",
        "Berufen am: 01.06.2024   Auffrischung: besucht am 01.10.2024",
    ] {
        assert!(shown.contains(line), "{line}\n{shown}");
    }

    ok(&db, &["run", "create", "2026-11"]);
    let run = json(&db, &["run", "show", "2026-11", "--json"]);
    let lines = run["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["pilot_id"].to_string(), id);
    assert_eq!(lines[0]["eligible_days"], 30);
    assert_eq!(lines[0]["amount_cents"], 13_000, "130,00 €");
    assert_eq!(lines[0]["district"], "Quedlinburg");
    assert_eq!(run["total_cents"], 13_000);
    // The coverage of a month before the move counts her in Halberstadt.
    let c = json(&db, &["coverage", "--date", "2025-04-30", "--json"]);
    let eligible_in = |district: &str| {
        c["districts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["district"] == district)
            .unwrap()["eligible"]
            .clone()
    };
    assert_eq!(eligible_in("Halberstadt"), 1, "{c}");
    assert_eq!(eligible_in("Quedlinburg"), 0, "{c}");
}

#[test]
fn pilots_add_since() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite3");
    let id = add_pilot(&db, "Hanna");
    assert_eq!(record(&db, &id)["in_programme_since"], "2024-03-01");
    // Without --since: today.
    let out = lotsen(
        &db,
        &[
            "pilots",
            "add",
            "--first-name",
            "Ida",
            "--last-name",
            "Heute",
        ],
    );
    assert!(text(&out.stderr).contains("im Programm seit 01.12.2026"));
    let err = refused(
        &db,
        &[
            "pilots",
            "add",
            "--first-name",
            "Jan",
            "--last-name",
            "Später",
            "--since",
            "2026-12-02",
        ],
    );
    assert!(
        err.contains(
            "„Im Programm seit“ darf nicht in der Zukunft liegen (heute ist der 01.12.2026)."
        ),
        "{err}"
    );
    let err = refused(
        &db,
        &[
            "pilots",
            "add",
            "--first-name",
            "Jan",
            "--last-name",
            "Später",
            "--since",
            "31.02.2024",
        ],
    );
    assert!(
        err.contains("„Im Programm seit“ ist kein gültiges Datum (TT.MM.JJJJ): „31.02.2024“."),
        "{err}"
    );
    assert_eq!(
        json(&db, &["pilots", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn pilots_status_in_the_past() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite3");
    let id = add_pilot(&db, "Karl");
    ok(
        &db,
        &[
            "pilots",
            "status",
            &id,
            "in qualifizierung",
            "--on",
            "2024-03-05",
        ],
    );
    // The eFZ was inspected only on 10.06.2024: an appointment on 01.06.2024 is refused.
    ok(
        &db,
        &[
            "screening",
            "add",
            &id,
            "--certificate-dated",
            "2024-06-01",
            "--inspected-on",
            "2024-06-10",
            "--inspected-by",
            "Frau Krüger",
            "--result",
            "ohne Eintrag",
        ],
    );
    ok(&db, &["modules", "add", &id, "1-5", "--on", "2024-04-15"]);
    add_test(&db, &id, "2024-05-20", "40", "passed");
    ok(
        &db,
        &["pilots", "status", &id, "qualified", "--on", "2024-05-20"],
    );
    let err = refused(
        &db,
        &["pilots", "status", &id, "active", "--on", "2024-06-01"],
    );
    assert!(err.contains("Berufung nicht möglich"), "{err}");
    assert!(
        err.contains("Führungszeugnis nicht gültig am 01.06.2024 (erst am 10.06.2024 eingesehen)"),
        "{err}"
    );
    let err = refused(
        &db,
        &["pilots", "status", &id, "urlaub", "--on", "2024-06-01"],
    );
    assert!(
        err.contains("Status „urlaub“ ist unbekannt; möglich: Interessent"),
        "{err}"
    );
    let err = refused(
        &db,
        &["pilots", "status", &id, "active", "--on", "2026-12-02"],
    );
    assert!(
        err.contains("„Wirksam ab“ darf nicht in der Zukunft liegen"),
        "{err}"
    );
    let err = refused(
        &db,
        &["pilots", "status", "99", "active", "--on", "2024-06-15"],
    );
    assert!(err.contains("Lotse Nr. 99 gibt es nicht."), "{err}");
    // Status and date wrong at once: both named.
    let err = refused(&db, &["pilots", "status", &id, "urlaub", "--on", "morgen"]);
    assert!(
        err.contains("Status „urlaub“") && err.contains("„Wirksam ab“"),
        "{err}"
    );

    let said = ok(
        &db,
        &["pilots", "status", &id, "active", "--on", "2024-06-15"],
    );
    assert_eq!(said.trim(), "Karl Seit: Status Aktiv ab 15.06.2024");
    assert_eq!(record(&db, &id)["appointed_on"], "2024-06-15");
    // Before the latest change: refused.
    let err = refused(
        &db,
        &["pilots", "status", &id, "paused", "--on", "2024-06-14"],
    );
    assert!(err.contains("14.06.2024"), "{err}");
}

/// Storno: a mistaken Ausgeschieden is cancelled; the eFZ facts stay, the history shows it.
#[test]
fn pilots_status_undo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite3");
    let lone = add_pilot(&db, "Lone");
    let err = refused(
        &db,
        &["pilots", "status", &lone, "--undo", "--reason", "Versehen"],
    );
    assert!(
        err.contains("Der erste Eintrag „Interessent“ kann nicht storniert werden"),
        "{err}"
    );

    let id = qualified_pilot(&db, "Mara");
    ok(
        &db,
        &["pilots", "status", &id, "active", "--on", "2024-06-01"],
    );
    ok(
        &db,
        &[
            "pilots",
            "status",
            &id,
            "ausgeschieden",
            "--on",
            "2026-11-30",
        ],
    );
    assert_eq!(record(&db, &id)["status"], "left");
    let err = refused(&db, &["pilots", "status", &id, "--undo", "--reason", "  "]);
    assert!(err.contains("Grund für das Storno fehlt."), "{err}");
    let err = refused(
        &db,
        &["pilots", "status", "99", "--undo", "--reason", "Versehen"],
    );
    assert!(err.contains("Lotse Nr. 99 gibt es nicht."), "{err}");

    let said = ok(
        &db,
        &[
            "pilots",
            "status",
            &id,
            "--undo",
            "--reason",
            "falsche Person angeklickt",
        ],
    );
    assert_eq!(
        said.trim(),
        "Mara Seit: Statusänderung „Ausgeschieden“ ab 30.11.2026 storniert (bleibt als storniert \
         im Verlauf); Status jetzt Aktiv"
    );
    let r = record(&db, &id);
    assert_eq!(r["status"], "active");
    assert_eq!(r["eligible"], true);
    assert_eq!(
        r["screening"]["certificate_dated"], "2024-02-10",
        "eFZ kept"
    );
    assert_eq!(r["cancelled_changes"][0]["status"], "left");
    assert_eq!(
        r["cancelled_changes"][0]["reason"],
        "falsche Person angeklickt"
    );
    let shown = ok(&db, &["pilots", "show", &id]);
    assert!(
        shown.contains("Storniert:") && shown.contains("Ausgeschieden   Koordination"),
        "{shown}"
    );
    assert!(shown.contains("falsche Person angeklickt"), "{shown}");
}

#[test]
fn pilots_district() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite3");
    let id = add_pilot(&db, "Nils");
    for (args, message) in [
        (
            ["Harzgerode", "2025-05-01"],
            "Altkreis „Harzgerode“ ist unbekannt.",
        ),
        (
            ["Halberstadt", "2025-05-01"],
            "Der Altkreis ist bereits „Halberstadt“.",
        ),
        (
            ["Wernigerode", "2026-12-24"],
            "„Wirksam ab“ darf nicht in der Zukunft liegen",
        ),
        (
            ["Wernigerode", "Mai 2025"],
            "„Wirksam ab“ ist kein gültiges Datum (TT.MM.JJJJ): „Mai 2025“.",
        ),
    ] {
        let err = refused(&db, &["pilots", "district", &id, args[0], "--on", args[1]]);
        assert!(err.contains(message), "{args:?}: {err}");
    }
    let said = ok(
        &db,
        &[
            "pilots",
            "district",
            &id,
            "Wernigerode",
            "--on",
            "2025-05-01",
        ],
    );
    assert_eq!(
        said.trim(),
        "Nils Seit: Altkreis Wernigerode ab 01.05.2025 (vorher Halberstadt)"
    );
    let err = refused(
        &db,
        &[
            "pilots",
            "district",
            &id,
            "Quedlinburg",
            "--on",
            "2025-04-01",
        ],
    );
    assert!(
        err.contains("vor dem letzten Altkreis-Wechsel am 01.05.2025"),
        "{err}"
    );
    let r = record(&db, &id);
    assert_eq!(r["pilot"]["district"], "Wernigerode");
    assert_eq!(r["district_history"].as_array().unwrap().len(), 1);
}

#[test]
fn screening_add() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite3");
    let id = add_pilot(&db, "Olga");
    let said = ok(&db, &["screening", "add", &id, "--letter-on", "2026-11-02"]);
    assert_eq!(
        said.trim(),
        "Olga Seit: eFZ eingetragen (Bestätigungsschreiben vom 02.11.2026). Führungszeugnis \
         jetzt: beantragt"
    );
    let base = ["screening", "add", id.as_str()];
    let with = |extra: &[&'static str]| -> Vec<&str> {
        base.iter().copied().chain(extra.iter().copied()).collect()
    };
    for (extra, messages) in [
        (
            &[][..],
            &["Weder Bestätigungsschreiben noch Einsichtnahme angegeben."][..],
        ),
        (
            &["--certificate-dated", "2026-11-10", "--result", "clear"],
            &["Das Datum der Einsichtnahme fehlt."],
        ),
        (
            &[
                "--certificate-dated",
                "2026-11-10",
                "--inspected-on",
                "2026-11-20",
                "--result",
                "vielleicht",
                "--inspected-by",
                "Frau Krüger",
            ],
            &["Ergebnis „vielleicht“ ist unbekannt"],
        ),
        (
            &[
                "--certificate-dated",
                "2026-11-10",
                "--inspected-on",
                "2026-12-05",
                "--result",
                "clear",
            ],
            &[
                "Das Datum der Einsichtnahme darf nicht in der Zukunft liegen.",
                "Es fehlt, wer das Zeugnis eingesehen hat.",
            ],
        ),
        (
            &["--letter-on", "2.11.26"],
            &["„Bestätigungsschreiben vom“ ist kein gültiges Datum"],
        ),
    ] {
        let err = refused(&db, &with(extra));
        for m in messages {
            assert!(err.contains(m), "{extra:?}: {err}");
        }
    }
    let said = ok(
        &db,
        &with(&[
            "--certificate-dated",
            "2026-11-10",
            "--inspected-on",
            "2026-11-20",
            "--inspected-by",
            "Frau Krüger",
            "--result",
            "relevant_entry",
        ]),
    );
    assert!(
        said.contains("relevanter Eintrag). Führungszeugnis jetzt: relevanter Eintrag"),
        "{said}"
    );
    let r = record(&db, &id);
    assert_eq!(r["screening"]["result"], "relevant_entry");
    assert_eq!(r["screening"]["inspected_by"], "Frau Krüger");
}

#[test]
fn modules_add() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite3");
    let id = add_pilot(&db, "Paul");
    for (args, message) in [
        (
            ["6", "2024-04-15"],
            "Module: „6“ ist keine Modulnummer (1 bis 5).",
        ),
        (["3-1", "2024-04-15"], "der Bereich ist verkehrt herum"),
        (["2", "2026-12-02"], "darf nicht in der Zukunft liegen"),
        (["2", "15.4."], "„Datum“ ist kein gültiges Datum"),
    ] {
        let err = refused(&db, &["modules", "add", &id, args[0], "--on", args[1]]);
        assert!(err.contains(message), "{args:?}: {err}");
    }
    let said = ok(
        &db,
        &[
            "modules",
            "add",
            &id,
            "1",
            "2",
            "--on",
            "2024-04-15",
            "--note",
            "VHS Halberstadt",
        ],
    );
    assert!(
        said.starts_with("Paul Seit: anerkannt am 15.04.2024: Modul 1: Mögliches und Unmögliches"),
        "{said}"
    );
    assert!(
        said.trim().ends_with("Basislehrgang: 2 von 5 Modulen"),
        "{said}"
    );
    let r = record(&db, &id);
    let done: Vec<bool> = r["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["done"] == true)
        .collect();
    assert_eq!(done, [true, true, false, false, false]);
    assert_eq!(r["modules"][1]["note"], "VHS Halberstadt");
}

#[test]
fn test_add() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite3");
    let id = qualified_pilot(&db, "Rosa");
    let base = |on: &'static str, points: &'static str, interview: &'static str| {
        vec![
            "test",
            "add",
            id.as_str(),
            "--on",
            on,
            "--points",
            points,
            "--max",
            "50",
            "--interview",
            interview,
            "--interviewer",
            "Herr Weiß",
        ]
    };
    let err = refused(&db, &base("32.05.2024", "viele", "vielleicht"));
    for m in [
        "„Testdatum“ ist kein gültiges Datum (TT.MM.JJJJ): „32.05.2024“.",
        "„Punkte“ muss eine ganze Zahl sein, nicht „viele“.",
        "Gespräch „vielleicht“: erwartet „bestanden“ (passed) oder „nicht bestanden“ (failed).",
    ] {
        assert!(err.contains(m), "{m}: {err}");
    }
    let err = refused(&db, &base("2026-12-02", "40", "passed"));
    assert!(err.contains("darf nicht in der Zukunft liegen"), "{err}");
    ok(
        &db,
        &["pilots", "status", &id, "active", "--on", "2024-06-01"],
    );
    // A failed attempt before the appointment would leave it without a passed test.
    let err = refused(&db, &base("2024-05-25", "10", "failed"));
    assert!(
        err.contains(
            "Das passt nicht zur bisherigen Historie: Berufung am 01.06.2024: Abschlusstest nicht bestanden."
        ),
        "{err}"
    );
    let said = ok(&db, &base("2026-11-20", "20", "nicht bestanden"));
    assert_eq!(
        said.trim(),
        "Rosa Seit: Abschlusstest vom 20.11.2026 eingetragen: 20 von 50 Punkten \
         (Bestehensgrenze 60 %), Gespräch nicht bestanden – nicht bestanden"
    );
    let r = record(&db, &id);
    assert_eq!(r["attempts"].as_array().unwrap().len(), 2);
    assert_eq!(r["attempts"][1]["passed"], false);
}

/// `demo --pilots N` is complete: approval and the SEPA file work on it without further setup.
#[test]
fn demo_with_pilots_is_complete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite3");
    ok(&db, &["check"]);
    let err = refused(&db, &["demo", "--pilots", "0"]);
    assert!(
        err.contains("Anzahl der Demo-Lotsen: 1 bis 100000."),
        "{err}"
    );
    let said = ok(&db, &["demo", "--pilots", "12"]);
    assert!(said.starts_with("12 fiktive Lotsen angelegt"), "{said}");
    assert!(said.contains("Budget für 2025 und 2026"), "{said}");
    assert_eq!(
        json(&db, &["pilots", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        12
    );
    let err = refused(&db, &["demo", "--pilots", "5"]);
    assert!(err.contains("bereits Lotsen"), "{err}");

    ok(&db, &["run", "create", "2026-11"]);
    ok(&db, &["run", "approve", "2026-11"]);
    let sepa = dir.path().join("demo.xml");
    ok(&db, &["sepa", "2026-11", "--out", sepa.to_str().unwrap()]);
    let xml = std::fs::read_to_string(&sepa).unwrap();
    assert!(xml.contains("pain.001.001.09"), "{xml}");
    assert!(xml.contains("Landkreis Harz (Demo)"), "{xml}");
}

/// The new commands' usage errors and help are German too.
#[test]
fn usage_errors_of_the_new_commands_are_german() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usage.sqlite3");
    let english = [
        "error:",
        "Usage:",
        "unexpected",
        "required",
        "invalid",
        "tip:",
        "For more information",
        "Options:",
        "Commands:",
        "Print help",
        "unrecognized",
        "provided",
        "cannot be used",
        "supplied",
        "a value",
    ];
    let bad: &[&[&str]] = &[
        &["pilots", "status", "1", "--undo"],
        &["pilots", "status", "1", "active", "--undo", "--reason", "x"],
        &["pilots", "status", "1", "active"],
        &["pilots", "district", "1"],
        &[
            "pilots",
            "add",
            "--first-name",
            "A",
            "--last-name",
            "B",
            "--since",
        ],
        &["screening", "add"],
        &["screening", "add", "x", "--letter-on", "2024-01-01"],
        &["modules", "add", "1", "--on", "2024-01-01"],
        &["test", "add", "1", "--on", "2024-01-01"],
        &["demo", "--pilots", "viele"],
        &["demo", "--pilots"],
        &["test"],
    ];
    for args in bad {
        let out = lotsen(&db, args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with("Fehler:") || err.contains("Aufruf:"),
            "{args:?}: {err}"
        );
        for word in english {
            assert!(
                !err.contains(word),
                "{args:?} prints English „{word}“: {err}"
            );
        }
    }
    let err = text(&lotsen(&db, &["demo", "--pilots"]).stderr);
    assert!(
        err.starts_with("Fehler: es fehlt ein Wert für „--pilots <ANZAHL>“\n"),
        "{err}"
    );
    for args in [
        &["pilots", "status", "--help"][..],
        &["pilots", "district", "-h"],
        &["screening", "add", "--help"],
        &["modules", "add", "--help"],
        &["test", "add", "--help"],
        &["demo", "--help"],
    ] {
        let out = lotsen(&db, args);
        assert!(out.status.success(), "{args:?}");
        let help = text(&out.stdout);
        assert!(
            help.contains("Aufruf:") && help.contains("Hilfe anzeigen"),
            "{help}"
        );
        for word in english {
            assert!(
                !help.contains(word),
                "{args:?} help prints English „{word}“"
            );
        }
    }
}

/// `lotsen import` prints per row what the preview knows: the status and eligibility a new row
/// gives today, its errors, and the warning of a formula-looking note kept as text.
#[test]
fn import_report_names_status_errors_and_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("import.sqlite3");
    let head = "Vorname;Nachname;Gemeinde;Status;Im Programm seit;Berufen am;eFZ ausgestellt am;\
                eFZ eingesehen am;eFZ eingesehen von;eFZ Ergebnis;Module;Module am;Abschlusstest am;\
                Test Punkte;Test Höchstpunkte;Gespräch;Notizen";
    let past = "1.3.2024;1.6.2024;10.2.2024;1.3.2024;Frau Krüger;ohne Eintrag;1-5;15.4.2024;20.5.2024;40;50";
    let csv = format!(
        "{head}\r\nAnna;Aktiv;Halberstadt;aktiv;{past};bestanden;\"=HYPERLINK(\"\"x\"\")\"\r\n\
         Ben;Durchgefallen;Thale;Aktiv;{past};nicht bestanden;\r\n"
    );
    let file = dir.path().join("liste.csv");
    std::fs::write(&file, csv).unwrap();
    ok(&db, &["check"]);
    let before = snapshot(&db);
    let preview = ok(&db, &["import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(snapshot(&db), before, "a preview writes nothing");
    let imported = ok(&db, &["import", file.to_str().unwrap()]);
    for out in [&preview, &imported] {
        let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Aktiv – einsatzbereit, im Programm seit 01.03.2024"),
            "{out}"
        );
        assert!(
            flat.contains("Hinweis: Notizen: Zelle beginnt mit „=“"),
            "{out}"
        );
        assert!(
            flat.contains("Berufung am 01.06.2024: Abschlusstest nicht bestanden."),
            "{out}"
        );
        assert!(
            flat.contains("1 neu, 0 doppelt, 1 fehlerhaft, 1 mit Hinweis"),
            "{out}"
        );
    }
    assert!(imported.contains("1 Lotsen übernommen"), "{imported}");
}
