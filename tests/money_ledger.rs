//! The ledger of approved months (issue 11, part B), one scenario per measured defect: a backdated
//! appointment after approval is paid through the reconciliation; corrections are bounded; a
//! waiting correction never lands in a look-ahead draft; one SEPA file per run; a restore that
//! would lose approved runs is guarded and their statement numbers stay reserved.

use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, NaiveTime};
use lotsen::app::reconcile::SettleInput;
use lotsen::app::{Clock, Session};
use lotsen::domain::reconcile::Settlement;
use lotsen::domain::run::{Budget, RunState};
use lotsen::{Error, Status};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A session on a real file whose "today" the test moves on.
struct Desk {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    day: Arc<Mutex<NaiveDate>>,
    s: Session,
}

impl Desk {
    /// The full demo as of 26.11.2026 (debtor account, budgets 2025 and 2026).
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite3");
        let day = Arc::new(Mutex::new(d("2026-11-26")));
        let shared = day.clone();
        let clock = Clock::from_fn(move || shared.lock().unwrap().and_time(NaiveTime::MIN));
        let mut s = Session::open(&path, clock).unwrap();
        s.load_full_demo(None).unwrap();
        Desk {
            _dir: dir,
            path,
            day,
            s,
        }
    }

    fn on(&mut self, date: &str) -> &mut Session {
        *self.day.lock().unwrap() = d(date);
        &mut self.s
    }

    fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    fn budget(&mut self, year: i32, euros: i64) {
        let b = Budget {
            year,
            amount_cents: euros * 100,
            notice_number: format!("HZ-{year}"),
            notice_date: None,
            budget_line: "31500".into(),
        };
        self.s.store_mut().set_budget(&b, "Test").unwrap();
    }

    fn approve(&mut self, month: &str, on: &str) -> lotsen::domain::run::Run {
        let s = self.on(on);
        s.create_run(month).unwrap();
        approved(s.approve_run(month, None).unwrap())
    }
}

const YONAS: i64 = 8;

#[test]
fn a_pilot_appointed_backdated_after_approval_is_paid_through_the_reconciliation() {
    let mut desk = Desk::new();
    let november = desk.approve("2026-11", "2026-12-01");
    assert!(november.lines.iter().all(|l| l.pilot_id != YONAS));
    assert!(desk.s.reconcile(Some(2026)).unwrap().differences.is_empty());

    // On 2 December the office learns that Yonas was appointed on 1 November.
    let s = desk.on("2026-12-02");
    let today = s.today();
    s.store_mut()
        .change_status(YONAS, Status::Active, d("2026-11-01"), "", "Test", today)
        .unwrap();
    let r = s.reconcile(Some(2026)).unwrap();
    assert_eq!(r.months, vec!["2026-11"]);
    assert_eq!(r.differences.len(), 1, "{:?}", r.differences);
    let diff = &r.differences[0];
    assert_eq!((diff.pilot_id, diff.month.as_str()), (YONAS, "2026-11"));
    assert_eq!(
        diff.statement_number, None,
        "he had no statement for November"
    );
    assert_eq!(
        (diff.paid_cents, diff.due_cents, diff.difference_cents),
        (0, 13_000, 13_000)
    );
    assert_eq!(diff.kind, "Nachzahlung");
    assert_eq!(r.into_month.as_deref(), Some("2026-12"));

    // Accepted: a Nachzahlung for November waits for December's draft, and only once.
    s.apply_reconciliation(Some(2026)).unwrap();
    assert!(
        s.reconcile(Some(2026)).unwrap().differences.is_empty(),
        "again: nothing"
    );
    let corrections = s.corrections_of(YONAS).unwrap();
    assert_eq!(corrections.len(), 1);
    assert_eq!(corrections[0].for_month, "2026-11");
    assert_eq!(corrections[0].amount_cents, 13_000);
    assert!(
        corrections[0].reason.contains("ohne Abrechnung"),
        "{}",
        corrections[0].reason
    );

    // December pays him December and the November back-pay.
    let december = desk.approve("2026-12", "2027-01-04");
    let line = december.lines.iter().find(|l| l.pilot_id == YONAS).unwrap();
    assert_eq!(line.amount_cents, 13_000);
    assert_eq!(line.corrections_cents, 13_000);
    assert_eq!(line.net_cents, 26_000);
    assert!(desk.s.reconcile(None).unwrap().differences.is_empty());
}

