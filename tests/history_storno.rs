//! Storno of the latest status change (issue 12): a mistaken Ausgeschieden is cancelled with a
//! reason, the eFZ facts are kept (the deletion at the next start does not take them), and the
//! history shows the cancelled change. Refusals write nothing.

use chrono::NaiveDate;
use lotsen::app::history::{ScreeningInput, StatusInput};
use lotsen::app::{Clock, Session};
use lotsen::db::AuditFilter;
use lotsen::{Error, PilotInput, Status};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-26")
}

/// A qualified pilot (never active) with a valid eFZ, entered with history since 2026-01-05.
fn qualified(session: &mut Session, first: &str) -> i64 {
    let input = PilotInput {
        first_name: first.into(),
        last_name: "Storno".into(),
        municipality: Some("Thale".into()),
        ..Default::default()
    };
    let id = session.add_pilot(&input, Some("05.01.2026")).unwrap().id;
    session
        .add_screening(
            id,
            &ScreeningInput {
                certificate_dated: "10.02.2026".into(),
                inspected_on: "01.03.2026".into(),
                inspected_by: "Frau Krüger".into(),
                result: "ohne relevanten Eintrag".into(),
                ..Default::default()
            },
        )
        .unwrap();
    for (status, on) in [
        ("In Qualifizierung", "01.02.2026"),
        ("qualified", "01.06.2026"),
    ] {
        session
            .change_status_as_typed(
                id,
                &StatusInput {
                    status: status.into(),
                    on: on.into(),
                    note: String::new(),
                },
            )
            .unwrap();
    }
    id
}

