//! `lotsen pilots district ID DISTRICT --on DATE`: a move to another former district from a day, kept
//! as history (coverage and payment figures of an earlier day keep the district of that day).

use lotsen::app::history::DistrictInput;
use lotsen::app::Session;
use lotsen::domain::dates::format_date;
use lotsen::Result;

use crate::output::out;

#[derive(clap::Args)]
pub struct Args {
    /// Nr. des Lotsen
    id: i64,
    /// Altkreis: Halberstadt, Quedlinburg oder Wernigerode
    #[arg(value_name = "ALTKREIS")]
    district: String,
    /// wirksam ab JJJJ-MM-TT (auch in der Vergangenheit)
    #[arg(long, value_name = "DATUM")]
    on: String,
    #[arg(long, value_name = "NOTIZ", default_value = "")]
    note: String,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let input = DistrictInput {
        district: args.district,
        on: args.on,
        note: args.note,
    };
    let r = session.change_district(args.id, &input)?;
    let c = r
        .district_history
        .iter()
        .max_by_key(|c| (c.effective_on, c.seq))
        .expect("the change just made");
    out(&format!(
        "{}: Altkreis {} ab {} (vorher {})",
        r.pilot.display_name(),
        c.to.as_deref().unwrap_or("—"),
        format_date(c.effective_on),
        c.from.as_deref().unwrap_or("—")
    ));
    Ok(())
}
