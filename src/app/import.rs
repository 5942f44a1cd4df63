//! Import of the office's Excel list with history (`lotsen import FILE [--dry-run]`, Daten →
//! Import in the app): the preview is the result — per row new / duplicate / error, and for a new
//! row the status and eligibility it gives today — and the import writes exactly that, all rows in
//! one transaction.

use std::path::Path;

use super::Session;
use crate::domain::dates::format_date;
use crate::error::{Error, Result};
use crate::io::import::{ImportPreview, RowReport, RowStatus};

impl Session {
    /// Checks every row; nothing is written.
    pub fn import_preview_bytes(&self, bytes: &[u8]) -> Result<ImportPreview> {
        self.store().import_preview(bytes, self.today())
    }

    /// Imports every valid new row with its past, in one transaction.
    pub fn import_list(&mut self, bytes: &[u8]) -> Result<ImportPreview> {
        let (today, who) = (self.today(), self.actor());
        self.store_mut().import_file(bytes, today, &who)
    }

    /// Reads `path` and previews (`dry_run`) or imports it.
    pub fn import_path(&mut self, path: &Path, dry_run: bool) -> Result<ImportPreview> {
        let bytes = std::fs::read(path).map_err(|e| {
            Error::field(
                "file",
                format!("Datei {} nicht lesbar: {e}", path.display()),
            )
        })?;
        if dry_run {
            self.import_preview_bytes(&bytes)
        } else {
            self.import_list(&bytes)
        }
    }
}

/// The result word of a row.
pub fn row_result(r: &RowReport) -> &'static str {
    match r.status {
        RowStatus::New => "neu",
        RowStatus::Duplicate => "Doppel",
        RowStatus::Error => "Fehler",
    }
}

/// What the report says about a row: for a new row the status and eligibility it gives today,
/// then its errors and warnings.
pub fn row_notes(r: &RowReport) -> String {
    let mut detail = Vec::new();
    if let Some(s) = r.pilot_status {
        let eligible = if r.eligible_today == Some(true) {
            "einsatzbereit"
        } else {
            "nicht einsatzbereit"
        };
        let since = r
            .since
            .map(|d| format!(", im Programm seit {}", format_date(d)))
            .unwrap_or_default();
        detail.push(format!("{} – {eligible}{since}", s.label()));
    }
    detail.extend(r.messages.iter().cloned());
    detail.extend(r.warnings.iter().map(|w| format!("Hinweis: {w}")));
    detail.join(" ")
}

/// The first line of a report: the file and how it was read, and the ignored columns.
pub fn report_head(file: &str, report: &ImportPreview) -> Vec<String> {
    let mut lines = vec![format!(
        "{file} – {}, Trennzeichen „{}“",
        report.format.encoding, report.format.delimiter
    )];
    if !report.unknown_columns.is_empty() {
        lines.push(format!(
            "Unbekannte Spalten (ignoriert): {}",
            report.unknown_columns.join(", ")
        ));
    }
    lines
}

/// The totals line of a report.
pub fn report_totals(report: &ImportPreview, dry_run: bool) -> String {
    format!(
        "{} neu, {} doppelt, {} fehlerhaft, {} mit Hinweis – {}",
        report.new,
        report.duplicates,
        report.errors,
        report.warnings,
        if dry_run {
            "nichts gespeichert (Vorschau)".to_string()
        } else {
            format!("{} Lotsen übernommen", report.new)
        }
    )
}

/// The row-by-row report as plain text (log): the head, one line per row, the totals.
pub fn report_text(file: &str, report: &ImportPreview, dry_run: bool) -> String {
    let mut lines = report_head(file, report);
    for r in &report.rows {
        lines.push(format!(
            "Zeile {:>4}  {:<7} {}  {}",
            r.line,
            row_result(r),
            r.name,
            row_notes(r)
        ));
    }
    lines.push(report_totals(report, dry_run));
    lines.join("\n")
}