#[test]
fn a_storno_after_approval_becomes_a_rueckforderung() {
    let mut desk = Desk::new();
    // Anna pauses from 21 November, entered before approval: 20 of 30 days.
    let s = desk.on("2026-11-26");
    let today = s.today();
    s.store_mut()
        .change_status(1, Status::Paused, d("2026-11-21"), "", "Test", today)
        .unwrap();
    let november = desk.approve("2026-11", "2026-12-01");
    let anna = november
        .lines
        .iter()
        .find(|l| l.pilot_id == 1)
        .unwrap()
        .clone();
    assert_eq!(anna.amount_cents, 8_667);
    // The pause was a mistake: Storno on 3 December. November now owes her the rest.
    let s = desk.on("2026-12-03");
    s.undo_status(1, "Irrtum").unwrap();
    let r = s.reconcile(None).unwrap();
    assert_eq!(r.differences.len(), 1);
    assert_eq!(r.differences[0].difference_cents, 13_000 - 8_667);
    assert_eq!(r.differences[0].statement_number, anna.statement_number);
}

#[test]
fn corrections_are_bounded_by_the_cap_and_by_what_was_paid() {
    let mut desk = Desk::new();
    let november = desk.approve("2026-11", "2026-12-01");
    let anna = november
        .lines
        .iter()
        .find(|l| l.pilot_id == 1)
        .unwrap()
        .clone();
    assert_eq!(anna.amount_cents, 13_000);
    let s = desk.on("2026-12-02");
    // +150 € on 130 € would be 280 € > 200 € cap.
    let e = s
        .add_correction(1, "150", "2026-11", "Fahrtkosten")
        .unwrap_err();
    let text = e.to_string();
    assert!(
        matches!(&e, Error::Validation(f) if f[0].field == "amount"),
        "{e:?}"
    );
    assert!(
        text.contains("Höchstbetrag von 200,00 €") && text.contains("Höchstens 70,00 €"),
        "{text}"
    );
    // −390 € against 130 € paid.
    let text = s
        .add_correction(1, "-390", "2026-11", "zu viel")
        .unwrap_err()
        .to_string();
    assert!(text.contains("höchstens 130,00 €"), "{text}");
    // Ambiguous amounts are refused, never guessed.
    assert!(s.add_correction(1, "1.000.00", "2026-11", "x").is_err());
    assert!(s.corrections_of(1).unwrap().is_empty(), "nothing written");
    // Within the bounds: +70 € is fine, then −200 € takes it all back, and not a cent more.
    s.add_correction(1, "70", "2026-11", "Fahrtkosten").unwrap();
    assert!(s.add_correction(1, "0,01", "2026-11", "mehr").is_err());
    s.add_correction(1, "-200", "2026-11", "alles zurück")
        .unwrap();
    assert!(s.add_correction(1, "-0,01", "2026-11", "weniger").is_err());
    // A month not yet approved has no corrections: it is recomputed instead.
    let e = s.add_correction(1, "10", "2026-12", "x").unwrap_err();
    assert!(e.to_string().contains("nicht freigegeben"), "{e}");
}

