//! The extended certificate of conduct (erweitertes Führungszeugnis, eFZ), docs/DOMAIN.md#screening.
//! Only the facts of the inspection are recorded, never a copy or the content of the certificate.
//! Pure rules over a record and a date.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::dates::format_date;
use crate::domain::periods::LifecycleSettings;
use crate::error::{Error, FieldError, Result};

/// Longest name accepted for "inspected by".
const MAX_NAME: usize = 200;

/// The result of an inspection: the only content of the certificate that is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ScreeningResult {
    /// "ohne relevanten Eintrag"
    Clear,
    /// "relevanter Eintrag"
    RelevantEntry,
}

impl ScreeningResult {
    /// The code used in the database, JSON and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            ScreeningResult::Clear => "clear",
            ScreeningResult::RelevantEntry => "relevant_entry",
        }
    }

    /// The German label shown in the app.
    pub fn label(self) -> &'static str {
        match self {
            ScreeningResult::Clear => "ohne relevanten Eintrag",
            ScreeningResult::RelevantEntry => "relevanter Eintrag",
        }
    }

    /// Accepts the code or the German label (case-insensitive), also the words of the office's
    /// list: "ohne Eintrag" and "mit Eintrag".
    pub fn parse(s: &str) -> Option<ScreeningResult> {
        let s = s
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        match s.as_str() {
            "ohne eintrag" | "kein eintrag" => return Some(ScreeningResult::Clear),
            "mit eintrag" => return Some(ScreeningResult::RelevantEntry),
            _ => {}
        }
        [ScreeningResult::Clear, ScreeningResult::RelevantEntry]
            .into_iter()
            .find(|r| r.code() == s || r.label().to_lowercase() == s)
    }
}

/// One screening record: the confirmation letter and the inspection of the certificate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Screening {
    /// The confirmation letter for the fee-free application (§ 30a BZRG) was issued on.
    pub letter_issued_on: Option<NaiveDate>,
    /// The date printed on the certificate.
    pub certificate_dated: Option<NaiveDate>,
    /// The day the certificate was shown and inspected.
    pub inspected_on: Option<NaiveDate>,
    /// Who inspected it.
    pub inspected_by: String,
    /// The result of the inspection.
    pub result: Option<ScreeningResult>,
}

impl Screening {
    /// The inspection facts when complete: (inspected on, certificate dated, result).
    fn inspection(&self) -> Option<(NaiveDate, NaiveDate, ScreeningResult)> {
        Some((self.inspected_on?, self.certificate_dated?, self.result?))
    }

    /// Whether the certificate was at most `certificate_max_age_months` old when inspected.
    /// Exactly that many months old still counts; one day older does not. `None` when not inspected.
    pub fn fresh_at_inspection(&self, settings: &LifecycleSettings) -> Option<bool> {
        let (inspected, dated, _) = self.inspection()?;
        Some(add_months(dated, settings.certificate_max_age_months) >= inspected)
    }
}

fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    // Month ends clamp (31.01. + 1 month = 28./29.02.); overflow only for absurd dates.
    d.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Checks a screening record before it is stored; every field error at once, in German.
