//! Entry with history through the application layer, as the pilot's page and the command line call
//! it (issue 12): a pilot "im Programm seit 01.03.2024" gets eFZ, modules, test and appointment dated
//! 2024 and the November run pays 130,00 €; each past fact is checked by the rules of its date and a
//! refusal writes nothing; "Im Programm seit" of a pilot entered today can be moved back; the
//! district history; the complete demo (debtor account, letterhead, budgets) approves and transfers.

use chrono::NaiveDate;
use lotsen::app::history::{DistrictInput, ModulesInput, ScreeningInput, StatusInput, TestInput};
use lotsen::app::{Clock, Session};
use lotsen::domain::run::Budget;
use lotsen::{Error, PilotInput, Status};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn session(dir: &std::path::Path) -> Session {
    Session::open(&dir.join("entry.sqlite3"), Clock::fixed(d("2026-12-02"))).unwrap()
}

fn status(s: &str, on: &str) -> StatusInput {
    StatusInput {
        status: s.into(),
        on: on.into(),
        note: String::new(),
    }
}

fn pilot(first: &str) -> PilotInput {
    PilotInput {
        first_name: first.into(),
        last_name: "Seit".into(),
        municipality: Some("Halberstadt".into()),
        iban: "DE89 3704 0044 0532 0130 00".into(),
        account_holder: format!("{first} Seit"),
        ..Default::default()
    }
}

fn efz(cert: &str, inspected: &str) -> ScreeningInput {
    ScreeningInput {
        certificate_dated: cert.into(),
        inspected_on: inspected.into(),
        inspected_by: "Frau Krüger".into(),
        result: "ohne relevanten Eintrag".into(),
        ..Default::default()
    }
}

fn test(on: &str, points: &str, interview: &str) -> TestInput {
    TestInput {
        on: on.into(),
        points: points.into(),
        max_points: "50".into(),
        interview: interview.into(),
        interviewer: "Herr Weiß".into(),
    }
}

fn field_of(e: &Error) -> Vec<String> {
    match e {
        Error::Validation(f) => f.iter().map(|f| f.field.clone()).collect(),
        other => panic!("expected a field error, got {other:?}"),
    }
}

fn budget_2026(s: &mut Session) {
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
}

#[test]
fn a_pilot_since_march_2024_is_paid_the_full_november() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let id = s.add_pilot(&pilot("Greta"), Some("01.03.2024")).unwrap().id;
    assert_eq!(
        s.pilot_record(id).unwrap().in_programme_since,
        Some(d("2024-03-01"))
    );
    s.add_screening(id, &efz("10.02.2024", "01.03.2024"))
        .unwrap();
    s.change_status_as_typed(id, &status("In Qualifizierung", "05.03.2024"))
        .unwrap();
    let r = s
        .add_modules(
            id,
            &ModulesInput {
                modules: vec!["1-5".into()],
                on: "15.04.2024".into(),
                note: "Basislehrgang 2024, vor der App".into(),
            },
        )
        .unwrap();
    assert!(r.modules.iter().all(|m| m.done && m.recognised));
    assert_eq!(
        r.modules[0].note.as_deref(),
        Some("Basislehrgang 2024, vor der App")
    );
    s.add_test(id, &test("20.05.2024", "40", "bestanden"))
        .unwrap();
    s.change_status_as_typed(id, &status("qualifiziert", "20.05.2024"))
        .unwrap();
    let r = s
        .change_status_as_typed(id, &status("Aktiv", "01.06.2024"))
        .unwrap();
    assert_eq!(r.status, Status::Active);
    assert_eq!(r.appointed_on, Some(d("2024-06-01")));
    assert_eq!(r.refresher.state, "overdue");
    let r = s
        .add_modules(
            id,
            &ModulesInput {
                modules: vec!["Auffrischung".into()],
                on: "01.10.2024".into(),
                note: String::new(),
            },
        )
        .unwrap();
    assert_eq!(r.refresher.state, "done");
    assert!(r.eligible);

    budget_2026(&mut s);
    let run = s
        .store_mut()
        .create_run("2026-11", d("2026-12-02"))
        .unwrap();
    assert_eq!(run.lines.len(), 1);
    assert_eq!(
        (run.lines[0].eligible_days, run.lines[0].amount_cents),
        (30, 13_000),
        "130,00 €, not pro rata from the day of entry"
    );
    // The history is there for the past months too.
    let history = s.store().coverage_history(s.today()).unwrap();
    let june = history.iter().find(|p| p.month == "2025-06").unwrap();
    assert_eq!(june.eligible, [1, 0, 0]);
}

