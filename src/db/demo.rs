//! Fictitious demo data: 30 pilots over the three former districts.
//! Every person is invented; addresses use "Beispielweg", e-mails example.org, IBANs a test bank code.
//! [`load_full`] makes the demo complete for every feature: the county's (fictitious) debtor
//! account and letterhead, a budget for this year and the last, a module recognised without a
//! course of the app, a district change and a cancelled status change (Storno).

use chrono::{Days, NaiveDate};
use rusqlite::params;

use crate::db::Store;
use crate::domain::iban;
use crate::domain::pilot::{PilotInput, Status, SOURCES};
use crate::error::{Error, Result};

struct DemoPilot {
    first: &'static str,
    last: &'static str,
    born: &'static str,
    municipality: &'static str,
    postcode: &'static str,
    languages: &'static [&'static str],
    status: Status,
}

const fn d(
    first: &'static str,
    last: &'static str,
    born: &'static str,
    municipality: &'static str,
    postcode: &'static str,
    languages: &'static [&'static str],
    status: Status,
) -> DemoPilot {
    DemoPilot {
        first,
        last,
        born,
        municipality,
        postcode,
        languages,
        status,
    }
}

use Status::*;
const PILOTS: [DemoPilot; 30] = [
    d(
        "Anna",
        "Beispiel",
        "1968-03-14",
        "Halberstadt",
        "38820",
        &["Deutsch", "Englisch"],
        Active,
    ),
    d(
        "Karim",
        "Haddad-Muster",
        "1985-07-02",
        "Halberstadt",
        "38820",
        &["Arabisch", "Deutsch"],
        Active,
    ),
    d(
        "Olena",
        "Probe",
        "1979-11-23",
        "Halberstadt",
        "38820",
        &["Ukrainisch", "Russisch"],
        Active,
    ),
    d(
        "Jürgen",
        "Übungsmann",
        "1957-01-30",
        "Huy",
        "38838",
        &["Deutsch"],
        Active,
    ),
    d(
        "Fatima",
        "Testerin",
        "1990-05-19",
        "Osterwieck",
        "38835",
        &["Arabisch", "Französisch"],
        Active,
    ),
    d(
        "Mehmet",
        "Fiktiv",
        "1974-09-08",
        "Harsleben",
        "38829",
        &["Türkisch", "Kurdisch"],
        Active,
    ),
    d(
        "Sabine",
        "Mustermann",
        "1962-12-01",
        "Wegeleben",
        "38828",
        &["Deutsch", "Russisch"],
        Paused,
    ),
    d(
        "Yonas",
        "Beispielsohn",
        "1993-02-11",
        "Halberstadt",
        "38820",
        &["Tigrinya", "Englisch"],
        Qualified,
    ),
    d(
        "Parwin",
        "Erfundene",
        "1988-06-27",
        "Groß Quenstedt",
        "38822",
        &["Dari/Farsi", "Paschtu"],
        InQualification,
    ),
    d(
        "Thomas",
        "Platzhalter",
        "1970-04-04",
        "Schwanebeck",
        "39397",
        &["Deutsch", "Englisch"],
        Prospect,
    ),
    d(
        "Ayşe",
        "Demo-Öztürk",
        "1983-08-15",
        "Quedlinburg",
        "06484",
        &["Türkisch", "Deutsch"],
        Active,
    ),
    d(
        "Hassan",
        "Modell",
        "1977-10-10",
        "Quedlinburg",
        "06484",
        &["Arabisch", "Kurdisch"],
        Active,
    ),
    d(
        "Maria",
        "Schablone",
        "1965-02-22",
        "Thale",
        "06502",
        &["Deutsch", "Französisch"],
        Active,
    ),
    d(
        "Dmytro",
        "Vorlage",
        "1991-03-03",
        "Ballenstedt",
        "06493",
        &["Ukrainisch", "Russisch", "Deutsch"],
        Active,
    ),
    d(
        "Leila",
        "Annahme",
        "1986-12-12",
        "Harzgerode",
        "06493",
        &["Dari/Farsi", "Deutsch"],
        Active,
    ),
    d(
        "Günter",
        "Fantasie",
        "1955-07-07",
        "Falkenstein/Harz",
        "06543",
        &["Deutsch"],
        Paused,
    ),
    d(
        "Samira",
        "Entwurf",
        "1995-01-25",
        "Ditfurt",
        "06484",
        &["Arabisch", "Englisch"],
        Qualified,
    ),
    d(
        "Ahmad",
        "Skizze",
        "1989-09-09",
        "Hedersleben",
        "06458",
        &["Paschtu", "Dari/Farsi"],
        InQualification,
    ),
    d(
        "Ingrid",
        "Attrappe",
        "1960-06-16",
        "Selke-Aue",
        "06458",
        &["Deutsch", "Englisch"],
        Prospect,
    ),
    d(
        "Rahel",
        "Versuch",
        "1992-04-18",
        "Quedlinburg",
        "06484",
        &["Tigrinya"],
        Left,
    ),
    d(
        "Klaus",
        "Exempel",
        "1959-05-05",
        "Wernigerode",
        "38855",
        &["Deutsch", "Russisch"],
        Active,
    ),
    d(
        "Nour",
        "Vorbild",
        "1987-02-28",
        "Wernigerode",
        "38855",
        &["Arabisch", "Französisch"],
        Active,
    ),
    d(
        "Svitlana",
        "Prototyp",
        "1980-08-08",
        "Ilsenburg (Harz)",
        "38871",
        &["Ukrainisch", "Deutsch"],
        Active,
    ),
    d(
        "Ömer",
        "Simulant",
        "1976-11-11",
        "Blankenburg (Harz)",
        "38889",
        &["Türkisch", "Deutsch"],
        Active,
    ),
    d(
        "Heike",
        "Lückenfüller",
        "1966-03-21",
        "Oberharz am Brocken",
        "38875",
        &["Deutsch"],
        Active,
    ),
    d(
        "Zana",
        "Beispielfrau",
        "1994-10-01",
        "Nordharz",
        "38895",
        &["Kurdisch", "Arabisch"],
        Paused,
    ),
    d(
        "Pjotr",
        "Musterowski",
        "1971-12-24",
        "Wernigerode",
        "38855",
        &["Russisch", "Ukrainisch"],
        Qualified,
    ),
    d(
        "Miriam",
        "Gedacht",
        "1997-07-17",
        "Blankenburg (Harz)",
        "38889",
        &["Englisch", "Deutsch"],
        InQualification,
    ),
    d(
        "Farid",
        "Ausgedacht",
        "1984-01-09",
        "Ilsenburg (Harz)",
        "38871",
        &["Dari/Farsi"],
        Prospect,
    ),
    d(
        "Greta",
        "Nichtreal",
        "1958-09-29",
        "Wernigerode",
        "38855",
        &["Deutsch", "Französisch"],
        Left,
    ),
];

