//! `lotsen pilots list`: the register filtered like the app's list, as a table or JSON.

use lotsen::app::{parse, Session};
use lotsen::domain::iban;
use lotsen::domain::register;
use lotsen::{Pilot, PilotQuery, Result};

use crate::output::{json, out, render, table};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    district: Option<String>,
    /// Status: prospect, in_qualification, qualified, active, paused, left (oder deutsch)
    #[arg(long)]
    status: Option<String>,
    #[arg(long)]
    language: Option<String>,
    /// Suche in Name, Ort und Sprachen
    #[arg(long)]
    search: Option<String>,
    #[arg(long)]
    json: bool,
}

/// A pilot as `--json` lists them.
#[derive(serde::Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    pilot: &'a Pilot,
    eligible: bool,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let status = match &args.status {
        None => None,
        Some(s) => Some(parse::status("status", s)?),
    };
    let query = PilotQuery {
        search: args.search,
        district: args.district,
        status,
        language: args.language,
        ..Default::default()
    };
    let store = session.store();
    let all = store.pilots()?;
    let pilots = register::apply(&all, &query);
    if args.json {
        // The pilot as stored plus whether they may work today (what scripts ask most).
        let eligible = store.eligibility(session.today())?;
        let rows: Vec<Listed> = pilots
            .iter()
            .map(|pilot| Listed {
                pilot,
                eligible: eligible.get(&pilot.id).copied().unwrap_or(false),
            })
            .collect();
        json(&rows);
    } else {
        out(&pilots_text(&pilots));
    }
    Ok(())
}

fn pilots_text(pilots: &[&Pilot]) -> String {
    let mut t = table(
        [
            "Nr.", "Name", "Ort", "Altkreis", "Status", "Sprachen", "IBAN",
        ],
        &[0],
    );
    for p in pilots {
        t.add_row([
            p.id.to_string(),
            format!("{}, {}", p.last_name, p.first_name),
            p.town.clone(),
            p.district.clone().unwrap_or_else(|| "—".into()),
            p.status.label().to_string(),
            p.languages.join(", "),
            if p.iban.is_empty() {
                "—".into()
            } else {
                iban::format(&p.iban)
            },
        ]);
    }
    format!("{}\n{} Lotsen", render(&t), pilots.len())
}
