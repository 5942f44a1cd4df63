//! All settings together, as stored and shown on the Einstellungen screen: the lifecycle periods,
//! coverage and allowance settings, letterhead, debtor account and data care.

use serde::{Deserialize, Serialize};

pub use crate::domain::periods::{validate_settings, LifecycleSettings};
use crate::error::{Error, FieldError, Result};

/// Letterhead and sender details printed on every document (defaults: Landkreis Harz).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Letterhead {
    pub authority: String,
    pub department: String,
    pub street: String,
    pub postcode_town: String,
    pub phone: String,
    pub email: String,
    /// Place for the date line ("Halberstadt, den 26.11.2026").
    pub place: String,
    pub signer_name: String,
    pub signer_title: String,
    pub footer: String,
}

impl Default for Letterhead {
    fn default() -> Self {
        Letterhead {
            authority: "Landkreis Harz".into(),
            department: "Koordinierungsstelle für Migration".into(),
            street: "Friedrich-Ebert-Straße 42".into(),
            postcode_town: "38820 Halberstadt".into(),
            phone: String::new(),
            email: String::new(),
            place: "Halberstadt".into(),
            signer_name: String::new(),
            signer_title: "Integrationskoordination".into(),
            footer: "Landkreis Harz · Friedrich-Ebert-Straße 42 · 38820 Halberstadt".into(),
        }
    }
}

/// All settings the Einstellungen screen edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Settings {
    pub lifecycle: LifecycleSettings,
    pub letterhead: Letterhead,
    pub coverage: crate::domain::coverage::CoverageSettings,
    pub allowance: crate::domain::allowance::AllowanceSettings,
    /// The person working at the desk, recorded as "who" in histories.
    pub desk_user: String,
    /// The county's account the SEPA transfer file debits.
    pub debtor: Debtor,
    pub data: DataSettings,
    /// The yearly reports (Berichte).
    pub reports: ReportSettings,
}

/// The yearly reports: the note on the Jahresbescheinigung and the due date of the
/// Verwendungsnachweis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ReportSettings {
    /// Printed on every Jahresbescheinigung: tax (§ 3 Nr. 12 / 26 / 26a EStG, as the county decides)
    /// and reporting to the Jobcenter.
    pub certificate_note: String,
    /// The Verwendungsnachweis is due this many months after the grant period (the budget year).
    pub grant_due_months: u32,
    /// It is on the due list from this many weeks before its due date.
    pub grant_notice_weeks: u32,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            certificate_note: "Die Aufwandsentschädigung wird nach Auffassung des Landkreises im Rahmen \
                des § 3 Nr. 26a EStG gezahlt; ob und in welcher Höhe sie steuerfrei ist, prüft das Finanzamt. \
                Beziehen Sie Bürgergeld oder andere Leistungen, teilen Sie die Zahlungen bitte mit dem Monat \
                des Zuflusses dem Jobcenter bzw. dem Leistungsträger mit."
                .into(),
            grant_due_months: 6,
            grant_notice_weeks: 8,
        }
    }
}

/// The payer of the SEPA transfer file (Auftraggeber): name, IBAN, optional BIC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Debtor {
    pub name: String,
    pub iban: String,
    pub bic: String,
}

impl Default for Debtor {
    fn default() -> Self {
        Debtor {
            name: "Landkreis Harz".into(),
            iban: String::new(),
            bic: String::new(),
        }
    }
}

/// Backups and where documents are filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct DataSettings {
    /// Automatic daily backups kept (the oldest beyond are deleted).
    pub backup_keep: u32,
    /// Folder for filed documents (per year/month below it); empty = "Lotsenbüro" in the documents folder.
    pub documents_dir: String,
    /// Register data of pilots who left is anonymised after the end of this many years after the
    /// year of leaving (statements are receipts, § 24 Abs. 3 KomKBVO LSA: books 10 years).
    pub anonymise_after_years: u32,
}

impl Default for DataSettings {
    fn default() -> Self {
        DataSettings {
            backup_keep: 14,
            documents_dir: String::new(),
            anonymise_after_years: 10,
        }
    }
}

