//! Allowance runs and budgets on a real database: a full year, and invariants under random use.

use chrono::{Days, NaiveDate};
use lotsen::db::demo;
use lotsen::domain::run::{Budget, RunState};
use lotsen::{Error, Status, Store};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn budget(year: i32, cents: i64) -> Budget {
    Budget {
        year,
        amount_cents: cents,
        notice_number: "HZ-4711".into(),
        notice_date: None,
        budget_line: "31500.53100".into(),
    }
}

/// Pilots with an IBAN for everyone who gets paid (demo prospects have none, and are never paid).
fn demo_store(dir: &std::path::Path, today: NaiveDate) -> Store {
    let mut store = Store::open(&dir.join("a.sqlite3")).unwrap();
    demo::load(&mut store, today, "Test").unwrap();
    store
}

#[test]
fn a_year_whose_budget_runs_out_in_october() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path(), d("2025-12-01"));
    // Jan–Sep approved month by month, each on the 1st of the following month.
    store
        .set_budget(&budget(2026, 100_000_000), "Test")
        .unwrap();
    let mut approved = 0;
    for m in 1..=9 {
        let month = format!("2026-{m:02}");
        let today = d(&format!("2026-{:02}-01", m + 1));
        store.create_run(&month, today).unwrap();
        let run = store.approve_run(&month, "Kämmerei", today).unwrap();
        assert_eq!(run.state, RunState::Approved);
        assert!(run.total_cents > 0);
        approved += run.total_cents;
    }
    // October will cost what its draft says; the budget lacks 12,34 € of it.
    let today = d("2026-10-01");
    let october = store.create_run("2026-10", today).unwrap().total_cents;
    store.delete_draft("2026-10").unwrap();
    store
        .set_budget(&budget(2026, approved + october - 1234), "Test")
        .unwrap();

    // On 1 October the forecast already says October is the first month not covered.
    let y = store.budget_year(2026, today).unwrap();
    assert_eq!(y.approved_cents, approved);
    assert_eq!(y.first_uncovered.as_deref(), Some("2026-10"));
    assert_eq!(y.months[9].forecast_cents, october);
    assert_eq!(y.months[9].remaining_after_cents, Some(-1234));

    // After October has ended, approving it is refused with the shortfall in euros.
    let today = d("2026-11-02");
    store.create_run("2026-10", today).unwrap();
    let err = store.approve_run("2026-10", "Kämmerei", today).unwrap_err();
    let Error::Rule { message, .. } = err else {
        panic!("{err:?}")
    };
    assert!(message.contains("es fehlen 12,34 €"), "{message}");
    assert_eq!(store.run("2026-10").unwrap().state, RunState::Draft);
    // November's forecast says so too: nothing left for it.
    let y = store.budget_year(2026, today).unwrap();
    assert!(y.months[10].remaining_after_cents.unwrap() < 0);
    assert_eq!(y.pilots_affordable, Some(0));

    // Raising the budget lets October through.
    store
        .set_budget(&budget(2026, approved + october), "Test")
        .unwrap();
    let run = store.approve_run("2026-10", "Kämmerei", today).unwrap();
    assert_eq!(
        run.lines[0].statement_number.as_deref(),
        Some("AE-2026-10-001")
    );
}

