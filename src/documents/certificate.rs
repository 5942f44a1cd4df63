//! The Jahresbescheinigung of a pilot (docs/DOMAIN.md#reports): a letter listing every payment
//! received in the calendar year (month of receipt, month it is for, statement number, date paid,
//! amount), the total, and the county's note on tax and on reporting to the Jobcenter.

use chrono::{Datelike, NaiveDate};

use super::letter_frame::{InfoBlock, LetterFrame, Recipient, Reference};
use super::pdf::{Align, Column, Doc, Style, CONTENT_LEFT, CONTENT_WIDTH};
use super::{format_date, format_month_year, new_document, place_and_date};
use crate::domain::allowance::Month;
use crate::domain::money::Cents;
use crate::domain::pilot::Pilot;
use crate::domain::reports::Certificate;
use crate::domain::settings::Letterhead;
use crate::error::Result;

const BODY: Style = Style::regular(10.0);
const CELL: Style = Style::regular(9.0);
const CELL_BOLD: Style = Style::bold(9.0);
const HEAD: Style = Style::bold(8.0);

/// "Jahresbescheinigung 2026 – Aufwandsentschädigung Integrationslotsen".
pub fn certificate_title(year: i32) -> String {
    format!("Jahresbescheinigung {year} – Aufwandsentschädigung Integrationslotsen")
}

/// The PDF title of one certificate on its own.
pub fn certificate_pdf_title(c: &Certificate) -> String {
    format!("{} – {}", certificate_title(c.year), c.name)
}

/// One certificate as its own PDF.
pub fn certificate_pdf(
    c: &Certificate,
    pilot: Option<&Pilot>,
    note: &str,
    letterhead: &Letterhead,
    issued_on: NaiveDate,
) -> Result<Vec<u8>> {
    let mut doc = new_document(&certificate_pdf_title(c), letterhead, issued_on);
    write_certificate(&mut doc, c, pilot, note, letterhead, issued_on);
    doc.finish()
}

/// Draws one certificate from the current (empty) page on; it may run over pages when a pilot
/// received many payments (the table's header repeats).
pub fn write_certificate(
    doc: &mut Doc,
    c: &Certificate,
    pilot: Option<&Pilot>,
    note: &str,
    letterhead: &Letterhead,
    issued_on: NaiveDate,
) {
    let frame = LetterFrame {
        letterhead,
        recipient: Recipient::new(&c.name, pilot),
        address_style: Style::regular(10.5),
        name_lines: 3,
        info: InfoBlock::References(vec![
            Reference::new("Jahr", c.year.to_string(), 1),
            Reference::new("Lotsen-Nr.", c.pilot_id.to_string(), 1),
            Reference::new("Datum", format_date(issued_on), 1),
        ]),
    };
    let top = frame.draw(doc);
    doc.set_y(top);
    doc.line(BODY, Align::Right, &place_and_date(letterhead, issued_on));
    doc.gap(4.0);
    doc.block(
        CONTENT_LEFT,
        CONTENT_WIDTH,
        Style::bold(12.0),
        Align::Left,
        &certificate_title(c.year),
    );
    doc.gap(3.0);
    doc.paragraph(
        BODY,
        &format!(
            "Hiermit bescheinigen wir, dass {} im Kalenderjahr {} als Integrationslotsin bzw. \
             Integrationslotse des {} die folgenden Aufwandsentschädigungen erhalten hat \
             (nach dem Tag der Zahlung, dem Monat des Zuflusses):",
            c.name,
            c.year,
            letterhead.authority.trim()
        ),
        3.0,
    );
    let labels = [
        "Zufluss im Monat",
        "für Monat",
        "Abrechnungs-Nr.",
        "bezahlt am",
        "Betrag",
    ];
    let w = [36.0, 32.0, 40.0, 26.0];
    let columns = [
        Column::left(w[0]),
        Column::left(w[1]),
        Column::left(w[2]),
        Column::left(w[3]),
        Column::right(CONTENT_WIDTH - w.iter().sum::<f32>()),
    ];
    doc.table_header(&columns, &labels, HEAD);
    for p in &c.payments {
        let received = format_month_year(p.paid_on.with_day(1).unwrap_or(p.paid_on));
        let for_month = Month::parse(&p.month)
            .map(|m| m.label())
            .unwrap_or_default();
        let cells = [
            received,
            for_month,
            p.statement_number.clone(),
            format_date(p.paid_on),
            Cents(p.amount_cents).to_string(),
        ];
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        doc.table_row(&columns, &refs, CELL);
    }
    let total = Cents(c.total_cents).to_string();
    let label = format!("Summe {}", c.year);
    doc.table_row(&columns, &[&label, "", "", "", &total], CELL_BOLD);
    doc.end_table();
    doc.gap(5.0);
    if !note.trim().is_empty() {
        doc.line(Style::bold(9.5), Align::Left, "Hinweis");
        doc.gap(0.5);
        doc.paragraph(Style::regular(9.0), note.trim(), 3.0);
    }
    doc.gap(6.0);
    let signer = [
        letterhead.signer_name.as_str(),
        letterhead.signer_title.as_str(),
    ];
    doc.signature(CONTENT_LEFT, 75.0, 12.0, &signer);
}
