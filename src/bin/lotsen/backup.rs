//! `lotsen backup FILE [--encrypt]`: SQLite's online backup, so it works while the app is open.
//! `--encrypt` writes an encrypted copy for a USB stick or another disk.

use std::path::PathBuf;

use lotsen::app::Session;
use lotsen::Result;

#[derive(clap::Args)]
pub struct Args {
    file: PathBuf,
    /// Verschlüsselt sichern (Kennwort wird abgefragt), z. B. für einen USB-Stick
    #[arg(long)]
    encrypt: bool,
    /// Kennwort aus dieser Datei (erste Zeile) statt vom Terminal
    #[arg(long, requires = "encrypt")]
    passphrase_file: Option<PathBuf>,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    if args.encrypt {
        let passphrase = super::passphrase::read(args.passphrase_file.as_deref(), true)?;
        session.store().backup_encrypted(&args.file, &passphrase)?;
        eprintln!(
            "Verschlüsselte Sicherung geschrieben: {} (ohne das Kennwort nicht lesbar)",
            args.file.display()
        );
        return Ok(());
    }
    session.store().backup_to(&args.file)?;
    let info = lotsen::db::check_backup_file(&args.file)?;
    eprintln!(
        "Sicherung geschrieben: {} ({} Lotsen, Schema {})",
        args.file.display(),
        info.pilot_count,
        info.schema_version
    );
    Ok(())
}
