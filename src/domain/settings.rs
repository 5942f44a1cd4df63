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
}

impl Default for DataSettings {
    fn default() -> Self {
        DataSettings {
            backup_keep: 14,
            documents_dir: String::new(),
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
    if s.desk_user.chars().count() > 100 {
        errors.push(FieldError::new(
            "desk_user",
            "Name am Arbeitsplatz ist zu lang (höchstens 100 Zeichen).",
        ));
    }
    Error::check(errors)
}
