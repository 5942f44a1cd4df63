//! `lotsen pilots show ID`: the whole record of a pilot, as on the pilot's page.

use chrono::NaiveDate;
use lotsen::app::Session;
use lotsen::domain::dates::format_date;
use lotsen::domain::iban;
use lotsen::domain::record::PilotRecord;
use lotsen::Result;

use crate::output::{json, out, passed, render, screening_words, table};

#[derive(clap::Args)]
pub struct Args {
    id: i64,
    #[arg(long)]
    json: bool,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let record = session.store().pilot_record(args.id, session.today())?;
    if args.json {
        json(&record);
    } else {
        out(&record_text(&record));
    }
    Ok(())
}

fn date_or_dash(d: Option<NaiveDate>) -> String {
    d.map(format_date).unwrap_or_else(|| "—".into())
}

fn record_text(r: &PilotRecord) -> String {
    let p = &r.pilot;
    let mut lines = vec![
        format!("Nr. {} – {}, {}", p.id, p.last_name, p.first_name),
        format!(
            "Status: {}   einsatzberechtigt: {}",
            r.status.label(),
            if r.eligible { "ja" } else { "nein" }
        ),
        format!("Im Programm seit: {}", date_or_dash(r.in_programme_since)),
        format!(
            "Altkreis: {}   Ort: {}",
            p.district.as_deref().unwrap_or("—"),
            p.town
        ),
        format!(
            "IBAN: {}",
            if p.iban.is_empty() {
                "—".into()
            } else {
                iban::format(&p.iban)
            }
        ),
        String::new(),
        "Statusverlauf:".into(),
    ];
    let mut history = table(["wirksam ab", "Status", "von", "Notiz"], &[]);
    for c in &r.history {
        history.add_row([
            format_date(c.effective_on),
            c.status.label().to_string(),
            c.who.clone(),
            c.note.clone(),
        ]);
    }
    lines.push(render(&history));
    if !r.cancelled_changes.is_empty() {
        lines.push("Storniert:".into());
        let mut cancelled = table(["wirksam ab", "Status", "storniert von", "Grund"], &[]);
        for c in &r.cancelled_changes {
            cancelled.add_row([
                format_date(c.change.effective_on),
                c.change.status.label().to_string(),
                c.cancelled_by.clone(),
                c.reason.clone(),
            ]);
        }
        lines.push(render(&cancelled));
    }
    if !r.district_history.is_empty() {
        lines.push("Altkreis-Verlauf:".into());
        let mut districts = table(["wirksam ab", "von", "nach", "Notiz"], &[]);
        for c in &r.district_history {
            districts.add_row([
                format_date(c.effective_on),
                c.from.clone().unwrap_or_else(|| "—".into()),
                c.to.clone().unwrap_or_else(|| "—".into()),
                c.note.clone(),
            ]);
        }
        lines.push(render(&districts));
    }
    lines.push(String::new());
    lines.push(format!(
        "Führungszeugnis: {}   Wiedervorlage: {}",
        screening_words(r),
        date_or_dash(r.reinspection_on)
    ));
    lines.push("Basislehrgang:".into());
    let mut modules = table(["Modul", "Titel", "besucht", "Ort / Notiz"], &[0]);
    for m in &r.modules {
        let (done, place) = if m.done && m.recognised {
            (
                format!("✓ {} anerkannt", date_or_dash(m.first_attended_on)),
                m.note.clone().unwrap_or_default(),
            )
        } else if m.done {
            (
                format!("✓ {}", date_or_dash(m.first_attended_on)),
                m.place.clone().unwrap_or_default(),
            )
        } else {
            ("offen".into(), String::new())
        };
        modules.add_row([m.number.to_string(), m.title.to_string(), done, place]);
    }
    lines.push(render(&modules));
    lines.push(format!(
        "Abschlusstest: {} ({} Versuch(e))",
        passed(r.final_test_passed),
        r.attempts.len()
    ));
    if !r.attempts.is_empty() {
        let mut attempts = table(
            [
                "am",
                "Punkte",
                "Grenze",
                "Gespräch",
                "Prüfer/in",
                "Ergebnis",
            ],
            &[1, 2],
        );
        for a in &r.attempts {
            let t = &a.attempt;
            attempts.add_row([
                format_date(t.taken_on),
                format!("{}/{}", t.points, t.max_points),
                format!("{} %", a.pass_mark_percent),
                passed(t.interview_passed).to_string(),
                t.interviewer.clone(),
                passed(a.passed).to_string(),
            ]);
        }
        lines.push(render(&attempts));
    }
    lines.push(format!(
        "Berufen am: {}   Auffrischung: {}",
        date_or_dash(r.appointed_on),
        r.refresher.label
    ));
    lines.join("\n")
}
