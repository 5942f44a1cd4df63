//! Budgets, allowance runs, lines and corrections. Rules from `allowance` and `budget`; approved
//! runs are locked by triggers in the schema as well as here.

use chrono::NaiveDate;
use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};

use super::{now_utc, Store};
use crate::domain::allowance::{self, Month, Timing};
use crate::domain::approval::{self, Approval, LineFigures};
use crate::domain::budget::{self, BudgetYear, MonthTotals};
use crate::domain::money::Cents;
use crate::domain::run::{Budget, Correction, Run, RunLine, RunState};
use crate::error::{Error, FieldError, Result};

/// The draft the coordinator was shown, which approval compares with the fresh figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// The draft as stored (the command line without `--accept-changes`).
    Stored,
    /// The draft with this fingerprint (the window passes the one it shows, or the fresh one of
    /// the differences it listed when the coordinator accepts them).
    Fingerprint(String),
    /// Whatever the facts give now (`--accept-changes`).
    AcceptChanges,
}

fn run_month(month: &str) -> Result<Month> {
    Month::parse(month).ok_or_else(|| {
        Error::field(
            "month",
            format!("Monat „{month}“ ist ungültig; erwartet JJJJ-MM."),
        )
    })
}

impl Store {
    /// Approved and paid totals (positive nets) of every other run of `month`'s budget year
    /// (earlier and later months), without run `except_run`: the "bereits freigegeben vor diesem
    /// Lauf" of a payment list.
    pub fn approved_before(&self, month: &str, except_run: i64) -> Result<i64> {
        let month = run_month(month)?;
        self.approved_total(month.year, Some(except_run))
    }

