//! The Verwendungsnachweis of a budget year (docs/DOMAIN.md#reports): zahlenmäßiger Nachweis with
//! the month table and a bar chart, the Belegliste of every payment with sums per month and year, the
//! claim-backs, and the Sachbericht draft with the year's figures and the text sections kept per year.

use chrono::NaiveDate;

use super::pdf::{
    text_width, Align, Colour, Column, Doc, Style, CONTENT_LEFT, CONTENT_RIGHT, CONTENT_WIDTH,
};
use super::reports::{heading, report_title, tick_step};
use super::{format_date, new_document, place_and_date};
use crate::domain::money::Cents;
use crate::domain::reports::{GrantReport, TextSection};
use crate::domain::run::RunState;
use crate::domain::settings::Letterhead;
use crate::error::Result;

const BODY: Style = Style::regular(9.5);
const CELL: Style = Style::regular(8.0);
const CELL_BOLD: Style = Style::bold(8.0);
const HEAD: Style = Style::bold(7.5);
const SMALL: Style = Style::regular(7.0);

fn euro(c: i64) -> String {
    Cents(c).to_string()
}

/// The Verwendungsnachweis as PDF. `figures` is the Sachbericht's filled-in paragraph.
pub fn grant_report_pdf(
    r: &GrantReport,
    figures: &str,
    texts: &[TextSection],
    letterhead: &Letterhead,
    issued_on: NaiveDate,
) -> Result<Vec<u8>> {
    let title = format!("Verwendungsnachweis {}", r.year);
    let mut doc = new_document(
        &format!("{title} – Aufwandsentschädigung Integrationslotsen"),
        letterhead,
        issued_on,
    );
    doc.set_page_numbers(true);
    report_title(
        &mut doc,
        letterhead,
        issued_on,
        &title,
        &format!(
            "Aufwandsentschädigung der Integrationslotsinnen und -lotsen – Haushaltsjahr {} (Stand {})",
            r.year,
            format_date(issued_on)
        ),
    );
    heading(&mut doc, "1. Zahlenmäßiger Nachweis");
    summary(&mut doc, r);
    doc.gap(5.0);
    month_table(&mut doc, r);
    doc.gap(5.0);
    bar_chart(&mut doc, r);
    doc.gap(7.0);
    heading(&mut doc, "2. Belegliste");
    payment_list(&mut doc, r);
    doc.gap(7.0);
    heading(&mut doc, "3. Rückforderungen");
    claims(&mut doc, r);
    doc.gap(7.0);
    heading(&mut doc, "4. Sachbericht (Entwurf)");
    doc.paragraph(BODY, figures, 3.0);
    for t in texts {
        doc.ensure_space(3.0 * BODY.line_height() + 4.0);
        doc.line(Style::bold(9.5), Align::Left, &t.heading);
        doc.gap(1.0);
        let text = if t.text.trim().is_empty() {
            "(noch kein Text – in Lotsenbüro unter Berichte › Verwendungsnachweis zu ergänzen)"
        } else {
            t.text.trim()
        };
        for para in text.split("\n\n") {
            doc.paragraph(BODY, para, 2.0);
        }
        doc.gap(1.5);
    }
    doc.gap(8.0);
    doc.ensure_space(25.0);
    doc.line(BODY, Align::Left, &place_and_date(letterhead, issued_on));
    let w = 75.0;
    doc.signature(
        CONTENT_LEFT,
        w,
        14.0,
        &["Unterschrift", letterhead.signer_title.as_str()],
    );
    doc.finish()
}

/// The key figures: grant with notice, paid, corrections, claim-backs, spent, remaining.
fn summary(doc: &mut Doc, r: &GrantReport) {
    let columns = [Column::left(110.0), Column::right(CONTENT_WIDTH - 110.0)];
    let mut rows: Vec<(String, String, bool)> = Vec::new();
    match &r.budget {
        Some(b) => {
            let notice = match (b.notice_number.trim(), b.notice_date) {
                ("", None) => String::new(),
                (n, Some(d)) => format!(" (Bescheid {n} vom {})", format_date(d)),
                (n, None) => format!(" (Bescheid {n})"),
            };
            rows.push((format!("Zuwendung{notice}"), euro(b.amount_cents), false));
            if !b.budget_line.trim().is_empty() {
                rows.push(("Haushaltsstelle".into(), b.budget_line.clone(), false));
            }
        }
        None => rows.push(("Zuwendung".into(), "kein Budget eingetragen".into(), false)),
    }
    rows.extend([
        (
            "Ausgezahlt (bezahlte Abrechnungsläufe)".to_string(),
            euro(r.paid_cents),
            false,
        ),
        (
            "   darin Nachzahlungen für frühere Monate".into(),
            euro(r.back_pay_cents),
            false,
        ),
        (
            "   darin verrechnete Korrekturen und Rückforderungen".into(),
            euro(-r.deducted_cents),
            false,
        ),
        (
            "Rückforderungen offen".into(),
            euro(r.claims_open_cents),
            false,
        ),
        (
            "Rückforderungen zurückgezahlt".into(),
            euro(r.claims_repaid_cents),
            false,
        ),
        (
            "Rückforderungen verrechnet".into(),
            euro(r.claims_offset_cents),
            false,
        ),
        (
            "Rückforderungen erlassen".into(),
            euro(r.claims_waived_cents),
            false,
        ),
        (
            "Verausgabt (ausgezahlt − zurückgezahlt)".into(),
            euro(r.spent_cents),
            true,
        ),
    ]);
    if let Some(rest) = r.remaining_cents {
        rows.push((
            "Verbleibend (Zuwendung − verausgabt)".into(),
            euro(rest),
            true,
        ));
    }
    if r.approved_unpaid_cents > 0 {
        rows.push((
            "Freigegeben, noch nicht bezahlt (nicht enthalten)".into(),
            euro(r.approved_unpaid_cents),
            false,
        ));
    }
    for (label, value, bold) in &rows {
        let style = if *bold { CELL_BOLD } else { CELL };
        doc.table_row(&columns, &[label, value], style.size(8.5));
    }
}

