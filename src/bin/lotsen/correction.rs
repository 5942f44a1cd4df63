//! `lotsen correction add ID AMOUNT --month YYYY-MM --reason R`: a correction by hand for an approved
//! month (+ Nachzahlung, − Rückforderung); it waits for the next draft.

use lotsen::app::Session;
use lotsen::domain::money::Cents;
use lotsen::domain::reconcile::direction;
use lotsen::Result;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Korrektur erfassen: + Nachzahlung, − Rückforderung, für einen freigegebenen Monat
    Add {
        /// Nr. des Lotsen
        id: i64,
        /// Betrag in Euro ("20,00", "-130,00")
        #[arg(allow_hyphen_values = true)]
        amount: String,
        /// Der Monat, für den korrigiert wird (JJJJ-MM)
        #[arg(long)]
        month: String,
        /// Begründung
        #[arg(long)]
        reason: String,
    },
}

pub fn run(session: &mut Session, cmd: Command) -> Result<()> {
    let Command::Add {
        id,
        amount,
        month,
        reason,
    } = cmd;
    let c = session.add_correction(id, &amount, &month, &reason)?;
    let number = if c.original_statement.is_empty() {
        String::new()
    } else {
        format!(" zu {}", c.original_statement)
    };
    eprintln!(
        "{} {} für {}{number} erfasst (Korrektur Nr. {}); sie kommt in den nächsten Entwurf.",
        direction(c.amount_cents),
        Cents(c.amount_cents.abs()),
        c.for_month,
        c.id
    );
    Ok(())
}
