//! Backups (docs/DOMAIN.md#backup): SQLite's online backup into a single file while the app may be
//! writing, the check of a backup file, restore, and the automatic daily backup with rotation.
//!
//! A backup file is a complete SQLite database in rollback-journal mode (no -wal/-shm beside it),
//! so it can be copied to a USB stick as it is. Every file this module writes is first written
//! beside its target as `….part`, checked, flushed to disk and then renamed: a file with the
//! final name is always complete.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::{Store, SCHEMA_VERSION};
use crate::error::{Error, Result};

/// How many daily backups are kept by default (a setting later).
pub const DEFAULT_KEEP: usize = 14;
/// Daily backups are named `lotsenbuero-YYYY-MM-DD.sqlite3`.
const DAILY_PREFIX: &str = "lotsenbuero-";
/// The database saved before a restore: `lotsenbuero-vor-wiederherstellung-YYYY-MM-DD-HHMMSS.sqlite3`.
const BEFORE_RESTORE_PREFIX: &str = "lotsenbuero-vor-wiederherstellung-";
const EXTENSION: &str = "sqlite3";
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What a checked backup file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// `PRAGMA user_version`; older than [`SCHEMA_VERSION`] is migrated on restore.
    pub schema_version: i64,
    pub pilot_count: i64,
    /// Bytes.
    pub file_size: u64,
    /// Last modified, UTC (when the file system knows it).
    pub modified: Option<DateTime<Utc>>,
}

/// Which kind of backup a file in the backup folder is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// `lotsenbuero-YYYY-MM-DD.sqlite3`, written at the first start of a day; rotated.
    Daily,
    /// The database as it was before a restore; never deleted automatically.
    BeforeRestore,
    /// Any other `.sqlite3` file (a backup made by hand); never deleted automatically.
    Manual,
}

/// One file in the backup folder, newest first in [`list_backups`]. Not opened: use
/// [`check_backup_file`] before offering a restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct BackupEntry {
    pub path: PathBuf,
    pub file_name: String,
    pub kind: BackupKind,
    /// The day in the name (daily backups and those before a restore).
    pub date: Option<NaiveDate>,
    pub file_size: u64,
    pub modified: Option<DateTime<Utc>>,
}

/// The result of [`Store::restore_from`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RestoreOutcome {
    /// The restored file as checked (schema version before migration).
    pub restored: BackupInfo,
    /// Where the database as it was before the restore was saved.
    pub previous_saved_as: PathBuf,
}

/// A refusal about the chosen file: shown at the file field, nothing was changed.
fn refuse(message: String) -> Error {
    Error::field("file", message)
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::file(what, path, e)
}

/// `name.part` beside `path`, unique per process so two programs never share one.
fn part_file(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.part", std::process::id()));
    path.with_file_name(name)
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(io_error("Datei kann nicht gelöscht werden", path, e))
        }
        _ => Ok(()),
    }
}

fn sync_file(path: &Path) -> Result<()> {
    // Opened for writing: Windows flushes only through a handle with write access.
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| io_error("Datei kann nicht gespeichert werden", path, e))
}

/// Makes a rename in `dir` durable (Unix; Windows has no directory handles for this).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Whether two paths name the same existing file.
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn modified_of(meta: &std::fs::Metadata) -> Option<DateTime<Utc>> {
    meta.modified().ok().map(DateTime::<Utc>::from)
}