pub fn validate_screening(s: &Screening, today: NaiveDate) -> Result<()> {
    let mut errors = Vec::new();
    let dates = [
        (
            "letter_issued_on",
            "Das Bestätigungsschreiben",
            s.letter_issued_on,
        ),
        (
            "certificate_dated",
            "Das Ausstellungsdatum des Zeugnisses",
            s.certificate_dated,
        ),
        (
            "inspected_on",
            "Das Datum der Einsichtnahme",
            s.inspected_on,
        ),
    ];
    for (field, label, date) in dates {
        if date.is_some_and(|d| d > today) {
            errors.push(FieldError::new(
                field,
                format!("{label} darf nicht in der Zukunft liegen."),
            ));
        }
    }
    let inspected_by = s.inspected_by.trim();
    if inspected_by.chars().count() > MAX_NAME {
        errors.push(FieldError::new(
            "inspected_by",
            format!("„Eingesehen von“ ist zu lang (höchstens {MAX_NAME} Zeichen)."),
        ));
    }
    match s.inspected_on {
        Some(inspected) => {
            match s.certificate_dated {
                None => errors.push(FieldError::new(
                    "certificate_dated",
                    "Das Ausstellungsdatum des Zeugnisses fehlt.",
                )),
                Some(dated) if dated > inspected => errors.push(FieldError::new(
                    "certificate_dated",
                    "Das Zeugnis kann nicht nach der Einsichtnahme ausgestellt sein.",
                )),
                Some(_) => {}
            }
            if s.result.is_none() {
                errors.push(FieldError::new(
                    "result",
                    "Das Ergebnis der Einsichtnahme fehlt.",
                ));
            }
            if inspected_by.is_empty() {
                errors.push(FieldError::new(
                    "inspected_by",
                    "Es fehlt, wer das Zeugnis eingesehen hat.",
                ));
            }
        }
        None => {
            // Certificate date, result and inspector are facts of an inspection: without its date they mean nothing.
            if s.certificate_dated.is_some() || s.result.is_some() || !inspected_by.is_empty() {
                errors.push(FieldError::new(
                    "inspected_on",
                    "Das Datum der Einsichtnahme fehlt.",
                ));
            }
        }
    }
    Error::check(errors)
}

/// The derived state of a pilot's screening on a day (docs/DOMAIN.md#screening, docs/GLOSSARY.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ScreeningState {
    /// Nothing usable: no record, no letter, or an inspection that does not count (see [`invalid_reason`]).
    Missing,
    /// The letter was issued, no certificate inspected yet.
    Requested,
    /// Inspected, clear, fresh at inspection, re-inspection more than the warning period away.
    Valid,
    /// Still valid, but the re-inspection date is within the warning period.
    Expiring,
    /// The re-inspection date has been reached.
    Expired,
    /// The certificate has a relevant entry: blocks appointment and eligibility.
    RelevantEntry,
}

impl ScreeningState {
    /// Every state, in the order of the declaration (the kept timelines store the index).
    pub const ALL: [ScreeningState; 6] = [
        ScreeningState::Missing,
        ScreeningState::Requested,
        ScreeningState::Valid,
        ScreeningState::Expiring,
        ScreeningState::Expired,
        ScreeningState::RelevantEntry,
    ];

    /// The code used in JSON and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            ScreeningState::Missing => "missing",
            ScreeningState::Requested => "requested",
            ScreeningState::Valid => "valid",
            ScreeningState::Expiring => "expiring",
            ScreeningState::Expired => "expired",
            ScreeningState::RelevantEntry => "relevant_entry",
        }
    }

    /// The German label shown in the app.
    pub fn label(self) -> &'static str {
        match self {
            ScreeningState::Missing => "fehlt",
            ScreeningState::Requested => "beantragt",
            ScreeningState::Valid => "gültig",
            ScreeningState::Expiring => "läuft ab",
            ScreeningState::Expired => "abgelaufen",
            ScreeningState::RelevantEntry => "relevanter Eintrag",
        }
    }

    /// Valid and expiring both count as valid: the pilot may be appointed and is eligible.
    pub fn is_valid(self) -> bool {
        matches!(self, ScreeningState::Valid | ScreeningState::Expiring)
    }
}

/// The re-inspection date: certificate date + `reinspection_years`. From this day on the screening is expired.
pub fn reinspection_date(s: &Screening, settings: &LifecycleSettings) -> Option<NaiveDate> {
    s.certificate_dated
        .map(|d| add_months(d, settings.reinspection_years.saturating_mul(12)))
}

