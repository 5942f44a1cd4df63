//! A pilot's way through the programme: status changes, the eFZ record, test attempts, what is due.

use crate::domain::pilot::Status;
use crate::domain::record::{DueItem, PilotRecord};
use crate::domain::screening::Screening;
use crate::domain::training::TestAttempt;
use crate::error::Result;

use super::{parse, Session};

impl Session {
    /// Status history, screening, modules, test and eligibility of one pilot, as of today.
    pub fn pilot_record(&self, id: i64) -> Result<PilotRecord> {
        self.store().pilot_record(id, self.today())
    }

    /// Appends a status change effective on `effective_on` (as typed: "26.11.2026" or ISO).
    pub fn change_status(
        &mut self,
        id: i64,
        status: Status,
        effective_on: &str,
        note: &str,
    ) -> Result<PilotRecord> {
        let on = parse::date("effective_on", "Wirksam ab", effective_on)?;
        let (today, who) = (self.today(), self.actor());
        self.store_mut()
            .change_status(id, status, on, note, &who, today)
    }

    /// Updates the screening record `screening_id`, or adds a new one (none).
    pub fn save_screening(
        &mut self,
        pilot_id: i64,
        screening_id: Option<i64>,
        screening: &Screening,
    ) -> Result<PilotRecord> {
        let today = self.today();
        self.store_mut()
            .save_screening(pilot_id, screening_id, screening, today)
    }

    pub fn add_test_attempt(
        &mut self,
        pilot_id: i64,
        attempt: &TestAttempt,
    ) -> Result<PilotRecord> {
        let today = self.today();
        self.store_mut().add_test_attempt(pilot_id, attempt, today)
    }

    /// What is due on the overview (eFZ, refresher, appointment, letters), as of today.
    pub fn due_list(&self) -> Result<Vec<DueItem>> {
        self.store().due_list(self.today())
    }
}