#[test]
fn a_waiting_correction_goes_to_the_earliest_open_month_never_a_look_ahead_draft() {
    let mut desk = Desk::new();
    desk.budget(2027, 50_000);
    desk.approve("2026-11", "2026-12-01");
    let s = desk.on("2026-12-02");
    s.add_correction(1, "-30", "2026-11", "Einsatz nicht geleistet")
        .unwrap();
    // A look-ahead draft of March 2027 is made first: it takes nothing.
    let march = s.create_run("2027-03").unwrap();
    assert!(march.corrections.is_empty());
    assert!(march.lines.iter().all(|l| l.corrections_cents == 0));
    // December, the month after the latest approval, takes it.
    let december = s.create_run("2026-12").unwrap();
    assert_eq!(december.corrections.len(), 1);
    assert_eq!(december.corrections[0].for_month, "2026-11");
    // Recomputing March again does not steal it.
    assert!(s.create_run("2027-03").unwrap().corrections.is_empty());
    assert_eq!(s.run("2026-12").unwrap().corrections.len(), 1);
    // Deleted December: the correction waits; after December is approved it goes to January and
    // counts against 2027's budget.
    s.delete_draft("2026-12").unwrap();
    let s = desk.on("2027-01-04");
    s.create_run("2026-12").unwrap();
    let december = approved(s.approve_run("2026-12", None).unwrap());
    assert_eq!(december.corrections.len(), 1, "December took it");
    let s = desk.on("2027-01-05");
    s.add_correction(2, "-10", "2026-12", "Test").unwrap();
    let s = desk.on("2027-02-01");
    let january = s.create_run("2027-01").unwrap();
    assert_eq!(january.corrections.len(), 1);
    let january = approved(s.approve_run("2027-01", None).unwrap());
    let year = s.budget_year(2027).unwrap();
    assert_eq!(year.approved_cents, january.total_cents);
    let line = january.lines.iter().find(|l| l.pilot_id == 2).unwrap();
    assert_eq!(line.corrections_cents, -1_000);
}

#[test]
fn claim_backs_are_tracked_until_offset_repaid_or_waived() {
    let mut desk = Desk::new();
    desk.budget(2027, 50_000);
    let november = desk.approve("2026-11", "2026-12-01");
    let s = desk.on("2026-12-02");
    for id in [1, 2, 3] {
        s.add_correction(id, "-130", "2026-11", "nicht tätig gewesen")
            .unwrap();
    }
    s.create_run("2026-12").unwrap();
    for id in [1, 2, 3] {
        s.lower_line("2026-12", id, "0", "ruht").unwrap();
    }
    let s = desk.on("2027-01-04");
    let december = approved(s.approve_run("2026-12", None).unwrap());
    assert_eq!(december.claim_back_cents, 3 * 13_000);
    let claims = s.claim_backs().unwrap();
    assert_eq!(claims.len(), 3);
    assert!(claims
        .iter()
        .all(|c| c.settled.is_none() && c.amount_cents == 13_000));
    let number = |id: i64| {
        december
            .lines
            .iter()
            .find(|l| l.pilot_id == id)
            .unwrap()
            .statement_number
            .clone()
            .unwrap()
    };
    let settle = |how: &str, id: i64, on: &str, reason: &str| SettleInput {
        statement_number: number(id),
        how: how.into(),
        on: on.into(),
        reason: reason.into(),
    };
    // Waived needs a reason; a date in the future is refused.
    assert!(s.settle_claim(&settle("erlassen", 1, "", " ")).is_err());
    assert!(s
        .settle_claim(&settle("zurückgezahlt", 2, "2027-02-01", ""))
        .is_err());
    let waived = s
        .settle_claim(&settle("erlassen", 1, "", "Härtefall"))
        .unwrap();
    assert_eq!(waived.settled, Some(Settlement::Waived));
    let repaid = s
        .settle_claim(&settle("zurückgezahlt", 2, "03.01.2027", ""))
        .unwrap();
    assert_eq!(repaid.settled_on.as_deref(), Some("2027-01-03"));
    assert!(
        s.settle_claim(&settle("erlassen", 2, "", "doppelt"))
            .is_err(),
        "settled once"
    );
    // Offset: January's draft deducts it from his next payment; the month totals stay as they are.
    let offset = s.settle_claim(&settle("verrechnen", 3, "", "")).unwrap();
    assert_eq!(offset.settled, Some(Settlement::Offset));
    let january = s.create_run("2027-01").unwrap();
    let line = january.lines.iter().find(|l| l.pilot_id == 3).unwrap();
    assert_eq!(line.corrections_cents, -13_000);
    assert_eq!(
        s.claim_backs()
            .unwrap()
            .iter()
            .find(|c| c.pilot_id == 3)
            .unwrap()
            .offset_in
            .as_deref(),
        Some("2027-01")
    );
    assert!(
        s.reconcile(None)
            .unwrap()
            .differences
            .iter()
            .all(|d| d.pilot_id != 3),
        "an offset changes no month"
    );
    let _ = november;
}