fn cancellations(session: &Session) -> i64 {
    let c = rusqlite::Connection::open(session.db_path()).unwrap();
    c.query_row("SELECT count(*) FROM status_cancellations", [], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn a_mistaken_ausgeschieden_is_cancelled_and_the_efz_facts_stay() {
    let dir = tempfile::tempdir().unwrap();
    let mut session =
        Session::open(&dir.path().join("storno.sqlite3"), Clock::fixed(today())).unwrap();
    let id = qualified(&mut session, "Lena");

    // Recorded as Ausgeschieden by mistake. Never active: the eFZ deletion is due at once.
    let r = session
        .change_status_as_typed(
            id,
            &StatusInput {
                status: "ausgeschieden".into(),
                on: "20.11.2026".into(),
                note: "falsche Zeile".into(),
            },
        )
        .unwrap();
    assert_eq!(r.status, Status::Left);
    assert_eq!(r.screening_deletion_due_on, Some(d("2026-11-20")));
    let undo = r.undo_candidate.expect("the latest change can be undone");
    assert_eq!(undo.status, Status::Left);

    // A Storno without a reason is refused; nothing written.
    let err = session.undo_status(id, "  ").unwrap_err();
    assert!(
        matches!(&err, Error::Validation(e) if e[0].field == "reason" && e[0].message == "Grund für das Storno fehlt."),
        "{err:?}"
    );
    assert_eq!(cancellations(&session), 0);

    let r = session
        .undo_status(id, "Versehentlich eingetragen")
        .unwrap();
    assert_eq!(r.status, Status::Qualified);
    assert_eq!(r.screening_deletion_due_on, None);
    assert_eq!(r.screening_state.code, "valid");
    // The history shows the cancelled change with its reason; the rules no longer see it.
    assert_eq!(r.history.len(), 3);
    assert_eq!(r.cancelled_changes.len(), 1);
    let c = &r.cancelled_changes[0];
    assert_eq!(
        (c.change.status, c.change.effective_on, c.reason.as_str()),
        (Status::Left, d("2026-11-20"), "Versehentlich eingetragen")
    );
    assert_eq!(c.change.note, "falsche Zeile");
    assert_eq!(
        session.store().all_pilots().unwrap()[0].status,
        Status::Qualified,
        "the list shows the status without the cancelled change"
    );

    // The deletion at the next start finds nothing to delete: the eFZ facts are kept.
    let deleted = session
        .store_mut()
        .delete_due_screenings(d("2026-11-27"))
        .unwrap();
    assert!(deleted.is_empty());
    let data = session.store().lifecycle_data(Some(id)).unwrap();
    assert_eq!(data[&id].screenings.len(), 1);
    assert!(session.store().screening_deleted_on(id).unwrap().is_none());

    // The change log names the Storno.
    let log = session
        .store()
        .audit_entries(&AuditFilter {
            pilot_id: Some(id),
            entity: Some("status_cancellations".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(log.len(), 1);
    assert!(log[0]
        .new_value
        .as_deref()
        .unwrap()
        .contains("Versehentlich eingetragen"));

    // The pilot goes on from Qualifiziert as if nothing had happened.
    let r = session.pilot_record(id).unwrap();
    let next: Vec<Status> = r.allowed_next.iter().map(|o| o.code).collect();
    assert_eq!(next, [Status::Active, Status::Left]);
}

#[test]
fn storno_refusals_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut session =
        Session::open(&dir.path().join("storno.sqlite3"), Clock::fixed(today())).unwrap();

    // The only change (Interessent) cannot be cancelled.
    let only = session
        .add_pilot(
            &PilotInput {
                first_name: "Nur".into(),
                last_name: "Eins".into(),
                ..Default::default()
            },
            None,
        )
        .unwrap()
        .id;
    assert!(session.pilot_record(only).unwrap().undo_candidate.is_none());
    let err = session.undo_status(only, "Test").unwrap_err();
    let Error::Rule { message, .. } = err else {
        panic!("{err:?}")
    };
    assert!(
        message.starts_with("Der erste Eintrag „Interessent“ kann nicht storniert werden"),
        "{message}"
    );

    // Once the eFZ deletion has run on the Ausgeschieden, it stays.
    let id = qualified(&mut session, "Mara");
    session
        .change_status_as_typed(
            id,
            &StatusInput {
                status: "left".into(),
                on: "20.11.2026".into(),
                note: String::new(),
            },
        )
        .unwrap();
    let deleted = session.store_mut().delete_due_screenings(today()).unwrap();
    assert_eq!(deleted.len(), 1);
    let r = session.pilot_record(id).unwrap();
    assert_eq!(r.screening_deleted_on, Some(today()));
    assert!(r.undo_candidate.is_none(), "Rückgängig is not offered");
    let err = session.undo_status(id, "doch nicht").unwrap_err();
    let Error::Rule { message, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(
        message,
        "„Ausgeschieden“ vom 20.11.2026 kann nicht mehr storniert werden: die Führungszeugnis-Daten wurden am 26.11.2026 gelöscht (§ 30a BZRG). Wer zurückkehrt, wird neu aufgenommen."
    );
    assert_eq!(cancellations(&session), 0);
    assert_eq!(session.pilot_record(id).unwrap().status, Status::Left);
    assert!(matches!(
        session.undo_status(9999, "x"),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn cancelling_a_pause_makes_the_days_eligible_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut session =
        Session::open(&dir.path().join("storno.sqlite3"), Clock::fixed(today())).unwrap();
    let id = qualified(&mut session, "Pia");
    // Modules and test, then the appointment on 01.07.2026 and a pause from 01.11.2026.
    session
        .add_modules(
            id,
            &lotsen::app::history::ModulesInput {
                modules: vec!["1-5".into()],
                on: "15.05.2026".into(),
                note: "Basislehrgang 2026".into(),
            },
        )
        .unwrap();
    session
        .add_test(
            id,
            &lotsen::app::history::TestInput {
                on: "20.05.2026".into(),
                points: "40".into(),
                max_points: "50".into(),
                interview: "bestanden".into(),
                interviewer: "Herr Weiß".into(),
            },
        )
        .unwrap();
    for (status, on) in [("aktiv", "01.07.2026"), ("ruhend", "01.11.2026")] {
        session
            .change_status_as_typed(
                id,
                &StatusInput {
                    status: status.into(),
                    on: on.into(),
                    note: String::new(),
                },
            )
            .unwrap();
    }
    let settings = session.store().lifecycle_settings().unwrap();
    let eligible_in_november = |s: &Session| {
        let data = s.store().lifecycle_data(Some(id)).unwrap();
        (1..=30)
            .filter(|day| data[&id].eligible_on(d(&format!("2026-11-{day:02}")), &settings))
            .count()
    };
    assert_eq!(eligible_in_november(&session), 0);
    let r = session.undo_status(id, "Pause nicht angetreten").unwrap();
    assert_eq!(r.status, Status::Active);
    assert!(r.eligible);
    assert_eq!(eligible_in_november(&session), 30);
    // The next Storno takes the appointment back: the latest change in force is cancelled.
    let r = session
        .undo_status(id, "Berufung zu früh eingetragen")
        .unwrap();
    assert_eq!(r.status, Status::Qualified);
    assert_eq!(r.cancelled_changes.len(), 2);
}
