//! What the yearly reports read: runs, claim-backs, activity records, course sessions, and the
//! Sachbericht's text sections kept per year. The figures themselves are `domain::reports`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::{now_utc, Store};
use crate::domain::coverage;
use crate::domain::reports::{
    self, AnnualReport, Certificate, GrantReport, SessionRow, TextSection, SACHBERICHT_SECTIONS,
};
use crate::error::{Error, Result};

/// The longest text section kept.
const TEXT_MAX: usize = 20_000;

impl Store {
    /// The Verwendungsnachweis of budget year `year`.
    pub fn grant_report(&self, year: i32) -> Result<GrantReport> {
        Ok(reports::grant_report(
            year,
            self.budget(year)?,
            &self.runs(year)?,
            &self.claim_backs()?,
        ))
    }

    /// The Jahresbescheinigungen of calendar year `year` (by date paid), of one pilot or of all who
    /// received a payment; in the order of the register (last name, first name).
    pub fn certificates(&self, year: i32, pilot: Option<i64>) -> Result<Vec<Certificate>> {
        // Runs of the year and of the year before: December is paid in January.
        let mut runs = self.runs(year - 1)?;
        runs.extend(self.runs(year)?);
        let mut pilots = self.all_pilots()?;
        if let Some(id) = pilot {
            pilots.retain(|p| p.id == id);
            if pilots.is_empty() {
                return Err(Error::NotFound(format!("Lotse Nr. {id} gibt es nicht.")));
            }
        }
        pilots.sort_by_cached_key(|p| {
            let fold = crate::domain::register::fold;
            (fold(&p.last_name), fold(&p.first_name), p.id)
        });
        let names: Vec<(i64, String)> = pilots.iter().map(|p| (p.id, p.display_name())).collect();
        Ok(reports::certificates(year, &runs, &names))
    }

    /// The Jahresbericht of `year`; the coverage history runs to the year's end or to `today`.
    ///
    /// Kept while nothing is written: the Berichte screen's figures and the report printed from
    /// it are computed once.
    pub fn annual_report(&self, year: i32, today: NaiveDate) -> Result<AnnualReport> {
        let end = NaiveDate::from_ymd_opt(year, 12, 31)
            .ok_or_else(|| Error::field("year", format!("Jahr {year} ist ungültig.")))?;
        let until = end.min(today);
        let kept = self.annual.get(
            self.written()?,
            |(of, _)| *of == (year, until),
            || Ok(((year, until), self.read_annual_report(year, until)?)),
        )?;
        Ok(kept.1.clone())
    }

    fn read_annual_report(&self, year: i32, until: NaiveDate) -> Result<AnnualReport> {
        let refs = self.reference_data()?;
        let districts: Vec<String> = refs.districts.iter().map(|d| d.name.clone()).collect();
        let pilots = self.pilots()?;
        let data = self.lifecycle_data(None)?;
        // Month ends of the year up to `until` (none for a year not yet begun).
        let history = if chrono::Datelike::year(&until) == year {
            coverage::coverage_history(
                until,
                chrono::Datelike::month0(&until),
                0,
                &self.coverage_members()?,
                &refs.districts,
            )
        } else {
            Vec::new()
        };
        let areas: Vec<String> = self.task_areas()?.into_iter().map(|a| a.name).collect();
        let facts = reports::AnnualFacts {
            pilots: &pilots,
            data: &data,
            districts: &districts,
            activity: &self.activity_of_year(year)?,
            sessions: &self.session_rows(year)?,
            areas: &areas,
            until,
        };
        Ok(reports::annual_report(year, facts, history))
    }

    /// The course sessions held in a year and who attended them.
    fn session_rows(&self, year: i32) -> Result<Vec<SessionRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, c.name, s.held_on, a.pilot_id FROM course_sessions s
             JOIN courses c ON c.id = s.course_id
             LEFT JOIN attendance a ON a.session_id = s.id
             WHERE substr(s.held_on, 1, 4) = ?1 ORDER BY s.id",
        )?;
        let mut sessions: Vec<(i64, SessionRow)> = Vec::new();
        let rows = stmt.query_map([format!("{year:04}")], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
            ))
        })?;
        for row in rows {
            let (id, course, held_on, pilot) = row?;
            if sessions.last().is_none_or(|(last, _)| *last != id) {
                let held_on = crate::domain::pilot::parse_date(&held_on)
                    .ok_or_else(|| Error::Storage(format!("Ungültiges Datum: {held_on}")))?;
                sessions.push((
                    id,
                    SessionRow {
                        course,
                        held_on,
                        attendees: Vec::new(),
                    },
                ));
            }
            if let (Some(p), Some((_, s))) = (pilot, sessions.last_mut()) {
                s.attendees.push(p);
            }
        }
        Ok(sessions.into_iter().map(|(_, s)| s).collect())
    }

    /// The years with a budget (each has a Verwendungsnachweis due).
    pub fn budget_years(&self) -> Result<Vec<i32>> {
        Ok(self
            .conn
            .prepare("SELECT year FROM budgets ORDER BY year")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The Sachbericht's text sections of a year (empty where nothing was written yet).
    pub fn report_texts(&self, year: i32) -> Result<Vec<TextSection>> {
        let stored: HashMap<String, String> = self
            .conn
            .prepare("SELECT section, text FROM report_texts WHERE year = ?1")?
            .query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(reports::text_sections(&stored))
    }

    /// Keeps the Sachbericht's text sections of a year (all given sections in one transaction).
    pub fn save_report_texts(
        &mut self,
        year: i32,
        texts: &[TextSection],
    ) -> Result<Vec<TextSection>> {
        let mut errors = Vec::new();
        for t in texts {
            if !SACHBERICHT_SECTIONS.iter().any(|(k, _)| *k == t.key) {
                errors.push(crate::error::FieldError::new(
                    &t.key,
                    format!("Textabschnitt „{}“ gibt es nicht.", t.key),
                ));
            } else if t.text.chars().count() > TEXT_MAX {
                errors.push(crate::error::FieldError::new(
                    &t.key,
                    format!("{}: höchstens {TEXT_MAX} Zeichen.", t.heading),
                ));
            }
        }
        Error::check(errors)?;
        if !(2000..=2999).contains(&year) {
            return Err(Error::field("year", format!("Jahr {year} ist ungültig.")));
        }
        let now = now_utc();
        self.with_transaction(|tx| {
            for t in texts {
                tx.execute(
                    "INSERT INTO report_texts (year, section, text, updated_at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (year, section) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at
                     WHERE text <> excluded.text",
                    params![year, t.key, t.text.trim_end(), now],
                )?;
            }
            Ok(())
        })?;
        self.report_texts(year)
    }
}
