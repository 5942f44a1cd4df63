//! Reports: the coverage report (Abdeckungsbericht).

use chrono::NaiveDate;

use crate::coverage::{Coverage, MonthPoint};
use crate::error::Result;
use crate::settings::Letterhead;

/// The coverage report as PDF: per-district table, gaps, languages and the month-by-month history.
pub fn coverage_report(
    coverage: &Coverage,
    history: &[MonthPoint],
    letterhead: &Letterhead,
    issued_on: NaiveDate,
) -> Result<Vec<u8>> {
    let _ = (coverage, history, letterhead, issued_on);
    Err(crate::Error::Storage(
        "Abdeckungsbericht: noch nicht verfügbar".into(),
    ))
}
