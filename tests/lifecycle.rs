//! The lifecycle on a real database: a full path, refusals, and the due list of the demo data.

use chrono::NaiveDate;
use lotsen::db::demo;
use lotsen::db::SessionInput;
use lotsen::domain::screening::{Screening, ScreeningResult};
use lotsen::domain::training::TestAttempt;
use lotsen::{Error, PilotInput, Status, Store};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn new_pilot(store: &mut Store, today: NaiveDate) -> i64 {
    let input = PilotInput {
        first_name: "Ayşe".into(),
        last_name: "Müller-Öztürk".into(),
        municipality: Some("Thale".into()),
        ..Default::default()
    };
    store.create_pilot(&input, today, "Test").unwrap().id
}

#[test]
fn full_path_prospect_to_active_paused_active_left() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("l.sqlite3")).unwrap();
    let id = new_pilot(&mut store, d("2026-01-05"));
    let today = d("2026-11-26");

    store
        .change_status(
            id,
            Status::InQualification,
            d("2026-02-01"),
            "Kick-off",
            "Test",
            today,
        )
        .unwrap();

    // Screening: letter, certificate, inspection.
    let s = Screening {
        letter_issued_on: Some(d("2026-02-02")),
        certificate_dated: Some(d("2026-02-20")),
        inspected_on: Some(d("2026-03-01")),
        inspected_by: "Koordination".into(),
        result: Some(ScreeningResult::Clear),
    };
    let r = store.save_screening(id, None, &s, today).unwrap();
    assert_eq!(r.screening_state.code, "valid");
    assert_eq!(r.reinspection_on, Some(d("2031-02-20")));

    // Course with five modules; the pilot attends all.
    let course = store.save_course(None, "Basislehrgang 2026").unwrap();
    for m in 1..=5u8 {
        let input = SessionInput {
            held_on: format!("2026-03-{:02}", 10 + m),
            module: Some(m),
            place: "Halberstadt".into(),
            trainer: "Frau Demo".into(),
        };
        store.save_session(course.id, None, &input, today).unwrap();
    }
    let course = store.courses().unwrap().remove(0);
    assert_eq!(course.sessions.len(), 5);
    for s in &course.sessions {
        store.set_attendance(s.id, id, true).unwrap();
    }

    // Appointment too early (no test yet) is refused with the missing item, nothing written.
    store
        .change_status(id, Status::Qualified, d("2026-03-20"), "", "Test", today)
        .unwrap();
    let err = store
        .change_status(id, Status::Active, d("2026-04-01"), "", "Test", today)
        .unwrap_err();
    match err {
        Error::Rule { missing, .. } => {
            assert_eq!(missing, vec!["Abschlusstest nicht bestanden".to_string()])
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        store.pilot_record(id, today).unwrap().status,
        Status::Qualified
    );

    // Test: a failed attempt, then a pass exactly at the pass mark (36 of 60 = 60 %).
    let attempt = |on: &str, points| TestAttempt {
        taken_on: d(on),
        points,
        max_points: 60,
        interview_passed: true,
        interviewer: "Herr Prüfer".into(),
    };
    let r = store
        .add_test_attempt(id, &attempt("2026-03-25", 35), today)
        .unwrap();
    assert!(!r.final_test_passed);
    let r = store
        .add_test_attempt(id, &attempt("2026-03-28", 36), today)
        .unwrap();
    assert!(r.final_test_passed);

    let r = store
        .change_status(
            id,
            Status::Active,
            d("2026-04-01"),
            "Berufen",
            "Test",
            today,
        )
        .unwrap();
    assert_eq!(r.status, Status::Active);
    assert_eq!(r.appointed_on, Some(d("2026-04-01")));
    store
        .change_status(
            id,
            Status::Paused,
            d("2026-06-01"),
            "Elternzeit",
            "Test",
            today,
        )
        .unwrap();
    store
        .change_status(id, Status::Active, d("2026-08-01"), "zurück", "Test", today)
        .unwrap();
    let r = store
        .change_status(id, Status::Left, d("2026-11-01"), "Umzug", "Test", today)
        .unwrap();
    assert_eq!(r.status, Status::Left);
    assert!(r.allowed_next.is_empty());

    // The history answers "status on a day" for every phase, and eligibility follows it.
    let history: Vec<(Status, NaiveDate)> = r
        .history
        .iter()
        .map(|c| (c.status, c.effective_on))
        .collect();
    assert_eq!(history.len(), 7);
    let data = store.lifecycle_data(Some(id)).unwrap().remove(&id).unwrap();
    let settings = store.lifecycle_settings().unwrap();
    for (day, status, eligible) in [
        ("2026-03-31", Status::Qualified, false),
        ("2026-04-01", Status::Active, true),
        ("2026-05-31", Status::Active, true),
        ("2026-06-01", Status::Paused, false),
        ("2026-08-01", Status::Active, true),
        ("2026-10-31", Status::Active, true),
        ("2026-11-01", Status::Left, false),
    ] {
        assert_eq!(
            lotsen::domain::lifecycle::status_on(&data.history, d(day)),
            Some(status),
            "{day}"
        );
        assert_eq!(data.eligible_on(d(day), &settings), eligible, "{day}");
    }

    // A change dated before the latest one is refused; so is one after Ausgeschieden.
    assert!(matches!(
        store.change_status(id, Status::Active, d("2026-10-01"), "", "Test", today),
        Err(Error::Rule { .. })
    ));
}

