//! Queries of the lifecycle: status history, screenings, courses and attendance, test attempts,
//! settings. Rules come from `lifecycle`, `screening`, `training`; this file only stores and loads.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use super::{now_utc, Store};
use crate::domain::dates::format_date;
use crate::domain::history;
use crate::domain::lifecycle::{self, StatusChange};
use crate::domain::pilot::{parse_date, DistrictChange, Status};
use crate::domain::record::{
    self, AttemptRecord, Attended, CancelledChange, CreditRecord, DueItem, LifecycleData,
    PilotRecord, ScreeningRecord,
};
use crate::domain::retention;
use crate::domain::screening::{self, Screening, ScreeningResult};
use crate::domain::settings::{self, LifecycleSettings, Settings};
use crate::domain::training::{self, ModuleCredit, SessionKind, TestAttempt};
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

/// A pilot who has left (see [`Store::leavers`]): the status history and the screening records held.
#[derive(Debug, Clone, Default)]
pub(crate) struct Leaver {
    /// Without note and who (empty): the deletion rules read the statuses and days only, and so
    /// the changes come from the `status_changes_pilot` index alone, not the table.
    pub history: Vec<StatusChange>,
    pub screenings: usize,
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

    /// The lifecycle settings as stored, without the dated changes: for a day, use
    /// [`Store::settings_on`].
    pub fn lifecycle_settings(&self) -> Result<LifecycleSettings> {
        Ok(self.settings()?.lifecycle)
    }

