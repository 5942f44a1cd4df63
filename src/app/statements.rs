//! The printed documents of an allowance run (statements, payment list, combined PDF) and its SEPA
//! transfer file, produced from stored data.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;

use super::documents::Document;
use super::files::name_part;
use super::progress::{quiet, Cancel, OnProgress, Progress};
use super::{parse, Session};
use crate::db::Store;
use crate::documents::pdf::{Doc, Part};
use crate::documents::statements::{self, StatementContext};
use crate::documents::{self, sepa};
use crate::domain::allowance::Month;
use crate::domain::money::grouped;
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

/// The PDF title of the combined file, as the documents layer names it.
const COMBINED_TITLE: &str = "Aufwandsentschädigung Integrationslotsen";

/// What the documents of a month's run are drawn from: the run and its context, read from the
/// store in one go. Drawing needs no store, so the desktop draws without holding the database and
/// the window and other commands go on while a large month is printed.
#[derive(Debug, Clone)]
pub struct RunJob {
    pub run: Run,
    pub ctx: StatementContext,
    /// "Abbrechen": drawing stops at the next statement, before anything is filed.
    pub cancel: Cancel,
}

impl Store {
    /// What the statements and the payment list of `run` need: settings, budget, approved before, the
    /// run's pilots, today as the date of issue.
    pub fn statement_context(&self, run: &Run, today: NaiveDate) -> Result<StatementContext> {
        let month = parse_month(&run.month)?;
        let settings = self.settings()?;
        let ids: HashSet<i64> = run.lines.iter().map(|l| l.pilot_id).collect();
        let pilots: HashMap<i64, crate::Pilot> = self
            .pilots()?
            .iter()
            .filter(|p| ids.contains(&p.id))
            .map(|p| (p.id, p.clone()))
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

    /// The run of `month` with what its documents need, dated `today`.
    pub fn run_job(&self, month: &str, today: NaiveDate) -> Result<RunJob> {
        let run = self.run(month)?;
        let ctx = self.statement_context(&run, today)?;
        Ok(RunJob {
            run,
            ctx,
            cancel: Cancel::new(),
        })
    }

    /// The combined PDF, every statement and the payment list of a month's run (drafts marked
    /// "ENTWURF").
    pub fn run_documents(&self, month: &str, today: NaiveDate) -> Result<RunDocuments> {
        self.run_job(month, today)?.documents(&quiet)
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
        self.sepa_with(month, today, &crate::db::now_utc())
    }

    /// The SEPA file with the creation time `created_at` (which makes its message id): a file made
    /// again carries the time of the first (see `app::sepa_exports`).
    pub fn sepa_with(
        &self,
        month: &str,
        today: NaiveDate,
        created_at: &str,
    ) -> Result<(String, String)> {
        let run = self.run(month)?;
        let settings = self.settings()?;
        let m = parse_month(&run.month)?;
        let execution = statements::due_date(m, &settings.allowance).max(today);
        let xml = sepa::sepa_xml(&run, &settings.debtor, execution, created_at)?;
        Ok((format!("SEPA-Ueberweisungen_{}.xml", run.month), xml))
    }
}

impl RunJob {
    /// A draft run: every page is marked "ENTWURF" and has no statement numbers.
    pub fn is_draft(&self) -> bool {
        self.run.state == RunState::Draft
    }

    /// The first day of the run's month: its documents are filed in that month's folder.
    pub fn filing_date(&self) -> Result<NaiveDate> {
        Ok(parse_month(&self.run.month)?.first_day())
    }

    fn names(&self) -> RunDocuments {
        RunDocuments {
            month: self.run.month.clone(),
            draft: self.is_draft(),
            combined: Vec::new(),
            statements: Vec::new(),
            payment_list: Vec::new(),
        }
    }

    /// "Abrechnung_2026-11.pdf" ("Entwurf_2026-11_Abrechnung.pdf" for a draft).
    pub fn combined_file_name(&self) -> String {
        self.names().combined_file_name()
    }

