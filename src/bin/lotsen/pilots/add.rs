//! `lotsen pilots add`: a new pilot with the same checks as the app's form, also "im Programm seit" a
//! past day (`--since`); prints the new number on stdout and what was done on stderr.

use lotsen::app::Session;
use lotsen::domain::dates::format_date;
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
    /// im Programm seit JJJJ-MM-TT (Standard: heute); die Vorgeschichte wird danach eingetragen
    #[arg(long, value_name = "DATUM")]
    since: Option<String>,
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
    for d in session
        .store()
        .find_duplicates(&input, None, session.today())?
    {
        eprintln!(
            "Warnung: möglicher Doppeleintrag – Nr. {} {} ({})",
            d.id, d.name, d.reason
        );
    }
    let p = session.add_pilot(&input, a.since.as_deref())?;
    let since = session.pilot_record(p.id)?.in_programme_since;
    // stdout stays the bare number for scripts (`id=$(lotsen pilots add …)`).
    out(&p.id.to_string());
    eprintln!(
        "Lotse Nr. {} angelegt: {}, im Programm seit {}",
        p.id,
        p.display_name(),
        since.map(format_date).unwrap_or_else(|| "—".into())
    );
    Ok(())
}
