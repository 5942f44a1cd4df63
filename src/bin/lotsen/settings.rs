//! `lotsen settings [--json]` and `lotsen settings set KEY VALUE [--from DATE]`: every setting with
//! its value in force and its history; one key changed, dated keys with "gültig ab".

use lotsen::app::Session;
use lotsen::db::SettingView;
use lotsen::domain::dates::format_date;
use lotsen::Result;

use crate::output::{json, out, render, table};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    set: Option<SetCommand>,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Subcommand)]
enum SetCommand {
    /// Einen Wert setzen, z. B. `settings set allowance.rate 140,00 --from 2027-01-01`
    Set {
        key: String,
        value: String,
        /// gültig ab JJJJ-MM-TT (nur für Werte mit Gültigkeit; Standard: heute; Beträge ab einem
        /// Monatsersten)
        #[arg(long)]
        from: Option<String>,
    },
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    if let Some(SetCommand::Set { key, value, from }) = args.set {
        let view = session.set_setting(&key, &value, from.as_deref())?;
        let last = view.history.last().expect("just recorded");
        match last.valid_from {
            Some(d) => eprintln!(
                "{} ({}) = {} gültig ab {}.",
                view.label,
                view.key,
                last.display,
                format_date(d)
            ),
            None => eprintln!("{} ({}) = {}.", view.label, view.key, last.display),
        }
        out(&text(&[view]));
        return Ok(());
    }
    let views = session.setting_views()?;
    if args.json {
        json(&views);
    } else {
        out(&text(&views));
    }
    Ok(())
}

fn text(views: &[SettingView]) -> String {
    let mut t = table(["Schlüssel", "Bezeichnung", "Wert heute", "Verlauf"], &[]);
    for v in views {
        let history: Vec<String> = v
            .history
            .iter()
            .map(|h| match h.valid_from {
                Some(d) => format!("{} ab {}", h.display, format_date(d)),
                None => format!(
                    "{} (gesetzt am {})",
                    h.display,
                    lotsen::domain::dates::local_date_of(&h.recorded_at)
                        .map(format_date)
                        .unwrap_or_default()
                ),
            })
            .collect();
        t.add_row([
            v.key.clone(),
            v.label.clone(),
            v.display.clone(),
            if history.is_empty() {
                "—".into()
            } else {
                history.join("; ")
            },
        ]);
    }
    render(&t)
}