#[test]
fn one_sepa_file_per_run_the_same_message_id_again_and_none_after_paid() {
    let mut desk = Desk::new();
    let november = desk.approve("2026-11", "2026-12-01");
    let out = desk.dir().join("sepa-1.xml");
    let s = desk.on("2026-12-02");
    let first = s.prepare_sepa("2026-11", None).unwrap();
    let first = s.save_sepa(&first, &out).unwrap();
    let xml1 = std::fs::read_to_string(&out).unwrap();
    assert!(xml1.contains(&format!("<MsgId>{}</MsgId>", first.message_id)));
    assert_eq!(
        first.transactions as usize,
        november.lines.iter().filter(|l| l.net_cents > 0).count()
    );
    assert_eq!(first.control_sum_cents, november.total_cents);

    // Again without "erneut erstellen": refused, naming the first file.
    let s = desk.on("2026-12-03");
    let e = s.prepare_sepa("2026-11", None).unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e:?}");
    assert!(e.to_string().contains(&first.message_id), "{e}");
    assert!(
        s.prepare_sepa("2026-11", Some("  ")).is_err(),
        "a reason is needed"
    );
    let again = s
        .prepare_sepa("2026-11", Some("Datei beim Hochladen beschädigt"))
        .unwrap();
    let out2 = desk.dir().join("sepa-2.xml");
    let s = &mut desk.s;
    let second = s.save_sepa(&again, &out2).unwrap();
    assert_eq!(second.message_id, first.message_id);
    assert_eq!(second.payment_info_id, first.payment_info_id);
    let xml2 = std::fs::read_to_string(&out2).unwrap();
    assert!(xml2.contains(&format!("<PmtInfId>{}</PmtInfId>", first.payment_info_id)));
    // A file prepared before another program recorded one is refused at saving.
    let (three, four) = (desk.dir().join("3.xml"), desk.dir().join("4.xml"));
    let s = &mut desk.s;
    let stale = s.prepare_sepa("2026-11", Some("dritte")).unwrap();
    let fourth = s.prepare_sepa("2026-11", Some("vierte")).unwrap();
    s.save_sepa(&fourth, &four).unwrap();
    let e = s.save_sepa(&stale, &three).unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e:?}");
    assert!(!three.exists(), "no file without its record");

    let exports = desk.s.sepa_exports("2026-11").unwrap();
    assert_eq!(exports.len(), 3);
    assert_eq!(exports[1].reason, "Datei beim Hochladen beschädigt");
    assert!(exports.iter().all(|e| e.message_id == first.message_id));

    // Paid: no file any more.
    let s = desk.on("2026-12-10");
    s.mark_paid("2026-11", None).unwrap();
    let e = s.prepare_sepa("2026-11", Some("nochmal")).unwrap_err();
    assert!(e.to_string().contains("bezahlt"), "{e}");
    // The register is append-only, also in SQL.
    let c = rusqlite::Connection::open(&desk.path).unwrap();
    assert!(c.execute("DELETE FROM sepa_exports", []).is_err());
    assert!(c
        .execute("UPDATE sepa_exports SET message_id = 'X'", [])
        .is_err());
}

