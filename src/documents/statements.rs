//! Allowance statements (Abrechnung: one A4 page per pilot and month) and the payment list
//! (Auszahlungsliste) of a run, each with what a payment order needs under § 8 Abs. 1 KomKBVO LSA:
//! amount, reason, payee, IBAN, budget line, due date, budget year, and the sign-off fields "Sachlich
//! richtig", "Rechnerisch richtig", "Angeordnet" with date and signature. [`combined_pdf`] puts the list
//! first and then every statement into one PDF.
//!
//! A draft run gives the same documents with a large "ENTWURF" mark on every page and no statement
//! numbers ("—"). The writers ([`write_statement`], [`write_payment_list`]) draw into a [`Doc`]; the
//! `*_pdf` functions are thin wrappers around them.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};

use super::letter_frame::{InfoBlock, LetterFrame, Recipient, Reference};
use super::pdf::{
    cell_text, row_height, text_width, wrap, wrap_limited, Align, Colour, Column, Doc, Style,
    CELL_PAD_X, CELL_PAD_Y, CONTENT_LEFT, CONTENT_RIGHT, CONTENT_WIDTH,
};
use super::{draw_letterhead, format_date, join_set, new_document, place_and_date, Letterhead};
use crate::domain::allowance::{AllowanceSettings, Month, Timing};
use crate::domain::money::Cents;
use crate::domain::pilot::Pilot;
use crate::domain::run::{Budget, Correction, Run, RunLine, RunState};
use crate::error::{Error, Result};

/// What the statements and the payment list need besides the run: settings, the budget of the run's
/// year and what was approved of it before, the pilots (for their addresses) and the date of issue.
#[derive(Debug, Clone)]
pub struct StatementContext {
    pub letterhead: Letterhead,
    pub allowance: AllowanceSettings,
    pub budget: Option<Budget>,
    /// Approved and paid totals of the budget year in runs before this one.
    pub approved_before_cents: i64,
    /// Pilots by id, for the payee's address.
    pub pilots: HashMap<i64, Pilot>,
    pub issued_on: NaiveDate,
}

/// Shown instead of a statement number while the run is a draft.
pub const NO_NUMBER: &str = "—";
/// The mark on every page of a draft.
pub const DRAFT_MARK: &str = "ENTWURF";

const TITLE: &str = "Aufwandsentschädigung Integrationslotsen";
const SIGN_OFF: [&str; 3] = ["Sachlich richtig", "Rechnerisch richtig", "Angeordnet"];

fn run_month(run: &Run) -> Result<Month> {
    Month::parse(&run.month).ok_or_else(|| {
        Error::field(
            "month",
            format!("Monat „{}“ ist ungültig; erwartet JJJJ-MM.", run.month),
        )
    })
}

fn is_draft(run: &Run) -> bool {
    run.state == RunState::Draft
}

/// The payment is due `due_days` after the end of the month (in arrears) or after its first day (in
/// advance).
pub fn due_date(month: Month, settings: &AllowanceSettings) -> NaiveDate {
    let from = match settings.timing {
        Timing::InArrears => month.last_day(),
        Timing::InAdvance => month.first_day(),
    };
    from + Days::new(u64::from(settings.due_days))
}

/// "01.11.2026–30.11.2026".
pub fn period(month: Month) -> String {
    format!(
        "{}–{}",
        format_date(month.first_day()),
        format_date(month.last_day())
    )
}

/// "Aufwandsentschädigung Integrationslotsen – Abrechnung November 2026".
pub fn statement_title(month: Month) -> String {
    format!("{TITLE} – Abrechnung {}", month.label())
}

/// The statement number, or "—" for a draft.
pub fn statement_number(run: &Run, line: &RunLine) -> String {
    match (&line.statement_number, is_draft(run)) {
        (Some(n), false) => n.clone(),
        _ => NO_NUMBER.to_string(),
    }
}

/// The local date (Europe/Berlin) of a stored UTC timestamp, "01.12.2026".
fn stamp_date(stamp: &str) -> String {
    crate::domain::dates::local_date_of(stamp)
        .map(format_date)
        .unwrap_or_else(|| stamp.to_string())
}

/// How far the run has got, in words: "freigegeben am 01.12.2026 von Kämmerei".
fn run_state_text(run: &Run) -> String {
    match run.state {
        RunState::Draft => "Entwurf – nicht freigegeben".to_string(),
        RunState::Approved | RunState::Paid => {
            let mut s = "freigegeben".to_string();
            if let Some(at) = &run.approved_at {
                s.push_str(&format!(" am {}", stamp_date(at)));
            }
            if let Some(by) = run.approved_by.as_deref().filter(|b| !b.trim().is_empty()) {
                s.push_str(&format!(" von {}", by.trim()));
            }
            if let Some(paid) = run.paid_on {
                s.push_str(&format!("; bezahlt am {}", format_date(paid)));
            }
            s
        }
    }
}

/// The run's state for a statement's information block, one fact per line so none is cut:
/// "Freigegeben 02.12.2026, Koordination" and "Bezahlt am 15.12.2026", or "Stand: Entwurf …".
fn state_references(run: &Run) -> Vec<Reference> {
    if run.state == RunState::Draft {
        return vec![Reference::new("Stand", run_state_text(run), 2)];
    }
    let mut approved: Vec<String> = run
        .approved_at
        .as_deref()
        .map(stamp_date)
        .into_iter()
        .collect();
    approved.extend(
        run.approved_by
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .map(str::to_string),
    );
    let mut refs = vec![Reference::new("Freigegeben", approved.join(", "), 2)];
    if let Some(paid) = run.paid_on {
        refs.push(Reference::new("Bezahlt am", format_date(paid), 1));
    }
    refs
}

fn budget_line(ctx: &StatementContext) -> String {
    ctx.budget
        .as_ref()
        .map(|b| b.budget_line.trim().to_string())
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "nicht festgelegt".to_string())
}

fn notice(budget: &Budget) -> String {
    let number = budget.notice_number.trim();
    match (number.is_empty(), budget.notice_date) {
        (true, None) => NO_NUMBER.to_string(),
        (true, Some(d)) => format!("vom {}", format_date(d)),
        (false, None) => number.to_string(),
        (false, Some(d)) => format!("{number} vom {}", format_date(d)),
    }
}

