//! Coverage per former district: the dashboard and the Abdeckungsbericht.

use serde::Serialize;

use crate::documents;
use crate::domain::coverage::{Coverage, MonthPoint};
use crate::error::Result;

use super::documents::Document;
use super::{parse, Session};

/// Coverage on a day and the month-by-month history with outlook.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CoverageView {
    pub coverage: Coverage,
    pub history: Vec<MonthPoint>,
}

impl Session {
    /// The key date as typed ("Stichtag"); empty means today.
    fn key_date(&self, date: Option<&str>) -> Result<chrono::NaiveDate> {
        Ok(parse::optional_date("date", "Stichtag", date)?.unwrap_or_else(|| self.today()))
    }

    /// Coverage on `date` (default today); the history is always relative to today.
    pub fn coverage_view(&self, date: Option<&str>) -> Result<CoverageView> {
        let date = self.key_date(date)?;
        Ok(CoverageView {
            coverage: self.store().coverage(date)?,
            history: self.store().coverage_history(self.today())?,
        })
    }

    /// The Abdeckungsbericht on `date` (default today) with the history up to that day.
    pub fn coverage_report(&self, date: Option<&str>) -> Result<Document> {
        let date = self.key_date(date)?;
        let store = self.store();
        let bytes = documents::coverage_report(
            &store.coverage(date)?,
            &store.coverage_history(date)?,
            &store.settings()?.letterhead,
            self.today(),
        )?;
        Ok(Document::new(
            format!("Abdeckungsbericht_{date}.pdf"),
            bytes,
        ))
    }
}
