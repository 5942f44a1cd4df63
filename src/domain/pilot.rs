//! The pilot register: fields, validation and the duplicate check (docs/DOMAIN.md#register).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::iban;
use crate::error::{Error, FieldError, Result};

/// Lifecycle status of a pilot (the full lifecycle rules live in a later module).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Prospect,
    InQualification,
    Qualified,
    Active,
    Paused,
    Left,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Prospect,
        Status::InQualification,
        Status::Qualified,
        Status::Active,
        Status::Paused,
        Status::Left,
    ];

    /// The code used in the database, JSON and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Status::Prospect => "prospect",
            Status::InQualification => "in_qualification",
            Status::Qualified => "qualified",
            Status::Active => "active",
            Status::Paused => "paused",
            Status::Left => "left",
        }
    }

    /// The German label shown in the app.
    pub fn label(self) -> &'static str {
        match self {
            Status::Prospect => "Interessent",
            Status::InQualification => "In Qualifizierung",
            Status::Qualified => "Qualifiziert",
            Status::Active => "Aktiv",
            Status::Paused => "Ruhend",
            Status::Left => "Ausgeschieden",
        }
    }

    /// The status of a stored code, exactly as [`Status::code`] writes it (what the database holds).
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.code() == code)
    }

    /// Accepts the code or the German label (case-insensitive).
    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim().to_lowercase();
        Status::ALL
            .into_iter()
            .find(|st| st.code() == s || st.label().to_lowercase() == s)
    }
}

/// What the form or the command line sends to create or edit a pilot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct PilotInput {
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<String>,
    pub street: String,
    pub postcode: String,
    pub town: String,
    pub municipality: Option<String>,
    pub district: Option<String>,
    pub phone: String,
    pub email: String,
    pub languages: Vec<String>,
    pub recruitment_source: Option<String>,
    pub account_holder: String,
    pub iban: String,
    /// Needed for an account in a SEPA country outside the EEA (CH, GB, …).
    pub bic: String,
    pub notes: String,
}

/// A validated, normalised pilot record ready to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct PilotData {
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<NaiveDate>,
    pub street: String,
    pub postcode: String,
    pub town: String,
    pub municipality: Option<String>,
    pub district: Option<String>,
    pub phone: String,
    pub email: String,
    pub languages: Vec<String>,
    pub recruitment_source: Option<String>,
    pub account_holder: String,
    /// Without spaces, upper case; empty when not known yet.
    pub iban: String,
    /// Without spaces, upper case; empty when not needed.
    pub bic: String,
    pub notes: String,
}

/// A stored pilot as the app and the command line see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Pilot {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<NaiveDate>,
    pub street: String,
    pub postcode: String,
    pub town: String,
    pub municipality: Option<String>,
    pub district: Option<String>,
    pub phone: String,
    pub email: String,
    pub languages: Vec<String>,
    pub recruitment_source: Option<String>,
    pub account_holder: String,
    pub iban: String,
    #[serde(default)]
    pub bic: String,
    pub notes: String,
    pub status: Status,
    pub created_at: String,
    pub updated_at: String,
}

