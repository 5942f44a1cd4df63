//! Integration tests on a real SQLite file in a temp folder.

use chrono::NaiveDate;
use lotsen::db::demo;
use lotsen::db::SCHEMA_VERSION;
use lotsen::{Error, PilotInput, PilotQuery, Status, Store};
use rusqlite::Connection;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn ayse() -> PilotInput {
    PilotInput {
        first_name: "Ayşe".into(),
        last_name: "Müller-Öztürk".into(),
        birth_date: Some("17.05.1980".into()),
        postcode: "06484".into(),
        town: "Quedlinburg".into(),
        municipality: Some("Quedlinburg".into()),
        languages: vec!["Türkisch".into(), "Deutsch".into()],
        iban: "DE89 3704 0044 0532 0130 00".into(),
        account_holder: "Ayşe Müller-Öztürk".into(),
        ..Default::default()
    }
}

fn count(path: &std::path::Path, table: &str) -> i64 {
    let c = Connection::open(path).unwrap();
    c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn migrates_an_empty_file_and_seeds_reference_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/folder/lotsen.sqlite3");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let refs = store.reference_data().unwrap();
    let districts: Vec<(String, i64)> = refs
        .districts
        .iter()
        .map(|d| (d.name.clone(), d.target))
        .collect();
    assert_eq!(
        districts,
        vec![
            ("Halberstadt".into(), 10),
            ("Quedlinburg".into(), 10),
            ("Wernigerode".into(), 10)
        ]
    );
    assert_eq!(refs.municipalities.len(), 20);
    let falkenstein = refs
        .municipalities
        .iter()
        .find(|m| m.name == "Falkenstein/Harz")
        .unwrap();
    assert_eq!(falkenstein.district, "Quedlinburg");
    assert!(refs.languages.contains(&"Tigrinya".to_string()));
    assert!(store.is_empty().unwrap());
    drop(store);
    let c = Connection::open(&path).unwrap();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn reopening_keeps_data_and_does_not_seed_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lotsen.sqlite3");
    let id = {
        let mut store = Store::open(&path).unwrap();
        store.create_pilot(&ayse(), today(), "Test").unwrap().id
    };
    let store = Store::open(&path).unwrap();
    let p = store.get_pilot(id).unwrap();
    assert_eq!(p.last_name, "Müller-Öztürk");
    assert_eq!(p.iban, "DE89370400440532013000", "stored without spaces");
    assert_eq!(
        p.district.as_deref(),
        Some("Quedlinburg"),
        "district from the municipality"
    );
    assert_eq!(p.birth_date, NaiveDate::from_ymd_opt(1980, 5, 17));
    assert_eq!(p.languages, vec!["Türkisch", "Deutsch"]);
    assert_eq!(p.status, Status::Prospect);
    assert_eq!(count(&path, "districts"), 3);
    assert_eq!(count(&path, "municipalities"), 20);
}

#[test]
fn a_newer_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lotsen.sqlite3");
    drop(Store::open(&path).unwrap());
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(e @ Error::NewerSchema { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("neueren Version"), "{msg}");
        }
        other => panic!("expected refusal, got {:?}", other.map(|_| ())),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "file unchanged");
}

#[test]
fn a_file_that_is_no_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lotsen.sqlite3");
    std::fs::write(&path, "Vorname;Nachname\nAnna;Beispiel\n".repeat(200)).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(
        err.to_string()
            .contains("keine lesbare Lotsenbüro-Datenbank"),
        "{err}"
    );
}

#[test]
fn an_invalid_pilot_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lotsen.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let mut bad = ayse();
    bad.iban = "DE89 3704 0044 0532 0130 01".into();
    let err = store.create_pilot(&bad, today(), "Test").unwrap_err();
    match &err {
        Error::Validation(errors) => {
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].field, "iban");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count(&path, "pilots"), 0);
    assert_eq!(count(&path, "status_changes"), 0);
    assert_eq!(count(&path, "pilot_languages"), 0);

    // Editing with bad data leaves the stored record as it was.
    let id = store.create_pilot(&ayse(), today(), "Test").unwrap().id;
    let before = store.get_pilot(id).unwrap();
    let mut edit = ayse();
    edit.postcode = "123".into();
    edit.languages = vec!["Arabisch".into()];
    assert!(store.update_pilot(id, &edit, today()).is_err());
    assert_eq!(store.get_pilot(id).unwrap(), before);
}

#[test]
fn status_history_is_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lotsen.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.create_pilot(&ayse(), today(), "Test").unwrap();
    drop(store);
    let c = Connection::open(&path).unwrap();
    let err = c
        .execute("UPDATE status_changes SET status = 'active'", [])
        .unwrap_err();
    assert!(err.to_string().contains("Statushistorie"), "{err}");
    assert!(c.execute("DELETE FROM status_changes", []).is_err());
}

#[test]
fn demo_data_fills_an_empty_database_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lotsen.sqlite3");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(demo::load(&mut store, today(), "Test").unwrap(), 30);
    let all = store.list_pilots(&PilotQuery::default()).unwrap();
    assert_eq!(all.len(), 30);
    for d in ["Halberstadt", "Quedlinburg", "Wernigerode"] {
        let n = all
            .iter()
            .filter(|p| p.district.as_deref() == Some(d))
            .count();
        assert_eq!(n, 10, "{d}");
    }
    let towns: std::collections::HashSet<_> = all.iter().map(|p| p.town.clone()).collect();
    assert!(towns.len() >= 10, "several municipalities: {towns:?}");
    let languages: std::collections::HashSet<_> =
        all.iter().flat_map(|p| p.languages.clone()).collect();
    assert!(languages.len() >= 8, "{languages:?}");
    assert!(all
        .iter()
        .any(|p| p.status == Status::Prospect && p.iban.is_empty()));
    for s in Status::ALL {
        assert!(all.iter().any(|p| p.status == s), "demo has {s:?}");
    }
    assert!(matches!(
        demo::load(&mut store, today(), "Test"),
        Err(Error::Conflict(_))
    ));
    assert_eq!(count(&path, "pilots"), 30);
}

#[test]
fn list_search_filter_sort_on_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("l.sqlite3")).unwrap();
    demo::load(&mut store, today(), "Test").unwrap();
    store.create_pilot(&ayse(), today(), "Test").unwrap();
    let q = PilotQuery {
        search: Some("müller-öz".into()),
        ..Default::default()
    };
    let found = store.list_pilots(&q).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].first_name, "Ayşe");
    let q = PilotQuery {
        district: Some("Wernigerode".into()),
        status: Some(Status::Active),
        ..Default::default()
    };
    let names: Vec<String> = store
        .list_pilots(&q)
        .unwrap()
        .into_iter()
        .map(|p| p.last_name)
        .collect();
    assert_eq!(
        names,
        vec!["Exempel", "Lückenfüller", "Prototyp", "Simulant", "Vorbild"]
    );
}

#[test]
fn duplicates_found_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("l.sqlite3")).unwrap();
    let first = store.create_pilot(&ayse(), today(), "Test").unwrap();
    let mut again = ayse();
    again.iban.clear();
    let dups = store.find_duplicates(&again, None, today()).unwrap();
    assert_eq!(dups.len(), 1);
    assert_eq!(dups[0].id, first.id);
    assert_eq!(dups[0].reason, "gleicher Name und Geburtsdatum");
    assert!(store
        .find_duplicates(&ayse(), Some(first.id), today())
        .unwrap()
        .is_empty());
}
