//! `lotsen sepa MONTH --out FILE [--again --reason R]`: the credit transfer file of an approved run,
//! recorded; a second file only with `--again` and a reason (same message id); never after "bezahlt".

use std::path::PathBuf;

use lotsen::app::Session;
use lotsen::domain::money::Cents;
use lotsen::Result;

#[derive(clap::Args)]
pub struct Args {
    month: String,
    #[arg(long)]
    out: PathBuf,
    /// Die Datei erneut erstellen (dieselbe Nachrichten-ID); braucht --reason
    #[arg(long, requires = "reason")]
    again: bool,
    /// Warum die Datei erneut erstellt wird
    #[arg(long, requires = "again")]
    reason: Option<String>,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let again = args.again.then(|| args.reason.as_deref().unwrap_or(""));
    let file = session.prepare_sepa(&args.month, again)?;
    let e = session.save_sepa(&file, &args.out)?;
    eprintln!(
        "SEPA-Datei {}geschrieben: {} ({} Überweisungen, {}, Nachrichten-ID {}).",
        if e.reason.is_empty() { "" } else { "erneut " },
        args.out.display(),
        e.transactions,
        Cents(e.control_sum_cents),
        e.message_id
    );
    Ok(())
}
