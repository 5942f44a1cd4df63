//! Settings with "gültig ab": the values in force on a day, the history of every key, and a change
//! of one key (`lotsen settings set`). The stored settings (`app_settings`) are the values from the
//! beginning; each dated change is a row of `setting_values`, append-only.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

use super::{now_utc, Store};
use crate::domain::settings::{self, DatedValue, Key, Settings, KEYS};
use crate::error::{Error, Result};

/// One recorded change of a key.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct SettingChange {
    #[ts(type = "unknown")]
    pub value: serde_json::Value,
    /// "130,00 €"
    pub display: String,
    /// `None` for a key without "gültig ab" (in force from when it was recorded).
    pub valid_from: Option<NaiveDate>,
    pub who: String,
    pub recorded_at: String,
}

/// A key with its value in force on a day and its history, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct SettingView {
    pub key: String,
    pub label: String,
    pub dated: bool,
    #[ts(type = "unknown")]
    pub value: serde_json::Value,
    pub display: String,
    pub history: Vec<SettingChange>,
}

impl Store {
    pub(super) fn dated_values(&self) -> Result<Vec<DatedValue>> {
        let mut stmt = self.conn.prepare(
            "SELECT key, value, valid_from FROM setting_values WHERE valid_from IS NOT NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (key, value, from) = row?;
            let (Ok(key), Ok(value), Some(valid_from)) = (
                settings::find_key(&key),
                serde_json::from_str(&value),
                crate::domain::pilot::parse_date(&from),
            ) else {
                continue;
            };
            out.push(DatedValue {
                key,
                value,
                valid_from,
            });
        }
        Ok(out)
    }

    /// The settings in force on `on`: rate, cap, partial-month mode, timing and the eFZ and test
    /// periods as valid on that day; everything else as stored.
    pub fn settings_on(&self, on: NaiveDate) -> Result<Settings> {
        Ok(settings::in_force(
            &self.settings()?,
            &self.dated_values()?,
            on,
        ))
    }

    /// Every key with its value in force on `on` and its history.
    pub fn setting_views(&self, on: NaiveDate) -> Result<Vec<SettingView>> {
        let now = self.settings_on(on)?;
        let mut stmt = self.conn.prepare(
            "SELECT value, valid_from, who, recorded_at FROM setting_values WHERE key = ?1 ORDER BY id",
        )?;
        KEYS.iter()
            .map(|k| {
                let history = stmt
                    .query_map([k.key], |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, Option<String>>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(3)?,
                        ))
                    })?
                    .map(|row| {
                        let (value, from, who, recorded_at) = row?;
                        let value: serde_json::Value =
                            serde_json::from_str(&value).unwrap_or_default();
                        Ok(SettingChange {
                            display: settings::display(k, &value),
                            value,
                            valid_from: from.as_deref().and_then(crate::domain::pilot::parse_date),
                            who,
                            recorded_at,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                let value = settings::value_of(&now, k);
                Ok(SettingView {
                    key: k.key.into(),
                    label: k.label.into(),
                    dated: k.dated,
                    display: settings::display(k, &value),
                    value,
                    history,
                })
            })
            .collect()
    }

    /// Sets one key. A dated key takes effect from `valid_from` (allowance values from the first of
    /// a month); the settings in force from then on, and at every later dated change, must be valid.
    /// An undated key changes the stored settings; its change is kept in the history too.
    pub fn set_setting(
        &mut self,
        key: &'static Key,
        value: &serde_json::Value,
        valid_from: NaiveDate,
        who: &str,
    ) -> Result<()> {
        let base = self.settings()?;
        let mut dated = self.dated_values()?;
        if key.dated {
            if key.monthly && chrono::Datelike::day(&valid_from) != 1 {
                return Err(Error::field(
                    "valid_from",
                    format!(
                        "{}: „gültig ab“ muss ein Monatserster sein (ein Monat wird mit den Werten seines Ersten gerechnet), z. B. {}.",
                        key.key,
                        crate::domain::dates::format_date(
                            crate::domain::allowance::Month::of(valid_from).next().first_day()
                        )
                    ),
                ));
            }
            settings::with_value(&base, key, value)?;
            dated.push(DatedValue {
                key,
                value: value.clone(),
                valid_from,
            });
            let mut days: Vec<NaiveDate> = dated
                .iter()
                .map(|d| d.valid_from)
                .filter(|d| *d >= valid_from)
                .collect();
            days.push(valid_from);
            for day in days {
                settings::validate_all(&settings::in_force(&base, &dated, day))
                    .map_err(|e| named(key, e))?;
            }
        } else {
            let changed = settings::with_value(&base, key, value)?;
            settings::validate_all(&changed).map_err(|e| named(key, e))?;
        }
        let text = serde_json::to_string(value).expect("json");
        let stored = (!key.dated).then(|| settings::with_value(&base, key, value));
        self.with_transaction(|tx| {
            tx.execute(
                "INSERT INTO setting_values (key, value, valid_from, who, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![key.key, text, key.dated.then(|| valid_from.to_string()), who, now_utc()],
            )?;
            if let Some(changed) = stored {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES ('app_settings', ?1)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [serde_json::to_string(&changed?).expect("settings serialise")],
                )?;
            }
            Ok(())
        })
    }
}

/// A validation error of a changed key, its messages prefixed with the key.
fn named(key: &Key, e: Error) -> Error {
    match e {
        Error::Validation(fields) => Error::Validation(
            fields
                .into_iter()
                .map(|f| crate::FieldError::new("value", format!("{}: {}", key.key, f.message)))
                .collect(),
        ),
        other => other,
    }
}
