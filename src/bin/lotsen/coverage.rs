//! `lotsen coverage`: eligible pilots against the target per former district (Altkreis).

use std::path::PathBuf;

use lotsen::app::{parse, Session};
use lotsen::domain::coverage::Coverage;
use lotsen::domain::dates::format_date;
use lotsen::Result;

use crate::output::{json, out, render, table};

#[derive(clap::Args)]
pub struct Args {
    /// Stichtag JJJJ-MM-TT (Standard: heute)
    #[arg(long)]
    date: Option<String>,
    #[arg(long)]
    json: bool,
    /// Abdeckungsbericht als PDF in diese Datei schreiben
    #[arg(long)]
    pdf: Option<PathBuf>,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let today = session.today();
    let date = parse::optional_date("date", "Stichtag", args.date.as_deref())?.unwrap_or(today);
    let store = session.store();
    let c = store.coverage(date)?;
    if let Some(file) = &args.pdf {
        let history = store.coverage_history(date)?;
        let letterhead = store.settings()?.letterhead;
        let bytes = lotsen::documents::coverage_report(&c, &history, &letterhead, today)?;
        lotsen::documents::write_file(file, &bytes)?;
        eprintln!("Abdeckungsbericht gespeichert: {}", file.display());
    }
    if args.json {
        json(&c);
    } else {
        out(&coverage_text(&c));
    }
    Ok(())
}

fn coverage_text(c: &Coverage) -> String {
    let mut t = table(
        [
            "Altkreis",
            "Soll",
            "einsatzbereit",
            "Abdeckung",
            "Ampel",
            "Pipeline",
            "ruhend",
            "eFZ läuft ab",
            "Auffr. fällig",
        ],
        &[1, 2, 3, 5, 6, 7, 8],
    );
    for d in c.districts.iter().chain(std::iter::once(&c.total)) {
        t.add_row([
            d.district.clone(),
            d.target.to_string(),
            d.eligible.to_string(),
            format!("{}%", d.coverage_percent),
            d.light.label().to_string(),
            d.pipeline.to_string(),
            d.paused.to_string(),
            d.ending_soon.to_string(),
            d.refresher_overdue.to_string(),
        ]);
    }
    let mut lines = vec![format!("Abdeckung am {}", format_date(c.date)), render(&t)];
    lines.push(String::new());
    for d in &c.districts {
        let langs: Vec<String> = d
            .languages
            .iter()
            .map(|l| format!("{} ({})", l.language, l.pilots))
            .collect();
        lines.push(format!(
            "{}: Sprachen {}",
            d.district,
            if langs.is_empty() {
                "—".into()
            } else {
                langs.join(", ")
            }
        ));
        lines.push(format!(
            "{}: Lücken {}",
            d.district,
            if d.language_gaps.is_empty() {
                "keine".into()
            } else {
                d.language_gaps.join(", ")
            }
        ));
    }
    lines.join("\n")
}