impl Pilot {
    /// An active pilot with only an id and a name, for unit tests.
    #[cfg(test)]
    pub(crate) fn named(id: i64, first_name: &str, last_name: &str) -> Pilot {
        Pilot {
            id,
            first_name: first_name.into(),
            last_name: last_name.into(),
            birth_date: None,
            street: String::new(),
            postcode: String::new(),
            town: String::new(),
            municipality: None,
            district: None,
            phone: String::new(),
            email: String::new(),
            languages: Vec::new(),
            recruitment_source: None,
            account_holder: String::new(),
            iban: String::new(),
            bic: String::new(),
            notes: String::new(),
            status: Status::Active,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    pub fn display_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// The fixed recruitment sources of docs/DOMAIN.md#register.
pub const SOURCES: [&str; 5] = [
    "ZASt-Ehrenamtskoordination",
    "Netzwerk Integration",
    "Medien",
    "Veranstaltung",
    "Sonstiges",
];

/// Longest text accepted in a short field; notes may be longer.
const MAX_FIELD: usize = 200;
const MAX_NOTES: usize = 5000;

/// Parses an ISO (`2026-11-26`) or German (`26.11.2026`, also `1.3.2026`) date. The year must have
/// four digits: chrono alone would read "2.11.26" as the year 26, and a two-digit year is
/// ambiguous, so it is refused rather than guessed.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    // The stored form JJJJ-MM-TT without the format parser (every stored date is read this way).
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *s.as_bytes() {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if digits.iter().all(u8::is_ascii_digit) {
            let n = |ds: &[u8]| ds.iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
            return NaiveDate::from_ymd_opt(
                n(&digits[..4]) as i32,
                n(&digits[4..6]),
                n(&digits[6..]),
            );
        }
    }
    let four_digits = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    if s.split('-').next().is_some_and(four_digits) {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    } else if s.rsplit('.').next().is_some_and(four_digits) {
        NaiveDate::parse_from_str(s, "%d.%m.%Y").ok()
    } else {
        None
    }
}

fn blank_to_none(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Characters a person's name may contain: letters of any script, combining marks, space, hyphen,
/// apostrophes and the dot of abbreviations. Keeps formulas and markup out of names.
fn name_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.' | '\u{0300}'..='\u{036F}')
}

/// A plausible e-mail address: one @, something before it, a dot in the domain, no spaces.
pub fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// Validates and normalises a pilot. `today` is the date the rules use; `municipalities` maps a
/// municipality name to its district (the reference data), `districts` are the known district names,
/// `languages` the known languages (new ones are allowed and will be added to the list).
/// Returns every field error at once.
pub fn validate(
    input: &PilotInput,
    today: NaiveDate,
    municipalities: &[(String, String)],
    districts: &[String],
) -> Result<PilotData> {
    let mut errors = Vec::new();
    let mut too_long = |field: &str, label: &str, value: &str, max: usize| {
        if value.chars().count() > max {
            errors.push(FieldError::new(
                field,
                format!("{label} ist zu lang (höchstens {max} Zeichen)."),
            ));
        }
    };
    let first_name = input.first_name.trim().to_string();
    let last_name = input.last_name.trim().to_string();
    too_long("first_name", "Vorname", &first_name, MAX_FIELD);
    too_long("last_name", "Nachname", &last_name, MAX_FIELD);
    too_long("street", "Straße", input.street.trim(), MAX_FIELD);
    too_long("town", "Ort", input.town.trim(), MAX_FIELD);
    too_long("phone", "Telefon", input.phone.trim(), MAX_FIELD);
    too_long("email", "E-Mail", input.email.trim(), MAX_FIELD);
    too_long(
        "account_holder",
        "Kontoinhaber",
        input.account_holder.trim(),
        MAX_FIELD,
    );
    too_long("notes", "Notizen", input.notes.trim(), MAX_NOTES);

    if first_name.is_empty() {
        errors.push(FieldError::new("first_name", "Vorname fehlt."));
    }
    if last_name.is_empty() {
        errors.push(FieldError::new("last_name", "Nachname fehlt."));
    }
    for (field, label, value) in [
        ("first_name", "Vorname", &first_name),
        ("last_name", "Nachname", &last_name),
    ] {
        if let Some(c) = value.chars().find(|c| !name_char(*c)) {
            errors.push(FieldError::new(
                field,
                format!("{label} enthält ein unzulässiges Zeichen („{c}“); erlaubt sind Buchstaben, Leerzeichen, Bindestrich, Apostroph und Punkt."),
            ));
        }
    }

    let birth_date = match blank_to_none(&input.birth_date) {
        None => None,
        Some(s) => match parse_date(&s) {
            None => {
                errors.push(FieldError::new(
                    "birth_date",
                    "Geburtsdatum ist kein gültiges Datum (TT.MM.JJJJ).",
                ));
                None
            }
            Some(d) if d >= today => {
                errors.push(FieldError::new(
                    "birth_date",
                    "Geburtsdatum muss in der Vergangenheit liegen.",
                ));
                None
            }
            Some(d) if today.years_since(d).unwrap_or(0) > 120 => {
                errors.push(FieldError::new(
                    "birth_date",
                    "Geburtsdatum liegt mehr als 120 Jahre zurück.",
                ));
                None
            }
            Some(d) => Some(d),
        },
    };

    let postcode = input.postcode.trim().to_string();
    let five_digits = postcode.len() == 5 && postcode.chars().all(|c| c.is_ascii_digit());
    if !postcode.is_empty() && !five_digits {
        errors.push(FieldError::new(
            "postcode",
            "PLZ muss aus 5 Ziffern bestehen.",
        ));
    }

    let email = input.email.trim().to_string();
    if !email.is_empty() && !plausible_email(&email) {
        errors.push(FieldError::new("email", "E-Mail-Adresse ist nicht gültig."));
    }

    let iban = iban::normalize(&input.iban);
    let bic = iban::normalize_bic(&input.bic);
    if !iban.is_empty() {
        if let Err(msg) = iban::check(&iban) {
            errors.push(FieldError::new("iban", msg));
        } else if let Err(msg) = iban::check_payee(&iban, &bic) {
            errors.push(FieldError::new("bic", msg));
        }
    } else if !bic.is_empty() {
        if let Err(msg) = iban::check_bic(&bic) {
            errors.push(FieldError::new("bic", msg));
        }
    }

    let municipality = blank_to_none(&input.municipality);
    let mut district = blank_to_none(&input.district);
    if let Some(m) = &municipality {
        match municipalities.iter().find(|(name, _)| name == m) {
            None => errors.push(FieldError::new(
                "municipality",
                format!("Gemeinde „{m}“ ist nicht in der Liste der Gemeinden."),
            )),
            Some((_, d)) => {
                // The district defaults from the municipality; an explicit choice wins.
                if district.is_none() {
                    district = Some(d.clone());
                }
            }
        }
    }
    if let Some(d) = &district {
        if !districts.contains(d) {
            errors.push(FieldError::new(
                "district",
                format!("Altkreis „{d}“ ist unbekannt."),
            ));
        }
    }

    let recruitment_source = blank_to_none(&input.recruitment_source);
    if let Some(s) = &recruitment_source {
        if !SOURCES.contains(&s.as_str()) {
            errors.push(FieldError::new(
                "recruitment_source",
                format!("Gewinnung über „{s}“ ist keine der Auswahlmöglichkeiten."),
            ));
        }
    }

    let mut languages: Vec<String> = Vec::new();
    for l in &input.languages {
        let l = l.trim();
        if l.chars().count() > 60 {
            errors.push(FieldError::new(
                "languages",
                "Sprachen: ein Eintrag ist zu lang (höchstens 60 Zeichen).",
            ));
        } else if !l.is_empty() && !languages.iter().any(|x| x.eq_ignore_ascii_case(l)) {
            languages.push(l.to_string());
        }
    }

    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(PilotData {
        first_name,
        last_name,
        birth_date,
        street: input.street.trim().to_string(),
        postcode,
        town: input.town.trim().to_string(),
        municipality,
        district,
        phone: input.phone.trim().to_string(),
        email,
        languages,
        recruitment_source,
        account_holder: input.account_holder.trim().to_string(),
        iban,
        bic,
        notes: input.notes.trim().to_string(),
    })
}

/// A likely duplicate of a pilot about to be saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Duplicate {
    pub id: i64,
    pub name: String,
    /// German reason: "gleicher Name und Geburtsdatum" or "gleiche IBAN".
    pub reason: String,
}

/// Name and birth date as duplicates are matched: case and surrounding blanks do not count.
fn name_key(first: &str, last: &str, birth: NaiveDate) -> (String, String, NaiveDate) {
    (
        first.trim().to_lowercase(),
        last.trim().to_lowercase(),
        birth,
    )
}

/// The existing pilots by the facts duplicates are found by, so that many candidates (an import of
/// 10,000 rows) are each matched in constant time instead of against every pilot.
pub struct DuplicateIndex<'a> {
    existing: &'a [Pilot],
    by_name: HashMap<(String, String, NaiveDate), Vec<usize>>,
    by_iban: HashMap<&'a str, Vec<usize>>,
}

