//! `lotsen screening add ID …`: an eFZ record (erweitertes Führungszeugnis), also a past one — the
//! confirmation letter, the inspection, or both. No copy and no content of the certificate is
//! stored, only these facts. Which facts belong together is checked by the rules (one place), not
//! by clap, so a missing one is named in the rules' German. `lotsen screening erase ID` deletes
//! the pilot's eFZ data now ("eFZ-Daten jetzt löschen").

use lotsen::app::history::ScreeningInput;
use lotsen::app::{parse, Session};
use lotsen::domain::dates::format_date;
use lotsen::domain::screening::ScreeningResult;
use lotsen::{Error, Result};

use crate::output::{out, screening_words};

#[derive(clap::Subcommand)]
pub enum Command {
    /// eFZ eintragen: Bestätigungsschreiben und/oder Einsichtnahme (auch rückwirkend)
    ///
    /// Gespeichert werden nur diese Angaben: keine Kopie und kein Inhalt des Führungszeugnisses.
    Add(AddArgs),
    /// eFZ-Daten jetzt löschen (§ 30a BZRG), z. B. für einen Eintrag der Fälligkeiten: ruhend,
    /// Tätigkeit nicht begonnen, relevanter Eintrag. Nicht für aktive Lotsen. Protokolliert ohne
    /// Werte; die Sicherungen im Sicherungsordner werden mit bereinigt.
    Erase {
        /// Nr. des Lotsen
        id: i64,
    },
}

#[derive(clap::Args)]
pub struct AddArgs {
    /// Nr. des Lotsen
    id: i64,
    /// Bestätigungsschreiben für den gebührenfreien Antrag ausgestellt am JJJJ-MM-TT
    #[arg(long, value_name = "DATUM")]
    letter_on: Option<String>,
    /// Führungszeugnis ausgestellt am JJJJ-MM-TT
    #[arg(long, value_name = "DATUM")]
    certificate_dated: Option<String>,
    /// eingesehen am JJJJ-MM-TT
    #[arg(long, value_name = "DATUM")]
    inspected_on: Option<String>,
    /// eingesehen von (Name)
    #[arg(long, value_name = "NAME")]
    inspected_by: Option<String>,
    /// Ergebnis: clear (ohne relevanten Eintrag) oder relevant_entry (relevanter Eintrag)
    #[arg(long, value_name = "ERGEBNIS")]
    result: Option<String>,
}

pub fn run(session: &mut Session, cmd: Command) -> Result<()> {
    let a = match cmd {
        Command::Add(a) => a,
        Command::Erase { id } => {
            let (done, problems) = session.erase_screening_now(id)?;
            out(&format!(
                "{}: eFZ-Daten gelöscht am {} ({} Eintrag/Einträge; protokolliert ohne Werte).",
                done.name,
                format_date(done.deleted_on),
                done.records
            ));
            return match problems.first() {
                None => Ok(()),
                Some(p) => Err(Error::Storage(format!("Gelöscht, aber: {}", p.message))),
            };
        }
    };
    let input = ScreeningInput {
        letter_on: a.letter_on.unwrap_or_default(),
        certificate_dated: a.certificate_dated.unwrap_or_default(),
        inspected_on: a.inspected_on.unwrap_or_default(),
        inspected_by: a.inspected_by.unwrap_or_default(),
        result: a.result.unwrap_or_default(),
    };
    let r = session.add_screening(a.id, &input)?;
    out(&format!(
        "{}: eFZ eingetragen ({}). Führungszeugnis jetzt: {}",
        r.pilot.display_name(),
        recorded(&input)?,
        screening_words(&r)
    ));
    Ok(())
}

/// What was stored, in words (the input has passed the checks, so it reads).
fn recorded(i: &ScreeningInput) -> Result<String> {
    let day = |text: &str| -> Result<String> {
        Ok(parse::optional_date("", "", Some(text))?
            .map(format_date)
            .unwrap_or_default())
    };
    let mut parts = Vec::new();
    if !i.letter_on.trim().is_empty() {
        parts.push(format!("Bestätigungsschreiben vom {}", day(&i.letter_on)?));
    }
    if !i.certificate_dated.trim().is_empty() {
        parts.push(format!(
            "Führungszeugnis vom {}, eingesehen am {} von {}, {}",
            day(&i.certificate_dated)?,
            day(&i.inspected_on)?,
            i.inspected_by.trim(),
            ScreeningResult::parse(&i.result)
                .map(|r| r.label())
                .unwrap_or_default()
        ));
    }
    Ok(parts.join("; "))
}
