//! `lotsen run create|approve|paid|show MONTH`: the monthly allowance run (Abrechnungslauf).

use lotsen::app::{parse, Session};
use lotsen::domain::iban;
use lotsen::domain::money::Cents;
use lotsen::domain::run::Run;
use lotsen::Result;

use crate::output::{json, out, render, table};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Entwurf erstellen oder neu berechnen
    Create { month: String },
    /// Freigeben (prüft Budget, IBAN, Zeitpunkt) und Abrechnungsnummern vergeben
    Approve { month: String },
    /// Als bezahlt markieren
    Paid {
        month: String,
        /// Zahlungsdatum JJJJ-MM-TT (Standard: heute)
        #[arg(long)]
        paid_on: Option<String>,
    },
    /// Lauf anzeigen
    Show {
        month: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(session: &mut Session, cmd: Command) -> Result<()> {
    let (today, who) = (session.today(), session.actor());
    let (run, action) = match cmd {
        Command::Create { month } => {
            let month = parse::month("month", &month)?.to_string();
            let run = session.store_mut().create_run(&month, today)?;
            (run, "als Entwurf berechnet")
        }
        Command::Approve { month } => {
            let month = parse::month("month", &month)?.to_string();
            let run = session.store_mut().approve_run(&month, &who, today)?;
            (run, "freigegeben")
        }
        Command::Paid { month, paid_on } => {
            let month = parse::month("month", &month)?.to_string();
            let on = parse::optional_date("paid_on", "Zahlungsdatum", paid_on.as_deref())?
                .unwrap_or(today);
            let run = session.store_mut().mark_paid(&month, on, today)?;
            (run, "als bezahlt markiert")
        }
        Command::Show {
            month,
            json: as_json,
        } => {
            let run = session
                .store()
                .run(&parse::month("month", &month)?.to_string())?;
            if as_json {
                json(&run);
                return Ok(());
            }
            (run, "")
        }
    };
    if !action.is_empty() {
        eprintln!("Abrechnungslauf {} {action}.", run.label);
    }
    out(&run_text(&run));
    Ok(())
}

fn run_text(r: &Run) -> String {
    let mut t = table(
        [
            "Nr.",
            "Name",
            "Altkreis",
            "Tage",
            "Betrag",
            "Korrektur",
            "Netto",
            "IBAN",
        ],
        &[3, 4, 5, 6],
    );
    let mut lowered = Vec::new();
    for l in &r.lines {
        let number = l.statement_number.as_deref().unwrap_or("—");
        t.add_row([
            number.to_string(),
            l.name.clone(),
            l.district.clone(),
            format!("{}/{}", l.eligible_days, l.days_in_month),
            Cents(l.amount_cents).to_string(),
            Cents(l.corrections_cents).to_string(),
            Cents(l.net_cents).to_string(),
            if l.iban.is_empty() {
                "—".into()
            } else {
                iban::format(&l.iban)
            },
        ]);
        if !l.lowered_reason.is_empty() {
            lowered.push(format!(
                "{}: gesenkt von {}: {}",
                l.name,
                Cents(l.computed_cents),
                l.lowered_reason
            ));
        }
    }
    let mut lines = vec![
        format!("Abrechnungslauf {} – {}", r.label, r.state.label()),
        render(&t),
    ];
    lines.extend(lowered);
    lines.push(format!(
        "Summe Auszahlung: {}   Rückforderungen: {}",
        Cents(r.total_cents),
        Cents(r.claim_back_cents)
    ));
    lines.join("\n")
}
