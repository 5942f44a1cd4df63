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
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use super::{now_utc, Store};
use crate::domain::retention::{self, SCREENING_RETENTION_MONTHS};
use crate::error::{Error, Result};

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
        let mut due: Vec<DeletionRecord> = self
            .leavers(today)?
            .1
            .iter()
            .filter(|(_, d)| d.screenings > 0)
            .filter_map(|(&id, d)| {
                let due_on = retention::screening_deletion_due(
                    &d.history,
                    today,
                    SCREENING_RETENTION_MONTHS,
                )?;
                (due_on <= today).then(|| DeletionRecord {
                    pilot_id: id,
                    name: String::new(),
                    last_day_of_service: retention::last_day_of_service(&d.history, today),
                    due_on,
                    deleted_on: today,
                    records: d.screenings,
                })
            })
            .collect();
        due.sort_by_key(|r| r.pilot_id);
        for r in &mut due {
            r.name = self.name_of(r.pilot_id)?;
        }
        Ok(due)
    }

    /// "Nachname, Vorname" of a pilot (empty if there is none).
    fn name_of(&self, pilot_id: i64) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached("SELECT last_name || ', ' || first_name FROM pilots WHERE id = ?1")?
            .query_row([pilot_id], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    }

    /// Deletes the screening data of every pilot whose deletion is due on or before `today`, in one
    /// transaction, with an audit entry per deleted record that names the deletion but not the
    /// deleted values; then the freed pages are cleaned ([`Store::clean_free_pages`]). Run at
    /// start-up, daily and whenever the command line opens the database. Returns what was deleted
    /// (empty when nothing was due).
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
                let records = erase_screenings(tx, r.pilot_id, "[]")?;
                record_erasure(
                    tx,
                    r.pilot_id,
                    &today.to_string(),
                    &r.due_on.to_string(),
                    records,
                    &now,
                )?;
                done.push(DeletionRecord { records, ..r });
            }
            tx.execute("UPDATE audit_context SET erasing = 0 WHERE id = 1", [])?;
            Ok(done)
        })?;
        self.clean_free_pages()?;
        Ok(done)
    }

    /// "eFZ-Daten jetzt löschen": deletes the pilot's screening data on `today`, before its
    /// deletion date, for a pilot not in service (the due list names them: Ruhend for long, never
    /// started, a relevant entry). Audited like the deletion by date (an `erase` entry per record,
    /// no values; earlier values blanked). Refused for a pilot who is Aktiv on `today` (the data
    /// decides whether they may serve) and when nothing is stored.
    pub fn erase_screenings_now(
        &mut self,
        pilot_id: i64,
        today: NaiveDate,
    ) -> Result<DeletionRecord> {
        let pilot = self.get_pilot(pilot_id)?;
        let name = format!("{}, {}", pilot.last_name, pilot.first_name);
        let data = self
            .lifecycle_data(Some(pilot_id))?
            .remove(&pilot_id)
            .unwrap_or_default();
        if crate::domain::lifecycle::status_on(&data.history, today)
            == Some(crate::domain::pilot::Status::Active)
        {
            return Err(Error::Conflict(format!(
                "{name} ist aktiv: die Daten zum Führungszeugnis werden für den Einsatz gebraucht. Endet die Tätigkeit, „Ruhend“ oder „Ausgeschieden“ eintragen."
            )));
        }
        if data.screenings.is_empty() {
            return Err(Error::Conflict(format!(
                "Zu {name} sind keine Daten zum Führungszeugnis gespeichert."
            )));
        }
        let now = now_utc();
        let records = self.with_transaction(|tx| {
            tx.execute("UPDATE audit_context SET erasing = 1 WHERE id = 1", [])?;
            let records = erase_screenings(tx, pilot_id, "[]")?;
            let day = today.to_string();
            record_erasure(tx, pilot_id, &day, &day, records, &now)?;
            tx.execute("UPDATE audit_context SET erasing = 0 WHERE id = 1", [])?;
            Ok(records)
        })?;
        self.clean_free_pages()?;
        Ok(DeletionRecord {
            pilot_id,
            name,
            last_day_of_service: retention::last_day_of_service(&data.history, today),
            due_on: today,
            deleted_on: today,
            records,
        })
    }

    /// Pilots who left whose register data is due for anonymisation on or before `until` and not
    /// yet anonymised, with the day it is due (the due list announces them 4 weeks ahead).
    pub fn anonymisations_due(&self, until: NaiveDate) -> Result<Vec<AnonymisationRecord>> {
        let years = self.settings_on(until)?.data.anonymise_after_years;
        let done: std::collections::HashSet<i64> = self
            .conn
            .prepare("SELECT pilot_id FROM pilot_anonymisations")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut due: Vec<AnonymisationRecord> = self
            .leavers(until)?
            .1
            .iter()
            .filter(|(id, _)| !done.contains(id))
            .filter_map(|(&id, d)| {
                let due_on = retention::anonymisation_due(&d.history, until, years)?;
                (due_on <= until).then(|| AnonymisationRecord {
                    pilot_id: id,
                    name: String::new(),
                    due_on,
                })
            })
            .collect();
        due.sort_by_key(|r| (r.due_on, r.pilot_id));
        for r in &mut due {
            r.name = self.name_of(r.pilot_id)?;
        }
        Ok(due)
    }

    /// Anonymises the register data of every pilot whose anonymisation is due on or before
    /// `today` (see [`anonymise_pilot`]), one transaction per run, then cleans the freed pages.
    pub fn anonymise_due_pilots(&mut self, today: NaiveDate) -> Result<Vec<AnonymisationRecord>> {
        let due = self.anonymisations_due(today)?;
        if due.is_empty() {
            return Ok(due);
        }
        let now = now_utc();
        self.with_transaction(|tx| {
            for r in &due {
                anonymise_pilot(
                    tx,
                    r.pilot_id,
                    &today.to_string(),
                    &r.due_on.to_string(),
                    &now,
                )?;
            }
            Ok(())
        })?;
        self.clean_free_pages()?;
        Ok(due)
    }

    /// The day the pilot's register data was anonymised, if it was.
    pub fn anonymised_on(&self, pilot_id: i64) -> Result<Option<NaiveDate>> {
        let day: Option<String> = self
            .conn
            .query_row(
                "SELECT anonymised_on FROM pilot_anonymisations WHERE pilot_id = ?1",
                [pilot_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(day.as_deref().and_then(crate::domain::pilot::parse_date))
    }

    /// After an erasure: the database is rewritten without free pages (`VACUUM`; with
    /// `secure_delete` on, the deleted cells were already overwritten) and the WAL is written back
    /// and emptied, so no copy of a deleted value stays in the database file or its WAL.
    pub fn clean_free_pages(&self) -> Result<()> {
        self.conn.execute_batch("VACUUM")?;
        self.checkpoint()
    }

    /// Writes the WAL back into the database file and truncates it (daily, and after an erasure).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// What this database has erased, to be applied to copies of it (backups): per pilot whose eFZ
    /// data was deleted, the screening records it holds now (recorded after the deletion; a copy
    /// keeps those).
    pub fn erased(&self) -> Result<Erased> {
        let mut pilots: Vec<ErasedPilot> = self
            .conn
            .prepare(
                "SELECT pilot_id, erased_on, due_on FROM screening_erasures ORDER BY pilot_id",
            )?
            .query_map([], |r| {
                Ok(ErasedPilot {
                    pilot_id: r.get(0)?,
                    erased_on: r.get(1)?,
                    due_on: r.get(2)?,
                    keep: String::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for p in &mut pilots {
            p.keep = self.conn.query_row(
                "SELECT json_group_array(id) FROM screenings WHERE pilot_id = ?1",
                [p.pilot_id],
                |r| r.get(0),
            )?;
        }
        let anonymised = self
            .conn
            .prepare("SELECT pilot_id, anonymised_on, due_on FROM pilot_anonymisations ORDER BY pilot_id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Erased { pilots, anonymised })
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

/// A pilot whose register data is (or was) anonymised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnonymisationRecord {
    pub pilot_id: i64,
    /// "Nachname, Vorname" before the anonymisation.
    pub name: String,
    pub due_on: NaiveDate,
}

/// What an anonymised pilot's name fields say (statements print it).
pub const ANONYMISED: &str = "anonymisiert";

/// The register fields cleared, in the pilot's row and in JSON copies of it in the change log.
const CLEARED: &[&str] = &[
    "first_name",
    "last_name",
    "birth_date",
    "street",
    "postcode",
    "town",
    "phone",
    "email",
    "account_holder",
    "iban",
    "bic",
    "notes",
    "name",
];

/// Anonymises one pilot inside the caller's transaction: names become "anonymisiert", address,
/// contact, birth date, bank details and notes are cleared, in the register, in the lines of
/// every run (amounts, numbers and months stay) and in reserved numbers; the change log's copies
/// of those values are blanked (marked redacted) — the only change the append-only log accepts
/// besides the eFZ deletion, and only while `audit_context.anonymising` names this pilot. One
/// `erase` entry on the pilot, without values, says it happened ("Stammdaten anonymisiert …").
fn anonymise_pilot(
    tx: &Connection,
    pilot_id: i64,
    on: &str,
    due_on: &str,
    now: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE audit_context SET anonymising = ?1 WHERE id = 1",
        [pilot_id],
    )?;
    tx.execute(
        "UPDATE pilots SET first_name = ?2, last_name = ?2, birth_date = NULL, street = '',
                postcode = '', town = '', phone = '', email = '', account_holder = '', iban = '',
                bic = '', notes = ''
         WHERE id = ?1",
        params![pilot_id, ANONYMISED],
    )?;
    tx.execute(
        "UPDATE run_lines SET first_name = ?2, last_name = ?2, iban = '', account_holder = '', bic = ''
         WHERE pilot_id = ?1",
        params![pilot_id, ANONYMISED],
    )?;
    tx.execute(
        "UPDATE reserved_numbers SET name = ?2 WHERE pilot_id = ?1",
        params![pilot_id, ANONYMISED],
    )?;
    // Field changes of those columns: both values go. Whole rows (JSON): those keys are replaced.
    let fields = serde_json::to_string(CLEARED).expect("names serialise");
    tx.execute(
        "UPDATE audit_log SET old_value = NULL, new_value = NULL, redacted = 1
         WHERE pilot_id = ?1 AND field IN (SELECT value FROM json_each(?2))
           AND (old_value IS NOT NULL OR new_value IS NOT NULL)",
        params![pilot_id, fields],
    )?;
    let replace = |col: &str| {
        let pairs: Vec<String> = CLEARED
            .iter()
            .map(|k| format!("'$.{k}', {}", if k.ends_with("name") { "?2" } else { "''" }))
            .collect();
        format!(
            "CASE WHEN json_valid({col}) AND json_type({col}) = 'object'
                  THEN json_replace({col}, {}) ELSE {col} END",
            pairs.join(", ")
        )
    };
    tx.execute(
        &format!(
            "UPDATE audit_log SET old_value = {}, new_value = {}, redacted = 1
             WHERE pilot_id = ?1 AND field IS NULL
               AND entity IN ('pilots', 'run_lines', 'reserved_numbers')
               AND (old_value IS NOT NULL OR new_value IS NOT NULL)",
            replace("old_value"),
            replace("new_value")
        ),
        params![pilot_id, ANONYMISED],
    )?;
    tx.execute(
        "INSERT INTO audit_log (at, who, tx, entity, entity_id, pilot_id, action, note)
         SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), coalesce(c.who, ''), coalesce(c.tx, 0),
                'pilots', ?1, ?1, 'erase', ?2
         FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1",
        params![
            pilot_id,
            "Stammdaten anonymisiert (Aufbewahrungsfrist abgelaufen; Abrechnungen bleiben)"
        ],
    )?;
    tx.execute(
        "INSERT INTO pilot_anonymisations (pilot_id, anonymised_on, due_on, recorded_at)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (pilot_id) DO NOTHING",
        params![pilot_id, on, due_on, now],
    )?;
    tx.execute("UPDATE audit_context SET anonymising = 0 WHERE id = 1", [])?;
    Ok(())
}

/// What a database has erased (see [`Store::erased`]); applied to a copy by [`apply_erasure`].
#[derive(Debug, Clone, Default)]
pub struct Erased {
    pilots: Vec<ErasedPilot>,
    /// Pilots whose register data was anonymised: (id, anonymised on, due on).
    anonymised: Vec<(i64, String, String)>,
}

#[derive(Debug, Clone)]
struct ErasedPilot {
    pilot_id: i64,
    erased_on: String,
    due_on: String,
    /// JSON array of the screening ids the database still holds for the pilot.
    keep: String,
}

impl Erased {
    pub fn is_empty(&self) -> bool {
        self.pilots.is_empty() && self.anonymised.is_empty()
    }
}

/// Deletes the pilot's screening records except those in `keep` (a JSON array of ids) and blanks the
/// values of the audit entries about the deleted ones (marked redacted). Runs inside a transaction
/// with `audit_context.erasing = 1`, so the delete trigger logs `erase` without values and the
/// append-only log accepts the blanking. Returns the records deleted.
fn erase_screenings(tx: &Connection, pilot_id: i64, keep: &str) -> Result<usize> {
    tx.execute(
        "UPDATE audit_log SET old_value = NULL, new_value = NULL, redacted = 1
         WHERE entity = 'screenings' AND pilot_id = ?1 AND redacted = 0
           AND (old_value IS NOT NULL OR new_value IS NOT NULL)
           AND CAST(entity_id AS INTEGER) NOT IN (SELECT value FROM json_each(?2))",
        params![pilot_id, keep],
    )?;
    Ok(tx.execute(
        "DELETE FROM screenings WHERE pilot_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))",
        params![pilot_id, keep],
    )?)
}

fn record_erasure(
    tx: &Connection,
    pilot_id: i64,
    erased_on: &str,
    due_on: &str,
    records: usize,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO screening_erasures (pilot_id, erased_on, due_on, records, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (pilot_id) DO UPDATE SET erased_on = excluded.erased_on,
            due_on = excluded.due_on, records = records + excluded.records,
            recorded_at = excluded.recorded_at",
        params![pilot_id, erased_on, due_on, records as i64, now],
    )?;
    Ok(())
}

/// The pilots (id, "Nachname, Vorname") whose erased data the database `conn` still holds:
/// screening records or unblanked audit values about records the erasing database deleted.
pub(crate) fn erased_data_held(conn: &Connection, erased: &Erased) -> Result<Vec<(i64, String)>> {
    let mut held = Vec::new();
    for p in &erased.pilots {
        let found: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM screenings
                            WHERE pilot_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2)))
                 OR EXISTS (SELECT 1 FROM audit_log
                            WHERE entity = 'screenings' AND pilot_id = ?1 AND redacted = 0
                              AND (old_value IS NOT NULL OR new_value IS NOT NULL)
                              AND CAST(entity_id AS INTEGER) NOT IN (SELECT value FROM json_each(?2)))",
            params![p.pilot_id, p.keep],
            |r| r.get(0),
        )?;
        if found {
            let name: Option<String> = conn
                .query_row(
                    "SELECT last_name || ', ' || first_name FROM pilots WHERE id = ?1",
                    [p.pilot_id],
                    |r| r.get(0),
                )
                .optional()?;
            held.push((
                p.pilot_id,
                name.unwrap_or_else(|| format!("Nr. {}", p.pilot_id)),
            ));
        }
    }
    for (id, _, _) in &erased.anonymised {
        let name: Option<String> = conn
            .query_row(
                "SELECT last_name || ', ' || first_name FROM pilots WHERE id = ?1 AND last_name <> ?2",
                params![id, ANONYMISED],
                |r| r.get(0),
            )
            .optional()?;
        let copies: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM audit_log WHERE pilot_id = ?1 AND redacted = 0
                 AND entity IN ('pilots', 'run_lines', 'reserved_numbers')
                 AND (old_value IS NOT NULL OR new_value IS NOT NULL))",
            [id],
            |r| r.get(0),
        )?;
        if (name.is_some() || copies) && !held.iter().any(|(h, _)| h == id) {
            held.push((*id, name.unwrap_or_else(|| format!("Nr. {id}"))));
        }
    }
    Ok(held)
}