/// The state of one screening record on `date`.
///
/// An inspection counts from its day on, and only when complete (date, certificate date, result).
/// Before that: `Requested` if the letter was issued by then, else `Missing`. A relevant entry wins over
/// everything else. A certificate that was too old when inspected makes the inspection void: `Missing`
/// (docs/DOMAIN.md#screening has no own state for it; [`invalid_reason`] says why). Valid strictly before the
/// re-inspection date; `Expiring` from `warning_days` before it (that day included).
pub fn screening_state(
    s: Option<&Screening>,
    date: NaiveDate,
    settings: &LifecycleSettings,
) -> ScreeningState {
    let Some(s) = s else {
        return ScreeningState::Missing;
    };
    match s.inspection() {
        Some((inspected, dated, result)) if inspected <= date => {
            if result == ScreeningResult::RelevantEntry {
                return ScreeningState::RelevantEntry;
            }
            if add_months(dated, settings.certificate_max_age_months) < inspected {
                return ScreeningState::Missing;
            }
            let reinspection = add_months(dated, settings.reinspection_years.saturating_mul(12));
            let warn_from = reinspection
                .checked_sub_days(Days::new(settings.warning_days.into()))
                .unwrap_or(NaiveDate::MIN);
            if date >= reinspection {
                ScreeningState::Expired
            } else if date >= warn_from {
                ScreeningState::Expiring
            } else {
                ScreeningState::Valid
            }
        }
        _ if s.letter_issued_on.is_some_and(|l| l <= date) => ScreeningState::Requested,
        _ => ScreeningState::Missing,
    }
}

/// Why the screening is not valid on `date`, in German, for messages such as
/// "Führungszeugnis nicht gültig am … (…)"; `None` when it is valid.
pub fn invalid_reason(
    s: Option<&Screening>,
    date: NaiveDate,
    settings: &LifecycleSettings,
) -> Option<String> {
    let state = screening_state(s, date, settings);
    if state.is_valid() {
        return None;
    }
    if let Some(s) = s {
        if let Some((inspected, _, _)) = s.inspection() {
            if inspected > date {
                return Some(format!("erst am {} eingesehen", format_date(inspected)));
            }
            if state == ScreeningState::Missing && s.fresh_at_inspection(settings) == Some(false) {
                let months = settings.certificate_max_age_months;
                let unit = if months == 1 { "Monat" } else { "Monate" };
                return Some(format!("Zeugnis war bei Vorlage älter als {months} {unit}"));
            }
            if state == ScreeningState::Expired {
                if let Some(r) = reinspection_date(s, settings) {
                    return Some(format!("abgelaufen seit {}", format_date(r)));
                }
            }
        }
    }
    Some(state.label().to_string())
}

/// For pilots with several records (e.g. one per re-inspection): the record that applies on `date`.
/// The latest complete inspection on or before that day that counts (later in the slice wins a tie);
/// an inspection of a certificate that was too old when shown does not count, so a void renewal does
/// not hide an older certificate that is still valid (a relevant entry always counts). If no
/// inspection counts, the latest void one (its state says why); if there is none at all, the latest
/// record whose letter was issued by then; else `None`.
pub fn current_screening<'a>(
    records: &'a [Screening],
    date: NaiveDate,
    settings: &LifecycleSettings,
) -> Option<&'a Screening> {
    let inspected: Vec<(NaiveDate, usize, &Screening)> = records
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.inspection().map(|(on, _, _)| (on, i, s)))
        .filter(|(on, _, _)| *on <= date)
        .collect();
    let counts = |s: &Screening| {
        s.result == Some(ScreeningResult::RelevantEntry)
            || s.fresh_at_inspection(settings) == Some(true)
    };
    let latest = |only_counting: bool| {
        inspected
            .iter()
            .filter(|(_, _, s)| !only_counting || counts(s))
            .max_by_key(|(on, i, _)| (*on, *i))
            .map(|(_, _, s)| *s)
    };
    latest(true).or_else(|| latest(false)).or_else(|| {
        records
            .iter()
            .filter(|s| s.letter_issued_on.is_some_and(|l| l <= date))
            .max_by_key(|s| s.letter_issued_on)
    })
}

