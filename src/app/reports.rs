//! The Berichte: Jahresbericht, Verwendungsnachweis and Jahresbescheinigungen, as PDF and XLSX, for
//! the command line and the desktop alike. A [`ReportJob`] is read from the store in one go and
//! drawn without it, so the window goes on while a large year is drawn; drawing reports its steps.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::documents::Document;
use super::files::name_part;
use super::progress::{Cancel, OnProgress, Progress};
use super::Session;
use crate::documents::pdf::{Doc, Part};
use crate::documents::{self, annual, certificate, grant};
use crate::domain::money::grouped;
use crate::domain::pilot::Pilot;
use crate::domain::reports::{self, AnnualReport, Certificate, GrantReport, TextSection};
use crate::domain::settings::Letterhead;
use crate::error::{Error, Result};
use crate::io::export::{to_xlsx_book, Cell, Table};

/// The reports of the Berichte screen (the Abdeckungsbericht has its own use case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// Jahresbericht (anonymous, for the integration network).
    Annual,
    /// Verwendungsnachweis of a budget year.
    Grant,
    /// Jahresbescheinigungen of the pilots paid in a calendar year.
    Certificate,
}

/// The file formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Pdf,
    Xlsx,
}

impl ReportFormat {
    /// From a file name's extension (the command line's `--out FILE.pdf|.xlsx`).
    pub fn of_path(path: &std::path::Path) -> Result<ReportFormat> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .as_deref()
        {
            Some("pdf") => Ok(ReportFormat::Pdf),
            Some("xlsx") => Ok(ReportFormat::Xlsx),
            _ => Err(Error::field(
                "out",
                "Die Ausgabedatei muss auf .pdf oder .xlsx enden.",
            )),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Xlsx => "xlsx",
        }
    }
}

/// What a report is drawn from, read in one go.
#[derive(Debug, Clone)]
pub enum ReportData {
    Annual {
        report: AnnualReport,
        targets: Vec<i64>,
    },
    Grant {
        report: GrantReport,
        figures: String,
        texts: Vec<TextSection>,
    },
    Certificates {
        year: i32,
        certificates: Vec<Certificate>,
        pilots: HashMap<i64, Pilot>,
        note: String,
    },
}

/// A report ready to be drawn: its data, the letterhead and the date of issue.
#[derive(Debug, Clone)]
pub struct ReportJob {
    pub data: ReportData,
    pub letterhead: Letterhead,
    pub issued_on: NaiveDate,
    /// "Abbrechen": drawing stops at the next step, before anything is filed or returned.
    pub cancel: Cancel,
}

/// The Sachbericht's sections of a year and its filled-in figures paragraph (Berichte screen).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReportTexts {
    pub year: i32,
    pub figures: String,
    pub sections: Vec<TextSection>,
}

fn year_of(year: i32) -> Result<i32> {
    if (2000..=2999).contains(&year) {
        Ok(year)
    } else {
        Err(Error::field("year", format!("Jahr {year} ist ungültig.")))
    }
}

impl Session {
    /// Reads what report `kind` of `year` needs (certificates: of one pilot or of all).
    pub fn report_job(&self, kind: ReportKind, year: i32, pilot: Option<i64>) -> Result<ReportJob> {
        let year = year_of(year)?;
        let store = self.store();
        let settings = store.settings()?;
        let today = self.today();
        let data = match kind {
            ReportKind::Annual => {
                let refs = store.reference_data()?;
                ReportData::Annual {
                    report: store.annual_report(year, today)?,
                    targets: refs.districts.iter().map(|d| d.target).collect(),
                }
            }
            ReportKind::Grant => {
                let report = store.grant_report(year)?;
                let annual = store.annual_report(year, today)?;
                ReportData::Grant {
                    figures: reports::sachbericht_figures(&report, &annual),
                    texts: store.report_texts(year)?,
                    report,
                }
            }
            ReportKind::Certificate => {
                let certificates = store.certificates(year, pilot)?;
                let ids: std::collections::HashSet<i64> =
                    certificates.iter().map(|c| c.pilot_id).collect();
                ReportData::Certificates {
                    year,
                    pilots: store
                        .pilots()?
                        .iter()
                        .filter(|p| ids.contains(&p.id))
                        .map(|p| (p.id, p.clone()))
                        .collect(),
                    certificates,
                    note: settings.reports.certificate_note.clone(),
                }
            }
        };
        Ok(ReportJob {
            data,
            letterhead: settings.letterhead,
            issued_on: today,
            cancel: Cancel::new(),
        })
    }