#[test]
fn a_restore_from_before_the_approval_is_guarded_and_the_numbers_stay_reserved() {
    let mut desk = Desk::new();
    let backup = desk.dir().join("vorher.sqlite3");
    desk.s.store().backup_to(&backup).unwrap();
    let first = desk.approve("2026-11", "2026-12-01");
    let out = desk.dir().join("sepa.xml");
    let s = desk.on("2026-12-01");
    let file = s.prepare_sepa("2026-11", None).unwrap();
    s.save_sepa(&file, &out).unwrap();
    let numbers: Vec<(String, i64)> = first
        .lines
        .iter()
        .map(|l| (l.statement_number.clone().unwrap(), l.pilot_id))
        .collect();

    // The restore lists what it would lose and refuses without confirmation.
    let losses = s.restore_losses(&backup).unwrap();
    assert_eq!(losses.len(), 2, "{losses:?}");
    assert!(
        losses[0].description.contains("November 2026"),
        "{losses:?}"
    );
    assert!(losses[0].description.contains(&numbers[0].0), "{losses:?}");
    assert_eq!(losses[1].what, "sepa");
    let e = s.restore_backup(&backup, None, false, &|_| {}).unwrap_err();
    let Error::Rule { missing, message } = e else {
        panic!("{e:?}")
    };
    assert_eq!(missing.len(), 2);
    assert!(message.contains("ausdrücklicher Bestätigung"), "{message}");
    assert_eq!(
        s.run("2026-11").unwrap().state,
        RunState::Approved,
        "nothing changed"
    );

    // Confirmed: restored; the numbers it lost stay reserved.
    s.restore_backup(&backup, None, true, &|_| {}).unwrap();
    assert!(s.run("2026-11").is_err(), "the run is gone");
    let reserved = s.store().reserved_numbers().unwrap();
    assert_eq!(reserved.len(), numbers.len());
    // Approving November again never gives a number to a different pilot.
    let again = desk.approve("2026-11", "2026-12-02");
    for l in &again.lines {
        let n = l.statement_number.clone().unwrap();
        assert!(!numbers.iter().any(|(old, _)| *old == n), "{n} reused");
    }
    assert_eq!(
        again.lines[0].statement_number.as_deref(),
        Some(format!("AE-2026-11-{:03}", numbers.len() + 1).as_str())
    );
    // The reservation survives the next restore too (of a file that never knew it).
    let s = desk.on("2026-12-02");
    s.restore_backup(&backup, None, true, &|_| {}).unwrap();
    assert_eq!(
        s.store().reserved_numbers().unwrap().len(),
        2 * numbers.len()
    );
    // A restore that loses nothing needs no confirmation.
    let same = desk.dir().join("jetzt.sqlite3");
    desk.s.store().backup_to(&same).unwrap();
    assert!(desk.s.restore_losses(&same).unwrap().is_empty());
    desk.s.restore_backup(&same, None, false, &|_| {}).unwrap();
}