impl<'a> DuplicateIndex<'a> {
    pub fn new(existing: &'a [Pilot]) -> DuplicateIndex<'a> {
        let mut by_name: HashMap<_, Vec<usize>> = HashMap::new();
        let mut by_iban: HashMap<_, Vec<usize>> = HashMap::new();
        for (i, p) in existing.iter().enumerate() {
            if let Some(birth) = p.birth_date {
                by_name
                    .entry(name_key(&p.first_name, &p.last_name, birth))
                    .or_default()
                    .push(i);
            }
            if !p.iban.is_empty() {
                by_iban.entry(p.iban.as_str()).or_default().push(i);
            }
        }
        DuplicateIndex {
            existing,
            by_name,
            by_iban,
        }
    }

    /// Existing pilots that are probably the same person as `candidate`, in the order of the list:
    /// same name and birth date, or same IBAN. `exclude` is the id of the pilot being edited.
    pub fn find(&self, candidate: &PilotData, exclude: Option<i64>) -> Vec<Duplicate> {
        let none = Vec::new();
        let same_name = match candidate.birth_date {
            Some(birth) => self
                .by_name
                .get(&name_key(
                    &candidate.first_name,
                    &candidate.last_name,
                    birth,
                ))
                .unwrap_or(&none),
            None => &none,
        };
        let same_iban = match candidate.iban.as_str() {
            "" => &none,
            iban => self.by_iban.get(iban).unwrap_or(&none),
        };
        let mut hits: Vec<usize> = same_name.iter().chain(same_iban).copied().collect();
        hits.sort_unstable();
        hits.dedup();
        hits.into_iter()
            .filter(|&i| Some(self.existing[i].id) != exclude)
            .map(|i| {
                let reasons: Vec<&str> = [
                    same_name
                        .contains(&i)
                        .then_some("gleicher Name und Geburtsdatum"),
                    same_iban.contains(&i).then_some("gleiche IBAN"),
                ]
                .into_iter()
                .flatten()
                .collect();
                let p = &self.existing[i];
                Duplicate {
                    id: p.id,
                    name: p.display_name(),
                    reason: reasons.join(", "),
                }
            })
            .collect()
    }
}

/// Finds existing pilots that are probably the same person: same name and birth date, or same IBAN.
/// `exclude` is the id of the pilot being edited.
pub fn find_duplicates(
    candidate: &PilotData,
    existing: &[Pilot],
    exclude: Option<i64>,
) -> Vec<Duplicate> {
    DuplicateIndex::new(existing).find(candidate, exclude)
}

/// One change of a pilot's former district, with the day it takes effect (SPEC section 3: district
/// changes are kept as history, like status changes). Append-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DistrictChange {
    /// The district before the change (`None`: none was set).
    pub from: Option<String>,
    /// The district from `effective_on` on.
    pub to: Option<String>,
    pub effective_on: NaiveDate,
    pub note: String,
    /// Who recorded the change.
    pub who: String,
    /// Insertion order: of two changes on the same day the higher `seq` is the later one.
    pub seq: i64,
}

