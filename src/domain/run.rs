//! An allowance run (Abrechnungslauf) and its parts: lines, corrections, the state it is in, and
//! the budget of a year. Plain data; the rules that compute them live in `allowance` and `budget`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RunState {
    Draft,
    Approved,
    Paid,
}

impl RunState {
    /// The state stored in the database as text ("draft", "approved", "paid").
    pub fn from_code(s: &str) -> RunState {
        match s {
            "approved" => RunState::Approved,
            "paid" => RunState::Paid,
            _ => RunState::Draft,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RunState::Draft => "Entwurf",
            RunState::Approved => "freigegeben",
            RunState::Paid => "bezahlt",
        }
    }
}

/// The budget of one year as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Budget {
    pub year: i32,
    pub amount_cents: i64,
    pub notice_number: String,
    pub notice_date: Option<NaiveDate>,
    pub budget_line: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RunLine {
    pub id: i64,
    pub pilot_id: i64,
    /// "Vorname Nachname"
    pub name: String,
    pub first_name: String,
    pub last_name: String,
    pub district: String,
    pub iban: String,
    /// Needed for a SEPA country outside the EEA; empty otherwise.
    pub bic: String,
    pub account_holder: String,
    /// How the line is paid: in the SEPA file, or by hand ("manuelle Zahlung") for an account
    /// outside SEPA.
    pub route: crate::domain::iban::Route,
    pub eligible_days: u32,
    pub days_in_month: u32,
    pub rate_cents: i64,
    pub computed_cents: i64,
    pub amount_cents: i64,
    pub lowered_reason: String,
    pub corrections_cents: i64,
    pub net_cents: i64,
    pub statement_number: Option<String>,
    /// "Nachweis fehlt": the gate is on and the line has an amount but no activity record of its
    /// month and no waiver.
    pub activity_missing: bool,
    /// Why the line is paid without an activity record (printed on the payment list).
    pub activity_waiver: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Correction {
    pub id: i64,
    pub pilot_id: i64,
    pub amount_cents: i64,
    pub reason: String,
    /// The month it corrects, "2026-10".
    pub for_month: String,
    /// That month's statement number of the pilot; empty when there was none.
    pub original_statement: String,
    pub kind: crate::domain::reconcile::CorrectionKind,
    pub created_at: String,
    pub created_by: String,
    /// The run it is booked into; `None` while it waits for the next draft.
    pub month: Option<String>,
}

impl Correction {
    /// What it corrects, for documents: "Abrechnung AE-2026-10-007", or "Oktober 2026 (ohne
    /// Abrechnung)" for a month in which the pilot had no statement.
    pub fn refers_to(&self) -> String {
        if !self.original_statement.trim().is_empty() {
            return format!("Abrechnung {}", self.original_statement.trim());
        }
        match crate::domain::allowance::Month::parse(&self.for_month) {
            Some(m) => format!("{} (ohne Abrechnung)", m.label()),
            None => self.for_month.clone(),
        }
    }
}

/// A run as the Abrechnung screen and `lotsen run show` see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Run {
    pub id: i64,
    pub month: String,
    pub label: String,
    pub state: RunState,
    pub created_at: String,
    pub computed_at: String,
    pub approved_at: Option<String>,
    pub approved_by: Option<String>,
    /// The local date (Europe/Berlin) of `approved_at`: the date documents print.
    pub approved_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    /// Sum of the positive nets: what is transferred.
    pub total_cents: i64,
    /// Sum of the negative nets as a positive number: what is claimed back.
    pub claim_back_cents: i64,
    /// Of `total_cents`, what is paid by hand (accounts outside SEPA), never in the SEPA file.
    pub manual_cents: i64,
    /// The fingerprint of the lines' figures (see the approval rules): the
    /// window passes it back on "Freigeben" as the draft it showed.
    pub fingerprint: String,
    pub lines: Vec<RunLine>,
    pub corrections: Vec<Correction>,
}
