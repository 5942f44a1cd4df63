//! `lotsen check`: SQLite's integrity check of the database.

use lotsen::app::Session;
use lotsen::{Error, Result};

use crate::output::out;

pub fn run(session: &mut Session) -> Result<()> {
    let store = session.store();
    let problems = store.integrity_problems()?;
    if !problems.is_empty() {
        return Err(Error::Storage(format!(
            "Integritätsprüfung fehlgeschlagen:\n{}",
            problems.join("\n")
        )));
    }
    out(&format!(
        "ok – Datenbank {} ist unversehrt (Schema {}).",
        session.db_path().display(),
        store.schema_version()?
    ));
    Ok(())
}
