//! The activity record (Tätigkeitsnachweis): record a pilot's month, the month grid, the waiver of
//! the gate "Auszahlung nur mit Tätigkeitsnachweis", the task areas.

use serde::Deserialize;

use crate::db::ActivityMonth;
use crate::domain::activity::{self, ActivityInput, ActivityRecord, TaskArea, Waiver};
use crate::error::Result;

use super::{parse, Session};

/// A waiver as typed: pilot, month, reason.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct WaiverInput {
    pub pilot_id: i64,
    pub month: String,
    pub reason: String,
}

/// A task area as edited in Einstellungen; `id` `None` adds one.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct TaskAreaInput {
    pub id: Option<i64>,
    pub name: String,
    pub active: bool,
}

impl Session {
    /// Records (or replaces) a pilot's activity of a month, as typed.
    pub fn record_activity(&mut self, input: &ActivityInput) -> Result<ActivityRecord> {
        let areas = self.store().task_areas()?;
        let entry = activity::check(input, &areas, self.today())?;
        let who = self.actor();
        self.store_mut()
            .record_activity(input.pilot_id, &entry, &who)
    }

    /// The month grid of `month` (as typed, "2026-11").
    pub fn activity_month(&self, month: &str) -> Result<ActivityMonth> {
        let m = parse::month("month", month)?;
        self.store().activity_month(m)
    }

    /// A pilot's records, newest first (tab "Einsätze").
    pub fn pilot_activity(&self, pilot_id: i64) -> Result<Vec<ActivityRecord>> {
        self.store().activity_of_pilot(pilot_id)
    }

    /// "Ohne Nachweis freigeben": the pilot's line of the month may be approved without a record.
    pub fn waive_activity(&mut self, input: &WaiverInput) -> Result<Waiver> {
        let m = parse::month("month", &input.month)?;
        let who = self.actor();
        self.store_mut()
            .waive_activity(input.pilot_id, m, &input.reason, &who)
    }

    pub fn task_areas(&self) -> Result<Vec<TaskArea>> {
        self.store().task_areas()
    }

    /// Adds, renames, retires or brings back a task area; returns the list.
    pub fn save_task_area(&mut self, input: &TaskAreaInput) -> Result<Vec<TaskArea>> {
        self.store_mut()
            .save_task_area(input.id, &input.name, input.active)
    }
}
