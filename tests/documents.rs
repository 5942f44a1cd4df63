//! Printed documents read back as a person would see them: text with pdftotext, pages with pdfinfo,
//! embedded fonts with pdffonts, and the rendered page (pdftoppm) for a blank margin.
//! Needs poppler-utils. Set LOTSEN_PDF_LOOK=DIR to keep copies of the PDFs for looking at them.

mod common;

use chrono::NaiveDate;
use lotsen::documents::pdf::{Align, Column, Doc, Style, CONTENT_LEFT, CONTENT_WIDTH};
use lotsen::documents::{
    appointment_certificate, efz_request_letter, format_date_long, Letterhead,
};
use lotsen::{Pilot, Status};

use common::{assert_blank_margins, collapsed, page_count, run, text_of, text_of_page, write};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn issued() -> NaiveDate {
    date(2026, 11, 26)
}

fn pilot() -> Pilot {
    Pilot {
        id: 7,
        first_name: "Ayşe".into(),
        last_name: "Müller-Öztürk".into(),
        birth_date: Some(date(1980, 5, 17)),
        street: "Steinweg 12".into(),
        postcode: "06484".into(),
        town: "Quedlinburg".into(),
        municipality: Some("Quedlinburg".into()),
        district: Some("Quedlinburg".into()),
        phone: "03946 1234".into(),
        email: "ayse@example.org".into(),
        languages: vec!["Türkisch".into(), "Deutsch".into()],
        recruitment_source: Some("Medien".into()),
        account_holder: "Ayşe Müller-Öztürk".into(),
        bic: String::new(),
        iban: "DE89370400440532013000".into(),
        notes: String::new(),
        status: Status::Qualified,
        created_at: "2026-09-01T08:00:00Z".into(),
        updated_at: "2026-11-20T08:00:00Z".into(),
    }
}

/// A pilot whose name and street are far longer than any box on the page.
fn long_pilot() -> Pilot {
    let mut p = pilot();
    let mut last = String::from("Müller-Öztürk-");
    while last.chars().count() < 150 {
        last.push_str("Şahinoğlu-Großmann ");
    }
    p.last_name = last
        .chars()
        .take(150)
        .collect::<String>()
        .trim()
        .to_string();
    assert_eq!(p.last_name.chars().count(), 150);
    p.street = "Straße der Deutsch-Türkischen Freundschaft und der Völkerverständigung im \
                Landkreis Harz, Hinterhaus, Aufgang C, 3. Obergeschoss links, bei Familie Yılmaz 117a"
        .into();
    p.town = "Quedlinburg OT Gernrode (Harz) – Ortsteil mit einem sehr langen Namen".into();
    p
}

#[test]
fn efz_letter_has_name_date_law_and_letterhead() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = efz_request_letter(&pilot(), &Letterhead::default(), issued()).unwrap();
    let path = write(dir.path(), "efz-letter.pdf", &pdf);
    assert_eq!(page_count(&path), 1);

    let text = text_of(&path);
    for needle in [
        "Ayşe Müller-Öztürk",
        "Halberstadt, den 26.11.2026",
        "Landkreis Harz",
        "Koordinierungsstelle für Migration",
        "Friedrich-Ebert-Straße 42",
        "38820 Halberstadt",
        "Steinweg 12",
        "06484 Quedlinburg",
        "§ 30a Abs. 2 BZRG",
        "Integrationskoordination",
    ] {
        assert!(text.contains(needle), "letter lacks {needle:?}:\n{text}");
    }
    let flat = collapsed(&text);
    for phrase in [
        "Antrag auf ein erweitertes Führungszeugnis nach § 30a Abs. 2 BZRG",
        "§ 30a Abs. 1 Nr. 2 BZRG",
        "Gebührenbefreiung",
        "Aufwandsentschädigung",
        "„Ehrenamtliche Integrationslotsen“ des Landkreises Harz",
        "Integrationslotse/Integrationslotsin",
        "geboren am 17.05.1980",
        "innerhalb von drei Monaten",
        "Eine Kopie wird weder angefertigt noch aufbewahrt",
    ] {
        assert!(flat.contains(phrase), "letter lacks {phrase:?}:\n{text}");
    }
    // Gender is not recorded: no "Frau"/"Herr" salutation.
    assert!(!flat.contains("Frau ") && !flat.contains("Herr "), "{text}");
    assert_blank_margins(&path);
}

#[test]
fn certificate_has_title_name_dates_and_district() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = appointment_certificate(
        &pilot(),
        "Quedlinburg",
        date(2026, 12, 1),
        &Letterhead::default(),
        issued(),
    )
    .unwrap();
    let path = write(dir.path(), "berufungsurkunde.pdf", &pdf);
    assert_eq!(page_count(&path), 1);

    let text = text_of(&path);
    let flat = collapsed(&text);
    for needle in [
        "Berufungsurkunde",
        "Ayşe Müller-Öztürk",
        "wird mit Wirkung vom 1. Dezember 2026",
        "„Integrationslotse/Integrationslotsin“",
        "für den Altkreis Quedlinburg berufen.",
        "Halberstadt, den 26.11.2026",
        "Landkreis Harz",
        "Koordinierungsstelle für Migration",
        "Integrationskoordination",
        "Friedrich-Ebert-Straße 42",
    ] {
        assert!(
            flat.contains(needle),
            "certificate lacks {needle:?}:\n{text}"
        );
    }
    assert!(!flat.contains("Frau ") && !flat.contains("Herr "), "{text}");
    assert_blank_margins(&path);

    // "Altkreis Quedlinburg" given in full is not doubled.
    let pdf = appointment_certificate(
        &pilot(),
        "Altkreis Quedlinburg",
        date(2026, 12, 1),
        &Letterhead::default(),
        issued(),
    )
    .unwrap();
    let path = write(dir.path(), "berufungsurkunde-2.pdf", &pdf);
    let flat = collapsed(&text_of(&path));
    assert!(
        flat.contains("für den Altkreis Quedlinburg berufen."),
        "{flat}"
    );
    assert!(!flat.contains("Altkreis Altkreis"));
}

