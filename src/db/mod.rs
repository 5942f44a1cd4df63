//! The SQLite store: one file, WAL, foreign keys, versioned embedded migrations.

mod activity;
mod allowances;
mod audit;
mod audit_triggers;
mod backup;
mod coverage;
pub mod demo;
mod ledger;
mod lifecycle;
pub mod local_disk;
mod reports;
mod retention;
mod settings;
mod timelines;
mod transfer;

pub use activity::{ActivityMonth, ActivityRow};
pub use allowances::Shown;
pub use audit::{AuditEntry, AuditFilter, AUDITED_TABLES};
pub use backup::{
    check_backup_file, daily_backup, list_backups, BackupEntry, BackupInfo, BackupKind,
    RestoreOutcome, DEFAULT_KEEP,
};
pub use coverage::{HISTORY_MONTHS, OUTLOOK_MONTHS};
pub(crate) use ledger::sepa_allowed;
pub use ledger::{Reconciliation, RestoreLoss, SepaExport};
pub use lifecycle::{Course, CourseSession, SessionInput};
pub use personal::{PersonalData, StatementRow};
pub use retention::{
    apply_erasure, apply_erasure_to_backups, erased_data_in, AnonymisationRecord, DeletionRecord,
    Erased, ANONYMISED,
};
pub use settings::{SettingChange, SettingView};
pub use transfer::ExportKind;
mod personal;
mod pilots;
pub mod private;
pub mod sealed;

pub(crate) use pilots::insert_pilot;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::domain::reference::{self, District, Municipality, ReferenceData};
use crate::error::{Error, Result};

/// Embedded migrations; index + 1 is the schema version (`PRAGMA user_version`).
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_init.sql"),
    include_str!("migrations/002_lifecycle.sql"),
    include_str!("migrations/003_allowances.sql"),
    include_str!("migrations/004_audit.sql"),
    include_str!("migrations/005_history.sql"),
    include_str!("migrations/006_fresh_approval.sql"),
    include_str!("migrations/007_ledger.sql"),
    include_str!("migrations/008_activity.sql"),
    include_str!("migrations/009_retention.sql"),
    include_str!("migrations/010_reports.sql"),
    include_str!("migrations/011_scale.sql"),
    include_str!("migrations/012_timelines.sql"),
    include_str!("migrations/013_activity_last.sql"),
    include_str!("migrations/014_status_index.sql"),
    include_str!("migrations/015_audit_checked.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// File name of the database inside the data folder.
pub const DB_FILE: &str = "lotsenbuero.sqlite3";

/// The app's data folder, the same the desktop app uses (`de.lotsenbuero.app` in the platform's
/// data directory), so the command line and the app share one database by default.
pub fn default_data_dir() -> PathBuf {
    let base = if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    };
    base.unwrap_or_else(|| PathBuf::from("."))
        .join("de.lotsenbuero.app")
}

/// The default database path: `LOTSEN_DB` if set, else the file in the app's data folder.
pub fn default_db_path() -> PathBuf {
    match std::env::var_os("LOTSEN_DB").filter(|v| !v.is_empty()) {
        Some(p) => PathBuf::from(p),
        None => default_data_dir().join(DB_FILE),
    }
}

/// KiB of the file's pages a connection keeps: room for the facts of 10,000 pilots (about 20 MB of
/// pages), so the lists of one action are read from the file once, not again for every list.
const PAGE_CACHE_KB: i64 = 32_000;
/// SQLite's own default (see [`Store::keep_few_pages`]).
const FEW_PAGES_KB: i64 = 2_000;

/// An open database. Every method that changes data runs in one transaction.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Who is working: written into the audit log by every transaction (see [`Store::set_actor`]).
    actor: String,
    /// Files found readable by others at open and made private (shown as a notice).
    tightened: Vec<PathBuf>,
    /// The leavers last read, through the day they were read for (see [`Store::leavers`]).
    leavers: Kept<(chrono::NaiveDate, HashMap<i64, lifecycle::Leaver>)>,
    /// Every pilot's row (see [`Store::pilots`]).
    pilots: Kept<Vec<crate::Pilot>>,
    /// The last Jahresbericht, by year and the day it counts to (see [`Store::annual_report`]).
    annual: Kept<(
        (i32, chrono::NaiveDate),
        crate::domain::reports::AnnualReport,
    )>,
}