/// The pilot's district on `date`. `current` is the district of the register (today's); it holds
/// from the latest change on, so a correction in the form corrects the current period only.
/// Before the first change the district is that change's `from`; between changes, the `to` of the
/// latest one effective by then. Without changes the register's district holds on every day.
pub fn district_on(
    current: Option<&str>,
    changes: &[DistrictChange],
    date: NaiveDate,
) -> Option<String> {
    let key = |c: &&DistrictChange| (c.effective_on, c.seq);
    let Some(latest) = changes.iter().max_by_key(key) else {
        return current.map(str::to_string);
    };
    if latest.effective_on <= date {
        return current.map(str::to_string);
    }
    match changes
        .iter()
        .filter(|c| c.effective_on <= date)
        .max_by_key(key)
    {
        Some(c) => c.to.clone(),
        None => changes.iter().min_by_key(key).and_then(|c| c.from.clone()),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    /// Two municipalities and the three districts: the reference data the rule tests use.
    pub(crate) fn refs() -> (Vec<(String, String)>, Vec<String>) {
        (
            vec![
                ("Halberstadt".into(), "Halberstadt".into()),
                ("Thale".into(), "Quedlinburg".into()),
            ],
            vec![
                "Halberstadt".into(),
                "Quedlinburg".into(),
                "Wernigerode".into(),
            ],
        )
    }

    fn ok_input() -> PilotInput {
        PilotInput {
            first_name: "Ayşe".into(),
            last_name: "Müller-Öztürk".into(),
            birth_date: Some("1980-05-17".into()),
            postcode: "38820".into(),
            email: "ayse@example.org".into(),
            iban: "de89 3704 0044 0532 0130 00".into(),
            municipality: Some("Thale".into()),
            ..Default::default()
        }
    }

    fn errors_of(input: &PilotInput) -> Vec<FieldError> {
        let (m, d) = refs();
        match validate(input, today(), &m, &d) {
            Err(Error::Validation(e)) => e,
            other => panic!("expected validation error, got {other:?}"),
        }
    }

    fn field_msg(input: &PilotInput, field: &str) -> String {
        errors_of(input)
            .into_iter()
            .find(|e| e.field == field)
            .unwrap_or_else(|| panic!("no error at {field}"))
            .message
    }

    #[test]
    fn valid_input_is_normalised() {
        let (m, d) = refs();
        let data = validate(&ok_input(), today(), &m, &d).unwrap();
        assert_eq!(data.iban, "DE89370400440532013000");
        assert_eq!(
            data.district.as_deref(),
            Some("Quedlinburg"),
            "district from municipality"
        );
        assert_eq!(data.birth_date, NaiveDate::from_ymd_opt(1980, 5, 17));
    }

    #[test]
    fn explicit_district_overrides_municipality() {
        let (m, d) = refs();
        let mut i = ok_input();
        i.district = Some("Wernigerode".into());
        let data = validate(&i, today(), &m, &d).unwrap();
        assert_eq!(data.district.as_deref(), Some("Wernigerode"));
    }

    #[test]
    fn names_are_required() {
        let mut i = ok_input();
        i.first_name = "  ".into();
        i.last_name = String::new();
        assert_eq!(field_msg(&i, "first_name"), "Vorname fehlt.");
        assert_eq!(field_msg(&i, "last_name"), "Nachname fehlt.");
    }

    #[test]
    fn iban_checked() {
        let mut i = ok_input();
        i.iban = "DE89 3704 0044 0532 0130 01".into();
        assert!(field_msg(&i, "iban").contains("Prüfziffer"));
        i.iban = "DE89 3704 0044 0532 0130".into();
        assert!(field_msg(&i, "iban").contains("Länge"));
        i.iban = String::new();
        let (m, d) = refs();
        assert!(validate(&i, today(), &m, &d).is_ok(), "IBAN is optional");
    }

    #[test]
    fn postcode_five_digits() {
        for bad in ["3882", "388200", "3882a", "D-38820"] {
            let mut i = ok_input();
            i.postcode = bad.into();
            assert_eq!(
                field_msg(&i, "postcode"),
                "PLZ muss aus 5 Ziffern bestehen.",
                "{bad}"
            );
        }
        let (m, d) = refs();
        let mut i = ok_input();
        i.postcode = "06484".into();
        assert!(validate(&i, today(), &m, &d).is_ok());
    }

    #[test]
    fn email_plausible() {
        for bad in [
            "ayse", "ayse@", "@x.de", "a@b", "a b@x.de", "a@@x.de", "a@x..de", "a@.x.de",
        ] {
            let mut i = ok_input();
            i.email = bad.into();
            assert_eq!(
                field_msg(&i, "email"),
                "E-Mail-Adresse ist nicht gültig.",
                "{bad}"
            );
        }
        assert!(plausible_email("lotse.mueller@harz-ehrenamt.de"));
    }

    #[test]
    fn dates_need_a_four_digit_year() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1);
        for ok in ["2026-03-01", "01.03.2026", "1.3.2026", " 2026-03-01 "] {
            assert_eq!(parse_date(ok), d, "{ok}");
        }
        for ambiguous in [
            "1.3.26",
            "26-03-01",
            "01.03.026",
            "1.3.",
            "2026-3",
            "+2026-03-01",
        ] {
            assert_eq!(parse_date(ambiguous), None, "{ambiguous}");
        }
    }

    #[test]
    fn the_stored_form_reads_as_the_format_parser_reads_it() {
        for s in [
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "0000-01-01",
            "9999-12-31",
            "2026-1a-01",
            "2026-12-00",
        ] {
            assert_eq!(
                parse_date(s),
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
                "{s}"
            );
        }
    }

    #[test]
    fn birth_date_in_the_past() {
        let mut i = ok_input();
        i.birth_date = Some("2026-11-26".into());
        assert_eq!(
            field_msg(&i, "birth_date"),
            "Geburtsdatum muss in der Vergangenheit liegen."
        );
        i.birth_date = Some("2030-01-01".into());
        assert!(field_msg(&i, "birth_date").contains("Vergangenheit"));
        i.birth_date = Some("31.02.1990".into());
        assert!(field_msg(&i, "birth_date").contains("kein gültiges Datum"));
        let (m, d) = refs();
        i.birth_date = Some("25.11.2026".into());
        assert!(
            validate(&i, today(), &m, &d).is_ok(),
            "yesterday is in the past"
        );
    }

    #[test]
    fn unknown_reference_values_refused() {
        let mut i = ok_input();
        i.municipality = Some("Magdeburg".into());
        i.district = Some("Aschersleben".into());
        i.recruitment_source = Some("Zufall".into());
        assert!(field_msg(&i, "municipality").contains("Magdeburg"));
        assert!(field_msg(&i, "district").contains("Aschersleben"));
        assert!(field_msg(&i, "recruitment_source").contains("Zufall"));
    }

    #[test]
    fn names_with_formula_or_sql_characters_refused() {
        for bad in [
            "=HYPERLINK(\"http://x\")",
            "Robert'); DROP TABLE pilots;--",
            "<b>Anna</b>",
            "Anna1",
        ] {
            let mut i = ok_input();
            i.last_name = bad.into();
            assert!(
                field_msg(&i, "last_name").contains("unzulässiges Zeichen"),
                "{bad}"
            );
        }
        let (m, d) = refs();
        for good in [
            "O'Brien",
            "Al-Hassan",
            "Nguyễn",
            "Dr. Müller",
            "Олена",
            "محمد",
        ] {
            let mut i = ok_input();
            i.first_name = good.into();
            assert!(validate(&i, today(), &m, &d).is_ok(), "{good}");
        }
    }

    #[test]
    fn overlong_text_refused() {
        let mut i = ok_input();
        i.last_name = "x".repeat(10_000);
        assert!(field_msg(&i, "last_name").contains("zu lang"));
    }

    #[test]
    fn all_errors_reported_at_once() {
        let i = PilotInput {
            postcode: "12".into(),
            iban: "DE00".into(),
            ..Default::default()
        };
        let fields: Vec<String> = errors_of(&i).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["first_name", "last_name", "postcode", "iban"]);
    }

    fn stored(id: i64, first: &str, last: &str, birth: Option<&str>, iban: &str) -> Pilot {
        Pilot {
            birth_date: birth.and_then(parse_date),
            iban: iban.into(),
            status: Status::Prospect,
            ..Pilot::named(id, first, last)
        }
    }

    #[test]
    fn duplicate_check() {
        let (m, d) = refs();
        let cand = validate(&ok_input(), today(), &m, &d).unwrap();
        let existing = vec![
            stored(1, "ayşe", "MÜLLER-ÖZTÜRK", Some("1980-05-17"), ""),
            stored(2, "Ayşe", "Müller-Öztürk", Some("1981-05-17"), ""),
            stored(3, "Jonas", "Berg", None, "DE89370400440532013000"),
            stored(4, "Jonas", "Berg", None, ""),
        ];
        let dups = find_duplicates(&cand, &existing, None);
        assert_eq!(
            dups,
            vec![
                Duplicate {
                    id: 1,
                    name: "ayşe MÜLLER-ÖZTÜRK".into(),
                    reason: "gleicher Name und Geburtsdatum".into()
                },
                Duplicate {
                    id: 3,
                    name: "Jonas Berg".into(),
                    reason: "gleiche IBAN".into()
                },
            ]
        );
        // Editing pilot 1 itself is no duplicate of itself.
        let ids: Vec<i64> = find_duplicates(&cand, &existing, Some(1))
            .iter()
            .map(|d| d.id)
            .collect();
        assert_eq!(ids, vec![3]);
        // Same name without birth dates is not enough.
        let mut no_birth = cand.clone();
        no_birth.birth_date = None;
        no_birth.iban.clear();
        assert!(find_duplicates(&no_birth, &existing, None).is_empty());
    }

    #[test]
    fn status_codes_and_labels() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(s));
            assert_eq!(Status::from_code(s.code()), Some(s));
            assert_eq!(Status::parse(s.label()), Some(s));
        }
        assert_eq!(Status::parse("aktiv"), Some(Status::Active));
        assert_eq!(Status::parse("weg"), None);
        assert_eq!(Status::from_code("Aktiv"), None);
    }

    #[test]
    fn district_on_a_day_follows_the_history() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let change = |from: &str, to: &str, on, seq| DistrictChange {
            from: Some(from.into()),
            to: Some(to.into()),
            effective_on: on,
            note: String::new(),
            who: String::new(),
            seq,
        };
        assert_eq!(
            district_on(Some("Harz"), &[], d(2020, 1, 1)).as_deref(),
            Some("Harz")
        );
        // Halberstadt → Quedlinburg on 01.03.2025 → Wernigerode on 01.10.2026; the register says Wernigerode.
        let h = [
            change("Quedlinburg", "Wernigerode", d(2026, 10, 1), 2),
            change("Halberstadt", "Quedlinburg", d(2025, 3, 1), 1),
        ];
        let on = |date| district_on(Some("Wernigerode"), &h, date);
        assert_eq!(on(d(2025, 2, 28)).as_deref(), Some("Halberstadt"));
        assert_eq!(on(d(2025, 3, 1)).as_deref(), Some("Quedlinburg"));
        assert_eq!(on(d(2026, 9, 30)).as_deref(), Some("Quedlinburg"));
        assert_eq!(on(d(2026, 10, 1)).as_deref(), Some("Wernigerode"));
        // A correction of the current district in the form applies from the latest change on.
        assert_eq!(
            district_on(Some("Halberstadt"), &h, d(2027, 1, 1)).as_deref(),
            Some("Halberstadt")
        );
        assert_eq!(
            district_on(Some("Halberstadt"), &h, d(2026, 9, 30)).as_deref(),
            Some("Quedlinburg")
        );
    }
}
