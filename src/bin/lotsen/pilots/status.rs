//! `lotsen pilots status ID STATUS --on DATE`: a change of status under the app's rules, also dated
//! in the past (entry with history: the rules of that day apply); `--undo --reason R` cancels the
//! latest change (Storno), which stays in the history as cancelled.

use lotsen::app::history::StatusInput;
use lotsen::app::Session;
use lotsen::domain::dates::format_date;
use lotsen::domain::lifecycle::latest_change;
use lotsen::Result;

use crate::output::out;

#[derive(clap::Args)]
pub struct Args {
    /// Nr. des Lotsen
    id: i64,
    /// prospect, in_qualification, qualified, active, paused, left (oder deutsch)
    #[arg(required_unless_present = "undo", conflicts_with = "undo")]
    status: Option<String>,
    /// wirksam ab JJJJ-MM-TT (auch in der Vergangenheit)
    #[arg(
        long,
        value_name = "DATUM",
        required_unless_present = "undo",
        conflicts_with = "undo"
    )]
    on: Option<String>,
    #[arg(
        long,
        value_name = "NOTIZ",
        default_value = "",
        conflicts_with = "undo"
    )]
    note: String,
    /// die letzte Statusänderung stornieren (bleibt als storniert im Verlauf)
    #[arg(long, requires = "reason")]
    undo: bool,
    /// Grund des Stornos
    #[arg(long, value_name = "GRUND", requires = "undo")]
    reason: Option<String>,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    if args.undo {
        let before = session.pilot_record(args.id)?;
        let r = session.undo_status(args.id, &args.reason.unwrap_or_default())?;
        let c = latest_change(&before.history).expect("a Storno cancels the latest change");
        out(&format!(
            "{}: Statusänderung „{}“ ab {} storniert (bleibt als storniert im Verlauf); Status jetzt {}",
            r.pilot.display_name(),
            c.status.label(),
            format_date(c.effective_on),
            r.status.label()
        ));
        return Ok(());
    }
    let input = StatusInput {
        status: args.status.unwrap_or_default(),
        on: args.on.unwrap_or_default(),
        note: args.note,
    };
    let r = session.change_status_as_typed(args.id, &input)?;
    let c = latest_change(&r.history).expect("the change just made");
    out(&format!(
        "{}: Status {} ab {}",
        r.pilot.display_name(),
        c.status.label(),
        format_date(c.effective_on)
    ));
    Ok(())
}
