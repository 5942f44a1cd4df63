//! What the running app holds: one session (store, clock, person at the desk) or why the database
//! could not be opened, and what the care at start-up could not do.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use std::collections::HashMap;

use lotsen::app::data::CareProblem;
use lotsen::app::progress::Cancel;
use lotsen::app::{Clock, Session};
use lotsen::Error;

pub struct AppState {
    session: Mutex<Result<Session, String>>,
    /// What the care at start-up could not do; `None` until it has run.
    problems: Mutex<Option<Vec<CareProblem>>>,
    /// The "Abbrechen" of each long task running now, by the command's name.
    cancels: Mutex<HashMap<String, Cancel>>,
}

impl AppState {
    /// Opens the database at `db_path`; `user_documents` is the platform's documents folder.
    pub fn open(db_path: &Path, clock: Clock, user_documents: Option<PathBuf>) -> AppState {
        let session = Session::open(db_path, clock)
            .and_then(|mut s| {
                s.set_user_documents(user_documents);
                // The window's process keeps few pages in memory (the system caches the file).
                s.store().keep_few_pages()?;
                Ok(s)
            })
            .map_err(|e| {
                log::error!(
                    "Datenbank {} kann nicht geöffnet werden: {e}",
                    db_path.display()
                );
                e.to_string()
            });
        AppState {
            session: Mutex::new(session),
            problems: Mutex::new(None),
            cancels: Mutex::new(HashMap::new()),
        }
    }

    /// A new "Abbrechen" for `task`, which [`AppState::cancel`] sets from then on.
    pub fn cancellable(&self, task: &str) -> Cancel {
        let cancel = Cancel::new();
        if let Ok(mut all) = self.cancels.lock() {
            all.insert(task.to_string(), cancel.clone());
        }
        cancel
    }

    /// Asks `task` to stop (the window's "Abbrechen"); a task that is not running is left alone.
    pub fn cancel(&self, task: &str) {
        if let Ok(all) = self.cancels.lock() {
            if let Some(c) = all.get(task) {
                c.cancel();
            }
        }
    }

    /// Runs `f` with the session; if the database could not be opened, every command says why.
    pub fn with<T>(&self, f: impl FnOnce(&mut Session) -> lotsen::Result<T>) -> lotsen::Result<T> {
        let mut guard = self
            .session
            .lock()
            .map_err(|_| Error::Storage("Interner Fehler: Datenbanksperre verloren.".into()))?;
        match guard.as_mut() {
            Ok(session) => f(session),
            Err(why) => Err(Error::Storage(why.clone())),
        }
    }

    /// The care at start-up, once: run after the window shows its first screen (the window asks
    /// for its problems then; lib.rs runs it a few seconds after start in any case), so a copy of a
    /// large database does not hold up the start. Whoever comes second waits for the first.
    pub fn care_at_start(&self) {
        let Ok(mut problems) = self.problems.lock() else {
            return;
        };
        if problems.is_none() {
            *problems = Some(self.run_care());
        }
    }

    /// The daily care again (the app stayed open over midnight).
    pub fn care(&self) {
        let problems = self.run_care();
        if let Ok(mut kept) = self.problems.lock() {
            *kept = Some(problems);
        }
    }

    /// The daily care (backup, deletion of due eFZ data); what fails is logged and returned for the
    /// window's banner. A failure never stops the app: the next start tries again.
    fn run_care(&self) -> Vec<CareProblem> {
        let done = self.with(|s| Ok(s.daily_care())).unwrap_or_default();
        for d in &done.deleted {
            log::info!(
                "Führungszeugnis-Daten gelöscht (§ 30a BZRG): Lotse Nr. {}, fällig seit {}",
                d.pilot_id,
                d.due_on
            );
        }
        for path in &done.backups_cleaned {
            log::info!(
                "Gelöschte Daten aus der Sicherung entfernt: {}",
                path.display()
            );
        }
        let problems = done.problems;
        for p in &problems {
            log::error!("Wartung ({}): {}", p.task, p.message);
        }
        problems
    }

    /// What the care at start-up could not do (it runs first if it has not yet).
    pub fn problems(&self) -> Vec<CareProblem> {
        self.care_at_start();
        self.problems
            .lock()
            .map(|p| p.clone().unwrap_or_default())
            .unwrap_or_default()
    }
}

/// The database path: `--db PATH` on the command line, else `LOTSEN_DB`, else the app data folder.
pub fn db_path_from(args: &[String], app_data_dir: Option<PathBuf>) -> PathBuf {
    if let Some(i) = args.iter().position(|a| a == "--db") {
        if let Some(p) = args.get(i + 1) {
            return PathBuf::from(p);
        }
    }
    if let Some(p) = args.iter().find_map(|a| a.strip_prefix("--db=")) {
        return PathBuf::from(p);
    }
    match std::env::var_os("LOTSEN_DB").filter(|v| !v.is_empty()) {
        Some(p) => PathBuf::from(p),
        None => app_data_dir
            .unwrap_or_else(lotsen::db::default_data_dir)
            .join(lotsen::db::DB_FILE),
    }
}
