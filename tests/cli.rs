//! The `lotsen` command line on a real database file.

use std::process::{Command, Output};

fn lotsen(db: &std::path::Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lotsen"));
    cmd.arg("--db").arg(db);
    if !args.contains(&"--today") {
        cmd.args(["--today", "2026-11-26"]);
    }
    cmd.args(args)
        .env_remove("LOTSEN_DB")
        .env_remove("LOTSEN_TODAY")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn demo_list_add_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    let out = lotsen(&db, &["demo"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("30 fiktive Lotsen"));

    let out = lotsen(&db, &["demo"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("bereits Lotsen"));

    let out = lotsen(&db, &["pilots", "list", "--json"]);
    let pilots: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(pilots.as_array().unwrap().len(), 30);
    for field in ["id", "first_name", "last_name", "district", "status"] {
        assert!(pilots[0].get(field).is_some(), "{field}");
    }

    let out = lotsen(
        &db,
        &[
            "pilots",
            "add",
            "--first-name",
            "Ayşe",
            "--last-name",
            "Müller-Öztürk",
            "--municipality",
            "Thale",
            "--language",
            "Türkisch",
            "--language",
            "Deutsch",
            "--iban",
            "DE89 3704 0044 0532 0130 00",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let id = text(&out.stdout).trim().to_string();
    assert_eq!(id, "31");

    let out = lotsen(
        &db,
        &[
            "pilots",
            "list",
            "--district",
            "Quedlinburg",
            "--status",
            "Interessent",
        ],
    );
    let table = text(&out.stdout);
    assert!(table.contains("Müller-Öztürk, Ayşe"), "{table}");
    assert!(table.contains("DE89 3704 0044 0532 0130 00"), "{table}");

    let out = lotsen(&db, &["check"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("ok"));
}

#[test]
fn invalid_input_is_refused_in_german_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    let out = lotsen(
        &db,
        &[
            "pilots",
            "add",
            "--first-name",
            "",
            "--last-name",
            "Berg",
            "--iban",
            "DE00 1234",
            "--email",
            "kein-at",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("Vorname fehlt."), "{err}");
    assert!(err.contains("IBAN"), "{err}");
    assert!(err.contains("E-Mail-Adresse ist nicht gültig."), "{err}");
    assert!(out.stdout.is_empty());
    let out = lotsen(&db, &["pilots", "list", "--json"]);
    assert_eq!(text(&out.stdout).trim(), "[]");

    let out = lotsen(&db, &["--today", "26.11.2026", "pilots", "list"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("JJJJ-MM-TT"));
}

#[test]
fn show_status_and_due() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    assert!(lotsen(&db, &["demo"]).status.success());

    let out = lotsen(&db, &["pilots", "show", "4", "--json"]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["pilot"]["last_name"], "Übungsmann");
    assert_eq!(r["status"], "active");
    assert_eq!(r["eligible"], true);
    assert_eq!(r["screening_state"]["code"], "expiring");
    assert_eq!(r["modules"].as_array().unwrap().len(), 5);

    // Yonas (8) is qualified with everything in place: appointment works.
    let out = lotsen(
        &db,
        &[
            "pilots",
            "status",
            "8",
            "active",
            "--on",
            "2026-11-26",
            "--note",
            "Berufen",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Miriam (28) lacks modules, test and eFZ: refused with every item, nothing written.
    assert!(lotsen(
        &db,
        &["pilots", "status", "28", "qualified", "--on", "2026-11-20"]
    )
    .status
    .success());
    let out = lotsen(
        &db,
        &["pilots", "status", "28", "active", "--on", "2026-11-26"],
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("Berufung nicht möglich"), "{err}");
    assert!(err.contains("Modul 3"), "{err}");
    assert!(err.contains("Abschlusstest nicht bestanden"), "{err}");
    let out = lotsen(&db, &["pilots", "show", "28"]);
    assert!(text(&out.stdout).contains("Status: Qualifiziert"));

    // --today moves the due list: on 2026-11-26 seven items, a year earlier none of them yet.
    let out = lotsen(&db, &["due", "--json"]);
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(items
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["kind"] == "efz_expired"));
    let out = lotsen(&db, &["--today", "2025-06-01", "due"]);
    assert_eq!(text(&out.stdout).trim(), "Nichts fällig.");
}

#[test]
fn money_documents_and_data_care_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    let run = |args: &[&str]| {
        let mut all = vec!["--today", "2026-12-02"];
        all.extend_from_slice(args);
        lotsen(&db, &all)
    };
    assert!(run(&["demo"]).status.success());
    // The demo is complete: a budget for this year and the last (the rate for 30 pilots all year).
    let budget: serde_json::Value =
        serde_json::from_slice(&run(&["budget", "2026", "--json"]).stdout).unwrap();
    assert_eq!(budget["budget_cents"], 4_680_000);
    assert_eq!(budget["budget"]["notice_number"], "DEMO-2026/001");
    let out = run(&["run", "approve", "2026-11"]);
    assert!(!out.status.success(), "no run yet");
    assert!(run(&["run", "create", "2026-11"]).status.success());
    let out = run(&[
        "budget",
        "set",
        "2026",
        "46.800,00",
        "--notice",
        "HZ-17",
        "--line",
        "31500.53100",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("46.800,00 €"));
    let out = run(&["budget", "set", "2026", "viel"]);
    assert!(
        text(&out.stderr).contains("„Betrag“: „viel“ ist kein eindeutiger Betrag"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["run", "approve", "2026-11"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown: serde_json::Value =
        serde_json::from_slice(&run(&["run", "show", "2026-11", "--json"]).stdout).unwrap();
    assert_eq!(shown["state"], "approved");
    let lines = shown["lines"].as_array().unwrap();
    assert_eq!(lines[0]["statement_number"], "AE-2026-11-001");
    // Approved runs cannot be recomputed from the command line either.
    assert!(!run(&["run", "create", "2026-11"]).status.success());

    let docs = dir.path().join("belege");
    let out = run(&["statements", "2026-11", "--out", docs.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_dir(&docs).unwrap().count(), lines.len() + 1);

    let budget: serde_json::Value =
        serde_json::from_slice(&run(&["budget", "2026", "--json"]).stdout).unwrap();
    assert_eq!(budget["budget_cents"], 4_680_000);
    assert_eq!(budget["approved_cents"], shown["total_cents"]);
    assert!(budget["forecast"].is_array());

    // Export, backup and restore.
    let xlsx = dir.path().join("zahlungen.xlsx");
    assert!(run(&[
        "export",
        "payments",
        "--format",
        "xlsx",
        "--out",
        xlsx.to_str().unwrap(),
        "--year",
        "2026"
    ])
    .status
    .success());
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let backup = dir.path().join("sicherung.sqlite3");
    assert!(run(&["backup", backup.to_str().unwrap()]).status.success());
    assert!(run(&[
        "pilots",
        "add",
        "--first-name",
        "Nach",
        "--last-name",
        "Sicherung"
    ])
    .status
    .success());
    assert!(run(&["restore", backup.to_str().unwrap()]).status.success());
    let pilots: serde_json::Value =
        serde_json::from_slice(&run(&["pilots", "list", "--json"]).stdout).unwrap();
    assert_eq!(
        pilots.as_array().unwrap().len(),
        30,
        "the pilot added after the backup is gone"
    );
    let bad = dir.path().join("kaputt.sqlite3");
    std::fs::write(&bad, b"SQLite format 3\0 but truncated").unwrap();
    let out = run(&["restore", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(run(&["check"]).status.success());
}

fn json_of(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A refused command exits with 1, says why on stderr and prints nothing on stdout.
fn refused(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    text(&out.stderr)
}

#[test]
fn ambiguous_amounts_are_refused_and_the_budget_stays() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    let out = lotsen(
        &db,
        &["budget", "set", "2027", "46.800,00", "--notice", "HZ-17"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    for amount in ["1.000.00", "12.34,00", ",", "46.80"] {
        let err = refused(&lotsen(&db, &["budget", "set", "2027", amount]));
        assert!(err.contains("nichts gespeichert"), "{err}");
        assert!(
            err.contains(&format!("„Betrag“: „{amount}“ ist kein eindeutiger Betrag")),
            "{err}"
        );
        // Nor into a year that has no budget yet.
        refused(&lotsen(&db, &["budget", "set", "2028", amount]));
    }
    // A valid amount with an invalid notice date is refused whole, too.
    let err = refused(&lotsen(
        &db,
        &[
            "budget",
            "set",
            "2027",
            "50.000",
            "--notice-date",
            "31.02.2027",
        ],
    ));
    assert!(
        err.contains("„Bescheiddatum“ ist kein gültiges Datum"),
        "{err}"
    );

    let b = json_of(&lotsen(&db, &["budget", "2027", "--json"]));
    assert_eq!(b["budget_cents"], 4_680_000);
    assert_eq!(b["budget"]["notice_number"], "HZ-17");
    let b = json_of(&lotsen(&db, &["budget", "2028", "--json"]));
    assert_eq!(b["budget_cents"], 0);
    assert!(b["budget"].is_null());
}

#[test]
fn a_bad_date_or_month_names_its_field_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    assert!(lotsen(&db, &["demo"]).status.success());

    let err = refused(&lotsen(
        &db,
        &["pilots", "status", "8", "active", "--on", "morgen"],
    ));
    assert!(
        err.contains("„Wirksam ab“ ist kein gültiges Datum (TT.MM.JJJJ): „morgen“"),
        "{err}"
    );
    let r = json_of(&lotsen(&db, &["pilots", "show", "8", "--json"]));
    assert_eq!(r["status"], "qualified", "Yonas is not appointed");

    let err = refused(&lotsen(
        &db,
        &["pilots", "status", "8", "berufen", "--on", "2026-11-26"],
    ));
    assert!(
        err.contains("Status „berufen“ ist unbekannt; möglich: Interessent, In Qualifizierung"),
        "{err}"
    );

    let err = refused(&lotsen(&db, &["coverage", "--date", "32.01.2026"]));
    assert!(err.contains("„Stichtag“"), "{err}");

    assert!(lotsen(&db, &["run", "create", "2026-10"]).status.success());
    let err = refused(&lotsen(
        &db,
        &["run", "paid", "2026-10", "--paid-on", "2026-13-01"],
    ));
    assert!(err.contains("„Zahlungsdatum“"), "{err}");
    let run = json_of(&lotsen(&db, &["run", "show", "2026-10", "--json"]));
    assert_eq!(run["state"], "draft");

    let err = refused(&lotsen(&db, &["run", "create", "2026-13"]));
    assert!(err.contains("Monat „2026-13“ ist ungültig"), "{err}");
    let docs = dir.path().join("belege");
    let err = refused(&lotsen(
        &db,
        &["statements", "Nov", "--out", docs.to_str().unwrap()],
    ));
    assert!(err.contains("Monat „Nov“ ist ungültig"), "{err}");
    assert!(!docs.exists());
}

#[test]
fn today_comes_from_the_option_else_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    let with_env = |env_today: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_lotsen"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("LOTSEN_DB")
            .env("LOTSEN_TODAY", env_today)
            .output()
            .unwrap()
    };
    // The coverage date and the budget year default to "today".
    let c = json_of(&lotsen(
        &db,
        &["--today", "2027-03-15", "coverage", "--json"],
    ));
    assert_eq!(c["date"], "2027-03-15");
    let b = json_of(&lotsen(&db, &["--today", "2027-03-15", "budget", "--json"]));
    assert_eq!(b["year"], 2027);
    let b = json_of(&with_env("2025-01-10", &["budget", "--json"]));
    assert_eq!(b["year"], 2025);
    let b = json_of(&with_env(
        "2025-01-10",
        &["--today", "2029-06-01", "budget", "--json"],
    ));
    assert_eq!(b["year"], 2029, "--today wins over LOTSEN_TODAY");
    let err = refused(&with_env("gestern", &["budget", "--json"]));
    assert!(err.contains("JJJJ-MM-TT"), "{err}");

    // A fixed day drives the rules: on 2026-11-26 the demo has due items, a year before none.
    assert!(lotsen(&db, &["demo"]).status.success());
    let due = json_of(&lotsen(&db, &["due", "--json"]));
    assert!(!due.as_array().unwrap().is_empty());
    let out = with_env("2025-06-01", &["due"]);
    assert_eq!(text(&out.stdout).trim(), "Nichts fällig.");
}

/// Usage errors and help are German: clap's English never reaches the person at the desk.
#[test]
fn usage_errors_and_help_are_german() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usage.sqlite3");
    let english = [
        "error:",
        "Usage:",
        "unexpected",
        "required",
        "invalid",
        "tip:",
        "For more information",
        "Options:",
        "Commands:",
        "Print help",
        "unrecognized",
        "provided",
    ];
    let bad: &[&[&str]] = &[
        &["foo"],
        &["pilots", "status"],
        &["pilots", "add", "--bogus"],
        &["run", "create"],
        &["budget", "set", "abc", "5"],
        &["pilots", "list", "--json", "x"],
        &["run"],
    ];
    for args in bad {
        let out = lotsen(&db, args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with("Fehler:") || err.contains("Aufruf:"),
            "{args:?}: {err}"
        );
        for word in english {
            assert!(
                !err.contains(word),
                "{args:?} prints English „{word}“: {err}"
            );
        }
    }
    for args in [
        &["--help"][..],
        &["run", "--help"],
        &["pilots", "add", "-h"],
    ] {
        let out = lotsen(&db, args);
        assert!(out.status.success());
        let help = text(&out.stdout);
        assert!(
            help.contains("Aufruf:") && help.contains("Hilfe anzeigen"),
            "{help}"
        );
        for word in english {
            assert!(
                !help.contains(word),
                "{args:?} help prints English „{word}“"
            );
        }
    }
}

/// `backup --encrypt` and `restore` of that file with `--passphrase-file`; a wrong one is refused.
#[test]
fn encrypted_backup_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("enc.sqlite3");
    assert!(lotsen(&db, &["demo"]).status.success());
    let pass = dir.path().join("kennwort.txt");
    std::fs::write(&pass, "Harz-Lotsen 2026\n").unwrap();
    let wrong = dir.path().join("falsch.txt");
    std::fs::write(&wrong, "etwas anderes\n").unwrap();
    let copy = dir.path().join("stick.age");
    let (c, p, w) = (
        copy.to_str().unwrap(),
        pass.to_str().unwrap(),
        wrong.to_str().unwrap(),
    );
    let out = lotsen(&db, &["backup", c, "--encrypt", "--passphrase-file", p]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read(&copy)
        .unwrap()
        .starts_with(b"age-encryption.org/v1"));

    let out = lotsen(&db, &["restore", c, "--passphrase-file", w]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("Kennwort ist falsch"),
        "{}",
        text(&out.stderr)
    );

    let out = lotsen(&db, &["restore", c, "--passphrase-file", p]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("30 Lotsen"),
        "{}",
        text(&out.stderr)
    );
}