#[test]
fn fonts_are_embedded_subsets_and_files_small() {
    let dir = tempfile::tempdir().unwrap();
    let letter = efz_request_letter(&pilot(), &Letterhead::default(), issued()).unwrap();
    let cert = appointment_certificate(
        &pilot(),
        "Quedlinburg",
        date(2026, 12, 1),
        &Letterhead::default(),
        issued(),
    )
    .unwrap();
    for (name, bytes) in [("letter.pdf", &letter), ("cert.pdf", &cert)] {
        let path = write(dir.path(), name, bytes);
        let fonts = String::from_utf8(run("pdffonts", &[path.to_str().unwrap()])).unwrap();
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert_eq!(rows.len(), 2, "regular and bold:\n{fonts}");
        for row in rows {
            assert!(row.contains("DejaVuSans"), "{fonts}");
            // Columns: name type encoding emb sub uni …: embedded, with a ToUnicode map.
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{fonts}");
        }
        // Subset fonts: a few tens of kilobytes, not the 1.4 MB of the two whole fonts.
        assert!(bytes.len() < 120_000, "{name} is {} bytes", bytes.len());
    }
}

#[test]
fn long_name_and_street_stay_on_one_page_inside_the_margins() {
    let dir = tempfile::tempdir().unwrap();
    let p = long_pilot();
    let lh = Letterhead {
        signer_name: "Dr. Maximiliane Schwarzenberg-Wolkenstein-Trostburg".into(),
        phone: "03941 5970-0000 (Montag bis Freitag 8 bis 12 Uhr)".into(),
        email: "integrationslotsen.koordinierung@kreis-harz.example".into(),
        ..Default::default()
    };

    let letter = efz_request_letter(&p, &lh, issued()).unwrap();
    let path = write(dir.path(), "efz-letter-long.pdf", &letter);
    assert_eq!(page_count(&path), 1);
    let text = text_of(&path);
    assert!(text.contains("Ayşe Müller-Öztürk-Şahinoğlu"), "{text}");
    assert!(
        collapsed(&text).contains("§ 30a Abs. 1 Nr. 2 BZRG"),
        "{text}"
    );
    assert_blank_margins(&path);

    let cert =
        appointment_certificate(&p, "Quedlinburg", date(2026, 12, 1), &lh, issued()).unwrap();
    let path = write(dir.path(), "berufungsurkunde-long.pdf", &cert);
    assert_eq!(page_count(&path), 1);
    let flat = collapsed(&text_of(&path));
    assert!(flat.contains("Ayşe Müller-Öztürk-Şahinoğlu"), "{flat}");
    assert!(
        flat.contains("für den Altkreis Quedlinburg berufen."),
        "{flat}"
    );
    assert_blank_margins(&path);
}

#[test]
fn flowing_content_breaks_pages_repeats_the_table_header_and_numbers_pages() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = Doc::new("Test", "Landkreis Harz", issued());
    doc.set_footer(vec![
        "Landkreis Harz · Friedrich-Ebert-Straße 42 · 38820 Halberstadt".into(),
    ]);
    doc.line(
        Style::bold(14.0),
        Align::Left,
        "Zahlungsliste November 2026",
    );
    doc.paragraph(
        Style::regular(10.0),
        &"Ein langer Absatz über Ehrenamt. ".repeat(40),
        3.0,
    );
    let cols = [
        Column::right(12.0),
        Column::left(88.0),
        Column::left(40.0),
        Column::right(30.0),
    ];
    doc.table_header(
        &cols,
        &["Nr.", "Name", "Altkreis", "Betrag"],
        Style::bold(9.0),
    );
    for i in 1..=90 {
        let name = if i == 45 {
            "Ayşe Müller-Öztürk-Şahinoğlu-Großmann-Yılmaz-Schwarzenberg-Wolkenstein-Trostburg"
                .to_string()
        } else {
            format!("Lotsin Nummer {i}")
        };
        doc.table_row(
            &cols,
            &[&i.to_string(), &name, "Quedlinburg", "130,00 €"],
            Style::regular(9.0),
        );
    }
    doc.end_table();
    doc.block(
        CONTENT_LEFT,
        CONTENT_WIDTH,
        Style::bold(10.0),
        Align::Right,
        "Summe 11.700,00 €",
    );
    let pages = doc.page_count();
    assert!(pages >= 3, "{pages} pages");
    let path = write(dir.path(), "flow.pdf", &doc.finish().unwrap());
    assert_eq!(page_count(&path), pages);
    for page in 1..=pages {
        let text = text_of_page(&path, page);
        assert!(
            text.contains(&format!("Seite {page} von {pages}")),
            "page {page}:\n{text}"
        );
        assert!(text.contains("38820 Halberstadt"), "footer on page {page}");
        if page > 1 {
            assert!(
                text.contains("Nr.") && text.contains("Betrag"),
                "header repeated on page {page}:\n{text}"
            );
        }
    }
    let all = text_of(&path);
    assert!(all.contains("Lotsin Nummer 90") && all.contains("Summe 11.700,00 €"));
    assert!(all.contains("130,00 €"));
    assert_blank_margins(&path);
}

#[test]
fn long_german_dates() {
    assert_eq!(format_date_long(date(2026, 11, 26)), "26. November 2026");
    assert_eq!(format_date_long(date(2026, 12, 1)), "1. Dezember 2026");
    assert_eq!(format_date_long(date(2027, 3, 9)), "9. März 2027");
}
