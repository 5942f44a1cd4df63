//! Deleting eFZ (screening) data when § 30a BZRG requires it; the rule is in `crate::domain::retention`.
//!
//! The deletion, in one transaction per run:
//! - deletes the pilot's `screenings` rows; the delete trigger, seeing `audit_context.erasing = 1`,
//!   logs one `erase` entry per row with the note "Führungszeugnis-Daten gelöscht (§ 30a BZRG)"
//!   and no values;
//! - blanks the values of the earlier audit entries about the pilot's screenings (they hold the
//!   same dates and result, which must go too) and marks them redacted — the only change the
//!   append-only log accepts, and only while `erasing = 1`;
//! - records the day in `screening_erasures`, so the pilot's page can show "gelöscht am …".

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{now_utc, Store};
use crate::domain::retention::{self, SCREENING_RETENTION_MONTHS};
use crate::error::Result;

/// One pilot whose screening data was deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeletionRecord {
    pub pilot_id: i64,
    /// "Nachname, Vorname".
    pub name: String,
    /// The last day with status Aktiv; `None` if the pilot never started.
    pub last_day_of_service: Option<NaiveDate>,
    /// The day the deletion was due.
    pub due_on: NaiveDate,
    /// The day it was done (`today` of the run).
    pub deleted_on: NaiveDate,
    /// Screening records deleted.
    pub records: usize,
}

impl Store {
    /// Screening data still stored whose deletion is due on or before `today` (nothing is changed).
    pub fn screening_deletions_due(&self, today: NaiveDate) -> Result<Vec<DeletionRecord>> {
        let names: std::collections::HashMap<i64, String> = self
            .conn
            .prepare("SELECT id, last_name || ', ' || first_name FROM pilots")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut due: Vec<DeletionRecord> = self
            .lifecycle_data(None)?
            .into_iter()
            .filter(|(_, d)| !d.screenings.is_empty())
            .filter_map(|(id, d)| {
                let due_on = retention::screening_deletion_due(
                    &d.history,
                    today,
                    SCREENING_RETENTION_MONTHS,
                )?;
                (due_on <= today).then(|| DeletionRecord {
                    pilot_id: id,
                    name: names.get(&id).cloned().unwrap_or_default(),
                    last_day_of_service: retention::last_day_of_service(&d.history, today),
                    due_on,
                    deleted_on: today,
                    records: d.screenings.len(),
                })
            })
            .collect();
        due.sort_by_key(|r| r.pilot_id);
        Ok(due)
    }

    /// Deletes the screening data of every pilot whose deletion is due on or before `today`, in one
    /// transaction, with an audit entry per deleted record that names the deletion but not the
    /// deleted values. Run at start-up and daily. Returns what was deleted (empty when nothing
    /// was due).
    pub fn delete_due_screenings(&mut self, today: NaiveDate) -> Result<Vec<DeletionRecord>> {
        let due = self.screening_deletions_due(today)?;
        if due.is_empty() {
            return Ok(due);
        }
        let now = now_utc();
        let done = self.with_transaction(|tx| {
            tx.execute("UPDATE audit_context SET erasing = 1 WHERE id = 1", [])?;
            let mut done = Vec::with_capacity(due.len());
            for r in due {
                tx.execute(
                    "UPDATE audit_log SET old_value = NULL, new_value = NULL, redacted = 1
                     WHERE entity = 'screenings' AND pilot_id = ?1 AND redacted = 0
                       AND (old_value IS NOT NULL OR new_value IS NOT NULL)",
                    [r.pilot_id],
                )?;
                let records = tx.execute("DELETE FROM screenings WHERE pilot_id = ?1", [r.pilot_id])?;
                tx.execute(
                    "INSERT INTO screening_erasures (pilot_id, erased_on, due_on, records, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (pilot_id) DO UPDATE SET erased_on = excluded.erased_on,
                        due_on = excluded.due_on, records = records + excluded.records,
                        recorded_at = excluded.recorded_at",
                    params![
                        r.pilot_id,
                        today.to_string(),
                        r.due_on.to_string(),
                        records as i64,
                        now
                    ],
                )?;
                done.push(DeletionRecord { records, ..r });
            }
            tx.execute("UPDATE audit_context SET erasing = 0 WHERE id = 1", [])?;
            Ok(done)
        })?;
        Ok(done)
    }

    /// The day the pilot's screening data was deleted under § 30a BZRG, if it was.
    pub fn screening_deleted_on(&self, pilot_id: i64) -> Result<Option<NaiveDate>> {
        let day: Option<String> = self
            .conn
            .query_row(
                "SELECT erased_on FROM screening_erasures WHERE pilot_id = ?1",
                [pilot_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(day.as_deref().and_then(crate::domain::pilot::parse_date))
    }

    /// The day the pilot's screening data will be (or was due to be) deleted: for a pilot who has
    /// left and still has screening records. For the pilot's page ("wird gelöscht am …").
    pub fn screening_deletion_due_on(
        &self,
        pilot_id: i64,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>> {
        let data = self.lifecycle_data(Some(pilot_id))?;
        Ok(data.get(&pilot_id).and_then(|d| {
            if d.screenings.is_empty() {
                return None;
            }
            retention::screening_deletion_due(&d.history, today, SCREENING_RETENTION_MONTHS)
        }))
    }
}
