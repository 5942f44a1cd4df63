//! The activity record (Tätigkeitsnachweis) and the gate "Auszahlung nur mit Tätigkeitsnachweis",
//! on a real database file, through the application layer and the `lotsen` binary; the payment
//! list read back with pdftotext.

mod common;

use common::way::appoint;

use std::path::Path;

use lotsen::app::activity::{TaskAreaInput, WaiverInput};
use lotsen::app::{Clock, Session};
use lotsen::domain::activity::ActivityInput;
use lotsen::domain::approval::Approval;
use lotsen::domain::run::Budget;
use lotsen::{Error, PilotInput};

fn session(path: &Path, today: &str) -> Session {
    let day = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
    Session::open(path, Clock::fixed(day)).unwrap()
}

/// A pilot active since 01.03.2026 with everything in place for payment.
fn active(s: &mut Session, first: &str, last: &str, iban: &str) -> i64 {
    let input = PilotInput {
        first_name: first.into(),
        last_name: last.into(),
        municipality: Some("Halberstadt".into()),
        iban: iban.into(),
        account_holder: format!("{first} {last}"),
        ..Default::default()
    };
    let id = s.add_pilot(&input, Some("01.01.2026")).unwrap().id;
    appoint(s, id, "10.12.2025", "05.01.2026");
    id
}

fn setup(path: &Path) -> (Session, [i64; 3]) {
    let mut s = session(path, "2026-12-02");
    s.store_mut()
        .set_budget(
            &Budget {
                year: 2026,
                amount_cents: 1_000_000,
                notice_number: "HZ-1".into(),
                notice_date: None,
                budget_line: "31500".into(),
            },
            "Test",
        )
        .unwrap();
    let ids = [
        active(&mut s, "Anna", "Albers", "DE89370400440532013000"),
        active(&mut s, "Bernd", "Brandt", "DE02120300000000202051"),
        active(&mut s, "Clara", "Conrad", "DE02500105170137075030"),
    ];
    (s, ids)
}

fn record(s: &mut Session, id: i64, month: &str, contacts: &str, hours: &str) {
    s.record_activity(&ActivityInput {
        pilot_id: id,
        month: month.into(),
        contacts: contacts.into(),
        hours: hours.into(),
        areas: vec!["Wohnen".into(), "Arbeit".into()],
        people: "3".into(),
        families: "1".into(),
        note: String::new(),
    })
    .unwrap();
}

fn lotsen(db: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lotsen"))
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-12-02"])
        .args(args)
        .env_remove("LOTSEN_TODAY")
        .output()
        .unwrap()
}

#[test]
fn a_record_keeps_counts_and_minutes_and_is_refused_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let (mut s, [a, b, ..]) = setup(&path);
    record(&mut s, a, "2026-11", "5", "2,5");
    record(&mut s, b, "2026-11", "1", "");
    // Each record with its own areas, in the order of the list (Wohnen before Arbeit).
    for id in [a, b] {
        assert_eq!(s.pilot_activity(id).unwrap()[0].areas, ["Wohnen", "Arbeit"]);
    }
    // A second entry for the month replaces the first, areas included.
    s.record_activity(&ActivityInput {
        pilot_id: a,
        month: "11/2026".into(),
        contacts: "6".into(),
        hours: "3:15".into(),
        areas: vec!["teilhabe".into()],
        people: "4".into(),
        families: "2".into(),
        note: "Elternabend".into(),
    })
    .unwrap();
    let records = s.pilot_activity(a).unwrap();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(
        (
            r.month.as_str(),
            r.contacts,
            r.minutes,
            r.people,
            r.families
        ),
        ("2026-11", 6, Some(195), 4, 2)
    );
    assert_eq!(r.areas, ["Teilhabe"]);

    let Err(Error::Validation(errors)) = s.record_activity(&ActivityInput {
        pilot_id: a,
        month: "2026-10".into(),
        contacts: "drei".into(),
        hours: "2,555".into(),
        areas: vec!["Garten".into()],
        ..Default::default()
    }) else {
        panic!("refused");
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["contacts", "hours", "areas"]);
    assert!(s
        .pilot_activity(a)
        .unwrap()
        .iter()
        .all(|r| r.month != "2026-10"));

    // A task area added in Einstellungen is offered; a retired one is not, old records keep it.
    let areas = s
        .save_task_area(&TaskAreaInput {
            id: None,
            name: "Gesundheit".into(),
            active: true,
        })
        .unwrap();
    assert_eq!(areas.last().unwrap().name, "Gesundheit");
    let teilhabe = areas.iter().find(|t| t.name == "Teilhabe").unwrap().id;
    s.save_task_area(&TaskAreaInput {
        id: Some(teilhabe),
        name: "Teilhabe".into(),
        active: false,
    })
    .unwrap();
    let month = s.activity_month("2026-11").unwrap();
    assert!(month.areas.iter().all(|t| t.name != "Teilhabe"));
    assert!(month.areas.iter().any(|t| t.name == "Gesundheit"));
    assert_eq!(s.pilot_activity(a).unwrap()[0].areas, ["Teilhabe"]);
}

