//! Import of the existing Excel list (docs/DOMAIN.md#import-export): CSV as Excel writes it — semicolon or
//! comma, Windows-1252 or UTF-8 with or without BOM, quoted fields, German dates (also 1.3.2025).
//! Besides the register columns, the history columns bring each pilot's past: status, "Im Programm
//! seit", appointment, pause, leaving, eFZ, modules, final test and refresher; every row's past is
//! checked by the rules of its dates. First a preview with every row's result (incl. the status and
//! eligibility it gives today); then all valid new rows in one transaction.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::history::{self, columns, PastEntry, PastPlan};
use crate::domain::periods::LifecycleSettings;
use crate::domain::pilot::{self, Pilot, PilotData, PilotInput, Status};
use crate::domain::screening::ScreeningResult;
use crate::domain::training;
use crate::error::{Error, Result};

/// The columns, found by their German header (case, spaces, hyphens and underscores ignored).
const COLUMNS: &[(&str, &[&str])] = &[
    ("first_name", &["vorname"]),
    ("last_name", &["nachname", "name"]),
    ("birth_date", &["geburtsdatum"]),
    ("street", &["straße", "strasse", "str."]),
    ("postcode", &["plz", "postleitzahl"]),
    ("town", &["ort", "wohnort"]),
    ("municipality", &["gemeinde"]),
    ("district", &["altkreis"]),
    ("phone", &["telefon", "tel."]),
    ("email", &["email", "e-mail", "mail"]),
    ("languages", &["sprachen", "sprache"]),
    ("account_holder", &["kontoinhaber", "kontoinhaberin"]),
    ("iban", &["iban"]),
    ("recruitment_source", &["gewinnungüber", "gewinnung"]),
    ("notes", &["notizen", "notiz", "bemerkungen"]),
    // History (docs/DOMAIN.md#import-export).
    ("status", &["status"]),
    ("since", &["im programm seit", "programm seit", "seit"]),
    ("appointed_on", &["berufen am", "berufung", "berufen"]),
    ("paused_since", &["ruhend seit"]),
    ("left_on", &["ausgeschieden am"]),
    (
        "certificate_dated",
        &["efz ausgestellt am", "efz vom", "efz datum"],
    ),
    ("inspected_on", &["efz eingesehen am"]),
    ("inspected_by", &["efz eingesehen von"]),
    ("efz_result", &["efz ergebnis"]),
    ("modules", &["module"]),
    ("modules_on", &["module am"]),
    ("test_on", &["abschlusstest am", "test am"]),
    ("test_points", &["test punkte", "punkte"]),
    (
        "test_max_points",
        &["test höchstpunkte", "test hoechstpunkte", "höchstpunkte"],
    ),
    ("interview", &["gespräch", "gespraech"]),
    ("refresher_on", &["auffrischung am", "auffrischung"]),
];

/// German label of a field, for messages.
pub fn field_label(field: &str) -> &'static str {
    match field {
        "first_name" => "Vorname",
        "last_name" => "Nachname",
        "birth_date" => "Geburtsdatum",
        "street" => "Straße",
        "postcode" => "PLZ",
        "town" => "Ort",
        "municipality" => "Gemeinde",
        "district" => "Altkreis",
        "phone" => "Telefon",
        "email" => "E-Mail",
        "languages" => "Sprachen",
        "account_holder" => "Kontoinhaber",
        "iban" => "IBAN",
        "recruitment_source" => "Gewinnung über",
        "notes" => "Notizen",
        "status" => columns::STATUS,
        "since" => columns::SINCE,
        "appointed_on" => columns::APPOINTED,
        "paused_since" => columns::PAUSED,
        "left_on" => columns::LEFT,
        "certificate_dated" => columns::CERTIFICATE,
        "inspected_on" => columns::INSPECTED,
        "inspected_by" => columns::INSPECTED_BY,
        "efz_result" => columns::RESULT,
        "modules" => columns::MODULES,
        "modules_on" => columns::MODULES_ON,
        "test_on" => columns::TEST_ON,
        "test_points" => columns::POINTS,
        "test_max_points" => columns::MAX_POINTS,
        "interview" => columns::INTERVIEW,
        "refresher_on" => columns::REFRESHER,
        _ => "Feld",
    }
}