#[test]
fn appointment_refused_lists_every_missing_item_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let input = PilotInput {
        first_name: "Jonas".into(),
        last_name: "Berg".into(),
        ..Default::default()
    };
    let id = store
        .create_pilot(&input, d("2026-01-05"), "Test")
        .unwrap()
        .id;
    let today = d("2026-11-26");
    store
        .change_status(
            id,
            Status::InQualification,
            d("2026-02-01"),
            "",
            "Test",
            today,
        )
        .unwrap();
    store
        .change_status(id, Status::Qualified, d("2026-03-01"), "", "Test", today)
        .unwrap();
    let err = store
        .change_status(id, Status::Active, today, "", "Test", today)
        .unwrap_err();
    let Error::Rule { message, missing } = err else {
        panic!()
    };
    assert!(message.starts_with("Berufung nicht möglich"), "{message}");
    assert_eq!(missing.len(), 8, "{missing:?}"); // eFZ, 5 modules, test, district
    assert!(missing.iter().any(|m| m.contains("Altkreis")));
    assert_eq!(store.pilot_record(id, today).unwrap().history.len(), 3);
    // Future dates are refused.
    assert!(matches!(
        store.change_status(id, Status::Left, d("2026-11-27"), "", "Test", today),
        Err(Error::Validation(_))
    ));
}

#[test]
fn screening_and_attempt_validation_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let today = d("2026-11-26");
    let id = new_pilot(&mut store, today);
    let bad = Screening {
        certificate_dated: Some(d("2026-12-01")),
        inspected_on: Some(d("2026-11-20")),
        result: Some(ScreeningResult::Clear),
        ..Default::default()
    };
    assert!(matches!(
        store.save_screening(id, None, &bad, today),
        Err(Error::Validation(_))
    ));
    let bad = TestAttempt {
        taken_on: today,
        points: 70,
        max_points: 60,
        interview_passed: true,
        interviewer: "X".into(),
    };
    assert!(matches!(
        store.add_test_attempt(id, &bad, today),
        Err(Error::Validation(_))
    ));
    let r = store.pilot_record(id, today).unwrap();
    assert!(r.screening.is_none());
    assert!(r.attempts.is_empty());
}