/// The screening state on `date` over all of a pilot's records (see [`current_screening`]).
/// With a single record pass `Option::as_slice()`.
pub fn screening_state_on(
    records: &[Screening],
    date: NaiveDate,
    settings: &LifecycleSettings,
) -> ScreeningState {
    screening_state(current_screening(records, date, settings), date, settings)
}

/// Due list: the letter was issued but no certificate inspected since, and `letter_followup_days` have
/// passed (that day included). Returns the letter date.
pub fn letter_unanswered(
    s: &Screening,
    today: NaiveDate,
    settings: &LifecycleSettings,
) -> Option<NaiveDate> {
    letter_unanswered_in(std::slice::from_ref(s), today, settings)
}

/// Due list over all of a pilot's records: the latest letter (by today) is answered by an inspection
/// on or after its day in any record, also one recorded as a new record. Returns the letter date.
pub fn letter_unanswered_in(
    records: &[Screening],
    today: NaiveDate,
    settings: &LifecycleSettings,
) -> Option<NaiveDate> {
    let letter = records
        .iter()
        .filter_map(|s| s.letter_issued_on)
        .filter(|l| *l <= today)
        .max()?;
    // An inspection before the letter is the previous one (the letter asks for re-inspection).
    let answered = records
        .iter()
        .filter_map(|s| s.inspected_on)
        .any(|i| i >= letter && i <= today);
    let waited = (today - letter).num_days() >= i64::from(settings.letter_followup_days);
    (!answered && waited).then_some(letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn settings() -> LifecycleSettings {
        LifecycleSettings::default()
    }

    /// Certificate of 15.01.2026, inspected 01.02.2026, clear: re-inspection 15.01.2031.
    fn clear() -> Screening {
        Screening {
            letter_issued_on: Some(d(2025, 12, 1)),
            certificate_dated: Some(d(2026, 1, 15)),
            inspected_on: Some(d(2026, 2, 1)),
            inspected_by: "Frau Krüger".into(),
            result: Some(ScreeningResult::Clear),
        }
    }

    fn state(s: &Screening, on: NaiveDate) -> ScreeningState {
        screening_state(Some(s), on, &settings())
    }

    fn errors_of(s: &Screening, today: NaiveDate) -> Vec<(String, String)> {
        match validate_screening(s, today) {
            Err(Error::Validation(e)) => e.into_iter().map(|e| (e.field, e.message)).collect(),
            other => panic!("expected validation error, got {other:?}"),
        }
    }

    #[test]
    fn nothing_recorded_is_missing() {
        assert_eq!(
            screening_state(None, d(2026, 1, 1), &settings()),
            ScreeningState::Missing
        );
        assert_eq!(
            state(&Screening::default(), d(2026, 1, 1)),
            ScreeningState::Missing
        );
    }

    #[test]
    fn letter_without_inspection_is_requested_from_its_day() {
        let s = Screening {
            letter_issued_on: Some(d(2026, 3, 10)),
            ..Default::default()
        };
        assert_eq!(state(&s, d(2026, 3, 9)), ScreeningState::Missing);
        assert_eq!(state(&s, d(2026, 3, 10)), ScreeningState::Requested);
    }

    #[test]
    fn inspection_counts_from_its_day() {
        let s = clear();
        assert_eq!(
            state(&s, d(2026, 1, 31)),
            ScreeningState::Requested,
            "letter issued, not yet inspected"
        );
        assert_eq!(state(&s, d(2026, 2, 1)), ScreeningState::Valid);
        let no_letter = Screening {
            letter_issued_on: None,
            ..clear()
        };
        assert_eq!(state(&no_letter, d(2026, 1, 31)), ScreeningState::Missing);
        assert_eq!(
            invalid_reason(Some(&no_letter), d(2026, 1, 31), &settings()).as_deref(),
            Some("erst am 01.02.2026 eingesehen")
        );
    }

    #[test]
    fn certificate_exactly_three_months_old_counts_one_day_older_not() {
        let exact = Screening {
            certificate_dated: Some(d(2026, 1, 15)),
            inspected_on: Some(d(2026, 4, 15)),
            ..clear()
        };
        assert_eq!(exact.fresh_at_inspection(&settings()), Some(true));
        assert_eq!(state(&exact, d(2026, 4, 15)), ScreeningState::Valid);
        assert_eq!(
            invalid_reason(Some(&exact), d(2026, 4, 15), &settings()),
            None
        );

        let older = Screening {
            inspected_on: Some(d(2026, 4, 16)),
            ..exact
        };
        assert_eq!(older.fresh_at_inspection(&settings()), Some(false));
        assert_eq!(state(&older, d(2026, 4, 16)), ScreeningState::Missing);
        assert_eq!(
            invalid_reason(Some(&older), d(2026, 6, 1), &settings()).as_deref(),
            Some("Zeugnis war bei Vorlage älter als 3 Monate")
        );
    }

    #[test]
    fn month_end_clamps_for_the_age_check() {
        // 30.11. + 3 months = 28.02. (2027 is no leap year).
        let s = Screening {
            certificate_dated: Some(d(2026, 11, 30)),
            inspected_on: Some(d(2027, 2, 28)),
            ..clear()
        };
        assert_eq!(s.fresh_at_inspection(&settings()), Some(true));
        let s = Screening {
            inspected_on: Some(d(2027, 3, 1)),
            ..s
        };
        assert_eq!(s.fresh_at_inspection(&settings()), Some(false));
    }

    #[test]
    fn reinspection_day_itself_is_expired_the_day_before_not() {
        let s = clear();
        assert_eq!(reinspection_date(&s, &settings()), Some(d(2031, 1, 15)));
        assert_eq!(state(&s, d(2031, 1, 14)), ScreeningState::Expiring);
        assert!(state(&s, d(2031, 1, 14)).is_valid());
        assert_eq!(state(&s, d(2031, 1, 15)), ScreeningState::Expired);
        assert!(!state(&s, d(2031, 1, 15)).is_valid());
        assert_eq!(
            invalid_reason(Some(&s), d(2031, 1, 15), &settings()).as_deref(),
            Some("abgelaufen seit 15.01.2031")
        );
    }

    #[test]
    fn warning_starts_ninety_days_before() {
        let s = clear();
        // 15.01.2031 − 90 days = 17.10.2030.
        assert_eq!(state(&s, d(2030, 10, 16)), ScreeningState::Valid);
        assert_eq!(state(&s, d(2030, 10, 17)), ScreeningState::Expiring);
        let no_warning = LifecycleSettings {
            warning_days: 0,
            ..settings()
        };
        assert_eq!(
            screening_state(Some(&s), d(2031, 1, 14), &no_warning),
            ScreeningState::Valid
        );
    }

    #[test]
    fn relevant_entry_wins() {
        let s = Screening {
            result: Some(ScreeningResult::RelevantEntry),
            ..clear()
        };
        assert_eq!(state(&s, d(2026, 2, 1)), ScreeningState::RelevantEntry);
        assert_eq!(
            state(&s, d(2032, 1, 1)),
            ScreeningState::RelevantEntry,
            "also after expiry"
        );
        assert_eq!(
            invalid_reason(Some(&s), d(2026, 3, 1), &settings()).as_deref(),
            Some("relevanter Eintrag")
        );
    }

    #[test]
    fn settings_change_the_periods() {
        let s = clear();
        let longer = LifecycleSettings {
            reinspection_years: 3,
            ..settings()
        };
        assert_eq!(reinspection_date(&s, &longer), Some(d(2029, 1, 15)));
        assert_eq!(
            screening_state(Some(&s), d(2029, 1, 15), &longer),
            ScreeningState::Expired
        );
    }

    #[test]
    fn several_records_latest_inspection_applies() {
        let old = clear();
        let renewal = Screening {
            letter_issued_on: Some(d(2030, 11, 1)),
            certificate_dated: Some(d(2030, 12, 20)),
            inspected_on: Some(d(2031, 1, 5)),
            inspected_by: "Frau Krüger".into(),
            result: Some(ScreeningResult::Clear),
        };
        let records = [old.clone(), renewal.clone()];
        // While the renewal is only requested the old inspection still applies.
        assert_eq!(
            screening_state_on(&records, d(2030, 12, 1), &settings()),
            ScreeningState::Expiring
        );
        assert_eq!(
            screening_state_on(&records, d(2031, 1, 5), &settings()),
            ScreeningState::Valid
        );
        assert_eq!(
            current_screening(&records, d(2031, 1, 5), &settings()),
            Some(&renewal)
        );
        assert_eq!(
            current_screening(&records, d(2026, 1, 1), &settings()),
            Some(&old),
            "letter only"
        );
        assert_eq!(
            current_screening(&records, d(2025, 1, 1), &settings()),
            None
        );
        let single = Some(old);
        assert_eq!(
            screening_state_on(single.as_slice(), d(2026, 3, 1), &settings()),
            ScreeningState::Valid
        );
    }

    #[test]
    fn validation_complete_record_ok() {
        assert!(validate_screening(&clear(), d(2026, 2, 1)).is_ok());
        assert!(validate_screening(&Screening::default(), d(2026, 2, 1)).is_ok());
        let letter_only = Screening {
            letter_issued_on: Some(d(2026, 2, 1)),
            ..Default::default()
        };
        assert!(validate_screening(&letter_only, d(2026, 2, 1)).is_ok());
    }

    #[test]
    fn validation_dates_not_in_future() {
        let errs = errors_of(&clear(), d(2025, 11, 30));
        let fields: Vec<&str> = errs.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            ["letter_issued_on", "certificate_dated", "inspected_on"]
        );
        assert_eq!(
            errs[2].1,
            "Das Datum der Einsichtnahme darf nicht in der Zukunft liegen."
        );
    }

    #[test]
    fn validation_certificate_not_after_inspection() {
        let s = Screening {
            certificate_dated: Some(d(2026, 2, 2)),
            ..clear()
        };
        assert_eq!(
            errors_of(&s, d(2026, 3, 1)),
            vec![(
                "certificate_dated".to_string(),
                "Das Zeugnis kann nicht nach der Einsichtnahme ausgestellt sein.".to_string()
            )]
        );
    }

    #[test]
    fn validation_inspection_needs_certificate_result_and_inspector() {
        let s = Screening {
            inspected_on: Some(d(2026, 2, 1)),
            ..Default::default()
        };
        let fields: Vec<String> = errors_of(&s, d(2026, 3, 1))
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["certificate_dated", "result", "inspected_by"]);
        let s = Screening {
            inspected_by: "  ".into(),
            ..clear()
        };
        assert_eq!(
            errors_of(&s, d(2026, 3, 1)),
            vec![(
                "inspected_by".to_string(),
                "Es fehlt, wer das Zeugnis eingesehen hat.".to_string()
            )]
        );
    }

    #[test]
    fn validation_inspection_facts_need_the_inspection_date() {
        let s = Screening {
            inspected_on: None,
            ..clear()
        };
        assert_eq!(
            errors_of(&s, d(2026, 3, 1)),
            vec![(
                "inspected_on".to_string(),
                "Das Datum der Einsichtnahme fehlt.".to_string()
            )]
        );
    }

    #[test]
    fn letter_followup_after_six_weeks() {
        let s = Screening {
            letter_issued_on: Some(d(2026, 3, 1)),
            ..Default::default()
        };
        // 01.03. + 42 days = 12.04.
        assert_eq!(letter_unanswered(&s, d(2026, 4, 11), &settings()), None);
        assert_eq!(
            letter_unanswered(&s, d(2026, 4, 12), &settings()),
            Some(d(2026, 3, 1))
        );
        let answered = Screening {
            letter_issued_on: Some(d(2026, 3, 1)),
            certificate_dated: Some(d(2026, 3, 20)),
            inspected_on: Some(d(2026, 4, 1)),
            inspected_by: "Frau Krüger".into(),
            result: Some(ScreeningResult::Clear),
        };
        assert_eq!(
            letter_unanswered(&answered, d(2026, 6, 1), &settings()),
            None
        );
        // A renewal letter after an old inspection is open again.
        let renewal = Screening {
            letter_issued_on: Some(d(2030, 11, 1)),
            ..clear()
        };
        assert_eq!(
            letter_unanswered(&renewal, d(2030, 12, 13), &settings()),
            Some(d(2030, 11, 1))
        );
    }

    #[test]
    fn codes_labels_and_serde() {
        assert_eq!(
            ScreeningResult::parse("relevanter Eintrag"),
            Some(ScreeningResult::RelevantEntry)
        );
        assert_eq!(
            ScreeningResult::parse("clear"),
            Some(ScreeningResult::Clear)
        );
        assert_eq!(ScreeningResult::parse("vielleicht"), None);
        assert_eq!(
            serde_json::to_value(ScreeningResult::RelevantEntry).unwrap(),
            "relevant_entry"
        );
        assert_eq!(
            serde_json::to_value(ScreeningState::Expiring).unwrap(),
            "expiring"
        );
        assert_eq!(ScreeningState::Expiring.label(), "läuft ab");
        assert_eq!(ScreeningState::RelevantEntry.code(), "relevant_entry");
    }

    #[test]
    fn void_renewal_does_not_hide_the_valid_older_certificate() {
        let old = clear(); // valid until 15.01.2031
                           // The renewal's certificate was five months old when shown: the inspection is void.
        let void = Screening {
            letter_issued_on: Some(d(2030, 6, 1)),
            certificate_dated: Some(d(2030, 1, 10)),
            inspected_on: Some(d(2030, 6, 20)),
            inspected_by: "Frau Krüger".into(),
            result: Some(ScreeningResult::Clear),
        };
        let records = [old.clone(), void.clone()];
        assert_eq!(
            current_screening(&records, d(2030, 7, 1), &settings()),
            Some(&old)
        );
        assert_eq!(
            screening_state_on(&records, d(2030, 7, 1), &settings()),
            ScreeningState::Valid
        );
        // Alone the void inspection still says why it does not count.
        assert_eq!(
            screening_state_on(std::slice::from_ref(&void), d(2030, 7, 1), &settings()),
            ScreeningState::Missing
        );
        // A relevant entry counts even on an old certificate: it is never hidden.
        let entry = Screening {
            result: Some(ScreeningResult::RelevantEntry),
            ..void
        };
        assert_eq!(
            screening_state_on(&[old, entry], d(2030, 7, 1), &settings()),
            ScreeningState::RelevantEntry
        );
    }

    #[test]
    fn renewal_letter_answered_by_a_new_record() {
        let old = clear();
        let letter = Screening {
            letter_issued_on: Some(d(2030, 11, 1)),
            ..Default::default()
        };
        let renewal = Screening {
            letter_issued_on: None,
            certificate_dated: Some(d(2030, 11, 20)),
            inspected_on: Some(d(2030, 12, 1)),
            inspected_by: "Frau Krüger".into(),
            result: Some(ScreeningResult::Clear),
        };
        let s = settings();
        assert_eq!(
            letter_unanswered_in(&[old.clone(), letter.clone()], d(2030, 12, 13), &s),
            Some(d(2030, 11, 1))
        );
        assert_eq!(
            letter_unanswered_in(&[old.clone(), letter.clone(), renewal], d(2030, 12, 13), &s),
            None
        );
        // The old inspection (before the letter) does not answer it.
        assert_eq!(
            letter_unanswered_in(&[letter, old], d(2030, 12, 13), &s),
            Some(d(2030, 11, 1))
        );
    }
}