/// Copies the main database of `from` into the file at `to` (created or overwritten) with SQLite's
/// online backup, in one step: one read transaction, so the copy is one consistent state even while
/// another connection writes (in WAL mode the writer is not blocked). The copy is switched to
/// rollback-journal mode and must pass `integrity_check`.
fn copy_database(from: &Connection, to: &Path) -> Result<()> {
    let mut dest = Connection::open(to).map_err(|e| {
        Error::Storage(format!(
            "Sicherungsdatei „{}“ kann nicht angelegt werden: {e}",
            to.display()
        ))
    })?;
    {
        let backup = Backup::new(from, &mut dest)?;
        let mut waits = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                // Busy: the source is locked for a moment (e.g. WAL recovery); try again.
                _ if waits < 200 => {
                    waits += 1;
                    std::thread::sleep(Duration::from_millis(25));
                }
                _ => {
                    return Err(Error::Storage(
                        "Die Datenbank ist gerade gesperrt; die Sicherung konnte nicht erstellt werden. Bitte erneut versuchen.".into(),
                    ))
                }
            }
        }
    }
    let mode: String = dest.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(Error::Storage(format!(
            "Die Sicherung konnte nicht abgeschlossen werden (Journalmodus {mode})."
        )));
    }
    let problems = integrity_check(&dest)?;
    if !problems.is_empty() {
        return Err(Error::Storage(format!(
            "Die geschriebene Sicherung ist fehlerhaft: {}",
            problems.join("; ")
        )));
    }
    dest.close()
        .map_err(|(_, e)| Error::Storage(format!("Sicherung kann nicht geschlossen werden: {e}")))
}

