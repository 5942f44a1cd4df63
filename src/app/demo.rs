//! Fictitious demo data (`lotsen demo [--pilots N]`, the first start of the app): complete for every
//! feature, clearly marked.

use super::Session;
use crate::db::demo::{self, DemoSummary};
use crate::error::Result;

/// Demo pilots when no number is given.
pub const DEFAULT_DEMO_PILOTS: usize = 30;

impl Session {
    /// Fills an empty database with `pilots` fictitious pilots (default 30) and everything the other
    /// features need: debtor account, letterhead, budgets, a recognised module, a district change,
    /// a Storno. Refused on a database that has pilots.
    pub fn load_full_demo(&mut self, pilots: Option<usize>) -> Result<DemoSummary> {
        let (today, who) = (self.today(), self.actor());
        demo::load_full(
            self.store_mut(),
            today,
            &who,
            pilots.unwrap_or(DEFAULT_DEMO_PILOTS),
        )
    }
}
