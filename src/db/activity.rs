//! The activity record on the store: task areas, records per pilot and month, waivers of the gate
//! (schema 008). Each change is one transaction; the rules are in `domain::activity`.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{now_utc, Store};
use crate::domain::activity::{self, ActivityEntry, ActivityRecord, TaskArea, Waiver};
use crate::domain::allowance::Month;
use crate::domain::run::RunState;
use crate::error::{Error, Result};

/// One row of the month grid: an active pilot of the month with its record and waiver, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ActivityRow {
    pub pilot_id: i64,
    /// "Nachname, Vorname"
    pub name: String,
    pub district: String,
    pub record: Option<ActivityRecord>,
    pub waiver: Option<Waiver>,
}

/// The month grid (and `lotsen activity list`): every pilot active in the month, or with a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ActivityMonth {
    /// "2026-11"
    pub month: String,
    /// "November 2026"
    pub label: String,
    /// The task areas offered for new records.
    pub areas: Vec<TaskArea>,
    pub rows: Vec<ActivityRow>,
    /// Whether the gate "Auszahlung nur mit Tätigkeitsnachweis" is on.
    pub required: bool,
}

const SELECT_RECORDS: &str =
    "SELECT r.id, r.pilot_id, r.month, r.contacts, r.minutes, r.people, r.families, r.note,
            r.recorded_at, r.recorded_by
     FROM activity_records r";

fn record_of(r: &rusqlite::Row) -> rusqlite::Result<(i64, ActivityRecord)> {
    Ok((
        r.get(0)?,
        ActivityRecord {
            pilot_id: r.get(1)?,
            month: r.get(2)?,
            contacts: r.get(3)?,
            minutes: r.get(4)?,
            people: r.get(5)?,
            families: r.get(6)?,
            note: r.get(7)?,
            recorded_at: r.get(8)?,
            recorded_by: r.get(9)?,
            areas: Vec::new(),
        },
    ))
}

fn waiver_of(r: &rusqlite::Row) -> rusqlite::Result<Waiver> {
    Ok(Waiver {
        pilot_id: r.get(0)?,
        month: r.get(1)?,
        reason: r.get(2)?,
        who: r.get(3)?,
        recorded_at: r.get(4)?,
    })
}

