//! Money that stays right when facts arrive late (issue 11, part A): one scenario per measured
//! defect, on real database files, through the application layer and the `lotsen` binary.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use common::way::{appoint, status};
use lotsen::app::allowances::Shown;
use lotsen::app::history::TestInput;
use lotsen::app::{Clock, Session};
use lotsen::domain::approval::Approval;
use lotsen::domain::iban::Route;
use lotsen::domain::run::{Budget, RunState};
use lotsen::{Error, PilotInput};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A session whose "today" the test moves on.
struct Desk {
    _dir: tempfile::TempDir,
    path: PathBuf,
    today: Arc<Mutex<NaiveDate>>,
    s: Session,
}

impl Desk {
    fn new(today: &str) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("geld.sqlite3");
        let day = Arc::new(Mutex::new(d(today)));
        let shared = day.clone();
        let clock = Clock::from_fn(move || shared.lock().unwrap().and_hms_opt(10, 0, 0).unwrap());
        let mut s = Session::open(&path, clock).unwrap();
        let mut settings = s.settings().unwrap();
        settings.debtor.iban = "DE02120300000000202051".into();
        settings.debtor.bic = "BYLADEM1001".into();
        s.store_mut().save_settings(&settings).unwrap();
        for year in [2026, 2027] {
            s.store_mut()
                .set_budget(
                    &Budget {
                        year,
                        amount_cents: 1_000_000,
                        notice_number: "HZ-1".into(),
                        notice_date: None,
                        budget_line: "31500".into(),
                    },
                    "Test",
                )
                .unwrap();
        }
        Desk {
            _dir: dir,
            path,
            today: day,
            s,
        }
    }

    fn on(&mut self, day: &str) -> &mut Session {
        *self.today.lock().unwrap() = d(day);
        &mut self.s
    }

    /// A pilot active since 01.03.2026 with everything in place.
    fn active(&mut self, first: &str, iban: &str, bic: &str) -> i64 {
        self.active_with_efz(first, iban, bic, "10.12.2025", "05.01.2026")
    }

    /// The same, with the eFZ of `cert` inspected on `inspected`.
    fn active_with_efz(
        &mut self,
        first: &str,
        iban: &str,
        bic: &str,
        cert: &str,
        inspected: &str,
    ) -> i64 {
        let s = &mut self.s;
        let input = PilotInput {
            first_name: first.into(),
            last_name: "Lotse".into(),
            municipality: Some("Halberstadt".into()),
            iban: iban.into(),
            bic: bic.into(),
            account_holder: format!("{first} Lotse"),
            ..Default::default()
        };
        let id = s.add_pilot(&input, Some("01.01.2026")).unwrap().id;
        appoint(s, id, cert, inspected);
        id
    }
}

fn approved(a: Approval) -> lotsen::domain::run::Run {
    match a {
        Approval::Approved { run } => *run,
        Approval::Stale { differences, .. } => panic!("stale: {differences:?}"),
    }
}

fn stale(a: Approval) -> (Vec<String>, String) {
    match a {
        Approval::Stale {
            differences,
            fingerprint,
        } => (
            differences.into_iter().map(|d| d.text).collect(),
            fingerprint,
        ),
        Approval::Approved { .. } => panic!("approved although stale"),
    }
}

fn lotsen(db: &Path, today: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lotsen"))
        .arg("--db")
        .arg(db)
        .args(["--today", today])
        .args(args)
        .env_remove("LOTSEN_TODAY")
        .output()
        .unwrap()
}

const DE_A: &str = "DE89370400440532013000";
const DE_B: &str = "DE02120300000000202051";

