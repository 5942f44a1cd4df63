//! `lotsen restore FILE`: the backup is checked first and the current database kept beside it.

use std::path::PathBuf;

use lotsen::app::Session;
use lotsen::Result;

#[derive(clap::Args)]
pub struct Args {
    file: PathBuf,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let keep = session.backup_dir();
    // The wall clock, not the rules' "today": it only names the copy of the replaced database.
    let now = chrono::Local::now().naive_local();
    let outcome = session.store_mut().restore_from(&args.file, &keep, now)?;
    eprintln!(
        "Sicherung {} zurückgespielt ({} Lotsen). Der vorherige Stand liegt in {}.",
        args.file.display(),
        outcome.restored.pilot_count,
        outcome.previous_saved_as.display()
    );
    Ok(())
}