/// Checks all settings; every field error at once.
pub fn validate_all(s: &Settings) -> Result<()> {
    let mut errors = match validate_settings(&s.lifecycle) {
        Ok(()) => Vec::new(),
        Err(Error::Validation(e)) => e,
        Err(other) => return Err(other),
    };
    if let Err(Error::Validation(e)) = s.coverage.validate() {
        errors.extend(e);
    }
    if let Err(Error::Validation(e)) = s.allowance.validate() {
        errors.extend(e);
    }
    if !(1..=365).contains(&s.data.backup_keep) {
        errors.push(FieldError::new(
            "backup_keep",
            "Aufbewahrte Sicherungen: 1 bis 365.",
        ));
    }
    if !(1..=30).contains(&s.data.anonymise_after_years) {
        errors.push(FieldError::new(
            "anonymise_after_years",
            "Anonymisierung nach: 1 bis 30 Jahren nach dem Jahr des Ausscheidens.",
        ));
    }
    if s.letterhead.authority.trim().is_empty() {
        errors.push(FieldError::new("authority", "Behörde fehlt (Briefkopf)."));
    }
    let debtor_iban = crate::domain::iban::normalize(&s.debtor.iban);
    if !debtor_iban.is_empty() {
        if let Err(reason) = crate::domain::iban::check(&debtor_iban) {
            errors.push(FieldError::new(
                "debtor_iban",
                format!("Auftraggeber: {reason}"),
            ));
        }
    }
    if s.reports.grant_due_months > 24 {
        errors.push(FieldError::new(
            "grant_due_months",
            "Verwendungsnachweis fällig nach: 0 bis 24 Monate.",
        ));
    }
    if !(1..=52).contains(&s.reports.grant_notice_weeks) {
        errors.push(FieldError::new(
            "grant_notice_weeks",
            "Vorlauf für den Verwendungsnachweis: 1 bis 52 Wochen.",
        ));
    }
    if s.reports.certificate_note.chars().count() > 2000 {
        errors.push(FieldError::new(
            "certificate_note",
            "Hinweis der Jahresbescheinigung ist zu lang (höchstens 2000 Zeichen).",
        ));
    }
    if s.desk_user.chars().count() > 100 {
        errors.push(FieldError::new(
            "desk_user",
            "Name am Arbeitsplatz ist zu lang (höchstens 100 Zeichen).",
        ));
    }
    Error::check(errors)
}

/// What kind of value a setting key holds, so the edges read it strictly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Euros as typed, stored as integer cents.
    Amount,
    /// A whole number.
    Number,
    PartialMonth,
    Timing,
    Text,
    /// Yes or no.
    Bool,
}

/// One setting key as the command line and the settings screen name it (SPEC section 10).
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    /// Carries "gültig ab": a month or day is computed with the value in force then.
    pub dated: bool,
    /// Dated allowance values take effect from the first of a month only.
    pub monthly: bool,
    /// Where the value lives in the stored settings (JSON pointer).
    pointer: &'static str,
}

const fn key(key: &'static str, label: &'static str, kind: Kind, pointer: &'static str) -> Key {
    Key {
        key,
        label,
        kind,
        dated: false,
        monthly: false,
        pointer,
    }
}

const fn dated(key: &'static str, label: &'static str, kind: Kind, pointer: &'static str) -> Key {
    Key {
        key,
        label,
        kind,
        dated: true,
        monthly: false,
        pointer,
    }
}

const fn monthly(key: &'static str, label: &'static str, kind: Kind, pointer: &'static str) -> Key {
    Key {
        key,
        label,
        kind,
        dated: true,
        monthly: true,
        pointer,
    }
}

