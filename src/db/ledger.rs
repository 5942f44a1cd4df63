//! The ledger of approved months on the store: reconciliation (Abgleich) against today's facts,
//! bounded corrections, claim-backs until settled, the register of SEPA exports, and the statement
//! numbers a restore must keep reserved. Rules from `domain::reconcile`.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use super::{now_utc, Store};
use crate::domain::allowance::Month;
use crate::domain::reconcile::{
    self, Booked, ClaimBack, CorrectionKind, MonthDifference, Settlement,
};
use crate::domain::run::{Correction, RunState};
use crate::error::{Error, FieldError, Result};

/// The reconciliation of approved months against today's facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Reconciliation {
    /// The year looked at; `None`: every approved month.
    pub year: Option<i32>,
    /// The approved (and paid) months recomputed.
    pub months: Vec<String>,
    pub differences: Vec<MonthDifference>,
    /// Sum of the Nachzahlungen.
    pub back_pay_cents: i64,
    /// Sum of the Rückforderungen (positive).
    pub claim_back_cents: i64,
    /// The month whose draft takes the corrections once accepted.
    pub into_month: Option<String>,
}

/// One SEPA file produced for a run, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SepaExport {
    pub id: i64,
    pub month: String,
    pub exported_at: String,
    pub exported_by: String,
    pub message_id: String,
    pub payment_info_id: String,
    pub transactions: i64,
    pub control_sum_cents: i64,
    /// Why it was produced again; empty for the first file.
    pub reason: String,
}

/// What a restore would lose: approved or paid runs, a payment date, SEPA exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RestoreLoss {
    pub month: String,
    /// "run", "paid" or "sepa".
    pub what: String,
    /// In German, for the confirmation: "Abrechnungslauf November 2026 (freigegeben, 3 Abrechnungen, AE-2026-11-001 bis AE-2026-11-003)".
    pub description: String,
}

/// A statement number carried over a restore.
#[derive(Debug, Clone)]
pub(crate) struct Reserved {
    number: String,
    month: String,
    pilot_id: Option<i64>,
    name: String,
    amount_cents: i64,
    note: String,
}

fn month_of(text: &str) -> Result<Month> {
    Month::parse(text).ok_or_else(|| {
        Error::field(
            "month",
            format!("Monat „{text}“ ist ungültig; erwartet JJJJ-MM."),
        )
    })
}

/// The highest sequence number reserved for `month` ("AE-2026-11-003" → 3): approval numbers after it.
pub(crate) fn reserved_base(conn: &Connection, month: Month) -> Result<usize> {
    let prefix = format!("AE-{month}-");
    let mut stmt =
        conn.prepare("SELECT statement_number FROM reserved_numbers WHERE month = ?1")?;
    let numbers = stmt.query_map([month.to_string()], |r| r.get::<_, String>(0))?;
    let mut base = 0;
    for n in numbers {
        let n = n?;
        if let Some(seq) = n
            .strip_prefix(&prefix)
            .and_then(|s| s.parse::<usize>().ok())
        {
            base = base.max(seq);
        }
    }
    Ok(base)
}

