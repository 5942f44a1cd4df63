//! `lotsen sepa MONTH --out FILE`: the credit transfer file of an approved run.

use std::path::PathBuf;

use lotsen::app::{parse, Session};
use lotsen::Result;

#[derive(clap::Args)]
pub struct Args {
    month: String,
    #[arg(long)]
    out: PathBuf,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let month = parse::month("month", &args.month)?;
    let (_, xml) = session
        .store()
        .sepa_for(&month.to_string(), session.today())?;
    lotsen::documents::write_file(&args.out, xml.as_bytes())?;
    eprintln!("SEPA-Datei geschrieben: {}", args.out.display());
    Ok(())
}
