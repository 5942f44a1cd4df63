//! The Abdeckungsbericht built from a real database with the demo data, read back with pdftotext and
//! rendered for a blank margin. Needs poppler-utils. Set LOTSEN_PDF_LOOK=DIR to keep copies of the PDFs.

mod common;

use chrono::NaiveDate;
use lotsen::documents::{coverage_report, Letterhead};
use lotsen::domain::coverage::{Coverage, MonthPoint};
use lotsen::Store;

use common::{assert_blank_margins, collapsed, page_count, text_of, text_of_page, write};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// Coverage, history and letterhead of the demo database on 26.11.2026.
fn demo() -> (Coverage, Vec<MonthPoint>, Letterhead) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("lotsen.db")).unwrap();
    lotsen::db::demo::load(&mut store, today(), "Test").unwrap();
    let coverage = store.coverage(today()).unwrap();
    let history = store.coverage_history(today()).unwrap();
    let letterhead = store.settings().unwrap().letterhead;
    (coverage, history, letterhead)
}

/// The whitespace-separated words that follow `name` on any line of `text` that contains it.
fn rows_after<'a>(text: &'a str, name: &str) -> Vec<Vec<&'a str>> {
    text.lines()
        .filter_map(|l| l.find(name).map(|i| &l[i + name.len()..]))
        .map(|rest| rest.split_whitespace().collect())
        .collect()
}

/// Asserts a table row "name  target  eligible  percent %  light  pipeline  paused  ending  overdue".
fn assert_row(text: &str, name: &str, d: &lotsen::domain::coverage::DistrictCoverage) {
    let want = [
        d.target.to_string(),
        d.eligible.to_string(),
        d.coverage_percent.to_string(),
        "%".to_string(),
        d.light.label().to_string(),
        d.pipeline.to_string(),
        d.paused.to_string(),
        d.ending_soon.to_string(),
        d.refresher_overdue.to_string(),
    ];
    assert!(
        rows_after(text, name).iter().any(|words| words
            .iter()
            .take(want.len())
            .copied()
            .eq(want.iter().map(String::as_str))),
        "no row {name} {want:?} in:\n{text}"
    );
}

#[test]
fn coverage_report_reads_back_with_every_districts_numbers() {
    let (coverage, history, letterhead) = demo();
    assert_eq!(coverage.districts.len(), 3);
    assert_eq!(history.len(), 28);

    let pdf = coverage_report(&coverage, &history, &letterhead, today()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "abdeckungsbericht.pdf", &pdf);
    let pages = page_count(&path);
    assert!((1..=3).contains(&pages), "{pages} pages");
    // Subset fonts keep the report small.
    assert!(pdf.len() < 120_000, "{} bytes", pdf.len());

    let text = text_of(&path);
    let flat = collapsed(&text);
    for needle in [
        "Abdeckungsbericht Integrationslotsen",
        "Stand: 26.11.2026",
        "Halberstadt, den 26.11.2026",
        "Landkreis Harz",
        "Sprachen",
        "Lücken",
        "Verlauf",
        "11/26",
        "November 2026",
        "Ausblick",
        "Einsatzbereit: Status Aktiv und gültiges erweitertes Führungszeugnis am Stichtag.",
        "Ausblick: heutiger Status, bekannte Ablaufdaten der Führungszeugnisse.",
    ] {
        assert!(flat.contains(needle), "report lacks {needle:?}:\n{text}");
    }
    for d in &coverage.districts {
        assert_row(&text, &d.district, d);
    }
    assert_row(&text, "Landkreis", &coverage.total);
    let total = &coverage.total;
    assert_eq!(
        total.eligible,
        coverage.districts.iter().map(|d| d.eligible).sum::<usize>()
    );

    // The history table: each month's counts per district and for the county, in order.
    for p in &history {
        let month = lotsen::documents::format_month_year(p.date);
        let mut want: Vec<String> = p.eligible.iter().map(usize::to_string).collect();
        want.push(p.total.to_string());
        let found = rows_after(&text, &month).iter().any(|words| {
            words
                .iter()
                .take(want.len())
                .copied()
                .eq(want.iter().map(String::as_str))
                && (words.get(want.len()) == Some(&"Ausblick")) == p.outlook
        });
        assert!(found, "no history row {month} {want:?}:\n{text}");
    }

    // Languages: every eligible district language with its count, and the gaps.
    for d in &coverage.districts {
        for l in &d.languages {
            assert!(
                flat.contains(&format!("{} ({})", l.language, l.pilots)),
                "{} lacks {}:\n{text}",
                d.district,
                l.language
            );
        }
    }

    // Several pages: the history table's header repeats and every page is numbered.
    if pages > 1 {
        for page in 1..=pages {
            let t = text_of_page(&path, page);
            assert!(t.contains(&format!("Seite {page} von {pages}")), "{t}");
        }
        let last = text_of_page(&path, pages);
        assert!(
            last.contains("Monat") || !last.contains("Ausblick"),
            "{last}"
        );
    }
    assert_blank_margins(&path);
}

#[test]
fn coverage_report_with_a_long_district_name_stays_inside_the_page() {
    let (mut coverage, history, letterhead) = demo();
    let long = "Altkreis Quedlinburg mit Thale, Ballenstedt, Harzgerode/Harz".to_string();
    assert_eq!(long.chars().count(), 60);
    coverage.districts[1].district = long.clone();
    coverage.eligible_without_district = vec![901, 902];
    // All three lights, and targets that differ (one target line each).
    coverage.districts[0].light = lotsen::domain::coverage::Light::Green;
    coverage.districts[0].target = 5;
    coverage.districts[2].light = lotsen::domain::coverage::Light::Amber;

    let pdf = coverage_report(&coverage, &history, &letterhead, today()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "abdeckungsbericht-lang.pdf", &pdf);
    let text = text_of(&path);
    let flat = collapsed(&text);
    // The name wraps in its cell; its first words and the row's numbers stay on the first line.
    let d = &coverage.districts[1];
    assert!(flat.contains("Altkreis Quedlinburg"), "{text}");
    assert!(
        text.lines().any(|l| l.contains("Altkreis Quedlinburg")
            && l.split_whitespace().any(|w| w == d.light.label())),
        "{text}"
    );
    assert!(
        flat.contains("2 einsatzbereite Lotsinnen und Lotsen sind keinem Altkreis zugeordnet"),
        "{text}"
    );
    for d in [&coverage.districts[0], &coverage.districts[2]] {
        assert_row(&text, &d.district, d);
    }
    assert!(text.contains("grün") && text.contains("gelb") && text.contains("rot"));
    assert_blank_margins(&path);
}

#[test]
fn coverage_report_without_history_or_districts() {
    let (mut coverage, _, letterhead) = demo();
    coverage.districts.clear();
    let pdf = coverage_report(&coverage, &[], &letterhead, today()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "abdeckungsbericht-leer.pdf", &pdf);
    let flat = collapsed(&text_of(&path));
    assert!(
        flat.contains("Für den Verlauf liegen keine Daten vor."),
        "{flat}"
    );
    assert!(flat.contains("Landkreis"), "{flat}");
    assert_blank_margins(&path);
}