/// A section heading in the accent colour.
fn heading(doc: &mut Doc, text: &str, size: f32) {
    let style = Style::bold(size).colour(Colour::ACCENT);
    doc.line(style, Align::Left, text);
    doc.gap(1.0);
}

/// The sign-off box: "Sachlich richtig", "Rechnerisch richtig", "Angeordnet", each with a date and a
/// signature line. Drawn at the cursor; the caller makes sure it fits.
fn sign_off_box(doc: &mut Doc) {
    let head = 6.0;
    let field = 11.0;
    let height = SIGN_OFF_HEIGHT;
    let top = doc.y();
    let w = CONTENT_WIDTH / 3.0;
    let label = Style::bold(8.5);
    let small = Style::regular(7.5).colour(Colour::GREY);
    doc.fill_rect(CONTENT_LEFT, top, CONTENT_WIDTH, head, Colour::SHADE);
    doc.stroke_rect(CONTENT_LEFT, top, CONTENT_WIDTH, height, 0.6, Colour::GREY);
    doc.line_at(
        (CONTENT_LEFT, top + head),
        (CONTENT_RIGHT, top + head),
        0.4,
        Colour::GREY,
    );
    for (i, text) in SIGN_OFF.iter().enumerate() {
        let x = CONTENT_LEFT + i as f32 * w;
        if i > 0 {
            doc.line_at((x, top), (x, top + height), 0.4, Colour::GREY);
        }
        doc.text_at(
            x + 2.0,
            top + 1.2 + label.baseline(),
            w - 4.0,
            label,
            Align::Left,
            text,
        );
        for (j, caption) in ["Datum", "Unterschrift"].iter().enumerate() {
            let y = top + head + field * (j as f32 + 1.0) - 2.0;
            doc.text_at(x + 2.0, y, 18.0, small, Align::Left, caption);
            doc.line_at(
                (x + 20.0, y + 0.6),
                (x + w - 3.0, y + 0.6),
                0.5,
                Colour::BLACK,
            );
        }
    }
    doc.set_y(top + height);
}

const SIGN_OFF_HEIGHT: f32 = 6.0 + 2.0 * 11.0 + 2.0;

// ---------------------------------------------------------------------------------------------------------
// Statement

/// Type sizes and line limits of a statement; smaller ones are tried when the page would overflow.
struct Sizes {
    body: f32,
    cell: f32,
    small: f32,
    title: f32,
    name_lines: usize,
    reason_lines: usize,
    legal_lines: usize,
    note_lines: usize,
    max_corrections: usize,
}

const SIZES: [Sizes; 3] = [
    Sizes {
        body: 9.0,
        cell: 8.5,
        small: 7.5,
        title: 13.0,
        name_lines: 3,
        reason_lines: 3,
        legal_lines: 4,
        note_lines: 6,
        max_corrections: usize::MAX,
    },
    Sizes {
        body: 8.5,
        cell: 8.0,
        small: 7.0,
        title: 12.0,
        name_lines: 2,
        reason_lines: 2,
        legal_lines: 3,
        note_lines: 4,
        max_corrections: 10,
    },
    Sizes {
        body: 8.0,
        cell: 7.5,
        small: 6.5,
        title: 11.0,
        name_lines: 2,
        reason_lines: 1,
        legal_lines: 3,
        note_lines: 3,
        max_corrections: 6,
    },
];

/// One statement being laid out: a run's line with everything drawn from it, in one set of sizes.
struct Statement<'a> {
    run: &'a Run,
    month: Month,
    line: &'a RunLine,
    recipient: Recipient,
    corrections: &'a [&'a Correction],
    ctx: &'a StatementContext,
    sizes: &'a Sizes,
}

/// Position, basis, amount.
const CALCULATION_COLUMNS: [Column; 3] = [
    Column::left(46.0),
    Column::left(CONTENT_WIDTH - 46.0 - 28.0),
    Column::right(28.0),
];

/// One statement as a PDF of one page.
pub fn statement_pdf(
    run: &Run,
    line: &RunLine,
    pilot: &Pilot,
    ctx: &StatementContext,
) -> Result<Vec<u8>> {
    statement_doc(run, line, Some(pilot), ctx)?.finish()
}

fn statement_doc(
    run: &Run,
    line: &RunLine,
    pilot: Option<&Pilot>,
    ctx: &StatementContext,
) -> Result<Doc> {
    let mut doc = new_document(
        &statement_pdf_title(run, line)?,
        &ctx.letterhead,
        ctx.issued_on,
    );
    write_statement(&mut doc, run, line, pilot, ctx)?;
    Ok(doc)
}

/// The PDF title of a statement on its own.
pub fn statement_pdf_title(run: &Run, line: &RunLine) -> Result<String> {
    Ok(format!(
        "{} – {}",
        statement_title(run_month(run)?),
        line.name.trim()
    ))
}

/// The PDF title of the payment list on its own.
pub fn payment_list_pdf_title(run: &Run) -> Result<String> {
    Ok(format!(
        "Auszahlungsliste {TITLE} – {}",
        run_month(run)?.label()
    ))
}

/// Draws one statement on the current page of `doc`, which must be empty (a new document, or right
/// after [`Doc::new_page`]). The statement always takes exactly one page: when long names, reasons or
/// many corrections would not fit, it is set smaller and long texts are cut with "…".
pub fn write_statement(
    doc: &mut Doc,
    run: &Run,
    line: &RunLine,
    pilot: Option<&Pilot>,
    ctx: &StatementContext,
) -> Result<()> {
    let month = run_month(run)?;
    let corrections: Vec<&Correction> = run
        .corrections
        .iter()
        .filter(|c| c.pilot_id == line.pilot_id)
        .collect();
    let statement = |sizes| Statement {
        run,
        month,
        line,
        recipient: Recipient::new(&line.name, pilot),
        corrections: &corrections,
        ctx,
        sizes,
    };
    let last = SIZES.len() - 1;
    // The first size at which the statement fits one page; that layout is the statement's.
    for sizes in &SIZES[..last] {
        let mut probe = doc.blank();
        statement(sizes).draw(&mut probe);
        if probe.page_count() == 1 {
            doc.adopt_page(probe);
            return Ok(());
        }
    }
    statement(&SIZES[last]).draw(doc);
    Ok(())
}

