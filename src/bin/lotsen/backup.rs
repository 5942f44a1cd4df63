//! `lotsen backup FILE`: SQLite's online backup, so it works while the app is open.

use std::path::PathBuf;

use lotsen::app::Session;
use lotsen::Result;

#[derive(clap::Args)]
pub struct Args {
    file: PathBuf,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
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