impl Store {
    /// Months of approved or paid runs, optionally of one year, oldest first.
    fn approved_months(&self, year: Option<i32>) -> Result<Vec<Month>> {
        let mut stmt = self.conn.prepare(
            "SELECT month FROM allowance_runs WHERE state <> 'draft' AND (?1 IS NULL OR substr(month, 1, 4) = ?1) ORDER BY month",
        )?;
        let months = stmt
            .query_map([year.map(|y| format!("{y:04}"))], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        months.iter().map(|m| month_of(m)).collect()
    }

    /// The month whose draft takes waiting corrections (see [`reconcile::correction_month`]).
    pub fn correction_month(&self) -> Result<Option<Month>> {
        let drafts: Vec<String> = self
            .conn
            .prepare("SELECT month FROM allowance_runs WHERE state = 'draft'")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let drafts: Vec<Month> = drafts.iter().filter_map(|m| Month::parse(m)).collect();
        Ok(reconcile::correction_month(
            &self.approved_months(None)?,
            &drafts,
        ))
    }

    /// What is booked for each pilot in an approved month: the line and the corrections for it.
    fn booked(&self, month: Month) -> Result<Vec<Booked>> {
        let mut by_pilot: HashMap<i64, Booked> = HashMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT l.pilot_id, l.first_name || ' ' || l.last_name, l.statement_number, l.eligible_days,
                    l.computed_cents, l.amount_cents
             FROM run_lines l JOIN allowance_runs r ON r.id = l.run_id
             WHERE r.month = ?1 AND r.state <> 'draft'",
        )?;
        for row in stmt.query_map([month.to_string()], |r| {
            Ok(Booked {
                pilot_id: r.get(0)?,
                name: r.get(1)?,
                statement_number: r.get(2)?,
                eligible_days: r.get(3)?,
                computed_cents: r.get(4)?,
                amount_cents: r.get(5)?,
                manual_cents: 0,
                reconcile_cents: 0,
            })
        })? {
            let b = row?;
            by_pilot.insert(b.pilot_id, b);
        }
        let mut stmt = self.conn.prepare(
            "SELECT pilot_id, kind, sum(amount_cents) FROM corrections
             WHERE for_month = ?1 AND kind <> 'offset' GROUP BY pilot_id, kind",
        )?;
        for row in stmt.query_map([month.to_string()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })? {
            let (pilot_id, kind, sum) = row?;
            let b = by_pilot.entry(pilot_id).or_insert_with(|| Booked {
                pilot_id,
                ..Booked::default()
            });
            match CorrectionKind::from_code(&kind) {
                CorrectionKind::Reconcile => b.reconcile_cents += sum,
                _ => b.manual_cents += sum,
            }
        }
        let mut booked: Vec<Booked> = by_pilot.into_values().collect();
        booked.sort_by_key(|b| b.pilot_id);
        Ok(booked)
    }

    /// "Abgleich": every approved month (of `year`, or all) recomputed from today's facts; each
    /// difference per pilot and month, also for a month in which the pilot had no statement.
    pub fn reconcile(&self, year: Option<i32>) -> Result<Reconciliation> {
        let months = self.approved_months(year)?;
        let pilots = self.pilots()?;
        let names: HashMap<i64, String> = pilots
            .iter()
            .map(|p| (p.id, format!("{} {}", p.first_name, p.last_name)))
            .collect();
        let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
        let timelines = self.timelines()?;
        let mut differences = Vec::new();
        for &month in &months {
            let fresh = self.compute_in_force(month, &pilots, &timelines)?;
            differences.extend(reconcile::month_differences(
                month,
                &self.booked(month)?,
                &fresh,
                &name,
                self.cap_in(month)?,
            ));
        }
        let sum = |positive: bool| -> i64 {
            differences
                .iter()
                .map(|d| d.difference_cents)
                .filter(|c| (*c > 0) == positive)
                .map(i64::abs)
                .sum()
        };
        Ok(Reconciliation {
            year,
            months: months.iter().map(Month::to_string).collect(),
            back_pay_cents: sum(true),
            claim_back_cents: sum(false),
            differences: differences.clone(),
            into_month: self.correction_month()?.map(|m| m.to_string()),
        })
    }

    /// The cap on a pilot's total for `month`: the value in force in that month.
    fn cap_in(&self, month: Month) -> Result<i64> {
        Ok(self.settings_on(month.first_day())?.allowance.cap_cents)
    }

    /// Accepts every difference of [`Store::reconcile`] as a correction (kind `reconcile`), all in one
    /// transaction; they wait for the draft of [`Store::correction_month`]. Returns what was booked.
    pub fn apply_reconciliation(&mut self, year: Option<i32>, who: &str) -> Result<Reconciliation> {
        let found = self.reconcile(year)?;
        let now = now_utc();
        let caps: HashMap<&str, i64> = found
            .differences
            .iter()
            .map(|d| Ok((d.month.as_str(), self.cap_in(month_of(&d.month)?)?)))
            .collect::<Result<_>>()?;
        self.with_immediate_transaction(|tx| {
            // The facts may have changed since `found` was read: the bounds are checked again here.
            for d in &found.differences {
                let month = month_of(&d.month)?;
                let paid = paid_in(tx, d.pilot_id, month)?;
                if paid != d.paid_cents {
                    return Err(Error::Conflict(format!(
                        "Für {} ({}) wurde inzwischen etwas gebucht; bitte den Abgleich neu anzeigen.",
                        d.name, d.month_label
                    )));
                }
                let cap = caps[d.month.as_str()];
                reconcile::check_correction(d.difference_cents, month, paid, cap, &d.reason)?;
                insert_correction(
                    tx,
                    d.pilot_id,
                    d.difference_cents,
                    &d.reason,
                    month,
                    d.statement_number.as_deref().unwrap_or(""),
                    CorrectionKind::Reconcile,
                    who,
                    &now,
                )?;
            }
            Ok(())
        })?;
        Ok(found)
    }

