//! The way of a pilot into service, as the coordinator enters it through the application layer.

use lotsen::app::history::{ModulesInput, ScreeningInput, StatusInput, TestInput};
use lotsen::app::Session;

/// A status change as typed ("Aktiv" on "01.03.2026").
pub fn status(s: &mut Session, id: i64, status: &str, on: &str) {
    s.change_status_as_typed(
        id,
        &StatusInput {
            status: status.into(),
            on: on.into(),
            note: String::new(),
        },
    )
    .unwrap();
}

/// A pilot registered on 01.01.2026 goes the whole way: the eFZ dated `cert` inspected on `inspected`,
/// the course (modules 1–5 on 01.02.2026), the final test passed on 15.02.2026, Aktiv from 01.03.2026.
pub fn appoint(s: &mut Session, id: i64, cert: &str, inspected: &str) {
    s.add_screening(
        id,
        &ScreeningInput {
            certificate_dated: cert.into(),
            inspected_on: inspected.into(),
            inspected_by: "Frau Krüger".into(),
            result: "ohne relevanten Eintrag".into(),
            ..Default::default()
        },
    )
    .unwrap();
    status(s, id, "In Qualifizierung", "05.01.2026");
    s.add_modules(
        id,
        &ModulesInput {
            modules: vec!["1-5".into()],
            on: "01.02.2026".into(),
            note: String::new(),
        },
    )
    .unwrap();
    s.add_test(
        id,
        &TestInput {
            on: "15.02.2026".into(),
            points: "40".into(),
            max_points: "50".into(),
            interview: "bestanden".into(),
            interviewer: "Herr Weiß".into(),
        },
    )
    .unwrap();
    status(s, id, "qualifiziert", "15.02.2026");
    status(s, id, "Aktiv", "01.03.2026");
}

/// Aktiv from 05.01.2026 to the last day of February 2026, then Ausgeschieden, written straight into the
/// file (the appointment rule is tested elsewhere): for tests of what happens after leaving.
pub fn served_and_left_written_directly(db: &std::path::Path, id: i64) {
    let c = rusqlite::Connection::open(db).unwrap();
    for (status, on) in [
        ("in_qualification", "2025-10-15"),
        ("qualified", "2025-12-10"),
        ("active", "2026-01-05"),
        ("left", "2026-03-01"),
    ] {
        c.execute(
            "INSERT INTO status_changes (pilot_id, status, effective_on, note, who, recorded_at)
             VALUES (?1, ?2, ?3, '', 'Test', '2026-03-01T09:00:00Z')",
            rusqlite::params![id, status, on],
        )
        .unwrap();
    }
}