impl Statement<'_> {
    fn draw(&self, doc: &mut Doc) {
        if is_draft(self.run) {
            doc.set_watermark(Some(DRAFT_MARK));
        }
        let body_top = self.frame().draw(doc);
        doc.set_y(body_top);
        self.title(doc);
        self.payee(doc);
        self.calculation(doc);
        self.payment_note(doc);
        self.legal_notes(doc);
        self.sign_off(doc);
    }

    fn cell_style(&self) -> Style {
        Style::regular(self.sizes.cell)
    }

    fn number(&self) -> String {
        statement_number(self.run, self.line)
    }

    fn due(&self) -> NaiveDate {
        due_date(self.month, &self.ctx.allowance)
    }

    /// The payee in the envelope window; beside it what the treasury looks for first.
    fn frame(&self) -> LetterFrame<'_> {
        let references: Vec<Reference> = [
            Reference::new("Abrechnungs-Nr.", self.number(), 1),
            Reference::new("Datum", format_date(self.ctx.issued_on), 1),
            Reference::new("Zeitraum", period(self.month), 1),
            Reference::new("Haushaltsjahr", self.month.year.to_string(), 1),
            Reference::new("Buchungsstelle", budget_line(self.ctx), 2),
            Reference::new("Fällig am", format_date(self.due()), 1),
        ]
        .into_iter()
        .chain(state_references(self.run))
        .collect();
        LetterFrame {
            letterhead: &self.ctx.letterhead,
            recipient: self.recipient.clone(),
            address_style: Style::regular(10.0),
            name_lines: self.sizes.name_lines,
            info: InfoBlock::References(references),
        }
    }

    /// "Aufwandsentschädigung Integrationslotsen – Abrechnung November 2026" and the number below.
    fn title(&self, doc: &mut Doc) {
        let s = self.sizes;
        doc.block(
            CONTENT_LEFT,
            CONTENT_WIDTH,
            Style::bold(s.title).colour(Colour::ACCENT),
            Align::Left,
            &statement_title(self.month),
        );
        doc.gap(0.5);
        doc.line(
            Style::regular(s.body + 0.5).colour(Colour::GREY),
            Align::Left,
            &format!(
                "{}Abrechnungs-Nr. {} · Zeitraum {}",
                if is_draft(self.run) {
                    "ENTWURF · "
                } else {
                    ""
                },
                self.number(),
                period(self.month)
            ),
        );
        doc.gap(3.0);
    }

    /// Name and address, district, account holder, IBAN.
    fn payee(&self, doc: &mut Doc) {
        let s = self.sizes;
        let line = self.line;
        let cell_style = self.cell_style();
        let bold = Style::bold(s.cell);
        heading(doc, "Zahlungsempfänger/in und Bankverbindung", s.body + 1.0);
        let kv = [Column::left(42.0), Column::left(CONTENT_WIDTH - 42.0)];
        let w = kv[1].width;
        let r = &self.recipient;
        let address = join_set(&[&r.street, &r.town], ", ");
        let name_address = [
            cell_text(line.name.trim(), bold, w, s.name_lines),
            cell_text(&address, cell_style, w, 2),
        ]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
        doc.table_row(&kv, &["Name und Anschrift", &name_address], cell_style);
        let district = or_dash(&line.district);
        doc.table_row(
            &kv,
            &["Altkreis", &cell_text(&district, cell_style, w, 1)],
            cell_style,
        );
        doc.table_row(
            &kv,
            &[
                "Kontoinhaber/in",
                &cell_text(line.account_holder.trim(), cell_style, w, 2),
            ],
            cell_style,
        );
        let iban = if line.iban.trim().is_empty() {
            "keine IBAN hinterlegt".to_string()
        } else {
            crate::domain::iban::format(&line.iban)
        };
        doc.table_row(&kv, &["IBAN", &iban], bold);
        doc.gap(4.0);
    }

    /// The allowance, its lowering, the corrections and the total.
    fn calculation(&self, doc: &mut Doc) {
        heading(doc, "Berechnung", self.sizes.body + 1.0);
        doc.table_header(
            &CALCULATION_COLUMNS,
            &["Position", "Grundlage", "Betrag"],
            Style::bold(self.sizes.cell - 0.5),
        );
        self.allowance_rows(doc);
        self.correction_rows(doc);
        self.total_row(doc);
        doc.end_table();
        doc.gap(2.0);
    }

    /// The month's allowance from rate and days, and the lowering when there is one.
    fn allowance_rows(&self, doc: &mut Doc) {
        let line = self.line;
        let cell_style = self.cell_style();
        let reason_w = CALCULATION_COLUMNS[1].width;
        let days = format!(
            "Monatsbetrag {} · {} von {} Tagen anspruchsberechtigt",
            Cents(line.rate_cents),
            line.eligible_days,
            line.days_in_month
        );
        doc.table_row(
            &CALCULATION_COLUMNS,
            &[
                &format!("Aufwandsentschädigung {}", self.month.label()),
                &cell_text(&days, cell_style, reason_w, 2),
                &Cents(line.computed_cents).to_string(),
            ],
            cell_style,
        );
        if line.amount_cents != line.computed_cents {
            let reason = or_dash(&line.lowered_reason);
            doc.table_row(
                &CALCULATION_COLUMNS,
                &[
                    &format!("Minderung auf {}", Cents(line.amount_cents)),
                    &cell_text(&reason, cell_style, reason_w, self.sizes.reason_lines),
                    &Cents(line.amount_cents - line.computed_cents).to_string(),
                ],
                cell_style,
            );
        }
    }

    /// One row per correction, as many as the sizes allow; the rest summed up in one row.
    fn correction_rows(&self, doc: &mut Doc) {
        let corrections = self.corrections;
        let cell_style = self.cell_style();
        let shown = if corrections.len() > self.sizes.max_corrections {
            self.sizes.max_corrections - 1
        } else {
            corrections.len()
        };
        for c in &corrections[..shown] {
            let reason = format!("zu {}: {}", c.refers_to(), c.reason.trim());
            doc.table_row(
                &CALCULATION_COLUMNS,
                &[
                    "Korrektur",
                    &cell_text(
                        &reason,
                        cell_style,
                        CALCULATION_COLUMNS[1].width,
                        self.sizes.reason_lines,
                    ),
                    &Cents(c.amount_cents).to_string(),
                ],
                cell_style,
            );
        }
        let listed: i64 = corrections[..shown].iter().map(|c| c.amount_cents).sum();
        let rest = self.line.corrections_cents - listed;
        if rest != 0 || corrections.len() > shown {
            let more = corrections.len() - shown;
            let text = if more > 0 {
                format!("{more} weitere Korrekturen (einzeln in der Korrekturliste des Laufs)")
            } else {
                "Korrekturen laut Abrechnungslauf".to_string()
            };
            doc.table_row(
                &CALCULATION_COLUMNS,
                &["Weitere Korrekturen", &text, &Cents(rest).to_string()],
                cell_style,
            );
        }
    }

    /// "Auszahlungsbetrag" or, when negative, "Rückforderungsbetrag", and the amount.
    fn total(&self) -> (&'static str, Cents) {
        if self.line.net_cents < 0 {
            ("Rückforderungsbetrag", Cents(-self.line.net_cents))
        } else {
            ("Auszahlungsbetrag", Cents(self.line.net_cents))
        }
    }

    /// The total under a strong rule.
    fn total_row(&self, doc: &mut Doc) {
        let (label, total) = self.total();
        let style = Style::bold(self.sizes.cell + 0.5);
        doc.ensure_space(style.line_height() + 2.0 * CELL_PAD_Y);
        let rule_y = doc.y();
        doc.line_at(
            (CONTENT_LEFT, rule_y),
            (CONTENT_RIGHT, rule_y),
            1.0,
            Colour::GREY,
        );
        doc.table_row(
            &CALCULATION_COLUMNS,
            &[label, "", &total.to_string()],
            style,
        );
    }

    /// What happens to the money: transferred by the due date, claimed back, or nothing.
    fn payment_note(&self, doc: &mut Doc) {
        let net = self.line.net_cents;
        let (_, total) = self.total();
        let text = if is_draft(self.run) {
            "Entwurf: Dieser Lauf ist noch nicht freigegeben; es wird nichts ausgezahlt."
                .to_string()
        } else if net > 0 {
            format!(
                "Der Betrag von {total} wird bis zum {} auf das oben genannte Konto überwiesen.",
                format_date(self.due())
            )
        } else if net < 0 {
            format!(
                "Rückforderung: Sie haben {total} zu viel erhalten. Es erfolgt keine Überweisung an Sie; der \
                 Betrag ist an {} zurückzuzahlen. Die Zahlungsaufforderung mit der Bankverbindung erhalten \
                 Sie gesondert.",
                self.ctx.letterhead.authority.trim()
            )
        } else {
            "Für diesen Monat ergibt sich kein Zahlbetrag; es erfolgt keine Überweisung."
                .to_string()
        };
        let style = if net < 0 {
            Style::bold(self.sizes.body)
        } else {
            Style::regular(self.sizes.body)
        };
        doc.paragraph(style, &text, 3.0);
    }

    /// Legal basis and the note on tax and social benefits (settings), each when set.
    fn legal_notes(&self, doc: &mut Doc) {
        let s = self.sizes;
        let allowance = &self.ctx.allowance;
        let small = Style::regular(s.small + 0.5);
        for (title, text, max_lines) in [
            (
                "Rechtsgrundlage",
                allowance.legal_basis.trim(),
                s.legal_lines,
            ),
            (
                "Hinweis zu Steuern und Sozialleistungen",
                allowance.tax_note.trim(),
                s.note_lines,
            ),
        ] {
            if text.is_empty() {
                continue;
            }
            doc.line(Style::bold(s.small + 0.5), Align::Left, title);
            for l in wrap_limited(text, small, CONTENT_WIDTH, max_lines) {
                doc.line(small, Align::Left, &l);
            }
            doc.gap(2.0);
        }
    }

    /// The sign-off box at the foot of the body.
    fn sign_off(&self, doc: &mut Doc) {
        let heading_style = Style::bold(self.sizes.body);
        doc.gap(2.0);
        let heading_h = heading_style.line_height() + 1.0;
        doc.ensure_space(heading_h + SIGN_OFF_HEIGHT);
        let bottom = doc.body_bottom();
        if doc.y() + heading_h + SIGN_OFF_HEIGHT < bottom - 6.0 {
            doc.set_y(bottom - 6.0 - heading_h - SIGN_OFF_HEIGHT);
        }
        doc.line(
            heading_style,
            Align::Left,
            "Feststellung und Anordnung (§ 8 Abs. 1 KomKBVO LSA)",
        );
        doc.gap(1.0);
        sign_off_box(doc);
    }
}