/// A read kept in memory while nothing is written, by this connection or any other (see
/// `Store::written`): the next read after a write reads the database again.
#[derive(Debug)]
struct Kept<T>(std::cell::RefCell<Option<(Written, Arc<T>)>>);

/// Rows changed through this connection and SQLite's count of commits by others.
type Written = (u64, i64);

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Kept(std::cell::RefCell::new(None))
    }
}

impl<T> Kept<T> {
    /// The kept value if nothing was written since and it `fits` the question, else `read` (kept
    /// unless a transaction is open).
    fn get(
        &self,
        written: Option<Written>,
        fits: impl Fn(&T) -> bool,
        read: impl FnOnce() -> Result<T>,
    ) -> Result<Arc<T>> {
        if let (Some(now), Some((at, kept))) = (written, self.0.borrow().as_ref()) {
            if *at == now && fits(kept) {
                return Ok(kept.clone());
            }
        }
        let fresh = Arc::new(read()?);
        if let Some(now) = written {
            *self.0.borrow_mut() = Some((now, fresh.clone()));
        }
        Ok(fresh)
    }
}

impl Store {
    /// Opens (or creates) the database at `path`, migrates it, brings the audit triggers in line
    /// with its tables and seeds the reference data. A database written by a newer version is
    /// refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_inner(path).map_err(|e| private::explain_disk_error(e, path))
    }

    fn open_inner(path: &Path) -> Result<Store> {
        without_memory_statistics();
        // Before anything is created there: never a database on a network drive.
        local_disk::check_local(path)?;
        private::restrict_new_files();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::Storage(format!(
                    "Datenordner {} kann nicht angelegt werden: {e}",
                    dir.display()
                ))
            })?;
        }
        // Files from before this rule (or copied in by hand) are made private, with a notice.
        let mut tightened = private::tighten_all([path, backup_dir_of(path).as_path()]);
        let conn = Connection::open(path).map_err(|e| {
            Error::Storage(format!(
                "Datenbank {} kann nicht geöffnet werden: {e}",
                path.display()
            ))
        })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // Check the version before anything writes (WAL switch included).
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(not_a_database)?;
        if found > SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(not_a_database)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Deleted values are overwritten, not left in free space (eFZ deletion, anonymisation).
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.pragma_update(None, "cache_size", -PAGE_CACHE_KB)?;
        // Statement journals (each write with triggers keeps the pages it changes, to undo just
        // that statement) in memory, not in a temporary file: approving 10,000 statement lines
        // wrote a sixth of its time into that file.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // SQLite gives the -wal and -shm files the mode of the database: tighten that one first.
        let files = private::database_files(path);
        tightened.extend(private::tighten_all(files.iter().map(PathBuf::as_path)));
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            actor: String::new(),
            tightened,
            leavers: Kept::default(),
            pilots: Kept::default(),
            annual: Kept::default(),
        };
        store.migrate(found)?;
        store.sync_audit_triggers()?;
        store.seed_reference_data()?;
        Ok(store)
    }

    /// Keeps only SQLite's default 2 MB of pages instead of [`PAGE_CACHE_KB`], for the app: its
    /// page cache is memory of the app's process, while the system keeps the file's pages anyway.
    /// With 10,000 pilots this took the app from 149 to 116–120 MB (PSS) after every screen five
    /// times, for screens 0–27 ms slower (benches/app.mjs). Kept across a restore.
    pub fn keep_few_pages(&self) -> Result<()> {
        self.set_page_cache_kb(FEW_PAGES_KB)
    }

    fn set_page_cache_kb(&self, kb: i64) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -kb)?;
        Ok(())
    }

    /// How many KiB of pages SQLite keeps for this connection now, as SQLite reports it (the store
    /// always sets it in KiB, which SQLite gives back negative).
    pub fn page_cache_kb(&self) -> Result<i64> {
        let size: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        Ok(-size)
    }

    /// The same database opened again (after a restore), for the same person and with the same
    /// page cache.
    fn reopened(&mut self, path: &Path) -> Result<Store> {
        let kb = self.page_cache_kb()?;
        let mut store = Store::open(path)?;
        store.actor = std::mem::take(&mut self.actor);
        store.set_page_cache_kb(kb)?;
        Ok(store)
    }

    /// Reads the file's pages through a memory map instead of one read call each (up to 256 MB),
    /// for a process that reads much once and ends: a list of 10,000 pilots made about 2,300
    /// reads, a third of a whole `lotsen` process. Not for the app: the mapped pages count as its
    /// memory (10,000 pilots: +85 MB PSS), while its page cache serves the repeated reads.
    pub fn read_through_memory_map(&self) -> Result<()> {
        self.conn
            .pragma_update(None, "mmap_size", 256 * 1024 * 1024)?;
        Ok(())
    }

    /// What has been written since the connection was opened, as far as a [`Kept`] read needs to know:
    /// rows changed through this connection and SQLite's counter of commits by any other.
    /// `None` inside a transaction (what is read there may still be rolled back).
    fn written(&self) -> Result<Option<Written>> {
        if !self.conn.is_autocommit() {
            return Ok(None);
        }
        let others: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(Some((self.conn.total_changes(), others)))
    }

    /// Runs `f` in one transaction: all of it is written, or nothing.
    pub fn with_transaction<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
    ) -> Result<T> {
        self.transaction_as(rusqlite::TransactionBehavior::Deferred, f)
    }

    /// [`Store::with_transaction`] with the write lock taken at the start (`BEGIN IMMEDIATE`), so a
    /// check inside holds until commit even against a second program.
    pub(crate) fn with_immediate_transaction<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
    ) -> Result<T> {
        self.transaction_as(rusqlite::TransactionBehavior::Immediate, f)
    }

    fn transaction_as<T>(
        &mut self,
        behavior: rusqlite::TransactionBehavior,
        f: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
    ) -> Result<T> {
        let written = (|| {
            let tx = self.conn.transaction_with_behavior(behavior)?;
            // Who is working, and a new transaction number, for the audit triggers (audit_triggers.rs).
            tx.execute(
                "UPDATE audit_context SET who = ?1, tx = tx + 1, erasing = 0 WHERE id = 1",
                [&self.actor],
            )?;
            let value = f(&tx)?;
            // Writes outside a store transaction are logged as the system, never as a stale name.
            tx.execute(
                "UPDATE audit_context SET who = '', erasing = 0 WHERE id = 1",
                [],
            )?;
            tx.commit()?;
            Ok(value)
        })();
        written.map_err(|e| private::explain_disk_error(e, &self.path))
    }

    /// Runs `f` in one immediate write transaction (`BEGIN IMMEDIATE`): the write lock is taken
    /// before anything is read, so what `f` checks (a run still a draft, the budget left) cannot be
    /// changed by another program on the same file before `f` writes. `f` reads and writes through
    /// the store it is given; all of it is written, or nothing. A second program waits for the lock
    /// (busy timeout) and then sees what the first one wrote.
    pub fn immediate<T>(&mut self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let written = (|| {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            let inner = (|| {
                self.conn.execute(
                    "UPDATE audit_context SET who = ?1, tx = tx + 1, erasing = 0 WHERE id = 1",
                    [&self.actor],
                )?;
                let value = f(self)?;
                self.conn.execute(
                    "UPDATE audit_context SET who = '', erasing = 0 WHERE id = 1",
                    [],
                )?;
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            })();
            if inner.is_err() && !self.conn.is_autocommit() {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
            inner
        })();
        written.map_err(|e| private::explain_disk_error(e, &self.path))
    }

    /// Sets who is working (the desk user from the settings, else the system user); every later
    /// transaction of this store records it in the audit log. Empty means "the system".
    pub fn set_actor(&mut self, who: &str) {
        self.actor = who.trim().to_string();
    }

    /// Who is recorded in the audit log for this store's changes.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Files that were readable by other accounts when the store opened and are private now.
    pub fn tightened(&self) -> &[PathBuf] {
        &self.tightened
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version stored in the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs the migrations after `from`, each in its own transaction together with the audit
    /// triggers for the schema it leaves: every committed schema version is fully audited, and
    /// data a later migration changes is logged as the system's. The triggers name every column,
    /// so a migration that drops a column of an audited table first drops that table's
    /// `audit_<table>_*` triggers; they are generated again right after it.
    fn migrate(&mut self, from: i64) -> Result<()> {
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            audit_triggers::sync(&tx)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Regenerates the audit triggers when the tables changed outside the migrations or the
    /// triggers came from an older build; a database already in line is only read. Once in line,
    /// its fingerprint is kept, and while it is unchanged the triggers are not compared again.
    fn sync_audit_triggers(&mut self) -> Result<()> {
        let checked = audit_triggers::fingerprint(&self.conn)?;
        if audit_triggers::checked(&self.conn)?.as_deref() == Some(checked.as_str()) {
            return Ok(());
        }
        if audit_triggers::stale(&self.conn)? {
            // Immediate: the check is repeated under the write lock, so two processes opening the
            // same file at once cannot both replace the triggers.
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            audit_triggers::sync(&tx)?;
            tx.commit()?;
        }
        // After the sync, which moved the schema version. Not kept (a read-only copy): checked
        // again at the next start.
        let _ = audit_triggers::keep_checked(&self.conn);
        Ok(())
    }

    /// Seeds districts, municipalities and languages once, on first start.
    fn seed_reference_data(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        let seeded: Option<String> = tx
            .query_row(
                "SELECT value FROM settings WHERE key = 'reference_seeded'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if seeded.is_some() {
            return Ok(());
        }
        for name in reference::DEFAULT_DISTRICTS {
            tx.execute(
                "INSERT INTO districts (name, target) VALUES (?1, ?2)",
                (name, reference::DEFAULT_TARGET),
            )?;
        }
        for m in reference::default_municipalities() {
            tx.execute(
                "INSERT INTO municipalities (name, kind, district_id, note)
                 VALUES (?1, ?2, (SELECT id FROM districts WHERE name = ?3), ?4)",
                (&m.name, &m.kind, &m.district, &m.note),
            )?;
        }
        for (i, lang) in reference::DEFAULT_LANGUAGES.iter().enumerate() {
            tx.execute(
                "INSERT INTO languages (name, position) VALUES (?1, ?2)",
                (lang, i as i64),
            )?;
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('reference_seeded', '1')",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Districts, municipalities, languages and the fixed choices.
    pub fn reference_data(&self) -> Result<ReferenceData> {
        let districts = self
            .conn
            .prepare("SELECT id, name, target FROM districts ORDER BY name")?
            .query_map([], |r| {
                Ok(District {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    target: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let municipalities = self
            .conn
            .prepare(
                "SELECT m.name, d.name FROM municipalities m JOIN districts d ON d.id = m.district_id
                 ORDER BY m.name",
            )?
            .query_map([], |r| {
                Ok(Municipality {
                    name: r.get(0)?,
                    district: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let languages = self
            .conn
            .prepare("SELECT name FROM languages ORDER BY position, name")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ReferenceData::new(districts, municipalities, languages))
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`; empty when the file is sound.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        Ok(backup::integrity_check(&self.conn)?)
    }
}

/// "Sicherungen" beside the database: the folder of automatic and manual backups.
pub fn backup_dir_of(db: &Path) -> PathBuf {
    db.parent()
        .map(|p| p.join("Sicherungen"))
        .unwrap_or_else(|| PathBuf::from("Sicherungen"))
}

/// At open, only a file SQLite calls damaged or foreign is "not a Lotsenbüro database"; a full
/// disk or a read error says what it is.
fn not_a_database(e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    if !matches!(e.sqlite_error_code(), Some(DatabaseCorrupt | NotADatabase)) {
        return e.into();
    }
    Error::Storage(format!(
        "Die Datei ist keine lesbare Lotsenbüro-Datenbank: {e}"
    ))
}

/// The time stamp of an action on `today` (the date the rules use): now, when today is the real
/// local date; otherwise (a date fixed by `--today` / `LOTSEN_TODAY`) noon of that day in
/// Germany, so a date derived from the stamp (approved on) is the day the action was done on.
pub fn stamp_on(today: chrono::NaiveDate) -> String {
    let now = chrono::Utc::now();
    if crate::domain::dates::local_date(now) == today {
        return now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    }
    format!("{today}T11:00:00Z")
}

/// Current time as UTC RFC 3339 (record timestamps only; rules never read the clock).
pub fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// SQLite keeps no statistics of its memory use (nothing here reads them), so its allocations take no global lock:
/// a month's documents for 30 pilots took 43,000 such locks, most of them reading the schema's 140 triggers
/// (78.7 → 74.7 M instructions). Only possible before SQLite's first use in the process, which is this store's open
/// at every edge; a later call is refused by SQLite and changes nothing (in tests, where other threads may already
/// use SQLite, at worst the statistics nobody reads go wrong).
fn without_memory_statistics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let off: std::os::raw::c_int = 0;
        // SAFETY: SQLITE_CONFIG_MEMSTATUS takes one int; SQLite itself refuses it once initialised.
        unsafe {
            rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, off);
        }
    });
}
