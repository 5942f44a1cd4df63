//! The personal data export (Art. 15 DSGVO) as a readable PDF: everything held about one person.

use super::pdf::{Align, Colour, Column, Style, CONTENT_WIDTH};
use super::{draw_letterhead, format_date, new_document, place_and_date, Letterhead};
use crate::db::PersonalData;
use crate::domain::money::Cents;
use crate::error::Result;

fn dash(s: &str) -> &str {
    if s.trim().is_empty() {
        "—"
    } else {
        s
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(format_date).unwrap_or_else(|| "—".into())
}

/// Auskunft nach Art. 15 DSGVO.
pub fn personal_data_pdf(data: &PersonalData, letterhead: &Letterhead) -> Result<Vec<u8>> {
    let p = &data.record.pilot;
    let name = format!("{} {}", p.first_name, p.last_name);
    let mut doc = new_document(
        &format!("Auskunft nach Art. 15 DSGVO – {name}"),
        letterhead,
        data.generated_on,
    );
    draw_letterhead(&mut doc, letterhead);
    let h1 = Style::bold(14.0).colour(Colour::ACCENT);
    let h2 = Style::bold(11.0).colour(Colour::ACCENT);
    let body = Style::regular(9.5);
    let small = Style::regular(8.0);
    let head = Style::bold(8.0);
    doc.line(
        body,
        Align::Right,
        &place_and_date(letterhead, data.generated_on),
    );
    doc.gap(4.0);
    doc.paragraph(
        h1,
        &format!("Auskunft über gespeicherte Daten (Art. 15 DSGVO): {name}"),
        2.0,
    );
    doc.paragraph(
        body,
        &format!(
            "{} speichert im Programm „Ehrenamtliche Integrationslotsen“ die folgenden Daten über Sie. \
             Zweck: Gewinnung, Qualifizierung, Einsatz und Abrechnung der Aufwandsentschädigung. \
             Vom erweiterten Führungszeugnis werden nur Datum, Einsichtnahme und Ergebnis vermerkt, keine Kopie \
             und kein Inhalt; diese Angaben werden spätestens sechs Monate nach Ende der Tätigkeit gelöscht \
             (§ 30a BZRG).",
            letterhead.authority
        ),
        4.0,
    );

    let kv = [Column::left(50.0), Column::left(CONTENT_WIDTH - 50.0)];
    doc.paragraph(h2, "1. Stammdaten", 1.0);
    if let Some(d) = data.anonymised_on {
        doc.paragraph(
            body,
            &format!(
                "Die Stammdaten wurden am {} anonymisiert (Aufbewahrungsfrist abgelaufen); Abrechnungen, Beträge und Nummern bleiben.",
                format_date(d)
            ),
            2.0,
        );
    }
    let rows: Vec<(&str, String)> = vec![
        ("Nr.", p.id.to_string()),
        ("Vorname", p.first_name.clone()),
        ("Nachname", p.last_name.clone()),
        ("Geburtsdatum", date(p.birth_date)),
        (
            "Anschrift",
            format!("{}, {} {}", dash(&p.street), p.postcode, p.town),
        ),
        (
            "Gemeinde / Altkreis",
            format!(
                "{} / {}",
                p.municipality.as_deref().unwrap_or("—"),
                p.district.as_deref().unwrap_or("—")
            ),
        ),
        ("Telefon", dash(&p.phone).to_string()),
        ("E-Mail", dash(&p.email).to_string()),
        ("Sprachen", dash(&p.languages.join(", ")).to_string()),
        (
            "Gewinnung über",
            p.recruitment_source.clone().unwrap_or_else(|| "—".into()),
        ),
        ("Kontoinhaber", dash(&p.account_holder).to_string()),
        (
            "IBAN",
            if p.iban.is_empty() {
                "—".into()
            } else {
                crate::domain::iban::format(&p.iban)
            },
        ),
        ("Notizen", dash(&p.notes).to_string()),
        (
            "Erfasst / geändert",
            format!(
                "{} / {}",
                &p.created_at[..10.min(p.created_at.len())],
                &p.updated_at[..10.min(p.updated_at.len())]
            ),
        ),
    ];
    for (k, v) in &rows {
        doc.table_row(&kv, &[k, v], body);
    }
    doc.end_table();
    doc.gap(4.0);

    doc.paragraph(h2, "2. Status", 1.0);
    let cols = [
        Column::left(25.0),
        Column::left(35.0),
        Column::left(CONTENT_WIDTH - 95.0),
        Column::left(35.0),
    ];
    doc.table_header(
        &cols,
        &["Wirksam ab", "Status", "Notiz", "erfasst von"],
        head,
    );
    for c in &data.record.history {
        doc.table_row(
            &cols,
            &[
                &format_date(c.effective_on),
                c.status.label(),
                dash(&c.note),
                dash(&c.who),
            ],
            small,
        );
    }
    doc.end_table();
    doc.gap(4.0);

    doc.paragraph(h2, "3. Erweitertes Führungszeugnis", 1.0);
    if let Some(d) = data.screening_deleted_on {
        doc.paragraph(
            body,
            &format!(
                "Die Angaben wurden am {} gelöscht (§ 30a BZRG).",
                format_date(d)
            ),
            2.0,
        );
    }
    if data.screenings.is_empty() {
        doc.paragraph(body, "Keine Angaben gespeichert.", 2.0);
    } else {
        let cols = [
            Column::left(34.0),
            Column::left(30.0),
            Column::left(28.0),
            Column::left(CONTENT_WIDTH - 132.0),
            Column::left(40.0),
        ];
        doc.table_header(
            &cols,
            &[
                "Bestätigung ausgestellt",
                "Zeugnis vom",
                "eingesehen am",
                "eingesehen von",
                "Ergebnis",
            ],
            head,
        );
        for s in &data.screenings {
            let s = &s.screening;
            doc.table_row(
                &cols,
                &[
                    &date(s.letter_issued_on),
                    &date(s.certificate_dated),
                    &date(s.inspected_on),
                    dash(&s.inspected_by),
                    s.result.map(|r| r.label()).unwrap_or("—"),
                ],
                small,
            );
        }
        doc.end_table();
    }
    doc.gap(4.0);

    doc.paragraph(h2, "4. Qualifizierung", 1.0);
    let cols = [
        Column::left(25.0),
        Column::left(55.0),
        Column::left(CONTENT_WIDTH - 80.0),
    ];
    doc.table_header(&cols, &["Datum", "Termin", "Lehrgang, Ort"], head);
    for a in &data.attended {
        doc.table_row(
            &cols,
            &[
                &format_date(a.held_on),
                &a.kind.label(),
                &format!("{}, {}", a.course, dash(&a.place)),
            ],
            small,
        );
    }
    doc.end_table();
    for t in &data.record.attempts {
        doc.paragraph(
            small,
            &format!(
                "Abschlusstest am {}: {} von {} Punkten, Gespräch {} (Prüfer/in: {}) – {}",
                format_date(t.attempt.taken_on),
                t.attempt.points,
                t.attempt.max_points,
                if t.attempt.interview_passed {
                    "bestanden"
                } else {
                    "nicht bestanden"
                },
                dash(&t.attempt.interviewer),
                if t.passed {
                    "bestanden"
                } else {
                    "nicht bestanden"
                }
            ),
            1.0,
        );
    }
    doc.gap(4.0);

    doc.paragraph(h2, "5. Aufwandsentschädigung", 1.0);
    let cols = [
        Column::left(22.0),
        Column::left(36.0),
        Column::right(16.0),
        Column::right(27.0),
        Column::right(27.0),
        Column::right(CONTENT_WIDTH - 128.0),
    ];
    doc.table_header(
        &cols,
        &[
            "Monat",
            "Abrechnungsnr.",
            "Tage",
            "Betrag",
            "Korrektur",
            "Netto",
        ],
        head,
    );
    for s in &data.statements {
        doc.table_row(
            &cols,
            &[
                &s.month,
                s.statement_number.as_deref().unwrap_or("Entwurf"),
                &s.eligible_days.to_string(),
                &Cents(s.amount_cents).to_string(),
                &Cents(s.corrections_cents).to_string(),
                &Cents(s.net_cents).to_string(),
            ],
            small,
        );
    }
    doc.end_table();
    for c in &data.corrections {
        doc.paragraph(
            small,
            &format!(
                "Korrektur {} zu {}: {} ({})",
                Cents(c.amount_cents),
                c.refers_to(),
                c.reason,
                c.month.as_deref().unwrap_or("noch nicht abgerechnet")
            ),
            1.0,
        );
    }
    doc.gap(4.0);

    doc.paragraph(h2, "6. Änderungsprotokoll", 1.0);
    let cols = [
        Column::left(32.0),
        Column::left(28.0),
        Column::left(30.0),
        Column::left(CONTENT_WIDTH - 90.0),
    ];
    doc.table_header(&cols, &["Zeitpunkt (UTC)", "wer", "was", "Änderung"], head);
    for e in &data.audit {
        let change = match (&e.field_label, &e.old_value, &e.new_value) {
            (Some(f), o, n) => format!(
                "{f}: {} → {}",
                o.as_deref().unwrap_or("—"),
                n.as_deref().unwrap_or("—")
            ),
            _ => e.note.clone(),
        };
        doc.table_row(
            &cols,
            &[
                e.at.replace('T', " ").trim_end_matches('Z'),
                dash(&e.who),
                &format!("{} {}", e.entity_label, e.action_label),
                dash(&change),
            ],
            small,
        );
    }
    doc.end_table();
    doc.finish()
}
