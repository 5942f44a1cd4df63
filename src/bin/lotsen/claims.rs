//! `lotsen claims [--json]` lists the claim-backs (Rückforderungen); `claims offset|repaid|waive
//! NUMBER` settles one: offset against the next payment, repaid on a day, or waived with a reason.

use lotsen::app::reconcile::SettleInput;
use lotsen::app::Session;
use lotsen::domain::money::Cents;
use lotsen::domain::reconcile::ClaimBack;
use lotsen::Result;

use crate::output::{json, or_dash, out, render, table};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Mit der nächsten Auszahlung verrechnen (Korrektur im nächsten Entwurf)
    Offset {
        /// Abrechnungsnummer der Rückforderung, z. B. AE-2026-12-003
        number: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Als zurückgezahlt vermerken
    Repaid {
        number: String,
        /// Eingang am JJJJ-MM-TT (Standard: heute)
        #[arg(long, default_value = "")]
        on: String,
    },
    /// Erlassen, mit Begründung
    Waive {
        number: String,
        #[arg(long)]
        reason: String,
    },
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let input = match args.action {
        None => {
            let claims = session.claim_backs()?;
            if args.json {
                json(&claims);
            } else {
                out(&text(&claims));
            }
            return Ok(());
        }
        Some(Action::Offset { number, reason }) => SettleInput {
            statement_number: number,
            how: "offset".into(),
            on: String::new(),
            reason,
        },
        Some(Action::Repaid { number, on }) => SettleInput {
            statement_number: number,
            how: "repaid".into(),
            on,
            reason: String::new(),
        },
        Some(Action::Waive { number, reason }) => SettleInput {
            statement_number: number,
            how: "waived".into(),
            on: String::new(),
            reason,
        },
    };
    let c = session.settle_claim(&input)?;
    eprintln!(
        "Rückforderung {} ({}, {}) {}.",
        c.statement_number,
        c.name,
        Cents(c.amount_cents),
        c.settled.map_or("offen", |s| s.label())
    );
    if args.json {
        json(&c);
    }
    Ok(())
}

fn text(claims: &[ClaimBack]) -> String {
    if claims.is_empty() {
        return "Keine Rückforderungen.".into();
    }
    let mut t = table(
        [
            "Abrechnung",
            "Name",
            "Monat",
            "Betrag",
            "Stand",
            "am",
            "Begründung",
        ],
        &[3],
    );
    for c in claims {
        t.add_row([
            c.statement_number.clone(),
            c.name.clone(),
            c.month.clone(),
            Cents(c.amount_cents).to_string(),
            match (c.settled, &c.offset_in) {
                (None, _) => "offen".to_string(),
                (Some(s), Some(m)) => format!("{} im Lauf {m}", s.label()),
                (Some(s), None) => s.label().to_string(),
            },
            or_dash(c.settled_on.as_deref().unwrap_or("")).to_string(),
            or_dash(&c.reason).to_string(),
        ]);
    }
    render(&t)
}
