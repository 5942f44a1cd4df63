//! Import of the Excel list and export of lists, on the store.

use chrono::{Datelike, NaiveDate};

use super::Store;
use crate::error::{Error, Result};
use crate::io::export::{Cell, Table};
use crate::io::import::{self, ImportPreview};

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    Pilots,
    Coverage,
    Payments,
}

impl ExportKind {
    pub fn parse(s: &str) -> Option<ExportKind> {
        match s {
            "pilots" => Some(ExportKind::Pilots),
            "coverage" => Some(ExportKind::Coverage),
            "payments" => Some(ExportKind::Payments),
            _ => None,
        }
    }
}

impl Store {
    /// Reads a CSV file and reports every row, with the status and eligibility each new row gives
    /// today; nothing is written. The import writes exactly what the preview shows.
    pub fn import_preview(&self, bytes: &[u8], today: NaiveDate) -> Result<ImportPreview> {
        let refs = self.reference_data()?;
        import::preview(
            bytes,
            &self.pilots()?,
            today,
            &refs.municipality_pairs(),
            &refs.district_names(),
            &self.settings_on(today)?.lifecycle,
        )
    }

    /// Imports all valid new rows with their past (status path, eFZ, modules, test, refresher) in
    /// one transaction; duplicates and rows with errors are skipped, as the preview showed.
    /// Returns the preview of what was done.
    pub fn import_file(
        &mut self,
        bytes: &[u8],
        today: NaiveDate,
        who: &str,
    ) -> Result<ImportPreview> {
        self.import_file_with(bytes, today, who, &|_, _| Ok(()))
    }

    /// [`Store::import_file`], telling `row_done(done, total)` once the rows are checked and after
    /// each row written (for a progress bar). When it returns an error ("Abbrechen"), the import
    /// stops there and nothing is written: the rows so far are rolled back with the transaction.
    pub fn import_file_with(
        &mut self,
        bytes: &[u8],
        today: NaiveDate,
        who: &str,
        row_done: &dyn Fn(usize, usize) -> Result<()>,
    ) -> Result<ImportPreview> {
        let preview = self.import_preview(bytes, today)?;
        row_done(0, preview.valid.len())?;
        if preview.valid.is_empty() {
            return Err(Error::Rule {
                message:
                    "Keine Zeile kann übernommen werden: alle sind fehlerhaft oder schon vorhanden."
                        .into(),
                missing: vec![],
            });
        }
        self.with_transaction(|tx| {
            let total = preview.valid.len();
            for (i, (data, plan)) in preview.valid.iter().zip(&preview.plans).enumerate() {
                let id = super::insert_pilot(tx, data, plan.since, who)?;
                super::lifecycle::write_past(tx, id, plan, preview.pass_mark_percent, who)?;
                // An error here (the person cancelled) rolls every row back.
                row_done(i + 1, total)?;
            }
            Ok(())
        })?;
        self.prepare_timelines()?;
        Ok(preview)
    }

    /// A list for export: all pilots, today's coverage, or the payments of a year.
    pub fn export_table(
        &self,
        kind: ExportKind,
        year: Option<i32>,
        today: NaiveDate,
    ) -> Result<Table> {
        let text = |s: &str| Cell::Text(s.to_string());
        match kind {
            ExportKind::Pilots => {
                let eligible = self.eligibility(today)?;
                let headers = [
                    "Nr.",
                    "Vorname",
                    "Nachname",
                    "Geburtsdatum",
                    "Straße",
                    "PLZ",
                    "Ort",
                    "Gemeinde",
                    "Altkreis",
                    "Telefon",
                    "E-Mail",
                    "Sprachen",
                    "Kontoinhaber",
                    "IBAN",
                    "Gewinnung über",
                    "Status",
                    "einsatzbereit",
                    "Notizen",
                ];
                let rows = self
                    .list_pilots(&Default::default())?
                    .into_iter()
                    .map(|p| {
                        vec![
                            Cell::Int(p.id),
                            text(&p.first_name),
                            text(&p.last_name),
                            Cell::Date(p.birth_date),
                            text(&p.street),
                            text(&p.postcode),
                            text(&p.town),
                            text(p.municipality.as_deref().unwrap_or("")),
                            text(p.district.as_deref().unwrap_or("")),
                            text(&p.phone),
                            text(&p.email),
                            text(&p.languages.join(", ")),
                            text(&p.account_holder),
                            text(&crate::domain::iban::format(&p.iban)),
                            text(p.recruitment_source.as_deref().unwrap_or("")),
                            text(p.status.label()),
                            text(if eligible.get(&p.id).copied().unwrap_or(false) {
                                "ja"
                            } else {
                                "nein"
                            }),
                            text(&p.notes),
                        ]
                    })
                    .collect();
                Ok(Table {
                    name: "Lotsen".into(),
                    headers: headers.map(String::from).to_vec(),
                    rows,
                })
            }
            ExportKind::Coverage => {
                let c = self.coverage(today)?;
                let headers = [
                    "Altkreis",
                    "Soll",
                    "einsatzbereit",
                    "Abdeckung %",
                    "Ampel",
                    "in Qualifizierung",
                    "ruhend",
                    "eFZ läuft ab",
                    "Auffrischung überfällig",
                    "Sprachen",
                    "Lücken",
                ];
                let rows = c
                    .districts
                    .iter()
                    .chain(std::iter::once(&c.total))
                    .map(|d| {
                        vec![
                            text(&d.district),
                            Cell::Int(d.target),
                            Cell::Int(d.eligible as i64),
                            Cell::Int(i64::from(d.coverage_percent)),
                            text(d.light.label()),
                            Cell::Int(d.pipeline as i64),
                            Cell::Int(d.paused as i64),
                            Cell::Int(d.ending_soon as i64),
                            Cell::Int(d.refresher_overdue as i64),
                            text(
                                &d.languages
                                    .iter()
                                    .map(|l| format!("{} ({})", l.language, l.pilots))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            ),
                            text(&d.language_gaps.join(", ")),
                        ]
                    })
                    .collect();
                Ok(Table {
                    name: format!("Abdeckung {}", crate::domain::dates::format_date(today)),
                    headers: headers.map(String::from).to_vec(),
                    rows,
                })
            }
            ExportKind::Payments => {
                let year = year.unwrap_or(today.year());
                let headers = [
                    "Monat",
                    "Stand",
                    "Abrechnungsnr.",
                    "Nr.",
                    "Name",
                    "Altkreis",
                    "IBAN",
                    "Tage",
                    "Betrag",
                    "Korrektur",
                    "Netto",
                    "freigegeben am",
                    "bezahlt am",
                ];
                let mut rows = Vec::new();
                for run in self.runs(year)? {
                    for l in &run.lines {
                        rows.push(vec![
                            text(&run.month),
                            text(run.state.label()),
                            text(l.statement_number.as_deref().unwrap_or("")),
                            Cell::Int(l.pilot_id),
                            text(&l.name),
                            text(&l.district),
                            text(&crate::domain::iban::format(&l.iban)),
                            Cell::Int(i64::from(l.eligible_days)),
                            Cell::Cents(l.amount_cents),
                            Cell::Cents(l.corrections_cents),
                            Cell::Cents(l.net_cents),
                            Cell::Date(run.approved_on),
                            Cell::Date(run.paid_on),
                        ]);
                    }
                }
                Ok(Table {
                    name: format!("Zahlungen {year}"),
                    headers: headers.map(String::from).to_vec(),
                    rows,
                })
            }
        }
    }
}