#[test]
fn due_list_of_the_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("l.sqlite3")).unwrap();
    let today = d("2026-11-26");
    demo::load(&mut store, today, "Test").unwrap();
    let items: Vec<(String, &str, NaiveDate)> = store
        .due_list(today)
        .unwrap()
        .into_iter()
        .map(|i| (i.name, i.kind, i.date))
        .collect();
    let expected: Vec<(String, &str, NaiveDate)> = vec![
        (
            "Fiktiv, Mehmet".into(),
            "refresher_overdue",
            d("2026-09-07"),
        ),
        // An Interessentin with a relevant entry: her eFZ data is kept although she will not start.
        (
            "Attrappe, Ingrid".into(),
            "efz_kept_relevant_entry",
            d("2026-09-22"),
        ),
        (
            "Erfundene, Parwin".into(),
            "letter_unanswered",
            d("2026-10-07"),
        ),
        (
            "Musterowski, Pjotr".into(),
            "qualified_waiting",
            d("2026-10-11"),
        ),
        (
            "Entwurf, Samira".into(),
            "qualified_waiting",
            d("2026-10-21"),
        ),
        ("Vorbild, Nour".into(), "refresher_overdue", d("2026-10-24")),
        ("Lückenfüller, Heike".into(), "efz_expired", d("2026-11-14")),
        ("Übungsmann, Jürgen".into(), "efz_expiring", d("2027-01-05")),
    ];
    assert_eq!(items, expected);

    // Every status and every screening state appears in the demo data.
    let pilots = store.all_pilots().unwrap();
    for s in Status::ALL {
        assert!(pilots.iter().any(|p| p.status == s), "{s:?}");
    }
    let states: std::collections::HashSet<&str> = pilots
        .iter()
        .map(|p| {
            store
                .pilot_record(p.id, today)
                .unwrap()
                .screening_state
                .code
        })
        .collect();
    for s in [
        "missing",
        "requested",
        "valid",
        "expiring",
        "expired",
        "relevant_entry",
    ] {
        assert!(states.contains(s), "{s} in {states:?}");
    }
    let eligible = store
        .eligibility(today)
        .unwrap()
        .values()
        .filter(|e| **e)
        .count();
    assert_eq!(eligible, 15);
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn documents_from_the_pilots_page() {
    use lotsen::app::documents::PilotDocument;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("l.sqlite3")).unwrap();
    let today = d("2026-11-26");
    let id = new_pilot(&mut store, today);

    // Printing the eFZ letter records it as issued today, once.
    let (name, pdf) = store
        .pilot_document(id, PilotDocument::EfzLetter, today)
        .unwrap();
    assert_eq!(
        name,
        "eFZ-Bestaetigung_Mueller-Oeztuerk_Ayse_2026-11-26.pdf"
    );
    assert!(pdf_text(&pdf).contains("Ayşe Müller-Öztürk"));
    let r = store.pilot_record(id, today).unwrap();
    assert_eq!(r.screening_state.code, "requested");
    store
        .pilot_document(id, PilotDocument::EfzLetter, today)
        .unwrap();
    let data = store.lifecycle_data(Some(id)).unwrap().remove(&id).unwrap();
    assert_eq!(data.screenings.len(), 1);

    // No certificate before the appointment.
    assert!(matches!(
        store.pilot_document(id, PilotDocument::AppointmentCertificate, today),
        Err(Error::Rule { .. })
    ));
    // Demo pilot 1 (Anna Beispiel) is appointed: her certificate names her and her district.
    let dir2 = tempfile::tempdir().unwrap();
    let mut demo_store = Store::open(&dir2.path().join("d.sqlite3")).unwrap();
    demo::load(&mut demo_store, today, "Test").unwrap();
    let (_, pdf) = demo_store
        .pilot_document(1, PilotDocument::AppointmentCertificate, today)
        .unwrap();
    let text = pdf_text(&pdf);
    assert!(text.contains("Anna Beispiel"), "{text}");
    assert!(text.contains("Halberstadt"), "{text}");
}