/// Opens the database file at `path` (a backup) for the erasure: secure delete on, like the app's.
fn open_copy(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(conn)
}

/// The pilots whose erased data the file at `path` still holds (read only).
pub fn erased_data_in(path: &Path, erased: &Erased) -> Result<Vec<(i64, String)>> {
    if erased.is_empty() {
        return Ok(Vec::new());
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    erased_data_held(&conn, erased)
}

/// Applies the erasure of a database to a copy of it (a backup file, in rollback-journal mode): the
/// same deletion and blanking, audited the same way, recorded in `screening_erasures`, then the
/// file is rewritten without free pages. Returns the pilots erased in the file (none: the file
/// was not written).
pub fn apply_erasure(path: &Path, erased: &Erased) -> Result<usize> {
    if erased.is_empty() {
        return Ok(0);
    }
    let mut conn = open_copy(path)?;
    let held = erased_data_held(&conn, erased)?;
    if held.is_empty() {
        return Ok(0);
    }
    let now = now_utc();
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE audit_context SET who = 'Lotsenbüro', tx = tx + 1, erasing = 1 WHERE id = 1",
        [],
    )?;
    for (id, _) in &held {
        if let Some(p) = erased.pilots.iter().find(|p| p.pilot_id == *id) {
            let records = erase_screenings(&tx, p.pilot_id, &p.keep)?;
            record_erasure(&tx, p.pilot_id, &p.erased_on, &p.due_on, records, &now)?;
        }
        if let Some((_, on, due)) = erased.anonymised.iter().find(|(a, _, _)| a == id) {
            anonymise_pilot(&tx, *id, on, due, &now)?;
        }
    }
    tx.execute(
        "UPDATE audit_context SET who = '', erasing = 0 WHERE id = 1",
        [],
    )?;
    tx.commit()?;
    conn.execute_batch("VACUUM")?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(held.len())
}

/// Applies the erasure to every backup file in the backup folder `dir` (see [`apply_erasure`]).
/// Every file is tried; a file that cannot be changed is named in the error. Returns the files
/// changed.
pub fn apply_erasure_to_backups(dir: &Path, erased: &Erased) -> Result<Vec<PathBuf>> {
    if erased.is_empty() {
        return Ok(Vec::new());
    }
    let mut changed = Vec::new();
    let mut failed = Vec::new();
    for b in super::list_backups(dir)? {
        match apply_erasure(&b.path, erased) {
            Ok(0) => {}
            Ok(_) => changed.push(b.path),
            Err(e) => failed.push(format!("„{}“ ({e})", b.file_name)),
        }
    }
    if !failed.is_empty() {
        return Err(Error::Storage(format!(
            "In diesen Sicherungen konnten gelöschte Daten nicht gelöscht werden: {}",
            failed.join(", ")
        )));
    }
    Ok(changed)
}
