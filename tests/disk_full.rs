//! A full disk during approval, import, backup and printing: a German message that says what
//! happened and what to do (not "damaged database"), nothing half-done, and the database sound.
//!
//! The disk is a real, small tmpfs mounted for the test (CI runs as root on Debian). Where mounting
//! is impossible the test fails, unless LOTSEN_NO_TMPFS=1 says to leave it out on purpose.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            Some(Tmpfs { dir })
        } else if std::env::var_os("LOTSEN_NO_TMPFS").is_some() {
            None
        } else {
            panic!(
                "tmpfs kann nicht eingehängt werden (als root ausführen oder LOTSEN_NO_TMPFS=1)"
            );
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills every free byte with a filler file; returns it (delete it to free the space).
    fn fill(&self) -> PathBuf {
        let filler = self.path().join("filler");
        let mut f = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&filler)
            .unwrap();
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
        let _ = f.write_all(&[0u8; 1]);
        let _ = f.sync_all();
        filler
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn lotsen(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lotsen"))
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-12-01"])
        .args(args)
        .env_remove("LOTSEN_TODAY")
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = lotsen(db, args);
    assert!(
        out.status.success(),
        "lotsen {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command on the full disk: it must fail with the disk-full message.
fn refused_for_full_disk(db: &Path, args: &[&str]) {
    let out = lotsen(db, args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "lotsen {args:?} succeeded on a full disk"
    );
    assert!(
        err.contains("kein Platz mehr"),
        "lotsen {args:?}: message does not say the disk is full: {err}"
    );
    assert!(
        !err.contains("keine lesbare Lotsenbüro-Datenbank"),
        "lotsen {args:?}: full disk reported as a damaged database: {err}"
    );
}

#[test]
fn full_disk_refuses_cleanly_and_loses_nothing() {
    let Some(disk) = Tmpfs::mount("3m") else {
        eprintln!("LOTSEN_NO_TMPFS gesetzt: Test ausgelassen");
        return;
    };
    let db = disk.path().join("lotsenbuero.sqlite3");
    ok(&db, &["demo"]);
    ok(&db, &["budget", "set", "2026", "46.800,00"]);
    ok(&db, &["run", "create", "2026-11"]);
    let before = ok(&db, &["run", "show", "2026-11", "--json"]);
    let csv = disk.path().join("liste.csv");
    std::fs::write(&csv, "Vorname;Nachname\nNeu;Person\n").unwrap();

    let filler = disk.fill();
    refused_for_full_disk(&db, &["run", "approve", "2026-11"]);
    refused_for_full_disk(&db, &["import", csv.to_str().unwrap()]);
    let backup = disk.path().join("sicherung.sqlite3");
    refused_for_full_disk(&db, &["backup", backup.to_str().unwrap()]);
    let out_dir = disk.path().join("Belege");
    refused_for_full_disk(
        &db,
        &["statements", "2026-11", "--out", out_dir.to_str().unwrap()],
    );
    std::fs::remove_file(&filler).unwrap();

    // Nothing half-done: the draft is as it was, no partial backup or PDF is left, the file is sound.
    assert_eq!(ok(&db, &["run", "show", "2026-11", "--json"]), before);
    assert!(!backup.exists(), "a partial backup was left behind");
    let leftovers: Vec<_> = std::fs::read_dir(disk.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".part") || n.ends_with(".tmp-lotsen"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    if out_dir.exists() {
        for e in std::fs::read_dir(&out_dir).unwrap() {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).unwrap();
            assert!(
                bytes.ends_with(b"%%EOF\n") || bytes.ends_with(b"%%EOF"),
                "half a PDF: {}",
                p.display()
            );
        }
    }
    let pilots: serde_json::Value =
        serde_json::from_str(&ok(&db, &["pilots", "list", "--json"])).unwrap();
    assert!(!pilots
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["last_name"] == "Person"));
    ok(&db, &["check"]);

    // With space again, the same steps work.
    ok(&db, &["run", "approve", "2026-11"]);
}
