//! `lotsen pilots status ID STATUS --on DATE`: a change of status under the app's rules.

use lotsen::app::{parse, Session};
use lotsen::domain::dates::format_date;
use lotsen::Result;

use crate::output::out;

#[derive(clap::Args)]
pub struct Args {
    id: i64,
    /// prospect, in_qualification, qualified, active, paused, left (oder deutsch)
    status: String,
    /// wirksam ab JJJJ-MM-TT
    #[arg(long)]
    on: String,
    #[arg(long, default_value = "")]
    note: String,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let status = parse::status("status", &args.status)?;
    let on = parse::date("effective_on", "Wirksam ab", &args.on)?;
    let (today, who) = (session.today(), session.actor());
    let r = session
        .store_mut()
        .change_status(args.id, status, on, &args.note, &who, today)?;
    out(&format!(
        "{}: Status {} ab {}",
        r.pilot.display_name(),
        status.label(),
        format_date(on)
    ));
    Ok(())
}
