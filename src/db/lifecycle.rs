//! Queries of the lifecycle: status history, screenings, courses and attendance, test attempts,
//! settings. Rules come from `lifecycle`, `screening`, `training`; this file only stores and loads.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{now_utc, Store};
use crate::domain::lifecycle::{self, AppointmentFacts, StatusChange};
use crate::domain::pilot::{parse_date, Status};
use crate::domain::record::{
    self, AttemptRecord, Attended, DueItem, LifecycleData, PilotRecord, ScreeningRecord,
};
use crate::domain::screening::{self, Screening, ScreeningResult};
use crate::domain::settings::{self, LifecycleSettings, Settings};
use crate::domain::training::{self, SessionKind, TestAttempt};
use crate::error::{Error, FieldError, Result};

fn date(r: &Row, i: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = r.get(i)?;
    parse_date(&s)
        .ok_or_else(|| rusqlite::Error::InvalidColumnType(i, s, rusqlite::types::Type::Text))
}

fn opt_date(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(r.get::<_, Option<String>>(i)?
        .as_deref()
        .and_then(parse_date))
}

fn kind_of(module: Option<u8>) -> SessionKind {
    match module {
        Some(m) => SessionKind::Module(m),
        None => SessionKind::Refresher,
    }
}

/// A course session with its attendees.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct CourseSession {
    pub id: i64,
    pub course_id: i64,
    pub held_on: NaiveDate,
    /// 1–5, or `None` for a refresher session.
    pub module: Option<u8>,
    pub label: String,
    pub place: String,
    pub trainer: String,
    pub attendees: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Course {
    pub id: i64,
    pub name: String,
    pub sessions: Vec<CourseSession>,
}

/// What the form sends for a session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct SessionInput {
    pub held_on: String,
    pub module: Option<u8>,
    pub place: String,
    pub trainer: String,
}

impl Store {
    /// Records that the confirmation letter for the fee-free eFZ application was issued on `on`.
    pub fn record_efz_letter(&mut self, pilot_id: i64, on: NaiveDate) -> Result<()> {
        let now = now_utc();
        self.with_transaction(|tx| {
            tx.execute(
                "INSERT INTO screenings (pilot_id, letter_issued_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?3)",
                params![pilot_id, on.to_string(), now],
            )?;
            Ok(())
        })
    }

    /// All settings (defaults where nothing is stored yet).
    pub fn settings(&self) -> Result<Settings> {
        let raw: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = 'app_settings'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        match raw {
            None => Ok(Settings::default()),
            Some(json) => serde_json::from_str(&json).map_err(|e| {
                Error::Storage(format!("Gespeicherte Einstellungen sind unlesbar: {e}"))
            }),
        }
    }

    pub fn lifecycle_settings(&self) -> Result<LifecycleSettings> {
        Ok(self.settings()?.lifecycle)
    }

