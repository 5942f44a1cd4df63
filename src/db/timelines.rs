//! Each pilot's timeline (`domain::timeline`) kept in the `timelines` table (migration 012). The
//! table is a cache of the facts: its triggers delete a pilot's row whenever a fact it was built
//! from changes (all rows when the eFZ or refresher periods change), and [`Store::timelines`]
//! builds the missing rows before it reads. So no writer has to remember it, and a row is never
//! older than the facts: building reads the facts and writes the rows in one transaction, which
//! SQLite refuses to commit if another program wrote in between (the rows are then used but not
//! kept).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::params;

use super::Store;
use crate::domain::periods::LifecycleSettings;
use crate::domain::pilot::Status;
use crate::domain::record::{self, DueItem, DUE_KINDS};
use crate::domain::screening::ScreeningState;
use crate::domain::settings;
use crate::domain::timeline::{DayState, Period, SettingsHistory, Timeline};
use crate::error::{Error, Result};

/// Every pilot's timeline by id.
pub type Timelines = HashMap<i64, Timeline>;

/// Above this many missing rows every pilot's facts are read at once instead of by id.
const READ_ALL_FROM: usize = 500;

/// Bytes per period: day number (i32), status, screening state, refresher flag, district id (i64).
const PERIOD_BYTES: usize = 15;

fn index_of<T: PartialEq>(all: &[T], x: &T) -> u8 {
    all.iter().position(|y| y == x).expect("listed") as u8
}

fn encode(t: &Timeline) -> Vec<u8> {
    let mut out = Vec::with_capacity(t.periods.len() * PERIOD_BYTES);
    for p in &t.periods {
        out.extend_from_slice(&p.from.num_days_from_ce().to_le_bytes());
        out.push(p.state.status.map_or(0, |s| index_of(&Status::ALL, &s) + 1));
        out.push(index_of(&ScreeningState::ALL, &p.state.screening));
        out.push(u8::from(p.state.refresher_overdue));
        out.extend_from_slice(&p.state.district.unwrap_or(0).to_le_bytes());
    }
    out
}

#[cfg(test)]
fn decode(bytes: &[u8]) -> Option<Timeline> {
    let mut t = Timeline::default();
    decode_into(bytes, &mut t).then_some(t)
}

/// [`decode`] into `t`, whose periods are replaced (one buffer for many rows); false if the
/// bytes cannot be read.
fn decode_into(bytes: &[u8], t: &mut Timeline) -> bool {
    t.periods.clear();
    if !bytes.len().is_multiple_of(PERIOD_BYTES) {
        return false;
    }
    t.periods.reserve(bytes.len() / PERIOD_BYTES);
    let period = |b: &[u8]| {
        let day = i32::from_le_bytes(b[0..4].try_into().ok()?);
        let district = i64::from_le_bytes(b[7..15].try_into().ok()?);
        Some(Period {
            from: NaiveDate::from_num_days_from_ce_opt(day)?,
            state: DayState {
                status: match b[4] {
                    0 => None,
                    n => Some(*Status::ALL.get(usize::from(n) - 1)?),
                },
                screening: *ScreeningState::ALL.get(usize::from(b[5]))?,
                refresher_overdue: b[6] != 0,
                district: (district != 0).then_some(district),
            },
        })
    };
    for b in bytes.chunks_exact(PERIOD_BYTES) {
        match period(b) {
            Some(p) => t.periods.push(p),
            None => return false,
        }
    }
    true
}

/// A pilot's kept due items; `None` if they cannot be read (they are then built again).
fn decode_due(pilot_id: i64, json: &str) -> Option<Vec<DueItem>> {
    let rows: Vec<(String, String, String, NaiveDate)> = serde_json::from_str(json).ok()?;
    rows.into_iter()
        .map(|(kind, name, label, date)| {
            Some(DueItem {
                pilot_id,
                kind: DUE_KINDS.iter().find(|k| **k == kind)?,
                name,
                label,
                date,
            })
        })
        .collect()
}

impl Store {
    /// Every pilot's timeline, the missing ones built first.
    pub fn timelines(&self) -> Result<Timelines> {
        let mut out = Timelines::new();
        self.each_timeline(|id, t| {
            out.insert(id, std::mem::take(t));
        })?;
        Ok(out)
    }