/// The trimmed text, or "—" when there is none.
fn or_dash(text: &str) -> String {
    match text.trim() {
        "" => NO_NUMBER.to_string(),
        t => t.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Payment list

const LIST_CELL: Style = Style::regular(8.0);
const LIST_BOLD: Style = Style::bold(8.0);
const LIST_HEAD: Style = Style::bold(7.5);
const SUM_STYLE: Style = Style::bold(8.5);
const SUBTOTAL_SHADE: Colour = Colour(0.95, 0.95, 0.95);

/// The list's columns for sum rows: number and statement number, name to IBAN (for the label), amount.
fn sum_columns(columns: &[Column]) -> [Column; 3] {
    let w = |r: std::ops::Range<usize>| columns[r].iter().map(|c| c.width).sum::<f32>();
    [
        Column::left(w(0..2)),
        Column::left(w(2..5)),
        Column::right(columns[5].width),
    ]
}

/// The payment list of a run as a PDF.
pub fn payment_list_pdf(run: &Run, ctx: &StatementContext) -> Result<Vec<u8>> {
    payment_list_doc(run, ctx)?.finish()
}

fn payment_list_doc(run: &Run, ctx: &StatementContext) -> Result<Doc> {
    let mut doc = new_document(
        &payment_list_pdf_title(run)?,
        &ctx.letterhead,
        ctx.issued_on,
    );
    write_payment_list(&mut doc, run, ctx)?;
    Ok(doc)
}

/// The payment list first, then one statement page per line of the run, in the list's order.
pub fn combined_pdf(run: &Run, ctx: &StatementContext) -> Result<Vec<u8>> {
    let month = run_month(run)?;
    let mut doc = new_document(
        &format!(
            "{TITLE} – {}: Auszahlungsliste und Abrechnungen",
            month.label()
        ),
        &ctx.letterhead,
        ctx.issued_on,
    );
    write_payment_list(&mut doc, run, ctx)?;
    for line in &run.lines {
        doc.new_page();
        write_statement(&mut doc, run, line, ctx.pilots.get(&line.pilot_id), ctx)?;
    }
    doc.finish()
}

/// Draws the payment list from the current page of `doc` on, which must be empty. Returns the number of
/// pages it took.
pub fn write_payment_list(doc: &mut Doc, run: &Run, ctx: &StatementContext) -> Result<usize> {
    let month = run_month(run)?;
    // Laid out once to count the sheets ("Blatt 2 von 3"), then for real.
    let mut probe = doc.blank();
    let sheets = {
        let mut w = ListWriter::new(&mut probe, run, month, ctx, None);
        w.write();
        w.sheet
    };
    let mut w = ListWriter::new(doc, run, month, ctx, Some(sheets));
    w.write();
    Ok(w.sheet)
}

/// The columns of the payment and claim-back tables.
const LINE_LABELS: [&str; 6] = [
    "Nr.",
    "Abrechnungs-Nr.",
    "Name",
    "Altkreis",
    "IBAN",
    "Betrag",
];

/// Column widths for the run's lines: numbers, district, IBAN and amount as wide as their longest
/// entry (district and IBAN capped), the name gets the rest.
fn line_columns(run: &Run) -> Vec<Column> {
    let width = |label: &str, cells: &[String], style: Style| -> f32 {
        cells
            .iter()
            .map(|c| text_width(c, style))
            .fold(text_width(label, LIST_HEAD), f32::max)
            + 2.0 * CELL_PAD_X
            + 0.6
    };
    let lines = &run.lines;
    let numbers: Vec<String> = (1..=lines.len().max(1)).map(|n| n.to_string()).collect();
    let statement_nos: Vec<String> = lines.iter().map(|l| statement_number(run, l)).collect();
    let ibans: Vec<String> = lines
        .iter()
        .map(|l| crate::domain::iban::format(&l.iban))
        .collect();
    let amounts: Vec<String> = lines
        .iter()
        .map(|l| Cents(l.net_cents.abs()).to_string())
        .chain([Cents(run.total_cents.max(run.claim_back_cents)).to_string()])
        .collect();
    let districts: Vec<String> = lines.iter().map(|l| l.district.clone()).collect();
    let mut columns = vec![
        Column::right(width("Nr.", &numbers, LIST_CELL)),
        Column::left(width("Abrechnungs-Nr.", &statement_nos, LIST_CELL)),
        Column::left(0.0),
        Column::left(width("Altkreis", &districts, LIST_CELL).min(30.0)),
        Column::left(width("IBAN", &ibans, LIST_CELL).min(50.0)),
        Column::right(width("Betrag", &amounts, SUM_STYLE)),
    ];
    let fixed: f32 = columns.iter().map(|c| c.width).sum();
    columns[2].width = (CONTENT_WIDTH - fixed).max(30.0);
    columns
}

/// The line columns with the amount column widened for its label "Rückforderung", taken from the name.
fn claim_back_columns(columns: &[Column]) -> Vec<Column> {
    let mut columns = columns.to_vec();
    let grow = (text_width("Rückforderung", LIST_HEAD) + 2.0 * CELL_PAD_X + 0.6 - columns[5].width)
        .max(0.0);
    columns[5].width += grow;
    columns[2].width -= grow;
    columns
}

/// Lays out the list and breaks its pages itself, so that every page gets the draft mark (behind the
/// content), the running head and the column header.
struct ListWriter<'a> {
    doc: &'a mut Doc,
    run: &'a Run,
    month: Month,
    ctx: &'a StatementContext,
    draft: bool,
    head: String,
    sheet: usize,
    sheets: Option<usize>,
    table: Option<(Vec<Column>, Vec<String>)>,
}

impl<'a> ListWriter<'a> {
    fn new(
        doc: &'a mut Doc,
        run: &'a Run,
        month: Month,
        ctx: &'a StatementContext,
        sheets: Option<usize>,
    ) -> Self {
        ListWriter {
            doc,
            run,
            month,
            ctx,
            draft: is_draft(run),
            head: format!(
                "Auszahlungsliste {} – Haushaltsjahr {}",
                month.label(),
                month.year
            ),
            sheet: 1,
            sheets,
            table: None,
        }
    }

    /// "Blatt 2 von 3", with "ENTWURF · " before it on drafts.
    fn sheet_text(&self) -> String {
        let draft = if self.draft { "ENTWURF · " } else { "" };
        match self.sheets {
            Some(n) => format!("{draft}Blatt {} von {n}", self.sheet),
            None => format!("{draft}Blatt {} von 99", self.sheet),
        }
    }

    /// Starts a new page unless `height` mm still fit.
    fn ensure(&mut self, height: f32) {
        if self.doc.remaining() < height + 0.5 {
            self.break_page();
        }
    }

    fn break_page(&mut self) {
        self.doc.end_table();
        self.doc.new_page();
        self.sheet += 1;
        // The running head: title and month left, the sheet right, a rule below.
        let style = Style::bold(9.0).colour(Colour::ACCENT);
        let y = self.doc.y();
        let sheet = self.sheet_text();
        let sheet_w = text_width(&sheet, Style::regular(8.5)) + 2.0;
        self.doc.text_at(
            CONTENT_LEFT,
            y + style.baseline(),
            CONTENT_WIDTH - sheet_w - 2.0,
            style,
            Align::Left,
            &format!("{} (Fortsetzung)", self.head),
        );
        self.doc.text_at(
            CONTENT_LEFT,
            y + style.baseline(),
            CONTENT_WIDTH,
            Style::regular(8.5).colour(Colour::GREY),
            Align::Right,
            &sheet,
        );
        let rule = y + style.line_height() + 1.0;
        self.doc.line_at(
            (CONTENT_LEFT, rule),
            (CONTENT_RIGHT, rule),
            0.5,
            Colour::ACCENT,
        );
        self.doc.set_y(rule + 2.5);
        if let Some((columns, labels)) = self.table.clone() {
            let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
            self.doc.table_header(&columns, &labels, LIST_HEAD);
        }
    }

    fn heading(&mut self, text: &str) {
        // A heading stays with at least a header and two rows.
        self.ensure(Style::bold(10.5).line_height() + 1.0 + 22.0);
        heading(self.doc, text, 10.5);
    }

    fn start_table(&mut self, columns: &[Column], labels: &[&str]) {
        let h = row_height(columns, labels, LIST_HEAD);
        self.ensure(h + LIST_CELL.line_height() + 2.0 * CELL_PAD_Y);
        self.doc.table_header(columns, labels, LIST_HEAD);
        self.table = Some((
            columns.to_vec(),
            labels.iter().map(|s| s.to_string()).collect(),
        ));
    }

    fn end_table(&mut self) {
        self.doc.end_table();
        self.table = None;
    }

    /// A table row; `shade` fills its background, `rule` draws a strong rule above it.
    fn row(
        &mut self,
        columns: &[Column],
        cells: &[&str],
        style: Style,
        shade: Option<Colour>,
        rule: bool,
    ) {
        let h = row_height(columns, cells, style);
        self.ensure(h);
        let top = self.doc.y();
        let width: f32 = columns.iter().map(|c| c.width).sum();
        if let Some(colour) = shade {
            self.doc.fill_rect(CONTENT_LEFT, top, width, h, colour);
        }
        if rule {
            self.doc.line_at(
                (CONTENT_LEFT, top),
                (CONTENT_LEFT + width, top),
                1.0,
                Colour::GREY,
            );
        }
        self.doc.table_row(columns, cells, style);
    }

    /// One line of the run: number, statement number, name, district, IBAN, amount.
    fn line_row(&mut self, columns: &[Column], number: usize, l: &RunLine) {
        let name = if l.activity_missing {
            format!("{} – Nachweis fehlt", l.name.trim())
        } else {
            l.name.trim().to_string()
        };
        let name = cell_text(&name, LIST_CELL, columns[2].width, 3);
        let district = cell_text(&l.district, LIST_CELL, columns[3].width, 2);
        self.row(
            columns,
            &[
                &number.to_string(),
                &statement_number(self.run, l),
                &name,
                &district,
                &crate::domain::iban::format(&l.iban),
                &Cents(l.net_cents.abs()).to_string(),
            ],
            LIST_CELL,
            None,
            false,
        );
    }

    /// A sum across the line columns: its label from number to IBAN, the amount below the amounts.
    fn sum_row(
        &mut self,
        columns: &[Column],
        label: &str,
        cents: i64,
        style: Style,
        shade: Option<Colour>,
    ) {
        let sums = sum_columns(columns);
        let label = cell_text(label, style, sums[1].width, 2);
        // A subtotal is shaded; a total stands under a strong rule instead.
        let rule = shade.is_none();
        self.row(
            &sums,
            &["", &label, &Cents(cents).to_string()],
            style,
            shade,
            rule,
        );
    }

    /// The total under a strong rule; ends the table.
    fn close_with_total(&mut self, columns: &[Column], label: &str, cents: i64) {
        self.sum_row(columns, label, cents, SUM_STYLE, None);
        self.end_table();
        self.doc.gap(6.0);
    }

    /// Transfers in the SEPA file.
    fn payments(&self) -> Vec<&'a RunLine> {
        self.run
            .lines
            .iter()
            .filter(|l| l.net_cents > 0 && l.route != crate::domain::iban::Route::Manual)
            .collect()
    }

    fn write(&mut self) {
        self.first_page_head();
        self.particulars();
        let columns = line_columns(self.run);
        self.payment_section(&columns);
        let mut section = 2;
        if self.manual_section(&columns, section) {
            section += 1;
        }
        if self.claim_back_section(&columns, section) {
            section += 1;
        }
        self.lines_without_amount();
        self.activity_notes();
        self.budget_section(section);
        self.sign_off_section(section + 1);
    }

    /// Sheet and date, the title and the period.
    fn first_page_head(&mut self) {
        let lh = &self.ctx.letterhead;
        if self.draft {
            self.doc.set_watermark(Some(DRAFT_MARK));
        }
        draw_letterhead(self.doc, lh);
        let sheet = self.sheet_text();
        let date = place_and_date(lh, self.ctx.issued_on);
        let y = self.doc.y();
        let small = Style::regular(9.0);
        self.doc.text_at(
            CONTENT_LEFT,
            y + small.baseline(),
            CONTENT_WIDTH,
            small.colour(Colour::GREY),
            Align::Left,
            &sheet,
        );
        self.doc.text_at(
            CONTENT_LEFT,
            y + small.baseline(),
            CONTENT_WIDTH,
            small,
            Align::Right,
            &date,
        );
        self.doc.set_y(y + small.line_height() + 3.0);
        self.doc.block(
            CONTENT_LEFT,
            CONTENT_WIDTH,
            Style::bold(16.0).colour(Colour::ACCENT),
            Align::Left,
            &format!("Auszahlungsliste {}", self.month.label()),
        );
        self.doc.gap(0.5);
        self.doc.block(
            CONTENT_LEFT,
            CONTENT_WIDTH,
            Style::regular(10.5).colour(Colour::GREY),
            Align::Left,
            &format!("{TITLE} · Zeitraum {}", period(self.month)),
        );
        self.doc.gap(4.0);
    }

    /// The payment order's particulars, two label–value pairs per row.
    fn particulars(&mut self) {
        let kv = [
            Column::left(28.0),
            Column::left(57.0),
            Column::left(28.0),
            Column::left(57.0),
        ];
        let label = Style::regular(8.0).colour(Colour::GREY);
        for (l1, v1, l2, v2) in self.particular_rows() {
            let v1 = cell_text(&v1, LIST_CELL, kv[1].width, 3);
            let v2 = cell_text(&v2, LIST_CELL, kv[3].width, 3);
            let cells = [l1, v1.as_str(), l2, v2.as_str()];
            let h = row_height(&kv, &cells, LIST_CELL);
            self.ensure(h);
            let top = self.doc.y();
            // Labels grey, values black: the labels drawn by hand, the values as a row.
            for (x, t) in [(CONTENT_LEFT, l1), (CONTENT_LEFT + 85.0, l2)] {
                self.doc.text_at(
                    x + CELL_PAD_X,
                    top + CELL_PAD_Y + LIST_CELL.baseline(),
                    26.0,
                    label,
                    Align::Left,
                    t,
                );
            }
            self.doc.table_row(&kv, &["", &v1, "", &v2], LIST_CELL);
        }
        self.doc.gap(6.0);
    }

    fn particular_rows(&self) -> [(&'static str, String, &'static str, String); 3] {
        let (run, month, ctx) = (self.run, self.month, self.ctx);
        let notice_text = ctx
            .budget
            .as_ref()
            .map(notice)
            .unwrap_or_else(|| NO_NUMBER.into());
        let count = format!(
            "{} Abrechnungen, {} Überweisungen",
            run.lines.len(),
            self.payments().len()
        );
        [
            (
                "Haushaltsjahr",
                month.year.to_string(),
                "Buchungsstelle",
                budget_line(ctx),
            ),
            (
                "Fällig am",
                format_date(due_date(month, &ctx.allowance)),
                "Bescheid",
                notice_text,
            ),
            ("Stand des Laufs", run_state_text(run), "Anzahl", count),
        ]
    }

    /// 1. The transfers, by district with subtotals, and their total.
    fn payment_section(&mut self, columns: &[Column]) {
        let payments = self.payments();
        self.heading("1. Auszahlungen (Überweisung)");
        self.start_table(columns, &LINE_LABELS);
        if payments.is_empty() {
            self.row(
                columns,
                &["", "", "Keine Auszahlungen in diesem Lauf.", "", "", ""],
                LIST_CELL,
                None,
                false,
            );
        }
        // The lines come sorted by district: a subtotal closes each run of one district.
        let mut group_start = 0;
        for (k, l) in payments.iter().enumerate() {
            self.line_row(columns, k + 1, l);
            let last_of_group = payments
                .get(k + 1)
                .is_none_or(|next| next.district != l.district);
            if last_of_group {
                let group = &payments[group_start..=k];
                self.district_subtotal(columns, group);
                group_start = k + 1;
            }
        }
        self.close_with_total(
            columns,
            &format!("Gesamtsumme ({} Zahlungen)", payments.len()),
            self.run.total_cents - self.run.manual_cents,
        );
    }

    /// Accounts outside SEPA, paid by hand and never in the SEPA file, as section `number` when
    /// there are any; returns whether.
    fn manual_section(&mut self, columns: &[Column], number: usize) -> bool {
        let manual: Vec<&RunLine> = self
            .run
            .lines
            .iter()
            .filter(|l| l.net_cents > 0 && l.route == crate::domain::iban::Route::Manual)
            .collect();
        if manual.is_empty() {
            return false;
        }
        self.heading(&format!(
            "{number}. Manuelle Zahlungen (Konto außerhalb des SEPA-Raums, nicht in der SEPA-Datei)"
        ));
        self.start_table(columns, &LINE_LABELS);
        for (i, l) in manual.iter().enumerate() {
            self.line_row(columns, i + 1, l);
        }
        self.close_with_total(
            columns,
            &format!("Summe manuelle Zahlungen ({})", manual.len()),
            self.run.manual_cents,
        );
        true
    }

    fn district_subtotal(&mut self, columns: &[Column], group: &[&RunLine]) {
        let sum: i64 = group.iter().map(|l| l.net_cents).sum();
        let district = match group[0].district.trim() {
            "" => "ohne Altkreis",
            d => d,
        };
        self.sum_row(
            columns,
            &format!("Summe {district} ({} Zahlungen)", group.len()),
            sum,
            LIST_BOLD,
            Some(SUBTOTAL_SHADE),
        );
    }

    /// Claim-backs, never transferred, as section `number` when there are any; returns whether.
    fn claim_back_section(&mut self, columns: &[Column], number: usize) -> bool {
        let claim_backs: Vec<&RunLine> =
            self.run.lines.iter().filter(|l| l.net_cents < 0).collect();
        if claim_backs.is_empty() {
            return false;
        }
        self.heading(&format!(
            "{number}. Rückforderungen (keine Überweisung, gesonderte Zahlungsaufforderung)"
        ));
        let mut labels = LINE_LABELS;
        labels[5] = "Rückforderung";
        let columns = claim_back_columns(columns);
        self.start_table(&columns, &labels);
        for (i, l) in claim_backs.iter().enumerate() {
            self.line_row(&columns, i + 1, l);
        }
        self.close_with_total(
            &columns,
            &format!("Summe Rückforderungen ({})", claim_backs.len()),
            self.run.claim_back_cents,
        );
        true
    }

    /// Lines with nothing to pay (lowered to zero, or corrections that even out), in one paragraph.
    fn lines_without_amount(&mut self) {
        let run = self.run;
        let zero: Vec<String> = run
            .lines
            .iter()
            .filter(|l| l.net_cents == 0)
            .map(|l| format!("{} ({})", l.name.trim(), statement_number(run, l)))
            .collect();
        if zero.is_empty() {
            return;
        }
        let style = Style::regular(8.5);
        let text = format!("Ohne Zahlbetrag (0,00 €): {}.", zero.join(", "));
        for l in wrap(&text, style, CONTENT_WIDTH) {
            self.ensure(style.line_height());
            self.doc.line(style, Align::Left, &l);
        }
        self.doc.gap(6.0);
    }

    /// The gate "Auszahlung nur mit Tätigkeitsnachweis": lines whose record is missing, and lines
    /// paid without a record with the reason given, in one paragraph each.
    fn activity_notes(&mut self) {
        let run = self.run;
        let missing: Vec<String> = run
            .lines
            .iter()
            .filter(|l| l.activity_missing)
            .map(|l| format!("{} ({})", l.name.trim(), statement_number(run, l)))
            .collect();
        let waived: Vec<String> = run
            .lines
            .iter()
            .filter_map(|l| {
                l.activity_waiver.as_ref().map(|reason| {
                    format!(
                        "{} ({}): {}",
                        l.name.trim(),
                        statement_number(run, l),
                        reason.trim()
                    )
                })
            })
            .collect();
        let style = Style::regular(8.5);
        for text in [
            (!missing.is_empty())
                .then(|| format!("Tätigkeitsnachweis fehlt: {}.", missing.join(", "))),
            (!waived.is_empty()).then(|| {
                format!(
                    "Ohne Tätigkeitsnachweis freigegeben (Begründung): {}.",
                    waived.join("; ")
                )
            }),
        ]
        .into_iter()
        .flatten()
        {
            for l in wrap(&text, style, CONTENT_WIDTH) {
                self.ensure(style.line_height());
                self.doc.line(style, Align::Left, &l);
            }
            self.doc.gap(6.0);
        }
    }

    /// The budget of the year, what was approved before, this run and what remains.
    fn budget_section(&mut self, number: usize) {
        let year = self.month.year;
        self.heading(&format!("{number}. Haushaltsstatus {year}"));
        let columns = [Column::left(CONTENT_WIDTH - 40.0), Column::right(40.0)];
        match &self.ctx.budget {
            None => {
                self.row(
                    &columns,
                    &[
                        &format!("Für {year} ist kein Budget festgelegt."),
                        NO_NUMBER,
                    ],
                    LIST_CELL,
                    None,
                    false,
                );
            }
            Some(b) => {
                for (i, (l, v, style)) in self.budget_rows(b, columns[0].width).iter().enumerate() {
                    self.row(&columns, &[l, v], *style, None, i == 3);
                }
            }
        }
        self.doc.gap(6.0);
    }

    fn budget_rows(&self, b: &Budget, label_width: f32) -> [(String, String, Style); 4] {
        let (month, ctx) = (self.month, self.ctx);
        let this_run = self.run.total_cents;
        let remaining = b.amount_cents - ctx.approved_before_cents - this_run;
        let budget_label = cell_text(
            &format!("Budget {} (Bescheid {})", b.year, notice(b)),
            LIST_CELL,
            label_width,
            2,
        );
        let before_label = if month.month == 1 {
            "bereits freigegeben vor diesem Lauf".to_string()
        } else {
            format!(
                "bereits freigegeben vor diesem Lauf (Januar bis {})",
                month_before(month)
            )
        };
        let this_label = if self.draft {
            "dieser Lauf (Entwurf, Auszahlungen)"
        } else {
            "dieser Lauf (Auszahlungen)"
        };
        [
            (budget_label, Cents(b.amount_cents).to_string(), LIST_CELL),
            (
                before_label,
                Cents(ctx.approved_before_cents).to_string(),
                LIST_CELL,
            ),
            (
                this_label.to_string(),
                Cents(this_run).to_string(),
                LIST_CELL,
            ),
            (
                "verbleibend nach diesem Lauf".to_string(),
                Cents(remaining).to_string(),
                Style::bold(8.5),
            ),
        ]
    }

    /// The statement of correctness and the order to pay, with the sign-off box, kept together.
    fn sign_off_section(&mut self, number: usize) {
        let run = self.run;
        let style = Style::regular(8.5);
        let text = format!(
            "Die sachliche und rechnerische Richtigkeit dieser Auszahlungsliste und der {} beigefügten \
             Einzelabrechnungen wird bestätigt. Die Auszahlung von {} an {} Zahlungsempfänger/innen zu \
             Lasten der Buchungsstelle {} (Haushaltsjahr {}) wird angeordnet.",
            run.lines.len(),
            Cents(run.total_cents),
            self.payments().len(),
            budget_line(self.ctx),
            self.month.year
        );
        let lines = wrap(&text, style, CONTENT_WIDTH);
        let heading_style = Style::bold(10.5).colour(Colour::ACCENT);
        self.ensure(
            heading_style.line_height()
                + 1.0
                + lines.len() as f32 * style.line_height()
                + 3.0
                + SIGN_OFF_HEIGHT,
        );
        heading(
            self.doc,
            &format!("{number}. Feststellung und Anordnung (§ 8 Abs. 1 KomKBVO LSA)"),
            10.5,
        );
        for l in &lines {
            self.doc.line(style, Align::Left, l);
        }
        self.doc.gap(3.0);
        sign_off_box(self.doc);
    }
}

