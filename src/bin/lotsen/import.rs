//! `lotsen import FILE [--dry-run]`: an Excel list (CSV) with the result of every row.

use std::path::PathBuf;

use lotsen::app::Session;
use lotsen::io::import::{ImportPreview, RowStatus};
use lotsen::{Error, Result};

use crate::output::{out, render, table};

#[derive(clap::Args)]
pub struct Args {
    file: PathBuf,
    /// Nur prüfen, nichts speichern
    #[arg(long)]
    dry_run: bool,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let bytes = std::fs::read(&args.file).map_err(|e| {
        Error::field(
            "file",
            format!("Datei {} nicht lesbar: {e}", args.file.display()),
        )
    })?;
    let (today, who) = (session.today(), session.actor());
    let report = if args.dry_run {
        session.store().import_preview(&bytes, today)?
    } else {
        session.store_mut().import_file(&bytes, today, &who)?
    };
    out(&report_text(&args, &report));
    Ok(())
}

fn report_text(args: &Args, report: &ImportPreview) -> String {
    let mut lines = vec![format!(
        "{} – {}, Trennzeichen „{}“",
        args.file.display(),
        report.format.encoding,
        report.format.delimiter
    )];
    if !report.unknown_columns.is_empty() {
        lines.push(format!(
            "Unbekannte Spalten (ignoriert): {}",
            report.unknown_columns.join(", ")
        ));
    }
    let mut t = table(["Zeile", "Ergebnis", "Name", "Hinweise"], &[0]);
    for r in &report.rows {
        let status = match r.status {
            RowStatus::New => "neu",
            RowStatus::Duplicate => "Doppel",
            RowStatus::Error => "Fehler",
        };
        t.add_row([
            r.line.to_string(),
            status.to_string(),
            r.name.clone(),
            r.messages.join(" "),
        ]);
    }
    lines.push(render(&t));
    lines.push(format!(
        "{} neu, {} doppelt, {} fehlerhaft – {}",
        report.new,
        report.duplicates,
        report.errors,
        if args.dry_run {
            "nichts gespeichert (--dry-run)".to_string()
        } else {
            format!("{} Lotsen übernommen", report.new)
        }
    ));
    lines.join("\n")
}