#[test]
fn each_past_fact_is_checked_by_the_rules_of_its_day_and_a_refusal_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let id = s.add_pilot(&pilot("Hugo"), Some("01.03.2024")).unwrap().id;
    s.change_status_as_typed(id, &status("in_qualification", "05.03.2024"))
        .unwrap();
    // The eFZ was inspected only on 10.06.2024.
    s.add_screening(id, &efz("01.06.2024", "10.06.2024"))
        .unwrap();
    s.add_modules(
        id,
        &ModulesInput {
            modules: vec!["1, 2, 3".into(), "4-5".into()],
            on: "15.04.2024".into(),
            note: String::new(),
        },
    )
    .unwrap();
    s.add_test(id, &test("20.05.2024", "40", "passed")).unwrap();
    s.change_status_as_typed(id, &status("qualified", "20.05.2024"))
        .unwrap();
    let before = s.pilot_record(id).unwrap();

    // An appointment dated 01.06.2024 needs an eFZ valid on 01.06.2024.
    let err = s
        .change_status_as_typed(id, &status("aktiv", "01.06.2024"))
        .unwrap_err();
    let Error::Rule { missing, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        missing,
        &["Führungszeugnis nicht gültig am 01.06.2024 (erst am 10.06.2024 eingesehen)"]
    );
    // A failed attempt dated before a later appointment would leave it without a passed test.
    s.change_status_as_typed(id, &status("aktiv", "15.06.2024"))
        .unwrap();
    let err = s
        .add_test(id, &test("01.06.2024", "10", "nicht bestanden"))
        .unwrap_err();
    let Error::Rule { message, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        message,
        "Das passt nicht zur bisherigen Historie: Berufung am 15.06.2024: Abschlusstest nicht bestanden."
    );
    // Dates in the future and unreadable input: German field errors, nothing written.
    let err = s
        .add_modules(
            id,
            &ModulesInput {
                modules: vec!["2".into()],
                on: "03.12.2026".into(),
                note: String::new(),
            },
        )
        .unwrap_err();
    assert_eq!(field_of(&err), ["on"]);
    let err = s
        .add_test(
            id,
            &TestInput {
                on: "32.05.2024".into(),
                points: "viele".into(),
                max_points: "50".into(),
                interview: "vielleicht".into(),
                interviewer: "X".into(),
            },
        )
        .unwrap_err();
    assert_eq!(field_of(&err), ["taken_on", "points", "interview_passed"]);
    let err = s
        .change_status_as_typed(id, &status("urlaub", "1.1.2025"))
        .unwrap_err();
    assert_eq!(field_of(&err), ["status"]);
    let err = s
        .change_status_as_typed(id, &status("ruhend", "2026-12-03"))
        .unwrap_err();
    assert_eq!(field_of(&err), ["effective_on"]);
    let err = s
        .add_modules(
            id,
            &ModulesInput {
                modules: vec!["6".into()],
                on: "01.05.2024".into(),
                note: String::new(),
            },
        )
        .unwrap_err();
    assert_eq!(field_of(&err), ["modules"]);
    let err = s.add_screening(id, &ScreeningInput::default()).unwrap_err();
    assert_eq!(field_of(&err), ["letter_issued_on"]);
    let after = s.pilot_record(id).unwrap();
    assert_eq!(after.attempts, before.attempts);
    assert_eq!(after.credits, before.credits);
    assert_eq!(
        after.history.len(),
        before.history.len() + 1,
        "only the appointment"
    );
}

#[test]
fn im_programm_seit_of_a_pilot_entered_today_moves_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let id = s.add_pilot(&pilot("Ida"), None).unwrap().id;
    assert_eq!(
        s.pilot_record(id).unwrap().in_programme_since,
        Some(d("2026-12-02"))
    );
    let r = s.set_programme_since(id, "01.01.2024").unwrap();
    assert_eq!(r.in_programme_since, Some(d("2024-01-01")));
    assert_eq!(r.history.len(), 1);
    assert_eq!(r.cancelled_changes.len(), 1);
    assert_eq!(
        r.cancelled_changes[0].reason,
        "Im Programm seit geändert: 02.12.2026 → 01.01.2024"
    );
    s.change_status_as_typed(id, &status("in qualifizierung", "01.02.2024"))
        .unwrap();
    // Not after the next change, not in the future.
    let err = s.set_programme_since(id, "01.03.2024").unwrap_err();
    assert_eq!(field_of(&err), ["since"]);
    let err = s.add_pilot(&pilot("Jan"), Some("01.01.2027")).unwrap_err();
    assert_eq!(field_of(&err), ["since"]);
    assert_eq!(s.store().all_pilots().unwrap().len(), 1);
}

