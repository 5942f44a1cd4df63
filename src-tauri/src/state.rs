//! What the running app holds: the open store (or why it could not be opened), the date the rules
//! use, and who is working at the desk.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDate;
use lotsen::{Error, Store};

pub struct AppState {
    store: Mutex<Result<Store, String>>,
    pub db_path: PathBuf,
    pub today: NaiveDate,
    pub who: String,
}

impl AppState {
    pub fn open(db_path: &Path, today: NaiveDate) -> AppState {
        let store = Store::open(db_path).map_err(|e| e.to_string());
        AppState {
            store: Mutex::new(store),
            db_path: db_path.to_path_buf(),
            today,
            who: std::env::var("USER").unwrap_or_else(|_| "Koordination".into()),
        }
    }

    /// The folder of automatic and manual backups: "Sicherungen" beside the database.
    pub fn backup_dir(&self) -> PathBuf {
        self.db_path
            .parent()
            .map(|p| p.join("Sicherungen"))
            .unwrap_or_else(|| PathBuf::from("Sicherungen"))
    }

    /// Start-up and daily care: the first start of a day writes a backup (keeping the configured
    /// number), and screening data past its deletion date is deleted (§ 30a BZRG).
    pub fn maintenance(&self, today: NaiveDate) -> lotsen::Result<()> {
        let dir = self.backup_dir();
        self.with(|s| {
            let keep = s.settings()?.data.backup_keep as usize;
            lotsen::db::daily_backup(s, &dir, today, keep)?;
            s.delete_due_screenings(today)?;
            Ok(())
        })
    }

    /// Runs `f` with the store; if the database could not be opened, every command says why.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> lotsen::Result<T>) -> lotsen::Result<T> {
        let mut guard = self
            .store
            .lock()
            .map_err(|_| Error::Storage("Interner Fehler: Datenbanksperre verloren.".into()))?;
        match guard.as_mut() {
            Ok(store) => {
                // The change log records the person at the desk (settings), else the system user.
                let desk = store.settings().map(|s| s.desk_user).unwrap_or_default();
                let actor = if desk.trim().is_empty() {
                    self.who.clone()
                } else {
                    desk
                };
                store.set_actor(&actor);
                f(store)
            }
            Err(why) => Err(Error::Storage(why.clone())),
        }
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
