//! Import of the office's list with history (issue 12): a list written here with every status,
//! each rule break, short dates, words in any case, a formula note, as Windows-1252 and as UTF-8
//! with BOM. The preview is the result; the first run after the import pays full months to those in
//! service and nothing to the paused, expired and departed; coverage of an earlier month end
//! counts each pilot in the district of that day.

use chrono::NaiveDate;
use lotsen::domain::iban;
use lotsen::domain::run::Budget;
use lotsen::io::import::{ImportPreview, RowStatus};
use lotsen::{Status, Store};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    d("2026-12-02")
}

/// Header in an order of its own, with odd case and spaces; "Lieblingsfarbe" is unknown.
const HEADER: [&str; 23] = [
    "vorname",
    "NACHNAME",
    "Gemeinde",
    " status ",
    "Im Programm Seit",
    "Berufen am",
    "Ruhend seit",
    "Ausgeschieden am",
    "eFZ ausgestellt am",
    "eFZ eingesehen am",
    "eFZ eingesehen von",
    "eFZ-Ergebnis",
    "Module",
    "Module am",
    "Abschlusstest am",
    "Test Punkte",
    "Test Höchstpunkte",
    "Gespräch",
    "Auffrischung am",
    "IBAN",
    "Kontoinhaber",
    "Notizen",
    "Lieblingsfarbe",
];

