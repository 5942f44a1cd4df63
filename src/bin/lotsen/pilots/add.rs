//! `lotsen pilots add`: a new pilot with the same checks as the app's form; prints the new number.

use lotsen::app::Session;
use lotsen::{PilotInput, Result};

use crate::output::out;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    first_name: String,
    #[arg(long)]
    last_name: String,
    #[arg(long)]
    birth_date: Option<String>,
    #[arg(long, default_value = "")]
    street: String,
    #[arg(long, default_value = "")]
    postcode: String,
    #[arg(long, default_value = "")]
    town: String,
    #[arg(long)]
    municipality: Option<String>,
    #[arg(long)]
    district: Option<String>,
    #[arg(long, default_value = "")]
    phone: String,
    #[arg(long, default_value = "")]
    email: String,
    /// mehrfach möglich
    #[arg(long = "language")]
    languages: Vec<String>,
    #[arg(long, default_value = "")]
    account_holder: String,
    #[arg(long, default_value = "")]
    iban: String,
    /// BIC, nötig für Konten in SEPA-Ländern außerhalb des EWR (CH, GB, …)
    #[arg(long, default_value = "")]
    bic: String,
    #[arg(long)]
    source: Option<String>,
    #[arg(long, default_value = "")]
    notes: String,
}

pub fn run(session: &mut Session, a: Args) -> Result<()> {
    // The form's text goes to the store as typed: it validates every field (birth date included)
    // and names all that are wrong at once.
    let input = PilotInput {
        first_name: a.first_name,
        last_name: a.last_name,
        birth_date: a.birth_date,
        street: a.street,
        postcode: a.postcode,
        town: a.town,
        municipality: a.municipality,
        district: a.district,
        phone: a.phone,
        email: a.email,
        languages: a.languages,
        recruitment_source: a.source,
        account_holder: a.account_holder,
        iban: a.iban,
        bic: a.bic,
        notes: a.notes,
    };
    let (today, who) = (session.today(), session.actor());
    for d in session.store().find_duplicates(&input, None, today)? {
        eprintln!(
            "Warnung: möglicher Doppeleintrag – Nr. {} {} ({})",
            d.id, d.name, d.reason
        );
    }
    let p = session.store_mut().create_pilot(&input, today, &who)?;
    out(&p.id.to_string());
    Ok(())
}
