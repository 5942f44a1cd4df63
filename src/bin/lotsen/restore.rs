//! `lotsen restore FILE [--accept-loss]`: the backup is checked first and the current database kept
//! beside it. A backup that lacks approved or paid runs or SEPA exports of the current database is
//! refused with the list, unless `--accept-loss`; their statement numbers stay reserved. An
//! encrypted backup asks for its passphrase (or reads `--passphrase-file`). A backup still holding
//! eFZ data deleted since is refused unless `--apply-deletion` (applied to the file first).

use std::path::PathBuf;

use lotsen::app::data::RestoreChoice;
use lotsen::app::Session;
use lotsen::db::sealed;
use lotsen::Result;

#[derive(clap::Args)]
pub struct Args {
    file: PathBuf,
    /// Kennwort einer verschlüsselten Sicherung aus dieser Datei (erste Zeile)
    #[arg(long)]
    passphrase_file: Option<PathBuf>,
    /// Zurückspielen, obwohl freigegebene/bezahlte Läufe oder SEPA-Exporte verloren gehen
    /// (ihre Abrechnungsnummern bleiben reserviert)
    #[arg(long)]
    accept_loss: bool,
    /// Enthält die Sicherung inzwischen gelöschte eFZ-Daten: die Löschung vorher auf die Datei
    /// anwenden (die Datei wird dabei geändert)
    #[arg(long)]
    apply_deletion: bool,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    // The wall clock, not the rules' "today": it only names the copy of the replaced database.
    let now = chrono::Local::now().naive_local();
    let choice = RestoreChoice {
        accept_loss: args.accept_loss,
        apply_deletion: args.apply_deletion,
    };
    let outcome = if sealed::is_encrypted(&args.file) {
        let passphrase = super::passphrase::read(args.passphrase_file.as_deref(), false)?;
        let db = session.db_path().to_path_buf();
        // The decrypted copy is temporary: the deletion is applied to it without asking.
        let choice = RestoreChoice {
            apply_deletion: true,
            ..choice
        };
        sealed::with_decrypted(&args.file, &passphrase, &db, |plain| {
            session.restore_checked(plain, choice, now)
        })?
    } else {
        session.restore_checked(&args.file, choice, now)?
    };
    eprintln!(
        "Sicherung {} zurückgespielt ({} Lotsen). Der vorherige Stand liegt in {}.",
        args.file.display(),
        outcome.restored.pilot_count,
        outcome.previous_saved_as.display()
    );
    let reserved = session.store().reserved_numbers()?;
    if !reserved.is_empty() {
        eprintln!(
            "Reserviert (werden nicht erneut vergeben): {}.",
            reserved.join(", ")
        );
    }
    Ok(())
}