/// Free-text columns: a formula-looking cell is kept as plain text with a warning (the export
/// neutralises it again); in every other column it is an error.
const FREE_TEXT: [&str; 1] = ["notes"];

fn header_key(h: &str) -> String {
    h.trim()
        .trim_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .collect()
}

fn column_for(header: &str) -> Option<&'static str> {
    let key = header_key(header);
    COLUMNS
        .iter()
        .find(|(_, names)| names.iter().any(|n| header_key(n) == key))
        .map(|(f, _)| *f)
}

/// How the file was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FileFormat {
    pub encoding: &'static str,
    pub delimiter: char,
}

/// Decodes the bytes: UTF-8 (with or without BOM), else Windows-1252 as older Excel writes it.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (
            String::from_utf8_lossy(rest).into_owned(),
            "UTF-8 (mit BOM)",
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// The delimiter of the header line: the more frequent of ";" and "," (Excel in German writes ";").
fn delimiter(text: &str) -> char {
    let header = text.lines().next().unwrap_or("");
    if header.matches(',').count() > header.matches(';').count() {
        ','
    } else {
        ';'
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    New,
    Duplicate,
    Error,
}

/// The result of one data row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RowReport {
    /// Line number in the file (the header is line 1).
    pub line: usize,
    pub status: RowStatus,
    pub name: String,
    /// German messages, each naming the column (errors and duplicates).
    pub messages: Vec<String>,
    /// Notes that do not stop the row (a formula-looking note kept as text).
    pub warnings: Vec<String>,
    /// For a new row: the pilot's status today after the import.
    pub pilot_status: Option<Status>,
    /// For a new row: eligible today (status Aktiv and eFZ valid).
    pub eligible_today: Option<bool>,
    /// For a new row: "Im Programm seit".
    pub since: Option<NaiveDate>,
}

/// The preview: every row's result, and what was noticed about the file.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ImportPreview {
    pub format: FileFormat,
    pub unknown_columns: Vec<String>,
    pub rows: Vec<RowReport>,
    pub new: usize,
    pub duplicates: usize,
    pub errors: usize,
    /// Rows with a warning (they are imported).
    pub warnings: usize,
    #[serde(skip)]
    pub valid: Vec<PilotData>,
    /// The past of each valid row, in the order of `valid`.
    #[serde(skip)]
    pub plans: Vec<PastPlan>,
    /// The pass mark the rows' tests were judged by (stored with them).
    #[serde(skip)]
    pub pass_mark_percent: u32,
}

impl RowReport {
    fn error(line: usize, name: String, messages: Vec<String>, warnings: Vec<String>) -> Self {
        RowReport {
            line,
            status: RowStatus::Error,
            name,
            messages,
            warnings,
            pilot_status: None,
            eligible_today: None,
            since: None,
        }
    }
}

fn whole_number(text: &str) -> Option<u32> {
    text.trim().parse::<u32>().ok()
}

fn interview_word(text: &str) -> Option<bool> {
    let t = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    match t.as_str() {
        "bestanden" | "ja" | "passed" => Some(true),
        "nicht bestanden" | "nein" | "failed" => Some(false),
        _ => None,
    }
}