    fn run_id(&self, month: Month) -> Result<Option<(i64, RunState)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, state FROM allowance_runs WHERE month = ?1",
                [month.to_string()],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        RunState::from_code(&r.get::<_, String>(1)?),
                    ))
                },
            )
            .optional()?)
    }

    /// The budget of a year, if one is set.
    pub fn budget(&self, year: i32) -> Result<Option<Budget>> {
        Ok(self
            .conn
            .query_row(
                "SELECT year, amount_cents, notice_number, notice_date, budget_line FROM budgets WHERE year = ?1",
                [year],
                |r| {
                    Ok(Budget {
                        year: r.get(0)?,
                        amount_cents: r.get(1)?,
                        notice_number: r.get(2)?,
                        notice_date: r.get::<_, Option<String>>(3)?.as_deref().and_then(crate::domain::pilot::parse_date),
                        budget_line: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// Sets or changes a year's budget; every changed field is recorded with who and when.
    /// A budget below what is already approved for that year is refused.
    pub fn set_budget(&mut self, b: &Budget, who: &str) -> Result<Budget> {
        let mut errors = Vec::new();
        if !(2000..=2999).contains(&b.year) {
            errors.push(FieldError::new("year", "Haushaltsjahr ist ungültig."));
        }
        if !(0..=10_000_000_000).contains(&b.amount_cents) {
            errors.push(FieldError::new(
                "amount_cents",
                "Budget muss zwischen 0 und 100 Mio. € liegen.",
            ));
        }
        for (field, label, v) in [
            ("notice_number", "Bescheid-Nr.", &b.notice_number),
            ("budget_line", "Buchungsstelle", &b.budget_line),
        ] {
            if v.chars().count() > 100 {
                errors.push(FieldError::new(
                    field,
                    format!("{label} ist zu lang (höchstens 100 Zeichen)."),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let approved = self.approved_total(b.year, None)?;
        if b.amount_cents < approved {
            return Err(Error::field(
                "amount_cents",
                format!(
                    "Für {} sind bereits {} freigegeben; das Budget kann nicht darunter liegen.",
                    b.year,
                    Cents(approved)
                ),
            ));
        }
        let old = self.budget(b.year)?;
        let now = now_utc();
        self.with_transaction(|tx| {
            let fields: [(&str, Option<String>, String); 4] = [
                ("amount_cents", old.as_ref().map(|o| o.amount_cents.to_string()), b.amount_cents.to_string()),
                ("notice_number", old.as_ref().map(|o| o.notice_number.clone()), b.notice_number.trim().to_string()),
                (
                    "notice_date",
                    old.as_ref().map(|o| o.notice_date.map(|d| d.to_string()).unwrap_or_default()),
                    b.notice_date.map(|d| d.to_string()).unwrap_or_default(),
                ),
                ("budget_line", old.as_ref().map(|o| o.budget_line.clone()), b.budget_line.trim().to_string()),
            ];
            for (field, before, after) in fields {
                if before.as_deref() != Some(after.as_str()) {
                    tx.execute(
                        "INSERT INTO budget_changes (year, field, old_value, new_value, who, changed_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![b.year, field, before, after, who, now],
                    )?;
                }
            }
            tx.execute(
                "INSERT INTO budgets (year, amount_cents, notice_number, notice_date, budget_line, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (year) DO UPDATE SET amount_cents = excluded.amount_cents,
                    notice_number = excluded.notice_number, notice_date = excluded.notice_date,
                    budget_line = excluded.budget_line, updated_at = excluded.updated_at",
                params![
                    b.year,
                    b.amount_cents,
                    b.notice_number.trim(),
                    b.notice_date.map(|d| d.to_string()),
                    b.budget_line.trim(),
                    now
                ],
            )?;
            Ok(())
        })?;
        Ok(self.budget(b.year)?.expect("just written"))
    }

    /// Approved (and paid) totals of a year, optionally without one run.
    fn approved_total(&self, year: i32, except_run: Option<i64>) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(sum(max(l.net_cents, 0)), 0) FROM run_lines l JOIN allowance_runs r ON r.id = l.run_id
             WHERE r.state <> 'draft' AND substr(r.month, 1, 4) = ?1 AND r.id <> ?2",
            params![format!("{year:04}"), except_run.unwrap_or(-1)],
            |r| r.get(0),
        )?)
    }

    /// Creates the draft run of a month, or recomputes an existing draft. Refused for approved runs.
    pub fn create_run(&mut self, month: &str, today: NaiveDate) -> Result<Run> {
        let month = run_month(month)?;
        let _ = today;
        self.immediate(|store| {
            let run_id = match store.run_id(month)? {
                Some((_, state)) if state != RunState::Draft => {
                    return Err(Error::Conflict(format!(
                        "Der Abrechnungslauf {} ist {} und kann nicht neu berechnet werden; Fehler werden mit einer Korrektur im nächsten Lauf behoben.",
                        month.label(),
                        state.label()
                    )))
                }
                Some((id, _)) => {
                    store.conn.execute(
                        "UPDATE allowance_runs SET computed_at = ?2 WHERE id = ?1",
                        params![id, now_utc()],
                    )?;
                    id
                }
                None => {
                    store.conn.execute(
                        "INSERT INTO allowance_runs (month, created_at, computed_at) VALUES (?1, ?2, ?2)",
                        params![month.to_string(), now_utc()],
                    )?;
                    store.conn.last_insert_rowid()
                }
            };
            let pilots = store.pilots()?;
            let fresh = store.fresh_lines(month, run_id, &pilots)?;
            store.write_lines(month, run_id, &fresh)
        })?;
        self.run(&month.to_string())
    }

    /// Every pilot's eligible days and amount in `month` from today's facts, with the allowance
    /// settings and eFZ periods in force in that month (a rate changed from January counts from
    /// January, also for a month approved before the change was entered).
    pub(crate) fn compute_in_force(
        &self,
        month: Month,
        pilots: &[crate::domain::pilot::Pilot],
        timelines: &super::timelines::Timelines,
    ) -> Result<Vec<allowance::Computed>> {
        Ok(allowance::compute_month(
            month,
            pilots,
            timelines,
            &self.settings_on(month.first_day())?.allowance,
        ))
    }

    /// The lines of `month` as the facts give them now: eligible days and amounts with the settings
    /// in force in that month, a hand lowering of the draft kept where it still fits, the
    /// corrections waiting or booked into this draft, the pilot's bank details of today.
    fn fresh_lines<'p>(
        &self,
        month: Month,
        run_id: i64,
        pilots: &'p [crate::domain::pilot::Pilot],
    ) -> Result<Vec<FreshLine<'p>>> {
        let settings = self.settings_on(month.first_day())?;
        let computed = self.compute_in_force(month, pilots, &self.timelines()?)?;
        // Keep hand lowering where it still fits the new computation.
        let mut lowered = HashMap::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT pilot_id, amount_cents, lowered_reason FROM run_lines WHERE run_id = ?1 AND lowered_reason <> ''",
            )?;
            for row in stmt.query_map([run_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    (r.get::<_, i64>(1)?, r.get::<_, String>(2)?),
                ))
            })? {
                let (p, v) = row?;
                lowered.insert(p, v);
            }
        }
        // Waiting corrections land in the draft of the month after the latest approval only, never
        // in a look-ahead draft (docs/DOMAIN.md#corrections).
        let mut corrections = HashMap::<i64, i64>::new();
        if self.correction_month()? == Some(month) {
            let mut stmt = self.conn.prepare(
                "SELECT pilot_id, sum(amount_cents) FROM corrections WHERE run_id IS NULL OR run_id = ?1 GROUP BY pilot_id",
            )?;
            for row in
                stmt.query_map([run_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
            {
                let (p, c) = row?;
                corrections.insert(p, c);
            }
        }
        let by_id: HashMap<i64, &crate::domain::pilot::Pilot> =
            pilots.iter().map(|p| (p.id, p)).collect();
        let computed: HashMap<i64, &allowance::Computed> =
            computed.iter().map(|c| (c.pilot_id, c)).collect();
        let mut ids: Vec<i64> = pilots
            .iter()
            .map(|p| p.id)
            .filter(|id| computed.contains_key(id))
            .collect();
        let mut extra: Vec<i64> = corrections
            .keys()
            .copied()
            .filter(|p| !computed.contains_key(p))
            .collect();
        extra.sort_unstable();
        ids.extend(extra);
        Ok(ids
            .into_iter()
            .map(|pilot_id| {
                let p = by_id[&pilot_id];
                let c = computed.get(&pilot_id);
                let (days, dim, rate, computed_cents) =
                    c.map_or((0, month.days(), settings.allowance.rate_cents, 0), |c| {
                        (
                            c.eligible_days,
                            c.days_in_month,
                            c.rate_cents,
                            c.computed_cents,
                        )
                    });
                let (amount, reason) = match lowered.get(&pilot_id) {
                    Some((a, r)) if *a <= computed_cents => (*a, r.clone()),
                    _ => (computed_cents, String::new()),
                };
                FreshLine {
                    pilot: p,
                    days,
                    days_in_month: dim,
                    rate,
                    computed: computed_cents,
                    amount,
                    reason,
                    corrections: corrections.get(&pilot_id).copied().unwrap_or(0),
                }
            })
            .collect())
    }

    /// Replaces the lines of draft `run_id` with `lines` and books the waiting corrections into it.
    /// Only inside [`Store::immediate`].
    fn write_lines(&self, month: Month, run_id: i64, lines: &[FreshLine]) -> Result<()> {
        self.conn
            .execute("DELETE FROM run_lines WHERE run_id = ?1", [run_id])?;
        // Only the month after the latest approval takes the waiting corrections; another draft
        // gives back what it held.
        if self.correction_month()? == Some(month) {
            self.conn.execute(
                "UPDATE corrections SET run_id = ?1 WHERE run_id IS NULL OR run_id = ?1",
                [run_id],
            )?;
        } else {
            self.conn.execute(
                "UPDATE corrections SET run_id = NULL WHERE run_id = ?1",
                [run_id],
            )?;
        }
        insert_lines(&self.conn, run_id, lines)
    }

    /// A run with its lines and corrections.
    pub fn run(&self, month: &str) -> Result<Run> {
        let month = run_month(month)?;
        let mut run = self
            .conn
            .query_row(
                "SELECT id, month, state, created_at, computed_at, approved_at, approved_by, paid_on
                 FROM allowance_runs WHERE month = ?1",
                [month.to_string()],
                |r| {
                    Ok(Run {
                        id: r.get(0)?,
                        month: r.get(1)?,
                        label: month.label(),
                        state: RunState::from_code(&r.get::<_, String>(2)?),
                        created_at: r.get(3)?,
                        computed_at: r.get(4)?,
                        approved_at: r.get(5)?,
                        approved_by: r.get(6)?,
                        approved_on: r
                            .get::<_, Option<String>>(5)?
                            .as_deref()
                            .and_then(crate::domain::dates::local_date_of),
                        paid_on: r.get::<_, Option<String>>(7)?.as_deref().and_then(crate::domain::pilot::parse_date),
                        total_cents: 0,
                        claim_back_cents: 0,
                        manual_cents: 0,
                        fingerprint: String::new(),
                        lines: Vec::new(),
                        corrections: Vec::new(),
                    })
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("Für {} gibt es keinen Abrechnungslauf.", month.label())))?;
        let mut stmt = self.conn.prepare(
            "SELECT id, pilot_id, first_name, last_name, district, iban, account_holder, eligible_days, days_in_month,
                    rate_cents, computed_cents, amount_cents, lowered_reason, corrections_cents, net_cents,
                    statement_number, bic
             FROM run_lines WHERE run_id = ?1",
        )?;
        run.lines = stmt
            .query_map([run.id], |r| {
                let first_name: String = r.get(2)?;
                let last_name: String = r.get(3)?;
                let iban: String = r.get(5)?;
                Ok(RunLine {
                    route: crate::domain::iban::route(&iban),
                    bic: r.get(16)?,
                    id: r.get(0)?,
                    pilot_id: r.get(1)?,
                    name: format!("{first_name} {last_name}"),
                    first_name,
                    last_name,
                    district: r.get(4)?,
                    iban,
                    account_holder: r.get(6)?,
                    eligible_days: r.get(7)?,
                    days_in_month: r.get(8)?,
                    rate_cents: r.get(9)?,
                    computed_cents: r.get(10)?,
                    amount_cents: r.get(11)?,
                    lowered_reason: r.get(12)?,
                    corrections_cents: r.get(13)?,
                    net_cents: r.get(14)?,
                    statement_number: r.get(15)?,
                    activity_missing: false,
                    activity_waiver: None,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // The gate "Auszahlung nur mit Tätigkeitsnachweis": records and waivers of the month.
        let gate = self.activity_gate(month)?;
        for l in &mut run.lines {
            l.activity_waiver = gate.waiver(l.pilot_id).map(str::to_string);
            l.activity_missing = gate.missing(l.pilot_id, l.amount_cents);
        }
        // The order of the payment list: district, then name.
        run.lines.sort_by_cached_key(|l| {
            let fold = crate::domain::register::fold;
            (
                l.district.is_empty(),
                l.district.clone(),
                fold(&l.last_name),
                fold(&l.first_name),
                l.pilot_id,
            )
        });
        run.total_cents = run.lines.iter().map(|l| l.net_cents.max(0)).sum();
        run.claim_back_cents = run.lines.iter().map(|l| (-l.net_cents).max(0)).sum();
        run.manual_cents = run
            .lines
            .iter()
            .filter(|l| l.route == crate::domain::iban::Route::Manual)
            .map(|l| l.net_cents.max(0))
            .sum();
        let figures: Vec<LineFigures> = run.lines.iter().map(LineFigures::of).collect();
        run.fingerprint = approval::fingerprint(&figures);
        run.corrections = self.corrections_where("c.run_id = ?1", run.id)?;
        Ok(run)
    }

    /// All runs of a year, oldest first.
    pub fn runs(&self, year: i32) -> Result<Vec<Run>> {
        let months: Vec<String> = self
            .conn
            .prepare(
                "SELECT month FROM allowance_runs WHERE substr(month, 1, 4) = ?1 ORDER BY month",
            )?
            .query_map([format!("{year:04}")], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        months.iter().map(|m| self.run(m)).collect()
    }

    pub(super) fn corrections_where(&self, condition: &str, value: i64) -> Result<Vec<Correction>> {
        let sql = format!(
            "SELECT c.id, c.pilot_id, c.amount_cents, c.reason, c.original_statement, c.created_at, c.created_by, r.month,
                    c.for_month, c.kind
             FROM corrections c LEFT JOIN allowance_runs r ON r.id = c.run_id WHERE {condition} ORDER BY c.id"
        );
        Ok(self
            .conn
            .prepare(&sql)?
            .query_map([value], |r| {
                Ok(Correction {
                    id: r.get(0)?,
                    pilot_id: r.get(1)?,
                    amount_cents: r.get(2)?,
                    reason: r.get(3)?,
                    original_statement: r.get(4)?,
                    created_at: r.get(5)?,
                    created_by: r.get(6)?,
                    month: r.get(7)?,
                    for_month: r.get(8)?,
                    kind: crate::domain::reconcile::CorrectionKind::from_code(
                        &r.get::<_, String>(9)?,
                    ),
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Corrections of one pilot (booked and waiting).
    pub fn corrections_of(&self, pilot_id: i64) -> Result<Vec<Correction>> {
        self.corrections_where("c.pilot_id = ?1", pilot_id)
    }

    /// Lowers one line of a draft run by hand, with a reason.
    pub fn lower_line(
        &mut self,
        month: &str,
        pilot_id: i64,
        amount_cents: i64,
        reason: &str,
    ) -> Result<Run> {
        let m = run_month(month)?;
        let run = self.run(month)?;
        if run.state != RunState::Draft {
            return Err(Error::Conflict(format!(
                "Der Abrechnungslauf {} ist {} und gesperrt.",
                m.label(),
                run.state.label()
            )));
        }
        let line = run
            .lines
            .iter()
            .find(|l| l.pilot_id == pilot_id)
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "Im Lauf {} gibt es keine Zeile für Lotse Nr. {pilot_id}.",
                    m.label()
                ))
            })?;
        let cap = self.settings_on(m.first_day())?.allowance.cap_cents;
        allowance::check_lowering(amount_cents, line.computed_cents, cap, reason)?;
        self.with_transaction(|tx| {
            tx.execute(
                "UPDATE run_lines SET amount_cents = ?2, lowered_reason = ?3, net_cents = ?2 + corrections_cents
                 WHERE id = ?1",
                params![line.id, amount_cents, reason.trim()],
            )?;
            Ok(())
        })?;
        self.run(month)
    }

    /// Approves a draft run as stored (see [`Store::approve`]); a draft the facts no longer
    /// support is refused with its differences.
    pub fn approve_run(&mut self, month: &str, who: &str, today: NaiveDate) -> Result<Run> {
        match self.approve(month, Shown::Stored, who, today)? {
            Approval::Approved { run } => Ok(*run),
            Approval::Stale { differences, .. } => Err(Error::Rule {
                message: format!(
                    "Der Entwurf {} entspricht nicht mehr den Daten; bitte die Änderungen prüfen und übernehmen.",
                    run_month(month)?.label()
                ),
                missing: differences.into_iter().map(|d| d.text).collect(),
            }),
        }
    }

    /// "Freigeben", in one immediate write transaction: computes the month afresh from the facts
    /// of this moment and compares it with the draft `shown`. When they differ nothing is written
    /// and the differences come back (`Approval::Stale`, with the fingerprint of the fresh
    /// figures: approving that fingerprint accepts them). Otherwise it checks timing, budget and
    /// bank details, writes the fresh lines, numbers the statements (AE-YYYY-MM-NNN by district,
    /// last name, first name) and locks the run.
    pub fn approve(
        &mut self,
        month: &str,
        shown: Shown,
        who: &str,
        today: NaiveDate,
    ) -> Result<Approval> {
        let m = run_month(month)?;
        self.immediate(|store| {
            let run = store.run(month)?;
            if run.state != RunState::Draft {
                return Err(Error::Conflict(format!(
                    "Der Abrechnungslauf {} ist bereits {}.",
                    m.label(),
                    run.state.label()
                )));
            }
            let pilots = store.pilots()?;
            let fresh = store.fresh_lines(m, run.id, &pilots)?;
            let fresh_figures: Vec<LineFigures> = fresh.iter().map(FreshLine::figures).collect();
            let fresh_print = approval::fingerprint(&fresh_figures);
            let expected = match &shown {
                Shown::Stored => run.fingerprint.clone(),
                Shown::Fingerprint(f) => f.trim().to_string(),
                Shown::AcceptChanges => fresh_print.clone(),
            };
            if fresh_print != expected {
                let stored: Vec<LineFigures> = run.lines.iter().map(LineFigures::of).collect();
                let mut differences = approval::differences(&stored, &fresh_figures);
                if differences.is_empty() || expected != run.fingerprint {
                    differences.insert(0, approval::Difference {
                        pilot_id: 0,
                        name: String::new(),
                        field: "draft".into(),
                        before: String::new(),
                        after: String::new(),
                        text: "Der Entwurf wurde inzwischen neu berechnet; die Zahlen unten sind die des gespeicherten Entwurfs und die von heute.".into(),
                    });
                }
                return Ok(Approval::Stale {
                    differences,
                    fingerprint: fresh_print,
                });
            }
            let settings = store.settings_on(m.first_day())?;
            let total: i64 = fresh.iter().map(|l| (l.amount + l.corrections).max(0)).sum();
            let mut missing = Vec::new();
            if settings.allowance.timing == Timing::InArrears && today <= m.last_day() {
                missing.push(format!(
                    "Abrechnung nachträglich: {} ist erst nach dem {} freigebbar.",
                    m.label(),
                    crate::domain::dates::format_date(m.last_day())
                ));
            }
            match store.budget(m.year)? {
                None => missing.push(format!("Für {} ist kein Budget festgelegt.", m.year)),
                Some(b) => {
                    let approved = store.approved_total(m.year, Some(run.id))?;
                    if let Some(shortfall) = budget::shortfall(b.amount_cents, approved, total) {
                        missing.push(format!(
                            "Budget {} reicht nicht: {} bereits freigegeben, dieser Lauf {}, es fehlen {}.",
                            Cents(b.amount_cents),
                            Cents(approved),
                            Cents(total),
                            Cents(shortfall)
                        ));
                    }
                }
            }
            let paid: Vec<&FreshLine> = fresh.iter().filter(|l| l.amount + l.corrections > 0).collect();
            let no_iban: Vec<String> = paid
                .iter()
                .filter(|l| crate::domain::iban::check(&l.pilot.iban).is_err())
                .map(|l| l.pilot.display_name())
                .collect();
            if !no_iban.is_empty() {
                missing.push(format!("Keine gültige IBAN: {}.", no_iban.join(", ")));
            }
            let gate = store.activity_gate(m)?;
            let without: Vec<String> = fresh
                .iter()
                .filter(|l| gate.missing(l.pilot.id, l.amount))
                .map(|l| l.pilot.display_name())
                .collect();
            if !without.is_empty() {
                missing.push(format!(
                    "Nachweis fehlt (Auszahlung nur mit Tätigkeitsnachweis): {}. Nachweis erfassen oder mit Begründung ohne Nachweis freigeben.",
                    without.join(", ")
                ));
            }
            for l in &paid {
                if crate::domain::iban::check(&l.pilot.iban).is_ok() {
                    if let Err(reason) = crate::domain::iban::check_payee(&l.pilot.iban, &l.pilot.bic) {
                        missing.push(format!("{}: {reason}", l.pilot.display_name()));
                    }
                }
            }
            if !missing.is_empty() {
                return Err(Error::Rule {
                    message: format!(
                        "Freigabe von {} nicht möglich: {}",
                        m.label(),
                        missing.join(" ")
                    ),
                    missing,
                });
            }
            let run_id = run.id;
            // The stored draft as it is approved: read back only when the fresh lines replaced it.
            let mut approved = if fresh_print != run.fingerprint {
                store.write_lines(m, run_id, &fresh)?;
                store.run(month)?
            } else {
                run
            };
            // Numbers a restore lost stay reserved: count on after them.
            let base = super::ledger::reserved_base(&store.conn, m)?;
            for (i, line) in approved.lines.iter_mut().enumerate() {
                line.statement_number = Some(format!("AE-{}-{:03}", m, base + i + 1));
            }
            number_lines(&store.conn, &approved.lines)?;
            let stamp = super::stamp_on(today);
            store.conn.execute(
                "UPDATE allowance_runs SET state = 'approved', approved_at = ?2, approved_by = ?3 WHERE id = ?1",
                params![run_id, stamp, who],
            )?;
            // What was just written, without reading the 10,000 lines back.
            approved.state = RunState::Approved;
            approved.approved_on = crate::domain::dates::local_date_of(&stamp);
            approved.approved_at = Some(stamp);
            approved.approved_by = Some(who.to_string());
            Ok(Approval::Approved {
                run: Box::new(approved),
            })
        })
    }

    /// Records the payment date of an approved run, in one immediate write transaction. The date is
    /// neither in the future nor before the (local) day of approval.
    pub fn mark_paid(&mut self, month: &str, paid_on: NaiveDate, today: NaiveDate) -> Result<Run> {
        let m = run_month(month)?;
        self.immediate(|store| {
            let run = store.run(month)?;
            if run.state != RunState::Approved {
                return Err(Error::Conflict(match run.state {
                    RunState::Draft => {
                        format!("Der Lauf {} muss erst freigegeben werden.", m.label())
                    }
                    _ => format!("Der Lauf {} ist bereits als bezahlt markiert.", m.label()),
                }));
            }
            if paid_on > today {
                return Err(Error::field(
                    "paid_on",
                    "Zahlungsdatum darf nicht in der Zukunft liegen.",
                ));
            }
            if let Some(approved_on) = run.approved_on.filter(|a| paid_on < *a) {
                return Err(Error::field(
                    "paid_on",
                    format!(
                        "Zahlungsdatum {} liegt vor der Freigabe am {}.",
                        crate::domain::dates::format_date(paid_on),
                        crate::domain::dates::format_date(approved_on)
                    ),
                ));
            }
            store.conn.execute(
                "UPDATE allowance_runs SET state = 'paid', paid_on = ?2 WHERE id = ?1",
                params![run.id, paid_on.to_string()],
            )?;
            Ok(())
        })?;
        self.run(month)
    }

    /// Deletes a draft run (its corrections wait for the next one). Approved runs are never deleted.
    pub fn delete_draft(&mut self, month: &str) -> Result<()> {
        let m = run_month(month)?;
        let run = self.run(month)?;
        if run.state != RunState::Draft {
            return Err(Error::Conflict(format!(
                "Der Lauf {} ist {} und kann nicht gelöscht werden.",
                m.label(),
                run.state.label()
            )));
        }
        self.with_transaction(|tx| {
            tx.execute(
                "UPDATE corrections SET run_id = NULL WHERE run_id = ?1",
                [run.id],
            )?;
            tx.execute("DELETE FROM run_lines WHERE run_id = ?1", [run.id])?;
            tx.execute("DELETE FROM allowance_runs WHERE id = ?1", [run.id])?;
            Ok(())
        })
    }

    /// Budget, approved, paid, drafts and remaining of a year, month by month, with the forecast.
    pub fn budget_year(&self, year: i32, today: NaiveDate) -> Result<BudgetYear> {
        let settings = self.settings_on(today)?;
        let runs = self.runs(year)?;
        let months: Vec<MonthTotals> = runs
            .iter()
            .map(|r| MonthTotals {
                month: run_month(&r.month).expect("stored month"),
                state: r.state,
                total_cents: r.total_cents,
                claim_back_cents: r.claim_back_cents,
            })
            .collect();
        let pilots = self.pilots()?;
        let timelines = self.timelines()?;
        // Each month with the settings in force in it (a rate from January counts from January).
        let in_month: HashMap<Month, i64> = (1..=12)
            .map(|m| Month { year, month: m })
            .map(|m| {
                let computed = self.compute_in_force(m, &pilots, &timelines)?;
                Ok((m, computed.iter().map(|c| c.computed_cents).sum()))
            })
            .collect::<Result<_>>()?;
        let project = |m: Month| -> i64 { in_month[&m] };
        Ok(budget::budget_year(
            year,
            self.budget(year)?,
            &months,
            project,
            today,
            settings.allowance.rate_cents,
        ))
    }
}

/// One computed line, before it is written.
#[derive(Debug, Clone)]
struct FreshLine<'p> {
    pilot: &'p crate::domain::pilot::Pilot,
    days: u32,
    days_in_month: u32,
    rate: i64,
    computed: i64,
    amount: i64,
    reason: String,
    corrections: i64,
}

impl FreshLine<'_> {
    /// The account holder printed and paid: the pilot's name when none is given.
    fn account_holder(&self) -> String {
        let p = &self.pilot;
        if p.account_holder.trim().is_empty() {
            format!("{} {}", p.first_name, p.last_name)
        } else {
            p.account_holder.clone()
        }
    }

    fn figures(&self) -> LineFigures {
        LineFigures {
            pilot_id: self.pilot.id,
            name: self.pilot.display_name(),
            eligible_days: self.days,
            days_in_month: self.days_in_month,
            rate_cents: self.rate,
            amount_cents: self.amount,
            corrections_cents: self.corrections,
            iban: self.pilot.iban.clone(),
            bic: self.pilot.bic.clone(),
            account_holder: self.account_holder(),
        }
    }
}

/// Writes the statement numbers of `lines` into their rows, [`LINES_PER_INSERT`] rows per
/// `UPDATE` (one statement journal each, as for the inserts).
fn number_lines(conn: &rusqlite::Connection, lines: &[crate::domain::run::RunLine]) -> Result<()> {
    for chunk in lines.chunks(LINES_PER_INSERT) {
        let values: Vec<&dyn rusqlite::ToSql> = chunk
            .iter()
            .flat_map(|l| [&l.id as &dyn rusqlite::ToSql, &l.statement_number])
            .collect();
        conn.prepare_cached(&format!(
            "UPDATE run_lines SET statement_number = n.column2
             FROM (VALUES {}) AS n WHERE run_lines.id = n.column1",
            value_rows(chunk.len(), 2)
        ))?
        .execute(rusqlite::params_from_iter(values))?;
    }
    Ok(())
}

/// Lines written by one `INSERT` (16 values each, well below SQLite's limit of 32,766). With the
/// audit and lock triggers every statement keeps a journal of the pages it changes, so one
/// statement per line copied each page again: 10,000 single inserts took half of creating a run.
const LINES_PER_INSERT: usize = 500;

/// `rows` rows of `width` parameters for a `VALUES` clause: "(?, ?), (?, ?)".
fn value_rows(rows: usize, width: usize) -> String {
    let row = format!("({})", vec!["?"; width].join(", "));
    vec![row; rows].join(", ")
}

fn insert_lines(conn: &rusqlite::Connection, run_id: i64, lines: &[FreshLine]) -> Result<()> {
    for chunk in lines.chunks(LINES_PER_INSERT) {
        let holders: Vec<String> = chunk.iter().map(FreshLine::account_holder).collect();
        let nets: Vec<i64> = chunk.iter().map(|l| l.amount + l.corrections).collect();
        let districts: Vec<&str> = chunk
            .iter()
            .map(|l| l.pilot.district.as_deref().unwrap_or(""))
            .collect();
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(chunk.len() * 16);
        for (((l, holder), net), district) in chunk.iter().zip(&holders).zip(&nets).zip(&districts)
        {
            let p = &l.pilot;
            values.extend([
                &run_id as &dyn rusqlite::ToSql,
                &p.id,
                &p.first_name,
                &p.last_name,
                district,
                &p.iban,
                holder,
                &l.days,
                &l.days_in_month,
                &l.rate,
                &l.computed,
                &l.amount,
                &l.reason,
                &l.corrections,
                net,
                &p.bic,
            ]);
        }
        // Prepared once per connection and chunk size: with the triggers, preparing costs more
        // than inserting a line.
        conn.prepare_cached(&format!(
            "INSERT INTO run_lines (run_id, pilot_id, first_name, last_name, district, iban,
                account_holder, eligible_days, days_in_month, rate_cents, computed_cents,
                amount_cents, lowered_reason, corrections_cents, net_cents, bic)
             VALUES {}",
            value_rows(chunk.len(), 16)
        ))?
        .execute(rusqlite::params_from_iter(values))?;
    }
    Ok(())
}