    /// The payment list, then one statement per line, laid out in one document; `progress` hears
    /// of each statement page. Steps are counted from `base` of `total` (so one bar covers several
    /// files). With the document, the pages of the payment list and of each statement.
    fn combined_doc(
        &self,
        progress: OnProgress,
        base: usize,
        total: usize,
    ) -> Result<(Doc, Vec<Range<usize>>)> {
        let (run, ctx) = (&self.run, &self.ctx);
        let month = parse_month(&run.month)?;
        progress(Progress::new(
            base,
            total,
            "Auszahlungsliste wird erstellt …",
        ));
        let mut doc = documents::new_document(
            &format!(
                "{COMBINED_TITLE} – {}: Auszahlungsliste und Abrechnungen",
                month.label()
            ),
            &ctx.letterhead,
            ctx.issued_on,
        );
        // Three quarters of the statements are laid out on another thread into a document of its
        // own, appended after the first quarter, which is laid out here after the payment list (about
        // as much work: 30 pilots, 4.5 M instructions for the list, 0.5 M per statement); the
        // statements begun on both are counted here.
        let n = run.lines.len();
        let (mine, theirs) = run.lines.split_at(if n >= 8 { n / 4 } else { n });
        let blank = doc.blank();
        let done_there = AtomicUsize::new(0);
        let mut pages = Vec::with_capacity(n + 1);
        std::thread::scope(|scope| -> Result<()> {
            let helper = (!theirs.is_empty()).then(|| {
                scope.spawn(|| {
                    let mut other = blank;
                    let pages = self.lay_out(&mut other, theirs, false, &|| {
                        done_there.fetch_add(1, Ordering::Relaxed);
                    })?;
                    Ok::<_, Error>((other, pages))
                })
            });
            statements::write_payment_list(&mut doc, run, ctx)?;
            pages.push(0..doc.page_count());
            let done_here = Cell::new(0);
            let step = || {
                done_here.set(done_here.get() + 1);
                let done = done_here.get() + done_there.load(Ordering::Relaxed);
                progress(Progress::new(
                    base + done,
                    total,
                    format!(
                        "Abrechnung {} von {} wird erstellt …",
                        grouped(done as u64),
                        grouped(n as u64)
                    ),
                ));
            };
            pages.extend(self.lay_out(&mut doc, mine, true, &step)?);
            if let Some(helper) = helper {
                // A thread that panicked: its half is laid out here instead.
                let (other, theirs_pages) = match helper.join() {
                    Ok(laid_out) => laid_out?,
                    Err(_) => {
                        let mut other = doc.blank();
                        let p = self.lay_out(&mut other, theirs, false, &|| {})?;
                        (other, p)
                    }
                };
                let offset = doc.page_count();
                doc.append(other);
                pages.extend(
                    theirs_pages
                        .into_iter()
                        .map(|p| p.start + offset..p.end + offset),
                );
            }
            Ok(())
        })?;
        progress(Progress::new(
            base + 1 + n,
            total,
            "PDF-Datei wird geschrieben …",
        ));
        Ok((doc, pages))
    }

    /// Draws the statements of `lines` one to a page into `doc`, the first on a new page when
    /// `new_page` (else on the current, empty one); `step` hears of each before it is drawn. Their
    /// pages in `doc`.
    fn lay_out(
        &self,
        doc: &mut Doc,
        lines: &[RunLine],
        new_page: bool,
        step: &dyn Fn(),
    ) -> Result<Vec<Range<usize>>> {
        let (run, ctx) = (&self.run, &self.ctx);
        let mut pages = Vec::with_capacity(lines.len());
        for (i, line) in lines.iter().enumerate() {
            self.cancel.check()?;
            if new_page || i > 0 {
                doc.new_page();
            }
            let first = doc.page_count() - 1;
            step();
            statements::write_statement(doc, run, line, ctx.pilots.get(&line.pilot_id), ctx)?;
            pages.push(first..doc.page_count());
        }
        Ok(pages)
    }

    /// Only the combined PDF ("Drucken" of a draft, "Speichern unter…").
    pub fn combined(&self, progress: OnProgress) -> Result<Document> {
        let total = self.run.lines.len() + 2;
        let bytes = self.combined_doc(progress, 0, total)?.0.finish()?;
        progress(Progress::new(total, total, "Fertig."));
        Ok(Document::new(self.combined_file_name(), bytes))
    }