/// Reads one history cell into the entry; a German message naming the column when it cannot.
fn read_history(field: &str, value: &str, e: &mut PastEntry) -> std::result::Result<(), String> {
    let label = field_label(field);
    let date = || {
        pilot::parse_date(value)
            .ok_or_else(|| format!("„{label}“: „{value}“ ist kein gültiges Datum (TT.MM.JJJJ)."))
    };
    match field {
        "status" => {
            let words = value.split_whitespace().collect::<Vec<_>>().join(" ");
            e.status = Some(Status::parse(&words).ok_or_else(|| {
                format!(
                    "„{label}“: „{value}“ ist kein Status ({}).",
                    Status::ALL.map(|s| s.label()).join(", ")
                )
            })?)
        }
        "since" => e.since = Some(date()?),
        "appointed_on" => e.appointed_on = Some(date()?),
        "paused_since" => e.paused_since = Some(date()?),
        "left_on" => e.left_on = Some(date()?),
        "certificate_dated" => e.certificate_dated = Some(date()?),
        "inspected_on" => e.inspected_on = Some(date()?),
        "inspected_by" => e.inspected_by = value.to_string(),
        "efz_result" => {
            e.result = Some(ScreeningResult::parse(value).ok_or_else(|| {
                format!("„{label}“: „{value}“ ist kein Ergebnis („ohne Eintrag“ oder „relevanter Eintrag“).")
            })?)
        }
        "modules" => {
            e.modules =
                training::parse_modules(value).map_err(|m| format!("„{label}“: {m}"))?
        }
        "modules_on" => e.modules_on = Some(date()?),
        "test_on" => e.test_on = Some(date()?),
        "test_points" | "test_max_points" => {
            let n = whole_number(value)
                .ok_or_else(|| format!("„{label}“: „{value}“ ist keine ganze Zahl."))?;
            if field == "test_points" {
                e.test_points = Some(n);
            } else {
                e.test_max_points = Some(n);
            }
        }
        "interview" => {
            e.interview_passed = Some(interview_word(value).ok_or_else(|| {
                format!("„{label}“: „{value}“ – erwartet „bestanden“ oder „nicht bestanden“.")
            })?)
        }
        "refresher_on" => e.refresher_on = Some(date()?),
        _ => {}
    }
    Ok(())
}

/// Cells that a spreadsheet would run as a formula are not taken over.
fn formula_like(value: &str, field: &str) -> bool {
    let v = value.trim_start();
    match v.chars().next() {
        Some('=') | Some('@') => true,
        // A phone number may start with + (+49 …); other fields may not start with + or -.
        Some('+') => field != "phone",
        Some('-') => !v[1..].starts_with(|c: char| c.is_ascii_digit()) || field != "phone",
        _ => false,
    }
}

