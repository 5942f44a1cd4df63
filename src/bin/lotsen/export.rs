//! `lotsen export KIND --format csv|xlsx --out FILE`: the lists of the app as spreadsheets.

use std::path::PathBuf;

use lotsen::app::{parse, Session};
use lotsen::Result;

#[derive(clap::Args)]
pub struct Args {
    kind: String,
    #[arg(long, default_value = "csv")]
    format: String,
    #[arg(long)]
    out: PathBuf,
    /// Haushaltsjahr (payments)
    #[arg(long)]
    year: Option<i32>,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let kind = parse::export_kind("kind", &args.kind)?;
    let format = parse::export_format("format", &args.format)?;
    let table = session
        .store()
        .export_table(kind, args.year, session.today())?;
    lotsen::documents::write_file(&args.out, &lotsen::io::export::render(&table, format)?)?;
    eprintln!(
        "{} Zeilen geschrieben: {}",
        table.rows.len(),
        args.out.display()
    );
    Ok(())
}