#[test]
fn the_gate_refuses_approval_naming_the_pilots_and_a_waiver_lets_it_through_printed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let (mut s, [a, b, c]) = setup(&path);
    record(&mut s, a, "2026-11", "4", "6");
    // Off by default; turned on from the command line.
    let out = lotsen(
        &path,
        &["settings", "set", "allowance.require_activity", "ja"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    s.create_run("2026-11").unwrap();
    let run = s.run("2026-11").unwrap();
    let missing: Vec<&str> = run
        .lines
        .iter()
        .filter(|l| l.activity_missing)
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(missing, ["Bernd Brandt", "Clara Conrad"]);

    // Refused, naming both, nothing approved.
    let Err(Error::Rule { missing, .. }) = s.approve_run("2026-11", None) else {
        panic!("approval must be refused");
    };
    let text = missing.join(" ");
    assert!(text.contains("Nachweis fehlt"), "{text}");
    assert!(
        text.contains("Bernd Brandt") && text.contains("Clara Conrad"),
        "{text}"
    );
    assert!(!text.contains("Anna Albers"), "{text}");
    assert_eq!(
        s.run("2026-11").unwrap().state,
        lotsen::domain::run::RunState::Draft
    );

    // The draft's payment list marks them.
    let docs = s.store().run_documents("2026-11", s.today()).unwrap();
    let draft_list = common::write(dir.path(), "entwurf.pdf", &docs.payment_list);
    let draft_text = common::collapsed(&common::text_of(&draft_list));
    assert!(
        draft_text.contains("Tätigkeitsnachweis fehlt: Bernd Brandt"),
        "{draft_text}"
    );

    // A waiver without a reason is refused; with a reason for Bernd, and a record for Clara, it passes.
    let Err(Error::Validation(e)) = s.waive_activity(&WaiverInput {
        pilot_id: b,
        month: "2026-11".into(),
        reason: "  ".into(),
    }) else {
        panic!("a waiver needs a reason");
    };
    assert_eq!(e[0].field, "reason");
    let out = lotsen(
        &path,
        &[
            "activity",
            "waive",
            &b.to_string(),
            "2026-11",
            "--reason",
            "Krankenhausaufenthalt, Nachweis folgt",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let Err(Error::Rule { missing, .. }) = s.approve_run("2026-11", None) else {
        panic!("Clara still has no record");
    };
    let text = missing.join(" ");
    assert!(
        text.contains("Clara Conrad") && !text.contains("Bernd Brandt"),
        "{text}"
    );

    let out = lotsen(
        &path,
        &[
            "activity",
            "add",
            &c.to_string(),
            "2026-11",
            "--contacts",
            "2",
            "--hours",
            "1,5",
            "--areas",
            "Orientierung",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = match s.approve_run("2026-11", None).unwrap() {
        Approval::Approved { run } => run,
        Approval::Stale { differences, .. } => panic!("stale: {differences:?}"),
    };
    assert!(run.lines.iter().all(|l| !l.activity_missing));

    // The waiver is printed on the payment list with the reason and the statement number.
    let docs = s.store().run_documents("2026-11", s.today()).unwrap();
    let list = common::write(dir.path(), "liste.pdf", &docs.payment_list);
    let text = common::collapsed(&common::text_of(&list));
    let bernd = run.lines.iter().find(|l| l.pilot_id == b).unwrap();
    let number = bernd.statement_number.clone().unwrap();
    assert!(
        text.contains(&format!(
            "Ohne Tätigkeitsnachweis freigegeben (Begründung): Bernd Brandt ({number}): Krankenhausaufenthalt, Nachweis folgt."
        )),
        "{text}"
    );
    assert!(!text.contains("Nachweis fehlt"), "{text}");
    // Once approved, a waiver for the month is refused.
    assert!(matches!(
        s.waive_activity(&WaiverInput {
            pilot_id: a,
            month: "2026-11".into(),
            reason: "zu spät".into(),
        }),
        Err(Error::Conflict(_))
    ));
}

#[test]
fn the_cli_lists_the_month_and_the_due_list_names_pilots_without_activity() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let (mut s, [a, b, c]) = setup(&path);
    // Records kept since August; Anna active in October, Bernd last in August, Clara never.
    record(&mut s, a, "2026-08", "2", "");
    record(&mut s, b, "2026-08", "1", "");
    record(&mut s, a, "2026-10", "3", "");
    record(&mut s, b, "2026-11", "0", "");
    drop(s);

    let out = lotsen(&path, &["activity", "list", "2026-11", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["name"], "Brandt, Bernd");
    assert_eq!(rows[1]["record"]["contacts"], 0);
    assert!(rows[2]["record"].is_null());

    let out = lotsen(&path, &["activity", "list", "2026-11"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Conrad, Clara") && text.contains("fehlt"),
        "{text}"
    );

    let out = lotsen(&path, &["due", "--json"]);
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let named: Vec<i64> = items
        .iter()
        .filter(|i| i["kind"] == "activity_missing")
        .map(|i| i["pilot_id"].as_i64().unwrap())
        .collect();
    assert_eq!(named, [b, c]);

    // The setting turns it off.
    let out = lotsen(
        &path,
        &["settings", "set", "allowance.inactive_months", "0"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = lotsen(&path, &["due", "--json"]);
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(items.iter().all(|i| i["kind"] != "activity_missing"));

    // Bad input on the command line: German, naming the field, nothing written.
    let out = lotsen(
        &path,
        &[
            "activity",
            "add",
            &a.to_string(),
            "2026-11",
            "--contacts",
            "x",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Kontakte"));
}
