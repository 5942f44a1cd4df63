//! `lotsen due`: the due list of the Übersicht (eFZ, refresher, appointment, letters).

use lotsen::app::Session;
use lotsen::domain::dates::format_date;
use lotsen::Result;

use crate::output::{json, out, render, table};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    json: bool,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let items = session.store().due_list(session.today())?;
    if args.json {
        json(&items);
    } else if items.is_empty() {
        out("Nichts fällig.");
    } else {
        // The label already names the pilot.
        let mut t = table(["Datum", "Nr.", "Fällig"], &[1]);
        for d in &items {
            t.add_row([format_date(d.date), d.pilot_id.to_string(), d.label.clone()]);
        }
        out(&render(&t));
    }
    Ok(())
}
