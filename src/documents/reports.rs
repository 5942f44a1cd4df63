//! Reports: the coverage report (Abdeckungsbericht, docs/DOMAIN.md#coverage).
//!
//! One or two A4 pages: letterhead, the per-district table with the traffic light, the languages of the
//! eligible pilots and the gaps, the month-by-month history as a line chart and as a table (outlook months
//! shaded, dashed and marked), and a note on how the numbers are counted.

use chrono::{Datelike, NaiveDate};

use super::pdf::{
    text_width, wrap_limited, Align, Colour, Column, Doc, Style, CONTENT_LEFT, CONTENT_RIGHT,
    CONTENT_WIDTH,
};
use super::{draw_letterhead, format_date, format_month_year, new_document, place_and_date};
use crate::domain::coverage::{Coverage, DistrictCoverage, Light, MonthPoint};
use crate::domain::settings::Letterhead;
use crate::error::Result;

/// Body text, table text, table headers, small print.
const BODY: Style = Style::regular(9.5);
const CELL: Style = Style::regular(8.5);
const CELL_BOLD: Style = Style::bold(8.5);
const HEAD: Style = Style::bold(7.5);
const SMALL: Style = Style::regular(7.0);
/// Space a table cell keeps left and right of its text (pdf.rs pads 1.2 mm each side), with a little air.
const CELL_PADDING: f32 = 3.0;

/// The traffic light as printed: muted colours that still read on a greyscale copy (dark, mid, light).
fn light_colour(light: Light) -> Colour {
    match light {
        Light::Green => Colour(0.16, 0.50, 0.24),
        Light::Amber => Colour(0.93, 0.68, 0.12),
        Light::Red => Colour(0.75, 0.13, 0.13),
    }
}

/// The colours of the districts' series in the chart (repeated beyond four districts, with other markers).
const SERIES: [Colour; 4] = [
    Colour::ACCENT,
    Colour(0.80, 0.42, 0.05),
    Colour(0.0, 0.48, 0.48),
    Colour(0.45, 0.22, 0.55),
];

/// The outlook months' background in the chart.
const OUTLOOK_SHADE: Colour = Colour(0.93, 0.93, 0.93);

/// The coverage report as PDF: per-district table, gaps, languages and the month-by-month history.
/// `history` holds one eligible count per district of `coverage`, in the same order.
pub fn coverage_report(
    coverage: &Coverage,
    history: &[MonthPoint],
    letterhead: &Letterhead,
    issued_on: NaiveDate,
) -> Result<Vec<u8>> {
    let stand = format_date(coverage.date);
    let mut doc = new_document(
        &format!("Abdeckungsbericht Integrationslotsen – Stand {stand}"),
        letterhead,
        issued_on,
    );
    report_title(
        &mut doc,
        letterhead,
        issued_on,
        "Abdeckungsbericht Integrationslotsen",
        &format!("Einsatzbereite Lotsinnen und Lotsen je Altkreis – Stand: {stand}"),
    );

    heading(&mut doc, "1. Abdeckung je Altkreis");
    district_table(&mut doc, coverage);
    doc.gap(7.0);

    heading(&mut doc, "2. Sprachen");
    language_table(&mut doc, coverage);
    doc.gap(7.0);

    heading(&mut doc, "3. Verlauf");
    let names: Vec<&str> = coverage
        .districts
        .iter()
        .map(|d| d.district.as_str())
        .collect();
    let targets: Vec<i64> = coverage.districts.iter().map(|d| d.target).collect();
    if history.is_empty() || names.is_empty() {
        doc.paragraph(BODY, "Für den Verlauf liegen keine Daten vor.", 2.0);
    } else {
        chart(&mut doc, &names, &targets, history);
        doc.gap(5.0);
        history_table(&mut doc, &names, history);
    }
    doc.gap(7.0);

    notes(&mut doc, coverage);
    doc.finish()
}