fn state_label(s: Option<RunState>) -> &'static str {
    match s {
        None => "–",
        Some(RunState::Draft) => "Entwurf",
        Some(RunState::Approved) => "freigegeben",
        Some(RunState::Paid) => "bezahlt",
    }
}

/// Spent per month, with the year's sum.
fn month_table(doc: &mut Doc, r: &GrantReport) {
    let labels = [
        "Monat",
        "Stand",
        "bezahlt am",
        "Zah-\nlungen",
        "Nach-\nzahlungen",
        "Abzüge",
        "Rückfor-\nderungen",
        "ausgezahlt",
    ];
    let widths = [28.0, 18.0, 19.0, 16.0, 20.0, 20.0, 21.0];
    let mut columns: Vec<Column> = vec![
        Column::left(widths[0]),
        Column::left(widths[1]),
        Column::left(widths[2]),
    ];
    columns.extend(widths[3..].iter().map(|w| Column::right(*w)));
    columns.push(Column::right(CONTENT_WIDTH - widths.iter().sum::<f32>()));
    doc.table_header(&columns, &labels, HEAD);
    for m in &r.months {
        let cells = [
            m.label.clone(),
            state_label(m.state).to_string(),
            m.paid_on.map(format_date).unwrap_or_default(),
            m.payments.to_string(),
            euro(m.back_pay_cents),
            euro(-m.deducted_cents),
            euro(m.claim_back_cents),
            euro(m.paid_cents),
        ];
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        doc.table_row(&columns, &refs, CELL);
    }
    let payments: usize = r.months.iter().map(|m| m.payments).sum();
    let claim_backs: i64 = r.months.iter().map(|m| m.claim_back_cents).sum();
    let cells = [
        format!("Summe {}", r.year),
        String::new(),
        String::new(),
        payments.to_string(),
        euro(r.back_pay_cents),
        euro(-r.deducted_cents),
        euro(claim_backs),
        euro(r.paid_cents),
    ];
    let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
    doc.table_row(&columns, &refs, CELL_BOLD);
    doc.end_table();
}

/// Paid per month as bars (vector graphics), euros on the left.
fn bar_chart(doc: &mut Doc, r: &GrantReport) {
    let plot_h = 38.0;
    doc.ensure_space(plot_h + 14.0);
    let top = doc.y();
    doc.text_at(
        CONTENT_LEFT,
        top + SMALL.baseline(),
        CONTENT_WIDTH,
        SMALL.colour(Colour::GREY),
        Align::Left,
        "Ausgezahlt je Monat (bezahlte Abrechnungsläufe), in Euro",
    );
    let top = top + SMALL.line_height() + 2.0;
    let max_euros = r
        .months
        .iter()
        .map(|m| m.paid_cents)
        .max()
        .unwrap_or(0)
        .max(100) as usize
        / 100
        + 1;
    let step = tick_step(max_euros, 4);
    let y_max = max_euros.div_ceil(step) * step;
    let label_w = text_width(&Cents(y_max as i64 * 100).to_string(), SMALL) + 2.0;
    let left = CONTENT_LEFT + label_w;
    let right = CONTENT_RIGHT - 1.0;
    let bottom = top + plot_h;
    let y_of = |euros: f32| bottom - euros / y_max as f32 * plot_h;
    let mut v = 0;
    while v <= y_max {
        let y = y_of(v as f32);
        doc.line_at(
            (left, y),
            (right, y),
            if v == 0 { 0.6 } else { 0.25 },
            if v == 0 {
                Colour::GREY
            } else {
                Colour::LIGHT_GREY
            },
        );
        doc.text_at(
            CONTENT_LEFT,
            y + 0.9,
            label_w - 1.5,
            SMALL,
            Align::Right,
            &Cents(v as i64 * 100).to_string(),
        );
        v += step;
    }
    let slot = (right - left) / 12.0;
    for (i, m) in r.months.iter().enumerate() {
        let x = left + i as f32 * slot;
        let euros = m.paid_cents as f32 / 100.0;
        if m.paid_cents > 0 {
            let y = y_of(euros);
            doc.fill_rect(x + slot * 0.18, y, slot * 0.64, bottom - y, Colour::ACCENT);
        }
        let short = format!("{}/{}", &m.month[5..7], &m.month[2..4]);
        doc.text_at(
            x,
            bottom + 1.6 + SMALL.baseline(),
            slot,
            SMALL,
            Align::Center,
            &short,
        );
    }
    doc.set_y(bottom + 2.0 + SMALL.line_height());
}