/// The status path a demo pilot took to reach `target`, as (status, days before today).
fn history(target: Status, i: u64) -> Vec<(Status, u64)> {
    let start = 400 + i * 7;
    let mut path = vec![(Prospect, start)];
    let steps = match target {
        Prospect => vec![],
        InQualification => vec![(InQualification, 60 + i)],
        Qualified => vec![(InQualification, 120 + i), (Qualified, 20 + i)],
        Active => vec![
            (InQualification, 330),
            (Qualified, 300),
            (Active, 280 - i * 3),
        ],
        Paused => vec![
            (InQualification, 330),
            (Qualified, 300),
            (Active, 280),
            (Paused, 45),
        ],
        Left => vec![
            (InQualification, 330),
            (Qualified, 300),
            (Active, 280),
            (Left, 30),
        ],
    };
    path.extend(steps);
    path
}

/// Fills an empty database with the 30 demo pilots, in one transaction. Returns how many were made.
pub fn load(store: &mut Store, today: NaiveDate, who: &str) -> Result<usize> {
    load_many(store, today, who, PILOTS.len())
}

/// 2 → "B", 26 → "Z", 27 → "AA" (bijective base 26).
fn round_letters(mut n: usize) -> String {
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// Like [`load`] with `count` pilots: the 30 demo people repeated, names lettered from the second
/// round on ("Beispiel B", …, "Beispiel AA": names take no digits). For benchmarks and load tests.
pub fn load_many(store: &mut Store, today: NaiveDate, who: &str, count: usize) -> Result<usize> {
    let inputs = demo_inputs(store, today, count)?;
    store.with_transaction(|tx| write_pilots(tx, &inputs, today, who).map(|_| ()))?;
    store.prepare_timelines()?;
    Ok(inputs.len())
}

type DemoInput = (crate::domain::pilot::PilotData, Vec<(Status, u64)>);

fn demo_inputs(store: &Store, today: NaiveDate, count: usize) -> Result<Vec<DemoInput>> {
    if !store.is_empty()? {
        return Err(Error::Conflict(
            "Die Datenbank enthält bereits Lotsen; Demodaten werden nur in eine leere Datenbank geladen.".into(),
        ));
    }
    let refs = store.reference_data()?;
    let municipalities = refs.municipality_pairs();
    let districts = refs.district_names();
    let mut inputs = Vec::with_capacity(count);
    for (i, p) in PILOTS.iter().cycle().take(count).enumerate() {
        // Prospects have not given bank details yet.
        let has_bank = !matches!(p.status, Prospect);
        let round = i / PILOTS.len();
        let last = if round == 0 {
            p.last.to_string()
        } else {
            format!("{} {}", p.last, round_letters(round + 1))
        };
        let input = PilotInput {
            first_name: p.first.into(),
            last_name: last.clone(),
            birth_date: Some(p.born.into()),
            street: format!("Beispielweg {}", i + 1),
            postcode: p.postcode.into(),
            town: p.municipality.into(),
            municipality: Some(p.municipality.into()),
            phone: format!("03941 555 {:03}", 100 + i),
            email: format!("{}.{}@example.org", ascii(p.first), ascii(&last)),
            languages: p.languages.iter().map(|s| s.to_string()).collect(),
            recruitment_source: Some(SOURCES[i % SOURCES.len()].into()),
            account_holder: if has_bank {
                format!("{} {last}", p.first)
            } else {
                String::new()
            },
            iban: if has_bank {
                iban::german("12030000", 1_000_000 + i as u64 * 7919)
            } else {
                String::new()
            },
            notes: "Fiktive Demoperson – keine echten Daten.".into(),
            ..Default::default()
        };
        let data = crate::domain::pilot::validate(&input, today, &municipalities, &districts)?;
        inputs.push((data, history(p.status, (i % PILOTS.len()) as u64)));
    }
    Ok(inputs)
}

/// The pilots with their status paths, eFZ records, courses and tests; returns their ids.
fn write_pilots(
    tx: &rusqlite::Transaction,
    inputs: &[DemoInput],
    today: NaiveDate,
    who: &str,
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(inputs.len());
    for (data, hist) in inputs {
        let first_day = today - Days::new(hist[0].1);
        let id = crate::db::insert_pilot(tx, data, first_day, who)?;
        for (status, ago) in &hist[1..] {
            tx.execute(
                "INSERT INTO status_changes (pilot_id, status, effective_on, note, who, recorded_at)
                 VALUES (?1, ?2, ?3, 'Demodaten', ?4, ?5)",
                params![id, status.code(), (today - Days::new(*ago)).to_string(), who, crate::db::now_utc()],
            )?;
        }
        ids.push(id);
    }
    fill_lifecycle(tx, &ids, today, who)?;
    Ok(ids)
}

/// Screenings, courses, attendance and test attempts that fit each demo pilot's status, so that
/// every status, every screening state and every kind of due-list entry appears.
fn fill_lifecycle(
    tx: &rusqlite::Transaction,
    ids: &[i64],
    today: NaiveDate,
    who: &str,
) -> Result<()> {
    let now = crate::db::now_utc();
    let ago = |days: u64| (today - Days::new(days)).to_string();
    let course = |name: &str| -> Result<i64> {
        tx.execute(
            "INSERT INTO courses (name, created_at) VALUES (?1, ?2)",
            params![name, now],
        )?;
        Ok(tx.last_insert_rowid())
    };
    let session = |course: i64, days: u64, module: Option<u8>, place: &str| -> Result<i64> {
        tx.execute(
            "INSERT INTO course_sessions (course_id, held_on, module, place, trainer) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![course, ago(days), module, place, "Referentin Demo"],
        )?;
        Ok(tx.last_insert_rowid())
    };
    let attend = |session: i64, pilot: i64| -> Result<()> {
        tx.execute(
            "INSERT INTO attendance (session_id, pilot_id) VALUES (?1, ?2)",
            [session, pilot],
        )?;
        Ok(())
    };
    let screening = |pilot: i64,
                     letter: Option<String>,
                     cert: Option<String>,
                     inspected: Option<String>,
                     result: Option<&str>|
     -> Result<()> {
        tx.execute(
            "INSERT INTO screenings (pilot_id, letter_issued_on, certificate_dated, inspected_on, inspected_by, result,
                created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![pilot, letter, cert, inspected, if inspected.is_some() { who } else { "" }, result, now],
        )?;
        Ok(())
    };
    let attempt = |pilot: i64, days: u64, points: u32, interview: bool| -> Result<()> {
        tx.execute(
            "INSERT INTO test_attempts (pilot_id, taken_on, points, max_points, interview_passed, interviewer, created_at)
             VALUES (?1, ?2, ?3, 60, ?4, 'Koordination (Demo)', ?5)",
            params![pilot, ago(days), points, interview, now],
        )?;
        Ok(())
    };
    let spring = course("Basislehrgang Frühjahr 2025")?;
    let spring_sessions: Vec<i64> = (1..=5u8)
        .map(|m| {
            session(
                spring,
                330 - 5 * u64::from(m),
                Some(m),
                "Halberstadt, Kreisverwaltung",
            )
        })
        .collect::<Result<_>>()?;
    let autumn = course("Basislehrgang Herbst 2026")?;
    let autumn_sessions: Vec<i64> = (1..=5u8)
        .map(|m| {
            session(
                autumn,
                120 - 10 * u64::from(m),
                Some(m),
                "Quedlinburg, Rathaus",
            )
        })
        .collect::<Result<_>>()?;
    let refresher = course("Auffrischung 2026")?;
    let refresher_early = session(refresher, 60, None, "Wernigerode, Rathaus")?;
    let refresher_late = session(refresher, 40, None, "Halberstadt, Kreisverwaltung")?;
    let five_years = 5 * 365 + 1;

    for (i, (&id, p)) in ids.iter().zip(PILOTS.iter().cycle()).enumerate() {
        let i = (i % PILOTS.len()) as u64;
        match p.status {
            Active | Paused | Left => {
                for &s in &spring_sessions {
                    attend(s, id)?;
                }
                attempt(id, 302, 48, true)?;
                let (cert, inspected) = match p.last {
                    // Re-inspection due in 40 days: listed as expiring.
                    "Übungsmann" => (five_years - 40, five_years - 54),
                    // Re-inspection 12 days ago: expired, no longer eligible.
                    "Lückenfüller" => (five_years + 12, five_years - 2),
                    _ => (340, 332),
                };
                screening(
                    id,
                    Some(ago(cert + 5)),
                    Some(ago(cert)),
                    Some(ago(inspected)),
                    Some("clear"),
                )?;
                match (p.status, p.last) {
                    // Two active pilots have missed the refresher: overdue.
                    (Active, "Fiktiv" | "Vorbild") | (Left, _) => {}
                    (Paused, _) => attend(refresher_early, id)?,
                    _ => attend(refresher_late, id)?,
                }
            }
            Qualified => {
                for &s in &autumn_sessions {
                    attend(s, id)?;
                }
                if p.last == "Entwurf" {
                    attempt(id, 27 + i, 30, true)?; // failed first, passed the retake
                }
                attempt(id, 20 + i, 40, true)?;
                screening(
                    id,
                    Some(ago(130)),
                    Some(ago(125)),
                    Some(ago(118)),
                    Some("clear"),
                )?;
            }
            InQualification => {
                let modules = if p.last == "Gedacht" { 2 } else { 3 };
                for &s in &autumn_sessions[..modules] {
                    attend(s, id)?;
                }
                match p.last {
                    // Letter issued 50 days ago, no certificate shown yet: on the due list.
                    "Erfundene" => screening(id, Some(ago(50)), None, None, None)?,
                    "Skizze" => screening(id, Some(ago(10)), None, None, None)?,
                    _ => {}
                }
            }
            Prospect => {
                if p.last == "Attrappe" {
                    screening(
                        id,
                        Some(ago(80)),
                        Some(ago(70)),
                        Some(ago(65)),
                        Some("relevant_entry"),
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// What [`load_full`] set up.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    pub pilots: usize,
    /// Budget years set (this year and the last).
    pub budget_years: Vec<i32>,
    /// The fictitious debtor account of the county, for the SEPA file.
    pub debtor_iban: String,
}

/// Most pilots `demo --pilots N` makes.
pub const MAX_DEMO_PILOTS: usize = 100_000;

/// The complete demo: `count` pilots ([`load_many`]) and everything the other features need, so
/// that every screen and command works on it: the county's debtor account and letterhead (marked
/// "Demo"), a budget for this year and the last (the monthly rate for every pilot all year), a
/// module recognised without a course of the app, a district change and a cancelled status change.
/// Refused on a database that has pilots. Settings and budgets come first: if the pilots fail,
/// the database stays without pilots and the demo can be loaded again.
pub fn load_full(
    store: &mut Store,
    today: NaiveDate,
    who: &str,
    count: usize,
) -> Result<DemoSummary> {
    if !(1..=MAX_DEMO_PILOTS).contains(&count) {
        return Err(Error::field(
            "pilots",
            format!("Anzahl der Demo-Lotsen: 1 bis {MAX_DEMO_PILOTS}."),
        ));
    }
    let inputs = demo_inputs(store, today, count)?;
    let mut settings = store.settings()?;
    settings.debtor = crate::domain::settings::Debtor {
        name: "Landkreis Harz (Demo)".into(),
        iban: iban::german("12030000", 9_990_001),
        bic: String::new(),
    };
    let l = &mut settings.letterhead;
    l.phone = "03941 555 000".into();
    l.email = "integrationslotsen-demo@example.org".into();
    l.signer_name = "Erika Beispiel (Demo)".into();
    l.footer = format!("{} · Demodaten – alle Personen sind erfunden", l.footer);
    let debtor_iban = settings.debtor.iban.clone();
    let rate = settings.allowance.rate_cents;
    store.save_settings(&settings)?;
    let year = chrono::Datelike::year(&today);
    let budget_years = vec![year - 1, year];
    for y in &budget_years {
        store.set_budget(
            &crate::domain::run::Budget {
                year: *y,
                amount_cents: rate * 12 * count as i64,
                notice_number: format!("DEMO-{y}/001"),
                notice_date: NaiveDate::from_ymd_opt(*y, 1, 15),
                budget_line: "DEMO 31500.53100".into(),
            },
            who,
        )?;
    }
    store.with_transaction(|tx| {
        let ids = write_pilots(tx, &inputs, today, who)?;
        feature_examples(tx, &ids, today, who)?;
        activity_examples(tx, today, who)
    })?;
    store.prepare_timelines()?;
    Ok(DemoSummary {
        pilots: count,
        budget_years,
        debtor_iban,
    })
}

/// A recognised module, a district change and a Storno, on the first round of demo pilots.
fn feature_examples(
    tx: &rusqlite::Transaction,
    ids: &[i64],
    today: NaiveDate,
    who: &str,
) -> Result<()> {
    let now = crate::db::now_utc();
    let ago = |days: u64| (today - Days::new(days)).to_string();
    let id_of = |last: &str| {
        PILOTS
            .iter()
            .position(|p| p.last == last)
            .and_then(|i| ids.get(i).copied())
    };
    // Ahmad Skizze did module 4 at the adult education centre: recognised.
    if let Some(id) = id_of("Skizze") {
        tx.execute(
            "INSERT INTO module_credits (pilot_id, module, credited_on, note, who, created_at)
             VALUES (?1, 4, ?2, 'anerkannt: Kurs der Volkshochschule (Demo)', ?3, ?4)",
            params![id, ago(70), who, now],
        )?;
    }
    // Klaus Exempel moved from Halberstadt to Wernigerode 100 days ago.
    if let Some(id) = id_of("Exempel") {
        tx.execute(
            "INSERT INTO district_changes (pilot_id, from_district_id, to_district_id, effective_on, note, who,
                recorded_at)
             VALUES (?1, (SELECT id FROM districts WHERE name = 'Halberstadt'),
                (SELECT id FROM districts WHERE name = 'Wernigerode'), ?2, 'Umzug (Demo)', ?3, ?4)",
            params![id, ago(100), who, now],
        )?;
    }
    // Maria Schablone was set to Ruhend by mistake; the change was cancelled.
    if let Some(id) = id_of("Schablone") {
        tx.execute(
            "INSERT INTO status_changes (pilot_id, status, effective_on, note, who, recorded_at)
             VALUES (?1, 'paused', ?2, 'Demodaten', ?3, ?4)",
            params![id, ago(20), who, now],
        )?;
        tx.execute(
            "INSERT INTO status_cancellations (change_id, pilot_id, reason, who, recorded_at)
             VALUES (last_insert_rowid(), ?1, 'Irrtümlich eingetragen (Demo)', ?2, ?3)",
            params![id, who, now],
        )?;
    }
    Ok(())
}

/// Activity records for the twelve complete months before today, for every month in which a demo
/// pilot was Aktiv on the 15th: plausible counts, hours and task areas, the same on every load.
/// Every tenth pilot active last month has kept no record for the last four months, so the due list shows "keine
/// Tätigkeit" and the gate has lines without a record.
fn activity_examples(tx: &rusqlite::Transaction, today: NaiveDate, who: &str) -> Result<()> {
    use crate::domain::allowance::Month;
    use crate::domain::lifecycle::{status_on, StatusChange};
    let now = crate::db::now_utc();
    let areas: Vec<i64> = tx
        .prepare("SELECT id FROM task_areas WHERE active = 1 ORDER BY position, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut histories: std::collections::BTreeMap<i64, Vec<StatusChange>> = Default::default();
    let mut stmt = tx.prepare(
        "SELECT s.pilot_id, s.status, s.effective_on, s.id FROM status_changes s
         WHERE s.id NOT IN (SELECT change_id FROM status_cancellations) ORDER BY s.effective_on, s.id",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })? {
        let (pilot, status, on, seq) = row?;
        if let (Some(status), Some(effective_on)) = (
            Status::parse(&status),
            crate::domain::pilot::parse_date(&on),
        ) {
            histories.entry(pilot).or_default().push(StatusChange {
                status,
                effective_on,
                note: String::new(),
                who: String::new(),
                seq,
            });
        }
    }
    let current = Month::of(today);
    let mut insert = tx.prepare(
        "INSERT INTO activity_records (pilot_id, month, contacts, minutes, people, families, note, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7, ?8)",
    )?;
    let mut insert_area =
        tx.prepare("INSERT INTO activity_record_areas (record_id, area_id) VALUES (?1, ?2)")?;
    let mut active_pilots = 0;
    for (pilot, history) in &histories {
        let last_mid = current.prev().first_day() + Days::new(14);
        let gap = status_on(history, last_mid) == Some(Active) && {
            active_pilots += 1;
            active_pilots % 10 == 4
        };
        let mut month = current;
        for back in 1..=12_u32 {
            month = month.prev();
            let mid = month.first_day() + Days::new(14);
            if status_on(history, mid) != Some(Active) || (gap && back <= 4) {
                continue;
            }
            let seed = (*pilot as u32).wrapping_mul(7) + month.month * 3 + back;
            let contacts = 1 + seed % 9;
            let minutes = contacts * (60 + 30 * (seed % 4));
            let people = 1 + (contacts * 2 + seed % 3) / 3;
            let families = people / 3;
            insert.execute(params![
                pilot,
                month.to_string(),
                contacts,
                minutes,
                people,
                families,
                now,
                who
            ])?;
            let record = tx.last_insert_rowid();
            if !areas.is_empty() {
                let first = seed as usize % areas.len();
                insert_area.execute(params![record, areas[first]])?;
                if seed.is_multiple_of(3) {
                    insert_area.execute(params![record, areas[(first + 1) % areas.len()]])?;
                }
            }
        }
    }
    Ok(())
}

/// Spells a name in plain ASCII for the fictitious e-mail address.
fn ascii(s: &str) -> String {
    crate::domain::register::fold(s)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}