/// The top of a report's first page: letterhead, place and date, the title and a line below it.
pub(super) fn report_title(
    doc: &mut Doc,
    letterhead: &Letterhead,
    issued_on: NaiveDate,
    title: &str,
    subtitle: &str,
) {
    draw_letterhead(doc, letterhead);
    doc.line(BODY, Align::Right, &place_and_date(letterhead, issued_on));
    doc.gap(4.0);
    doc.block(
        CONTENT_LEFT,
        CONTENT_WIDTH,
        Style::bold(16.0).colour(Colour::ACCENT),
        Align::Left,
        title,
    );
    doc.gap(1.0);
    doc.block(
        CONTENT_LEFT,
        CONTENT_WIDTH,
        Style::regular(10.5).colour(Colour::GREY),
        Align::Left,
        subtitle,
    );
    doc.gap(6.0);
}

/// A section heading that stays with at least a few lines of what follows.
pub(super) fn heading(doc: &mut Doc, text: &str) {
    let style = Style::bold(11.0).colour(Colour::ACCENT);
    doc.ensure_space(style.line_height() + 25.0);
    doc.line(style, Align::Left, text);
    doc.gap(1.5);
}

/// Width of a column for a header label (explicit "\n" lines) and the widest cell, with padding.
pub(super) fn column_width(label: &str, cells: &[String], style: Style) -> f32 {
    let head = label
        .split('\n')
        .map(|l| text_width(l, HEAD))
        .fold(0.0, f32::max);
    let body = cells
        .iter()
        .map(|c| text_width(c, style))
        .fold(0.0, f32::max);
    head.max(body) + CELL_PADDING
}

/// "50 %".
fn percent(p: u32) -> String {
    format!("{p}\u{a0}%")
}

/// The per-district table and the county's total row; the light as a coloured square and a word.
fn district_table(doc: &mut Doc, coverage: &Coverage) {
    const AMPEL: usize = 4;
    let labels = [
        "Altkreis",
        "Soll",
        "einsatz-\nbereit",
        "Abdeckung",
        "Ampel",
        "in Quali-\nfizierung",
        "ruhend",
        "eFZ läuft\nab",
        "Auffrischung\nüberfällig",
    ];
    let rows: Vec<&DistrictCoverage> = coverage
        .districts
        .iter()
        .chain(std::iter::once(&coverage.total))
        .collect();
    let cells: Vec<[String; 9]> = rows
        .iter()
        .map(|d| {
            [
                d.district.clone(),
                d.target.to_string(),
                d.eligible.to_string(),
                percent(d.coverage_percent),
                // Drawn separately (square and word).
                String::new(),
                d.pipeline.to_string(),
                d.paused.to_string(),
                d.ending_soon.to_string(),
                d.refresher_overdue.to_string(),
            ]
        })
        .collect();

    // The square, a space and the longest word.
    let square = 2.4;
    let light_text_w = [Light::Green, Light::Amber, Light::Red]
        .iter()
        .map(|l| text_width(l.label(), CELL_BOLD))
        .fold(0.0, f32::max);
    let mut columns: Vec<Column> = (1..labels.len())
        .map(|i| {
            let column: Vec<String> = cells.iter().map(|r| r[i].clone()).collect();
            let mut w = column_width(labels[i], &column, CELL_BOLD);
            if i == AMPEL {
                w = w.max(square + 1.5 + light_text_w + CELL_PADDING);
            }
            Column::right(w)
        })
        .collect();
    columns[AMPEL - 1].align = Align::Left;
    let numbers: f32 = columns.iter().map(|c| c.width).sum();
    // The district's name takes the rest of the width (names wrap in it).
    columns.insert(0, Column::left((CONTENT_WIDTH - numbers).max(20.0)));

    doc.table_header(&columns, &labels, HEAD);
    let ampel_x: f32 = CONTENT_LEFT + columns[..AMPEL].iter().map(|c| c.width).sum::<f32>();
    for (i, (d, row)) in rows.iter().zip(&cells).enumerate() {
        let is_total = i + 1 == rows.len();
        let style = if is_total { CELL_BOLD } else { CELL };
        let refs: Vec<&str> = row.iter().map(String::as_str).collect();
        if is_total {
            // The total row stays with its rule.
            doc.ensure_space(style.line_height() + 2.5);
        }
        let (top, _) = doc.table_row_placed(&columns, &refs, style);
        if is_total {
            doc.line_at(
                (CONTENT_LEFT, top),
                (
                    CONTENT_LEFT + columns.iter().map(|c| c.width).sum::<f32>(),
                    top,
                ),
                0.9,
                Colour::GREY,
            );
        }
        // The light on the first text line of the cell: the square sits on the baseline, cap-high.
        let baseline = top + 1.0 + style.baseline();
        let x = ampel_x + 1.2;
        doc.fill_rect(
            x,
            baseline - square + 0.1,
            square,
            square,
            light_colour(d.light),
        );
        doc.text_at(
            x + square + 1.5,
            baseline,
            columns[AMPEL].width - square - 1.5 - 2.4,
            style,
            Align::Left,
            d.light.label(),
        );
    }
    doc.end_table();
}