#[test]
fn the_district_history_answers_for_every_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let id = s.add_pilot(&pilot("Kim"), Some("01.03.2024")).unwrap().id;
    let r = s
        .change_district(
            id,
            &DistrictInput {
                district: "Quedlinburg".into(),
                on: "01.05.2025".into(),
                note: "Umzug nach Thale".into(),
            },
        )
        .unwrap();
    assert_eq!(r.pilot.district.as_deref(), Some("Quedlinburg"));
    assert_eq!(r.district_history.len(), 1);
    s.change_district(
        id,
        &DistrictInput {
            district: "Wernigerode".into(),
            on: "1.10.2026".into(),
            note: String::new(),
        },
    )
    .unwrap();
    for (day, district) in [
        ("2025-04-30", "Halberstadt"),
        ("2025-05-01", "Quedlinburg"),
        ("2026-09-30", "Quedlinburg"),
        ("2026-10-01", "Wernigerode"),
    ] {
        assert_eq!(
            s.district_on(id, d(day)).unwrap().as_deref(),
            Some(district),
            "{day}"
        );
    }
    let on_day = s.store().districts_on(d("2025-06-30")).unwrap();
    assert_eq!(on_day[&id].as_deref(), Some("Quedlinburg"));
    // Refused: unknown district, the same one, before the latest change, in the future.
    for (district, on, what) in [
        ("Harzgerode", "01.11.2026", "district"),
        ("Wernigerode", "01.11.2026", "rule"),
        ("Halberstadt", "01.09.2026", "rule"),
        ("Halberstadt", "03.12.2026", "effective_on"),
    ] {
        let err = s
            .change_district(
                id,
                &DistrictInput {
                    district: district.into(),
                    on: on.into(),
                    note: String::new(),
                },
            )
            .unwrap_err();
        match (&err, what) {
            (Error::Rule { .. }, "rule") => {}
            (Error::Validation(f), field) => assert_eq!(f[0].field, field, "{district} {on}"),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(s.pilot_record(id).unwrap().district_history.len(), 2);
}

#[test]
fn the_complete_demo_approves_and_transfers() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let summary = s.load_full_demo(None).unwrap();
    assert_eq!(summary.pilots, 30);
    assert_eq!(summary.budget_years, [2025, 2026]);
    let settings = s.store().settings().unwrap();
    assert!(lotsen::domain::iban::check(&settings.debtor.iban).is_ok());
    assert!(settings.debtor.name.contains("Demo"));
    assert!(settings.letterhead.footer.contains("Demodaten"));
    // November: run, approval (budget and IBANs are there), SEPA file.
    s.store_mut()
        .create_run("2026-11", d("2026-12-02"))
        .unwrap();
    let run = s
        .store_mut()
        .approve_run("2026-11", "Kämmerei", d("2026-12-02"))
        .unwrap();
    assert!(run.total_cents > 0);
    let (_, xml) = s.store().sepa_for("2026-11", s.today()).unwrap();
    assert!(xml.contains(&settings.debtor.iban), "the debtor account");
    // Every feature has an example: a recognised module, a district change, a Storno.
    let pilots = s.store().all_pilots().unwrap();
    let record = |last: &str| {
        let p = pilots.iter().find(|p| p.last_name == last).unwrap();
        s.pilot_record(p.id).unwrap()
    };
    assert!(record("Skizze").modules[3].recognised);
    assert_eq!(record("Exempel").district_history.len(), 1);
    let schablone = record("Schablone");
    assert_eq!(schablone.cancelled_changes.len(), 1);
    assert_eq!(schablone.status, Status::Active);
    // Refused on a database with pilots, and for a count out of range.
    assert!(matches!(s.load_full_demo(Some(5)), Err(Error::Conflict(_))));
    let other = tempfile::tempdir().unwrap();
    let mut empty = session(other.path());
    assert_eq!(
        field_of(&empty.load_full_demo(Some(0)).unwrap_err()),
        ["pilots"]
    );
    assert_eq!(empty.load_full_demo(Some(45)).unwrap().pilots, 45);
    assert_eq!(empty.store().all_pilots().unwrap().len(), 45);
}
