//! Files readable by the user only (Linux): database, WAL/SHM, backups and filed documents are
//! 0600, their folders 0700; a database found 0644 is tightened when it is opened.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .permissions()
        .mode()
        & 0o777
}

fn lotsen(db: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_lotsen"))
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-12-01"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "lotsen {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn everything_created_is_private() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("de.lotsenbuero.app");
    let db = data.join("lotsenbuero.sqlite3");
    lotsen(&db, &["demo"]);
    lotsen(&db, &["budget", "set", "2026", "46800"]);
    lotsen(&db, &["run", "create", "2026-11"]);
    let backups = data.join("Sicherungen");
    let backup = backups.join("hand.sqlite3");
    lotsen(&db, &["backup", backup.to_str().unwrap()]);
    let docs = root.path().join("Belege");
    lotsen(
        &db,
        &["statements", "2026-11", "--out", docs.to_str().unwrap()],
    );

    assert_eq!(mode(&data), 0o700, "data folder");
    assert_eq!(mode(&db), 0o600, "database");
    assert_eq!(mode(&backups), 0o700, "backup folder");
    assert_eq!(mode(&backup), 0o600, "backup");
    assert_eq!(mode(&docs), 0o700, "documents folder");
    let mut pdfs = 0;
    for e in std::fs::read_dir(&docs).unwrap() {
        let p = e.unwrap().path();
        assert_eq!(mode(&p), 0o600, "{}", p.display());
        pdfs += 1;
    }
    assert!(pdfs > 1, "statements were written");
}

#[test]
fn a_loose_database_is_tightened_at_open() {
    let root = tempfile::tempdir().unwrap();
    let db = root.path().join("alt.sqlite3");
    lotsen(&db, &["demo"]);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let store = lotsen::Store::open(&db).unwrap();
    assert_eq!(store.tightened(), std::slice::from_ref(&db));
    assert_eq!(mode(&db), 0o600);
    drop(store);
    let again = lotsen::Store::open(&db).unwrap();
    assert!(again.tightened().is_empty());
}