/// "Arabisch (3), Russisch (2)"; "–" when nobody is eligible.
fn languages_text(d: &DistrictCoverage) -> String {
    if d.languages.is_empty() {
        return "–".into();
    }
    d.languages
        .iter()
        .map(|l| format!("{}\u{a0}({})", l.language, l.pilots))
        .collect::<Vec<_>>()
        .join(", ")
}

fn gaps_text(d: &DistrictCoverage) -> String {
    if d.language_gaps.is_empty() {
        "keine".into()
    } else {
        d.language_gaps.join(", ")
    }
}

/// Per district: the languages of the eligible pilots with counts, and the gaps.
fn language_table(doc: &mut Doc, coverage: &Coverage) {
    let name_w = coverage
        .districts
        .iter()
        .map(|d| text_width(&d.district, CELL))
        .chain([text_width("Landkreis", CELL_BOLD)])
        .fold(text_width("Altkreis", HEAD), f32::max)
        .clamp(18.0, 40.0)
        + CELL_PADDING;
    let rest = CONTENT_WIDTH - name_w;
    let labels = [
        "Altkreis",
        "Sprachen der einsatzbereiten Lotsen (Anzahl)",
        "Lücken (keine einsatzbereiten Lotsen)",
    ];
    // The gaps are usually the shorter list; its column is as wide as its header, at most 45 %.
    let gaps_w = (text_width(labels[2], HEAD) + CELL_PADDING).clamp(rest * 0.35, rest * 0.45);
    let columns = [
        Column::left(name_w),
        Column::left(rest - gaps_w),
        Column::left(gaps_w),
    ];
    doc.table_header(&columns, &labels, HEAD);
    for d in &coverage.districts {
        let langs = languages_text(d);
        let gaps = gaps_text(d);
        doc.table_row(&columns, &[&d.district, &langs, &gaps], CELL);
    }
    let t = &coverage.total;
    let langs = languages_text(t);
    let gaps = gaps_text(t);
    doc.table_row(&columns, &["Landkreis", &langs, &gaps], CELL_BOLD);
    doc.end_table();
}

/// "11/26".
fn month_label(d: NaiveDate) -> String {
    format!("{:02}/{:02}", d.month(), d.year() % 100)
}

/// A step of 1, 2 or 5 × 10ⁿ that divides 0..=max into at most `ticks` intervals.
pub(super) fn tick_step(max: usize, ticks: usize) -> usize {
    let mut base = 1;
    loop {
        for m in [1, 2, 5] {
            let step = m * base;
            if max.div_ceil(step) <= ticks {
                return step;
            }
        }
        base *= 10;
    }
}

/// The marker of series `i` at (x, y): filled square, hollow square, diamond, in turn; they tell the
/// series apart on a greyscale copy.
fn marker(doc: &mut Doc, i: usize, x: f32, y: f32, colour: Colour) {
    let r = 0.85;
    match i % 3 {
        0 => doc.fill_rect(x - r, y - r, 2.0 * r, 2.0 * r, colour),
        1 => {
            doc.fill_rect(x - r, y - r, 2.0 * r, 2.0 * r, Colour(1.0, 1.0, 1.0));
            doc.stroke_rect(x - r, y - r, 2.0 * r, 2.0 * r, 0.9, colour);
        }
        _ => {
            let r = r + 0.3;
            doc.polyline_at(
                &[
                    (x - r, y),
                    (x, y - r),
                    (x + r, y),
                    (x, y + r),
                    (x - r, y),
                    (x, y - r),
                ],
                1.4,
                colour,
                None,
            );
        }
    }
}