/// Every payment: statement number, month, payee, date paid, amount, budget line; sums per month
/// and for the year.
fn payment_list(doc: &mut Doc, r: &GrantReport) {
    if r.payments.is_empty() {
        doc.paragraph(
            BODY,
            "Im Haushaltsjahr wurde noch kein Abrechnungslauf als bezahlt erfasst.",
            2.0,
        );
        return;
    }
    let labels = [
        "Nr.",
        "Abrechnungs-Nr.",
        "Monat",
        "Zahlungsempfänger",
        "bezahlt am",
        "Betrag",
        "Haushalts-\nstelle",
    ];
    // The budget line is the same on every row: its column is as wide as it needs (up to 40 mm).
    let line_w = r
        .payments
        .iter()
        .map(|p| text_width(&p.budget_line, CELL))
        .fold(text_width("Haushalts-", HEAD), f32::max)
        .min(37.0)
        + 3.0;
    let total: i64 = r.payments.iter().map(|p| p.amount_cents).sum();
    let amount_w = (text_width(&euro(total), CELL_BOLD) + 3.0).max(21.0);
    let w = [10.0, 28.0, 15.0, 0.0, 19.0, amount_w, line_w];
    let name_w = CONTENT_WIDTH - w.iter().sum::<f32>();
    let columns = [
        Column::right(w[0]),
        Column::left(w[1]),
        Column::left(w[2]),
        Column::left(name_w),
        Column::left(w[4]),
        Column::right(w[5]),
        Column::left(w[6]),
    ];
    doc.table_header(&columns, &labels, HEAD);
    let mut i = 0;
    let mut month_sum = 0;
    for (k, p) in r.payments.iter().enumerate() {
        i += 1;
        month_sum += p.amount_cents;
        let month = format!("{}/{}", &p.month[5..7], &p.month[0..4]);
        let cells = [
            i.to_string(),
            p.statement_number.clone(),
            month.clone(),
            p.payee.clone(),
            format_date(p.paid_on),
            euro(p.amount_cents),
            p.budget_line.clone(),
        ];
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        doc.table_row(&columns, &refs, CELL);
        let last_of_month = r.payments.get(k + 1).is_none_or(|n| n.month != p.month);
        if last_of_month {
            let label = format!("Summe {month}");
            let sum = euro(month_sum);
            doc.table_row(&columns, &["", "", "", &label, "", &sum, ""], CELL_BOLD);
            month_sum = 0;
        }
    }
    let label = format!("Summe {}", r.year);
    let n = format!("{} Zahlungen", r.payments.len());
    let sum = euro(total);
    doc.table_row(&columns, &["", &n, "", &label, "", &sum, ""], CELL_BOLD);
    doc.end_table();
}

/// The claim-backs of the year's runs and how each was settled.
fn claims(doc: &mut Doc, r: &GrantReport) {
    if r.claims.is_empty() {
        doc.paragraph(BODY, "Keine Rückforderungen im Haushaltsjahr.", 2.0);
        return;
    }
    let w = [30.0, 16.0, 24.0, 46.0];
    let columns = [
        Column::left(w[0]),
        Column::left(w[1]),
        Column::left(CONTENT_WIDTH - w.iter().sum::<f32>()),
        Column::right(w[2]),
        Column::left(w[3]),
    ];
    doc.table_header(
        &columns,
        &["Abrechnungs-Nr.", "Monat", "Name", "Betrag", "Stand"],
        HEAD,
    );
    for c in &r.claims {
        let state = match (c.settled, c.settled_on.as_deref()) {
            (None, _) => "offen".to_string(),
            (Some(s), Some(on)) => {
                let on = crate::domain::pilot::parse_date(on)
                    .map(format_date)
                    .unwrap_or_default();
                format!("{} am {on}", s.label())
            }
            (Some(s), None) => s.label().to_string(),
        };
        let month = format!("{}/{}", &c.month[5..7], &c.month[0..4]);
        let amount = euro(c.amount_cents);
        doc.table_row(
            &columns,
            &[&c.statement_number, &month, &c.name, &amount, &state],
            CELL,
        );
    }
    doc.end_table();
}
