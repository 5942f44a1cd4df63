//! `lotsen restore FILE`: the backup is checked first and the current database kept beside it.
//! An encrypted backup asks for its passphrase (or reads `--passphrase-file`).

use std::path::PathBuf;

use lotsen::app::Session;
use lotsen::db::sealed;
use lotsen::Result;

#[derive(clap::Args)]
pub struct Args {
    file: PathBuf,
    /// Kennwort einer verschlüsselten Sicherung aus dieser Datei (erste Zeile)
    #[arg(long)]
    passphrase_file: Option<PathBuf>,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let keep = session.backup_dir();
    // The wall clock, not the rules' "today": it only names the copy of the replaced database.
    let now = chrono::Local::now().naive_local();
    let outcome = if sealed::is_encrypted(&args.file) {
        let passphrase = super::passphrase::read(args.passphrase_file.as_deref(), false)?;
        session
            .store_mut()
            .restore_encrypted(&args.file, &passphrase, &keep, now)?
    } else {
        session.store_mut().restore_from(&args.file, &keep, now)?
    };
    eprintln!(
        "Sicherung {} zurückgespielt ({} Lotsen). Der vorherige Stand liegt in {}.",
        args.file.display(),
        outcome.restored.pilot_count,
        outcome.previous_saved_as.display()
    );
    Ok(())
}
