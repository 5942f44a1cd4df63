//! `lotsen reconcile [YEAR] [--json] [--apply]`: approved months recomputed from today's facts; each
//! difference per pilot and month; `--apply` books them as corrections for the next draft.

use lotsen::app::{reconcile, Session};
use lotsen::db::Reconciliation;
use lotsen::domain::money::Cents;
use lotsen::Result;

use crate::output::{json, or_dash, out, render, table};

#[derive(clap::Args)]
pub struct Args {
    /// Haushaltsjahr (Standard: alle freigegebenen Monate)
    year: Option<String>,
    #[arg(long)]
    json: bool,
    /// Die Unterschiede als Nachzahlung/Rückforderung in den nächsten Entwurf übernehmen
    #[arg(long)]
    apply: bool,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let year = reconcile::year(args.year.as_deref())?;
    let r = if args.apply {
        let booked = session.apply_reconciliation(year)?;
        eprintln!(
            "{} Korrekturen übernommen (Nachzahlungen {}, Rückforderungen {}){}.",
            booked.differences.len(),
            Cents(booked.back_pay_cents),
            Cents(booked.claim_back_cents),
            booked
                .into_month
                .as_deref()
                .map(|m| format!("; sie kommen in den Lauf {m}"))
                .unwrap_or_default()
        );
        booked
    } else {
        session.reconcile(year)?
    };
    if args.json {
        json(&r);
    } else {
        out(&text(&r));
    }
    Ok(())
}

fn text(r: &Reconciliation) -> String {
    if r.differences.is_empty() {
        return format!(
            "Abgleich: {} freigegebene Monate stimmen mit den heutigen Daten überein.",
            r.months.len()
        );
    }
    let mut t = table(
        [
            "Nr.",
            "Name",
            "Monat",
            "Abrechnung",
            "Tage",
            "gezahlt",
            "fällig",
            "Differenz",
            "Art",
        ],
        &[0, 4, 5, 6, 7],
    );
    for d in &r.differences {
        t.add_row([
            d.pilot_id.to_string(),
            d.name.clone(),
            d.month.clone(),
            or_dash(d.statement_number.as_deref().unwrap_or("")).to_string(),
            format!("{} statt {}", d.days, d.booked_days),
            Cents(d.paid_cents).to_string(),
            Cents(d.due_cents).to_string(),
            Cents(d.difference_cents).to_string(),
            d.kind.clone(),
        ]);
    }
    format!(
        "Abgleich: {} Unterschiede in {} freigegebenen Monaten\n{}\nNachzahlungen {}   Rückforderungen {}",
        r.differences.len(),
        r.months.len(),
        render(&t),
        Cents(r.back_pay_cents),
        Cents(r.claim_back_cents)
    )
}
