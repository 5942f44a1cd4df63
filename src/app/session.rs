//! A working session: the open store, the clock that gives "today" at each action, and who is
//! working. The command line makes one per call; the desktop shell holds one for its window.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::files;
use crate::db::Store;
use crate::error::Result;

/// Where "today" comes from: the local clock (read at every action, so an app left open over
/// midnight sees the new day) or a date fixed by `--today` / `LOTSEN_TODAY` for tests and scripts.
#[derive(Clone)]
pub struct Clock {
    now: Arc<dyn Fn() -> NaiveDateTime + Send + Sync>,
    fixed: bool,
}

impl Clock {
    /// The local date and time of this PC.
    pub fn system() -> Clock {
        Clock::from_fn(|| chrono::Local::now().naive_local())
    }

    /// Always `date`; the time of day still runs, so backups made one after the other get
    /// different names.
    pub fn fixed(date: NaiveDate) -> Clock {
        Clock {
            now: Arc::new(move || date.and_time(chrono::Local::now().time())),
            fixed: true,
        }
    }

    /// Any source of local date and time (tests step it across midnight).
    pub fn from_fn(now: impl Fn() -> NaiveDateTime + Send + Sync + 'static) -> Clock {
        Clock {
            now: Arc::new(now),
            fixed: false,
        }
    }

    /// `--today` if given, else `LOTSEN_TODAY` if set, else the system clock.
    pub fn from_option_or_env(today: Option<&str>) -> Result<Clock> {
        let env = std::env::var("LOTSEN_TODAY").ok();
        match today
            .or(env.as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(s) => Ok(Clock::fixed(super::parse::today(s)?)),
            None => Ok(Clock::system()),
        }
    }

    /// The local date now.
    pub fn today(&self) -> NaiveDate {
        (self.now)().date()
    }

    /// The local date and time now (time stamps in backup names).
    pub fn now(&self) -> NaiveDateTime {
        (self.now)()
    }

    /// True when "today" was fixed by `--today` / `LOTSEN_TODAY`.
    pub fn is_fixed(&self) -> bool {
        self.fixed
    }
}

/// What the window shows at start: is the database empty, where is it, which date do the rules use.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "AppState")]
pub struct SessionInfo {
    pub empty: bool,
    pub db_path: String,
    /// ISO date.
    pub today: String,
    /// True when "today" is fixed (`LOTSEN_TODAY`); else the window follows the local date.
    pub today_fixed: bool,
}

/// The store, the clock and the person at the desk, for one edge.
pub struct Session {
    store: Store,
    clock: Clock,
    /// The system user, recorded when no desk user is set in the settings.
    system_user: String,
    /// The user's documents folder of the platform (the desktop shell knows it), the default
    /// place of the documents folder.
    user_documents: Option<PathBuf>,
}

impl Session {
    /// Opens the database at `path` (creating and migrating it as needed).
    pub fn open(path: &Path, clock: Clock) -> Result<Session> {
        Ok(Session::new(Store::open(path)?, clock))
    }

    pub fn new(store: Store, clock: Clock) -> Session {
        let system_user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "Koordination".into());
        let mut session = Session {
            store,
            clock,
            system_user,
            user_documents: None,
        };
        session.refresh_actor();
        session
    }

    /// The date the rules use for the action being done now.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Who is recorded for changes: the desk user from the settings, else the system user.
    pub fn actor(&self) -> String {
        let desk = self
            .store
            .settings()
            .map(|s| s.desk_user)
            .unwrap_or_default();
        if desk.trim().is_empty() {
            self.system_user.clone()
        } else {
            desk.trim().to_string()
        }
    }

    /// Re-reads who is working (after the settings changed) for the change log.
    pub fn refresh_actor(&mut self) {
        let actor = self.actor();
        self.store.set_actor(&actor);
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store for a change; the change log records the current actor.
    pub fn store_mut(&mut self) -> &mut Store {
        self.refresh_actor();
        &mut self.store
    }

    pub fn db_path(&self) -> &Path {
        self.store.path()
    }

    /// The folder of automatic and manual backups: "Sicherungen" beside the database.
    pub fn backup_dir(&self) -> PathBuf {
        crate::db::backup_dir_of(self.store.path())
    }

    pub fn info(&self) -> Result<SessionInfo> {
        Ok(SessionInfo {
            empty: self.store.is_empty()?,
            db_path: self.db_path().display().to_string(),
            today: self.today().to_string(),
            today_fixed: self.clock.is_fixed(),
        })
    }

    /// Tells the session the platform's documents folder (see [`Session::documents_root`]).
    pub fn set_user_documents(&mut self, dir: Option<PathBuf>) {
        self.user_documents = dir;
    }

    /// The documents folder, where printed documents are filed (see [`files::documents_root`]).
    pub fn documents_root(&self) -> Result<PathBuf> {
        let setting = self.store.settings()?.data.documents_dir;
        Ok(files::documents_root(&setting, self.user_documents.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn today_is_read_at_each_call_across_midnight() {
        let steps = [
            NaiveDate::from_ymd_opt(2026, 11, 30)
                .unwrap()
                .and_hms_opt(23, 59, 59)
                .unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 1)
                .unwrap()
                .and_hms_opt(0, 0, 1)
                .unwrap(),
        ];
        let calls = AtomicUsize::new(0);
        let clock = Clock::from_fn(move || steps[calls.fetch_add(1, Ordering::SeqCst).min(1)]);
        let dir = tempfile::tempdir().unwrap();
        let session = Session::open(&dir.path().join("t.sqlite3"), clock).unwrap();
        let before = session.today();
        let after = session.today();
        assert_eq!(before.to_string(), "2026-11-30");
        assert_eq!(after.to_string(), "2026-12-01");
    }

    #[test]
    fn fixed_clock_and_option_wins_over_env() {
        let c = Clock::from_option_or_env(Some("2027-01-02")).unwrap();
        assert_eq!(c.today().to_string(), "2027-01-02");
        assert_eq!(c.now().date().to_string(), "2027-01-02");
        assert!(c.is_fixed());
        assert!(!Clock::system().is_fixed());
        assert!(Clock::from_option_or_env(Some("02.01.2027")).is_err());
    }
}