    /// Every document of the run: the combined PDF, each statement alone and the payment list.
    pub fn documents(&self, progress: OnProgress) -> Result<RunDocuments> {
        let run = &self.run;
        let n = run.lines.len();
        // Combined (list, n pages, writing), the single files.
        let total = n + 3;
        let (doc, pages) = self.combined_doc(progress, 0, total)?;
        // The list and each statement are written on their own from the combined document's pages.
        let mut titles = vec![statements::payment_list_pdf_title(run)?];
        for line in &run.lines {
            self.cancel.check()?;
            titles.push(statements::statement_pdf_title(run, line)?);
        }
        let parts: Vec<Part> = titles
            .into_iter()
            .zip(pages)
            .map(|(title, pages)| Part { title, pages })
            .collect();
        progress(Progress::new(
            n + 2,
            total,
            "Einzelabrechnungen und Auszahlungsliste werden geschrieben …",
        ));
        let (combined, singles) = doc.finish_parts(&parts)?;
        let mut singles = singles.into_iter();
        let payment_list = singles.next().unwrap_or_default();
        let mut names: HashSet<String> = HashSet::new();
        let list = run
            .lines
            .iter()
            .zip(singles)
            .map(|(line, bytes)| {
                let mut name = statement_file_name(run, line);
                if !names.insert(name.clone()) {
                    // Two drafts for people of the same name: the pilot number tells them apart.
                    name = name.replace(".pdf", &format!("_{}.pdf", line.pilot_id));
                    names.insert(name.clone());
                }
                (name, bytes)
            })
            .collect();
        progress(Progress::new(total, total, "Fertig."));
        Ok(RunDocuments {
            combined,
            statements: list,
            payment_list,
            ..self.names()
        })
    }
}

/// "Drucken" of a run: what to draw and where to file it.
pub struct RunPrint {
    pub job: RunJob,
    /// The documents folder.
    pub root: PathBuf,
}

impl RunPrint {
    /// Draws and files the run's documents in the folder of the run's month; returns the path of
    /// the combined PDF (to open). A draft files only the combined preview; an approved run also
    /// files the payment list and every statement. Cancelled (`job.cancel`) while drawing, it
    /// files nothing: every document is drawn before the first is filed.
    pub fn file(&self, progress: OnProgress) -> Result<PathBuf> {
        let when = self.job.filing_date()?;
        let combined = if self.job.is_draft() {
            let combined = self.job.combined(progress)?;
            self.job.cancel.check()?;
            combined
        } else {
            let docs = self.job.documents(progress)?;
            self.job.cancel.check()?;
            Document::new(docs.payment_list_file_name(), docs.payment_list)
                .file_in(&self.root, when)?;
            for (name, bytes) in docs.statements {
                Document::new(name, bytes).file_in(&self.root, when)?;
            }
            Document::new(self.job.combined_file_name(), docs.combined)
        };
        combined.file_in(&self.root, when)
    }
}

impl Session {
    /// What "Drucken" of `month`'s run needs; drawing and filing ([`RunPrint::file`]) need no store.
    pub fn run_print(&self, month: &str) -> Result<RunPrint> {
        Ok(RunPrint {
            job: self.run_job(month)?,
            root: self.documents_root()?,
        })
    }

    /// The run of `month` with what its documents need, dated today.
    pub fn run_job(&self, month: &str) -> Result<RunJob> {
        self.store().run_job(month, self.today())
    }

    /// One pilot's statement of a month, filed in the month's folder ("Drucken" on the pilot's
    /// page); returns its path.
    pub fn print_statement(&self, month: &str, pilot_id: i64) -> Result<PathBuf> {
        let (name, bytes) = self.store().statement_for(month, pilot_id, self.today())?;
        let when = parse::month("month", month)?.first_day();
        Document::new(name, bytes).file_in(&self.documents_root()?, when)
    }

    /// The SEPA transfer file of an approved month.
    pub fn sepa_document(&self, month: &str) -> Result<Document> {
        let (name, xml) = self.store().sepa_for(month, self.today())?;
        Ok(Document::new(name, xml.into_bytes()))
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
