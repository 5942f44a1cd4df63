//! The periods and the pass mark of the lifecycle (docs/DOMAIN.md#settings). Landkreis Harz defaults, never constants
//! in the rules: another county may set its own values.

use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldError, Result};

/// The periods and limits the lifecycle rules use. Missing keys in stored JSON take the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct LifecycleSettings {
    /// A certificate of conduct may be at most this many months old when it is inspected.
    pub certificate_max_age_months: u32,
    /// Re-inspection is due this many years after the certificate date.
    pub reinspection_years: u32,
    /// The screening shows as "läuft ab" this many days before the re-inspection date.
    pub warning_days: u32,
    /// Written test: share of the maximum points needed to pass, in percent.
    pub pass_mark_percent: u32,
    /// The refresher is due this many months after the appointment.
    pub refresher_months: u32,
    /// Due list: qualified but not appointed for more than this many days.
    pub qualified_waiting_days: u32,
    /// Due list: confirmation letter issued but no certificate inspected after this many days.
    pub letter_followup_days: u32,
    /// Due list: eFZ data of a pilot who has not started this many months after the inspection
    /// (and the entry into the programme) is named for deletion (§ 30a BZRG).
    pub not_started_keep_months: u32,
}

impl Default for LifecycleSettings {
    fn default() -> Self {
        Self {
            certificate_max_age_months: 3,
            reinspection_years: 5,
            warning_days: 90,
            pass_mark_percent: 60,
            refresher_months: 6,
            qualified_waiting_days: 30,
            letter_followup_days: 42,
            not_started_keep_months: 12,
        }
    }
}

/// Checks every value against a plausible range; returns all field errors at once, in German.
pub fn validate_settings(s: &LifecycleSettings) -> Result<()> {
    let checks: [(&str, &str, u32, u32, u32, &str); 8] = [
        (
            "certificate_max_age_months",
            "Höchstalter des Führungszeugnisses bei Vorlage",
            s.certificate_max_age_months,
            1,
            12,
            "Monaten",
        ),
        (
            "reinspection_years",
            "Wiedervorlage des Führungszeugnisses",
            s.reinspection_years,
            1,
            10,
            "Jahren",
        ),
        (
            "warning_days",
            "Vorwarnzeit",
            s.warning_days,
            0,
            365,
            "Tagen",
        ),
        (
            "pass_mark_percent",
            "Bestehensgrenze",
            s.pass_mark_percent,
            1,
            100,
            "%",
        ),
        (
            "refresher_months",
            "Frist für die Auffrischung",
            s.refresher_months,
            1,
            24,
            "Monaten",
        ),
        (
            "qualified_waiting_days",
            "Wartezeit bis zur Berufung",
            s.qualified_waiting_days,
            1,
            365,
            "Tagen",
        ),
        (
            "letter_followup_days",
            "Nachfrist für das Führungszeugnis",
            s.letter_followup_days,
            1,
            365,
            "Tagen",
        ),
        (
            "not_started_keep_months",
            "Frist für eFZ-Daten ohne Tätigkeitsbeginn",
            s.not_started_keep_months,
            1,
            24,
            "Monaten",
        ),
    ];
    let errors: Vec<FieldError> = checks
        .into_iter()
        .filter(|(_, _, value, min, max, _)| !(min..=max).contains(&value))
        .map(|(field, label, _, min, max, unit)| {
            FieldError::new(
                field,
                format!("{label} muss zwischen {min} und {max} {unit} liegen."),
            )
        })
        .collect();
    Error::check(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields_of(s: &LifecycleSettings) -> Vec<(String, String)> {
        match validate_settings(s) {
            Err(Error::Validation(e)) => e.into_iter().map(|e| (e.field, e.message)).collect(),
            other => panic!("expected validation error, got {other:?}"),
        }
    }

    #[test]
    fn defaults_are_the_spec_values_and_valid() {
        let s = LifecycleSettings::default();
        assert_eq!(
            (
                s.certificate_max_age_months,
                s.reinspection_years,
                s.warning_days,
                s.pass_mark_percent,
                s.refresher_months,
                s.qualified_waiting_days,
                s.letter_followup_days
            ),
            (3, 5, 90, 60, 6, 30, 42)
        );
        assert!(validate_settings(&s).is_ok());
    }

    #[test]
    fn pass_mark_range() {
        let mut s = LifecycleSettings {
            pass_mark_percent: 0,
            ..Default::default()
        };
        assert_eq!(
            fields_of(&s),
            vec![(
                "pass_mark_percent".to_string(),
                "Bestehensgrenze muss zwischen 1 und 100 % liegen.".to_string()
            )]
        );
        s.pass_mark_percent = 101;
        assert_eq!(fields_of(&s)[0].0, "pass_mark_percent");
        for ok in [1, 100] {
            s.pass_mark_percent = ok;
            assert!(validate_settings(&s).is_ok(), "{ok}");
        }
    }

    #[test]
    fn all_errors_at_once() {
        let s = LifecycleSettings {
            certificate_max_age_months: 0,
            reinspection_years: 0,
            warning_days: 366,
            pass_mark_percent: 0,
            refresher_months: 0,
            qualified_waiting_days: 0,
            letter_followup_days: 0,
            not_started_keep_months: 25,
        };
        let fields: Vec<String> = fields_of(&s).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                "certificate_max_age_months",
                "reinspection_years",
                "warning_days",
                "pass_mark_percent",
                "refresher_months",
                "qualified_waiting_days",
                "letter_followup_days",
                "not_started_keep_months"
            ]
        );
    }

    #[test]
    fn missing_json_keys_take_defaults() {
        let s: LifecycleSettings = serde_json::from_str(r#"{"pass_mark_percent": 70}"#).unwrap();
        assert_eq!(s.pass_mark_percent, 70);
        assert_eq!(s.reinspection_years, 5);
        let back = serde_json::to_value(LifecycleSettings::default()).unwrap();
        assert_eq!(back["letter_followup_days"], 42);
    }
}
