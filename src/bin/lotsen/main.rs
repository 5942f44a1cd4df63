//! `lotsen`: the command line over the same application layer as the desktop app. This file holds
//! the top-level options, opens the session and hands each subcommand to its own module.

mod activity;
mod backup;
mod budget;
mod check;
mod claims;
mod correction;
mod coverage;
mod demo;
mod due;
mod export;
mod german;
mod import;
mod maintenance;
mod modules;
mod output;
mod passphrase;
mod pilots;
mod reconcile;
mod report;
mod restore;
mod run;
mod screening;
mod sepa;
mod settings;
mod statements;
mod test;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use lotsen::app::{Clock, Session};
use lotsen::{Error, Result};

#[derive(Parser)]
#[command(
    name = "lotsen",
    version,
    about = "Lotsenbüro – ehrenamtliche Integrationslotsen verwalten"
)]
struct Cli {
    /// Datenbankdatei (Standard: die Datenbank der App; auch LOTSEN_DB)
    #[arg(long, global = true, env = "LOTSEN_DB")]
    db: Option<PathBuf>,
    /// Stichtag für die Regeln, JJJJ-MM-TT (Standard: heute; auch LOTSEN_TODAY)
    #[arg(long, global = true, env = "LOTSEN_TODAY")]
    today: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fiktive Demodaten laden (nur in eine leere Datenbank): Lotsen, Demo-Konto, Briefkopf, Budget
    Demo(demo::Args),
    /// Lotsen auflisten, anlegen, Status und Altkreis ändern
    #[command(subcommand)]
    Pilots(Box<pilots::Command>),
    /// Führungszeugnis (eFZ) eintragen
    #[command(subcommand)]
    Screening(screening::Command),
    /// Module des Basislehrgangs als anerkannt eintragen
    #[command(subcommand)]
    Modules(modules::Command),
    /// Versuch des Abschlusstests eintragen
    #[command(subcommand)]
    Test(test::Command),
    /// Datenbank auf Beschädigung prüfen (integrity_check)
    Check,
    /// Abdeckung je Altkreis (Tabelle, JSON oder PDF-Bericht)
    Coverage(coverage::Args),
    /// Abrechnungslauf eines Monats: erstellen (bzw. neu berechnen), freigeben, bezahlt, anzeigen
    #[command(subcommand)]
    Run(run::Command),
    /// Budget eines Haushaltsjahres mit Prognose; `budget set` legt es fest
    Budget(budget::Args),
    /// Abrechnungen eines Monats als PDF: Sammeldatei (Auszahlungsliste + Abrechnungen) und je Lotse eine Datei
    Statements(statements::Args),
    /// SEPA-Überweisungsdatei (pain.001.001.09) eines freigegebenen Laufs; erneut nur mit --again --reason
    Sepa(sepa::Args),
    /// Korrektur (+ Nachzahlung, − Rückforderung) für einen freigegebenen Monat
    #[command(subcommand)]
    Correction(correction::Command),
    /// Abgleich: freigegebene Monate mit den heutigen Daten neu berechnen; --apply übernimmt die Unterschiede
    Reconcile(reconcile::Args),
    /// Berichte: Jahresbericht, Verwendungsnachweis, Jahresbescheinigungen
    #[command(subcommand)]
    Report(report::Command),
    /// Rückforderungen anzeigen und erledigen (verrechnen, zurückgezahlt, erlassen)
    Claims(claims::Args),
    /// Excel-Liste (CSV) einlesen; zeigt das Ergebnis jeder Zeile
    Import(import::Args),
    /// Liste als CSV oder XLSX ausgeben: pilots, coverage, payments
    Export(export::Args),
    /// Sicherung der Datenbank in eine Datei (auch während die App läuft)
    Backup(backup::Args),
    /// Sicherung zurückspielen (wird vorher geprüft; die aktuelle Datenbank wird vorher gesichert;
    /// gingen freigegebene Läufe verloren, nur mit --accept-loss)
    Restore(restore::Args),
    /// Einstellungen mit dem heute gültigen Wert und ihrem Verlauf; `settings set KEY WERT [--from DATUM]`
    Settings(settings::Args),
    /// Tätigkeitsnachweis je Lotse und Monat: erfassen, Monatsliste, ohne Nachweis freigeben, Aufgabenbereiche
    #[command(subcommand)]
    Activity(activity::Command),
    /// Fälligkeiten der Übersicht (eFZ, Auffrischung, Berufung, Bestätigungsschreiben)
    Due(due::Args),
    /// Tägliche Datenpflege wie beim Start der App: fällige eFZ-Daten löschen (auch in den
    /// Sicherungen), dann die tägliche Sicherung
    Maintenance,
}

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return german::exit_with(e),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match &e {
                Error::Validation(errors) => {
                    eprintln!("Fehler: Eingaben ungültig, nichts gespeichert.");
                    for fe in errors {
                        eprintln!("  {}", fe.message);
                    }
                }
                other => eprintln!("Fehler: {other}"),
            }
            ExitCode::FAILURE
        }
    }
}

/// A command lives for milliseconds: glibc's allocator is told to keep what is freed for the next
/// allocation instead of giving it back to the kernel (large blocks unmapped, the heap's top
/// trimmed), since every page taken back costs a page fault to get again — measured on a month's
/// documents for 30 pilots, 1,270 faults → 1,070 (a fault costs ≈ 4 µs on this machine kind).
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called before any other thread exists.
    unsafe {
        // Blocks up to 32 MB (glibc's upper bound for this setting) come from the heap.
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
    }
}

fn run(cli: Cli) -> Result<()> {
    let clock = Clock::from_option_or_env(cli.today.as_deref())?;
    let path = cli.db.unwrap_or_else(lotsen::db::default_db_path);
    let mut session = Session::open(&path, clock)?;
    session.store().read_through_memory_map()?;
    let s = &mut session;
    // The deletion cannot be blocked: every command that opens the database runs the check.
    if !matches!(cli.command, Command::Maintenance) {
        maintenance::report(&s.deletion_check());
    }
    match cli.command {
        Command::Demo(args) => demo::run(s, args),
        Command::Pilots(cmd) => pilots::run(s, *cmd),
        Command::Screening(cmd) => screening::run(s, cmd),
        Command::Modules(cmd) => modules::run(s, cmd),
        Command::Test(cmd) => test::run(s, cmd),
        Command::Check => check::run(s),
        Command::Coverage(args) => coverage::run(s, args),
        Command::Run(cmd) => run::run(s, cmd),
        Command::Budget(args) => budget::run(s, args),
        Command::Statements(args) => statements::run(s, args),
        Command::Sepa(args) => sepa::run(s, args),
        Command::Correction(cmd) => correction::run(s, cmd),
        Command::Reconcile(args) => reconcile::run(s, args),
        Command::Claims(args) => claims::run(s, args),
        Command::Report(cmd) => report::run(s, cmd),
        Command::Import(args) => import::run(s, args),
        Command::Export(args) => export::run(s, args),
        Command::Backup(args) => backup::run(s, args),
        Command::Restore(args) => restore::run(s, args),
        Command::Due(args) => due::run(s, args),
        Command::Activity(cmd) => activity::run(s, cmd),
        Command::Settings(args) => settings::run(s, args),
        Command::Maintenance => maintenance::run(s),
    }
}
