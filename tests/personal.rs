//! Personal data export (Art. 15 DSGVO): JSON and PDF hold everything about the person.

use chrono::NaiveDate;
use lotsen::db::demo;
use lotsen::domain::run::Budget;
use lotsen::Store;

mod common;

#[test]
fn everything_about_one_person() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("p.sqlite3")).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    demo::load(
        &mut store,
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        "Test",
    )
    .unwrap();
    store
        .set_budget(
            &Budget {
                year: 2026,
                amount_cents: 5_000_000,
                notice_number: String::new(),
                notice_date: None,
                budget_line: String::new(),
            },
            "Test",
        )
        .unwrap();
    store.create_run("2026-11", today).unwrap();
    let run = store.approve_run("2026-11", "Test", today).unwrap();
    let anna = run.lines.iter().find(|l| l.pilot_id == 1).unwrap();
    let number = anna.statement_number.clone().unwrap();

    let data = store.personal_data(1, today).unwrap();
    let json = serde_json::to_value(&data).unwrap();
    assert_eq!(json["record"]["pilot"]["last_name"], "Beispiel");
    assert_eq!(json["statements"][0]["statement_number"], number.as_str());
    assert!(!json["screenings"].as_array().unwrap().is_empty());
    assert!(json["attended"].as_array().unwrap().len() >= 5);
    assert!(
        !json["audit"].as_array().unwrap().is_empty(),
        "the change log of the person"
    );

    let letterhead = store.settings().unwrap().letterhead;
    let pdf = lotsen::documents::personal_data_pdf(&data, &letterhead).unwrap();
    let path = dir.path().join("auskunft.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = common::text_of(&path);
    for needle in [
        "Art. 15 DSGVO",
        "Anna Beispiel",
        &lotsen::domain::iban::format(&data.record.pilot.iban),
        &number,
        "Basislehrgang",
        "Änderungsprotokoll",
    ] {
        assert!(text.contains(needle), "{needle} missing");
    }
    common::assert_blank_margins(&path);
}