/// Measured: a November draft of 20.11., a pause from 25.11., approval on 01.12. without
/// "neu berechnen" paid 30/30 days, 130,00 € instead of 104,00 €.
#[test]
fn a_stale_draft_after_a_pause_from_25_november_pays_104_not_130() {
    let mut desk = Desk::new("2026-11-20");
    let id = desk.active("Greta", DE_A, "");
    let draft = desk.on("2026-11-20").create_run("2026-11").unwrap();
    assert_eq!(draft.lines[0].amount_cents, 13_000);
    // Reported on 28.11.: paused since 25.11.
    status(desk.on("2026-11-28"), id, "Ruhend", "25.11.2026");

    let s = desk.on("2026-12-01");
    let (diffs, fresh) = stale(s.approve_run("2026-11", Some(&draft.fingerprint)).unwrap());
    assert_eq!(
        diffs,
        [
            "Greta Lotse: Tage 30/30 → 24/30",
            "Greta Lotse: Betrag 130,00 € → 104,00 €"
        ]
    );
    // Nothing was written: the draft is unchanged and not approved.
    let run = s.run("2026-11").unwrap();
    assert_eq!(
        (run.state, run.lines[0].amount_cents),
        (RunState::Draft, 13_000)
    );
    // The stored draft is stale too (the command line's case).
    assert!(matches!(
        s.approve("2026-11", Shown::Stored).unwrap(),
        Approval::Stale { .. }
    ));
    // "Übernehmen und freigeben": the fresh figures are approved.
    let run = approved(s.approve_run("2026-11", Some(&fresh)).unwrap());
    assert_eq!(run.state, RunState::Approved);
    assert_eq!(
        (run.lines[0].eligible_days, run.lines[0].amount_cents),
        (24, 10_400)
    );
    assert_eq!(run.total_cents, 10_400);
    assert_eq!(
        run.lines[0].statement_number.as_deref(),
        Some("AE-2026-11-001")
    );
    assert_eq!(
        run,
        s.run("2026-11").unwrap(),
        "what is returned is what is stored"
    );
}

/// Measured: an IBAN changed after the draft still went to the old account.
#[test]
fn an_iban_changed_after_the_draft_is_shown_and_the_new_one_approved() {
    let mut desk = Desk::new("2026-11-20");
    let id = desk.active("Hanna", DE_A, "");
    let draft = desk.on("2026-11-25").create_run("2026-11").unwrap();
    let s = desk.on("2026-11-27");
    let mut input: PilotInput =
        serde_json::from_value(serde_json::to_value(s.get_pilot(id).unwrap()).unwrap()).unwrap();
    input.iban = DE_B.into();
    input.account_holder = "Hanna Lotse-Neu".into();
    s.save_pilot(&input, Some(id)).unwrap();

    let s = desk.on("2026-12-01");
    let (diffs, _) = stale(s.approve_run("2026-11", Some(&draft.fingerprint)).unwrap());
    assert_eq!(
        diffs,
        [
            "Hanna Lotse: IBAN DE89 3704 0044 0532 0130 00 → DE02 1203 0000 0000 2020 51",
            "Hanna Lotse: Kontoinhaber Hanna Lotse → Hanna Lotse-Neu"
        ]
    );
    let run = approved(s.approve("2026-11", Shown::AcceptChanges).unwrap());
    assert_eq!(run.lines[0].iban, DE_B);
    assert_eq!(run.lines[0].account_holder, "Hanna Lotse-Neu");
    let (_, xml) = s.store().sepa_for("2026-11", s.today()).unwrap();
    assert!(xml.contains(DE_B) && !xml.contains(DE_A), "{xml}");
}

