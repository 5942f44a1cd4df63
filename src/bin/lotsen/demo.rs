//! `lotsen demo [--pilots N]`: the complete fictitious demo for trying every feature out (pilots,
//! the county's debtor account and letterhead, budgets), clearly marked as demo data.

use lotsen::app::Session;
use lotsen::Result;

use crate::output::out;

#[derive(clap::Args)]
pub struct Args {
    /// Anzahl fiktiver Lotsen (Standard: 30), auch für Lasttests
    #[arg(long, value_name = "ANZAHL")]
    pilots: Option<usize>,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let s = session.load_full_demo(args.pilots)?;
    out(&format!(
        "{} fiktive Lotsen angelegt in {}",
        s.pilots,
        session.db_path().display()
    ));
    out(&format!(
        "Demo-Auftraggeberkonto {}, Briefkopf als Demo gekennzeichnet, Budget für {}",
        lotsen::domain::iban::format(&s.debtor_iban),
        s.budget_years
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(" und ")
    ));
    Ok(())
}
