//! `lotsen budget [YEAR]` and `lotsen budget set YEAR AMOUNT`: the year's budget with its forecast.

use chrono::Datelike;
use lotsen::app::{parse, Session};
use lotsen::domain::budget::BudgetYear;
use lotsen::domain::dates::format_date;
use lotsen::domain::money::Cents;
use lotsen::domain::run::Budget;
use lotsen::Result;

use crate::output::{json, or_dash, out, render, table};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    set: Option<SetCommand>,
    /// Haushaltsjahr (Standard: das Jahr von --today)
    year: Option<i32>,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Subcommand)]
enum SetCommand {
    /// Budget festlegen: Betrag in Euro ("46.800,00" oder 46800)
    Set {
        year: i32,
        amount: String,
        /// Bescheid-Nr.
        #[arg(long)]
        notice: Option<String>,
        /// Datum des Bescheids JJJJ-MM-TT
        #[arg(long)]
        notice_date: Option<String>,
        /// Buchungsstelle
        #[arg(long)]
        line: Option<String>,
    },
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let today = session.today();
    let year = match args.set {
        Some(SetCommand::Set {
            year,
            amount,
            notice,
            notice_date,
            line,
        }) => {
            // Everything typed is read before anything is written: a refused value changes nothing.
            let amount = parse::euros("amount_cents", "Betrag", &amount)?;
            let notice_date =
                parse::optional_date("notice_date", "Bescheiddatum", notice_date.as_deref())?;
            // What is not given stays as it was (notice, its date, the budget line).
            let old = session.store().budget(year)?;
            let b = Budget {
                year,
                amount_cents: amount.0,
                notice_number: notice
                    .or_else(|| old.as_ref().map(|o| o.notice_number.clone()))
                    .unwrap_or_default(),
                notice_date: notice_date.or_else(|| old.as_ref().and_then(|o| o.notice_date)),
                budget_line: line
                    .or_else(|| old.as_ref().map(|o| o.budget_line.clone()))
                    .unwrap_or_default(),
            };
            let who = session.actor();
            session.store_mut().set_budget(&b, &who)?;
            eprintln!("Budget {year}: {}", Cents(b.amount_cents));
            year
        }
        None => args.year.unwrap_or(today.year()),
    };
    let view = session.store().budget_year(year, today)?;
    if args.json {
        json(&view);
    } else {
        out(&budget_text(&view));
    }
    Ok(())
}

fn budget_text(y: &BudgetYear) -> String {
    let mut lines = vec![
        format!("Haushaltsjahr {}", y.year),
        match &y.budget {
            None => "Budget: nicht festgelegt".into(),
            Some(b) => format!(
                "Budget: {}   Bescheid: {} {}   Buchungsstelle: {}",
                Cents(b.amount_cents),
                or_dash(&b.notice_number),
                b.notice_date.map(format_date).unwrap_or_default(),
                or_dash(&b.budget_line)
            ),
        },
        format!(
            "freigegeben: {}   bezahlt: {}   Entwürfe: {}   verbleibend: {}",
            Cents(y.approved_cents),
            Cents(y.paid_cents),
            Cents(y.draft_cents),
            Cents(y.remaining_cents)
        ),
        String::new(),
    ];
    let mut t = table(
        [
            "Monat",
            "Stand",
            "freigegeben",
            "Entwurf",
            "Prognose",
            "danach übrig",
        ],
        &[2, 3, 4, 5],
    );
    for m in &y.months {
        t.add_row([
            m.label.clone(),
            m.state.map(|s| s.label()).unwrap_or("—").to_string(),
            Cents(m.approved_cents).to_string(),
            Cents(m.draft_cents).to_string(),
            Cents(m.forecast_cents).to_string(),
            m.remaining_after_cents
                .map(|c| Cents(c).to_string())
                .unwrap_or_else(|| "—".into()),
        ]);
    }
    lines.push(render(&t));
    lines.push(String::new());
    lines.push(match &y.first_uncovered {
        Some(m) => format!("Achtung: Das Budget reicht voraussichtlich nur bis vor {m}."),
        None if y.budget.is_some() => {
            "Das Budget reicht voraussichtlich bis zum Jahresende.".into()
        }
        None => "Ohne Budget keine Prognose der Deckung.".into(),
    });
    if let Some(n) = y.pilots_affordable {
        lines.push(format!(
            "Das freie Budget trägt beim aktuellen Satz {n} Lotsen bis Jahresende."
        ));
    }
    lines.join("\n")
}
