//! The budget of a year: what is approved, paid, in drafts and left, and the forecast to year end.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::allowance::Month;
use crate::domain::run::{Budget, RunState};

/// How much is missing when `approved + this_run` exceeds `budget`; `None` when it fits.
pub fn shortfall(budget_cents: i64, approved_cents: i64, this_run_cents: i64) -> Option<i64> {
    let over = approved_cents + this_run_cents - budget_cents;
    (over > 0).then_some(over)
}

/// The stored totals of one month's run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthTotals {
    pub month: Month,
    pub state: RunState,
    pub total_cents: i64,
    pub claim_back_cents: i64,
}

/// One month of the year table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct MonthRow {
    pub month: String,
    pub label: String,
    /// The run's state, or `None` when there is no run: then the amount is a forecast.
    pub state: Option<RunState>,
    pub approved_cents: i64,
    pub paid_cents: i64,
    pub draft_cents: i64,
    /// Forecast with today's eligible pilots for months without an approved run.
    pub forecast_cents: i64,
    pub claim_back_cents: i64,
    /// Budget minus approved, drafts and forecasts up to and including this month.
    pub remaining_after_cents: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct BudgetYear {
    pub year: i32,
    pub budget: Option<Budget>,
    pub budget_cents: i64,
    pub approved_cents: i64,
    pub paid_cents: i64,
    pub draft_cents: i64,
    /// Budget minus approved (what may still be approved).
    pub remaining_cents: i64,
    pub months: Vec<MonthRow>,
    /// Forecast for the months without an approved run (same rows as in `months`).
    pub forecast: Vec<MonthRow>,
    /// The first month the budget would not cover, if any.
    pub first_uncovered: Option<String>,
    /// How many pilots the budget left after approved runs and drafts can carry at the current rate
    /// for the months still open.
    pub pilots_affordable: Option<i64>,
}

/// Builds the year view. `project(month)` is the forecast spend of a month with today's pilots.
pub fn budget_year(
    year: i32,
    budget: Option<Budget>,
    runs: &[MonthTotals],
    project: impl Fn(Month) -> i64,
    today: NaiveDate,
    rate_cents: i64,
) -> BudgetYear {
    let budget_cents = budget.as_ref().map_or(0, |b| b.amount_cents);
    let mut months = Vec::new();
    let mut spent = 0i64;
    let mut first_uncovered = None;
    let mut open_months = 0i64;
    let mut month = Month { year, month: 1 };
    let this_month = Month::of(today);
    let last_approved = runs
        .iter()
        .filter(|r| matches!(r.state, RunState::Approved | RunState::Paid))
        .map(|r| r.month)
        .max();
    // An ended month without a run is still to be paid (in arrears it is about to be): forecast
    // when it comes after the latest approved month, or, with none approved, when it just ended.
    let still_open = |m: Month| match last_approved {
        Some(last) => m > last,
        None => m == this_month.prev(),
    };
    while month.year == year {
        let run = runs.iter().find(|r| r.month == month);
        let (approved, paid, draft) = match run.map(|r| r.state) {
            Some(RunState::Approved) => (run.unwrap().total_cents, 0, 0),
            Some(RunState::Paid) => (run.unwrap().total_cents, run.unwrap().total_cents, 0),
            Some(RunState::Draft) => (0, 0, run.unwrap().total_cents),
            None => (0, 0, 0),
        };
        let approved_run = matches!(
            run.map(|r| r.state),
            Some(RunState::Approved | RunState::Paid)
        );
        // A draft is counted once, as a draft; earlier months left without a run are not forecast.
        let open = !approved_run && (month >= this_month || still_open(month));
        let forecast = if run.is_some() || !open {
            0
        } else {
            project(month)
        };
        if open {
            open_months += 1;
        }
        spent += approved + draft + forecast;
        let remaining_after = budget.as_ref().map(|_| budget_cents - spent);
        if first_uncovered.is_none() && remaining_after.is_some_and(|r| r < 0) {
            first_uncovered = Some(month.to_string());
        }
        months.push(MonthRow {
            month: month.to_string(),
            label: month.label(),
            state: run.map(|r| r.state),
            approved_cents: approved,
            paid_cents: paid,
            draft_cents: draft,
            forecast_cents: forecast,
            claim_back_cents: run.map_or(0, |r| r.claim_back_cents),
            remaining_after_cents: remaining_after,
        });
        month = month.next();
    }
    let approved_cents: i64 = months.iter().map(|m| m.approved_cents).sum();
    let draft_cents: i64 = months.iter().map(|m| m.draft_cents).sum();
    let free = budget_cents - approved_cents - draft_cents;
    let pilots_affordable = (budget.is_some() && rate_cents > 0 && open_months > 0)
        .then(|| (free.max(0)) / (rate_cents * open_months));
    BudgetYear {
        year,
        budget_cents,
        approved_cents,
        paid_cents: months.iter().map(|m| m.paid_cents).sum(),
        draft_cents,
        remaining_cents: budget_cents - approved_cents,
        forecast: months
            .iter()
            .filter(|m| m.forecast_cents > 0 || m.draft_cents > 0)
            .cloned()
            .collect(),
        months,
        first_uncovered,
        pilots_affordable,
        budget,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortfall_in_cents() {
        assert_eq!(shortfall(100_000, 90_000, 10_000), None);
        assert_eq!(shortfall(100_000, 90_000, 10_001), Some(1));
        assert_eq!(shortfall(0, 0, 0), None);
    }

    #[test]
    fn forecast_finds_the_first_uncovered_month() {
        let b = Budget {
            year: 2026,
            amount_cents: 1_000_000,
            notice_number: String::new(),
            notice_date: None,
            budget_line: String::new(),
        };
        let runs: Vec<MonthTotals> = (1..=9)
            .map(|m| MonthTotals {
                month: Month {
                    year: 2026,
                    month: m,
                },
                state: RunState::Paid,
                total_cents: 100_000,
                claim_back_cents: 0,
            })
            .collect();
        let today = NaiveDate::from_ymd_opt(2026, 10, 5).unwrap();
        let y = budget_year(2026, Some(b), &runs, |_| 60_000, today, 13_000);
        assert_eq!(y.approved_cents, 900_000);
        assert_eq!(y.paid_cents, 900_000);
        assert_eq!(y.remaining_cents, 100_000);
        // October 60.000 fits (40.000 left), November 60.000 does not.
        assert_eq!(y.first_uncovered.as_deref(), Some("2026-11"));
        assert_eq!(y.months[9].remaining_after_cents, Some(40_000));
        assert_eq!(y.forecast.len(), 3);
        // 100.000 left for Oct–Dec at 130 €: 100000 / (13000 × 3) = 2 pilots.
        assert_eq!(y.pilots_affordable, Some(2));
        // On 5 November with October not yet approved, October is still forecast.
        let november = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
        let y = budget_year(
            2026,
            Some(y.budget.clone().unwrap()),
            &runs,
            |_| 60_000,
            november,
            13_000,
        );
        assert_eq!(y.months[9].forecast_cents, 60_000);
        assert_eq!(y.months[8].forecast_cents, 0, "September approved");
        // With nothing approved yet, only the month just ended is forecast, not the ones before.
        let y = budget_year(2026, None, &[], |_| 60_000, november, 13_000);
        assert_eq!(y.months[9].forecast_cents, 60_000);
        assert_eq!(y.months[8].forecast_cents, 0);
        let none = budget_year(2026, None, &[], |_| 1, today, 13_000);
        assert_eq!(none.first_uncovered, None);
        assert_eq!(none.pilots_affordable, None);
    }
}