/// The history as a line chart: one series per district, the outlook shaded and dashed, the targets as
/// thin grey lines, month labels below, a legend above.
pub(super) fn chart(doc: &mut Doc, names: &[&str], targets: &[i64], history: &[MonthPoint]) {
    let same_target = targets.windows(2).all(|w| w[0] == w[1]);
    let legend_rows = legend_layout(names, same_target);
    let legend_h = legend_rows.len() as f32 * 4.2 + 1.5;
    let plot_h = 52.0;
    let caption_h = SMALL.line_height() + 1.0;
    let total_h = caption_h + legend_h + plot_h + 6.0;
    doc.ensure_space(total_h);

    let mut top = doc.y();
    doc.text_at(
        CONTENT_LEFT,
        top + SMALL.baseline(),
        CONTENT_WIDTH,
        SMALL.colour(Colour::GREY),
        Align::Left,
        "Einsatzbereite Lotsinnen und Lotsen je Altkreis am Monatsende; Ausblick grau hinterlegt.",
    );
    top += caption_h;

    // Legend.
    for (row_i, row) in legend_rows.iter().enumerate() {
        let y = top + row_i as f32 * 4.2 + 2.0;
        let mut x = CONTENT_LEFT;
        for entry in row {
            match entry.sample {
                Sample::Series(i) => {
                    let colour = SERIES[i % SERIES.len()];
                    doc.line_at((x, y), (x + 7.0, y), 1.2, colour);
                    marker(doc, i, x + 3.5, y, colour);
                }
                Sample::Target => {
                    doc.polyline_at(&[(x, y), (x + 7.0, y)], 0.9, Colour::GREY, Some((2.5, 1.5)));
                }
                Sample::Outlook => {
                    doc.fill_rect(x, y - 1.6, 7.0, 3.2, OUTLOOK_SHADE);
                    doc.polyline_at(
                        &[(x + 0.5, y), (x + 6.5, y)],
                        1.2,
                        Colour::GREY,
                        Some((1.2, 0.8)),
                    );
                }
            }
            doc.text_at(
                x + SAMPLE_W,
                y + 0.9,
                entry.width - SAMPLE_W,
                SMALL,
                Align::Left,
                &entry.text,
            );
            x += entry.width + LEGEND_GAP;
        }
    }
    top += legend_h;

    // Scale.
    // Room above the highest count or target, so the target line never lies on the frame.
    let max_count = history
        .iter()
        .flat_map(|p| p.eligible.iter().copied())
        .chain(targets.iter().map(|t| (*t).max(0) as usize))
        .max()
        .unwrap_or(0)
        + 1;
    let step = tick_step(max_count, 6);
    let y_max = max_count.div_ceil(step) * step;
    let label_w = text_width(&y_max.to_string(), SMALL) + 2.0;
    let left = CONTENT_LEFT + label_w;
    let right = CONTENT_RIGHT - 1.0;
    let bottom = top + plot_h;
    let n = history.len();
    let slot = (right - left) / n as f32;
    let x_of = |i: usize| left + (i as f32 + 0.5) * slot;
    let y_of = |v: f32| bottom - v / y_max as f32 * plot_h;

    // Outlook band.
    if let Some(first) = history.iter().position(|p| p.outlook) {
        let x0 = left + first as f32 * slot;
        doc.fill_rect(x0, top, right - x0, plot_h, OUTLOOK_SHADE);
        doc.text_at(
            x0,
            top + SMALL.baseline() + 0.5,
            right - x0,
            SMALL.colour(Colour::GREY),
            Align::Center,
            "Ausblick",
        );
    }

    // Grid and y labels.
    let mut v = 0;
    while v <= y_max {
        let y = y_of(v as f32);
        let (w, c) = if v == 0 {
            (0.6, Colour::GREY)
        } else {
            (0.25, Colour::LIGHT_GREY)
        };
        doc.line_at((left, y), (right, y), w, c);
        doc.text_at(
            CONTENT_LEFT,
            y + 0.9,
            label_w - 1.5,
            SMALL,
            Align::Right,
            &v.to_string(),
        );
        v += step;
    }

    // Targets: one grey line when all districts have the same, otherwise one in each district's colour.
    for (i, t) in targets.iter().enumerate() {
        if *t <= 0 || (same_target && i > 0) {
            continue;
        }
        let colour = if same_target {
            Colour::GREY
        } else {
            SERIES[i % SERIES.len()]
        };
        let y = y_of(*t as f32);
        doc.polyline_at(&[(left, y), (right, y)], 0.9, colour, Some((2.5, 1.5)));
    }

    // Month ticks and labels; the labels as dense as they fit, always including the current month.
    let label_style = SMALL.size(6.5);
    let label_w_month = text_width("00/00", label_style) + 2.0;
    let every = (label_w_month / slot).ceil().max(1.0) as usize;
    let current = history.iter().rposition(|p| !p.outlook).unwrap_or(0);
    for (i, p) in history.iter().enumerate() {
        let x = x_of(i);
        let labelled = current.abs_diff(i) % every == 0;
        doc.line_at(
            (x, bottom),
            (x, bottom + if labelled { 1.2 } else { 0.6 }),
            0.4,
            Colour::GREY,
        );
        if labelled {
            doc.text_at(
                x - label_w_month / 2.0,
                bottom + 1.6 + label_style.baseline(),
                label_w_month,
                label_style,
                Align::Center,
                &month_label(p.date),
            );
        }
    }

    // Series: solid up to the current month, dashed into the outlook.
    for (s, _) in names.iter().enumerate() {
        let colour = SERIES[s % SERIES.len()];
        let point = |i: usize| {
            let v = history[i].eligible.get(s).copied().unwrap_or(0);
            (x_of(i), y_of(v as f32))
        };
        let past: Vec<(f32, f32)> = (0..=current.min(n - 1)).map(point).collect();
        doc.polyline_at(&past, 1.2, colour, None);
        if current + 1 < n {
            let ahead: Vec<(f32, f32)> = (current..n).map(point).collect();
            doc.polyline_at(&ahead, 1.2, colour, Some((1.2, 0.8)));
        }
        for i in 0..n {
            let (x, y) = point(i);
            marker(doc, s, x, y, colour);
        }
    }

    doc.set_y(bottom + 1.6 + label_style.line_height() + 1.0);
}