    /// The Sachbericht's text sections of a year with the figures filled in.
    pub fn report_texts(&self, year: i32) -> Result<ReportTexts> {
        let year = year_of(year)?;
        let store = self.store();
        let grant = store.grant_report(year)?;
        let annual = store.annual_report(year, self.today())?;
        Ok(ReportTexts {
            year,
            figures: reports::sachbericht_figures(&grant, &annual),
            sections: store.report_texts(year)?,
        })
    }

    /// Keeps the Sachbericht's text sections of a year.
    pub fn save_report_texts(
        &mut self,
        year: i32,
        sections: &[TextSection],
    ) -> Result<ReportTexts> {
        let year = year_of(year)?;
        self.store_mut().save_report_texts(year, sections)?;
        self.report_texts(year)
    }

    /// The documents folder, for filing reports ("Drucken").
    pub fn report_root(&self) -> Result<PathBuf> {
        self.documents_root()
    }
}

impl ReportJob {
    /// The year the report is of.
    pub fn year(&self) -> i32 {
        match &self.data {
            ReportData::Annual { report, .. } => report.year,
            ReportData::Grant { report, .. } => report.year,
            ReportData::Certificates { year, .. } => *year,
        }
    }

    /// "Jahresbericht_2026.pdf", "Verwendungsnachweis_2026.xlsx", "Jahresbescheinigungen_2026.pdf".
    pub fn file_name(&self, format: ReportFormat) -> String {
        let stem = match &self.data {
            ReportData::Annual { .. } => "Jahresbericht",
            ReportData::Grant { .. } => "Verwendungsnachweis",
            ReportData::Certificates { certificates, .. } if certificates.len() == 1 => {
                return format!(
                    "{}.{}",
                    single_certificate_stem(&certificates[0], self.year()),
                    format.extension()
                )
            }
            ReportData::Certificates { .. } => "Jahresbescheinigungen",
        };
        format!("{stem}_{}.{}", self.year(), format.extension())
    }

    /// The report as one file: the PDF (certificates: all in one, to print) or the XLSX workbook.
    pub fn document(&self, format: ReportFormat, progress: OnProgress) -> Result<Document> {
        let bytes = match format {
            ReportFormat::Pdf => self.pdf(progress)?,
            ReportFormat::Xlsx => {
                progress(Progress::new(0, 1, "Arbeitsmappe wird erstellt …"));
                to_xlsx_book(&self.tables())?
            }
        };
        self.cancel.check()?;
        progress(Progress::new(1, 1, "Fertig."));
        Ok(Document::new(self.file_name(format), bytes))
    }

    fn pdf(&self, progress: OnProgress) -> Result<Vec<u8>> {
        let (lh, on) = (&self.letterhead, self.issued_on);
        match &self.data {
            ReportData::Annual { report, targets } => {
                progress(Progress::new(0, 1, "Jahresbericht wird erstellt …"));
                annual::annual_report_pdf(report, targets, lh, on)
            }
            ReportData::Grant {
                report,
                figures,
                texts,
            } => {
                progress(Progress::new(0, 1, "Verwendungsnachweis wird erstellt …"));
                grant::grant_report_pdf(report, figures, texts, lh, on)
            }
            ReportData::Certificates {
                year,
                certificates,
                pilots,
                note,
            } => {
                let (doc, _) =
                    self.certificates_doc(*year, certificates, pilots, note, progress)?;
                doc.finish()
            }
        }
    }

