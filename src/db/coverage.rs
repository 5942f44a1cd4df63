//! Coverage queries and the editable district reference data.

use chrono::NaiveDate;
use rusqlite::params;

use super::Store;
use crate::domain::coverage::{self, Coverage, MonthPoint};
use crate::error::{Error, FieldError, Result};

/// Months of history and of outlook the Übersicht shows.
pub const HISTORY_MONTHS: u32 = 24;
pub const OUTLOOK_MONTHS: u32 = 3;

impl Store {
    /// Coverage of every district on `date`.
    pub fn coverage(&self, date: NaiveDate) -> Result<Coverage> {
        let refs = self.reference_data()?;
        let settings = self.settings_on(date)?;
        Ok(coverage::coverage_on(
            date,
            &self.all_pilots()?,
            &self.lifecycle_data(None)?,
            &refs.districts,
            &refs.languages,
            &settings.lifecycle,
            &settings.coverage,
        ))
    }

    /// Eligible pilots per district at each of the last 24 month ends and 3 months of outlook.
    pub fn coverage_history(&self, today: NaiveDate) -> Result<Vec<MonthPoint>> {
        let refs = self.reference_data()?;
        Ok(coverage::coverage_history(
            today,
            HISTORY_MONTHS,
            OUTLOOK_MONTHS,
            &self.all_pilots()?,
            &self.lifecycle_data(None)?,
            &refs.districts,
            &self.settings_on(today)?.lifecycle,
        ))
    }

    /// Renames a district or changes its target.
    pub fn save_district(&mut self, id: i64, name: &str, target: i64) -> Result<()> {
        let name = name.trim();
        let mut errors = Vec::new();
        if name.is_empty() || name.chars().count() > 100 {
            errors.push(FieldError::new(
                "name",
                "Name des Altkreises fehlt oder ist zu lang (höchstens 100 Zeichen).",
            ));
        }
        if !(0..=1000).contains(&target) {
            errors.push(FieldError::new(
                "target",
                "Soll muss zwischen 0 und 1000 liegen.",
            ));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        self.with_transaction(|tx| {
            let clash: i64 = tx.query_row(
                "SELECT count(*) FROM districts WHERE name = ?1 AND id <> ?2",
                params![name, id],
                |r| r.get(0),
            )?;
            if clash > 0 {
                return Err(Error::field(
                    "name",
                    format!("Einen Altkreis „{name}“ gibt es schon."),
                ));
            }
            if tx.execute(
                "UPDATE districts SET name = ?2, target = ?3 WHERE id = ?1",
                params![id, name, target],
            )? == 0
            {
                return Err(Error::NotFound(format!("Altkreis Nr. {id} gibt es nicht.")));
            }
            Ok(())
        })
    }

    /// Assigns a municipality to a former district (pilots keep their own district).
    pub fn set_municipality_district(&mut self, municipality: &str, district: &str) -> Result<()> {
        self.with_transaction(|tx| {
            let n = tx.execute(
                "UPDATE municipalities SET district_id = (SELECT id FROM districts WHERE name = ?2)
                 WHERE name = ?1 AND EXISTS (SELECT 1 FROM districts WHERE name = ?2)",
                params![municipality, district],
            )?;
            if n == 0 {
                return Err(Error::field(
                    "district",
                    format!("Gemeinde „{municipality}“ oder Altkreis „{district}“ ist unbekannt."),
                ));
            }
            Ok(())
        })
    }
}
