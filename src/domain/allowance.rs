//! Monthly allowances (docs/DOMAIN.md#allowances): eligible days, pro rata amounts, partial-month modes,
//! lowering by hand. Pure functions; the store keeps runs and lines.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::periods::LifecycleSettings;
use crate::domain::pilot::Pilot;
use crate::domain::record::LifecycleData;
use crate::domain::timeline::{SettingsHistory, Timeline};
use crate::error::{Error, FieldError, Result};

/// How a month with only some eligible days is paid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PartialMonth {
    /// rate × eligible days / days in month, rounded half up to the cent.
    #[default]
    ProRata,
    /// The full rate if at least one day was eligible.
    FullMonthIfAnyDay,
    /// Only whole months are paid.
    NothingForPartial,
}

/// When a month is paid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// After the month has ended (approval only then).
    #[default]
    InArrears,
    /// At the start of the month.
    InAdvance,
}

/// Allowance settings; Landkreis Harz defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct AllowanceSettings {
    pub rate_cents: i64,
    pub cap_cents: i64,
    pub partial_month: PartialMonth,
    pub timing: Timing,
    /// Printed on statements.
    pub legal_basis: String,
    /// Printed on statements: tax and social benefits.
    pub tax_note: String,
    /// Days after the end of the month (in arrears) or after its start (in advance) the payment is due.
    pub due_days: u32,
    /// "Auszahlung nur mit Tätigkeitsnachweis": a line with an amount needs an activity record of
    /// its month or a waiver with a reason before the month can be approved.
    pub require_activity: bool,
    /// Active pilots without an activity for this many months are on the due list (0: off).
    pub inactive_months: u32,
}

impl Default for AllowanceSettings {
    fn default() -> Self {
        AllowanceSettings {
            rate_cents: 13_000,
            cap_cents: 20_000,
            partial_month: PartialMonth::ProRata,
            timing: Timing::InArrears,
            legal_basis: "Richtlinie über die Gewährung von Zuwendungen zur Förderung ehrenamtlicher \
                Integrationslotsen in Sachsen-Anhalt; Satzung des Landkreises Harz nach § 35 Abs. 2 KVG LSA"
                .into(),
            tax_note: "Die Aufwandsentschädigung wird aus öffentlichen Mitteln gezahlt (§ 3 Nr. 12 EStG). Bitte \
                teilen Sie sie dem Jobcenter oder Sozialamt mit, wenn Sie Leistungen beziehen."
                .into(),
            due_days: 15,
            require_activity: false,
            inactive_months: 3,
        }
    }
}

impl AllowanceSettings {
    /// A rate above the cap, negative amounts or a cap above 1.000 € are refused.
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        if !(0..=100_000).contains(&self.cap_cents) {
            errors.push(FieldError::new(
                "cap_cents",
                "Höchstbetrag muss zwischen 0 und 1.000,00 € liegen.",
            ));
        }
        if self.rate_cents < 0 {
            errors.push(FieldError::new(
                "rate_cents",
                "Monatsbetrag darf nicht negativ sein.",
            ));
        } else if self.rate_cents > self.cap_cents {
            errors.push(FieldError::new(
                "rate_cents",
                format!(
                    "Monatsbetrag {} liegt über dem Höchstbetrag {}.",
                    crate::domain::money::Cents(self.rate_cents),
                    crate::domain::money::Cents(self.cap_cents)
                ),
            ));
        }
        if self.due_days > 60 {
            errors.push(FieldError::new(
                "due_days",
                "Fälligkeit: höchstens 60 Tage.",
            ));
        }
        if self.inactive_months > 24 {
            errors.push(FieldError::new(
                "inactive_months",
                "Ohne Tätigkeit: höchstens 24 Monate (0 schaltet den Hinweis ab).",
            ));
        }
        Error::check(errors)
    }
}