/// The command line refuses a stale draft with the differences (exit 1, nothing written) and
/// approves the fresh figures with `--accept-changes`.
#[test]
fn the_command_line_prints_the_differences_and_needs_accept_changes() {
    let mut desk = Desk::new("2026-11-20");
    let id = desk.active("Ida", DE_A, "");
    desk.on("2026-11-20").create_run("2026-11").unwrap();
    status(desk.on("2026-11-28"), id, "Ruhend", "25.11.2026");
    let db = desk.path.clone();
    let out = lotsen(&db, "2026-12-01", &["run", "approve", "2026-11"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("Ida Lotse: Tage 30/30 → 24/30"), "{err}");
    assert!(
        err.contains("Ida Lotse: Betrag 130,00 € → 104,00 €"),
        "{err}"
    );
    assert!(err.contains("--accept-changes"), "{err}");
    assert_eq!(desk.s.run("2026-11").unwrap().state, RunState::Draft);

    let out = lotsen(
        &db,
        "2026-12-01",
        &["run", "approve", "2026-11", "--accept-changes"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = desk.s.run("2026-11").unwrap();
    assert_eq!(
        (run.state, run.lines[0].amount_cents),
        (RunState::Approved, 10_400)
    );
}

/// Measured: approval between the app and the command line at the same time was check-then-act.
/// Two real processes approve the same month at once: exactly one succeeds. Two processes
/// approving two months of which the budget covers only one: exactly one succeeds, the budget holds.
#[test]
fn two_processes_approving_at_the_same_moment_exactly_one_succeeds() {
    let mut desk = Desk::new("2026-11-20");
    for name in ["Jana", "Kai", "Lea"] {
        desk.active(name, DE_A, "");
    }
    let s = desk.on("2026-12-01");
    s.create_run("2026-11").unwrap();
    let db = desk.path.clone();
    let spawn = |month: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_lotsen"))
            .arg("--db")
            .arg(&db)
            .args(["--today", "2026-12-01", "run", "approve", month])
            .env_remove("LOTSEN_TODAY")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("2026-11"), spawn("2026-11"));
    let results = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
    let ok = results.iter().filter(|o| o.status.success()).count();
    assert_eq!(ok, 1, "{results:?}");
    let loser = results.iter().find(|o| !o.status.success()).unwrap();
    assert!(
        String::from_utf8_lossy(&loser.stderr).contains("bereits freigegeben"),
        "{loser:?}"
    );
    let run = desk.s.run("2026-11").unwrap();
    assert_eq!(run.state, RunState::Approved);
    assert_eq!(run.lines.len(), 3);

    // The budget of 2027 covers one month of three pilots (390,00 €), not two.
    let s = desk.on("2027-03-01");
    s.store_mut()
        .set_budget(
            &Budget {
                year: 2027,
                amount_cents: 39_000,
                notice_number: "HZ-2".into(),
                notice_date: None,
                budget_line: "31500".into(),
            },
            "Test",
        )
        .unwrap();
    s.create_run("2027-01").unwrap();
    s.create_run("2027-02").unwrap();
    let (a, b) = (spawn_on(&db, "2027-01"), spawn_on(&db, "2027-02"));
    let results = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
    assert_eq!(
        results.iter().filter(|o| o.status.success()).count(),
        1,
        "{results:?}"
    );
    let loser = results.iter().find(|o| !o.status.success()).unwrap();
    assert!(
        String::from_utf8_lossy(&loser.stderr).contains("reicht nicht"),
        "{loser:?}"
    );
    let y = desk.s.budget_year(2027).unwrap();
    assert_eq!(y.approved_cents, 39_000);
    assert!(y.approved_cents <= y.budget_cents);
}

fn spawn_on(db: &Path, month: &str) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_lotsen"))
        .arg("--db")
        .arg(db)
        .args(["--today", "2027-03-01", "run", "approve", month])
        .env_remove("LOTSEN_TODAY")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Measured: IBAN check digits 00/01/99 were accepted (99 ≡ 02 mod 97 passes the checksum).
#[test]
fn iban_check_digits_00_01_99_are_refused_and_nothing_is_written() {
    let mut desk = Desk::new("2026-11-20");
    let s = desk.on("2026-11-20");
    for iban in [
        "DE99120300000000202051",
        "DE00120300000000202051",
        "DE01120300000000202051",
    ] {
        let input = PilotInput {
            first_name: "Max".into(),
            last_name: "Muster".into(),
            iban: iban.into(),
            ..Default::default()
        };
        let err = s.add_pilot(&input, None).unwrap_err();
        let Error::Validation(fields) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(fields[0].field, "iban");
        assert!(fields[0].message.contains("02 und 98"), "{err:?}");
    }
    assert!(s.store().all_pilots().unwrap().is_empty());
}

/// Measured: Ukrainian, Turkish, Egyptian IBANs went into the SEPA file; no BIC for CH/GB.
#[test]
fn accounts_outside_sepa_are_paid_by_hand_and_ch_needs_a_bic() {
    let mut desk = Desk::new("2026-11-20");
    // A Swiss account without BIC is refused at the field, with nothing written.
    let s = desk.on("2026-11-20");
    let swiss = PilotInput {
        first_name: "Nina".into(),
        last_name: "Lotse".into(),
        iban: "CH9300762011623852957".into(),
        ..Default::default()
    };
    let err = s.add_pilot(&swiss, None).unwrap_err();
    let Error::Validation(fields) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(fields[0].field, "bic");
    assert!(fields[0].message.contains("Schweiz"), "{err:?}");
    assert!(s.store().all_pilots().unwrap().is_empty());

    desk.active("Nina", "CH9300762011623852957", "UBSWCHZH80A");
    desk.active("Olena", "UA213223130000026007233566001", "");
    desk.active("Emre", "TR330006100519786457841326", "");
    desk.active("Paul", DE_A, "");
    let s = desk.on("2026-12-01");
    s.create_run("2026-11").unwrap();
    let run = approved(s.approve("2026-11", Shown::Stored).unwrap());
    let route = |first: &str| {
        run.lines
            .iter()
            .find(|l| l.first_name == first)
            .unwrap()
            .route
    };
    assert_eq!(route("Olena"), Route::Manual);
    assert_eq!(route("Emre"), Route::Manual);
    assert_eq!(route("Nina"), Route::SepaNeedsBic);
    assert_eq!(route("Paul"), Route::Sepa);
    assert_eq!(run.total_cents, 52_000);
    assert_eq!(run.manual_cents, 26_000);

    let (_, xml) = s.store().sepa_for("2026-11", s.today()).unwrap();
    assert!(!xml.contains("UA21") && !xml.contains("TR33"), "{xml}");
    assert!(xml.contains("<NbOfTxs>2</NbOfTxs>"), "{xml}");
    assert!(xml.contains("<CtrlSum>260.00</CtrlSum>"), "{xml}");
    assert!(xml.contains("<BICFI>UBSWCHZH80A</BICFI>"), "{xml}");

    let docs = s.store().run_documents("2026-11", s.today()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = common::write(dir.path(), "liste.pdf", &docs.payment_list);
    let text = common::collapsed(&common::text_of(&pdf));
    let manual = text.find("Manuelle Zahlungen").expect(&text);
    let (transfers, by_hand) = text.split_at(manual);
    assert!(transfers.contains("Paul Lotse") && transfers.contains("Nina Lotse"));
    assert!(
        !transfers.contains("Olena") && !transfers.contains("Emre"),
        "{text}"
    );
    assert!(by_hand.contains("Olena Lotse") && by_hand.contains("Emre Lotse"));
    assert!(by_hand.contains("Summe manuelle Zahlungen (2)"), "{text}");
}

/// Measured: the forecast showed 0 € for the month that just ended but is not approved yet; a
/// draft month is counted once.
#[test]
fn the_forecast_still_forecasts_an_ended_month_not_yet_approved() {
    let mut desk = Desk::new("2026-11-20");
    desk.active("Rita", DE_A, "");
    desk.active("Sven", DE_A, "");
    let s = desk.on("2026-10-01");
    s.create_run("2026-09").unwrap();
    approved(s.approve("2026-09", Shown::Stored).unwrap());
    let s = desk.on("2026-11-03");
    let y = s.budget_year(2026).unwrap();
    assert_eq!(
        y.months[9].forecast_cents, 26_000,
        "October is about to be paid"
    );
    assert_eq!(y.months[8].forecast_cents, 0, "September is approved");
    // With a draft, October is counted once: as the draft, not forecast besides.
    s.create_run("2026-10").unwrap();
    let y = s.budget_year(2026).unwrap();
    assert_eq!(
        (y.months[9].forecast_cents, y.months[9].draft_cents),
        (0, 26_000)
    );
    // Budget left after Sep (approved), Oct (draft), Nov and Dec (forecast).
    assert_eq!(
        y.months[11].remaining_after_cents,
        Some(1_000_000 - 4 * 26_000)
    );
}

/// Measured: "bereits freigegeben vor diesem Lauf" ignored later months already approved.
#[test]
fn approved_before_counts_every_other_approved_run_of_the_year() {
    let mut desk = Desk::new("2026-11-20");
    desk.active("Tom", DE_A, "");
    let s = desk.on("2026-11-02");
    s.create_run("2026-10").unwrap();
    let october = approved(s.approve("2026-10", Shown::Stored).unwrap());
    let s = desk.on("2026-12-01");
    s.create_run("2026-11").unwrap();
    let november = approved(s.approve("2026-11", Shown::Stored).unwrap());
    // September, approved after November (a late month).
    s.create_run("2026-09").unwrap();
    let september = approved(s.approve("2026-09", Shown::Stored).unwrap());
    assert_eq!(
        s.store().approved_before("2026-09", september.id).unwrap(),
        october.total_cents + november.total_cents
    );
    let docs = s.store().run_documents("2026-09", s.today()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = common::write(dir.path(), "sep.pdf", &docs.payment_list);
    let text = common::collapsed(&common::text_of(&pdf));
    assert!(text.contains("260,00 €"), "{text}");
}

/// Opens the file beside the store and sets the approval time of a run (the schema forbids it, so
/// the lock is lifted for the test only): what a run approved at that moment looks like.
fn approved_at(db: &Path, month: &str, at: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("DROP TRIGGER runs_forward_only")
        .unwrap();
    conn.execute(
        "UPDATE allowance_runs SET approved_at = ?2 WHERE month = ?1",
        [month, at],
    )
    .unwrap();
}

/// Measured: approval dates were printed from the UTC day ("freigegeben am 30.11." for an approval
/// at 00:30 on 01.12.); a payment date before the approval was accepted.
#[test]
fn documents_print_the_local_day_and_payment_is_not_before_approval() {
    let mut desk = Desk::new("2026-11-20");
    desk.active("Uwe", DE_A, "");
    let s = desk.on("2026-12-01");
    s.create_run("2026-11").unwrap();
    approved(s.approve("2026-11", Shown::Stored).unwrap());
    // 00:30 on 01.12. in Halberstadt.
    approved_at(&desk.path, "2026-11", "2026-11-30T23:30:00Z");
    let s = desk.on("2026-12-03");
    let run = s.run("2026-11").unwrap();
    assert_eq!(run.approved_on, Some(d("2026-12-01")));
    let docs = s.store().run_documents("2026-11", s.today()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = common::write(dir.path(), "nov.pdf", &docs.payment_list);
    let text = common::collapsed(&common::text_of(&pdf));
    assert!(text.contains("freigegeben am 01.12.2026"), "{text}");
    assert!(!text.contains("30.11.2026 von"), "{text}");
    // The statement's information block: the approval day and who, in full (never cut to "Koordina…").
    let (_, statement) = &docs.statements[0];
    let pdf = common::write(dir.path(), "a.pdf", statement);
    let text = common::collapsed(&common::text_of(&pdf));
    assert!(text.contains("Freigegeben 01.12.2026, "), "{text}");
    assert!(!text.contains('…'), "{text}");

    // Paid on 30.11. (before the approval on 01.12.) is refused, nothing written.
    let err = s.mark_paid("2026-11", Some("30.11.2026")).unwrap_err();
    let Error::Validation(fields) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(fields[0].field, "paid_on");
    assert!(
        fields[0].message.contains("vor der Freigabe am 01.12.2026"),
        "{err:?}"
    );
    assert_eq!(s.run("2026-11").unwrap().state, RunState::Approved);
    let run = s.mark_paid("2026-11", Some("01.12.2026")).unwrap();
    assert_eq!(run.paid_on, Some(d("2026-12-01")));
}

/// Measured: a rate change "ab 01.01.2027" entered in January changed December 2026 (paid in
/// arrears in January). Strict amounts and German errors naming the key; nothing written on a
/// refusal; the history is kept and shown.
#[test]
fn a_rate_from_january_entered_in_january_leaves_december_alone() {
    let mut desk = Desk::new("2026-11-20");
    desk.active("Vera", DE_A, "");
    let db = desk.path.clone();
    let refused = |args: &[&str], says: &str| {
        let out = lotsen(&db, "2027-01-05", args);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    };
    refused(
        &[
            "settings",
            "set",
            "allowance.rate",
            "1.000.00",
            "--from",
            "2027-01-01",
        ],
        "Betrag",
    );
    refused(
        &[
            "settings",
            "set",
            "allowance.rate",
            "140,00",
            "--from",
            "2027-01-15",
        ],
        "allowance.rate: „gültig ab“ muss ein Monatserster sein",
    );
    refused(
        &[
            "settings",
            "set",
            "allowance.rate",
            "250,00",
            "--from",
            "2027-01-01",
        ],
        "allowance.rate: Monatsbetrag 250,00 € liegt über dem Höchstbetrag 200,00 €",
    );
    refused(
        &["settings", "set", "allowance.rat", "140"],
        "gibt es nicht",
    );
    refused(
        &[
            "settings",
            "set",
            "debtor.name",
            "Kreis",
            "--from",
            "2027-01-01",
        ],
        "debtor.name: gilt ohne „gültig ab“",
    );
    let untouched = desk.s.setting_views().unwrap();
    for key in ["allowance.rate", "debtor.name"] {
        let v = untouched.iter().find(|v| v.key == key).unwrap();
        assert!(v.history.is_empty(), "{key}: nothing written");
    }
    // The debtor account saved through the form is in its key's history.
    let iban = untouched.iter().find(|v| v.key == "debtor.iban").unwrap();
    assert_eq!(iban.history.len(), 1);
    assert_eq!(iban.history[0].valid_from, None);

    let out = lotsen(
        &db,
        "2027-01-05",
        &[
            "settings",
            "set",
            "allowance.rate",
            "140,00",
            "--from",
            "2027-01-01",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // December 2026, computed in January: the rate in force in December.
    let s = desk.on("2027-01-05");
    let december = s.create_run("2026-12").unwrap();
    assert_eq!(
        (december.lines[0].rate_cents, december.lines[0].amount_cents),
        (13_000, 13_000)
    );
    approved(s.approve("2026-12", Shown::Stored).unwrap());
    let s = desk.on("2027-02-01");
    let january = s.create_run("2027-01").unwrap();
    assert_eq!(january.lines[0].amount_cents, 14_000);
    // The forecast of 2027 uses 140,00 €; the settings in force today say 140,00 €.
    assert_eq!(
        s.budget_year(2027).unwrap().months[2].forecast_cents,
        14_000
    );
    assert_eq!(s.settings().unwrap().allowance.rate_cents, 14_000);

    let out = lotsen(&db, "2026-12-15", &["settings", "--json"]);
    let views: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rate = views
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["key"] == "allowance.rate")
        .unwrap();
    assert_eq!(rate["value"], 13_000, "in force on 15.12.2026");
    assert_eq!(rate["dated"], true);
    assert_eq!(rate["history"][0]["value"], 14_000);
    assert_eq!(rate["history"][0]["valid_from"], "2027-01-01");
    let keys: Vec<&str> = views
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["key"].as_str().unwrap())
        .collect();
    for k in [
        "allowance.cap",
        "allowance.partial_month",
        "allowance.timing",
        "debtor.name",
        "debtor.iban",
        "debtor.bic",
        "lifecycle.pass_mark_percent",
        "lifecycle.reinspection_years",
    ] {
        assert!(keys.contains(&k), "{k}");
    }
    // The form of the Einstellungen screen cannot change a dated value without "gültig ab".
    let mut form = s.settings().unwrap();
    form.allowance.rate_cents = 15_000;
    let err = s.save_settings(&form).unwrap_err();
    let Error::Validation(fields) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(fields[0].field, "rate_cents");
    form.allowance.rate_cents = 14_000;
    form.desk_user = "Frau Krüger".into();
    let saved = s.save_settings(&form).unwrap();
    assert_eq!(saved.allowance.rate_cents, 14_000);
    assert_eq!(
        s.store()
            .settings_on(d("2026-12-01"))
            .unwrap()
            .allowance
            .rate_cents,
        13_000,
        "the value before the dated change stays as it was"
    );
}

/// A test attempt keeps the pass mark in force on its date.
#[test]
fn the_pass_mark_and_efz_periods_in_force_on_their_day() {
    let mut desk = Desk::new("2026-11-20");
    let s = desk.on("2026-11-20");
    s.set_setting("lifecycle.pass_mark_percent", "85", Some("2026-02-01"))
        .unwrap();
    // Greta's test of 15.02.2026 had 40 of 50 (80 %) — below 85 % in force then: not passed.
    let input = PilotInput {
        first_name: "Greta".into(),
        last_name: "Lotse".into(),
        ..Default::default()
    };
    let id = s.add_pilot(&input, Some("01.01.2026")).unwrap().id;
    let r = s
        .add_test(
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
    assert!(!r.final_test_passed);
    assert_eq!(
        (r.attempts[0].passed, r.attempts[0].pass_mark_percent),
        (false, 85)
    );
    let r = s
        .add_test(
            id,
            &TestInput {
                on: "20.01.2026".into(),
                points: "40".into(),
                max_points: "50".into(),
                interview: "bestanden".into(),
                interviewer: "Herr Weiß".into(),
            },
        )
        .unwrap();
    let january = r
        .attempts
        .iter()
        .find(|a| a.attempt.taken_on == d("2026-01-20"))
        .unwrap();
    assert_eq!((january.passed, january.pass_mark_percent), (true, 60));
}

/// The eFZ periods carry "gültig ab" too and count day by day: re-inspection after 3 instead of 5
/// years from 15.11.2026 ends the eligibility of a certificate of June 2023 on that day — November
/// pays 14 of 30 days, October stays whole, and coverage of a day counts with the periods of that day.
#[test]
fn shorter_efz_periods_from_15_november_count_from_that_day() {
    let mut desk = Desk::new("2026-11-10");
    desk.active_with_efz("Wim", DE_A, "", "01.06.2023", "10.06.2023");
    let s = desk.on("2026-11-10");
    s.set_setting("lifecycle.reinspection_years", "3", Some("15.11.2026"))
        .unwrap();
    let s = desk.on("2026-12-01");
    let october = s.create_run("2026-10").unwrap();
    assert_eq!(october.lines[0].eligible_days, 31);
    let november = s.create_run("2026-11").unwrap();
    assert_eq!(
        (
            november.lines[0].eligible_days,
            november.lines[0].amount_cents
        ),
        (14, 6_067)
    );
    let eligible = |s: &Session, day: &str| -> i64 {
        s.store()
            .coverage(d(day))
            .unwrap()
            .districts
            .iter()
            .map(|c| c.eligible as i64)
            .sum()
    };
    assert_eq!(eligible(s, "2026-11-14"), 1);
    assert_eq!(eligible(s, "2026-11-15"), 0);
}