/// The same rules on the command line: German refusals with exit code 1, nothing written.
#[test]
fn the_command_line_reconciles_corrects_and_guards_the_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    let lotsen = |today: &str, args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_lotsen"))
            .arg("--db")
            .arg(&db)
            .args(["--today", today])
            .args(args)
            .env_remove("LOTSEN_DB")
            .env_remove("LOTSEN_TODAY")
            .output()
            .unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (out.status.code(), text(&out.stdout), text(&out.stderr))
    };
    let ok = |r: (Option<i32>, String, String)| {
        assert_eq!(r.0, Some(0), "{}", r.2);
        r
    };
    ok(lotsen("2026-11-26", &["demo"]));
    ok(lotsen("2026-11-26", &["budget", "set", "2026", "50.000"]));
    let backup = dir.path().join("vorher.sqlite3");
    ok(lotsen("2026-11-26", &["backup", backup.to_str().unwrap()]));
    ok(lotsen("2026-12-01", &["run", "create", "2026-11"]));
    ok(lotsen("2026-12-01", &["run", "approve", "2026-11"]));

    let (code, _, err) = lotsen(
        "2026-12-02",
        &[
            "correction",
            "add",
            "1",
            "150",
            "--month",
            "2026-11",
            "--reason",
            "Fahrtkosten",
        ],
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("Höchstbetrag von 200,00 €"), "{err}");
    let (code, _, err) = lotsen(
        "2026-12-02",
        &[
            "correction",
            "add",
            "1",
            "-390",
            "--month",
            "2026-11",
            "--reason",
            "zu viel",
        ],
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("höchstens 130,00 €"), "{err}");
    let (_, _, err) = ok(lotsen(
        "2026-12-02",
        &[
            "correction",
            "add",
            "1",
            "-30",
            "--month",
            "2026-11",
            "--reason",
            "Einsatz ausgefallen",
        ],
    ));
    assert!(
        err.contains("Rückforderung 30,00 € für 2026-11 zu AE-2026-11-"),
        "{err}"
    );

    let (_, out, _) = ok(lotsen("2026-12-02", &["reconcile", "--json"]));
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["months"], serde_json::json!(["2026-11"]));
    assert_eq!(
        r["differences"].as_array().unwrap().len(),
        0,
        "a correction by hand stays as decided"
    );
    let (_, out, _) = ok(lotsen("2026-12-02", &["reconcile", "2026"]));
    assert!(
        out.contains("stimmen mit den heutigen Daten überein"),
        "{out}"
    );
    let (code, _, err) = lotsen("2026-12-02", &["reconcile", "26"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("Jahr „26“"), "{err}");

    let (code, _, err) = lotsen("2026-12-02", &["restore", backup.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("Abrechnungslauf November 2026") && err.contains("--accept-loss"),
        "{err}"
    );
    let (_, out, _) = ok(lotsen("2026-12-02", &["run", "show", "2026-11", "--json"]));
    assert!(out.contains("\"approved\""), "nothing restored");
    let (_, _, err) = ok(lotsen(
        "2026-12-02",
        &["restore", backup.to_str().unwrap(), "--accept-loss"],
    ));
    assert!(
        err.contains("Reserviert (werden nicht erneut vergeben): AE-2026-11-001"),
        "{err}"
    );
    ok(lotsen("2026-12-02", &["run", "create", "2026-11"]));
    let (_, out, _) = ok(lotsen("2026-12-02", &["run", "approve", "2026-11"]));
    assert!(!out.contains("AE-2026-11-001 "), "{out}");

    // SEPA: refused after "bezahlt", --again needs --reason.
    let (code, _, err) = lotsen(
        "2026-12-02",
        &["sepa", "2026-11", "--out", "x.xml", "--again"],
    );
    // A usage error (clap, in German, with its own exit code).
    assert_ne!(code, Some(0));
    assert!(err.contains("--reason"), "{err}");
    ok(lotsen("2026-12-03", &["run", "paid", "2026-11"]));
    let (code, _, err) = lotsen(
        "2026-12-03",
        &[
            "sepa",
            "2026-11",
            "--out",
            dir.path().join("s.xml").to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("bezahlt"), "{err}");
    assert!(!dir.path().join("s.xml").exists());
}

/// The run of an approval that went through (the draft approved is the one stored).
fn approved(a: lotsen::domain::approval::Approval) -> lotsen::domain::run::Run {
    match a {
        lotsen::domain::approval::Approval::Approved { run } => *run,
        lotsen::domain::approval::Approval::Stale { differences, .. } => {
            panic!("stale draft: {differences:?}")
        }
    }
}

#[test]
fn the_reconciliation_computes_each_month_with_the_rate_in_force_in_it() {
    let mut desk = Desk::new();
    let november = desk.approve("2026-11", "2026-12-01");
    let full: Vec<i64> = november
        .lines
        .iter()
        .filter(|l| l.amount_cents == 13_000)
        .map(|l| l.pilot_id)
        .collect();
    assert!(!full.is_empty());

    // A higher rate from January 2027: November stays as approved.
    let s = desk.on("2026-12-02");
    s.set_setting("allowance.rate", "150", Some("2027-01-01"))
        .unwrap();
    assert!(s.reconcile(Some(2026)).unwrap().differences.is_empty());

    // The county's decision arrives late: 150 € already from 1 November. Each full November is
    // 20 € short; the cap (200 €) of November bounds nothing here.
    s.set_setting("allowance.rate", "150", Some("2026-11-01"))
        .unwrap();
    let r = s.reconcile(Some(2026)).unwrap();
    let mut got: Vec<(i64, i64)> = r
        .differences
        .iter()
        .filter(|d| d.month == "2026-11" && full.contains(&d.pilot_id))
        .map(|d| (d.pilot_id, d.difference_cents))
        .collect();
    got.sort();
    let mut want: Vec<(i64, i64)> = full.iter().map(|&p| (p, 2_000)).collect();
    want.sort();
    assert_eq!(got, want);
    s.apply_reconciliation(Some(2026)).unwrap();
    assert!(s.reconcile(None).unwrap().differences.is_empty());
}
