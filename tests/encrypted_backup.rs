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

/// The use cases behind "Sicherung auf Datenträger …" and the restore of a picked file in the app:
/// the passphrase typed twice, the picked file recognised as encrypted, the passphrase asked for.
#[test]
fn the_apps_encrypted_copy_and_restore_through_the_session() {
    use lotsen::app::data::{check_new_passphrase, inspect_backup};
    use lotsen::app::{Clock, Session};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("lotsenbuero.sqlite3");
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut s = Session::open(&db, Clock::fixed(today)).unwrap();
    demo::load(s.store_mut(), today, "Test").unwrap();
    let pilots = s.store().all_pilots().unwrap().len();
    let copy = dir.path().join(s.encrypted_backup_name());
    assert!(copy.to_string_lossy().ends_with("-verschluesselt.age"));
    let quiet = |_| {};

    // Typed twice: too short, or not the same, is refused at its field before anything is written.
    let e = check_new_passphrase("kurz", "kurz").unwrap_err();
    assert!(field(e).starts_with("passphrase: Das Kennwort muss mindestens 8"));
    let e = s
        .backup_encrypted_to(&copy, "Harz-Lotsen 2026", "Harz-Lotsen 2025", &quiet)
        .unwrap_err();
    assert_eq!(
        field(e),
        "passphrase_repeat: Die beiden Kennwörter stimmen nicht überein."
    );
    assert!(!copy.exists());
    // Not over the open database.
    let e = s
        .backup_encrypted_to(&db, "Harz-Lotsen 2026", "Harz-Lotsen 2026", &quiet)
        .unwrap_err();
    assert!(field(e).contains("nicht über die geöffnete Datenbank"));
    assert_eq!(s.store().all_pilots().unwrap().len(), pilots);

    let info = s
        .backup_encrypted_to(&copy, "Harz-Lotsen 2026", "Harz-Lotsen 2026", &quiet)
        .unwrap();
    assert_eq!(info.pilot_count as usize, pilots, "checked after writing");
    assert!(sealed::is_encrypted(&copy));

    // Picked for a restore: known to be encrypted, details need the passphrase.
    let picked = inspect_backup(&copy).unwrap();
    assert!(picked.encrypted && picked.info.is_none());
    let plain = dir.path().join("plain.sqlite3");
    s.store().backup_to(&plain).unwrap();
    let picked = inspect_backup(&plain).unwrap();
    assert!(!picked.encrypted);
    assert_eq!(picked.info.unwrap().pilot_count as usize, pilots);

    // Into another, empty database: no passphrase, a wrong one, then the right one.
    let other = dir.path().join("anders").join("lotsenbuero.sqlite3");
    let mut t = Session::open(&other, Clock::fixed(today)).unwrap();
    let e = t.restore_backup(&copy, None, false, &quiet).unwrap_err();
    assert!(field(e).starts_with("passphrase: Diese Sicherung ist verschlüsselt"));
    let e = t
        .restore_backup(&copy, Some("Harz-Lotsen 2025"), false, &quiet)
        .unwrap_err();
    assert!(field(e).contains("Kennwort ist falsch"));
    assert_eq!(t.store().all_pilots().unwrap().len(), 0, "nothing changed");
    let outcome = t
        .restore_backup(&copy, Some("Harz-Lotsen 2026"), false, &quiet)
        .unwrap();
    assert_eq!(outcome.restored.pilot_count as usize, pilots);
    assert_eq!(t.store().all_pilots().unwrap().len(), pilots);
    assert!(walk(dir.path())
        .iter()
        .all(|p| !p.to_string_lossy().ends_with(".part")));
    // A plain backup still restores without a passphrase.
    t.restore_backup(&plain, None, false, &quiet).unwrap();
}
