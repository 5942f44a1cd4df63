//! The ledger of approved months (docs/DOMAIN.md#reconciliation): what a pilot is due for a month by
//! today's facts, the differences to what was booked (Abgleich), the bounds of a correction, where
//! waiting corrections go, and claim-backs (Rückforderungen) until they are settled. Pure functions.

use serde::{Deserialize, Serialize};

use crate::domain::allowance::{Computed, Month};
use crate::domain::money::Cents;
use crate::error::{Error, FieldError, Result};

/// How a correction came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionKind {
    /// Entered by hand ("Korrektur"): a decision, kept by the reconciliation.
    Manual,
    /// Accepted from the reconciliation: today's facts differ from the approved month.
    Reconcile,
    /// A claim-back offset against a later payment: settles a debt, changes no month's amount.
    Offset,
}

impl CorrectionKind {
    pub fn code(self) -> &'static str {
        match self {
            CorrectionKind::Manual => "manual",
            CorrectionKind::Reconcile => "reconcile",
            CorrectionKind::Offset => "offset",
        }
    }

    pub fn from_code(s: &str) -> CorrectionKind {
        match s {
            "reconcile" => CorrectionKind::Reconcile,
            "offset" => CorrectionKind::Offset,
            _ => CorrectionKind::Manual,
        }
    }
}

/// "Nachzahlung" for a positive amount, "Rückforderung" for a negative one.
pub fn direction(amount_cents: i64) -> &'static str {
    if amount_cents >= 0 {
        "Nachzahlung"
    } else {
        "Rückforderung"
    }
}

/// What is booked for one pilot and one approved month: the run's line (if the pilot had one) and
/// the corrections for that month, split by kind (offsets never count: they settle debts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Booked {
    pub pilot_id: i64,
    pub name: String,
    pub statement_number: Option<String>,
    pub eligible_days: u32,
    pub computed_cents: i64,
    /// The line's amount after any lowering by hand.
    pub amount_cents: i64,
    pub manual_cents: i64,
    pub reconcile_cents: i64,
}

impl Booked {
    /// Paid (or booked to be paid) for the month: the line plus every correction for it.
    pub fn paid_cents(&self) -> i64 {
        self.amount_cents + self.manual_cents + self.reconcile_cents
    }

    /// What the coordinator took off by hand.
    pub fn lowered_cents(&self) -> i64 {
        self.computed_cents - self.amount_cents
    }
}

/// What a pilot is due for a month by today's facts: the fresh computation, less a lowering by hand,
/// plus corrections entered by hand (both decisions stay as made), within 0 and the month's cap.
pub fn due_cents(fresh_cents: i64, booked: &Booked, cap_cents: i64) -> i64 {
    (fresh_cents - booked.lowered_cents() + booked.manual_cents).clamp(0, cap_cents)
}

/// One difference found by the reconciliation: a proposed correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct MonthDifference {
    pub pilot_id: i64,
    pub name: String,
    /// The month it is for, "2026-11".
    pub month: String,
    pub month_label: String,
    /// That month's statement number of the pilot; `None` when there was no statement.
    pub statement_number: Option<String>,
    pub booked_days: u32,
    pub days: u32,
    pub days_in_month: u32,
    pub paid_cents: i64,
    pub due_cents: i64,
    /// Due minus paid: positive a Nachzahlung, negative a Rückforderung.
    pub difference_cents: i64,
    /// "Nachzahlung" or "Rückforderung".
    pub kind: String,
    /// The reason the correction will carry.
    pub reason: String,
}

