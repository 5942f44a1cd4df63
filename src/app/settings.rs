//! The settings and the reference data the coordinator may change (former districts, municipalities).

use crate::domain::reference::ReferenceData;
use crate::domain::settings::Settings;
use crate::error::Result;

use super::Session;

impl Session {
    pub fn settings(&self) -> Result<Settings> {
        self.store().settings()
    }

    /// Saves the settings; a new desk user is recorded from the next change on.
    pub fn save_settings(&mut self, settings: &Settings) -> Result<Settings> {
        let saved = self.store_mut().save_settings(settings)?;
        self.refresh_actor();
        Ok(saved)
    }

    /// Renames a former district or changes its target; returns the new reference data.
    pub fn save_district(&mut self, id: i64, name: &str, target: i64) -> Result<ReferenceData> {
        self.store_mut().save_district(id, name, target)?;
        self.store().reference_data()
    }

    /// Assigns a municipality to a former district; returns the new reference data.
    pub fn set_municipality_district(
        &mut self,
        municipality: &str,
        district: &str,
    ) -> Result<ReferenceData> {
        self.store_mut()
            .set_municipality_district(municipality, district)?;
        self.store().reference_data()
    }
}