/// Every key of `lotsen settings`.
pub const KEYS: &[Key] = &[
    monthly(
        "allowance.rate",
        "Monatsbetrag",
        Kind::Amount,
        "/allowance/rate_cents",
    ),
    monthly(
        "allowance.cap",
        "Höchstbetrag je Monat",
        Kind::Amount,
        "/allowance/cap_cents",
    ),
    monthly(
        "allowance.partial_month",
        "Angebrochene Monate",
        Kind::PartialMonth,
        "/allowance/partial_month",
    ),
    monthly(
        "allowance.timing",
        "Zahlung",
        Kind::Timing,
        "/allowance/timing",
    ),
    key(
        "allowance.due_days",
        "Fällig nach (Tagen)",
        Kind::Number,
        "/allowance/due_days",
    ),
    key(
        "allowance.legal_basis",
        "Rechtsgrundlage",
        Kind::Text,
        "/allowance/legal_basis",
    ),
    key(
        "allowance.tax_note",
        "Hinweis Steuer und Sozialleistungen",
        Kind::Text,
        "/allowance/tax_note",
    ),
    dated(
        "lifecycle.certificate_max_age_months",
        "Höchstalter des Führungszeugnisses bei Vorlage (Monate)",
        Kind::Number,
        "/lifecycle/certificate_max_age_months",
    ),
    dated(
        "lifecycle.reinspection_years",
        "Wiedervorlage des Führungszeugnisses (Jahre)",
        Kind::Number,
        "/lifecycle/reinspection_years",
    ),
    dated(
        "lifecycle.warning_days",
        "Vorwarnzeit eFZ (Tage)",
        Kind::Number,
        "/lifecycle/warning_days",
    ),
    dated(
        "lifecycle.pass_mark_percent",
        "Bestehensgrenze Abschlusstest (%)",
        Kind::Number,
        "/lifecycle/pass_mark_percent",
    ),
    key(
        "lifecycle.refresher_months",
        "Frist für die Auffrischung (Monate)",
        Kind::Number,
        "/lifecycle/refresher_months",
    ),
    key(
        "lifecycle.qualified_waiting_days",
        "Wartezeit bis zur Berufung (Tage)",
        Kind::Number,
        "/lifecycle/qualified_waiting_days",
    ),
    key(
        "lifecycle.letter_followup_days",
        "Nachfrist für das Führungszeugnis (Tage)",
        Kind::Number,
        "/lifecycle/letter_followup_days",
    ),
    key(
        "coverage.green_percent",
        "Abdeckung grün ab (%)",
        Kind::Number,
        "/coverage/green_percent",
    ),
    key(
        "coverage.amber_percent",
        "Abdeckung gelb ab (%)",
        Kind::Number,
        "/coverage/amber_percent",
    ),
    key(
        "debtor.name",
        "Auftraggeber (SEPA)",
        Kind::Text,
        "/debtor/name",
    ),
    key(
        "debtor.iban",
        "IBAN des Auftraggebers",
        Kind::Text,
        "/debtor/iban",
    ),
    key(
        "debtor.bic",
        "BIC des Auftraggebers",
        Kind::Text,
        "/debtor/bic",
    ),
    key(
        "desk_user",
        "Name am Arbeitsplatz",
        Kind::Text,
        "/desk_user",
    ),
    key(
        "data.backup_keep",
        "Aufbewahrte Sicherungen",
        Kind::Number,
        "/data/backup_keep",
    ),
    key(
        "data.documents_dir",
        "Ordner für Dokumente",
        Kind::Text,
        "/data/documents_dir",
    ),
    key(
        "allowance.require_activity",
        "Auszahlung nur mit Tätigkeitsnachweis",
        Kind::Bool,
        "/allowance/require_activity",
    ),
    key(
        "allowance.inactive_months",
        "Hinweis ohne Tätigkeit nach (Monaten)",
        Kind::Number,
        "/allowance/inactive_months",
    ),
    // The yearly reports (Berichte).
    key(
        "reports.certificate_note",
        "Hinweis der Jahresbescheinigung (Steuer, Jobcenter)",
        Kind::Text,
        "/reports/certificate_note",
    ),
    key(
        "reports.grant_due_months",
        "Verwendungsnachweis fällig nach (Monaten)",
        Kind::Number,
        "/reports/grant_due_months",
    ),
    key(
        "reports.grant_notice_weeks",
        "Verwendungsnachweis in der Fälligkeitsliste ab (Wochen vorher)",
        Kind::Number,
        "/reports/grant_notice_weeks",
    ),
    // Retention (issue 13).
    key(
        "lifecycle.not_started_keep_months",
        "eFZ-Daten ohne Tätigkeitsbeginn: Hinweis nach (Monaten)",
        Kind::Number,
        "/lifecycle/not_started_keep_months",
    ),
    key(
        "data.anonymise_after_years",
        "Stammdaten Ausgeschiedener anonymisieren nach (Jahren nach dem Jahr des Ausscheidens)",
        Kind::Number,
        "/data/anonymise_after_years",
    ),
];

impl Key {
    /// The field name the settings form uses for this key ("rate_cents", "pass_mark_percent").
    pub fn field(&self) -> &'static str {
        self.pointer.rsplit('/').next().unwrap_or(self.key)
    }
}

