//! The register: pilots listed, looked up, checked for duplicates and saved; the demo data.

use crate::domain::pilot::{Duplicate, Pilot, PilotInput};
use crate::domain::reference::ReferenceData;
use crate::domain::register::PilotQuery;
use crate::error::{Error, Result};

use super::Session;

/// How many demo pilots "Demodaten laden" makes: `LOTSEN_DEMO_COUNT` if set (load tests, e.g.
/// printing a month of 600 pilots), else none given: the 30 demo people.
pub fn demo_count() -> Result<Option<usize>> {
    match std::env::var("LOTSEN_DEMO_COUNT") {
        Err(_) => Ok(None),
        Ok(text) => text
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=100_000).contains(n))
            .map(Some)
            .ok_or_else(|| {
                Error::field(
                    "demo_count",
                    format!("LOTSEN_DEMO_COUNT „{text}“ ist keine Anzahl zwischen 1 und 100000."),
                )
            }),
    }
}

impl Session {
    pub fn reference_data(&self) -> Result<ReferenceData> {
        self.store().reference_data()
    }

    /// "Demodaten laden" in the app: the complete demo ([`Session::load_full_demo`]: debtor
    /// account, letterhead, budgets and the pilots, [`demo_count`] of them); returns how many.
    pub fn load_demo(&mut self) -> Result<usize> {
        let count = demo_count()?;
        Ok(self.load_full_demo(count)?.pilots)
    }

    /// Every field error of `input` as saving would report it; empty when it is valid.
    pub fn validate_pilot(&self, input: &PilotInput) -> Result<Vec<crate::FieldError>> {
        let refs = self.store().reference_data()?;
        let checked = crate::domain::pilot::validate(
            input,
            self.today(),
            &refs.municipality_pairs(),
            &refs.district_names(),
        );
        match checked {
            Ok(_) => Ok(Vec::new()),
            Err(Error::Validation(errors)) => Ok(errors),
            Err(other) => Err(other),
        }
    }

    pub fn is_empty(&self) -> Result<bool> {
        self.store().is_empty()
    }

    pub fn list_pilots(&self, query: &PilotQuery) -> Result<Vec<Pilot>> {
        self.store().list_pilots(query)
    }

    pub fn get_pilot(&self, id: i64) -> Result<Pilot> {
        self.store().get_pilot(id)
    }

    /// Possible duplicates of `input` among the others (`id`: the pilot being edited).
    pub fn find_duplicates(&self, input: &PilotInput, id: Option<i64>) -> Result<Vec<Duplicate>> {
        self.store().find_duplicates(input, id, self.today())
    }

    /// Creates (`id` none) or updates a pilot.
    pub fn save_pilot(&mut self, input: &PilotInput, id: Option<i64>) -> Result<Pilot> {
        let (today, who) = (self.today(), self.actor());
        match id {
            None => self.store_mut().create_pilot(input, today, &who),
            Some(id) => self.store_mut().update_pilot(id, input, today),
        }
    }
}