/// One line of the list from (header, value) pairs; the other cells stay empty.
fn line(cells: &[(&str, &str)]) -> String {
    HEADER
        .iter()
        .map(|h| {
            let v = cells
                .iter()
                .find(|(k, _)| k == h)
                .map(|(_, v)| *v)
                .unwrap_or("");
            if v.contains(';') || v.contains('"') {
                format!("\"{}\"", v.replace('"', "\"\""))
            } else {
                v.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// A pilot appointed with everything in place: eFZ, modules 1–5, a passed test, refresher.
fn trained<'a>(
    since: &'a str,
    cert: &'a str,
    inspected: &'a str,
    modules_on: &'a str,
    test_on: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("Im Programm Seit", since),
        ("eFZ ausgestellt am", cert),
        ("eFZ eingesehen am", inspected),
        ("eFZ eingesehen von", "Frau Krüger"),
        ("eFZ-Ergebnis", "ohne Eintrag"),
        ("Module", "1-5"),
        ("Module am", modules_on),
        ("Abschlusstest am", test_on),
        ("Test Punkte", "40"),
        ("Test Höchstpunkte", "50"),
        ("Gespräch", "bestanden"),
    ]
}

struct Listed {
    name: &'static str,
    cells: Vec<(&'static str, String)>,
}

fn person(first: &'static str, last: &'static str, municipality: &'static str) -> Listed {
    Listed {
        name: first,
        cells: vec![
            ("vorname", first.to_string()),
            ("NACHNAME", last.to_string()),
            ("Gemeinde", municipality.to_string()),
        ],
    }
}

impl Listed {
    fn with(mut self, cells: &[(&'static str, &str)]) -> Self {
        for (k, v) in cells {
            self.cells.retain(|(h, _)| h != k);
            self.cells.push((k, v.to_string()));
        }
        self
    }

    fn paid(self, n: u64) -> Self {
        let account = format!("{} Konto", self.name);
        let iban = iban::format(&iban::german("12030000", 5_000_000 + n * 7919));
        self.with(&[("IBAN", &iban), ("Kontoinhaber", &account)])
    }
}

/// The list: 8 rows that import (every status) and 7 that break a rule.
fn list() -> String {
    let rows = vec![
        // Valid. Short dates and lower-case words.
        person("Anna", "Aktiv", "Halberstadt")
            .with(&trained(
                "1.3.2024",
                "10.2.2024",
                "1.3.2024",
                "15.4.2024",
                "20.5.2024",
            ))
            .with(&[
                (" status ", "aktiv"),
                ("Berufen am", "1.6.2024"),
                ("Auffrischung am", "1.10.2024"),
            ])
            .paid(1),
        person("Ben", "Berger", "Thale")
            .with(&trained(
                "01.01.2025",
                "05.01.2025",
                "20.01.2025",
                "10.02.2025",
                "20.02.2025",
            ))
            .with(&[
                (" status ", "AKTIV"),
                ("Berufen am", "01.03.2025"),
                ("Module", "1, 2, 3, 4, 5"),
                ("eFZ-Ergebnis", "OHNE EINTRAG"),
                ("Gespräch", "Bestanden"),
                ("Auffrischung am", "1.8.2025"),
                ("Notizen", "=HYPERLINK(\"http://intranet/akte/17\")"),
            ])
            .paid(2),
        person("Carla", "Cramer-Müller", "Wernigerode")
            .with(&trained(
                "1.3.2024",
                "10.2.2024",
                "1.3.2024",
                "15.4.2024",
                "20.5.2024",
            ))
            .with(&[
                (" status ", "ruhend"),
                ("Berufen am", "1.6.2024"),
                ("Ruhend seit", "1.9.2026"),
                ("Auffrischung am", "1.11.2024"),
            ])
            .paid(3),
        // eFZ of 01.11.2021: re-inspection due 01.11.2026, so nothing in November.
        person("Dora", "Dreher", "Halberstadt")
            .with(&trained(
                "1.10.2021",
                "1.11.2021",
                "15.11.2021",
                "1.12.2021",
                "15.12.2021",
            ))
            .with(&[
                (" status ", "Aktiv"),
                ("Berufen am", "2.1.2022"),
                ("Auffrischung am", "1.6.2022"),
            ])
            .paid(4),
        person("Emil", "Engel", "Quedlinburg")
            .with(&trained(
                "1.3.2024",
                "10.2.2024",
                "1.3.2024",
                "15.4.2024",
                "20.5.2024",
            ))
            .with(&[
                (" status ", "ausgeschieden"),
                ("Berufen am", "1.6.2024"),
                ("Ausgeschieden am", "1.7.2026"),
            ])
            .paid(5),
        person("Frieda", "Fink", "Halberstadt").with(&[
            (" status ", "interessent"),
            ("Im Programm Seit", "1.10.2026"),
        ]),
        person("Gustav", "Graf", "Thale").with(&[
            (" status ", "in  Qualifizierung"),
            ("Im Programm Seit", "1.9.2026"),
            ("Module", "1,2"),
            ("Module am", "1.10.2026"),
        ]),
        person("Hanna", "Hahn", "Wernigerode")
            .with(&trained(
                "1.6.2026",
                "1.7.2026",
                "10.7.2026",
                "1.9.2026",
                "15.9.2026",
            ))
            .with(&[(" status ", "qualifiziert")]),
        // Rule breaks, one per row.
        person("Ivo", "Igel", "Halberstadt")
            .with(&trained("1.3.2025", "1.2.2025", "1.3.2025", "1.5.2025", ""))
            .with(&[
                (" status ", "aktiv"),
                ("Berufen am", "1.6.2025"),
                ("Test Punkte", ""),
                ("Test Höchstpunkte", ""),
                ("Gespräch", ""),
            ]),
        person("Jana", "Jung", "Halberstadt")
            .with(&trained(
                "1.1.2024",
                "1.3.2024",
                "10.3.2024",
                "1.2.2024",
                "15.2.2024",
            ))
            .with(&[(" status ", "aktiv"), ("Berufen am", "1.3.2024")]),
        person("Kai", "Kunz", "Halberstadt")
            .with(&trained(
                "1.1.2024",
                "1.1.2024",
                "1.6.2024",
                "1.7.2024",
                "15.7.2024",
            ))
            .with(&[(" status ", "qualifiziert")]),
        person("Lea", "Lang", "Halberstadt")
            .with(&trained(
                "1.3.2024",
                "10.2.2024",
                "1.3.2024",
                "15.4.2024",
                "20.5.2024",
            ))
            .with(&[(" status ", "aktiv"), ("Berufen am", "1.1.2027")]),
        person("Mia", "Moser", "Halberstadt")
            .with(&trained(
                "1.3.2024",
                "10.2.2024",
                "1.3.2024",
                "15.4.2024",
                "20.5.2024",
            ))
            .with(&[
                (" status ", "aktiv"),
                ("Berufen am", "1.6.2024"),
                ("eFZ-Ergebnis", "relevanter Eintrag"),
            ]),
        person("Nils", "Noack", "Halberstadt").with(&[(" status ", "irgendwas")]),
        person("Ole", "Otto", "Halberstadt")
            .with(&trained(
                "1.3.2024",
                "10.2.2024",
                "1.3.2024",
                "15.4.2024",
                "20.5.2024",
            ))
            .with(&[(" status ", "aktiv"), ("Berufen am", "31.02.2024")]),
    ];
    let mut text = HEADER.join(";");
    text.push_str("\r\n");
    for r in rows {
        let cells: Vec<(&str, &str)> = r.cells.iter().map(|(k, v)| (*k, v.as_str())).collect();
        text.push_str(&line(&cells));
        text.push_str("\r\n");
    }
    text
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn utf8_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

fn by_name<'a>(p: &'a ImportPreview, first: &str) -> &'a lotsen::io::import::RowReport {
    p.rows
        .iter()
        .find(|r| r.name.starts_with(first))
        .unwrap_or_else(|| panic!("row {first}"))
}

#[test]
fn the_list_with_history_arrives_as_the_preview_said() {
    let text = list();
    assert!(text.lines().count() >= 13, "at least 12 rows");
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("import.sqlite3")).unwrap();
    let bytes = windows_1252(&text);
    assert!(std::str::from_utf8(&bytes).is_err(), "really Windows-1252");

    let preview = store.import_preview(&bytes, today()).unwrap();
    assert_eq!(preview.format.encoding, "Windows-1252");
    assert_eq!(preview.unknown_columns, ["Lieblingsfarbe"]);
    assert!(store.is_empty().unwrap(), "the preview writes nothing");

    // Per row: the status and eligibility it gives today.
    let expected = [
        ("Anna", Status::Active, true),
        ("Ben", Status::Active, true),
        ("Carla", Status::Paused, false),
        ("Dora", Status::Active, false),
        ("Emil", Status::Left, false),
        ("Frieda", Status::Prospect, false),
        ("Gustav", Status::InQualification, false),
        ("Hanna", Status::Qualified, false),
    ];
    for (name, status, eligible) in expected {
        let r = by_name(&preview, name);
        assert_eq!(r.status, RowStatus::New, "{name}: {:?}", r.messages);
        assert_eq!(r.pilot_status, Some(status), "{name}");
        assert_eq!(r.eligible_today, Some(eligible), "{name}");
    }
    assert_eq!(
        by_name(&preview, "Anna").since,
        Some(d("2024-03-01")),
        "short date"
    );
    // The formula-looking note is kept as text with a warning.
    assert_eq!(
        by_name(&preview, "Ben").warnings,
        ["Notizen: Zelle beginnt mit „=“ und sieht wie eine Formel aus – als Text übernommen."]
    );
    assert_eq!(preview.warnings, 1);

    // Each rule break named.
    let errors = [
        ("Ivo", vec!["Berufung am 01.06.2025: Abschlusstest nicht bestanden."]),
        ("Jana", vec!["Berufung am 01.03.2024: Führungszeugnis nicht gültig am 01.03.2024 (erst am 10.03.2024 eingesehen)."]),
        ("Kai", vec!["Das Führungszeugnis vom 01.01.2024 war bei der Einsichtnahme am 01.06.2024 älter als 3 Monate: die Einsichtnahme zählt nicht."]),
        ("Lea", vec!["„Berufen am“ (01.01.2027) liegt in der Zukunft."]),
        ("Mia", vec![
            "Berufung am 01.06.2024: Führungszeugnis nicht gültig am 01.06.2024 (relevanter Eintrag).",
            "Status „Aktiv“, aber das Führungszeugnis zeigt einen relevanten Eintrag.",
        ]),
        ("Nils", vec!["„Status“: „irgendwas“ ist kein Status (Interessent, In Qualifizierung, Qualifiziert, Aktiv, Ruhend, Ausgeschieden)."]),
        ("Ole", vec!["„Berufen am“: „31.02.2024“ ist kein gültiges Datum (TT.MM.JJJJ)."]),
    ];
    for (name, messages) in &errors {
        let r = by_name(&preview, name);
        assert_eq!(r.status, RowStatus::Error, "{name}");
        assert_eq!(&r.messages, messages, "{name}");
    }
    assert_eq!((preview.new, preview.duplicates, preview.errors), (8, 0, 7));

    // The same list as UTF-8 with BOM gives the same report.
    let other = tempfile::tempdir().unwrap();
    let other_store = Store::open(&other.path().join("bom.sqlite3")).unwrap();
    let bom = other_store
        .import_preview(&utf8_bom(&text), today())
        .unwrap();
    assert_eq!(bom.format.encoding, "UTF-8 (mit BOM)");
    assert_eq!(bom.rows, preview.rows);

    // The text report of the command line names the result of every row.
    let report = lotsen::app::import::report_text("lotsen.csv", &preview, true);
    assert!(
        report.contains("Anna Aktiv  Aktiv – einsatzbereit, im Programm seit 01.03.2024"),
        "{report}"
    );
    assert!(
        report.contains("Hinweis: Notizen: Zelle beginnt mit „=“"),
        "{report}"
    );
    assert!(
        report.ends_with(
            "8 neu, 0 doppelt, 7 fehlerhaft, 1 mit Hinweis – nichts gespeichert (Vorschau)"
        ),
        "{report}"
    );

    // The import writes what the preview showed, all rows in one go.
    let done = store.import_file(&bytes, today(), "Import-Test").unwrap();
    assert_eq!(done.rows, preview.rows);
    let pilots = store.all_pilots().unwrap();
    assert_eq!(pilots.len(), 8);
    let id = |first: &str| pilots.iter().find(|p| p.first_name == first).unwrap().id;
    for r in preview.rows.iter().filter(|r| r.status == RowStatus::New) {
        let first = r.name.split(' ').next().unwrap();
        let record = store.pilot_record(id(first), today()).unwrap();
        assert_eq!(Some(record.status), r.pilot_status, "{first}");
        assert_eq!(Some(record.eligible), r.eligible_today, "{first}");
        assert_eq!(record.in_programme_since, r.since, "{first}");
    }
    let ben = store.pilot_record(id("Ben"), today()).unwrap();
    assert_eq!(ben.pilot.notes, "=HYPERLINK(\"http://intranet/akte/17\")");
    assert_eq!(ben.pilot.district.as_deref(), Some("Quedlinburg"));
    let anna = store.pilot_record(id("Anna"), today()).unwrap();
    assert_eq!(anna.appointed_on, Some(d("2024-06-01")));
    assert_eq!(anna.refresher.state, "done");
    assert!(anna.modules.iter().all(|m| m.done && m.recognised));
    assert!(anna.final_test_passed);
    assert_eq!(anna.pilot.last_name, "Aktiv");
    assert_eq!(
        store
            .pilot_record(id("Carla"), today())
            .unwrap()
            .pilot
            .last_name,
        "Cramer-Müller"
    );
    let history: Vec<(Status, NaiveDate)> = anna
        .history
        .iter()
        .map(|c| (c.status, c.effective_on))
        .collect();
    assert_eq!(
        history,
        [
            (Status::Prospect, d("2024-03-01")),
            (Status::InQualification, d("2024-04-15")),
            (Status::Qualified, d("2024-05-20")),
            (Status::Active, d("2024-06-01")),
        ]
    );

    // The first run after the import: full months for those in service, nothing for the paused,
    // the expired and the departed.
    store
        .set_budget(
            &Budget {
                year: 2026,
                amount_cents: 10_000_000,
                notice_number: "HZ-1".into(),
                notice_date: None,
                budget_line: "31500".into(),
            },
            "Test",
        )
        .unwrap();
    let run = store.create_run("2026-11", today()).unwrap();
    let mut lines: Vec<(String, u32, i64)> = run
        .lines
        .iter()
        .map(|l| (l.first_name.clone(), l.eligible_days, l.amount_cents))
        .collect();
    lines.sort();
    assert_eq!(
        lines,
        [("Anna".into(), 30, 13_000), ("Ben".into(), 30, 13_000)]
    );
    let approved = store.approve_run("2026-11", "Kämmerei", today()).unwrap();
    assert_eq!(approved.total_cents, 26_000);

    // Coverage of earlier month ends, from the imported history, in the district of that day.
    store
        .change_district(
            id("Anna"),
            "Wernigerode",
            d("2026-10-01"),
            "Umzug",
            "Test",
            today(),
        )
        .unwrap();
    let history = store.coverage_history(today()).unwrap();
    let at = |month: &str| {
        history
            .iter()
            .find(|p| p.month == month)
            .unwrap_or_else(|| panic!("{month}"))
            .eligible
            .clone()
    };
    // Halberstadt, Quedlinburg, Wernigerode.
    assert_eq!(at("2025-06"), [2, 2, 1], "Anna, Dora | Ben, Emil | Carla");
    assert_eq!(at("2026-09"), [2, 1, 0], "Carla paused, Emil left");
    assert_eq!(at("2026-10"), [1, 1, 1], "Anna moved to Wernigerode");
    assert_eq!(at("2026-11"), [0, 1, 1], "Dora's eFZ ran out");
    let september = store.coverage(d("2026-09-30")).unwrap();
    assert!(september.districts[0].eligible_ids.contains(&id("Anna")));
}

#[test]
fn a_list_of_thirty_rows_with_history_in_one_go() {
    // 30 rows: 27 pilots in every status with their past, 3 with rule breaks.
    let mut text = HEADER.join(";");
    text.push_str("\r\n");
    let letters = |n: usize| -> String {
        let a = (b'A' + (n / 26) as u8) as char;
        let b = (b'a' + (n % 26) as u8) as char;
        format!("{a}{b}")
    };
    for i in 0..30usize {
        let last = format!("Liste{}", letters(i));
        let first = ["Anna", "Ben", "Carla", "Dora", "Emil", "Frieda"][i % 6];
        let iban = iban::format(&iban::german("12030000", 7_000_000 + i as u64 * 7919));
        let holder = format!("{first} {last}");
        let mut cells: Vec<(&str, &str)> = vec![
            ("vorname", first),
            ("NACHNAME", &last),
            ("Gemeinde", ["Halberstadt", "Thale", "Wernigerode"][i % 3]),
            ("IBAN", &iban),
            ("Kontoinhaber", &holder),
        ];
        cells.extend(trained(
            "1.3.2024",
            "10.2.2024",
            "1.3.2024",
            "15.4.2024",
            "20.5.2024",
        ));
        let status = ["aktiv", "ruhend", "ausgeschieden", "qualifiziert", "aktiv"][i % 5];
        cells.push((" status ", status));
        if status != "qualifiziert" {
            cells.push((
                "Berufen am",
                if i % 10 == 9 { "1.3.2024" } else { "1.6.2024" },
            ));
        }
        if status == "ruhend" {
            cells.push(("Ruhend seit", "1.9.2026"));
        }
        if status == "ausgeschieden" {
            cells.push(("Ausgeschieden am", "1.7.2026"));
        }
        text.push_str(&line(&cells));
        text.push_str("\r\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("thirty.sqlite3")).unwrap();
    let started = std::time::Instant::now();
    let report = store
        .import_file(&windows_1252(&text), today(), "Import-Test")
        .unwrap();
    let took = started.elapsed();
    eprintln!(
        "Import von 30 Zeilen mit Historie: {} ms, {} übernommen, {} fehlerhaft",
        took.as_millis(),
        report.new,
        report.errors
    );
    // Rows 9, 19, 29 are appointed on the day the eFZ was inspected, before modules and test.
    assert_eq!((report.new, report.errors), (27, 3));
    assert_eq!(store.all_pilots().unwrap().len(), 27);
    assert!(took.as_secs() < 10, "{took:?}");
}
