//! Entry with history, Storno and the district history: the use cases of the pilot's page and of
//! `lotsen pilots add --since`, `pilots status` (also past-dated), `pilots status --undo`,
//! `pilots district`, `screening add`, `modules add`, `test add`. Input comes as it was typed (text
//! from a form or an argument) and is parsed here, with German messages naming the field; every
//! past fact is checked by the rules of its own date in the store.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::parse;
use super::Session;
use crate::domain::pilot::{Pilot, PilotInput};
use crate::domain::record::PilotRecord;
use crate::domain::screening::{Screening, ScreeningResult};
use crate::domain::training::{self, SessionKind, TestAttempt};
use crate::error::{Error, FieldError, Result};

/// A status change as typed: status (code or German label), the day it takes effect, a note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatusInput {
    pub status: String,
    /// "Wirksam ab": DD.MM.YYYY or YYYY-MM-DD; may lie in the past.
    pub on: String,
    pub note: String,
}

/// A district change as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct DistrictInput {
    pub district: String,
    /// "Wirksam ab".
    pub on: String,
    pub note: String,
}

/// An eFZ record as typed: the letter alone, or the inspection (certificate date, day inspected,
/// by whom, result), or both. Empty fields are "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScreeningInput {
    pub letter_on: String,
    pub certificate_dated: String,
    pub inspected_on: String,
    pub inspected_by: String,
    /// `clear` / `relevant_entry`, or the German words ("ohne relevanten Eintrag", "ohne Eintrag",
    /// "relevanter Eintrag").
    pub result: String,
}

/// Modules done outside the courses of the app ("anerkannt"), or a refresher: each entry a module
/// number, a range or list ("1-5", "1, 2, 4"), or "Auffrischung".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ModulesInput {
    pub modules: Vec<String>,
    pub on: String,
    pub note: String,
}

/// A final test attempt as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TestInput {
    pub on: String,
    pub points: String,
    pub max_points: String,
    /// `passed` / `failed`, or "bestanden" / "nicht bestanden".
    pub interview: String,
    pub interviewer: String,
}

fn count(field: &str, label: &str, text: &str, errors: &mut Vec<FieldError>) -> Option<u32> {
    let n = text.trim().parse::<u32>().ok();
    if n.is_none() {
        errors.push(FieldError::new(
            field,
            format!(
                "„{label}“ muss eine ganze Zahl sein, nicht „{}“.",
                text.trim()
            ),
        ));
    }
    n
}

/// Collects a field error and goes on, so a form gets every error at once.
fn keep<T>(r: Result<T>, errors: &mut Vec<FieldError>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(Error::Validation(e)) => {
            errors.extend(e);
            None
        }
        Err(other) => {
            errors.push(FieldError::new("", other.to_string()));
            None
        }
    }
}

/// The modules and refresher of [`ModulesInput::modules`].
pub fn session_kinds(entries: &[String]) -> Result<Vec<SessionKind>> {
    let mut kinds: Vec<SessionKind> = Vec::new();
    for e in entries.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
        if training::is_refresher_word(e) {
            kinds.push(SessionKind::Refresher);
            continue;
        }
        let numbers = training::parse_modules(e)
            .map_err(|m| Error::field("modules", format!("Module: {m}")))?;
        kinds.extend(numbers.into_iter().map(SessionKind::Module));
    }
    let mut unique: Vec<SessionKind> = Vec::new();
    for k in kinds {
        if !unique.contains(&k) {
            unique.push(k);
        }
    }
    let kinds = unique;
    if kinds.is_empty() {
        return Err(Error::field(
            "modules",
            "Kein Modul angegeben (1 bis 5 oder „Auffrischung“).",
        ));
    }
    Ok(kinds)
}

impl Session {
    /// Registers a pilot, "im Programm seit" `since` (empty or `None`: today).
    pub fn add_pilot(&mut self, input: &PilotInput, since: Option<&str>) -> Result<Pilot> {
        let today = self.today();
        let since = parse::optional_date("since", "Im Programm seit", since)?.unwrap_or(today);
        let who = self.actor();
        self.store_mut()
            .create_pilot_since(input, since, today, &who)
    }

    /// Moves "Im Programm seit" of a registered pilot (before the next status change).
    pub fn set_programme_since(&mut self, pilot_id: i64, since: &str) -> Result<PilotRecord> {
        let since = parse::date("since", "Im Programm seit", since)?;
        let (today, who) = (self.today(), self.actor());
        self.store_mut()
            .set_programme_since(pilot_id, since, &who, today)
    }

    /// Changes the status from a day that may lie in the past; an appointment is checked with the
    /// facts of that day, a return from Ruhend with the screening of that day.
    pub fn change_status_as_typed(
        &mut self,
        pilot_id: i64,
        input: &StatusInput,
    ) -> Result<PilotRecord> {
        let mut errors = Vec::new();
        let s = keep(parse::status("status", &input.status), &mut errors);
        let on = keep(
            parse::date("effective_on", "Wirksam ab", &input.on),
            &mut errors,
        );
        Error::check(errors)?;
        let (s, on) = (s.expect("checked"), on.expect("checked"));
        let (today, who) = (self.today(), self.actor());
        self.store_mut()
            .change_status(pilot_id, s, on, &input.note, &who, today)
    }