    pub fn save_settings(&mut self, s: &Settings) -> Result<Settings> {
        settings::validate_all(s)?;
        let json = serde_json::to_string(s).expect("settings serialise");
        self.with_transaction(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('app_settings', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [json],
            )?;
            Ok(())
        })?;
        self.settings()
    }

    /// Lifecycle facts of every pilot (or of one), loaded in four queries.
    pub fn lifecycle_data(&self, only: Option<i64>) -> Result<HashMap<i64, LifecycleData>> {
        let mut map: HashMap<i64, LifecycleData> = HashMap::new();
        let filter = |col: &str| match only {
            Some(id) => format!("WHERE {col} = {id}"),
            None => String::new(),
        };
        let sql = format!(
            "SELECT pilot_id, status, effective_on, note, who, id FROM status_changes {} ORDER BY effective_on, id",
            filter("pilot_id")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            let status: String = r.get(1)?;
            Ok((
                r.get::<_, i64>(0)?,
                StatusChange {
                    status: Status::parse(&status).unwrap_or(Status::Prospect),
                    effective_on: date(r, 2)?,
                    note: r.get(3)?,
                    who: r.get(4)?,
                    seq: r.get(5)?,
                },
            ))
        })?;
        for row in rows {
            let (id, c) = row?;
            map.entry(id).or_default().history.push(c);
        }
        let sql = format!(
            "SELECT pilot_id, id, letter_issued_on, certificate_dated, inspected_on, inspected_by, result
             FROM screenings {} ORDER BY id",
            filter("pilot_id")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            let result: Option<String> = r.get(6)?;
            Ok((
                r.get::<_, i64>(0)?,
                ScreeningRecord {
                    id: r.get(1)?,
                    screening: Screening {
                        letter_issued_on: opt_date(r, 2)?,
                        certificate_dated: opt_date(r, 3)?,
                        inspected_on: opt_date(r, 4)?,
                        inspected_by: r.get(5)?,
                        result: result.as_deref().and_then(ScreeningResult::parse),
                    },
                },
            ))
        })?;
        for row in rows {
            let (id, s) = row?;
            map.entry(id).or_default().screenings.push(s);
        }
        let sql = format!(
            "SELECT a.pilot_id, s.id, s.module, s.held_on, c.name, s.place
             FROM attendance a JOIN course_sessions s ON s.id = a.session_id JOIN courses c ON c.id = s.course_id
             {} ORDER BY s.held_on, s.id",
            filter("a.pilot_id")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Attended {
                    session_id: r.get(1)?,
                    kind: kind_of(r.get(2)?),
                    held_on: date(r, 3)?,
                    course: r.get(4)?,
                    place: r.get(5)?,
                },
            ))
        })?;
        for row in rows {
            let (id, a) = row?;
            map.entry(id).or_default().attended.push(a);
        }
        let sql = format!(
            "SELECT pilot_id, id, taken_on, points, max_points, interview_passed, interviewer
             FROM test_attempts {} ORDER BY taken_on, id",
            filter("pilot_id")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                AttemptRecord {
                    id: r.get(1)?,
                    attempt: TestAttempt {
                        taken_on: date(r, 2)?,
                        points: r.get(3)?,
                        max_points: r.get(4)?,
                        interview_passed: r.get(5)?,
                        interviewer: r.get(6)?,
                    },
                },
            ))
        })?;
        for row in rows {
            let (id, a) = row?;
            map.entry(id).or_default().attempts.push(a);
        }
        Ok(map)
    }

    fn lifecycle_of(&self, pilot_id: i64) -> Result<LifecycleData> {
        Ok(self
            .lifecycle_data(Some(pilot_id))?
            .remove(&pilot_id)
            .unwrap_or_default())
    }

    /// The full record of one pilot on `today`.
    pub fn pilot_record(&self, pilot_id: i64, today: NaiveDate) -> Result<PilotRecord> {
        let pilot = self.get_pilot(pilot_id)?;
        let data = self.lifecycle_of(pilot_id)?;
        Ok(record::pilot_record(
            pilot,
            &data,
            today,
            &self.lifecycle_settings()?,
        ))
    }

    /// Eligibility of every pilot on `date` (status Aktiv and screening valid).
    pub fn eligibility(&self, date: NaiveDate) -> Result<HashMap<i64, bool>> {
        let settings = self.lifecycle_settings()?;
        Ok(self
            .lifecycle_data(None)?
            .into_iter()
            .map(|(id, d)| (id, d.eligible_on(date, &settings)))
            .collect())
    }

    /// The due list of the Übersicht screen.
    pub fn due_list(&self, today: NaiveDate) -> Result<Vec<DueItem>> {
        let pilots = self.all_pilots()?;
        let data = self.lifecycle_data(None)?;
        Ok(record::due_items(
            &pilots,
            &data,
            today,
            &self.lifecycle_settings()?,
        ))
    }

    /// Changes a pilot's status from `effective_on`. Refused when dated before the latest change,
    /// in the future, not an allowed next status, or — for Aktiv — when a requirement is missing.
    pub fn change_status(
        &mut self,
        pilot_id: i64,
        status: Status,
        effective_on: NaiveDate,
        note: &str,
        who: &str,
        today: NaiveDate,
    ) -> Result<PilotRecord> {
        let pilot = self.get_pilot(pilot_id)?;
        if effective_on > today {
            return Err(Error::field(
                "effective_on",
                format!(
                    "„Wirksam ab“ darf nicht in der Zukunft liegen (heute ist der {}).",
                    crate::domain::dates::format_date(today)
                ),
            ));
        }
        if note.chars().count() > 500 {
            return Err(Error::field(
                "note",
                "Notiz ist zu lang (höchstens 500 Zeichen).",
            ));
        }
        let data = self.lifecycle_of(pilot_id)?;
        let settings = self.lifecycle_settings()?;
        lifecycle::check_change(&data.history, status, effective_on)?;
        if status == Status::Active {
            let facts = AppointmentFacts::gather(
                effective_on,
                &data.screening_list(),
                &data.attended_pairs(),
                &data.attempt_list(),
                pilot.district.as_deref(),
                &settings,
            );
            lifecycle::check_appointment(&facts)?;
        }
        self.with_transaction(|tx| {
            tx.execute(
                "INSERT INTO status_changes (pilot_id, status, effective_on, note, who, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![pilot_id, status.code(), effective_on.to_string(), note.trim(), who, now_utc()],
            )?;
            Ok(())
        })?;
        self.pilot_record(pilot_id, today)
    }

    /// Records or corrects a screening (eFZ) record; `screening_id` None adds a new one.
    pub fn save_screening(
        &mut self,
        pilot_id: i64,
        screening_id: Option<i64>,
        s: &Screening,
        today: NaiveDate,
    ) -> Result<PilotRecord> {
        self.get_pilot(pilot_id)?;
        screening::validate_screening(s, today)?;
        let d = |x: Option<NaiveDate>| x.map(|v| v.to_string());
        let values = (
            d(s.letter_issued_on),
            d(s.certificate_dated),
            d(s.inspected_on),
            s.inspected_by.trim().to_string(),
            s.result.map(|r| r.code()),
        );
        let now = now_utc();
        self.with_transaction(|tx| {
            match screening_id {
                None => {
                    tx.execute(
                        "INSERT INTO screenings (pilot_id, letter_issued_on, certificate_dated, inspected_on,
                            inspected_by, result, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                        params![pilot_id, values.0, values.1, values.2, values.3, values.4, now],
                    )?;
                }
                Some(id) => {
                    let n = tx.execute(
                        "UPDATE screenings SET letter_issued_on = ?3, certificate_dated = ?4, inspected_on = ?5,
                            inspected_by = ?6, result = ?7, updated_at = ?8
                         WHERE id = ?1 AND pilot_id = ?2",
                        params![id, pilot_id, values.0, values.1, values.2, values.3, values.4, now],
                    )?;
                    if n == 0 {
                        return Err(Error::NotFound(format!("Führungszeugnis-Eintrag Nr. {id} gibt es nicht.")));
                    }
                }
            }
            Ok(())
        })?;
        self.pilot_record(pilot_id, today)
    }

    /// Adds a final test attempt.
    pub fn add_test_attempt(
        &mut self,
        pilot_id: i64,
        a: &TestAttempt,
        today: NaiveDate,
    ) -> Result<PilotRecord> {
        self.get_pilot(pilot_id)?;
        training::validate_attempt(a, today)?;
        self.with_transaction(|tx| {
            tx.execute(
                "INSERT INTO test_attempts (pilot_id, taken_on, points, max_points, interview_passed, interviewer,
                    created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    pilot_id,
                    a.taken_on.to_string(),
                    a.points,
                    a.max_points,
                    a.interview_passed,
                    a.interviewer.trim(),
                    now_utc()
                ],
            )?;
            Ok(())
        })?;
        self.pilot_record(pilot_id, today)
    }

    /// All courses with their sessions and attendees, newest first.
    pub fn courses(&self) -> Result<Vec<Course>> {
        let mut courses: Vec<Course> = self
            .conn
            .prepare("SELECT id, name FROM courses ORDER BY id DESC")?
            .query_map([], |r| {
                Ok(Course {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    sessions: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut attendees: HashMap<i64, Vec<i64>> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare("SELECT session_id, pilot_id FROM attendance ORDER BY pilot_id")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (s, p) = row?;
            attendees.entry(s).or_default().push(p);
        }
        let mut stmt = self.conn.prepare(
            "SELECT id, course_id, held_on, module, place, trainer FROM course_sessions ORDER BY held_on, id",
        )?;
        let sessions = stmt.query_map([], |r| {
            let module: Option<u8> = r.get(3)?;
            Ok(CourseSession {
                id: r.get(0)?,
                course_id: r.get(1)?,
                held_on: date(r, 2)?,
                module,
                label: kind_of(module).label(),
                place: r.get(4)?,
                trainer: r.get(5)?,
                attendees: Vec::new(),
            })
        })?;
        for s in sessions {
            let mut s = s?;
            s.attendees = attendees.remove(&s.id).unwrap_or_default();
            if let Some(c) = courses.iter_mut().find(|c| c.id == s.course_id) {
                c.sessions.push(s);
            }
        }
        Ok(courses)
    }

    fn course(&self, id: i64) -> Result<Course> {
        self.courses()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::NotFound(format!("Lehrgang Nr. {id} gibt es nicht.")))
    }

    /// Creates (`id` None) or renames a course.
    pub fn save_course(&mut self, id: Option<i64>, name: &str) -> Result<Course> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::field("name", "Name des Lehrgangs fehlt."));
        }
        if name.chars().count() > 200 {
            return Err(Error::field(
                "name",
                "Name des Lehrgangs ist zu lang (höchstens 200 Zeichen).",
            ));
        }
        let id = self.with_transaction(|tx| match id {
            None => {
                tx.execute(
                    "INSERT INTO courses (name, created_at) VALUES (?1, ?2)",
                    params![name, now_utc()],
                )?;
                Ok(tx.last_insert_rowid())
            }
            Some(id) => {
                if tx.execute(
                    "UPDATE courses SET name = ?2 WHERE id = ?1",
                    params![id, name],
                )? == 0
                {
                    return Err(Error::NotFound(format!("Lehrgang Nr. {id} gibt es nicht.")));
                }
                Ok(id)
            }
        })?;
        self.course(id)
    }

    /// Adds (`session_id` None) or changes a session of a course.
    pub fn save_session(
        &mut self,
        course_id: i64,
        session_id: Option<i64>,
        input: &SessionInput,
        today: NaiveDate,
    ) -> Result<Course> {
        self.course(course_id)?;
        let mut errors = Vec::new();
        let held_on = match parse_date(&input.held_on) {
            None => {
                errors.push(FieldError::new(
                    "held_on",
                    "Datum fehlt oder ist ungültig (TT.MM.JJJJ).",
                ));
                None
            }
            Some(d) if d > today + chrono::Days::new(366) => {
                errors.push(FieldError::new(
                    "held_on",
                    "Datum liegt mehr als ein Jahr in der Zukunft.",
                ));
                None
            }
            Some(d) => Some(d),
        };
        if input.module.is_some_and(|m| !(1..=5).contains(&m)) {
            errors.push(FieldError::new(
                "module",
                "Modul muss 1 bis 5 sein (oder Auffrischung).",
            ));
        }
        for (field, label, v) in [
            ("place", "Ort", &input.place),
            ("trainer", "Referent/in", &input.trainer),
        ] {
            if v.chars().count() > 200 {
                errors.push(FieldError::new(
                    field,
                    format!("{label} ist zu lang (höchstens 200 Zeichen)."),
                ));
            }
        }
        let Some(held_on) = held_on.filter(|_| errors.is_empty()) else {
            return Err(Error::Validation(errors));
        };
        let p = params![
            course_id,
            held_on.to_string(),
            input.module,
            input.place.trim(),
            input.trainer.trim()
        ];
        self.with_transaction(|tx| {
            match session_id {
                None => {
                    tx.execute(
                        "INSERT INTO course_sessions (course_id, held_on, module, place, trainer)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                        p,
                    )?;
                }
                Some(id) => {
                    let n = tx.execute(
                        "UPDATE course_sessions SET held_on = ?2, module = ?3, place = ?4, trainer = ?5
                         WHERE course_id = ?1 AND id = ?6",
                        params![course_id, held_on.to_string(), input.module, input.place.trim(), input.trainer.trim(), id],
                    )?;
                    if n == 0 {
                        return Err(Error::NotFound(format!("Termin Nr. {id} gibt es nicht.")));
                    }
                }
            }
            Ok(())
        })?;
        self.course(course_id)
    }

    /// Ticks or unticks a pilot's attendance at a session; returns the session's course.
    pub fn set_attendance(
        &mut self,
        session_id: i64,
        pilot_id: i64,
        present: bool,
    ) -> Result<Course> {
        self.get_pilot(pilot_id)?;
        let course_id: i64 = self
            .conn
            .query_row(
                "SELECT course_id FROM course_sessions WHERE id = ?1",
                [session_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("Termin Nr. {session_id} gibt es nicht.")))?;
        self.with_transaction(|tx| {
            if present {
                tx.execute(
                    "INSERT OR IGNORE INTO attendance (session_id, pilot_id) VALUES (?1, ?2)",
                    [session_id, pilot_id],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM attendance WHERE session_id = ?1 AND pilot_id = ?2",
                    [session_id, pilot_id],
                )?;
            }
            Ok(())
        })?;
        self.course(course_id)
    }
}
