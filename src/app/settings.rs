//! The settings and the reference data the coordinator may change (former districts, municipalities).

use crate::db::SettingView;
use crate::domain::reference::ReferenceData;
use crate::domain::settings::{self, Settings};
use crate::error::Result;

use super::{parse, Session};

impl Session {
    /// The settings in force today (rate, cap, … as valid today).
    pub fn settings(&self) -> Result<Settings> {
        self.store().settings_on(self.today())
    }

    /// Every key with its value in force today and its history (`lotsen settings`).
    pub fn setting_views(&self) -> Result<Vec<SettingView>> {
        self.store().setting_views(self.today())
    }

    /// `lotsen settings set KEY VALUE [--from DATE]`: the value as typed, read strictly; a dated key
    /// takes effect from `from` (default today), an undated one refuses a date. Returns the key
    /// with its new history.
    pub fn set_setting(
        &mut self,
        key: &str,
        value: &str,
        from: Option<&str>,
    ) -> Result<SettingView> {
        let k = settings::find_key(key)?;
        let value = parse::setting_value(k, value)?;
        let from = parse::optional_date("valid_from", "gültig ab", from)?;
        if from.is_some() && !k.dated {
            return Err(crate::Error::field(
                "valid_from",
                format!("{}: gilt ohne „gültig ab“; bitte ohne Datum setzen.", k.key),
            ));
        }
        let (today, who) = (self.today(), self.actor());
        self.store_mut()
            .set_setting(k, &value, from.unwrap_or(today), &who)?;
        self.refresh_actor();
        let views = self.setting_views()?;
        Ok(views
            .into_iter()
            .find(|v| v.key == k.key)
            .expect("known key"))
    }

    /// Saves the settings of the Einstellungen form; a new desk user is recorded from the next
    /// change on. The dated values (rate, cap, partial months, timing, eFZ and test periods) change
    /// only with "gültig ab" ([`Session::set_setting`]): here they must be the ones in force today.
    pub fn save_settings(&mut self, new: &Settings) -> Result<Settings> {
        let today = self.today();
        let in_force = self.store().settings_on(today)?;
        let stored = self.store().settings()?;
        let mut keep = new.clone();
        let mut errors = Vec::new();
        for k in settings::KEYS.iter().filter(|k| k.dated) {
            if settings::value_of(new, k) != settings::value_of(&in_force, k) {
                errors.push(crate::FieldError::new(
                    k.field(),
                    format!(
                        "{} ändert sich nur mit „gültig ab“ (Abschnitt „Werte mit Gültigkeit“).",
                        k.label
                    ),
                ));
            }
            keep = settings::with_value(&keep, k, &settings::value_of(&stored, k))?;
        }
        crate::Error::check(errors)?;
        self.store_mut().save_settings(&keep)?;
        self.refresh_actor();
        self.settings()
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
