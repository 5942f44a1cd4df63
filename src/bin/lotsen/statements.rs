//! `lotsen statements MONTH --out DIR`: the combined PDF and one statement per pilot.

use std::path::PathBuf;

use lotsen::app::files::safe_file_name;
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
    let docs = session
        .store()
        .run_documents(&month.to_string(), session.today())?;
    let dir = &args.out;
    let write = |name: &str, bytes: &[u8]| {
        lotsen::documents::write_file(&dir.join(safe_file_name(name)), bytes)
    };
    write(&docs.combined_file_name(), &docs.combined)?;
    for (name, bytes) in &docs.statements {
        write(name, bytes)?;
    }
    eprintln!(
        "{}{} Abrechnungen und die Sammeldatei geschrieben nach {}",
        if docs.draft { "ENTWURF: " } else { "" },
        docs.statements.len(),
        dir.display()
    );
    Ok(())
}