    /// Certificates: one PDF per pilot, with its file name ("Jahresbescheinigung_2026_Mueller_Anna.pdf").
    pub fn single_certificates(&self, progress: OnProgress) -> Result<Vec<Document>> {
        let ReportData::Certificates {
            year,
            certificates,
            pilots,
            note,
        } = &self.data
        else {
            return Ok(Vec::new());
        };
        if certificates.is_empty() {
            return Ok(Vec::new());
        }
        // Laid out together and written each on its own from those pages: one set of font
        // subsets serves every file.
        let (doc, pages) = self.certificates_doc(*year, certificates, pilots, note, progress)?;
        let parts: Vec<Part> = certificates
            .iter()
            .zip(pages)
            .map(|(c, pages)| Part {
                title: certificate::certificate_pdf_title(c),
                pages,
            })
            .collect();
        let (_, singles) = doc.finish_parts(&parts)?;
        Ok(certificates
            .iter()
            .zip(singles)
            .map(|(c, bytes)| {
                Document::new(format!("{}.pdf", single_certificate_stem(c, *year)), bytes)
            })
            .collect())
    }

    /// Every certificate in one document, each from a new page; with the pages of each.
    fn certificates_doc(
        &self,
        year: i32,
        certificates: &[Certificate],
        pilots: &HashMap<i64, Pilot>,
        note: &str,
        progress: OnProgress,
    ) -> Result<(Doc, Vec<Range<usize>>)> {
        if certificates.is_empty() {
            return Err(no_certificates(year));
        }
        let (lh, on) = (&self.letterhead, self.issued_on);
        let mut doc = documents::new_document(&certificate::certificate_title(year), lh, on);
        let n = certificates.len();
        let mut pages = Vec::with_capacity(n);
        for (i, c) in certificates.iter().enumerate() {
            self.cancel.check()?;
            progress(Progress::new(
                i,
                n + 1,
                format!(
                    "Jahresbescheinigung {} von {} wird erstellt …",
                    grouped(i as u64 + 1),
                    grouped(n as u64)
                ),
            ));
            if i > 0 {
                doc.new_page();
            }
            let first = doc.page_count() - 1;
            certificate::write_certificate(&mut doc, c, pilots.get(&c.pilot_id), note, lh, on);
            pages.push(first..doc.page_count());
        }
        progress(Progress::new(n, n + 1, "PDF-Datei wird geschrieben …"));
        Ok((doc, pages))
    }

    /// "Drucken": files the report (certificates: the combined PDF and each pilot's own) in the
    /// documents folder under the report's year, December; returns the path of the PDF to open.
    pub fn file(&self, root: &std::path::Path, progress: OnProgress) -> Result<PathBuf> {
        // Reports of a year are filed with its last month.
        let when = NaiveDate::from_ymd_opt(self.year(), 12, 1).expect("valid year");
        // Everything is drawn before the first file is written: "Abbrechen" files nothing.
        let main = self.document(ReportFormat::Pdf, progress)?;
        let singles = if self.is_single_certificate() {
            Vec::new()
        } else {
            self.single_certificates(progress)?
        };
        self.cancel.check()?;
        for single in singles {
            single.file_in(root, when)?;
        }
        main.file_in(root, when)
    }

    fn is_single_certificate(&self) -> bool {
        matches!(&self.data, ReportData::Certificates { certificates, .. } if certificates.len() == 1)
    }

    /// The sheets of the XLSX workbook, with the same numbers as the PDF.
    pub fn tables(&self) -> Vec<Table> {
        match &self.data {
            ReportData::Annual { report, .. } => annual_tables(report),
            ReportData::Grant { report, .. } => grant_tables(report),
            ReportData::Certificates { certificates, .. } => vec![certificate_table(certificates)],
        }
    }
}

fn no_certificates(year: i32) -> Error {
    Error::Rule {
        message: format!(
            "Für {year} gibt es keine Jahresbescheinigung: keine Zahlung aus einem bezahlten Abrechnungslauf."
        ),
        missing: vec![],
    }
}

