//! Coverage queries and the editable district reference data.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::Store;
use crate::domain::coverage::{self, Coverage, Member, MonthPoint};
use crate::error::{Error, FieldError, Result};

/// Months of history and of outlook the Übersicht shows.
pub const HISTORY_MONTHS: u32 = 24;
pub const OUTLOOK_MONTHS: u32 = 3;

impl Store {
    /// Coverage of every district on `date`.
    pub fn coverage(&self, date: NaiveDate) -> Result<Coverage> {
        let refs = self.reference_data()?;
        Ok(coverage::coverage_on(
            date,
            &self.coverage_members()?,
            &refs.districts,
            &refs.languages,
            &self.settings_on(date)?.coverage,
        ))
    }

    /// Eligible pilots per district at each of the last 24 month ends and 3 months of outlook.
    pub fn coverage_history(&self, today: NaiveDate) -> Result<Vec<MonthPoint>> {
        Ok(coverage::coverage_history(
            today,
            HISTORY_MONTHS,
            OUTLOOK_MONTHS,
            &self.coverage_members()?,
            &self.reference_data()?.districts,
        ))
    }

    /// Every pilot's timeline and languages, in the order of their ids.
    pub(crate) fn coverage_members(&self) -> Result<Vec<Member>> {
        let mut languages: HashMap<i64, Vec<String>> = HashMap::new();
        // In the order of the key: coverage counts languages, the order they were entered in does not
        // matter here (and sorting by it would take longer than the rest of the read).
        let mut stmt = self
            .conn
            .prepare_cached("SELECT pilot_id, language FROM pilot_languages")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, language) = row?;
            languages.entry(id).or_default().push(language);
        }
        let mut members: Vec<Member> = self
            .timelines()?
            .into_iter()
            .map(|(id, timeline)| Member {
                id,
                timeline,
                languages: languages.remove(&id).unwrap_or_default(),
            })
            .collect();
        members.sort_unstable_by_key(|m| m.id);
        Ok(members)
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
