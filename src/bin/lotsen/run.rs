//! `lotsen run create|approve|paid|show MONTH`: the monthly allowance run (Abrechnungslauf).

use lotsen::app::allowances::Shown;
use lotsen::app::{parse, Session};
use lotsen::domain::approval::Approval;
use lotsen::domain::iban;
use lotsen::domain::money::Cents;
use lotsen::domain::run::Run;
use lotsen::Result;

use crate::output::{json, out, render, table};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Entwurf erstellen oder neu berechnen
    Create { month: String },
    /// Freigeben: rechnet den Monat neu und gibt nur frei, wenn das Ergebnis dem gespeicherten
    /// Entwurf entspricht (sonst werden die Unterschiede gezeigt); prüft Budget, IBAN/BIC,
    /// Zeitpunkt und vergibt die Abrechnungsnummern
    Approve {
        month: String,
        /// Die Unterschiede zum gespeicherten Entwurf übernehmen und mit den Zahlen von heute freigeben
        #[arg(long)]
        accept_changes: bool,
    },
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
    let today = session.today();
    let (run, action) = match cmd {
        Command::Create { month } => {
            let month = parse::month("month", &month)?.to_string();
            let run = session.store_mut().create_run(&month, today)?;
            (run, "als Entwurf berechnet")
        }
        Command::Approve {
            month,
            accept_changes,
        } => {
            let shown = if accept_changes {
                Shown::AcceptChanges
            } else {
                Shown::Stored
            };
            match session.approve(&month, shown)? {
                Approval::Approved { run } => (*run, "freigegeben"),
                Approval::Stale { differences, .. } => {
                    let mut lines = vec![format!(
                        "Der Entwurf {} entspricht nicht mehr den Daten von heute:",
                        parse::month("month", &month)?.label()
                    )];
                    lines.extend(differences.iter().map(|d| format!("  {}", d.text)));
                    lines.push(
                        "Nicht freigegeben. Mit --accept-changes werden die Zahlen von heute übernommen und freigegeben."
                            .into(),
                    );
                    return Err(lotsen::Error::Conflict(lines.join("\n")));
                }
            }
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
