//! `lotsen activity add|list|waive|areas`: the activity record (Tätigkeitsnachweis) per pilot and
//! month — counts only, never names of the people supported — and the waiver of the gate
//! "Auszahlung nur mit Tätigkeitsnachweis".

use lotsen::app::activity::{TaskAreaInput, WaiverInput};
use lotsen::app::Session;
use lotsen::domain::activity::{minutes_label, ActivityInput};
use lotsen::Result;

use crate::output::{json, or_dash, out, render, table};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Tätigkeitsnachweis eines Monats erfassen (ersetzt einen vorhandenen); nur Anzahlen, keine Namen
    Add {
        /// Nr. des Lotsen
        id: i64,
        /// Monat (JJJJ-MM)
        month: String,
        /// Anzahl der Einsätze/Kontakte (0, wenn keine)
        #[arg(long)]
        contacts: String,
        /// Stunden, z. B. 2,5 oder 2:30
        #[arg(long, default_value = "")]
        hours: String,
        /// Aufgabenbereiche, durch Komma getrennt (Wohnen, Orientierung, Teilhabe, Arbeit, Sonstiges)
        #[arg(long, value_delimiter = ',')]
        areas: Vec<String>,
        /// Anzahl der begleiteten Personen
        #[arg(long, default_value = "")]
        people: String,
        /// Anzahl der begleiteten Familien
        #[arg(long, default_value = "")]
        families: String,
        /// Kurze Notiz (keine Namen oder Einzelheiten der begleiteten Personen)
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Monatsliste: alle im Monat aktiven Lotsen mit Nachweis (oder „fehlt“)
    List {
        /// Monat (JJJJ-MM)
        month: String,
        #[arg(long)]
        json: bool,
    },
    /// Zeile eines Monats ohne Tätigkeitsnachweis freigeben lassen, mit Begründung
    Waive {
        id: i64,
        month: String,
        #[arg(long)]
        reason: String,
    },
    /// Aufgabenbereiche anzeigen; --add NAME fügt einen hinzu, --rename NR --name N benennt um,
    /// --retire NR / --restore NR nimmt einen aus der Auswahl bzw. wieder auf
    Areas {
        #[arg(long)]
        add: Option<String>,
        #[arg(long)]
        rename: Option<i64>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        retire: Option<i64>,
        #[arg(long)]
        restore: Option<i64>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(session: &mut Session, cmd: Command) -> Result<()> {
    match cmd {
        Command::Add {
            id,
            month,
            contacts,
            hours,
            areas,
            people,
            families,
            note,
        } => {
            let r = session.record_activity(&ActivityInput {
                pilot_id: id,
                month,
                contacts,
                hours,
                areas,
                people,
                families,
                note,
            })?;
            eprintln!(
                "Tätigkeitsnachweis {} für Lotse Nr. {id} gespeichert: {} Kontakte, {} Stunden, {} Personen, {} Familien{}.",
                r.month,
                r.contacts,
                r.minutes.map_or("—".into(), minutes_label),
                r.people,
                r.families,
                if r.areas.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", r.areas.join(", "))
                }
            );
        }
        Command::List {
            month,
            json: as_json,
        } => {
            let sheet = session.activity_month(&month)?;
            if as_json {
                json(&sheet);
                return Ok(());
            }
            out(&format!(
                "Tätigkeitsnachweise {}{}",
                sheet.label,
                if sheet.required {
                    " (Auszahlung nur mit Tätigkeitsnachweis)"
                } else {
                    ""
                }
            ));
            let mut t = table(
                [
                    "Nr.", "Name", "Altkreis", "Kontakte", "Stunden", "Personen", "Familien",
                    "Bereiche",
                ],
                &[0, 3, 4, 5, 6],
            );
            for row in &sheet.rows {
                let cells = match (&row.record, &row.waiver) {
                    (Some(r), _) => [
                        r.contacts.to_string(),
                        r.minutes.map_or("—".into(), minutes_label),
                        r.people.to_string(),
                        r.families.to_string(),
                        or_dash(&r.areas.join(", ")).to_string(),
                    ],
                    (None, Some(w)) => [
                        "—".into(),
                        "—".into(),
                        "—".into(),
                        "—".into(),
                        format!("ohne Nachweis: {}", w.reason),
                    ],
                    (None, None) => [
                        "fehlt".into(),
                        "—".into(),
                        "—".into(),
                        "—".into(),
                        "—".into(),
                    ],
                };
                let [c, h, p, f, a] = cells;
                t.add_row([
                    row.pilot_id.to_string(),
                    row.name.clone(),
                    or_dash(&row.district).to_string(),
                    c,
                    h,
                    p,
                    f,
                    a,
                ]);
            }
            out(&render(&t));
        }
        Command::Waive { id, month, reason } => {
            let w = session.waive_activity(&WaiverInput {
                pilot_id: id,
                month,
                reason,
            })?;
            eprintln!(
                "Lotse Nr. {id}, {}: Freigabe ohne Tätigkeitsnachweis vermerkt ({}).",
                w.month, w.reason
            );
        }
        Command::Areas {
            add,
            rename,
            name,
            retire,
            restore,
            json: as_json,
        } => {
            let areas = session.task_areas()?;
            let find = |id: i64| areas.iter().find(|a| a.id == id).cloned();
            let input = if let Some(name) = add {
                Some(TaskAreaInput {
                    id: None,
                    name,
                    active: true,
                })
            } else if let Some(id) = rename {
                let active = find(id).is_none_or(|a| a.active);
                Some(TaskAreaInput {
                    id: Some(id),
                    name: name.unwrap_or_default(),
                    active,
                })
            } else if let Some(id) = retire.or(restore) {
                let name = find(id).map(|a| a.name).unwrap_or_default();
                Some(TaskAreaInput {
                    id: Some(id),
                    name,
                    active: restore.is_some(),
                })
            } else {
                None
            };
            let areas = match input {
                Some(input) => {
                    let areas = session.save_task_area(&input)?;
                    eprintln!("Aufgabenbereiche gespeichert.");
                    areas
                }
                None => areas,
            };
            if as_json {
                json(&areas);
            } else {
                let mut t = table(["Nr.", "Aufgabenbereich", "angeboten"], &[0]);
                for a in &areas {
                    t.add_row([
                        a.id.to_string(),
                        a.name.clone(),
                        if a.active { "ja" } else { "nein" }.to_string(),
                    ]);
                }
                out(&render(&t));
            }
        }
    }
    Ok(())
}
