//! Everything held about one person (Art. 15 DSGVO), for the JSON and PDF export.

use chrono::NaiveDate;
use serde::Serialize;

use super::{AuditEntry, AuditFilter, Store};
use crate::domain::record::{Attended, PilotRecord, ScreeningRecord};
use crate::domain::run::Correction;
use crate::error::Result;

/// One allowance statement of the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementRow {
    pub month: String,
    pub state: String,
    pub statement_number: Option<String>,
    pub eligible_days: u32,
    pub amount_cents: i64,
    pub corrections_cents: i64,
    pub net_cents: i64,
    pub iban: String,
}

/// All data held about one pilot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonalData {
    pub generated_on: NaiveDate,
    pub record: PilotRecord,
    /// Every screening record (dates, inspector and result only).
    pub screenings: Vec<ScreeningRecord>,
    pub screening_deleted_on: Option<NaiveDate>,
    /// The day the register data was anonymised after the retention period, if it was.
    pub anonymised_on: Option<NaiveDate>,
    pub attended: Vec<Attended>,
    pub statements: Vec<StatementRow>,
    pub corrections: Vec<Correction>,
    /// The change log of the person's data.
    pub audit: Vec<AuditEntry>,
}

impl Store {
    /// Collects every piece of data about a pilot (Art. 15 DSGVO).
    pub fn personal_data(&self, pilot_id: i64, today: NaiveDate) -> Result<PersonalData> {
        let record = self.pilot_record(pilot_id, today)?;
        let data = self
            .lifecycle_data(Some(pilot_id))?
            .remove(&pilot_id)
            .unwrap_or_default();
        let statements = self
            .conn
            .prepare(
                "SELECT r.month, r.state, l.statement_number, l.eligible_days, l.amount_cents, l.corrections_cents,
                        l.net_cents, l.iban
                 FROM run_lines l JOIN allowance_runs r ON r.id = l.run_id WHERE l.pilot_id = ?1 ORDER BY r.month",
            )?
            .query_map([pilot_id], |r| {
                Ok(StatementRow {
                    month: r.get(0)?,
                    state: r.get(1)?,
                    statement_number: r.get(2)?,
                    eligible_days: r.get(3)?,
                    amount_cents: r.get(4)?,
                    corrections_cents: r.get(5)?,
                    net_cents: r.get(6)?,
                    iban: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let audit = self.audit_entries(&AuditFilter {
            pilot_id: Some(pilot_id),
            limit: Some(10_000),
            ..Default::default()
        })?;
        Ok(PersonalData {
            generated_on: today,
            screenings: data.screenings.clone(),
            screening_deleted_on: self.screening_deleted_on(pilot_id)?,
            anonymised_on: self.anonymised_on(pilot_id)?,
            attended: data.attended.clone(),
            statements,
            corrections: self.corrections_of(pilot_id)?,
            audit,
            record,
        })
    }
}