/// "Jahresbescheinigung_2026_Mueller-Oeztuerk_Ayse" (name parts from the display name).
fn single_certificate_stem(c: &Certificate, year: i32) -> String {
    format!(
        "Jahresbescheinigung_{year}_{}_{}",
        name_part(&c.name),
        c.pilot_id
    )
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn int(n: impl TryInto<i64>) -> Cell {
    Cell::Int(n.try_into().unwrap_or(i64::MAX))
}

fn grant_tables(r: &GrantReport) -> Vec<Table> {
    let mut summary = vec![
        vec![text("Haushaltsjahr"), int(r.year)],
        vec![
            text("Zuwendung"),
            r.budget
                .as_ref()
                .map_or(text("kein Budget"), |b| Cell::Cents(b.amount_cents)),
        ],
        vec![
            text("Bescheid-Nr."),
            text(
                r.budget
                    .as_ref()
                    .map(|b| b.notice_number.clone())
                    .unwrap_or_default(),
            ),
        ],
        vec![
            text("Bescheid vom"),
            Cell::Date(r.budget.as_ref().and_then(|b| b.notice_date)),
        ],
        vec![
            text("Haushaltsstelle"),
            text(
                r.budget
                    .as_ref()
                    .map(|b| b.budget_line.clone())
                    .unwrap_or_default(),
            ),
        ],
        vec![text("Ausgezahlt"), Cell::Cents(r.paid_cents)],
        vec![text("darin Nachzahlungen"), Cell::Cents(r.back_pay_cents)],
        vec![text("darin Abzüge"), Cell::Cents(-r.deducted_cents)],
        vec![
            text("Rückforderungen offen"),
            Cell::Cents(r.claims_open_cents),
        ],
        vec![
            text("Rückforderungen zurückgezahlt"),
            Cell::Cents(r.claims_repaid_cents),
        ],
        vec![
            text("Rückforderungen verrechnet"),
            Cell::Cents(r.claims_offset_cents),
        ],
        vec![
            text("Rückforderungen erlassen"),
            Cell::Cents(r.claims_waived_cents),
        ],
        vec![text("Verausgabt"), Cell::Cents(r.spent_cents)],
    ];
    if let Some(rest) = r.remaining_cents {
        summary.push(vec![text("Verbleibend"), Cell::Cents(rest)]);
    }
    summary.push(vec![
        text("Freigegeben, noch nicht bezahlt"),
        Cell::Cents(r.approved_unpaid_cents),
    ]);
    let months = r
        .months
        .iter()
        .map(|m| {
            vec![
                text(m.month.clone()),
                text(m.state.map(|s| s.label()).unwrap_or("–")),
                Cell::Date(m.paid_on),
                int(m.payments),
                Cell::Cents(m.back_pay_cents),
                Cell::Cents(-m.deducted_cents),
                Cell::Cents(m.claim_back_cents),
                Cell::Cents(m.paid_cents),
            ]
        })
        .chain(std::iter::once(vec![
            text(format!("Summe {}", r.year)),
            text(""),
            Cell::Date(None),
            int(r.payments.len()),
            Cell::Cents(r.back_pay_cents),
            Cell::Cents(-r.deducted_cents),
            Cell::Cents(r.months.iter().map(|m| m.claim_back_cents).sum()),
            Cell::Cents(r.paid_cents),
        ]))
        .collect();
    let payments = r
        .payments
        .iter()
        .map(|p| {
            vec![
                text(p.statement_number.clone()),
                text(p.month.clone()),
                text(p.payee.clone()),
                Cell::Date(Some(p.paid_on)),
                Cell::Cents(p.amount_cents),
                text(p.budget_line.clone()),
            ]
        })
        .collect();
    let claims = r
        .claims
        .iter()
        .map(|c| {
            vec![
                text(c.statement_number.clone()),
                text(c.month.clone()),
                text(c.name.clone()),
                Cell::Cents(c.amount_cents),
                text(c.settled.map(|s| s.label()).unwrap_or("offen")),
                Cell::Date(
                    c.settled_on
                        .as_deref()
                        .and_then(crate::domain::pilot::parse_date),
                ),
            ]
        })
        .collect();
    let headers = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        Table {
            name: "Nachweis".into(),
            headers: headers(&["Position", "Wert"]),
            rows: summary,
        },
        Table {
            name: "Monate".into(),
            headers: headers(&[
                "Monat",
                "Stand",
                "bezahlt am",
                "Zahlungen",
                "Nachzahlungen",
                "Abzüge",
                "Rückforderungen",
                "ausgezahlt",
            ]),
            rows: months,
        },
        Table {
            name: "Belegliste".into(),
            headers: headers(&[
                "Abrechnungs-Nr.",
                "Monat",
                "Zahlungsempfänger",
                "bezahlt am",
                "Betrag",
                "Haushaltsstelle",
            ]),
            rows: payments,
        },
        Table {
            name: "Rückforderungen".into(),
            headers: headers(&[
                "Abrechnungs-Nr.",
                "Monat",
                "Name",
                "Betrag",
                "Stand",
                "erledigt am",
            ]),
            rows: claims,
        },
    ]
}