    /// A correction by hand (+ Nachzahlung, − Rückforderung) for an approved month of the pilot, also
    /// one without a statement: the month's total stays within 0 and the cap. It waits for the draft
    /// of [`Store::correction_month`].
    pub fn add_correction(
        &mut self,
        pilot_id: i64,
        amount_cents: i64,
        for_month: &str,
        reason: &str,
        who: &str,
    ) -> Result<Correction> {
        self.get_pilot(pilot_id)?;
        let month = month_of(for_month)?;
        let cap = self.cap_in(month)?;
        let now = now_utc();
        let id = self.with_immediate_transaction(|tx| {
            let state: Option<String> = tx
                .query_row(
                    "SELECT state FROM allowance_runs WHERE month = ?1",
                    [month.to_string()],
                    |r| r.get(0),
                )
                .optional()?;
            if state.as_deref().is_none_or(|s| s == "draft") {
                return Err(Error::field(
                    "month",
                    format!(
                        "{} ist nicht freigegeben: eine Korrektur gilt einem freigegebenen Monat. Einen Entwurf neu berechnen oder die Zeile senken.",
                        month.label()
                    ),
                ));
            }
            let paid = paid_in(tx, pilot_id, month)?;
            reconcile::check_correction(amount_cents, month, paid, cap, reason)?;
            let number: Option<String> = tx
                .query_row(
                    "SELECT l.statement_number FROM run_lines l JOIN allowance_runs r ON r.id = l.run_id
                     WHERE r.month = ?1 AND l.pilot_id = ?2",
                    params![month.to_string(), pilot_id],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            insert_correction(
                tx,
                pilot_id,
                amount_cents,
                reason.trim(),
                month,
                number.as_deref().unwrap_or(""),
                CorrectionKind::Manual,
                who,
                &now,
            )
        })?;
        Ok(self
            .corrections_where("c.id = ?1", id)?
            .pop()
            .expect("just written"))
    }

    /// Every claim-back (line of an approved run with a negative net), open ones first.
    pub fn claim_backs(&self) -> Result<Vec<ClaimBack>> {
        let mut stmt = self.conn.prepare(
            "SELECT l.id, l.pilot_id, l.first_name || ' ' || l.last_name, r.month, l.statement_number,
                    -l.net_cents, s.how, s.settled_on, coalesce(s.reason, ''), cr.month
             FROM run_lines l JOIN allowance_runs r ON r.id = l.run_id
             LEFT JOIN claim_settlements s ON s.line_id = l.id
             LEFT JOIN corrections c ON c.id = s.correction_id
             LEFT JOIN allowance_runs cr ON cr.id = c.run_id
             WHERE r.state <> 'draft' AND l.net_cents < 0
             ORDER BY s.how IS NOT NULL, r.month, l.statement_number",
        )?;
        let claims = stmt
            .query_map([], |r| {
                Ok(ClaimBack {
                    line_id: r.get(0)?,
                    pilot_id: r.get(1)?,
                    name: r.get(2)?,
                    month: r.get(3)?,
                    statement_number: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                    amount_cents: r.get(5)?,
                    settled: r
                        .get::<_, Option<String>>(6)?
                        .as_deref()
                        .and_then(Settlement::from_code),
                    settled_on: r.get(7)?,
                    reason: r.get(8)?,
                    offset_in: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(claims)
    }

    /// Settles the claim-back of statement `number`: offset against the next payment (a correction
    /// of kind `offset` waiting for the draft of [`Store::correction_month`]), repaid on a date, or
    /// waived with a reason.
    pub fn settle_claim(
        &mut self,
        number: &str,
        how: Settlement,
        on: NaiveDate,
        reason: &str,
        who: &str,
        today: NaiveDate,
    ) -> Result<ClaimBack> {
        let number = number.trim();
        let claim = self
            .claim_backs()?
            .into_iter()
            .find(|c| c.statement_number == number)
            .ok_or_else(|| {
                Error::field(
                    "statement_number",
                    format!("Zur Abrechnung „{number}“ gibt es keine Rückforderung."),
                )
            })?;
        if let Some(done) = claim.settled {
            return Err(Error::Conflict(format!(
                "Die Rückforderung zu {number} ist bereits erledigt ({}).",
                done.label()
            )));
        }
        let mut errors = Vec::new();
        if on > today {
            errors.push(FieldError::new(
                "on",
                "Datum darf nicht in der Zukunft liegen.",
            ));
        }
        if how == Settlement::Waived && reason.trim().is_empty() {
            errors.push(FieldError::new(
                "reason",
                "Begründung fehlt: ein Erlass braucht einen Grund.",
            ));
        }
        if reason.chars().count() > 500 {
            errors.push(FieldError::new(
                "reason",
                "Begründung ist zu lang (höchstens 500 Zeichen).",
            ));
        }
        Error::check(errors)?;
        let month = month_of(&claim.month)?;
        let now = now_utc();
        self.with_immediate_transaction(|tx| {
            let correction = if how == Settlement::Offset {
                let text = if reason.trim().is_empty() {
                    format!("Verrechnung der Rückforderung zu {number}")
                } else {
                    format!("Verrechnung der Rückforderung zu {number}: {}", reason.trim())
                };
                Some(insert_correction(
                    tx,
                    claim.pilot_id,
                    -claim.amount_cents,
                    &text,
                    month,
                    number,
                    CorrectionKind::Offset,
                    who,
                    &now,
                )?)
            } else {
                None
            };
            tx.execute(
                "INSERT INTO claim_settlements (line_id, how, settled_on, reason, correction_id, who, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![claim.line_id, how.code(), on.to_string(), reason.trim(), correction, who, now],
            )?;
            Ok(())
        })?;
        Ok(self
            .claim_backs()?
            .into_iter()
            .find(|c| c.line_id == claim.line_id)
            .expect("just settled"))
    }

    /// The SEPA files produced for the run of `month`, oldest first.
    pub fn sepa_exports(&self, month: &str) -> Result<Vec<SepaExport>> {
        let mut stmt = self.conn.prepare(
            "SELECT e.id, r.month, e.exported_at, e.exported_by, e.message_id, e.payment_info_id,
                    e.transactions, e.control_sum_cents, e.reason
             FROM sepa_exports e JOIN allowance_runs r ON r.id = e.run_id
             WHERE r.month = ?1 ORDER BY e.id",
        )?;
        let exports = stmt
            .query_map([month], |r| {
                Ok(SepaExport {
                    id: r.get(0)?,
                    month: r.get(1)?,
                    exported_at: r.get(2)?,
                    exported_by: r.get(3)?,
                    message_id: r.get(4)?,
                    payment_info_id: r.get(5)?,
                    transactions: r.get(6)?,
                    control_sum_cents: r.get(7)?,
                    reason: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(exports)
    }

    /// Records a SEPA file of `month` in one immediate transaction. Refused unless the run is approved
    /// and not paid, and unless exactly `expected_before` files were recorded before (a second program
    /// exporting at the same moment is caught here); then `write` runs, still inside the transaction,
    /// so the record exists exactly when the file was written.
    pub fn record_sepa_export(
        &mut self,
        month: &str,
        export: &SepaExport,
        expected_before: usize,
        write: impl FnOnce() -> Result<()>,
    ) -> Result<SepaExport> {
        let m = month_of(month)?;
        let id = self.with_immediate_transaction(|tx| {
            let (run_id, state): (i64, String) = tx
                .query_row(
                    "SELECT id, state FROM allowance_runs WHERE month = ?1",
                    [m.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| {
                    Error::NotFound(format!("Für {} gibt es keinen Abrechnungslauf.", m.label()))
                })?;
            sepa_allowed(m, RunState::from_code(&state))?;
            let before: i64 = tx.query_row(
                "SELECT count(*) FROM sepa_exports WHERE run_id = ?1",
                [run_id],
                |r| r.get(0),
            )?;
            if before as usize != expected_before {
                return Err(Error::Conflict(format!(
                    "Die SEPA-Datei für {} wurde gerade an anderer Stelle erstellt; bitte die Liste der Exporte neu laden.",
                    m.label()
                )));
            }
            tx.execute(
                "INSERT INTO sepa_exports (run_id, exported_at, exported_by, message_id, payment_info_id,
                    transactions, control_sum_cents, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    run_id,
                    export.exported_at,
                    export.exported_by,
                    export.message_id,
                    export.payment_info_id,
                    export.transactions,
                    export.control_sum_cents,
                    export.reason
                ],
            )?;
            let id = tx.last_insert_rowid();
            write()?;
            Ok(id)
        })?;
        Ok(self
            .sepa_exports(&m.to_string())?
            .into_iter()
            .find(|e| e.id == id)
            .expect("just recorded"))
    }

    /// What restoring the (plain, checked) backup at `backup` would lose against this database:
    /// approved or paid runs it does not have as such, and SEPA exports it does not have.
    pub fn restore_losses(&self, backup: &Path) -> Result<Vec<RestoreLoss>> {
        let other = Connection::open_with_flags(
            backup,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // A backup from before the allowances (schema 2) has no runs at all.
        let theirs = if has_table(&other, "allowance_runs")? {
            runs_of(&other)?
        } else {
            Vec::new()
        };
        let their_exports = if has_table(&other, "sepa_exports")? {
            message_ids(&other)?
        } else {
            Vec::new()
        };
        let mut losses = Vec::new();
        for (month, state, paid_on, numbers) in runs_of(&self.conn)? {
            let label = month_of(&month)?.label();
            let kept = theirs.iter().find(|t| t.0 == month);
            let range = match (numbers.first(), numbers.last()) {
                (Some(a), Some(b)) if a != b => format!(", {a} bis {b}"),
                (Some(a), _) => format!(", {a}"),
                _ => String::new(),
            };
            match (state.as_str(), kept.map(|k| k.1.as_str())) {
                ("paid", Some("paid")) | ("approved", Some("approved" | "paid")) => {}
                ("paid", Some("approved")) => losses.push(RestoreLoss {
                    month: month.clone(),
                    what: "paid".into(),
                    description: format!(
                        "Zahlung des Abrechnungslaufs {label} am {} (in der Sicherung nur freigegeben)",
                        paid_on
                            .as_deref()
                            .and_then(crate::domain::pilot::parse_date)
                            .map(crate::domain::dates::format_date)
                            .unwrap_or_default()
                    ),
                }),
                _ => losses.push(RestoreLoss {
                    month: month.clone(),
                    what: "run".into(),
                    description: format!(
                        "Abrechnungslauf {label} ({}, {} Abrechnungen{range})",
                        RunState::from_code(&state).label(),
                        numbers.len()
                    ),
                }),
            }
        }
        for (month, message_id, exported_at) in message_ids_with_month(&self.conn)? {
            if !their_exports.contains(&(month.clone(), exported_at.clone())) {
                losses.push(RestoreLoss {
                    month: month.clone(),
                    what: "sepa".into(),
                    description: format!(
                        "SEPA-Export {} ({message_id}, {})",
                        month_of(&month)?.label(),
                        exported_at
                    ),
                });
            }
        }
        Ok(losses)
    }

    /// Statement numbers of this database (given or reserved) that the backup at `backup` does not
    /// have: a restore reserves them in the restored database.
    pub(crate) fn numbers_to_carry(&self, backup: &Path) -> Result<Vec<Reserved>> {
        let other = Connection::open_with_flags(
            backup,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let mut known = std::collections::HashSet::<String>::new();
        if has_table(&other, "run_lines")? {
            let given: Vec<String> = other
                .prepare(
                    "SELECT statement_number FROM run_lines WHERE statement_number IS NOT NULL",
                )?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            known.extend(given);
        }
        if has_table(&other, "reserved_numbers")? {
            let reserved: Vec<String> = other
                .prepare("SELECT statement_number FROM reserved_numbers")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            known.extend(reserved);
        }
        let mut carry = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT l.statement_number, r.month, l.pilot_id, l.first_name || ' ' || l.last_name, l.net_cents
             FROM run_lines l JOIN allowance_runs r ON r.id = l.run_id WHERE l.statement_number IS NOT NULL",
        )?;
        for row in stmt.query_map([], |r| {
            Ok(Reserved {
                number: r.get(0)?,
                month: r.get(1)?,
                pilot_id: r.get(2)?,
                name: r.get(3)?,
                amount_cents: r.get(4)?,
                note: String::new(),
            })
        })? {
            carry.push(row?);
        }
        let mut stmt = self.conn.prepare(
            "SELECT statement_number, month, pilot_id, name, amount_cents, note FROM reserved_numbers",
        )?;
        for row in stmt.query_map([], |r| {
            Ok(Reserved {
                number: r.get(0)?,
                month: r.get(1)?,
                pilot_id: r.get(2)?,
                name: r.get(3)?,
                amount_cents: r.get(4)?,
                note: r.get(5)?,
            })
        })? {
            carry.push(row?);
        }
        carry.retain(|r| !known.contains(&r.number));
        Ok(carry)
    }

    /// The statement numbers a restore lost and that stay reserved, in order.
    pub fn reserved_numbers(&self) -> Result<Vec<String>> {
        Ok(self
            .conn
            .prepare("SELECT statement_number FROM reserved_numbers ORDER BY statement_number")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }
}

/// Writes reserved numbers into the (restored) database, inside the caller's transaction.
pub(crate) fn reserve(tx: &rusqlite::Transaction, carried: &[Reserved], note: &str) -> Result<()> {
    let now = now_utc();
    for r in carried {
        let note = if r.note.is_empty() { note } else { &r.note };
        tx.execute(
            "INSERT OR IGNORE INTO reserved_numbers (statement_number, month, pilot_id, name, amount_cents, reserved_at, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![r.number, r.month, r.pilot_id, r.name, r.amount_cents, now, note],
        )?;
    }
    Ok(())
}

/// A SEPA file is produced for approved runs only, never after "bezahlt".
pub(crate) fn sepa_allowed(m: Month, state: RunState) -> Result<()> {
    match state {
        RunState::Approved => Ok(()),
        RunState::Draft => Err(Error::Rule {
            message: format!(
                "Nur freigegebene Läufe ergeben eine SEPA-Datei; der Lauf {} ist noch ein Entwurf.",
                m.label()
            ),
            missing: vec!["Lauf freigeben".into()],
        }),
        RunState::Paid => Err(Error::Conflict(format!(
            "Der Lauf {} ist bereits als bezahlt markiert: eine SEPA-Datei wird nicht mehr erstellt.",
            m.label()
        ))),
    }
}

/// Line plus all corrections (offsets excepted) booked for a pilot and month.
fn paid_in(tx: &Connection, pilot_id: i64, month: Month) -> Result<i64> {
    let line: i64 = tx
        .query_row(
            "SELECT coalesce(sum(l.amount_cents), 0) FROM run_lines l JOIN allowance_runs r ON r.id = l.run_id
             WHERE r.month = ?1 AND r.state <> 'draft' AND l.pilot_id = ?2",
            params![month.to_string(), pilot_id],
            |r| r.get(0),
        )?;
    let corrections: i64 = tx.query_row(
        "SELECT coalesce(sum(amount_cents), 0) FROM corrections
         WHERE pilot_id = ?1 AND for_month = ?2 AND kind <> 'offset'",
        params![pilot_id, month.to_string()],
        |r| r.get(0),
    )?;
    Ok(line + corrections)
}

#[allow(clippy::too_many_arguments)]
fn insert_correction(
    tx: &rusqlite::Transaction,
    pilot_id: i64,
    amount_cents: i64,
    reason: &str,
    for_month: Month,
    statement: &str,
    kind: CorrectionKind,
    who: &str,
    now: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO corrections (pilot_id, amount_cents, reason, for_month, original_statement, kind, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![pilot_id, amount_cents, reason, for_month.to_string(), statement, kind.code(), now, who],
    )?;
    Ok(tx.last_insert_rowid())
}

fn has_table(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get(0),
    )?)
}

type RunRow = (String, String, Option<String>, Vec<String>);

/// Approved and paid runs: month, state, paid on, statement numbers.
fn runs_of(conn: &Connection) -> Result<Vec<RunRow>> {
    let mut stmt = conn.prepare(
        "SELECT r.month, r.state, r.paid_on,
                coalesce((SELECT group_concat(statement_number, ' ') FROM
                    (SELECT statement_number FROM run_lines WHERE run_id = r.id AND statement_number IS NOT NULL
                     ORDER BY statement_number)), '')
         FROM allowance_runs r WHERE r.state <> 'draft' ORDER BY r.month",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let numbers: String = r.get(3)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                numbers.split_whitespace().map(str::to_string).collect(),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn message_ids(conn: &Connection) -> Result<Vec<(String, String)>> {
    Ok(message_ids_with_month(conn)?
        .into_iter()
        .map(|(m, _, at)| (m, at))
        .collect())
}

/// SEPA exports: month, message id, when.
fn message_ids_with_month(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT r.month, e.message_id, e.exported_at FROM sepa_exports e JOIN allowance_runs r ON r.id = e.run_id ORDER BY e.id",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