impl Store {
    /// The task areas in their order, retired ones included.
    pub fn task_areas(&self) -> Result<Vec<TaskArea>> {
        Ok(self
            .conn
            .prepare("SELECT id, name, position, active FROM task_areas ORDER BY position, id")?
            .query_map([], |r| {
                Ok(TaskArea {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    position: r.get(2)?,
                    active: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a task area at the end (`id` `None`) or renames one and sets whether it is offered.
    /// An area is never deleted: old records keep it.
    pub fn save_task_area(
        &mut self,
        id: Option<i64>,
        name: &str,
        active: bool,
    ) -> Result<Vec<TaskArea>> {
        let areas = self.task_areas()?;
        let name = activity::check_area_name(name, &areas, id)?;
        if let Some(id) = id {
            if !areas.iter().any(|a| a.id == id) {
                return Err(Error::NotFound(format!(
                    "Aufgabenbereich Nr. {id} gibt es nicht."
                )));
            }
        }
        self.with_transaction(|tx| {
            match id {
                Some(id) => tx.execute(
                    "UPDATE task_areas SET name = ?2, active = ?3 WHERE id = ?1",
                    params![id, name, active],
                )?,
                None => tx.execute(
                    "INSERT INTO task_areas (name, position, active)
                     VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM task_areas), ?2)",
                    params![name, active],
                )?,
            };
            Ok(())
        })?;
        self.task_areas()
    }

    /// Writes the record of a pilot and month (a second entry for the month replaces the first).
    pub fn record_activity(
        &mut self,
        pilot_id: i64,
        e: &ActivityEntry,
        who: &str,
    ) -> Result<ActivityRecord> {
        self.get_pilot(pilot_id)?;
        let month = e.month.to_string();
        self.with_transaction(|tx| {
            tx.execute(
                "INSERT INTO activity_records (pilot_id, month, contacts, minutes, people, families, note, recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (pilot_id, month) DO UPDATE SET contacts = excluded.contacts, minutes = excluded.minutes,
                     people = excluded.people, families = excluded.families, note = excluded.note,
                     recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by",
                params![pilot_id, month, e.contacts, e.minutes, e.people, e.families, e.note, now_utc(), who],
            )?;
            let id: i64 = tx.query_row(
                "SELECT id FROM activity_records WHERE pilot_id = ?1 AND month = ?2",
                params![pilot_id, month],
                |r| r.get(0),
            )?;
            let old: HashSet<i64> = tx
                .prepare("SELECT area_id FROM activity_record_areas WHERE record_id = ?1")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let new: HashSet<i64> = e.area_ids.iter().copied().collect();
            for gone in old.difference(&new) {
                tx.execute(
                    "DELETE FROM activity_record_areas WHERE record_id = ?1 AND area_id = ?2",
                    params![id, gone],
                )?;
            }
            for added in new.difference(&old) {
                tx.execute(
                    "INSERT INTO activity_record_areas (record_id, area_id) VALUES (?1, ?2)",
                    params![id, added],
                )?;
            }
            Ok(())
        })?;
        Ok(self
            .activity_records("r.pilot_id = ?1 AND r.month = ?2", params![pilot_id, month])?
            .pop()
            .expect("just written"))
    }

    /// The records matching `condition` (SQL on `r`), by month and pilot, with their task areas
    /// (read in one query for all of them, not one per record).
    fn activity_records(
        &self,
        condition: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<ActivityRecord>> {
        let mut areas: HashMap<i64, Vec<String>> = HashMap::new();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.record_id, t.name FROM activity_record_areas a JOIN task_areas t ON t.id = a.area_id
             WHERE a.record_id IN (SELECT r.id FROM activity_records r WHERE {condition})
             ORDER BY a.record_id, t.position, t.id"
        ))?;
        let mut rows = stmt.query(values)?;
        while let Some(r) = rows.next()? {
            areas.entry(r.get(0)?).or_default().push(r.get(1)?);
        }
        drop(rows);
        let mut stmt = self.conn.prepare(&format!(
            "{SELECT_RECORDS} WHERE {condition} ORDER BY r.month, r.pilot_id"
        ))?;
        let records = stmt
            .query_map(values, record_of)?
            .map(|row| {
                row.map(|(id, mut record)| {
                    record.areas = areas.remove(&id).unwrap_or_default();
                    record
                })
            })
            .collect::<rusqlite::Result<_>>()?;
        Ok(records)
    }

    /// A pilot's records, newest month first.
    pub fn activity_of_pilot(&self, pilot_id: i64) -> Result<Vec<ActivityRecord>> {
        self.get_pilot(pilot_id)?;
        let mut records = self.activity_records("r.pilot_id = ?1", params![pilot_id])?;
        records.reverse();
        Ok(records)
    }

    /// Every record of a calendar year, by month and pilot (for the reports).
    pub fn activity_of_year(&self, year: i32) -> Result<Vec<ActivityRecord>> {
        let (first, last) = (format!("{year:04}-01"), format!("{year:04}-12"));
        self.activity_records("r.month BETWEEN ?1 AND ?2", params![first, last])
    }

    /// Every waiver of a month.
    pub fn waivers_of_month(&self, month: Month) -> Result<Vec<Waiver>> {
        Ok(self
            .conn
            .prepare(
                "SELECT pilot_id, month, reason, who, recorded_at FROM activity_waivers WHERE month = ?1 ORDER BY pilot_id",
            )?
            .query_map([month.to_string()], waiver_of)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The gate "Auszahlung nur mit Tätigkeitsnachweis" of `month`, with the setting in force in it.
    pub(crate) fn activity_gate(&self, month: Month) -> Result<activity::Gate> {
        Ok(activity::Gate {
            required: self
                .settings_on(month.first_day())?
                .allowance
                .require_activity,
            recorded: self.recorded_pilots(month)?,
            waivers: self
                .waivers_of_month(month)?
                .into_iter()
                .map(|w| (w.pilot_id, w.reason))
                .collect(),
        })
    }

    /// The pilots with a record of `month`.
    pub(crate) fn recorded_pilots(&self, month: Month) -> Result<HashSet<i64>> {
        Ok(self
            .conn
            .prepare("SELECT pilot_id FROM activity_records WHERE month = ?1")?
            .query_map([month.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Lets a pilot's line of `month` be approved without a record, with a reason (printed on the
    /// payment list). A second waiver of the same line replaces the reason. Refused once the month
    /// is approved.
    pub fn waive_activity(
        &mut self,
        pilot_id: i64,
        month: Month,
        reason: &str,
        who: &str,
    ) -> Result<Waiver> {
        self.get_pilot(pilot_id)?;
        let reason = activity::check_reason(reason)?;
        let state: Option<String> = self
            .conn
            .query_row(
                "SELECT state FROM allowance_runs WHERE month = ?1",
                [month.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(state) = state
            .map(|s| RunState::from_code(&s))
            .filter(|s| *s != RunState::Draft)
        {
            return Err(Error::Conflict(format!(
                "Der Abrechnungslauf {} ist bereits {}; ein Verzicht auf den Nachweis ist nicht mehr möglich.",
                month.label(),
                state.label()
            )));
        }
        self.with_transaction(|tx| {
            tx.execute(
                "INSERT INTO activity_waivers (pilot_id, month, reason, who, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (pilot_id, month) DO UPDATE SET reason = excluded.reason, who = excluded.who,
                     recorded_at = excluded.recorded_at",
                params![pilot_id, month.to_string(), reason, who, now_utc()],
            )?;
            Ok(())
        })?;
        Ok(self
            .waivers_of_month(month)?
            .into_iter()
            .find(|w| w.pilot_id == pilot_id)
            .expect("just written"))
    }

    /// The month grid: every pilot active on a day of `month` or with a record of it, ordered by
    /// district and name, with record and waiver.
    pub fn activity_month(&self, month: Month) -> Result<ActivityMonth> {
        let pilots = self.pilots()?;
        let timelines = self.timelines()?;
        let mut records: HashMap<i64, ActivityRecord> = self
            .activity_records("r.month = ?1", params![month.to_string()])?
            .into_iter()
            .map(|r| (r.pilot_id, r))
            .collect();
        let mut waivers: HashMap<i64, Waiver> = self
            .waivers_of_month(month)?
            .into_iter()
            .map(|w| (w.pilot_id, w))
            .collect();
        let with_record: HashSet<i64> = records.keys().copied().collect();
        let mut rows: Vec<(String, String, String, ActivityRow)> = pilots
            .iter()
            .filter(|p| {
                with_record.contains(&p.id)
                    || timelines
                        .get(&p.id)
                        .is_some_and(|t| t.active_some_day(month.first_day(), month.last_day()))
            })
            .map(|p| {
                let fold = crate::domain::register::fold;
                let district = p.district.clone().unwrap_or_default();
                (
                    district.clone(),
                    fold(&p.last_name),
                    fold(&p.first_name),
                    ActivityRow {
                        pilot_id: p.id,
                        name: format!("{}, {}", p.last_name, p.first_name),
                        district,
                        record: records.remove(&p.id),
                        waiver: waivers.remove(&p.id),
                    },
                )
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.0.is_empty(), &a.0, &a.1, &a.2, a.3.pilot_id).cmp(&(
                b.0.is_empty(),
                &b.0,
                &b.1,
                &b.2,
                b.3.pilot_id,
            ))
        });
        Ok(ActivityMonth {
            month: month.to_string(),
            label: month.label(),
            areas: self
                .task_areas()?
                .into_iter()
                .filter(|a| a.active)
                .collect(),
            rows: rows.into_iter().map(|r| r.3).collect(),
            required: self
                .settings_on(month.first_day())?
                .allowance
                .require_activity,
        })
    }

    /// Due items for active pilots without activity (see `domain::activity::inactive_items`).
    /// Everyone's timeline is asked one question as it is read (active through the window?), so
    /// no map of 10,000 timelines is built.
    pub(crate) fn inactive_items(
        &self,
        names: &[(i64, String)],
        months: u32,
        today: chrono::NaiveDate,
    ) -> Result<Vec<crate::domain::record::DueItem>> {
        let parse = |m: Option<String>| m.as_deref().and_then(Month::parse);
        let first: Option<String> =
            self.conn
                .query_row("SELECT min(month) FROM activity_records", [], |r| r.get(0))?;
        let Some(from) = activity::inactivity_from(parse(first), months, today) else {
            return Ok(Vec::new());
        };
        let mut active = HashSet::new();
        self.each_timeline(|id, t| {
            if t.active_throughout(from.first_day(), today) {
                active.insert(id);
            }
        })?;
        let last_active: HashMap<i64, Month> = self
            .conn
            .prepare("SELECT pilot_id, month FROM activity_last")?
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
            })?
            .filter_map(|row| match row {
                Ok((id, m)) => parse(m).map(|m| Ok((id, m))),
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<_>>()?;
        Ok(activity::inactive_items(
            names,
            |id| active.contains(&id),
            &last_active,
            from,
            months,
        ))
    }
}