fn certificate_table(certificates: &[Certificate]) -> Table {
    Table {
        name: "Jahresbescheinigungen".into(),
        headers: [
            "Lotsen-Nr.",
            "Name",
            "Zufluss (bezahlt am)",
            "für Monat",
            "Abrechnungs-Nr.",
            "Betrag",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows: certificates
            .iter()
            .flat_map(|c| {
                c.payments
                    .iter()
                    .map(|p| {
                        vec![
                            int(c.pilot_id),
                            text(c.name.clone()),
                            Cell::Date(Some(p.paid_on)),
                            text(p.month.clone()),
                            text(p.statement_number.clone()),
                            Cell::Cents(p.amount_cents),
                        ]
                    })
                    .chain(std::iter::once(vec![
                        int(c.pilot_id),
                        text(format!("Summe {}", c.name)),
                        Cell::Date(None),
                        text(""),
                        text(""),
                        Cell::Cents(c.total_cents),
                    ]))
            })
            .collect(),
    }
}

fn annual_tables(r: &AnnualReport) -> Vec<Table> {
    let mut month_headers = vec!["Monat".to_string()];
    month_headers.extend(r.districts.iter().cloned());
    month_headers.extend(
        [
            "Landkreis",
            "Nachweise",
            "Einsätze/Kontakte",
            "Personen",
            "Familien",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let months = r
        .months
        .iter()
        .map(|m| {
            let mut row = vec![text(m.month.clone())];
            row.extend(m.active.iter().map(|a| int(*a)));
            row.extend([
                int(m.active_total),
                int(m.records),
                int(m.contacts),
                int(m.people),
                int(m.families),
            ]);
            row
        })
        .collect();
    let overview = vec![
        vec![text("Jahr"), int(r.year)],
        vec![text("Neu gewonnen"), int(r.recruited)],
        vec![text("Qualifiziert"), int(r.qualified)],
        vec![text("Berufen"), int(r.appointed)],
        vec![text("Ausgeschieden"), int(r.left)],
        vec![text("Tätigkeitsnachweise"), int(r.records)],
        vec![text("Einsätze und Kontakte"), int(r.contacts)],
        vec![text("Minuten (soweit angegeben)"), int(r.minutes)],
        vec![text("Unterstützte Personen"), int(r.people)],
        vec![text("Unterstützte Familien"), int(r.families)],
    ];
    let headers = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut coverage_headers = vec!["Monat".to_string()];
    coverage_headers.extend(r.districts.iter().cloned());
    coverage_headers.push("Landkreis".into());
    vec![
        Table {
            name: "Überblick".into(),
            headers: headers(&["Kennzahl", "Wert"]),
            rows: overview,
        },
        Table {
            name: "Monate".into(),
            headers: month_headers,
            rows: months,
        },
        Table {
            name: "Aufgabenbereiche".into(),
            headers: headers(&["Aufgabenbereich", "Nachweise", "Einsätze/Kontakte"]),
            rows: r
                .areas
                .iter()
                .map(|a| vec![text(a.area.clone()), int(a.records), int(a.contacts)])
                .collect(),
        },
        Table {
            name: "Lehrgänge".into(),
            headers: headers(&["Lehrgang", "Termine", "Teilnehmende", "Teilnahmen"]),
            rows: r
                .courses
                .iter()
                .map(|c| {
                    vec![
                        text(c.course.clone()),
                        int(c.sessions),
                        int(c.participants),
                        int(c.attendances),
                    ]
                })
                .collect(),
        },
        Table {
            name: "Abdeckung".into(),
            headers: coverage_headers,
            rows: r
                .coverage
                .iter()
                .map(|p| {
                    let mut row = vec![text(p.month.clone())];
                    row.extend(p.eligible.iter().map(|e| int(*e)));
                    row.push(int(p.total));
                    row
                })
                .collect(),
        },
    ]
}