/// `PRAGMA integrity_check` (everything but "ok") and `foreign_key_check`, as German lines.
pub(super) fn integrity_check(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|s| s != "ok")
        .collect();
    let fk: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| {
            Ok(format!(
                "Fremdschlüssel verletzt: Tabelle {} Zeile {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or_default()
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    problems.extend(fk);
    Ok(problems)
}

/// Writes `from` into `path` through a `.part` file: checked, flushed, renamed.
fn write_backup(from: &Connection, path: &Path, live_db: &Path) -> Result<()> {
    if same_file(path, live_db) {
        return Err(refuse(
            "Die Sicherung kann nicht über die geöffnete Datenbank geschrieben werden. Bitte einen anderen Dateinamen wählen.".into(),
        ));
    }
    let dir = parent_of(path);
    std::fs::create_dir_all(dir)
        .map_err(|e| io_error("Sicherungsordner kann nicht angelegt werden", dir, e))?;
    let part = part_file(path);
    remove_if_exists(&part)?;
    let written = copy_database(from, &part)
        .and_then(|()| sync_file(&part))
        .and_then(|()| crate::documents::replace_file(&part, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    written?;
    sync_dir(dir);
    Ok(())
}

/// Checks a file before it is offered or used for a restore, without changing it (opened
/// read-only). Refused, with a German message at the field `file`: a missing, empty or non-SQLite
/// file, a truncated file, a file that fails `integrity_check` or `foreign_key_check`, a file that
/// is not a Lotsenbüro database (no pilot register), and a file written by a newer version.
pub fn check_backup_file(path: &Path) -> Result<BackupInfo> {
    let name = name_of(path);
    let meta = match std::fs::metadata(path) {
        Ok(m) if m.is_file() => m,
        Ok(_) => return Err(refuse(format!("„{name}“ ist keine Datei."))),
        Err(_) => return Err(refuse(format!("Die Datei „{name}“ gibt es nicht."))),
    };
    let len = meta.len();
    if len == 0 {
        return Err(refuse(format!("Die Datei „{name}“ ist leer.")));
    }
    let mut header = [0u8; 100];
    let got = {
        use std::io::Read;
        let mut f = File::open(path)
            .map_err(|e| refuse(format!("Die Datei „{name}“ kann nicht gelesen werden: {e}")))?;
        let mut got = 0;
        while got < header.len() {
            match f.read(&mut header[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) => {
                    return Err(refuse(format!(
                        "Die Datei „{name}“ kann nicht gelesen werden: {e}"
                    )))
                }
            }
        }
        got
    };
    let magic_len = got.min(SQLITE_MAGIC.len());
    if header[..magic_len] != SQLITE_MAGIC[..magic_len] {
        return Err(refuse(format!(
            "Die Datei „{name}“ ist keine Lotsenbüro-Sicherung (keine SQLite-Datenbank)."
        )));
    }
    let truncated = || {
        refuse(format!(
            "Die Datei „{name}“ ist unvollständig (abgeschnitten) und kann nicht wiederhergestellt werden."
        ))
    };
    if got < header.len() {
        return Err(truncated());
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536u64,
        n => u64::from(n),
    };
    if page_size < 512 || !page_size.is_power_of_two() {
        return Err(refuse(format!(
            "Die Datei „{name}“ ist beschädigt (ungültiger Dateikopf)."
        )));
    }
    // The page count in the header is valid when the change counter matches "version valid for".
    let pages = u64::from(u32::from_be_bytes(
        header[28..32].try_into().expect("4 bytes"),
    ));
    let header_valid = header[24..28] == header[92..96] && pages > 0;
    if len % page_size != 0 || (header_valid && len < pages * page_size) {
        return Err(truncated());
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| {
        refuse(format!(
            "Die Datei „{name}“ kann nicht geöffnet werden: {e}"
        ))
    })?;
    let damaged = |detail: String| refuse(format!("Die Datei „{name}“ ist beschädigt: {detail}"));
    let problems = integrity_check(&conn).map_err(|e| damaged(e.to_string()))?;
    if !problems.is_empty() {
        let mut shown: Vec<String> = problems.iter().take(3).cloned().collect();
        if problems.len() > 3 {
            shown.push(format!("und {} weitere Fehler", problems.len() - 3));
        }
        return Err(damaged(shown.join("; ")));
    }
    let has_pilots: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'pilots'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| damaged(e.to_string()))?;
    let schema_version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if !has_pilots || schema_version < 1 {
        return Err(refuse(format!(
            "Die Datei „{name}“ ist keine Lotsenbüro-Datenbank (kein Lotsenregister gefunden)."
        )));
    }
    if schema_version > SCHEMA_VERSION {
        return Err(refuse(format!(
            "Die Sicherung „{name}“ stammt von einer neueren Version des Lotsenbüros (Schema {schema_version}, diese Version kennt bis {SCHEMA_VERSION}). Bitte die neuere Version verwenden."
        )));
    }
    let pilot_count: i64 = conn
        .query_row("SELECT count(*) FROM pilots", [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    Ok(BackupInfo {
        path: path.to_path_buf(),
        schema_version,
        pilot_count,
        file_size: len,
        modified: modified_of(&meta),
    })
}

impl Store {
    /// Writes a complete copy of the database to `path` ("Sicherung erstellen", `lotsen backup`),
    /// while this or another program may be writing: SQLite's online backup in one read
    /// transaction, so the copy is one committed state. The copy passes `integrity_check` before it
    /// gets its name; an existing file of that name is replaced.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        write_backup(&self.conn, path, &self.path)
    }

    /// Replaces the database with the backup file ("Sicherung wiederherstellen", `lotsen restore`).
    ///
    /// 1. The file is checked ([`check_backup_file`]); on any refusal nothing is changed.
    /// 2. It is copied beside the database as a `.part` file and that copy is checked again.
    /// 3. The current database is saved into `keep_dir` as
    ///    `lotsenbuero-vor-wiederherstellung-YYYY-MM-DD-HHMMSS.sqlite3` (`now`: local time).
    /// 4. The connection is closed; refused if another program still has the database open.
    /// 5. The copy is renamed over the database file (stale -wal/-shm removed first), the
    ///    database is reopened (an older backup is migrated) and the restore is written to its
    ///    audit log.
    ///
    /// On an error before step 5 the store stays on the unchanged database.
    pub fn restore_from(
        &mut self,
        backup: &Path,
        keep_dir: &Path,
        now: NaiveDateTime,
    ) -> Result<RestoreOutcome> {
        let restored = check_backup_file(backup)?;
        if same_file(backup, &self.path) {
            return Err(refuse(
                "Die gewählte Datei ist die geöffnete Datenbank selbst.".into(),
            ));
        }
        // Statement numbers this database gave (or reserved) that the backup lacks stay reserved.
        let carried = self.numbers_to_carry(backup)?;
        let target = self.path.clone();
        let part = part_file(&target);
        remove_if_exists(&part)?;
        let prepared = (|| -> Result<PathBuf> {
            let source = Connection::open_with_flags(
                backup,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            copy_database(&source, &part)?;
            drop(source);
            // The bytes that will become the database, checked again (the file may have changed).
            check_backup_file(&part)?;
            sync_file(&part)?;
            let saved = keep_dir.join(format!(
                "{BEFORE_RESTORE_PREFIX}{}.{EXTENSION}",
                now.format("%Y-%m-%d-%H%M%S")
            ));
            self.backup_to(&saved)?;
            Ok(saved)
        })();
        let previous_saved_as = match prepared {
            Ok(saved) => saved,
            Err(e) => {
                let _ = std::fs::remove_file(&part);
                return Err(e);
            }
        };
        if let Err(e) = self.swap_in(&part, &target) {
            let _ = std::fs::remove_file(&part);
            // Back to the unchanged database.
            *self = self.reopened(&target)?;
            return Err(e);
        }
        let mut store = self.reopened(&target).map_err(|e| {
            Error::Storage(format!(
                "Die Sicherung wurde eingespielt, lässt sich aber nicht öffnen ({e}). Der vorherige Stand liegt in „{}“.",
                previous_saved_as.display()
            ))
        })?;
        let note = format!(
            "Sicherung „{}“ wiederhergestellt (Schema {}, {} Lotsen); der vorherige Stand ist gesichert als „{}“.",
            name_of(backup),
            restored.schema_version,
            restored.pilot_count,
            name_of(&previous_saved_as)
        );
        store.with_transaction(|tx| {
            super::ledger::reserve(
                tx,
                &carried,
                &format!("vor Wiederherstellung von „{}“ vergeben", name_of(backup)),
            )?;
            Store::audit_note(tx, "database", &name_of(backup), "restore", &note)
        })?;
        *self = store;
        Ok(RestoreOutcome {
            restored,
            previous_saved_as,
        })
    }

    /// Closes the connection and renames `part` over `target`. Refused while another program has
    /// the database open: leaving WAL mode needs the only connection, so a probe that cannot
    /// switch to rollback mode means someone else is still there.
    fn swap_in(&mut self, part: &Path, target: &Path) -> Result<()> {
        let conn = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        conn.close().map_err(|(_, e)| {
            Error::Storage(format!("Die Datenbank kann nicht geschlossen werden: {e}"))
        })?;
        let in_use = || {
            Error::Conflict(
                "Die Datenbank ist noch in einem anderen Programm geöffnet (z. B. einem zweiten Lotsenbüro-Fenster oder der Kommandozeile). Bitte dieses schließen und erneut versuchen.".into(),
            )
        };
        let probe = Connection::open(target)?;
        probe.busy_timeout(Duration::from_secs(2))?;
        let mode: String = probe
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(|_| in_use())?;
        probe
            .close()
            .map_err(|(_, e)| Error::Storage(e.to_string()))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(in_use());
        }
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut side = target.as_os_str().to_os_string();
            side.push(suffix);
            match std::fs::remove_file(Path::new(&side)) {
                Err(e) if crate::documents::held_open(&e) => return Err(in_use()),
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(io_error(
                        "Datei kann nicht gelöscht werden",
                        Path::new(&side),
                        e,
                    ))
                }
                _ => {}
            }
        }
        // Windows refuses to replace a file that is open, e.g. by a database tool in rollback
        // mode (which the probe above does not notice).
        crate::documents::replace_file(part, target).map_err(|e| match e {
            Error::Conflict(_) => in_use(),
            e => e,
        })?;
        sync_dir(parent_of(target));
        Ok(())
    }
}

/// The file name of the daily backup of `day`.
pub fn daily_backup_name(day: NaiveDate) -> String {
    format!("{DAILY_PREFIX}{}.{EXTENSION}", day.format("%Y-%m-%d"))
}

fn daily_date(file_name: &str) -> Option<NaiveDate> {
    let stem = file_name
        .strip_prefix(DAILY_PREFIX)?
        .strip_suffix(&format!(".{EXTENSION}"))?;
    // Exactly YYYY-MM-DD: "vor-wiederherstellung-…" and hand-named files are never rotated.
    if stem.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(stem, "%Y-%m-%d").ok()
}

fn before_restore_date(file_name: &str) -> Option<NaiveDate> {
    let stem = file_name.strip_prefix(BEFORE_RESTORE_PREFIX)?;
    NaiveDate::parse_from_str(stem.get(..10)?, "%Y-%m-%d").ok()
}

/// The automatic backup at the first start of a day: if `dir` holds no backup of `today`, writes
/// `lotsenbuero-YYYY-MM-DD.sqlite3` and returns its path (`None` when today's exists). Then deletes
/// the oldest daily backups beyond `keep` (at least 1 is kept). Other files in `dir` are never
/// touched.
pub fn daily_backup(
    store: &Store,
    dir: &Path,
    today: NaiveDate,
    keep: usize,
) -> Result<Option<PathBuf>> {
    let path = dir.join(daily_backup_name(today));
    let written = if path.exists() {
        None
    } else {
        store.backup_to(&path)?;
        Some(path)
    };
    let mut daily: Vec<(NaiveDate, PathBuf)> = list_backups(dir)?
        .into_iter()
        .filter(|b| b.kind == BackupKind::Daily)
        .filter_map(|b| Some((b.date?, b.path)))
        .collect();
    daily.sort();
    let excess = daily.len().saturating_sub(keep.max(1));
    for (_, old) in daily.into_iter().take(excess) {
        remove_if_exists(&old)?;
    }
    Ok(written)
}

/// The `.sqlite3` files in the backup folder, newest first (by the date in the name, else by the
/// modification time). An absent folder has none.
pub fn list_backups(dir: &Path) -> Result<Vec<BackupEntry>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(io_error(
                "Sicherungsordner kann nicht gelesen werden",
                dir,
                e,
            ))
        }
    };
    let mut list = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|e| io_error("Sicherungsordner kann nicht gelesen werden", dir, e))?;
        let path = entry.path();
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let (kind, date) = if let Some(d) = daily_date(&file_name) {
            (BackupKind::Daily, Some(d))
        } else if file_name.starts_with(BEFORE_RESTORE_PREFIX) {
            (BackupKind::BeforeRestore, before_restore_date(&file_name))
        } else {
            (BackupKind::Manual, None)
        };
        list.push(BackupEntry {
            path,
            file_name,
            kind,
            date,
            file_size: meta.len(),
            modified: modified_of(&meta),
        });
    }
    list.sort_by(|a, b| {
        (b.date, b.modified, &b.file_name).cmp(&(a.date, a.modified, &a.file_name))
    });
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_names_round_trip_and_others_are_not_daily() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        assert_eq!(daily_backup_name(day), "lotsenbuero-2026-03-09.sqlite3");
        assert_eq!(daily_date(&daily_backup_name(day)), Some(day));
        assert_eq!(
            daily_date("lotsenbuero-vor-wiederherstellung-2026-03-09-101500.sqlite3"),
            None
        );
        assert_eq!(daily_date("lotsenbuero-2026-03-09-kopie.sqlite3"), None);
        assert_eq!(daily_date("lotsenbuero-2026-02-30.sqlite3"), None);
        assert_eq!(
            before_restore_date("lotsenbuero-vor-wiederherstellung-2026-03-09-101500.sqlite3"),
            Some(day)
        );
    }
}