/// What a legend entry shows; each is a sample 7 mm wide and a text.
#[derive(Clone, Copy)]
enum Sample {
    Series(usize),
    Target,
    Outlook,
}

struct LegendEntry {
    sample: Sample,
    text: String,
    /// Sample and text, in mm.
    width: f32,
}

const SAMPLE_W: f32 = 8.5;
const LEGEND_GAP: f32 = 5.0;
const OUTLOOK_LEGEND: &str = "Ausblick (bekannte eFZ-Abläufe)";

/// The legend's entries in rows across the content width; long names are shortened to 60 mm.
fn legend_layout(names: &[&str], same_target: bool) -> Vec<Vec<LegendEntry>> {
    let target = if same_target {
        "Soll"
    } else {
        "Soll (in der Farbe des Altkreises)"
    };
    let entries = names
        .iter()
        .enumerate()
        .map(|(i, n)| (Sample::Series(i), n.to_string()))
        .chain([
            (Sample::Target, target.to_string()),
            (Sample::Outlook, OUTLOOK_LEGEND.to_string()),
        ]);
    let mut rows: Vec<Vec<LegendEntry>> = vec![Vec::new()];
    let mut used = 0.0;
    for (sample, text) in entries {
        let width = SAMPLE_W + text_width(&text, SMALL).min(60.0) + 0.5;
        if used > 0.0 && used + width > CONTENT_WIDTH {
            rows.push(Vec::new());
            used = 0.0;
        }
        used += width + LEGEND_GAP;
        if let Some(r) = rows.last_mut() {
            r.push(LegendEntry {
                sample,
                text,
                width,
            });
        }
    }
    rows
}