/// The differences of one approved month: every pilot with a line or booked corrections for it, and
/// every pilot the facts now give eligible days (also without a statement for that month).
pub fn month_differences(
    month: Month,
    booked: &[Booked],
    fresh: &[Computed],
    names: &dyn Fn(i64) -> String,
    cap_cents: i64,
) -> Vec<MonthDifference> {
    let mut ids: Vec<i64> = booked.iter().map(|b| b.pilot_id).collect();
    ids.extend(fresh.iter().map(|c| c.pilot_id));
    ids.sort_unstable();
    ids.dedup();
    let empty = Booked::default();
    ids.into_iter()
        .filter_map(|pilot_id| {
            let b = booked
                .iter()
                .find(|b| b.pilot_id == pilot_id)
                .unwrap_or(&empty);
            let f = fresh.iter().find(|c| c.pilot_id == pilot_id);
            let fresh_cents = f.map_or(0, |c| c.computed_cents);
            let days = f.map_or(0, |c| c.eligible_days);
            let due = due_cents(fresh_cents, b, cap_cents);
            let difference = due - b.paid_cents();
            (difference != 0).then(|| {
                let kind = direction(difference);
                let number = b
                    .statement_number
                    .as_deref()
                    .map(|n| format!(" zu {n}"))
                    .unwrap_or_else(|| " (ohne Abrechnung in diesem Monat)".into());
                MonthDifference {
                    pilot_id,
                    name: if b.name.is_empty() {
                        names(pilot_id)
                    } else {
                        b.name.clone()
                    },
                    month: month.to_string(),
                    month_label: month.label(),
                    statement_number: b.statement_number.clone(),
                    booked_days: b.eligible_days,
                    days,
                    days_in_month: month.days(),
                    paid_cents: b.paid_cents(),
                    due_cents: due,
                    difference_cents: difference,
                    kind: kind.into(),
                    reason: format!(
                        "Abgleich {}{number}: {} statt {} Tage berechtigt, fällig {}, gezahlt {}",
                        month.label(),
                        days,
                        b.eligible_days,
                        Cents(due),
                        Cents(b.paid_cents())
                    ),
                }
            })
        })
        .collect()
}

