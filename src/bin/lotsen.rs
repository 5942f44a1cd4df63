//! `lotsen`: the command line over the same core as the desktop app (SPEC section 10).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use lotsen::db::demo;
use lotsen::domain::iban;
use lotsen::{Error, PilotInput, PilotQuery, Result, Status, Store};

#[derive(Parser)]
#[command(
    name = "lotsen",
    version,
    about = "Lotsenbüro – ehrenamtliche Integrationslotsen verwalten"
)]
struct Cli {
    /// Datenbankdatei (Standard: die Datenbank der App; auch LOTSEN_DB)
    #[arg(long, global = true, env = "LOTSEN_DB")]
    db: Option<PathBuf>,
    /// Stichtag für die Regeln, JJJJ-MM-TT (Standard: heute; auch LOTSEN_TODAY)
    #[arg(long, global = true, env = "LOTSEN_TODAY")]
    today: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fiktive Demodaten laden (nur in eine leere Datenbank)
    Demo,
    /// Lotsen auflisten und anlegen
    #[command(subcommand)]
    Pilots(Box<PilotsCommand>),
    /// Datenbank auf Beschädigung prüfen (integrity_check)
    Check,
    /// Abdeckung je Altkreis (Tabelle, JSON oder PDF-Bericht)
    Coverage {
        /// Stichtag JJJJ-MM-TT (Standard: heute)
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
        /// Abdeckungsbericht als PDF in diese Datei schreiben
        #[arg(long)]
        pdf: Option<PathBuf>,
    },
    /// Abrechnungslauf eines Monats: erstellen (bzw. neu berechnen), freigeben, bezahlt, anzeigen
    #[command(subcommand)]
    Run(RunCommand),
    /// Budget eines Haushaltsjahres mit Prognose; `budget set` legt es fest
    Budget {
        #[command(subcommand)]
        set: Option<BudgetCommand>,
        /// Haushaltsjahr (Standard: das Jahr von --today)
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Abrechnungen eines Monats als PDF: Sammeldatei (Auszahlungsliste + Abrechnungen) und je Lotse eine Datei
    Statements {
        month: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// SEPA-Überweisungsdatei (pain.001.001.09) eines freigegebenen Laufs
    Sepa {
        month: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Excel-Liste (CSV) einlesen; zeigt das Ergebnis jeder Zeile
    Import {
        file: PathBuf,
        /// Nur prüfen, nichts speichern
        #[arg(long)]
        dry_run: bool,
    },
    /// Liste als CSV oder XLSX ausgeben: pilots, coverage, payments
    Export {
        kind: String,
        #[arg(long, default_value = "csv")]
        format: String,
        #[arg(long)]
        out: PathBuf,
        /// Haushaltsjahr (payments)
        #[arg(long)]
        year: Option<i32>,
    },
    /// Sicherung der Datenbank in eine Datei (auch während die App läuft)
    Backup { file: PathBuf },
    /// Sicherung zurückspielen (wird vorher geprüft; die aktuelle Datenbank wird vorher gesichert)
    Restore { file: PathBuf },
    /// Fälligkeiten der Übersicht (eFZ, Auffrischung, Berufung, Bestätigungsschreiben)
    Due {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum RunCommand {
    /// Entwurf erstellen oder neu berechnen
    Create { month: String },
    /// Freigeben (prüft Budget, IBAN, Zeitpunkt) und Abrechnungsnummern vergeben
    Approve { month: String },
    /// Als bezahlt markieren
    Paid {
        month: String,
        /// Zahlungsdatum JJJJ-MM-TT (Standard: heute)
        #[arg(long)]
        paid_on: Option<String>,
    },
    /// Lauf anzeigen
    Show {
        month: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum BudgetCommand {
    /// Budget festlegen: Betrag in Euro ("46.800,00" oder 46800)
    Set {
        year: i32,
        amount: String,
        /// Bescheid-Nr.
        #[arg(long)]
        notice: Option<String>,
        /// Datum des Bescheids JJJJ-MM-TT
        #[arg(long)]
        notice_date: Option<String>,
        /// Buchungsstelle
        #[arg(long)]
        line: Option<String>,
    },
}

#[derive(Subcommand)]
enum PilotsCommand {
    /// Lotsen als Tabelle oder JSON
    List {
        #[arg(long)]
        district: Option<String>,
        /// Status: prospect, in_qualification, qualified, active, paused, left (oder deutsch)
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        language: Option<String>,
        /// Suche in Name, Ort und Sprachen
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Einen Lotsen anlegen; gibt die neue Nummer aus
    Add(Box<AddArgs>),
    /// Vollständige Akte: Statusverlauf, Führungszeugnis, Module, Abschlusstest, Einsatzberechtigung
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Alle Daten einer Person (Art. 15 DSGVO) als PDF oder JSON (nach Dateiendung); ist --out
    /// ein Ordner, als PDF unter dem Vorschlagsnamen (Auskunft_Art15_Nachname_Vorname.pdf)
    ExportData {
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Status ändern (gleiche Regeln wie in der App)
    Status {
        id: i64,
        /// prospect, in_qualification, qualified, active, paused, left (oder deutsch)
        status: String,
        /// wirksam ab JJJJ-MM-TT
        #[arg(long)]
        on: String,
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Args)]
struct AddArgs {
    #[arg(long)]
    first_name: String,
    #[arg(long)]
    last_name: String,
    #[arg(long)]
    birth_date: Option<String>,
    #[arg(long, default_value = "")]
    street: String,
    #[arg(long, default_value = "")]
    postcode: String,
    #[arg(long, default_value = "")]
    town: String,
    #[arg(long)]
    municipality: Option<String>,
    #[arg(long)]
    district: Option<String>,
    #[arg(long, default_value = "")]
    phone: String,
    #[arg(long, default_value = "")]
    email: String,
    /// mehrfach möglich
    #[arg(long = "language")]
    languages: Vec<String>,
    #[arg(long, default_value = "")]
    account_holder: String,
    #[arg(long, default_value = "")]
    iban: String,
    #[arg(long)]
    source: Option<String>,
    #[arg(long, default_value = "")]
    notes: String,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match &e {
                Error::Validation(errors) => {
                    eprintln!("Fehler: Eingaben ungültig, nichts gespeichert.");
                    for fe in errors {
                        eprintln!("  {}", fe.message);
                    }
                }
                other => eprintln!("Fehler: {other}"),
            }
            ExitCode::FAILURE
        }
    }
}

const WHO: &str = "Kommandozeile";

fn run(cli: Cli) -> Result<()> {
    let today = match &cli.today {
        Some(s) => lotsen::app::parse::today(s)?,
        None => lotsen::app::Clock::from_option_or_env(None)?.today(),
    };
    let path = cli.db.unwrap_or_else(lotsen::db::default_db_path);
    let mut store = Store::open(&path)?;
    let actor = desk_user(&store)?;
    store.set_actor(&actor);
    match cli.command {
        Command::Demo => {
            let n = demo::load(&mut store, today, WHO)?;
            println!("{n} fiktive Lotsen angelegt in {}", path.display());
        }
        Command::Coverage { date, json, pdf } => {
            let date = match date {
                None => today,
                Some(d) => lotsen::app::parse::today(&d).map_err(|_| {
                    Error::field(
                        "date",
                        format!("Stichtag „{d}“ ist ungültig; erwartet JJJJ-MM-TT."),
                    )
                })?,
            };
            let c = store.coverage(date)?;
            if let Some(file) = pdf {
                let history = store.coverage_history(date)?;
                let letterhead = store.settings()?.letterhead;
                let bytes = lotsen::documents::coverage_report(&c, &history, &letterhead, today)?;
                lotsen::documents::write_file(&file, &bytes)?;
                eprintln!("Abdeckungsbericht gespeichert: {}", file.display());
            }
            if json {
                out(&serde_json::to_string_pretty(&c).expect("coverage serialises"));
            } else {
                out(&coverage_table(&c));
            }
        }
        Command::Run(cmd) => {
            let who = desk_user(&store)?;
            let (run, action) = match cmd {
                RunCommand::Create { month } => {
                    (store.create_run(&month, today)?, "als Entwurf berechnet")
                }
                RunCommand::Approve { month } => {
                    (store.approve_run(&month, &who, today)?, "freigegeben")
                }
                RunCommand::Paid { month, paid_on } => {
                    let on = match paid_on {
                        None => today,
                        Some(d) => lotsen::domain::pilot::parse_date(&d).ok_or_else(|| {
                            Error::field(
                                "paid_on",
                                format!("Zahlungsdatum „{d}“ ist ungültig; erwartet JJJJ-MM-TT."),
                            )
                        })?,
                    };
                    (store.mark_paid(&month, on, today)?, "als bezahlt markiert")
                }
                RunCommand::Show { month, json } => {
                    let run = store.run(&month)?;
                    if json {
                        out(&serde_json::to_string_pretty(&run).expect("run serialises"));
                        return Ok(());
                    }
                    (run, "")
                }
            };
            if !action.is_empty() {
                eprintln!("Abrechnungslauf {} {action}.", run.label);
            }
            out(&run_table(&run));
        }
        Command::Budget { set, year, json } => {
            let who = desk_user(&store)?;
            let year = match set {
                Some(BudgetCommand::Set {
                    year,
                    amount,
                    notice,
                    notice_date,
                    line,
                }) => {
                    let amount = lotsen::domain::money::parse_euros(&amount).ok_or_else(|| {
                        Error::field(
                            "amount_cents",
                            format!("Betrag „{amount}“ ist ungültig; z. B. 46.800,00 oder 46800."),
                        )
                    })?;
                    let old = store.budget(year)?;
                    let notice_date =
                        match notice_date {
                            None => old.as_ref().and_then(|o| o.notice_date),
                            Some(d) => {
                                Some(lotsen::domain::pilot::parse_date(&d).ok_or_else(|| {
                                    Error::field(
                                "notice_date",
                                format!("Bescheiddatum „{d}“ ist ungültig; erwartet JJJJ-MM-TT."),
                            )
                                })?)
                            }
                        };
                    let b = lotsen::domain::run::Budget {
                        year,
                        amount_cents: amount.0,
                        notice_number: notice
                            .or_else(|| old.as_ref().map(|o| o.notice_number.clone()))
                            .unwrap_or_default(),
                        notice_date,
                        budget_line: line
                            .or_else(|| old.as_ref().map(|o| o.budget_line.clone()))
                            .unwrap_or_default(),
                    };
                    store.set_budget(&b, &who)?;
                    eprintln!(
                        "Budget {year}: {}",
                        lotsen::domain::money::Cents(b.amount_cents)
                    );
                    year
                }
                None => year.unwrap_or(chrono::Datelike::year(&today)),
            };
            let view = store.budget_year(year, today)?;
            if json {
                out(&serde_json::to_string_pretty(&view).expect("budget serialises"));
            } else {
                out(&budget_table(&view));
            }
        }
        Command::Statements { month, out: dir } => {
            let docs = store.run_documents(&month, today)?;
            let write =
                |name: &str, bytes: &[u8]| lotsen::documents::write_file(&dir.join(name), bytes);
            write(&docs.combined_file_name(), &docs.combined)?;
            for (name, bytes) in &docs.statements {
                write(name, bytes)?;
            }
            eprintln!(
                "{}{} Abrechnungen und die Sammeldatei geschrieben nach {}",
                if docs.draft { "ENTWURF: " } else { "" },
                docs.statements.len(),
                dir.display()
            );
        }
        Command::Sepa { month, out: file } => {
            let (_, xml) = store.sepa_for(&month, today)?;
            lotsen::documents::write_file(&file, xml.as_bytes())?;
            eprintln!("SEPA-Datei geschrieben: {}", file.display());
        }
        Command::Import { file, dry_run } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                Error::field(
                    "file",
                    format!("Datei {} nicht lesbar: {e}", file.display()),
                )
            })?;
            let who = desk_user(&store)?;
            let report = if dry_run {
                store.import_preview(&bytes, today)?
            } else {
                store.import_file(&bytes, today, &who)?
            };
            let mut lines = vec![format!(
                "{} – {}, Trennzeichen „{}“",
                file.display(),
                report.format.encoding,
                report.format.delimiter
            )];
            if !report.unknown_columns.is_empty() {
                lines.push(format!(
                    "Unbekannte Spalten (ignoriert): {}",
                    report.unknown_columns.join(", ")
                ));
            }
            for r in &report.rows {
                let status = match r.status {
                    lotsen::io::import::RowStatus::New => "neu",
                    lotsen::io::import::RowStatus::Duplicate => "Doppel",
                    lotsen::io::import::RowStatus::Error => "Fehler",
                };
                lines.push(format!(
                    "Zeile {:>4}  {:<7} {}  {}",
                    r.line,
                    status,
                    r.name,
                    r.messages.join(" ")
                ));
            }
            lines.push(format!(
                "{} neu, {} doppelt, {} fehlerhaft – {}",
                report.new,
                report.duplicates,
                report.errors,
                if dry_run {
                    "nichts gespeichert (--dry-run)".to_string()
                } else {
                    format!("{} Lotsen übernommen", report.new)
                }
            ));
            out(&lines.join("\n"));
        }
        Command::Export {
            kind,
            format,
            out: file,
            year,
        } => {
            let k = lotsen::db::ExportKind::parse(&kind).ok_or_else(|| {
                Error::field(
                    "kind",
                    format!("„{kind}“ gibt es nicht: pilots, coverage oder payments."),
                )
            })?;
            let f = lotsen::io::export::Format::parse(&format).ok_or_else(|| {
                Error::field(
                    "format",
                    format!("Format „{format}“ gibt es nicht: csv oder xlsx."),
                )
            })?;
            let table = store.export_table(k, year, today)?;
            lotsen::documents::write_file(&file, &lotsen::io::export::render(&table, f)?)?;
            eprintln!(
                "{} Zeilen geschrieben: {}",
                table.rows.len(),
                file.display()
            );
        }
        Command::Backup { file } => {
            store.backup_to(&file)?;
            let info = lotsen::db::check_backup_file(&file)?;
            eprintln!(
                "Sicherung geschrieben: {} ({} Lotsen, Schema {})",
                file.display(),
                info.pilot_count,
                info.schema_version
            );
        }
        Command::Restore { file } => {
            let keep = path
                .parent()
                .map(|p| p.join("Sicherungen"))
                .unwrap_or_else(|| PathBuf::from("Sicherungen"));
            let outcome = store.restore_from(&file, &keep, chrono::Local::now().naive_local())?;
            eprintln!(
                "Sicherung {} zurückgespielt ({} Lotsen). Der vorherige Stand liegt in {}.",
                file.display(),
                outcome.restored.pilot_count,
                outcome.previous_saved_as.display()
            );
        }
        Command::Due { json } => {
            let items = store.due_list(today)?;
            if json {
                out(&serde_json::to_string_pretty(&items).expect("due items serialise"));
            } else if items.is_empty() {
                out("Nichts fällig.");
            } else {
                let lines: Vec<String> = items
                    .iter()
                    .map(|d| {
                        format!(
                            "{}  Nr. {:<4} {}",
                            lotsen::domain::dates::format_date(d.date),
                            d.pilot_id,
                            d.label
                        )
                    })
                    .collect();
                out(&lines.join("\n"));
            }
        }
        Command::Check => {
            let problems = store.integrity_problems()?;
            if !problems.is_empty() {
                return Err(Error::Storage(format!(
                    "Integritätsprüfung fehlgeschlagen:\n{}",
                    problems.join("\n")
                )));
            }
            println!(
                "ok – Datenbank {} ist unversehrt (Schema {}).",
                path.display(),
                store.schema_version()?
            );
        }
        Command::Pilots(cmd) => match *cmd {
            PilotsCommand::List {
                district,
                status,
                language,
                search,
                json,
            } => {
                let status = match status {
                    None => None,
                    Some(s) => Some(Status::parse(&s).ok_or_else(|| {
                        Error::field("status", format!("Status „{s}“ ist unbekannt."))
                    })?),
                };
                let query = PilotQuery {
                    search,
                    district,
                    status,
                    language,
                    ..Default::default()
                };
                let pilots = store.list_pilots(&query)?;
                if json {
                    let eligible = store.eligibility(today)?;
                    let rows: Vec<serde_json::Value> = pilots
                        .iter()
                        .map(|p| {
                            let mut v = serde_json::to_value(p).expect("pilot serialises");
                            v["eligible"] = eligible.get(&p.id).copied().unwrap_or(false).into();
                            v
                        })
                        .collect();
                    out(&serde_json::to_string_pretty(&rows).expect("pilots serialise"));
                } else {
                    print_table(&pilots);
                }
            }
            PilotsCommand::Show { id, json } => {
                let record = store.pilot_record(id, today)?;
                if json {
                    out(&serde_json::to_string_pretty(&record).expect("record serialises"));
                } else {
                    out(&show_record(&record));
                }
            }
            PilotsCommand::Status {
                id,
                status,
                on,
                note,
            } => {
                let status = Status::parse(&status).ok_or_else(|| {
                    Error::field("status", format!("Status „{status}“ ist unbekannt."))
                })?;
                let on = lotsen::domain::pilot::parse_date(&on).ok_or_else(|| {
                    Error::field(
                        "effective_on",
                        format!("Datum „{on}“ ist ungültig; erwartet JJJJ-MM-TT."),
                    )
                })?;
                let who = store.settings()?.desk_user;
                let who = if who.trim().is_empty() {
                    WHO.to_string()
                } else {
                    who
                };
                let r = store.change_status(id, status, on, &note, &who, today)?;
                out(&format!(
                    "{}: Status {} ab {}",
                    r.pilot.display_name(),
                    status.label(),
                    lotsen::domain::dates::format_date(on)
                ));
            }
            PilotsCommand::ExportData { id, out: file } => {
                let data = store.personal_data(id, today)?;
                let file = if file.is_dir() {
                    let p = &data.record.pilot;
                    file.join(lotsen::app::files::personal_data_file_name(
                        &p.last_name,
                        &p.first_name,
                        "pdf",
                    ))
                } else {
                    file
                };
                let bytes = if file
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                {
                    serde_json::to_vec_pretty(&data).expect("personal data serialises")
                } else {
                    lotsen::documents::personal_data_pdf(&data, &store.settings()?.letterhead)?
                };
                lotsen::documents::write_file(&file, &bytes)?;
                eprintln!(
                    "Auskunft nach Art. 15 DSGVO gespeichert: {}",
                    file.display()
                );
            }
            PilotsCommand::Add(a) => {
                let input = PilotInput {
                    first_name: a.first_name,
                    last_name: a.last_name,
                    birth_date: a.birth_date,
                    street: a.street,
                    postcode: a.postcode,
                    town: a.town,
                    municipality: a.municipality,
                    district: a.district,
                    phone: a.phone,
                    email: a.email,
                    languages: a.languages,
                    recruitment_source: a.source,
                    account_holder: a.account_holder,
                    iban: a.iban,
                    notes: a.notes,
                };
                for d in store.find_duplicates(&input, None, today)? {
                    eprintln!(
                        "Warnung: möglicher Doppeleintrag – Nr. {} {} ({})",
                        d.id, d.name, d.reason
                    );
                }
                let p = store.create_pilot(&input, today, WHO)?;
                out(&p.id.to_string());
            }
        },
    }
    Ok(())
}

/// The person at the desk from the settings, else "Kommandozeile".
fn desk_user(store: &Store) -> Result<String> {
    let who = store.settings()?.desk_user;
    Ok(if who.trim().is_empty() {
        WHO.to_string()
    } else {
        who
    })
}

fn run_table(r: &lotsen::domain::run::Run) -> String {
    use lotsen::domain::money::Cents;
    let mut t = vec![
        format!("Abrechnungslauf {} – {}", r.label, r.state.label()),
        format!(
            "{:<16} {:<28} {:<12} {:>5} {:>12} {:>12} {:>12}  {}",
            "Nr.", "Name", "Altkreis", "Tage", "Betrag", "Korrektur", "Netto", "IBAN"
        ),
    ];
    for l in &r.lines {
        t.push(format!(
            "{:<16} {:<28} {:<12} {:>2}/{:<2} {:>12} {:>12} {:>12}  {}",
            l.statement_number.as_deref().unwrap_or("—"),
            l.name,
            l.district,
            l.eligible_days,
            l.days_in_month,
            Cents(l.amount_cents).to_string(),
            Cents(l.corrections_cents).to_string(),
            Cents(l.net_cents).to_string(),
            if l.iban.is_empty() {
                "—".into()
            } else {
                iban::format(&l.iban)
            }
        ));
        if !l.lowered_reason.is_empty() {
            t.push(format!(
                "{:<16} gesenkt von {}: {}",
                "",
                Cents(l.computed_cents),
                l.lowered_reason
            ));
        }
    }
    t.push(format!(
        "Summe Auszahlung: {}   Rückforderungen: {}",
        Cents(r.total_cents),
        Cents(r.claim_back_cents)
    ));
    t.join("\n")
}

fn budget_table(y: &lotsen::domain::budget::BudgetYear) -> String {
    use lotsen::domain::money::Cents;
    let mut t = vec![
        format!("Haushaltsjahr {}", y.year),
        match &y.budget {
            None => "Budget: nicht festgelegt".into(),
            Some(b) => format!(
                "Budget: {}   Bescheid: {} {}   Buchungsstelle: {}",
                Cents(b.amount_cents),
                if b.notice_number.is_empty() {
                    "—"
                } else {
                    &b.notice_number
                },
                b.notice_date
                    .map(lotsen::domain::dates::format_date)
                    .unwrap_or_default(),
                if b.budget_line.is_empty() {
                    "—"
                } else {
                    &b.budget_line
                }
            ),
        },
        format!(
            "freigegeben: {}   bezahlt: {}   Entwürfe: {}   verbleibend: {}",
            Cents(y.approved_cents),
            Cents(y.paid_cents),
            Cents(y.draft_cents),
            Cents(y.remaining_cents)
        ),
        String::new(),
        format!(
            "{:<16} {:<12} {:>14} {:>14} {:>14} {:>16}",
            "Monat", "Stand", "freigegeben", "Entwurf", "Prognose", "danach übrig"
        ),
    ];
    for m in &y.months {
        t.push(format!(
            "{:<16} {:<12} {:>14} {:>14} {:>14} {:>16}",
            m.label,
            m.state.map(|s| s.label()).unwrap_or("—"),
            Cents(m.approved_cents).to_string(),
            Cents(m.draft_cents).to_string(),
            Cents(m.forecast_cents).to_string(),
            m.remaining_after_cents
                .map(|c| Cents(c).to_string())
                .unwrap_or_else(|| "—".into())
        ));
    }
    t.push(String::new());
    t.push(match &y.first_uncovered {
        Some(m) => format!("Achtung: Das Budget reicht voraussichtlich nur bis vor {m}."),
        None if y.budget.is_some() => {
            "Das Budget reicht voraussichtlich bis zum Jahresende.".into()
        }
        None => "Ohne Budget keine Prognose der Deckung.".into(),
    });
    if let Some(n) = y.pilots_affordable {
        t.push(format!(
            "Das freie Budget trägt beim aktuellen Satz {n} Lotsen bis Jahresende."
        ));
    }
    t.join("\n")
}

fn coverage_table(c: &lotsen::domain::coverage::Coverage) -> String {
    let mut t = vec![
        format!(
            "Abdeckung am {}",
            lotsen::domain::dates::format_date(c.date)
        ),
        format!(
            "{:<14} {:>4} {:>13} {:>10} {:<6} {:>8} {:>7} {:>13} {:>12}",
            "Altkreis",
            "Soll",
            "einsatzbereit",
            "Abdeckung",
            "Ampel",
            "Pipeline",
            "ruhend",
            "eFZ läuft ab",
            "Auffr. fällig"
        ),
    ];
    for d in c.districts.iter().chain(std::iter::once(&c.total)) {
        t.push(format!(
            "{:<14} {:>4} {:>13} {:>9}% {:<6} {:>8} {:>7} {:>13} {:>12}",
            d.district,
            d.target,
            d.eligible,
            d.coverage_percent,
            d.light.label(),
            d.pipeline,
            d.paused,
            d.ending_soon,
            d.refresher_overdue
        ));
    }
    t.push(String::new());
    for d in &c.districts {
        let langs: Vec<String> = d
            .languages
            .iter()
            .map(|l| format!("{} ({})", l.language, l.pilots))
            .collect();
        t.push(format!(
            "{}: Sprachen {}",
            d.district,
            if langs.is_empty() {
                "—".into()
            } else {
                langs.join(", ")
            }
        ));
        t.push(format!(
            "{}: Lücken {}",
            d.district,
            if d.language_gaps.is_empty() {
                "keine".into()
            } else {
                d.language_gaps.join(", ")
            }
        ));
    }
    t.join("\n")
}

fn show_record(r: &lotsen::domain::record::PilotRecord) -> String {
    let p = &r.pilot;
    let d = |x: Option<chrono::NaiveDate>| {
        x.map(lotsen::domain::dates::format_date)
            .unwrap_or_else(|| "—".into())
    };
    let mut t = vec![
        format!("Nr. {} – {}, {}", p.id, p.last_name, p.first_name),
        format!(
            "Status: {}   einsatzberechtigt: {}",
            r.status.label(),
            if r.eligible { "ja" } else { "nein" }
        ),
        format!(
            "Altkreis: {}   Ort: {}",
            p.district.as_deref().unwrap_or("—"),
            p.town
        ),
        format!(
            "IBAN: {}",
            if p.iban.is_empty() {
                "—".into()
            } else {
                iban::format(&p.iban)
            }
        ),
        String::new(),
        "Statusverlauf:".into(),
    ];
    for c in &r.history {
        t.push(format!(
            "  {}  {:<18} {} {}",
            lotsen::domain::dates::format_date(c.effective_on),
            c.status.label(),
            c.who,
            c.note
        ));
    }
    t.push(String::new());
    t.push(format!(
        "Führungszeugnis: {}{}   Wiedervorlage: {}",
        r.screening_state.label,
        r.screening_reason
            .as_ref()
            .map(|x| format!(" ({x})"))
            .unwrap_or_default(),
        d(r.reinspection_on)
    ));
    t.push("Basislehrgang:".into());
    for m in &r.modules {
        let done = if m.done {
            format!(
                "✓ {} {}",
                d(m.first_attended_on),
                m.place.clone().unwrap_or_default()
            )
        } else {
            "offen".into()
        };
        t.push(format!("  Modul {} {:<55} {}", m.number, m.title, done));
    }
    t.push(format!(
        "Abschlusstest: {} ({} Versuch(e))",
        if r.final_test_passed {
            "bestanden"
        } else {
            "nicht bestanden"
        },
        r.attempts.len()
    ));
    t.push(format!(
        "Berufen am: {}   Auffrischung: {}",
        d(r.appointed_on),
        r.refresher.label
    ));
    t.join("\n")
}

fn print_table(pilots: &[lotsen::Pilot]) {
    let header = [
        "Nr.", "Name", "Ort", "Altkreis", "Status", "Sprachen", "IBAN",
    ];
    let rows: Vec<[String; 7]> = pilots
        .iter()
        .map(|p| {
            [
                p.id.to_string(),
                format!("{}, {}", p.last_name, p.first_name),
                p.town.clone(),
                p.district.clone().unwrap_or_else(|| "—".into()),
                p.status.label().to_string(),
                p.languages.join(", "),
                if p.iban.is_empty() {
                    "—".into()
                } else {
                    iban::format(&p.iban)
                },
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut text = line(&header.map(String::from));
    for r in &rows {
        text.push('\n');
        text.push_str(&line(r));
    }
    text.push_str(&format!("\n{} Lotsen", rows.len()));
    out(&text);
}

/// Prints to stdout; a closed pipe (`lotsen pilots list | head`) is not an error.
fn out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}");
}