/// A calendar month, written "2026-11".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    /// Parses "2026-11" (also "11/2026").
    pub fn parse(s: &str) -> Option<Month> {
        let s = s.trim();
        let (y, m) = s
            .split_once('-')
            .or_else(|| s.split_once('/').map(|(m, y)| (y, m)))?;
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Month { year, month })
    }

    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day() - Days::new(1)
    }

    pub fn days(self) -> u32 {
        self.last_day().day()
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// "November 2026".
    pub fn label(self) -> String {
        format!(
            "{} {}",
            crate::domain::dates::MONTH_NAMES[self.month as usize - 1],
            self.year
        )
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// `num / den` rounded half up (both non-negative).
pub fn round_half_up(num: i64, den: i64) -> i64 {
    (2 * num + den) / (2 * den)
}

/// The amount for a month with `eligible` of `days` days eligible, never above the cap.
pub fn amount_for(eligible: u32, days: u32, s: &AllowanceSettings) -> i64 {
    let rate = s.rate_cents.min(s.cap_cents);
    let amount = match s.partial_month {
        _ if eligible == 0 => 0,
        PartialMonth::ProRata => round_half_up(rate * i64::from(eligible), i64::from(days)),
        PartialMonth::FullMonthIfAnyDay => rate,
        PartialMonth::NothingForPartial if eligible >= days => rate,
        PartialMonth::NothingForPartial => 0,
    };
    amount.clamp(0, s.cap_cents)
}

/// Days of `month` on which the pilot was eligible (status Aktiv and screening valid), with the
/// same eFZ periods on every day.
pub fn eligible_days(data: &LifecycleData, month: Month, settings: &LifecycleSettings) -> u32 {
    Timeline::build(data, None, |_| None, &SettingsHistory::fixed(*settings))
        .eligible_days(month.first_day(), month.last_day())
}

/// A computed allowance for one pilot and month (before any lowering by hand).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Computed {
    pub pilot_id: i64,
    pub eligible_days: u32,
    pub days_in_month: u32,
    pub rate_cents: i64,
    pub computed_cents: i64,
}

/// One computed line per pilot with at least one eligible day in `month`, in the order of
/// `pilots`; the eFZ periods of each day are in the timelines.
pub fn compute_month(
    month: Month,
    pilots: &[Pilot],
    timelines: &HashMap<i64, Timeline>,
    allowance: &AllowanceSettings,
) -> Vec<Computed> {
    pilots
        .iter()
        .filter_map(|p| {
            let days = timelines
                .get(&p.id)
                .map_or(0, |t| t.eligible_days(month.first_day(), month.last_day()));
            (days > 0).then(|| Computed {
                pilot_id: p.id,
                eligible_days: days,
                days_in_month: month.days(),
                rate_cents: allowance.rate_cents,
                computed_cents: amount_for(days, month.days(), allowance),
            })
        })
        .collect()
}

/// Checks a lowering by hand: between 0 and the computed amount (never above the cap), with a reason.
pub fn check_lowering(
    amount_cents: i64,
    computed_cents: i64,
    cap_cents: i64,
    reason: &str,
) -> Result<()> {
    let mut errors = Vec::new();
    let upper = computed_cents.min(cap_cents);
    if amount_cents < 0 {
        errors.push(FieldError::new(
            "amount_cents",
            "Betrag darf nicht negativ sein.",
        ));
    } else if amount_cents > upper {
        errors.push(FieldError::new(
            "amount_cents",
            format!(
                "Betrag darf nur gesenkt werden: höchstens {} (berechnet, Höchstbetrag {}).",
                crate::domain::money::Cents(upper),
                crate::domain::money::Cents(cap_cents)
            ),
        ));
    }
    if reason.trim().is_empty() {
        errors.push(FieldError::new("reason", "Begründung fehlt."));
    } else if reason.chars().count() > 500 {
        errors.push(FieldError::new(
            "reason",
            "Begründung ist zu lang (höchstens 500 Zeichen).",
        ));
    }
    Error::check(errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::StatusChange;
    use crate::domain::pilot::Status;
    use crate::domain::record::ScreeningRecord;
    use crate::domain::screening::{Screening, ScreeningResult};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    fn s() -> AllowanceSettings {
        AllowanceSettings::default()
    }

    #[test]
    fn pro_rata_in_months_of_28_29_30_31_days() {
        assert_eq!(m("2026-02").days(), 28);
        assert_eq!(m("2028-02").days(), 29);
        assert_eq!(m("2026-11").days(), 30);
        assert_eq!(m("2026-12").days(), 31);
        // 130 € × 14/28 = 65,00 €; × 10/29 = 44,827… → 44,83 €; × 1/30 = 4,333… → 4,33 €; × 16/31 = 67,096… → 67,10 €
        assert_eq!(amount_for(14, 28, &s()), 6_500);
        assert_eq!(amount_for(10, 29, &s()), 4_483);
        assert_eq!(amount_for(1, 30, &s()), 433);
        assert_eq!(amount_for(16, 31, &s()), 6_710);
        for days in [28, 29, 30, 31] {
            assert_eq!(amount_for(days, days, &s()), 13_000, "full month of {days}");
            assert_eq!(amount_for(0, days, &s()), 0);
        }
    }

    #[test]
    fn rounding_half_up_at_half_a_cent() {
        // 5 × 1 / 2 = 2.5 cents → 3; 5 × 1 / 10 = 0.5 → 1; 0.49 → 0.
        assert_eq!(round_half_up(5, 2), 3);
        assert_eq!(round_half_up(5, 10), 1);
        assert_eq!(round_half_up(49, 100), 0);
        // A rate of 1,05 € for 15 of 30 days is 52,5 cents → 53 cents.
        let odd = AllowanceSettings {
            rate_cents: 105,
            ..s()
        };
        assert_eq!(amount_for(15, 30, &odd), 53);
    }

    #[test]
    fn partial_month_modes() {
        let full = AllowanceSettings {
            partial_month: PartialMonth::FullMonthIfAnyDay,
            ..s()
        };
        let whole = AllowanceSettings {
            partial_month: PartialMonth::NothingForPartial,
            ..s()
        };
        assert_eq!(amount_for(1, 30, &full), 13_000);
        assert_eq!(amount_for(0, 30, &full), 0);
        assert_eq!(amount_for(29, 30, &whole), 0);
        assert_eq!(amount_for(30, 30, &whole), 13_000);
    }

    #[test]
    fn never_above_the_cap_and_rate_above_cap_refused() {
        let bad = AllowanceSettings {
            rate_cents: 20_001,
            ..s()
        };
        assert!(matches!(bad.validate(), Err(Error::Validation(e)) if e[0].field == "rate_cents"));
        assert!(AllowanceSettings {
            rate_cents: 20_000,
            ..s()
        }
        .validate()
        .is_ok());
        // Even a stored rate above the cap is paid at most the cap.
        assert_eq!(amount_for(30, 30, &bad), 20_000);
    }

    #[test]
    fn lowering_by_hand() {
        assert!(check_lowering(10_000, 13_000, 20_000, "Krankheit").is_ok());
        assert!(check_lowering(0, 13_000, 20_000, "kein Einsatz").is_ok());
        assert!(
            check_lowering(13_001, 13_000, 20_000, "mehr").is_err(),
            "above computed"
        );
        assert!(check_lowering(-1, 13_000, 20_000, "x").is_err());
        assert!(
            check_lowering(20_001, 30_000, 20_000, "x").is_err(),
            "above cap"
        );
        assert!(
            matches!(check_lowering(100, 13_000, 20_000, " "), Err(Error::Validation(e)) if e[0].field == "reason")
        );
    }

    fn active_from(on: &str, cert: &str) -> LifecycleData {
        let c = d(cert);
        LifecycleData {
            history: vec![StatusChange {
                status: Status::Active,
                effective_on: d(on),
                note: String::new(),
                who: String::new(),
                seq: 1,
            }],
            screenings: vec![ScreeningRecord {
                id: 1,
                screening: Screening {
                    letter_issued_on: None,
                    certificate_dated: Some(c),
                    inspected_on: Some(c + Days::new(5)),
                    inspected_by: "X".into(),
                    result: Some(ScreeningResult::Clear),
                },
            }],
            ..Default::default()
        }
    }

    #[test]
    fn appointment_on_the_last_day_and_efz_expiring_mid_month() {
        let ls = LifecycleSettings::default();
        // Appointed on 30.11.: one eligible day of 30.
        let data = active_from("2026-11-30", "2026-01-10");
        assert_eq!(eligible_days(&data, m("2026-11"), &ls), 1);
        assert_eq!(amount_for(1, 30, &s()), 433);
        // Certificate dated 15.12.2021: re-inspection due 15.12.2026, so eligible 1.–14.12. = 14 days.
        let data = active_from("2025-01-01", "2021-12-15");
        assert_eq!(eligible_days(&data, m("2026-12"), &ls), 14);
        assert_eq!(amount_for(14, 31, &s()), 5_871); // 130 × 14 / 31 = 58,709… → 58,71 €
        assert_eq!(eligible_days(&data, m("2027-01"), &ls), 0);
    }

    #[test]
    fn months() {
        assert_eq!(m("2026-11").to_string(), "2026-11");
        assert_eq!(Month::parse("11/2026"), Some(m("2026-11")));
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(m("2026-12").next(), m("2027-01"));
        assert_eq!(m("2026-11").label(), "November 2026");
    }
}