/// Reads the file and checks every row against the register and the rules of its history
/// (nothing is written). `settings` are the lifecycle settings in force (the pass mark is stored
/// with each imported test).
pub fn preview(
    bytes: &[u8],
    existing: &[Pilot],
    today: NaiveDate,
    municipalities: &[(String, String)],
    districts: &[String],
    settings: &LifecycleSettings,
) -> Result<ImportPreview> {
    if bytes.len() > 20 * 1024 * 1024 {
        return Err(Error::field(
            "file",
            "Die Datei ist größer als 20 MB – das ist keine Lotsenliste.",
        ));
    }
    if bytes.contains(&0) {
        return Err(Error::field("file", "Die Datei ist keine CSV-Textdatei (Binärdaten). Bitte in Excel „Speichern unter … CSV (Trennzeichen-getrennt)“ wählen."));
    }
    let (text, encoding) = decode(bytes);
    let delim = delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delim as u8)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::field("file", format!("Kopfzeile nicht lesbar: {e}")))?
        .clone();
    let mut map: Vec<Option<&'static str>> = Vec::new();
    let mut unknown = Vec::new();
    for h in headers.iter() {
        let col = column_for(h);
        if col.is_none() && !h.trim().is_empty() {
            unknown.push(h.trim().to_string());
        }
        if col.is_some() && map.contains(&col) {
            return Err(Error::field(
                "file",
                format!("Die Spalte „{}“ kommt zweimal vor.", h.trim()),
            ));
        }
        map.push(col);
    }
    let missing: Vec<&str> = ["first_name", "last_name"]
        .into_iter()
        .filter(|f| !map.contains(&Some(*f)))
        .map(field_label)
        .collect();
    if !missing.is_empty() {
        return Err(Error::field(
            "file",
            format!(
                "Pflichtspalte fehlt: {}. Gefunden: {}. Erwartet werden Spaltenköpfe wie Vorname; Nachname; Geburtsdatum; …",
                missing.join(", "),
                headers.iter().map(str::trim).collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    let mut rows = Vec::new();
    let mut valid: Vec<PilotData> = Vec::new();
    let mut plans: Vec<PastPlan> = Vec::new();
    let mut seen_ibans: HashSet<String> = HashSet::new();
    // The new rows so far by name and birth date (case does not count), for "schon weiter oben".
    let mut seen_names: HashSet<(String, String, Option<NaiveDate>)> = HashSet::new();
    let duplicates = pilot::DuplicateIndex::new(existing);
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                rows.push(RowReport::error(
                    line,
                    String::new(),
                    vec![format!("Zeile nicht lesbar: {e}")],
                    vec![],
                ));
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut input = PilotInput::default();
        let mut past = PastEntry::default();
        let mut messages = Vec::new();
        let mut warnings = Vec::new();
        // A cell refused as a formula is already reported; its field's own check would only repeat it.
        let mut refused: Vec<&str> = Vec::new();
        // A history cell that cannot be read: the row's past is not built (it would only report the
        // column as missing).
        let mut history_unreadable = false;
        if record.len() > map.len() {
            messages.push(format!(
                "Die Zeile hat {} Zellen, die Kopfzeile nur {}.",
                record.len(),
                map.len()
            ));
        }
        for (cell, field) in record.iter().zip(&map) {
            let Some(field) = field else { continue };
            let value = cell.trim().to_string();
            if formula_like(&value, field) {
                let first = value.chars().next().unwrap_or(' ');
                if FREE_TEXT.contains(field) {
                    warnings.push(format!(
                        "{}: Zelle beginnt mit „{first}“ und sieht wie eine Formel aus – als Text übernommen.",
                        field_label(field)
                    ));
                } else {
                    messages.push(format!(
                        "{}: Zelle beginnt mit „{first}“ und sieht wie eine Formel aus – nicht übernommen.",
                        field_label(field)
                    ));
                    refused.push(field);
                    history_unreadable |= !matches!(
                        *field,
                        "first_name"
                            | "last_name"
                            | "birth_date"
                            | "street"
                            | "postcode"
                            | "town"
                            | "municipality"
                            | "district"
                            | "phone"
                            | "email"
                            | "languages"
                            | "account_holder"
                            | "iban"
                            | "recruitment_source"
                            | "notes"
                    );
                    continue;
                }
            }
            let opt = |v: String| (!v.is_empty()).then_some(v);
            match *field {
                "first_name" => input.first_name = value,
                "last_name" => input.last_name = value,
                "birth_date" => input.birth_date = opt(value),
                "street" => input.street = value,
                "postcode" => input.postcode = value,
                "town" => input.town = value,
                "municipality" => input.municipality = opt(value),
                "district" => input.district = opt(value),
                "phone" => input.phone = value,
                "email" => input.email = value,
                "languages" => {
                    input.languages = value
                        .split([',', '/', ';'])
                        .map(|l| l.trim().to_string())
                        .filter(|l| !l.is_empty())
                        .collect()
                }
                "account_holder" => input.account_holder = value,
                "iban" => input.iban = value,
                "recruitment_source" => input.recruitment_source = opt(value),
                "notes" => input.notes = value,
                history_field if !value.is_empty() => {
                    if let Err(m) = read_history(history_field, &value, &mut past) {
                        messages.push(m);
                        history_unreadable = true;
                    }
                }
                _ => {}
            }
        }
        let name: String = format!("{} {}", input.first_name, input.last_name)
            .trim()
            .chars()
            .take(80)
            .collect();
        let data = match pilot::validate(&input, today, municipalities, districts) {
            Ok(d) => Some(d),
            Err(Error::Validation(errors)) => {
                messages.extend(
                    errors
                        .into_iter()
                        .filter(|e| !refused.contains(&e.field.as_str()))
                        .map(|e| e.message),
                );
                None
            }
            Err(other) => return Err(other),
        };
        // The past, checked by the rules of its dates (with the district the row gives).
        let plan = if history_unreadable {
            None
        } else {
            let plan = if messages.is_empty() {
                let district = data.as_ref().and_then(|d| d.district.as_deref());
                history::plan_and_check(&past, district, today, settings)
            } else {
                history::plan(&past, today, settings)
            };
            match plan {
                Ok(p) => Some(p),
                Err(problems) => {
                    messages.extend(problems);
                    None
                }
            }
        };
        let (Some(data), Some(plan)) = (data, plan.filter(|_| messages.is_empty())) else {
            rows.push(RowReport::error(line, name, messages, warnings));
            continue;
        };
        let mut dups: Vec<String> = duplicates
            .find(&data, None)
            .into_iter()
            .map(|d| {
                format!(
                    "Möglicher Doppeleintrag: Nr. {} {} ({})",
                    d.id, d.name, d.reason
                )
            })
            .collect();
        let name_key = (
            data.first_name.to_lowercase(),
            data.last_name.to_lowercase(),
            data.birth_date,
        );
        let same_in_file = seen_names.contains(&name_key);
        if same_in_file || (!data.iban.is_empty() && seen_ibans.contains(&data.iban)) {
            dups.push("Steht in dieser Datei schon weiter oben.".into());
        }
        if dups.is_empty() {
            if !data.iban.is_empty() {
                seen_ibans.insert(data.iban.clone());
            }
            seen_names.insert(name_key);
            let facts = plan.lifecycle_data(settings.pass_mark_percent);
            rows.push(RowReport {
                line,
                status: RowStatus::New,
                name,
                messages: vec![],
                warnings,
                pilot_status: crate::domain::lifecycle::status_on(&facts.history, today),
                eligible_today: Some(facts.eligible_on(today, settings)),
                since: Some(plan.since),
            });
            valid.push(data);
            plans.push(plan);
        } else {
            rows.push(RowReport {
                line,
                status: RowStatus::Duplicate,
                name,
                messages: dups,
                warnings,
                pilot_status: None,
                eligible_today: None,
                since: None,
            });
        }
    }
    if rows.is_empty() {
        return Err(Error::field("file", "Die Datei enthält keine Datenzeilen."));
    }
    let count = |s| rows.iter().filter(|r| r.status == s).count();
    Ok(ImportPreview {
        format: FileFormat {
            encoding,
            delimiter: delim,
        },
        unknown_columns: unknown,
        new: count(RowStatus::New),
        duplicates: count(RowStatus::Duplicate),
        errors: count(RowStatus::Error),
        warnings: rows.iter().filter(|r| !r.warnings.is_empty()).count(),
        rows,
        valid,
        plans,
        pass_mark_percent: settings.pass_mark_percent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pilot::tests::refs;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn run(bytes: &[u8]) -> Result<ImportPreview> {
        let (m, d) = refs();
        preview(bytes, &[], today(), &m, &d, &LifecycleSettings::default())
    }

    #[test]
    fn excel_semicolon_windows_1252() {
        // "Müller" and "Straße" in Windows-1252: ü = 0xFC, ß = 0xDF.
        let mut bytes =
            b"Vorname;Nachname;Stra\xDFe;PLZ;Ort;Gemeinde;Geburtsdatum;Sprachen;IBAN\r\n".to_vec();
        bytes.extend_from_slice(b"Anna;M\xFCller;Steinweg 1;06502;Thale;Thale;17.05.1980;Arabisch, Deutsch;DE89 3704 0044 0532 0130 00\r\n");
        let p = run(&bytes).unwrap();
        assert_eq!(
            p.format,
            FileFormat {
                encoding: "Windows-1252",
                delimiter: ';'
            }
        );
        assert_eq!(p.new, 1);
        let d = &p.valid[0];
        assert_eq!(d.last_name, "Müller");
        assert_eq!(d.street, "Steinweg 1");
        assert_eq!(d.birth_date, NaiveDate::from_ymd_opt(1980, 5, 17));
        assert_eq!(d.languages, vec!["Arabisch", "Deutsch"]);
        assert_eq!(d.district.as_deref(), Some("Quedlinburg"));
    }

    #[test]
    fn utf8_bom_comma_quoted_any_column_order() {
        let text = "\u{feff}\"Nach name\",E-MAIL,vorname,Notizen,Lieblingsfarbe\n\"Öztürk, Demir\",a@example.org,Ayşe,\"sagt \"\"hallo\"\"\",blau\n";
        let p = run(text.as_bytes()).unwrap();
        assert_eq!(
            p.format,
            FileFormat {
                encoding: "UTF-8 (mit BOM)",
                delimiter: ','
            }
        );
        assert_eq!(p.unknown_columns, vec!["Lieblingsfarbe"]);
        // A comma is no valid name character: reported, not imported.
        assert_eq!(p.errors, 1);
        assert!(
            p.rows[0].messages[0].contains("Nachname enthält ein unzulässiges Zeichen"),
            "{:?}",
            p.rows[0]
        );
        let text = "\u{feff}Nachname,vorname,Notizen\nÖztürk,Ayşe,\"sagt \"\"hallo\"\"\"\n";
        let p = run(text.as_bytes()).unwrap();
        assert_eq!(p.valid[0].notes, "sagt \"hallo\"");
    }

    #[test]
    fn missing_columns_and_non_csv_refused() {
        let e = run(b"Name;Ort\nAnna;Thale\n").unwrap_err();
        assert!(
            e.to_string().contains("Pflichtspalte fehlt: Vorname"),
            "{e}"
        );
        assert!(run(b"PK\x03\x04\x00\x00binary")
            .unwrap_err()
            .to_string()
            .contains("keine CSV"));
        assert!(run(b"Vorname;Nachname\n")
            .unwrap_err()
            .to_string()
            .contains("keine Datenzeilen"));
        assert!(run(b"Vorname;Nachname;Vorname\nA;B;C\n")
            .unwrap_err()
            .to_string()
            .contains("zweimal"));
    }

    #[test]
    fn formulas_duplicates_and_bad_values_per_row() {
        let text = "Vorname;Nachname;Geburtsdatum;IBAN;Telefon;Ort\n\
            Anna;=HYPERLINK(\"http://x\");;;;\n\
            Ben;Berg;31.02.1990;;;\n\
            Carla;Cramer;;DE89 3704 0044 0532 0130 01;;\n\
            Dora;Decker;;;+49 3941 1234;@SUM(A1)\n\
            Emil;Engel;01.01.1970;DE89370400440532013000;;\n\
            Emil;Engel;01.01.1970;;;\n\
            EMIL;engel;01.01.1970;;;\n\
            Emil;Engel;02.01.1970;;;\n\
            Fritz;Fuchs;;DE89370400440532013000;;\n";
        let p = run(text.as_bytes()).unwrap();
        let status: Vec<RowStatus> = p.rows.iter().map(|r| r.status).collect();
        use RowStatus::*;
        assert_eq!(
            status,
            vec![Error, Error, Error, Error, New, Duplicate, Duplicate, New, Duplicate]
        );
        for dup in [6, 8] {
            assert!(p.rows[dup].messages[0].contains("weiter oben"), "{dup}");
        }
        assert_eq!(
            p.rows[0].messages.len(),
            1,
            "the formula, not also 'Nachname fehlt': {:?}",
            p.rows[0]
        );
        assert!(p.rows[0].messages[0].contains("Nachname: Zelle beginnt mit „=“"));
        assert!(p.rows[1].messages[0].contains("Geburtsdatum"));
        assert!(p.rows[2].messages[0].contains("Prüfziffer"));
        assert_eq!(
            p.rows[3].messages.len(),
            1,
            "phone +49 is fine, the formula in Ort is not: {:?}",
            p.rows[3]
        );
        assert!(p.rows[3].messages[0].starts_with("Ort:"));
        assert!(p.rows[5].messages[0].contains("weiter oben"));
        assert_eq!(p.rows[0].line, 2);
    }
}
