//! `lotsen import FILE [--dry-run]`: an Excel list (CSV) with the result of every row.

use std::path::PathBuf;

use lotsen::app::{import, Session};
use lotsen::io::import::ImportPreview;
use lotsen::Result;

use crate::output::{out, render, table};

#[derive(clap::Args)]
pub struct Args {
    file: PathBuf,
    /// Nur prüfen, nichts speichern
    #[arg(long)]
    dry_run: bool,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let report = session.import_path(&args.file, args.dry_run)?;
    out(&report_text(&args, &report));
    Ok(())
}

/// The app layer's report, with the rows as a table.
fn report_text(args: &Args, report: &ImportPreview) -> String {
    let mut lines = import::report_head(&args.file.display().to_string(), report);
    let mut t = table(["Zeile", "Ergebnis", "Name", "Hinweise"], &[0]);
    for r in &report.rows {
        t.add_row([
            r.line.to_string(),
            import::row_result(r).to_string(),
            r.name.clone(),
            import::row_notes(r),
        ]);
    }
    lines.push(render(&t));
    lines.push(import::report_totals(report, args.dry_run));
    lines.join("\n")
}