    /// Stores the settings; every changed key without "gültig ab" is kept in the history of
    /// settings (`setting_values`) too, in the same transaction.
    pub fn save_settings(&mut self, s: &Settings) -> Result<Settings> {
        settings::validate_all(s)?;
        let old = self.settings()?;
        let json = serde_json::to_string(s).expect("settings serialise");
        let (who, now) = (self.actor().to_string(), now_utc());
        self.with_transaction(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('app_settings', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [json],
            )?;
            for k in settings::KEYS.iter().filter(|k| !k.dated) {
                let value = settings::value_of(s, k);
                if value != settings::value_of(&old, k) {
                    tx.execute(
                        "INSERT INTO setting_values (key, value, valid_from, who, recorded_at)
                         VALUES (?1, ?2, NULL, ?3, ?4)",
                        params![k.key, value.to_string(), who, now],
                    )?;
                }
            }
            Ok(())
        })?;
        self.settings()
    }

    /// Lifecycle facts of every pilot (or of one), loaded in one query per table. Cancelled status
    /// changes are in `cancelled`, never in `history`.
    pub fn lifecycle_data(&self, only: Option<i64>) -> Result<HashMap<i64, LifecycleData>> {
        match only {
            Some(id) => self.lifecycle_facts(&format!("= {id}")),
            None => self.lifecycle_facts(""),
        }
    }

    /// The status history (cancelled changes left out) and the number of screening records of
    /// each pilot who has a change to Ausgeschieden effective on or before `on` (cancelled or
    /// not): a superset of those whose status on `on` is Ausgeschieden, the only ones the
    /// deletion rules (`domain::retention`) consider. The rules still decide; this only spares
    /// loading everyone's facts at every start.
    ///
    /// Read through `on` plus the anonymisation notice (so the start's deletion check and the due
    /// list's notice share one read) and kept while nothing is written.
    pub(crate) fn leavers(&self, on: NaiveDate) -> Result<Arc<(NaiveDate, HashMap<i64, Leaver>)>> {
        let through = on + chrono::Days::new(retention::ANONYMISATION_NOTICE_DAYS);
        self.leavers.get(
            self.written()?,
            |(kept_through, _)| on <= *kept_through,
            || Ok((through, self.read_leavers(through)?)),
        )
    }

    fn read_leavers(&self, on: NaiveDate) -> Result<HashMap<i64, Leaver>> {
        let leavers = format!(
            "IN (SELECT pilot_id FROM status_changes WHERE status = '{}' AND effective_on <= '{on}')",
            Status::Left.code()
        );
        let mut map: HashMap<i64, Leaver> = HashMap::new();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT s.pilot_id, s.status, s.effective_on, s.id
             FROM status_changes s WHERE s.pilot_id {leavers}
               AND s.id NOT IN (SELECT change_id FROM status_cancellations)
             ORDER BY s.pilot_id, s.effective_on, s.id"
        ))?;
        let rows = stmt.query_map([], |r| {
            let status: String = r.get(1)?;
            Ok((
                r.get::<_, i64>(0)?,
                StatusChange {
                    status: Status::from_code(&status).unwrap_or(Status::Prospect),
                    effective_on: date(r, 2)?,
                    note: String::new(),
                    who: String::new(),
                    seq: r.get(3)?,
                },
            ))
        })?;
        for row in rows {
            let (id, change) = row?;
            map.entry(id).or_default().history.push(change);
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT pilot_id, count(*) FROM screenings WHERE pilot_id {leavers} GROUP BY pilot_id"
        ))?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (id, n) = row?;
            map.entry(id).or_default().screenings = n as usize;
        }
        Ok(map)
    }

    /// The facts of the pilots whose id matches `pilots` (SQL after the column, e.g. "= 7"; empty:
    /// all). Each table is read in the order of its `(pilot_id, …)` index; every list of a pilot
    /// is in the order the rules expect (by date, then id).
    pub(super) fn lifecycle_facts(&self, pilots: &str) -> Result<HashMap<i64, LifecycleData>> {
        let mut map: HashMap<i64, LifecycleData> = HashMap::new();
        let filter = |col: &str| {
            if pilots.is_empty() {
                String::new()
            } else {
                format!("WHERE {col} {pilots}")
            }
        };
        let status_change = |r: &Row| -> rusqlite::Result<StatusChange> {
            let status: String = r.get(1)?;
            Ok(StatusChange {
                status: Status::from_code(&status).unwrap_or(Status::Prospect),
                effective_on: date(r, 2)?,
                note: r.get(3)?,
                who: r.get(4)?,
                seq: r.get(5)?,
            })
        };
        let sql = format!(
            "SELECT s.pilot_id, s.status, s.effective_on, s.note, s.who, s.id, x.reason, x.who, x.recorded_at
             FROM status_changes s LEFT JOIN status_cancellations x ON x.change_id = s.id
             {} ORDER BY s.pilot_id, s.effective_on, s.id",
            filter("s.pilot_id")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            let cancel: Option<(String, String, String)> = match r.get::<_, Option<String>>(6)? {
                Some(reason) => Some((reason, r.get(7)?, r.get(8)?)),
                None => None,
            };
            Ok((r.get::<_, i64>(0)?, status_change(r)?, cancel))
        })?;
        for row in rows {
            let (id, change, cancel) = row?;
            let entry = map.entry(id).or_default();
            match cancel {
                None => entry.history.push(change),
                Some((reason, cancelled_by, cancelled_at)) => {
                    entry.cancelled.push(CancelledChange {
                        change,
                        reason,
                        cancelled_by,
                        cancelled_at,
                    })
                }
            }
        }
        let sql = format!(
            "SELECT pilot_id, id, letter_issued_on, certificate_dated, inspected_on, inspected_by, result
             FROM screenings {} ORDER BY pilot_id, id",
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
        // The few course sessions once; attendance as (pilot, session) pairs, each pilot's
        // sessions then put in the order of the day held, then the session's id.
        let mut sessions: HashMap<i64, Attended> = HashMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.module, s.held_on, c.name, s.place
             FROM course_sessions s JOIN courses c ON c.id = s.course_id",
        )?;
        for row in stmt.query_map([], |r| {
            Ok(Attended {
                session_id: r.get(0)?,
                kind: kind_of(r.get(1)?),
                held_on: date(r, 2)?,
                course: r.get(3)?,
                place: r.get(4)?,
            })
        })? {
            let a = row?;
            sessions.insert(a.session_id, a);
        }
        let sql = format!(
            "SELECT pilot_id, session_id FROM attendance {} ORDER BY pilot_id",
            filter("pilot_id")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (id, session) = row?;
            if let Some(a) = sessions.get(&session) {
                map.entry(id).or_default().attended.push(a.clone());
            }
        }
        for d in map.values_mut() {
            d.attended.sort_by_key(|a| (a.held_on, a.session_id));
        }
        let sql = format!(
            "SELECT pilot_id, id, taken_on, points, max_points, interview_passed, interviewer, pass_mark_percent
             FROM test_attempts {} ORDER BY pilot_id, taken_on, id",
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
                    pass_mark_percent: r.get(7)?,
                },
            ))
        })?;
        for row in rows {
            let (id, a) = row?;
            map.entry(id).or_default().attempts.push(a);
        }
        let sql = format!(
            "SELECT pilot_id, id, module, credited_on, note, who FROM module_credits
             {} ORDER BY pilot_id, credited_on, id",
            filter("pilot_id")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                CreditRecord {
                    id: r.get(1)?,
                    credit: ModuleCredit {
                        kind: kind_of(r.get(2)?),
                        on: date(r, 3)?,
                        note: r.get(4)?,
                    },
                    who: r.get(5)?,
                },
            ))
        })?;
        for row in rows {
            let (id, c) = row?;
            map.entry(id).or_default().credits.push(c);
        }
        let sql = format!(
            "SELECT c.pilot_id, f.name, t.name, c.effective_on, c.note, c.who, c.id
             FROM district_changes c LEFT JOIN districts f ON f.id = c.from_district_id
             JOIN districts t ON t.id = c.to_district_id
             {} ORDER BY c.pilot_id, c.effective_on, c.id",
            filter("c.pilot_id")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                DistrictChange {
                    from: r.get(1)?,
                    to: r.get(2)?,
                    effective_on: date(r, 3)?,
                    note: r.get(4)?,
                    who: r.get(5)?,
                    seq: r.get(6)?,
                },
            ))
        })?;
        for row in rows {
            let (id, c) = row?;
            map.entry(id).or_default().district_changes.push(c);
        }
        Ok(map)
    }

    pub(crate) fn lifecycle_of(&self, pilot_id: i64) -> Result<LifecycleData> {
        Ok(self
            .lifecycle_data(Some(pilot_id))?
            .remove(&pilot_id)
            .unwrap_or_default())
    }

    /// The full record of one pilot on `today`, with the eFZ deletion dates and whether the latest
    /// status change can be cancelled.
    pub fn pilot_record(&self, pilot_id: i64, today: NaiveDate) -> Result<PilotRecord> {
        let pilot = self.get_pilot(pilot_id)?;
        let data = self.lifecycle_of(pilot_id)?;
        let mut r = record::pilot_record(pilot, &data, today, &self.settings_on(today)?.lifecycle);
        r.screening_deleted_on = self.screening_deleted_on(pilot_id)?;
        if !data.screenings.is_empty() {
            r.screening_deletion_due_on = retention::screening_deletion_due(
                &data.history,
                today,
                retention::SCREENING_RETENTION_MONTHS,
            );
        }
        if r.undo_candidate
            .as_ref()
            .is_some_and(|c| retention::storno_blocked_by_deletion(c, r.screening_deleted_on))
        {
            r.undo_candidate = None;
        }
        Ok(r)
    }

    /// Eligibility of every pilot on `date` (status Aktiv and screening valid).
    pub fn eligibility(&self, date: NaiveDate) -> Result<HashMap<i64, bool>> {
        let mut eligible = HashMap::new();
        self.each_timeline(|id, t| {
            eligible.insert(id, t.eligible_on(date));
        })?;
        Ok(eligible)
    }

    /// The due list of the Übersicht screen.
    pub fn due_list(&self, today: NaiveDate) -> Result<Vec<DueItem>> {
        let settings = self.settings_on(today)?;
        let mut items = self.pilot_due_items(today, &settings.lifecycle)?;
        let names: Vec<(i64, String)> = self
            .conn
            .prepare_cached("SELECT id, last_name || ', ' || first_name FROM pilots ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        items.extend(self.inactive_items(&names, settings.allowance.inactive_months, today)?);
        items.extend(crate::domain::reports::grant_due_items(
            &self.budget_years()?,
            today,
            settings.reports.grant_due_months,
            settings.reports.grant_notice_weeks,
        ));
        // Anonymisations, 4 weeks ahead (they run on the due day).
        let ahead = today + chrono::Days::new(crate::domain::retention::ANONYMISATION_NOTICE_DAYS);
        for a in self.anonymisations_due(ahead)? {
            items.push(DueItem {
                pilot_id: a.pilot_id,
                label: format!(
                    "{}: ausgeschieden, Aufbewahrungsfrist endet – die Stammdaten werden am {} anonymisiert (Abrechnungen bleiben)",
                    a.name,
                    crate::domain::dates::format_date(a.due_on)
                ),
                name: a.name,
                kind: "anonymisation_due",
                date: a.due_on,
            });
        }
        items.sort_by(|a, b| (a.date, &a.name, a.pilot_id).cmp(&(b.date, &b.name, b.pilot_id)));
        Ok(items)
    }

    /// Changes a pilot's status from `effective_on`, which may lie in the past (entry with
    /// history). Refused when dated before the latest change, in the future, not an allowed next
    /// status, or — for Aktiv — when a requirement is missing on that day: for an appointment
    /// everything, for the return from Ruhend the screening only.
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
        not_in_future("effective_on", "Wirksam ab", effective_on, today)?;
        check_note(note)?;
        let data = self.lifecycle_of(pilot_id)?;
        let settings = self.settings_on(effective_on)?.lifecycle;
        lifecycle::check_change(&data.history, status, effective_on)?;
        if status == Status::Active {
            data.check_activation(effective_on, pilot.district.as_deref(), &settings)?;
        }
        self.with_transaction(|tx| {
            insert_change(tx, pilot_id, status, effective_on, note.trim(), who)?;
            Ok(())
        })?;
        self.pilot_record(pilot_id, today)
    }

    /// Storno of the latest status change (also Ausgeschieden): it stays in the history, marked
    /// cancelled with `reason`, and every rule ignores it from now on. Refused for a pilot's only
    /// change ("Im Programm seit" is changed with [`Store::set_programme_since`]) and once an eFZ
    /// deletion has run on the change. Months already approved are reconciled by the allowance side.
    pub fn cancel_latest_status(
        &mut self,
        pilot_id: i64,
        reason: &str,
        who: &str,
        today: NaiveDate,
    ) -> Result<PilotRecord> {
        self.get_pilot(pilot_id)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::field("reason", "Grund für das Storno fehlt."));
        }
        if reason.chars().count() > 500 {
            return Err(Error::field(
                "reason",
                "Grund ist zu lang (höchstens 500 Zeichen).",
            ));
        }
        let data = self.lifecycle_of(pilot_id)?;
        let Some(latest) = lifecycle::latest_change(&data.history).cloned() else {
            return Err(Error::Conflict(
                "Es gibt keine Statusänderung, die storniert werden kann.".into(),
            ));
        };
        if data.history.len() < 2 {
            return Err(Error::Rule {
                message: format!(
                    "Der erste Eintrag „{}“ kann nicht storniert werden; „Im Programm seit“ wird eigens geändert.",
                    latest.status.label()
                ),
                missing: vec![],
            });
        }
        if let Some(erased) = self.screening_deleted_on(pilot_id)? {
            if retention::storno_blocked_by_deletion(&latest, Some(erased)) {
                return Err(Error::Rule {
                    message: format!(
                        "„{}“ vom {} kann nicht mehr storniert werden: die Führungszeugnis-Daten wurden am {} gelöscht (§ 30a BZRG). Wer zurückkehrt, wird neu aufgenommen.",
                        latest.status.label(),
                        format_date(latest.effective_on),
                        format_date(erased)
                    ),
                    missing: vec![],
                });
            }
        }
        self.with_transaction(|tx| {
            tx.execute(
                "INSERT INTO status_cancellations (change_id, pilot_id, reason, who, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![latest.seq, pilot_id, reason, who, now_utc()],
            )?;
            Ok(())
        })?;
        self.pilot_record(pilot_id, today)
    }

    /// Moves "Im Programm seit" (the first status change, Interessent) to `since`, e.g. for a pilot
    /// registered before the history was entered. The old first change is cancelled with a note and
    /// a new one recorded, in one transaction. `since` must lie before the second change and not in
    /// the future.
    pub fn set_programme_since(
        &mut self,
        pilot_id: i64,
        since: NaiveDate,
        who: &str,
        today: NaiveDate,
    ) -> Result<PilotRecord> {
        self.get_pilot(pilot_id)?;
        not_in_future("since", "Im Programm seit", since, today)?;
        let data = self.lifecycle_of(pilot_id)?;
        let mut sorted = data.history.clone();
        sorted.sort_by_key(|c| (c.effective_on, c.seq));
        let Some(first) = sorted.first().cloned() else {
            return Err(Error::Conflict("Der Lotse hat noch keinen Status.".into()));
        };
        if first.effective_on == since {
            return self.pilot_record(pilot_id, today);
        }
        if let Some(second) = sorted.get(1) {
            if since >= second.effective_on {
                return Err(Error::field(
                    "since",
                    format!(
                        "„Im Programm seit“ muss vor der nächsten Statusänderung („{}“ am {}) liegen.",
                        second.status.label(),
                        format_date(second.effective_on)
                    ),
                ));
            }
        }
        let reason = format!(
            "Im Programm seit geändert: {} → {}",
            format_date(first.effective_on),
            format_date(since)
        );
        self.with_transaction(|tx| {
            tx.execute(
                "INSERT INTO status_cancellations (change_id, pilot_id, reason, who, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![first.seq, pilot_id, reason, who, now_utc()],
            )?;
            insert_change(tx, pilot_id, first.status, since, &first.note, who)?;
            Ok(())
        })?;
        self.pilot_record(pilot_id, today)
    }

    /// Records modules (or a refresher) done outside the courses of the app ("anerkannt"), on `on`
    /// with a note. Refused for a date in the future.
    pub fn add_credits(
        &mut self,
        pilot_id: i64,
        kinds: &[SessionKind],
        on: NaiveDate,
        note: &str,
        who: &str,
        today: NaiveDate,
    ) -> Result<PilotRecord> {
        self.get_pilot(pilot_id)?;
        if kinds.is_empty() {
            return Err(Error::field("modules", "Kein Modul angegeben."));
        }
        let credits: Vec<ModuleCredit> = kinds
            .iter()
            .map(|kind| ModuleCredit {
                kind: *kind,
                on,
                note: note.trim().to_string(),
            })
            .collect();
        for c in &credits {
            training::validate_credit(c, today)?;
        }
        self.with_transaction(|tx| {
            for c in &credits {
                insert_credit(tx, pilot_id, c, who)?;
            }
            Ok(())
        })?;
        self.pilot_record(pilot_id, today)
    }
    /// Records or corrects a screening (eFZ) record; `screening_id` None adds a new one. Past
    /// records are fine; a date in the future is refused.
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
                    insert_screening(tx, pilot_id, s)?;
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

    /// Adds a final test attempt, with the pass mark in force now stored with it (a later change of
    /// the setting never fails it). A past attempt is checked against the history: one that would
    /// leave an existing appointment without a passed test on its day is refused.
    pub fn add_test_attempt(
        &mut self,
        pilot_id: i64,
        a: &TestAttempt,
        today: NaiveDate,
    ) -> Result<PilotRecord> {
        // The pass mark in force on the day of the test.
        let mark = self.settings_on(a.taken_on)?.lifecycle.pass_mark_percent;
        self.add_test_attempt_marked(pilot_id, a, mark, today)
    }

    /// Like [`Store::add_test_attempt`] with the pass mark given (the one in force on the test day).
    pub fn add_test_attempt_marked(
        &mut self,
        pilot_id: i64,
        a: &TestAttempt,
        pass_mark_percent: u32,
        today: NaiveDate,
    ) -> Result<PilotRecord> {
        let pilot = self.get_pilot(pilot_id)?;
        training::validate_attempt(a, today)?;
        if !(1..=100).contains(&pass_mark_percent) {
            return Err(Error::field(
                "pass_mark_percent",
                "Bestehensgrenze muss zwischen 1 und 100 % liegen.",
            ));
        }
        let settings = self.settings_on(today)?.lifecycle;
        let before = self.lifecycle_of(pilot_id)?;
        let mut after = before.clone();
        after.attempts.push(AttemptRecord {
            id: 0,
            attempt: a.clone(),
            pass_mark_percent,
        });
        refuse_new_breaks(&before, &after, pilot.district.as_deref(), today, &settings)?;
        self.with_transaction(|tx| insert_attempt(tx, pilot_id, a, pass_mark_percent))?;
        self.pilot_record(pilot_id, today)
    }

    /// The district of every pilot on `date` (district history; the register's district from the
    /// latest change on). For per-district figures of a past day, e.g. the lines of a month.
    pub fn districts_on(&self, date: NaiveDate) -> Result<HashMap<i64, Option<String>>> {
        let data = self.lifecycle_data(None)?;
        let empty = LifecycleData::default();
        Ok(self
            .pilots()?
            .iter()
            .map(|p| {
                let d = data.get(&p.id).unwrap_or(&empty);
                (p.id, d.district_on(p.district.as_deref(), date))
            })
            .collect())
    }

    /// The district of one pilot on `date`.
    pub fn district_on(&self, pilot_id: i64, date: NaiveDate) -> Result<Option<String>> {
        let p = self.get_pilot(pilot_id)?;
        Ok(self
            .lifecycle_of(pilot_id)?
            .district_on(p.district.as_deref(), date))
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

/// A date that must not lie after `today`, as a field error naming the field.
pub(crate) fn not_in_future(
    field: &str,
    label: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    if on > today {
        return Err(Error::field(
            field,
            format!(
                "„{label}“ darf nicht in der Zukunft liegen (heute ist der {}).",
                format_date(today)
            ),
        ));
    }
    Ok(())
}

fn check_note(note: &str) -> Result<()> {
    if note.chars().count() > 500 {
        return Err(Error::field(
            "note",
            "Notiz ist zu lang (höchstens 500 Zeichen).",
        ));
    }
    Ok(())
}

/// Refuses a new past fact that makes the history break a rule it did not break before (problems
/// already there do not block the entry of other facts).
fn refuse_new_breaks(
    before: &LifecycleData,
    after: &LifecycleData,
    district: Option<&str>,
    today: NaiveDate,
    settings: &LifecycleSettings,
) -> Result<()> {
    let old = history::check_history(before, district, today, settings);
    let new: Vec<String> = history::check_history(after, district, today, settings)
        .into_iter()
        .filter(|p| !old.contains(p))
        .collect();
    if new.is_empty() {
        return Ok(());
    }
    Err(Error::Rule {
        message: format!("Das passt nicht zur bisherigen Historie: {}", new.join(" ")),
        missing: new,
    })
}

pub(crate) fn insert_change(
    tx: &Transaction,
    pilot_id: i64,
    status: Status,
    on: NaiveDate,
    note: &str,
    who: &str,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO status_changes (pilot_id, status, effective_on, note, who, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        pilot_id,
        status.code(),
        on.to_string(),
        note,
        who,
        now_utc()
    ])?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn insert_screening(tx: &Transaction, pilot_id: i64, s: &Screening) -> Result<()> {
    let d = |x: Option<NaiveDate>| x.map(|v| v.to_string());
    tx.prepare_cached(
        "INSERT INTO screenings (pilot_id, letter_issued_on, certificate_dated, inspected_on,
            inspected_by, result, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![
        pilot_id,
        d(s.letter_issued_on),
        d(s.certificate_dated),
        d(s.inspected_on),
        s.inspected_by.trim(),
        s.result.map(|r| r.code()),
        now_utc()
    ])?;
    Ok(())
}

pub(crate) fn insert_attempt(
    tx: &Transaction,
    pilot_id: i64,
    a: &TestAttempt,
    pass_mark_percent: u32,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO test_attempts (pilot_id, taken_on, points, max_points, interview_passed, interviewer,
            pass_mark_percent, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        pilot_id,
        a.taken_on.to_string(),
        a.points,
        a.max_points,
        a.interview_passed,
        a.interviewer.trim(),
        pass_mark_percent,
        now_utc()
    ])?;
    Ok(())
}

