//! Encrypted backup copies: round trip, wrong passphrase, truncated file, no plain IBAN inside.

use chrono::NaiveDate;
use lotsen::db::demo;
use lotsen::db::sealed;
use lotsen::{Error, Store};

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn field(e: Error) -> String {
    match e {
        Error::Validation(f) => format!("{}: {}", f[0].field, f[0].message),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn encrypted_copy_round_trip_and_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotsenbuero.sqlite3");
    let mut store = Store::open(&db).unwrap();
    demo::load(
        &mut store,
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        "Test",
    )
    .unwrap();
    let pilots = store.all_pilots().unwrap();
    let iban = pilots
        .iter()
        .map(|p| p.iban.clone())
        .find(|i| !i.is_empty())
        .expect("demo has IBANs");
    let stick = dir.path().join("USB-Stick");
    std::fs::create_dir(&stick).unwrap();
    let copy = stick.join("lotsen-sicherung.age");

    // Too short a passphrase: refused at the field, no file.
    let e = store.backup_encrypted(&copy, "kurz").unwrap_err();
    assert!(field(e).starts_with("passphrase:"));
    assert!(!copy.exists());

    store.backup_encrypted(&copy, "Harz-Lotsen 2026").unwrap();
    let bytes = std::fs::read(&copy).unwrap();
    assert!(sealed::is_encrypted(&copy));
    assert!(
        !bytes.windows(iban.len()).any(|w| w == iban.as_bytes()),
        "the encrypted copy contains a plain IBAN"
    );
    assert!(
        !bytes.windows(7).any(|w| w == b"SQLite "),
        "a plain SQLite file inside"
    );
    // No plain copy was left behind anywhere.
    let leftovers: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Wrong passphrase: refused, nothing changed.
    let before = store.all_pilots().unwrap().len();
    let e = store
        .restore_encrypted(&copy, "falsches Kennwort", &dir.path().join("keep"), now())
        .unwrap_err();
    assert!(field(e).contains("Kennwort ist falsch"));

    // Truncated: refused as damaged, nothing changed.
    let cut = stick.join("abgeschnitten.age");
    std::fs::write(&cut, &bytes[..bytes.len() - 100]).unwrap();
    let e = store
        .restore_encrypted(&cut, "Harz-Lotsen 2026", &dir.path().join("keep"), now())
        .unwrap_err();
    assert!(
        field(e).contains("unvollständig oder beschädigt"),
        "truncated"
    );
    assert_eq!(store.all_pilots().unwrap().len(), before);

    // The right passphrase restores the copy: a pilot added after it is gone again.
    let extra = lotsen::PilotInput {
        first_name: "Nach".into(),
        last_name: "Sicherung".into(),
        ..Default::default()
    };
    store
        .create_pilot(
            &extra,
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            "Test",
        )
        .unwrap();
    let info = sealed::check_encrypted(&copy, "Harz-Lotsen 2026", &db).unwrap();
    assert!(info.schema_version > 0);
    store
        .restore_encrypted(&copy, "Harz-Lotsen 2026", &dir.path().join("keep"), now())
        .unwrap();
    assert_eq!(store.all_pilots().unwrap().len(), before);
    assert!(walk(dir.path())
        .iter()
        .all(|p| !p.to_string_lossy().ends_with(".part")));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
