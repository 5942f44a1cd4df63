//! The Jahresbericht for the integration network (docs/DOMAIN.md#reports), anonymous: pilots Aktiv
//! per district and month, recruited/qualified/appointed/left, courses and attendance, activities by
//! task area, people and families supported, and the coverage history as a chart.

use chrono::NaiveDate;

use super::new_document;
use super::pdf::{Column, Doc, Style, CONTENT_WIDTH};
use super::reports::{chart, heading, report_title};
use crate::domain::reports::AnnualReport;
use crate::domain::settings::Letterhead;
use crate::error::Result;

const BODY: Style = Style::regular(9.5);
const CELL: Style = Style::regular(8.5);
const CELL_BOLD: Style = Style::bold(8.5);
const HEAD: Style = Style::bold(7.5);

/// "12,5" hours from minutes.
fn hours(minutes: i64) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    format!("{},{}", tenths / 10, tenths % 10)
}

/// The Jahresbericht as PDF; `targets` are the districts' targets (for the chart), in the order of
/// `r.districts`.
pub fn annual_report_pdf(
    r: &AnnualReport,
    targets: &[i64],
    letterhead: &Letterhead,
    issued_on: NaiveDate,
) -> Result<Vec<u8>> {
    let title = format!("Jahresbericht {} – Integrationslotsen", r.year);
    let mut doc = new_document(&title, letterhead, issued_on);
    doc.set_page_numbers(true);
    report_title(
        &mut doc,
        letterhead,
        issued_on,
        &title,
        "Für das Integrationsnetzwerk – ohne personenbezogene Daten (nur Anzahlen)",
    );

    heading(&mut doc, "1. Überblick");
    let two = [Column::left(110.0), Column::right(CONTENT_WIDTH - 110.0)];
    let rows = [
        (
            "Neu gewonnen (erster Eintrag im Jahr)",
            r.recruited.to_string(),
        ),
        ("Qualifiziert", r.qualified.to_string()),
        ("Berufen (erstmals Aktiv)", r.appointed.to_string()),
        ("Ausgeschieden", r.left.to_string()),
        ("Tätigkeitsnachweise", r.records.to_string()),
        ("Einsätze und Kontakte", r.contacts.to_string()),
        ("Stunden (soweit angegeben)", hours(r.minutes)),
        (
            "Unterstützte Personen (Summe der Monate)",
            r.people.to_string(),
        ),
        (
            "Unterstützte Familien (Summe der Monate)",
            r.families.to_string(),
        ),
    ];
    for (label, value) in &rows {
        doc.table_row(&two, &[label, value], CELL);
    }
    doc.gap(6.0);

    heading(
        &mut doc,
        "2. Aktive Lotsinnen und Lotsen je Altkreis am Monatsende",
    );
    active_table(&mut doc, r);
    doc.gap(6.0);

    heading(&mut doc, "3. Tätigkeiten nach Aufgabenbereich");
    let cols = [
        Column::left(80.0),
        Column::right(45.0),
        Column::right(CONTENT_WIDTH - 125.0),
    ];
    doc.table_header(
        &cols,
        &["Aufgabenbereich", "Nachweise", "Einsätze/Kontakte"],
        HEAD,
    );
    for a in &r.areas {
        let (n, c) = (a.records.to_string(), a.contacts.to_string());
        doc.table_row(&cols, &[&a.area, &n, &c], CELL);
    }
    doc.end_table();
    doc.paragraph(
        Style::regular(7.5),
        "Ein Nachweis kann mehrere Aufgabenbereiche nennen; die Zeilen ergeben zusammen daher mehr als die Summe.",
        1.0,
    );
    doc.gap(4.0);
    month_activity(&mut doc, r);
    doc.gap(6.0);

    heading(&mut doc, "4. Lehrgänge und Teilnahme");
    if r.courses.is_empty() {
        doc.paragraph(BODY, "Im Jahr fanden keine Lehrgangstermine statt.", 2.0);
    } else {
        let cols = [
            Column::left(CONTENT_WIDTH - 90.0),
            Column::right(30.0),
            Column::right(30.0),
            Column::right(30.0),
        ];
        doc.table_header(
            &cols,
            &["Lehrgang", "Termine", "Teilnehmende", "Teilnahmen"],
            HEAD,
        );
        for c in &r.courses {
            let cells = [
                c.course.clone(),
                c.sessions.to_string(),
                c.participants.to_string(),
                c.attendances.to_string(),
            ];
            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            doc.table_row(&cols, &refs, CELL);
        }
        doc.end_table();
    }
    doc.gap(6.0);

    heading(&mut doc, "5. Abdeckung im Jahresverlauf");
    if r.coverage.is_empty() || r.districts.is_empty() {
        doc.paragraph(BODY, "Für den Verlauf liegen keine Daten vor.", 2.0);
    } else {
        let names: Vec<&str> = r.districts.iter().map(String::as_str).collect();
        chart(&mut doc, &names, targets, &r.coverage);
    }
    doc.finish()
}

/// Months as rows, one column per district and the county.
fn active_table(doc: &mut Doc, r: &AnnualReport) {
    let month_w = 32.0;
    let total_w = 22.0;
    let n = r.districts.len().max(1) as f32;
    let dw = (CONTENT_WIDTH - month_w - total_w) / n;
    let mut cols = vec![Column::left(month_w)];
    cols.extend(r.districts.iter().map(|_| Column::right(dw)));
    cols.push(Column::right(total_w));
    let mut labels: Vec<&str> = vec!["Monat"];
    labels.extend(r.districts.iter().map(String::as_str));
    labels.push("Landkreis");
    doc.table_header(&cols, &labels, HEAD);
    for m in &r.months {
        let mut cells = vec![m.label.clone()];
        cells.extend(m.active.iter().map(|a| a.to_string()));
        cells.push(m.active_total.to_string());
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        doc.table_row(&cols, &refs, CELL);
    }
    doc.end_table();
}

/// Records, contacts, people and families per month.
fn month_activity(doc: &mut Doc, r: &AnnualReport) {
    let w = (CONTENT_WIDTH - 40.0) / 4.0;
    let cols = [
        Column::left(40.0),
        Column::right(w),
        Column::right(w),
        Column::right(w),
        Column::right(w),
    ];
    doc.table_header(
        &cols,
        &[
            "Monat",
            "Nachweise",
            "Einsätze/Kontakte",
            "Personen",
            "Familien",
        ],
        HEAD,
    );
    for m in &r.months {
        let cells = [
            m.label.clone(),
            m.records.to_string(),
            m.contacts.to_string(),
            m.people.to_string(),
            m.families.to_string(),
        ];
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        doc.table_row(&cols, &refs, CELL);
    }
    let cells = [
        format!("Summe {}", r.year),
        r.records.to_string(),
        r.contacts.to_string(),
        r.people.to_string(),
        r.families.to_string(),
    ];
    let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
    doc.table_row(&cols, &refs, CELL_BOLD);
    doc.end_table();
}