/// Checks a correction of `amount_cents` for `month` against what is booked for it (`paid_cents`:
/// the line plus all corrections for that month): the total stays within 0 and the month's cap, so
/// a Rückforderung is never more than was paid. Refusals name the limit.
pub fn check_correction(
    amount_cents: i64,
    month: Month,
    paid_cents: i64,
    cap_cents: i64,
    reason: &str,
) -> Result<()> {
    let mut errors = Vec::new();
    let total = paid_cents + amount_cents;
    if amount_cents == 0 {
        errors.push(FieldError::new(
            "amount",
            "Korrekturbetrag darf nicht 0 sein (+ Nachzahlung, − Rückforderung).",
        ));
    } else if total > cap_cents {
        errors.push(FieldError::new(
            "amount",
            format!(
                "Nachzahlung zu hoch: für {} sind {} gezahlt; mit {} wären es {}, mehr als der Höchstbetrag von {} je Monat. Höchstens {} sind möglich.",
                month.label(),
                Cents(paid_cents),
                Cents(amount_cents),
                Cents(total),
                Cents(cap_cents),
                Cents((cap_cents - paid_cents).max(0))
            ),
        ));
    } else if total < 0 {
        errors.push(FieldError::new(
            "amount",
            format!(
                "Rückforderung zu hoch: für {} sind {} gezahlt; zurückgefordert werden können höchstens {}, nicht {}.",
                month.label(),
                Cents(paid_cents),
                Cents(paid_cents.max(0)),
                Cents(-amount_cents)
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

/// The month whose draft takes waiting corrections: the month after the latest approved (or paid)
/// run, or, before any approval, the earliest draft. A draft of a later month is a look-ahead and
/// takes none: a correction counts against the budget year of the run that pays it.
pub fn correction_month(approved: &[Month], drafts: &[Month]) -> Option<Month> {
    match approved.iter().max() {
        Some(latest) => Some(latest.next()),
        None => drafts.iter().min().copied(),
    }
}

/// How a claim-back was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Settlement {
    /// Offset against a later payment (a correction in the next draft).
    Offset,
    /// Paid back by the pilot on a date.
    Repaid,
    /// Waived, with a reason.
    Waived,
}

impl Settlement {
    pub fn code(self) -> &'static str {
        match self {
            Settlement::Offset => "offset",
            Settlement::Repaid => "repaid",
            Settlement::Waived => "waived",
        }
    }

    pub fn from_code(s: &str) -> Option<Settlement> {
        match s {
            "offset" => Some(Settlement::Offset),
            "repaid" => Some(Settlement::Repaid),
            "waived" => Some(Settlement::Waived),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Settlement::Offset => "verrechnet",
            Settlement::Repaid => "zurückgezahlt",
            Settlement::Waived => "erlassen",
        }
    }
}

/// A claim-back: the line of an approved run whose net is negative, and how it was settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ClaimBack {
    pub line_id: i64,
    pub pilot_id: i64,
    pub name: String,
    pub month: String,
    pub statement_number: String,
    /// What the pilot owes (positive).
    pub amount_cents: i64,
    pub settled: Option<Settlement>,
    pub settled_on: Option<String>,
    pub reason: String,
    /// Offset: the month whose run the offsetting correction is (or will be) booked into.
    pub offset_in: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    fn booked(computed: i64, amount: i64, manual: i64, reconcile: i64) -> Booked {
        Booked {
            pilot_id: 1,
            name: "Anna Beispiel".into(),
            statement_number: Some("AE-2026-11-001".into()),
            eligible_days: 30,
            computed_cents: computed,
            amount_cents: amount,
            manual_cents: manual,
            reconcile_cents: reconcile,
        }
    }

    fn fresh(pilot_id: i64, days: u32, cents: i64) -> Computed {
        Computed {
            pilot_id,
            eligible_days: days,
            days_in_month: 30,
            rate_cents: 13_000,
            computed_cents: cents,
        }
    }

    #[test]
    fn a_pause_found_later_is_a_rueckforderung_and_applying_it_ends_the_difference() {
        let b = booked(13_000, 13_000, 0, 0);
        let d = month_differences(
            m("2026-11"),
            std::slice::from_ref(&b),
            &[fresh(1, 24, 10_400)],
            &|_| String::new(),
            20_000,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].difference_cents, -2_600);
        assert_eq!(d[0].kind, "Rückforderung");
        assert!(d[0].reason.contains("AE-2026-11-001"), "{}", d[0].reason);
        let applied = Booked {
            reconcile_cents: -2_600,
            ..b
        };
        assert!(month_differences(
            m("2026-11"),
            &[applied],
            &[fresh(1, 24, 10_400)],
            &|_| String::new(),
            20_000
        )
        .is_empty());
    }

    #[test]
    fn a_pilot_without_a_statement_gets_a_nachzahlung() {
        let d = month_differences(
            m("2026-11"),
            &[],
            &[fresh(7, 30, 13_000)],
            &|id| format!("Lotse {id}"),
            20_000,
        );
        assert_eq!(d[0].difference_cents, 13_000);
        assert_eq!(d[0].statement_number, None);
        assert_eq!(d[0].name, "Lotse 7");
        assert!(d[0].reason.contains("ohne Abrechnung"), "{}", d[0].reason);
    }

    #[test]
    fn lowering_and_corrections_by_hand_stay_as_decided() {
        // Lowered by 30 € and 20 € paid by hand: the facts unchanged give no difference.
        let b = booked(13_000, 10_000, 2_000, 0);
        assert_eq!(due_cents(13_000, &b, 20_000), 12_000);
        assert!(month_differences(
            m("2026-11"),
            std::slice::from_ref(&b),
            &[fresh(1, 30, 13_000)],
            &|_| String::new(),
            20_000
        )
        .is_empty());
        // No eligible day after all: everything paid comes back, never more.
        let d = month_differences(m("2026-11"), &[b], &[], &|_| String::new(), 20_000);
        assert_eq!(d[0].difference_cents, -12_000);
    }

    #[test]
    fn corrections_stay_within_zero_and_the_cap() {
        let nov = m("2026-11");
        let e = check_correction(15_000, nov, 13_000, 20_000, "x").unwrap_err();
        assert!(e.to_string().contains("Höchstbetrag von 200,00 €"), "{e}");
        assert!(e.to_string().contains("Höchstens 70,00 €"), "{e}");
        let e = check_correction(-39_000, nov, 13_000, 20_000, "x").unwrap_err();
        assert!(e.to_string().contains("höchstens 130,00 €"), "{e}");
        assert!(check_correction(7_000, nov, 13_000, 20_000, "x").is_ok());
        assert!(check_correction(-13_000, nov, 13_000, 20_000, "x").is_ok());
        assert!(check_correction(0, nov, 13_000, 20_000, "x").is_err());
        assert!(
            matches!(check_correction(100, nov, 0, 20_000, " "), Err(Error::Validation(e)) if e[0].field == "reason")
        );
    }

    #[test]
    fn waiting_corrections_go_to_the_month_after_the_latest_approval() {
        assert_eq!(
            correction_month(&[m("2026-10"), m("2026-11")], &[m("2026-12"), m("2027-03")]),
            Some(m("2026-12"))
        );
        assert_eq!(
            correction_month(&[], &[m("2027-03"), m("2027-01")]),
            Some(m("2027-01"))
        );
        assert_eq!(correction_month(&[], &[]), None);
    }
}