/// The history as a table: months as rows, one column per district, the county, the outlook marker.
fn history_table(doc: &mut Doc, names: &[&str], history: &[MonthPoint]) {
    let month_w = history
        .iter()
        .map(|p| text_width(&format_month_year(p.date), CELL))
        .fold(text_width("Monat", HEAD), f32::max)
        + CELL_PADDING;
    let mark_w = text_width("Ausblick", CELL) + CELL_PADDING + 2.0;
    let total_w = text_width("Landkreis", HEAD) + CELL_PADDING + 4.0;
    let district_w = (CONTENT_WIDTH - month_w - mark_w - total_w) / names.len().max(1) as f32;
    let mut columns = vec![Column::left(month_w)];
    columns.extend(names.iter().map(|_| Column::right(district_w)));
    columns.push(Column::right(total_w));
    columns.push(Column::center(mark_w));

    // District names in the header: at most two lines each.
    let heads: Vec<String> = names
        .iter()
        .map(|n| wrap_limited(n, HEAD, district_w - CELL_PADDING, 2).join("\n"))
        .collect();
    let mut labels: Vec<&str> = vec!["Monat"];
    labels.extend(heads.iter().map(String::as_str));
    labels.extend(["Landkreis", ""]);
    // Caption, header and the first rows together; a table of one row at the foot of a page is no use.
    let row_h = CELL.line_height() + 2.0;
    doc.ensure_space(SMALL.line_height() + 1.0 + 2.0 * HEAD.line_height() + 2.0 + 6.0 * row_h);
    doc.line(
        SMALL.colour(Colour::GREY),
        Align::Left,
        "Einsatzbereite Lotsinnen und Lotsen am Monatsende, je Altkreis und im Landkreis:",
    );
    doc.gap(1.0);
    doc.table_header(&columns, &labels, HEAD);
    for p in history {
        let mut cells = vec![format_month_year(p.date)];
        cells.extend((0..names.len()).map(|i| p.eligible.get(i).copied().unwrap_or(0).to_string()));
        cells.push(p.total.to_string());
        cells.push(if p.outlook { "Ausblick" } else { "" }.to_string());
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        let style = if p.outlook {
            CELL.colour(Colour::GREY)
        } else {
            CELL
        };
        doc.table_row(&columns, &refs, style);
    }
    doc.end_table();
}

/// How the numbers are counted, and pilots who count nowhere.
fn notes(doc: &mut Doc, coverage: &Coverage) {
    let style = Style::regular(8.5);
    doc.ensure_space(4.0 * style.line_height() + 5.0);
    doc.line(Style::bold(8.5), Align::Left, "Erläuterungen");
    doc.gap(0.5);
    doc.paragraph(
        style,
        "Einsatzbereit: Status Aktiv und gültiges erweitertes Führungszeugnis am Stichtag. \
         Ausblick: heutiger Status, bekannte Ablaufdaten der Führungszeugnisse.",
        1.0,
    );
    doc.paragraph(
        style,
        "Abdeckung: einsatzbereite Lotsen im Verhältnis zum Soll des Altkreises; die Ampel folgt den \
         eingestellten Schwellenwerten. In Qualifizierung: Status „In Qualifizierung“ oder „Qualifiziert“. \
         eFZ läuft ab: einsatzbereit, das Führungszeugnis muss in Kürze erneut vorgelegt werden.",
        1.0,
    );
    let n = coverage.eligible_without_district.len();
    if n > 0 {
        let text = if n == 1 {
            "1 einsatzbereite Lotsin bzw. ein einsatzbereiter Lotse ist keinem Altkreis zugeordnet und in \
             den Zahlen oben nicht enthalten."
                .to_string()
        } else {
            format!(
                "{n} einsatzbereite Lotsinnen und Lotsen sind keinem Altkreis zugeordnet und in den Zahlen \
                 oben nicht enthalten."
            )
        };
        doc.paragraph(style, &text, 1.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(4, 5), 1);
        assert_eq!(tick_step(10, 5), 2);
        assert_eq!(tick_step(12, 5), 5);
        assert_eq!(tick_step(40, 5), 10);
        assert_eq!(tick_step(1, 5), 1);
    }

    #[test]
    fn month_labels_are_short() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(month_label(d), "11/26");
        assert_eq!(
            month_label(NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()),
            "02/27"
        );
    }
}