    /// Hands every pilot's timeline to `each` as it is read, the missing ones built first. The
    /// timelines are read into one buffer (take it to keep it): asking one thing of everyone's
    /// (eligibility on a day) then builds no map of 10,000 timelines.
    pub(crate) fn each_timeline(&self, mut each: impl FnMut(i64, &mut Timeline)) -> Result<()> {
        let mut seen = Vec::new();
        let mut t = Timeline::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT pilot_id, periods FROM timelines")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let bytes = r.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
            if !decode_into(bytes, &mut t) {
                return Err(Error::Storage(format!(
                    "Zeitleiste von Lotse Nr. {id} ist unlesbar."
                )));
            }
            each(id, &mut t);
            seen.push(id);
        }
        drop(rows);
        // Read in rowid (= pilot id) order, so this sort finds them sorted.
        seen.sort_unstable();
        let missing = self.pilots_without(|id| seen.binary_search(&id).is_ok())?;
        for (id, mut t) in self.build_missing_timelines(&missing)? {
            each(id, &mut t);
        }
        Ok(())
    }

    /// The ids of the pilots for whom `kept` is false (read from a narrow index, not the rows).
    fn pilots_without(&self, kept: impl Fn(i64) -> bool) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM pilots")?;
        let mut rows = stmt.query([])?;
        let mut missing = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if !kept(id) {
                missing.push(id);
            }
        }
        Ok(missing)
    }

    /// Every pilot's entries of the due list on `today` ([`record::due_items`]), the ones not yet
    /// kept for that day built first (and kept, like the timelines).
    pub(crate) fn pilot_due_items(
        &self,
        today: NaiveDate,
        settings: &LifecycleSettings,
    ) -> Result<Vec<DueItem>> {
        let day = today.to_string();
        let mut items = Vec::new();
        let mut missing = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT pilot_id, due_on = ?1, due FROM timelines")?;
        let mut rows = stmt.query([&day])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            seen.insert(id);
            let kept = r.get::<_, Option<bool>>(1)? == Some(true);
            match kept
                .then(|| r.get::<_, Option<String>>(2).ok().flatten())
                .flatten()
                .and_then(|json| decode_due(id, &json))
            {
                Some(list) => items.extend(list),
                None => missing.push(id),
            }
        }
        drop(rows);
        // Pilots without a timeline get one first, so their due items can be kept beside it.
        let without = self.pilots_without(|id| seen.contains(&id))?;
        self.build_missing_timelines(&without)?;
        missing.extend(without);
        if missing.is_empty() {
            return Ok(items);
        }
        items.extend(self.build_and_keep(
            || self.build_due_items(&missing, today, settings),
            |built| self.store_due_items(&missing, &day, built),
        )?);
        Ok(items)
    }

    fn build_due_items(
        &self,
        ids: &[i64],
        today: NaiveDate,
        settings: &LifecycleSettings,
    ) -> Result<Vec<DueItem>> {
        let wanted: std::collections::HashSet<i64> = ids.iter().copied().collect();
        let (pilots, data) = if ids.len() >= READ_ALL_FROM {
            let mut pilots = self.all_pilots()?;
            pilots.retain(|p| wanted.contains(&p.id));
            (pilots, self.lifecycle_data(None)?)
        } else {
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            let filter = format!("IN ({})", list.join(","));
            (self.pilots_where(&filter)?, self.lifecycle_facts(&filter)?)
        };
        Ok(record::due_items(&pilots, &data, today, settings))
    }

    fn store_due_items(&self, ids: &[i64], day: &str, items: &[DueItem]) -> Result<()> {
        let mut by_pilot: HashMap<i64, Vec<&DueItem>> =
            ids.iter().map(|id| (*id, Vec::new())).collect();
        for i in items {
            by_pilot.entry(i.pilot_id).or_default().push(i);
        }
        let mut stmt = self
            .conn
            .prepare_cached("UPDATE timelines SET due_on = ?2, due = ?3 WHERE pilot_id = ?1")?;
        for (id, list) in by_pilot {
            let rows: Vec<(&str, &str, &str, NaiveDate)> = list
                .iter()
                .map(|i| (i.kind, i.name.as_str(), i.label.as_str(), i.date))
                .collect();
            let json = serde_json::to_string(&rows).expect("due items serialise");
            stmt.execute(params![id, day, json])?;
        }
        Ok(())
    }

    /// Builds the missing timelines now (after loading many pilots), so the next screen need not.
    pub fn prepare_timelines(&self) -> Result<()> {
        self.timelines().map(|_| ())
    }

    /// The lifecycle settings of every day: the stored ones and each dated change from its day.
    pub fn settings_history(&self) -> Result<SettingsHistory> {
        let (base, dated) = (self.settings()?, self.dated_values()?);
        Ok(SettingsHistory::from_changes(
            dated.iter().map(|d| d.valid_from),
            |day| settings::in_force(&base, &dated, day).lifecycle,
        ))
    }

    /// Builds the timelines of `missing` and stores them; they are returned also when they could
    /// not be stored (another program wrote meanwhile, or the file is read-only).
    fn build_missing_timelines(&self, missing: &[i64]) -> Result<Timelines> {
        if missing.is_empty() {
            return Ok(Timelines::new());
        }
        self.build_and_keep(
            || self.build_timelines(missing),
            |built| self.store_timelines(built),
        )
    }

    /// Builds a cache's rows from the facts and keeps them, in one snapshot (a savepoint works
    /// inside a caller's transaction too). Rows that cannot be kept are rolled back and still
    /// returned: the next read builds them again.
    fn build_and_keep<T>(
        &self,
        build: impl FnOnce() -> Result<T>,
        keep: impl FnOnce(&T) -> Result<()>,
    ) -> Result<T> {
        self.conn.execute_batch("SAVEPOINT cache")?;
        let built = build();
        let kept = built
            .as_ref()
            .map_err(|_| ())
            .and_then(|b| keep(b).map_err(|_| ()));
        if kept.is_ok() {
            self.conn.execute_batch("RELEASE cache")?;
        } else {
            self.conn
                .execute_batch("ROLLBACK TO cache; RELEASE cache")?;
        }
        built
    }

    fn build_timelines(&self, ids: &[i64]) -> Result<Timelines> {
        let settings = self.settings_history()?;
        let districts: HashMap<String, i64> = self
            .reference_data()?
            .districts
            .into_iter()
            .map(|d| (d.name, d.id))
            .collect();
        let mut current: HashMap<i64, Option<String>> = HashMap::with_capacity(ids.len());
        let mut stmt = self.conn.prepare(
            "SELECT p.id, d.name FROM pilots p LEFT JOIN districts d ON d.id = p.district_id",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))? {
            let (id, name) = row?;
            current.insert(id, name);
        }
        let mut facts = if ids.len() >= READ_ALL_FROM {
            self.lifecycle_data(None)?
        } else {
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            self.lifecycle_facts(&format!("IN ({})", list.join(",")))?
        };
        Ok(ids
            .iter()
            .map(|id| {
                let data = facts.remove(id).unwrap_or_default();
                let district = current.get(id).cloned().flatten();
                let t = Timeline::build(
                    &data,
                    district.as_deref(),
                    |n| districts.get(n).copied(),
                    &settings,
                );
                (*id, t)
            })
            .collect())
    }

    fn store_timelines(&self, built: &Timelines) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR REPLACE INTO timelines (pilot_id, periods) VALUES (?1, ?2)",
        )?;
        for (id, t) in built {
            stmt.execute(params![id, encode(t)])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timeline_comes_back_as_it_was_stored() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let t = Timeline {
            periods: vec![
                Period {
                    from: crate::domain::timeline::FLOOR,
                    state: DayState::default(),
                },
                Period {
                    from: d(2026, 3, 1),
                    state: DayState {
                        status: Some(Status::Active),
                        screening: ScreeningState::Expiring,
                        district: Some(3),
                        refresher_overdue: true,
                    },
                },
            ],
        };
        assert_eq!(decode(&encode(&t)), Some(t));
        assert_eq!(decode(&[1, 2, 3]), None);
    }
}
