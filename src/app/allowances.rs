//! Allowances: the budget of a year, the monthly runs (create, lower, approve, pay) and corrections.

use serde::Deserialize;

pub use crate::db::Shown;
use crate::domain::approval::Approval;
use crate::domain::budget::BudgetYear;
use crate::domain::run::{Budget, Run};
use crate::error::Result;

use super::{parse, Session};

/// A budget as typed. A notice number, notice date or budget line left empty (or not given) keeps
/// the stored one, the same in the app and on the command line.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
pub struct BudgetInput {
    pub year: i32,
    /// Euros as typed: "46.800,00" or "46800".
    pub amount: String,
    #[serde(default)]
    pub notice_number: Option<String>,
    /// "TT.MM.JJJJ" or ISO.
    #[serde(default)]
    pub notice_date: Option<String>,
    #[serde(default)]
    pub budget_line: Option<String>,
}

/// `Some(text)` trimmed, `None` when empty.
fn given(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

impl Session {
    /// The budget year with its months, forecast and burn-down, as of today.
    pub fn budget_year(&self, year: i32) -> Result<BudgetYear> {
        self.store().budget_year(year, self.today())
    }

    /// Sets or changes the budget of a year; returns the new year view.
    pub fn set_budget(&mut self, input: &BudgetInput) -> Result<BudgetYear> {
        let amount = parse::euros("amount", "Betrag", &input.amount)?;
        let notice_date =
            parse::optional_date("notice_date", "Bescheid vom", given(&input.notice_date))?;
        let old = self.store().budget(input.year)?;
        let keep = |typed: Option<&str>, stored: fn(&Budget) -> &String| {
            typed
                .map(str::to_string)
                .or_else(|| old.as_ref().map(|o| stored(o).clone()))
                .unwrap_or_default()
        };
        let budget = Budget {
            year: input.year,
            amount_cents: amount.0,
            notice_number: keep(given(&input.notice_number), |b| &b.notice_number),
            notice_date: notice_date.or_else(|| old.as_ref().and_then(|o| o.notice_date)),
            budget_line: keep(given(&input.budget_line), |b| &b.budget_line),
        };
        let who = self.actor();
        self.store_mut().set_budget(&budget, &who)?;
        self.budget_year(input.year)
    }

    /// "Abrechnungslauf erstellen"; on an existing draft it computes the run anew.
    pub fn create_run(&mut self, month: &str) -> Result<Run> {
        let today = self.today();
        self.store_mut().create_run(month, today)
    }

    pub fn run(&self, month: &str) -> Result<Run> {
        self.store().run(month)
    }

    /// Lowers one line of a draft by hand to `amount` (euros as typed), with a reason.
    pub fn lower_line(
        &mut self,
        month: &str,
        pilot_id: i64,
        amount: &str,
        reason: &str,
    ) -> Result<Run> {
        let cents = parse::euros("amount", "Betrag", amount)?;
        self.store_mut()
            .lower_line(month, pilot_id, cents.0, reason)
    }

    /// "Freigeben": computes the month afresh and approves it only when it gives the figures of the
    /// draft `shown` (its fingerprint; `None`: the stored draft). Otherwise the answer lists the
    /// differences; approving with the fingerprint that came with them accepts them. Checks
    /// budget, bank details and timing, and numbers the statements.
    pub fn approve_run(&mut self, month: &str, shown: Option<&str>) -> Result<Approval> {
        let shown = match shown.map(str::trim).filter(|f| !f.is_empty()) {
            Some(f) => Shown::Fingerprint(f.to_string()),
            None => Shown::Stored,
        };
        self.approve(month, shown)
    }

    /// "Freigeben" with the choice of what was shown; [`Shown::AcceptChanges`] approves whatever
    /// the facts give now (`lotsen run approve --accept-changes`).
    pub fn approve(&mut self, month: &str, shown: Shown) -> Result<Approval> {
        let month = parse::month("month", month)?.to_string();
        let (today, who) = (self.today(), self.actor());
        self.store_mut().approve(&month, shown, &who, today)
    }

    /// Marks an approved run paid on `paid_on` (as typed; empty means today).
    pub fn mark_paid(&mut self, month: &str, paid_on: Option<&str>) -> Result<Run> {
        let today = self.today();
        let on = parse::optional_date("paid_on", "Bezahlt am", paid_on)?.unwrap_or(today);
        self.store_mut().mark_paid(month, on, today)
    }

    pub fn delete_draft(&mut self, month: &str) -> Result<()> {
        self.store_mut().delete_draft(month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Clock;

    fn session() -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let s = Session::open(&dir.path().join("t.sqlite3"), Clock::fixed(today)).unwrap();
        (dir, s)
    }

    #[test]
    fn a_new_amount_keeps_the_stored_grant_notice() {
        let (_dir, mut s) = session();
        let first = BudgetInput {
            year: 2026,
            amount: "46.800,00".into(),
            notice_number: Some("HZ-2026-4711".into()),
            notice_date: Some("03.02.2026".into()),
            budget_line: Some("31500.53100".into()),
        };
        s.set_budget(&first).unwrap();
        let raised = BudgetInput {
            year: 2026,
            amount: "50.000".into(),
            notice_number: Some("  ".into()),
            ..Default::default()
        };
        s.set_budget(&raised).unwrap();
        let b = s.store().budget(2026).unwrap().unwrap();
        assert_eq!(b.amount_cents, 5_000_000);
        assert_eq!(b.notice_number, "HZ-2026-4711");
        assert_eq!(b.notice_date.unwrap().to_string(), "2026-02-03");
        assert_eq!(b.budget_line, "31500.53100");
    }

    #[test]
    fn typed_amounts_and_dates_name_their_field() {
        let (_dir, mut s) = session();
        let bad = BudgetInput {
            year: 2026,
            amount: "46.80".into(),
            ..Default::default()
        };
        let e = s.set_budget(&bad).unwrap_err();
        assert!(
            matches!(&e, crate::Error::Validation(f) if f[0].field == "amount"),
            "{e:?}"
        );
        let bad_date = BudgetInput {
            year: 2026,
            amount: "100".into(),
            notice_date: Some("31.02.2026".into()),
            ..Default::default()
        };
        let e = s.set_budget(&bad_date).unwrap_err();
        assert!(
            matches!(&e, crate::Error::Validation(f) if f[0].field == "notice_date"),
            "{e:?}"
        );
        assert!(s.store().budget(2026).unwrap().is_none(), "nothing written");
    }
}
