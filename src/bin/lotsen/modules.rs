//! `lotsen modules add ID MODULE... --on DATE`: modules of the basic course (or a refresher) done
//! outside the courses of the app, recognised ("anerkannt") with a date and a note.

use lotsen::app::history::{session_kinds, ModulesInput};
use lotsen::app::{parse, Session};
use lotsen::domain::dates::format_date;
use lotsen::Result;

use crate::output::out;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Module als anerkannt eintragen (außerhalb eines Lehrgangs der App besucht)
    Add(AddArgs),
}

#[derive(clap::Args)]
pub struct AddArgs {
    /// Nr. des Lotsen
    id: i64,
    /// Modulnummern 1 bis 5, auch „1-5“ oder „1,2,4“, oder „Auffrischung“
    #[arg(required = true, value_name = "MODUL")]
    modules: Vec<String>,
    /// besucht am JJJJ-MM-TT
    #[arg(long, value_name = "DATUM")]
    on: String,
    /// z. B. wo der Kurs besucht wurde
    #[arg(long, value_name = "NOTIZ", default_value = "")]
    note: String,
}

pub fn run(session: &mut Session, cmd: Command) -> Result<()> {
    let Command::Add(a) = cmd;
    let input = ModulesInput {
        modules: a.modules,
        on: a.on,
        note: a.note,
    };
    let r = session.add_modules(a.id, &input)?;
    // The input has passed the checks: read back for the message.
    let kinds = session_kinds(&input.modules)?;
    let on = parse::date("on", "Datum", &input.on)?;
    let done = r.modules.iter().filter(|m| m.done).count();
    out(&format!(
        "{}: anerkannt am {}: {}. Basislehrgang: {done} von {} Modulen",
        r.pilot.display_name(),
        format_date(on),
        kinds
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join(", "),
        r.modules.len()
    ));
    Ok(())
}
