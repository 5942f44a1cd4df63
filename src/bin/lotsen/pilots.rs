//! `lotsen pilots …`: the register of pilots, one file per subcommand in `pilots/`.

mod add;
mod district;
mod export_data;
mod list;
mod show;
mod status;

use lotsen::app::Session;
use lotsen::Result;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Lotsen als Tabelle oder JSON
    List(list::Args),
    /// Einen Lotsen anlegen; gibt die neue Nummer aus
    Add(Box<add::Args>),
    /// Vollständige Akte: Statusverlauf, Führungszeugnis, Module, Abschlusstest, Einsatzberechtigung
    Show(show::Args),
    /// Alle Daten einer Person (Art. 15 DSGVO) als PDF oder JSON (nach Dateiendung)
    ExportData(export_data::Args),
    /// Status ändern, auch rückwirkend (gleiche Regeln wie in der App); --undo storniert die letzte Änderung
    Status(status::Args),
    /// Altkreis wechseln ab einem Tag (bleibt als Verlauf erhalten)
    District(district::Args),
}

pub fn run(session: &mut Session, cmd: Command) -> Result<()> {
    match cmd {
        Command::List(args) => list::run(session, args),
        Command::Add(args) => add::run(session, *args),
        Command::Show(args) => show::run(session, args),
        Command::ExportData(args) => export_data::run(session, args),
        Command::Status(args) => status::run(session, args),
        Command::District(args) => district::run(session, args),
    }
}
