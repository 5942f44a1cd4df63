//! `lotsen maintenance`: the app's daily care from the command line — first the deletion of due
//! eFZ data and its application to the backups, then the daily backup. Every part runs whatever
//! the others do; a failure is named with what to do and makes the command fail. The deletion
//! check alone runs whenever the command line opens the database ([`report`]).

use lotsen::app::data::CareReport;
use lotsen::app::Session;
use lotsen::domain::dates::format_date;
use lotsen::{Error, Result};

use crate::output::out;

pub fn run(session: &mut Session) -> Result<()> {
    let done = session.daily_care();
    report(&done);
    match &done.backup_written {
        Some(path) => out(&format!(
            "Tägliche Sicherung geschrieben: {}",
            path.display()
        )),
        None if !done.problems.iter().any(|p| p.task == "backup") => {
            out("Die tägliche Sicherung von heute gibt es schon.")
        }
        None => {}
    }
    if done.problems.is_empty() {
        out("Wartung abgeschlossen.");
        Ok(())
    } else {
        Err(Error::Storage(format!(
            "Wartung mit {} Problem(en) beendet (siehe oben).",
            done.problems.len()
        )))
    }
}

/// What the deletion check did and could not do, on stderr (stdout stays the command's own output).
pub fn report(done: &CareReport) {
    for d in &done.deleted {
        eprintln!(
            "Führungszeugnis-Daten gelöscht (§ 30a BZRG): {} (Nr. {}), fällig seit {}.",
            d.name,
            d.pilot_id,
            format_date(d.due_on)
        );
    }
    for a in &done.anonymised {
        eprintln!(
            "Stammdaten anonymisiert (Aufbewahrungsfrist abgelaufen): Nr. {}, fällig seit {}.",
            a.pilot_id,
            format_date(a.due_on)
        );
    }
    for path in &done.backups_cleaned {
        eprintln!(
            "Gelöschte Daten auch aus der Sicherung entfernt: {}",
            path.display()
        );
    }
    for p in &done.problems {
        eprintln!("Warnung ({}): {}", p.task, p.message);
    }
}