pub(crate) fn insert_credit(
    tx: &Transaction,
    pilot_id: i64,
    c: &ModuleCredit,
    who: &str,
) -> Result<()> {
    let module = match c.kind {
        SessionKind::Module(n) => Some(n),
        SessionKind::Refresher => None,
    };
    tx.prepare_cached(
        "INSERT INTO module_credits (pilot_id, module, credited_on, note, who, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        pilot_id,
        module,
        c.on.to_string(),
        c.note.trim(),
        who,
        now_utc()
    ])?;
    Ok(())
}

/// Writes a pilot's past built by [`history::plan`] (the pilot and the first change, Interessent on
/// `plan.since`, are already written): the later status changes, the eFZ record, the recognised
/// modules and refresher, the test attempt with `pass_mark_percent`.
pub(crate) fn write_past(
    tx: &Transaction,
    pilot_id: i64,
    plan: &history::PastPlan,
    pass_mark_percent: u32,
    who: &str,
) -> Result<()> {
    for (status, on) in plan.changes.iter().skip(1) {
        insert_change(tx, pilot_id, *status, *on, history::LISTED_NOTE, who)?;
    }
    if let Some(s) = &plan.screening {
        insert_screening(tx, pilot_id, s)?;
    }
    for c in &plan.credits {
        insert_credit(tx, pilot_id, c, who)?;
    }
    if let Some(a) = &plan.attempt {
        insert_attempt(tx, pilot_id, a, pass_mark_percent)?;
    }
    Ok(())
}
