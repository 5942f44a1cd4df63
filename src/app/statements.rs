//! The printed documents of an allowance run (statements, payment list, combined PDF) and its SEPA
//! transfer file, produced from stored data.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::files::name_part;
use crate::db::Store;
use crate::documents::statements::{self, StatementContext};
use crate::documents::{self, sepa};
use crate::domain::allowance::Month;
use crate::domain::run::{Run, RunLine, RunState};
use crate::error::{Error, Result};

/// Every document of a run: the combined PDF (payment list, then one statement per line), the
/// statements one by one with their file names, and the payment list alone.
#[derive(Debug, Clone)]
pub struct RunDocuments {
    /// "2026-11".
    pub month: String,
    /// A draft run: every page is marked "ENTWURF" and has no statement numbers.
    pub draft: bool,
    pub combined: Vec<u8>,
    /// ("AE-2026-11-007_Mueller-Oeztuerk_Ayse.pdf", PDF), in the order of the payment list.
    pub statements: Vec<(String, Vec<u8>)>,
    pub payment_list: Vec<u8>,
}

impl RunDocuments {
    /// "Abrechnung_2026-11.pdf" ("Entwurf_2026-11_Abrechnung.pdf" for a draft).
    pub fn combined_file_name(&self) -> String {
        if self.draft {
            format!("Entwurf_{}_Abrechnung.pdf", self.month)
        } else {
            format!("Abrechnung_{}.pdf", self.month)
        }
    }

    /// "Auszahlungsliste_2026-11.pdf" ("Entwurf_2026-11_Auszahlungsliste.pdf" for a draft).
    pub fn payment_list_file_name(&self) -> String {
        if self.draft {
            format!("Entwurf_{}_Auszahlungsliste.pdf", self.month)
        } else {
            format!("Auszahlungsliste_{}.pdf", self.month)
        }
    }
}

/// "AE-2026-11-007_Mueller-Oeztuerk_Ayse.pdf"; "Entwurf_2026-11_Mueller-Oeztuerk_Ayse.pdf" for a draft.
fn statement_file_name(run: &Run, line: &RunLine) -> String {
    let name = format!(
        "{}_{}",
        name_part(&line.last_name),
        name_part(&line.first_name)
    );
    match (&line.statement_number, run.state) {
        (Some(n), RunState::Approved | RunState::Paid) => format!("{}_{name}.pdf", name_part(n)),
        _ => format!("Entwurf_{}_{name}.pdf", run.month),
    }
}

fn parse_month(month: &str) -> Result<Month> {
    Month::parse(month).ok_or_else(|| {
        Error::field(
            "month",
            format!("Monat „{month}“ ist ungültig; erwartet JJJJ-MM."),
        )
    })
}

impl Store {
    /// What the statements and the payment list of `run` need: settings, budget, approved before, the
    /// run's pilots, today as the date of issue.
    pub fn statement_context(&self, run: &Run, today: NaiveDate) -> Result<StatementContext> {
        let month = parse_month(&run.month)?;
        let settings = self.settings()?;
        let ids: HashSet<i64> = run.lines.iter().map(|l| l.pilot_id).collect();
        let pilots: HashMap<i64, crate::Pilot> = self
            .all_pilots()?
            .into_iter()
            .filter(|p| ids.contains(&p.id))
            .map(|p| (p.id, p))
            .collect();
        Ok(StatementContext {
            letterhead: settings.letterhead,
            allowance: settings.allowance,
            budget: self.budget(month.year)?,
            approved_before_cents: self.approved_before(&run.month, run.id)?,
            pilots,
            issued_on: today,
        })
    }

    /// The combined PDF, every statement and the payment list of a month's run (drafts marked
    /// "ENTWURF").
    pub fn run_documents(&self, month: &str, today: NaiveDate) -> Result<RunDocuments> {
        let run = self.run(month)?;
        let ctx = self.statement_context(&run, today)?;
        let mut names: HashSet<String> = HashSet::new();
        let mut list = Vec::with_capacity(run.lines.len());
        for line in &run.lines {
            let mut name = statement_file_name(&run, line);
            if !names.insert(name.clone()) {
                // Two drafts for people of the same name: the pilot number tells them apart.
                name = name.replace(".pdf", &format!("_{}.pdf", line.pilot_id));
                names.insert(name.clone());
            }
            let bytes = match ctx.pilots.get(&line.pilot_id) {
                Some(p) => statements::statement_pdf(&run, line, p, &ctx)?,
                None => {
                    let month = parse_month(&run.month)?;
                    let mut doc = documents::new_document(
                        &format!("{} – {}", statements::statement_title(month), line.name),
                        &ctx.letterhead,
                        ctx.issued_on,
                    );
                    statements::write_statement(&mut doc, &run, line, None, &ctx)?;
                    doc.finish()?
                }
            };
            list.push((name, bytes));
        }
        Ok(RunDocuments {
            month: run.month.clone(),
            draft: run.state == RunState::Draft,
            combined: statements::combined_pdf(&run, &ctx)?,
            statements: list,
            payment_list: statements::payment_list_pdf(&run, &ctx)?,
        })
    }

    /// One pilot's statement of a month (from the pilot's page): file name and PDF.
    pub fn statement_for(
        &self,
        month: &str,
        pilot_id: i64,
        today: NaiveDate,
    ) -> Result<(String, Vec<u8>)> {
        let run = self.run(month)?;
        let line = run
            .lines
            .iter()
            .find(|l| l.pilot_id == pilot_id)
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "Im Abrechnungslauf {} gibt es keine Abrechnung für Lotse Nr. {pilot_id}.",
                    run.label
                ))
            })?;
        let ctx = self.statement_context(&run, today)?;
        let pilot = match ctx.pilots.get(&pilot_id) {
            Some(p) => p.clone(),
            None => self.get_pilot(pilot_id)?,
        };
        let bytes = statements::statement_pdf(&run, line, &pilot, &ctx)?;
        Ok((statement_file_name(&run, line), bytes))
    }

    /// The SEPA transfer file (pain.001.001.09) of an approved month: file name and XML. Executed on the
    /// due date, or today when that has passed.
    pub fn sepa_for(&self, month: &str, today: NaiveDate) -> Result<(String, String)> {
        let run = self.run(month)?;
        let settings = self.settings()?;
        let m = parse_month(&run.month)?;
        let execution = statements::due_date(m, &settings.allowance).max(today);
        let xml = sepa::sepa_xml(&run, &settings.debtor, execution, &crate::db::now_utc())?;
        Ok((format!("SEPA-Ueberweisungen_{}.xml", run.month), xml))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_parts() {
        assert_eq!(name_part("Müller-Öztürk"), "Mueller-Oeztuerk");
        assert_eq!(name_part("Ayşe"), "Ayse");
        assert_eq!(name_part("Beispiel 2"), "Beispiel-2");
        assert!(name_part(&"Şahinoğlu-Großmann ".repeat(10)).len() <= 60);
        assert!(!name_part(&"ab ".repeat(40)).ends_with('-'));
    }
}