/// The key named `name`, or a German error listing the keys.
pub fn find_key(name: &str) -> Result<&'static Key> {
    KEYS.iter().find(|k| k.key == name.trim()).ok_or_else(|| {
        Error::field(
            "key",
            format!(
                "Einstellung „{}“ gibt es nicht; möglich sind: {}.",
                name.trim(),
                KEYS.iter().map(|k| k.key).collect::<Vec<_>>().join(", ")
            ),
        )
    })
}

/// The value of `key` in `s` (amounts in cents, choices as their code).
pub fn value_of(s: &Settings, key: &Key) -> serde_json::Value {
    serde_json::to_value(s)
        .expect("settings serialise")
        .pointer(key.pointer)
        .cloned()
        .unwrap_or(serde_json::Value::Null)
}

/// `s` with `key` set to `value`; a value of the wrong shape is refused naming the key.
pub fn with_value(s: &Settings, key: &Key, value: &serde_json::Value) -> Result<Settings> {
    let mut json = serde_json::to_value(s).expect("settings serialise");
    if let Some(slot) = json.pointer_mut(key.pointer) {
        *slot = value.clone();
    }
    serde_json::from_value(json)
        .map_err(|_| Error::field("value", format!("{}: Wert ist ungültig.", key.key)))
}

/// The value as shown: "130,00 €", "anteilig nach Tagen", "60".
pub fn display(key: &Key, value: &serde_json::Value) -> String {
    use crate::domain::allowance::{PartialMonth, Timing};
    match key.kind {
        Kind::Amount => value
            .as_i64()
            .map(|c| crate::domain::money::Cents(c).to_string())
            .unwrap_or_default(),
        Kind::PartialMonth => match serde_json::from_value::<PartialMonth>(value.clone()) {
            Ok(PartialMonth::ProRata) => "anteilig nach Tagen".into(),
            Ok(PartialMonth::FullMonthIfAnyDay) => "voller Monat, wenn ein Tag berechtigt".into(),
            Ok(PartialMonth::NothingForPartial) => "nichts für angebrochene Monate".into(),
            Err(_) => String::new(),
        },
        Kind::Timing => match serde_json::from_value::<Timing>(value.clone()) {
            Ok(Timing::InArrears) => "nachträglich".into(),
            Ok(Timing::InAdvance) => "im Voraus".into(),
            Err(_) => String::new(),
        },
        Kind::Number => value.to_string(),
        Kind::Bool => match value.as_bool() {
            Some(true) => "ja".into(),
            Some(false) => "nein".into(),
            None => String::new(),
        },
        Kind::Text => value.as_str().unwrap_or_default().to_string(),
    }
}

/// A value of a dated key with its "gültig ab".
#[derive(Debug, Clone)]
pub struct DatedValue {
    pub key: &'static Key,
    pub value: serde_json::Value,
    pub valid_from: chrono::NaiveDate,
}

/// The settings in force on `on`: `base`, with each dated key at its latest value valid by then
/// (`dated` in the order recorded; a later record for the same day wins).
pub fn in_force(base: &Settings, dated: &[DatedValue], on: chrono::NaiveDate) -> Settings {
    let mut s = base.clone();
    for k in KEYS.iter().filter(|k| k.dated) {
        let latest = dated
            .iter()
            .enumerate()
            .filter(|(_, d)| d.key.key == k.key && d.valid_from <= on)
            .max_by_key(|(i, d)| (d.valid_from, *i));
        if let Some((_, d)) = latest {
            s = with_value(&s, k, &d.value).unwrap_or(s);
        }
    }
    s
}

#[cfg(test)]
mod dated_tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_rate_from_january_leaves_december_alone() {
        let base = Settings::default();
        let rate = find_key("allowance.rate").unwrap();
        let dated = vec![DatedValue {
            key: rate,
            value: serde_json::json!(14_000),
            valid_from: d("2027-01-01"),
        }];
        assert_eq!(
            in_force(&base, &dated, d("2026-12-01"))
                .allowance
                .rate_cents,
            13_000
        );
        assert_eq!(
            in_force(&base, &dated, d("2027-01-01"))
                .allowance
                .rate_cents,
            14_000
        );
        assert_eq!(display(rate, &serde_json::json!(14_000)), "140,00 €");
        assert_eq!(value_of(&base, rate), serde_json::json!(13_000));
        assert!(find_key("allowance.rat").is_err());
    }
}