#[test]
fn approval_rules_and_locking() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path(), d("2026-11-26"));
    let today = d("2026-11-26");
    let run = store.create_run("2026-11", today).unwrap();
    // Every line is for an eligible pilot and within 0..=cap.
    assert!(run
        .lines
        .iter()
        .all(|l| l.eligible_days > 0 && (0..=20_000).contains(&l.amount_cents)));
    // In arrears: November cannot be approved on 26 November; and there is no budget.
    let Err(Error::Rule { missing, .. }) = store.approve_run("2026-11", "X", today) else {
        panic!()
    };
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(missing[0].contains("nach dem 30.11.2026"));
    assert!(missing[1].contains("kein Budget"));

    // A line without an IBAN is named.
    let today = d("2026-12-01");
    store.set_budget(&budget(2026, 5_000_000), "Test").unwrap();
    let yonas = 8;
    // Yonas is qualified; appoint him (demo has everything in place) and remove his IBAN.
    store
        .change_status(yonas, Status::Active, d("2026-11-20"), "", "Test", today)
        .unwrap();
    let mut input: lotsen::PilotInput =
        serde_json::from_value(serde_json::to_value(store.get_pilot(yonas).unwrap()).unwrap())
            .unwrap();
    input.iban.clear();
    store.update_pilot(yonas, &input, today).unwrap();
    store.create_run("2026-11", today).unwrap();
    let Err(Error::Rule { message, .. }) = store.approve_run("2026-11", "X", today) else {
        panic!()
    };
    assert!(
        message.contains("Keine gültige IBAN: Yonas Beispielsohn"),
        "{message}"
    );
    // Lowering his line to 0 with a reason lets the run through.
    store
        .lower_line("2026-11", yonas, 0, "IBAN fehlt, Zahlung im Folgemonat")
        .unwrap();
    assert!(store.lower_line("2026-11", yonas, 99_999, "mehr").is_err());
    let run = store.approve_run("2026-11", "Frau Kasse", today).unwrap();
    assert_eq!(run.approved_by.as_deref(), Some("Frau Kasse"));
    // Numbers by district, last name, first name.
    let numbers: Vec<(String, String)> = run
        .lines
        .iter()
        .map(|l| (l.statement_number.clone().unwrap(), l.district.clone()))
        .collect();
    assert_eq!(numbers[0].0, "AE-2026-11-001");
    assert!(numbers.windows(2).all(|w| w[0].1 <= w[1].1));

    // Locked: no recompute, no lowering, no delete, not even in SQL.
    assert!(matches!(
        store.create_run("2026-11", today),
        Err(Error::Conflict(_))
    ));
    assert!(store
        .lower_line("2026-11", run.lines[0].pilot_id, 1, "x")
        .is_err());
    assert!(store.delete_draft("2026-11").is_err());
    let c = rusqlite::Connection::open(dir.path().join("a.sqlite3")).unwrap();
    assert!(c
        .execute("UPDATE run_lines SET amount_cents = 1", [])
        .is_err());
    assert!(c.execute("DELETE FROM run_lines", []).is_err());
    assert!(c
        .execute("UPDATE allowance_runs SET state = 'draft'", [])
        .is_err());
    drop(c);

    // Paid: recorded, and only once.
    let run = store.mark_paid("2026-11", d("2026-12-01"), today).unwrap();
    assert_eq!(run.state, RunState::Paid);
    assert!(store.mark_paid("2026-11", today, today).is_err());

    // A correction for an approved statement lands in the next draft; a negative net is a claim-back.
    let anna = run
        .lines
        .iter()
        .find(|l| l.name == "Anna Beispiel")
        .unwrap();
    let number = anna.statement_number.clone().unwrap();
    assert!(store
        .add_correction(1, -5_000, "1999-01", "Doppelt gezahlt", "X")
        .is_err());
    store
        .add_correction(1, -anna.amount_cents, "2026-11", "Doppelt gezahlt", "X")
        .unwrap();
    store.create_run("2026-12", d("2027-01-02")).unwrap();
    store.lower_line("2026-12", 1, 0, "kein Einsatz").unwrap();
    let dec = store.run("2026-12").unwrap();
    let line = dec.lines.iter().find(|l| l.pilot_id == 1).unwrap();
    assert_eq!(line.corrections_cents, -anna.amount_cents);
    assert_eq!(line.net_cents, -anna.amount_cents);
    assert_eq!(dec.claim_back_cents, anna.amount_cents);
    assert_eq!(dec.corrections.len(), 1);
    assert_eq!(dec.corrections[0].original_statement, number);
}

mod invariants {
    use super::*;
    use lotsen::domain::allowance::{compute_month, Month};
    use lotsen::domain::reconcile::{CorrectionKind, Settlement};
    use lotsen::domain::screening::{Screening, ScreeningResult};
    use lotsen::domain::timeline::{SettingsHistory, Timeline};
    use proptest::prelude::*;
    use std::collections::HashMap;

    #[derive(Debug, Clone)]
    enum Op {
        Wait(u64),
        Budget(i64),
        Create(u32),
        Lower(u32, usize, i64),
        Approve(u32),
        /// Create and approve, as the coordinator closes a month.
        Close(u32),
        Paid(u32),
        Correction(usize, u32, i64),
        Pause(usize, u64),
        Resume(usize, u64),
        Storno(usize),
        Reconcile,
        Offset(usize),
        Backup,
        Restore,
        /// A new rate from the first of a month (also a month already approved: entered late).
        Rate(u32, i64),
        /// A certificate of conduct inspected `back` days ago, entered today (late).
        Efz(usize, u64),
        /// The pilot's latest eFZ record corrected to "relevanter Eintrag" (a late fact about the past).
        EfzRelevant(usize),
    }

    /// Pilots of the demo used here: the first ten (active, paused, qualified, a prospect).
    const PILOTS: usize = 10;