    /// Storno of the latest status change with a reason ("Rückgängig").
    pub fn undo_status(&mut self, pilot_id: i64, reason: &str) -> Result<PilotRecord> {
        let (today, who) = (self.today(), self.actor());
        self.store_mut()
            .cancel_latest_status(pilot_id, reason, &who, today)
    }

    /// Moves the pilot to another former district from a day (kept as history).
    pub fn change_district(&mut self, pilot_id: i64, input: &DistrictInput) -> Result<PilotRecord> {
        let on = parse::date("effective_on", "Wirksam ab", &input.on)?;
        let (today, who) = (self.today(), self.actor());
        self.store_mut()
            .change_district(pilot_id, &input.district, on, &input.note, &who, today)
    }

    /// The pilot's district on a day (for per-district figures of a past day).
    pub fn district_on(&self, pilot_id: i64, date: NaiveDate) -> Result<Option<String>> {
        self.store().district_on(pilot_id, date)
    }

    /// Adds an eFZ record (letter and/or inspection), also a past one.
    pub fn add_screening(&mut self, pilot_id: i64, input: &ScreeningInput) -> Result<PilotRecord> {
        let mut errors = Vec::new();
        let opt = |field, label, text: &str| parse::optional_date(field, label, Some(text));
        let letter = keep(
            opt(
                "letter_issued_on",
                "Bestätigungsschreiben vom",
                &input.letter_on,
            ),
            &mut errors,
        );
        let dated = keep(
            opt(
                "certificate_dated",
                "Führungszeugnis vom",
                &input.certificate_dated,
            ),
            &mut errors,
        );
        let inspected = keep(
            opt("inspected_on", "Eingesehen am", &input.inspected_on),
            &mut errors,
        );
        let result = match input.result.trim() {
            "" => None,
            r => {
                let parsed = ScreeningResult::parse(r);
                if parsed.is_none() {
                    errors.push(FieldError::new(
                        "result",
                        format!("Ergebnis „{r}“ ist unbekannt; möglich: „ohne relevanten Eintrag“ (clear) oder „relevanter Eintrag“ (relevant_entry)."),
                    ));
                }
                parsed
            }
        };
        Error::check(errors)?;
        let s = Screening {
            letter_issued_on: letter.flatten(),
            certificate_dated: dated.flatten(),
            inspected_on: inspected.flatten(),
            inspected_by: input.inspected_by.trim().to_string(),
            result,
        };
        if s == Screening::default() {
            return Err(Error::field(
                "letter_issued_on",
                "Weder Bestätigungsschreiben noch Einsichtnahme angegeben.",
            ));
        }
        let today = self.today();
        self.store_mut().save_screening(pilot_id, None, &s, today)
    }

    /// Records modules (or a refresher) done outside the courses of the app ("anerkannt").
    pub fn add_modules(&mut self, pilot_id: i64, input: &ModulesInput) -> Result<PilotRecord> {
        let mut errors = Vec::new();
        let kinds = keep(session_kinds(&input.modules), &mut errors);
        let on = keep(parse::date("on", "Datum", &input.on), &mut errors);
        Error::check(errors)?;
        let (today, who) = (self.today(), self.actor());
        self.store_mut().add_credits(
            pilot_id,
            &kinds.expect("checked"),
            on.expect("checked"),
            &input.note,
            &who,
            today,
        )
    }

    /// Adds a final test attempt (also a past one); the pass mark in force is stored with it.
    pub fn add_test(&mut self, pilot_id: i64, input: &TestInput) -> Result<PilotRecord> {
        let mut errors = Vec::new();
        let on = keep(parse::date("taken_on", "Testdatum", &input.on), &mut errors);
        let points = count("points", "Punkte", &input.points, &mut errors);
        let max_points = count(
            "max_points",
            "Höchstpunktzahl",
            &input.max_points,
            &mut errors,
        );
        let words = input
            .interview
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let interview = match words.as_str() {
            "passed" | "bestanden" | "ja" => Some(true),
            "failed" | "nicht bestanden" | "nein" => Some(false),
            _ => {
                errors.push(FieldError::new(
                    "interview_passed",
                    format!(
                        "Gespräch „{}“: erwartet „bestanden“ (passed) oder „nicht bestanden“ (failed).",
                        input.interview.trim()
                    ),
                ));
                None
            }
        };
        Error::check(errors)?;
        let a = TestAttempt {
            taken_on: on.expect("checked"),
            points: points.expect("checked"),
            max_points: max_points.expect("checked"),
            interview_passed: interview.expect("checked"),
            interviewer: input.interviewer.trim().to_string(),
        };
        let today = self.today();
        self.store_mut().add_test_attempt(pilot_id, &a, today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_entries() {
        let k = |v: &[&str]| session_kinds(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            k(&["1-3", "5"]).unwrap(),
            [1, 2, 3, 5].map(SessionKind::Module).to_vec()
        );
        assert_eq!(k(&["Auffrischung"]).unwrap(), vec![SessionKind::Refresher]);
        assert!(k(&[]).is_err());
        assert!(matches!(k(&["7"]), Err(Error::Validation(e)) if e[0].field == "modules"));
    }
}
