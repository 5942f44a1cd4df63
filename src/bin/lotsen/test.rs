//! `lotsen test add ID --on DATE --points P --max M --interview passed|failed --interviewer N`: a
//! final test attempt, also a past one; it is judged by the pass mark in force on its day.

use lotsen::app::history::TestInput;
use lotsen::app::Session;
use lotsen::domain::dates::format_date;
use lotsen::Result;

use crate::output::{out, passed};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Versuch des Abschlusstests eintragen (auch rückwirkend)
    Add(AddArgs),
}

#[derive(clap::Args)]
pub struct AddArgs {
    /// Nr. des Lotsen
    id: i64,
    /// Testdatum JJJJ-MM-TT
    #[arg(long, value_name = "DATUM")]
    on: String,
    /// erreichte Punkte im schriftlichen Teil
    #[arg(long, value_name = "PUNKTE")]
    points: String,
    /// Höchstpunktzahl
    #[arg(long, value_name = "PUNKTE")]
    max: String,
    /// Gespräch: passed (bestanden) oder failed (nicht bestanden)
    #[arg(long, value_name = "ERGEBNIS")]
    interview: String,
    /// wer das Gespräch geführt hat
    #[arg(long, value_name = "NAME")]
    interviewer: String,
}

pub fn run(session: &mut Session, cmd: Command) -> Result<()> {
    let Command::Add(a) = cmd;
    let input = TestInput {
        on: a.on,
        points: a.points,
        max_points: a.max,
        interview: a.interview,
        interviewer: a.interviewer,
    };
    let r = session.add_test(a.id, &input)?;
    let t = r
        .attempts
        .iter()
        .max_by_key(|t| t.id)
        .expect("the attempt just added");
    out(&format!(
        "{}: Abschlusstest vom {} eingetragen: {} von {} Punkten (Bestehensgrenze {} %), Gespräch {} – {}",
        r.pilot.display_name(),
        format_date(t.attempt.taken_on),
        t.attempt.points,
        t.attempt.max_points,
        t.pass_mark_percent,
        passed(t.attempt.interview_passed),
        passed(t.passed)
    ));
    Ok(())
}