/// "Oktober 2026" for November 2026.
fn month_before(month: Month) -> String {
    let prev = if month.month == 1 {
        Month {
            year: month.year - 1,
            month: 12,
        }
    } else {
        Month {
            year: month.year,
            month: month.month - 1,
        }
    };
    prev.label()
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    #[test]
    fn due_dates_in_arrears_and_in_advance() {
        let mut s = AllowanceSettings::default();
        assert_eq!(
            due_date(m("2026-11"), &s),
            NaiveDate::from_ymd_opt(2026, 12, 15).unwrap()
        );
        s.timing = Timing::InAdvance;
        s.due_days = 5;
        assert_eq!(
            due_date(m("2026-11"), &s),
            NaiveDate::from_ymd_opt(2026, 11, 6).unwrap()
        );
    }

    #[test]
    fn period_and_title() {
        assert_eq!(period(m("2026-11")), "01.11.2026–30.11.2026");
        assert_eq!(period(m("2028-02")), "01.02.2028–29.02.2028");
        assert_eq!(
            statement_title(m("2026-11")),
            "Aufwandsentschädigung Integrationslotsen – Abrechnung November 2026"
        );
        assert_eq!(month_before(m("2026-11")), "Oktober");
        assert_eq!(month_before(m("2026-01")), "Dezember");
    }

    #[test]
    fn stamps() {
        assert_eq!(stamp_date("2026-12-01T10:15:00Z"), "01.12.2026");
        // 00:30 local on 01.12. is still 30.11. in UTC: the local day is printed.
        assert_eq!(stamp_date("2026-11-30T23:30:00Z"), "01.12.2026");
        assert_eq!(stamp_date("gestern"), "gestern");
    }
}