    /// Months 1–6 of 2026, so that creating, approving and correcting meet the same months.
    const MONTHS: std::ops::RangeInclusive<u32> = 1..=6;

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (1u64..60).prop_map(Op::Wait),
            (0i64..3_000_000).prop_map(Op::Budget),
            MONTHS.prop_map(Op::Create),
            (MONTHS, 0..PILOTS, -100i64..25_000).prop_map(|(m, p, a)| Op::Lower(m, p, a)),
            MONTHS.prop_map(Op::Approve),
            MONTHS.prop_map(Op::Close),
            MONTHS.prop_map(Op::Close),
            MONTHS.prop_map(Op::Paid),
            (0..PILOTS, MONTHS, -30_000i64..30_000).prop_map(|(p, m, a)| Op::Correction(p, m, a)),
            (0..PILOTS, 0u64..90).prop_map(|(p, back)| Op::Pause(p, back)),
            (0..PILOTS, 0u64..90).prop_map(|(p, back)| Op::Resume(p, back)),
            (0..PILOTS).prop_map(Op::Storno),
            Just(Op::Reconcile),
            (0..PILOTS).prop_map(Op::Offset),
            Just(Op::Backup),
            Just(Op::Restore),
            (MONTHS, 5_000i64..=20_000).prop_map(|(m, c)| Op::Rate(m, c)),
            (0..PILOTS, 0u64..120).prop_map(|(p, back)| Op::Efz(p, back)),
            (0..PILOTS).prop_map(Op::EfzRelevant),
        ]
    }

    fn month(m: u32) -> String {
        format!("2026-{m:02}")
    }

    /// Per pilot and approved month: (line amount, computed, corrections by hand, all corrections
    /// except offsets), read through the public API.
    fn booked(store: &Store) -> HashMap<(i64, String), (i64, i64, i64, i64)> {
        let mut out: HashMap<(i64, String), (i64, i64, i64, i64)> = HashMap::new();
        for year in [2026, 2027] {
            for r in store.runs(year).unwrap() {
                if r.state == RunState::Draft {
                    continue;
                }
                for l in &r.lines {
                    let e = out.entry((l.pilot_id, r.month.clone())).or_default();
                    e.0 += l.amount_cents;
                    e.1 += l.computed_cents;
                }
            }
        }
        for p in store.all_pilots().unwrap() {
            for c in store.corrections_of(p.id).unwrap() {
                if c.kind == CorrectionKind::Offset {
                    continue;
                }
                let e = out.entry((p.id, c.for_month.clone())).or_default();
                e.3 += c.amount_cents;
                if c.kind == CorrectionKind::Manual {
                    e.2 += c.amount_cents;
                }
            }
        }
        out
    }

    type Frozen = HashMap<String, Vec<lotsen::domain::run::RunLine>>;

    /// The invariants after every step.
    fn check(
        store: &Store,
        frozen: &mut Frozen,
        numbers: &mut HashMap<String, (i64, String)>,
        cap: i64,
    ) -> Result<(), TestCaseError> {
        let runs = store.runs(2026).unwrap();
        let approved: i64 = runs
            .iter()
            .filter(|r| r.state != RunState::Draft)
            .map(|r| r.total_cents)
            .sum();
        let budget_cents = store.budget(2026).unwrap().map_or(0, |b| b.amount_cents);
        prop_assert!(
            approved <= budget_cents,
            "approved {} > budget {}",
            approved,
            budget_cents
        );
        for r in &runs {
            for l in &r.lines {
                prop_assert!(
                    (0..=cap).contains(&l.amount_cents),
                    "amount {}",
                    l.amount_cents
                );
                prop_assert!(l.amount_cents <= l.computed_cents);
            }
            if r.state == RunState::Draft {
                prop_assert!(r.lines.iter().all(|l| l.statement_number.is_none()));
                continue;
            }
            match frozen.get(&r.month) {
                Some(lines) => prop_assert_eq!(lines, &r.lines, "approved run {} changed", r.month),
                None => {
                    frozen.insert(r.month.clone(), r.lines.clone());
                }
            }
            for l in &r.lines {
                let n = l
                    .statement_number
                    .clone()
                    .expect("approved lines are numbered");
                let owner = (l.pilot_id, r.month.clone());
                match numbers.get(&n) {
                    Some(o) => prop_assert_eq!(o, &owner, "number {} reused", n),
                    None => {
                        numbers.insert(n, owner);
                    }
                }
            }
        }
        for ((pilot, m), (amount, _, _, corrections)) in booked(store) {
            let total = amount + corrections;
            prop_assert!(
                (0..=cap).contains(&total),
                "pilot {} month {}: {} outside 0..={}",
                pilot,
                m,
                total,
                cap
            );
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        /// Random sequences of the coordinator's year: backdated status and eFZ changes, Storno, rate changes
        /// from the first of a month (also entered after that month was approved), corrections,
        /// reconciliation, approvals, payments, offsets, backups and restores. After every step: the
        /// budget holds, lines stay within 0 and the cap, approved runs never change, statement
        /// numbers are never given twice (also across restores), and every approved month stays
        /// within 0 and the cap. At the end, after "reconcile --apply" and approving the next run:
        /// per pilot and month the booked total is what today's facts give (lowering and corrections
        /// by hand kept as decided), each pilot paid at most once per month.
        #[test]
        fn money_invariants(ops in proptest::collection::vec(op(), 1..24)) {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(&dir.path().join("p.sqlite3")).unwrap();
            let mut today = d("2025-12-01");
            demo::load_many(&mut store, today, "Test", PILOTS).unwrap();
            // January 2026 can be approved from the start, within a budget that a random one may replace;
            // waits reach into the year.
            today = d("2026-02-01");
            store.set_budget(&budget(2026, 2_000_000), "P").unwrap();
            let ids: Vec<i64> = store.all_pilots().unwrap().iter().map(|p| p.id).collect();
            // Everyone has a bank account: a correction may pay a pilot who never had a statement.
            for p in store.all_pilots().unwrap().into_iter().filter(|p| p.iban.is_empty()) {
                let mut input: lotsen::PilotInput = serde_json::from_value(serde_json::to_value(&p).unwrap()).unwrap();
                input.iban = "DE89370400440532013000".into();
                store.update_pilot(p.id, &input, today).unwrap();
            }
            let cap = store.settings().unwrap().allowance.cap_cents;
            let mut frozen: Frozen = HashMap::new();
            let mut numbers: HashMap<String, (i64, String)> = HashMap::new();
            let mut snapshot: Option<std::path::PathBuf> = None;
            let keep = dir.path().join("keep");
            let mut rates = 0;
            let mut efz = 0;
            for op in ops {
                // Every operation may be refused; the invariants must hold either way.
                let _ = match op {
                    Op::Wait(days) => { today = today + Days::new(days); Ok(()) }
                    Op::Budget(c) => store.set_budget(&budget(2026, c), "P").map(|_| ()),
                    Op::Create(m) => store.create_run(&month(m), today).map(|_| ()),
                    Op::Lower(m, p, a) => store.lower_line(&month(m), ids[p], a, "Test").map(|_| ()),
                    Op::Approve(m) => store.approve_run(&month(m), "P", today).map(|_| ()),
                    Op::Close(m) => store.create_run(&month(m), today).and_then(|_| store.approve_run(&month(m), "P", today)).map(|_| ()),
                    Op::Paid(m) => store.mark_paid(&month(m), today, today).map(|_| ()),
                    Op::Correction(p, m, a) => store.add_correction(ids[p], a, &month(m), "Test", "P").map(|_| ()),
                    Op::Pause(p, back) => store.change_status(ids[p], Status::Paused, today - Days::new(back), "", "P", today).map(|_| ()),
                    Op::Resume(p, back) => store.change_status(ids[p], Status::Active, today - Days::new(back), "", "P", today).map(|_| ()),
                    Op::Storno(p) => store.cancel_latest_status(ids[p], "Irrtum", "P", today).map(|_| ()),
                    Op::Reconcile => store.apply_reconciliation(None, "P").map(|_| ()),
                    Op::Offset(p) => {
                        let open = store.claim_backs().unwrap().into_iter().find(|c| c.pilot_id == ids[p] && c.settled.is_none());
                        match open {
                            Some(c) => store.settle_claim(&c.statement_number, Settlement::Offset, today, "", "P", today).map(|_| ()),
                            None => Ok(()),
                        }
                    }
                    Op::Backup => {
                        let path = dir.path().join(format!("b{}.sqlite3", numbers.len()));
                        let r = store.backup_to(&path);
                        if r.is_ok() { snapshot = Some(path); }
                        r
                    }
                    Op::Rate(m, c) => {
                        let key = lotsen::domain::settings::find_key("allowance.rate").unwrap();
                        let from = Month::parse(&month(m)).unwrap().first_day();
                        let r = store.set_setting(key, &serde_json::json!(c), from, "P");
                        rates += usize::from(r.is_ok());
                        r
                    }
                    Op::Efz(p, back) => {
                        let on = today - Days::new(back);
                        let s = Screening {
                            letter_issued_on: None,
                            certificate_dated: Some(on - Days::new(20)),
                            inspected_on: Some(on),
                            inspected_by: "Test".into(),
                            result: Some(ScreeningResult::Clear),
                        };
                        let r = store.save_screening(ids[p], None, &s, today).map(|_| ());
                        efz += usize::from(r.is_ok());
                        r
                    }
                    Op::EfzRelevant(p) => {
                        let latest = store.lifecycle_data(Some(ids[p])).unwrap().remove(&ids[p]).and_then(|l| l.screenings.into_iter().max_by_key(|s| s.screening.inspected_on));
                        match latest {
                            Some(rec) => {
                                let s = Screening { result: Some(ScreeningResult::RelevantEntry), ..rec.screening };
                                let r = store.save_screening(ids[p], Some(rec.id), &s, today).map(|_| ());
                                efz += usize::from(r.is_ok());
                                r
                            }
                            None => Ok(()),
                        }
                    }
                    Op::Restore => match &snapshot {
                        Some(path) => {
                            let now = today.and_hms_opt(12, 0, 0).unwrap();
                            let r = store.restore_from(path, &keep, now).map(|_| ());
                            // What the restore lost (accepted) is no longer frozen; its numbers stay taken.
                            let kept: Vec<String> = store.runs(2026).unwrap().into_iter().filter(|r| r.state != RunState::Draft).map(|r| r.month).collect();
                            frozen.retain(|m, _| kept.contains(m));
                            r
                        }
                        None => Ok(()),
                    },
                };
                check(&store, &mut frozen, &mut numbers, cap)?;
            }

            // Reconcile, then approve the run that takes the corrections.
            store.set_budget(&budget(2026, 1_000_000_000), "P").unwrap();
            store.set_budget(&budget(2027, 1_000_000_000), "P").unwrap();
            let found = store.apply_reconciliation(None, "P").unwrap();
            if std::env::var_os("LOTSEN_PROP_STATS").is_some() {
                eprintln!("STAT approved={} differences={} reserved={} rates={} efz={}", found.months.len(), found.differences.len(), store.reserved_numbers().unwrap().len(), rates, efz);
            }
            if let Some(target) = store.correction_month().unwrap() {
                today = today.max(target.last_day() + Days::new(1));
                store.create_run(&target.to_string(), today).unwrap();
                let r = store.approve_run(&target.to_string(), "P", today);
                prop_assert!(r.is_ok(), "approving {} after the reconciliation: {:?}", target, r.err());
            }
            check(&store, &mut frozen, &mut numbers, cap)?;
            // Independently of the reconciliation's own code: today's facts per pilot and month, with
            // the settings in force in that month.
            let pilots = store.all_pilots().unwrap();
            let data = store.lifecycle_data(None).unwrap();
            // The stored timelines are those the facts give now (no change left one stale).
            let cached = store.timelines().unwrap();
            let refs = store.reference_data().unwrap();
            let history = store.settings_history().unwrap();
            for p in &pilots {
                let fresh = Timeline::build(
                    &data.get(&p.id).cloned().unwrap_or_default(),
                    p.district.as_deref(),
                    |n| refs.districts.iter().find(|d| d.name == n).map(|d| d.id),
                    &history,
                );
                prop_assert_eq!(cached.get(&p.id), Some(&fresh), "timeline of pilot {}", p.id);
            }
            let booked = booked(&store);
            for year in [2026, 2027] {
                for r in store.runs(year).unwrap().iter().filter(|r| r.state != RunState::Draft) {
                    let m = Month::parse(&r.month).unwrap();
                    let settings = store.settings_on(m.first_day()).unwrap();
                    let fixed = SettingsHistory::fixed(settings.lifecycle);
                    let timelines: HashMap<i64, Timeline> = data
                        .iter()
                        .map(|(id, d)| (*id, Timeline::build(d, None, |_| None, &fixed)))
                        .collect();
                    let fresh = compute_month(m, &pilots, &timelines, &settings.allowance);
                    let mut seen = std::collections::HashSet::new();
                    for l in &r.lines {
                        prop_assert!(seen.insert(l.pilot_id), "pilot {} twice in {}", l.pilot_id, r.month);
                    }
                    for p in &pilots {
                        let (amount, computed, manual, corrections) = booked.get(&(p.id, r.month.clone())).copied().unwrap_or_default();
                        let facts = fresh.iter().find(|c| c.pilot_id == p.id).map_or(0, |c| c.computed_cents);
                        let due = (facts - (computed - amount) + manual).clamp(0, cap);
                        prop_assert_eq!(amount + corrections, due, "pilot {} month {}: booked vs today's facts", p.id, r.month);
                    }
                }
            }
            prop_assert!(store.reconcile(None).unwrap().differences.is_empty());
        }
    }
}
