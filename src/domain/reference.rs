//! Reference data: former districts, municipalities, languages, recruitment sources, statuses.
//! Defaults are Landkreis Harz; all of it lives in the database and can be changed there.

use serde::Serialize;

use crate::domain::dates::MONTH_NAMES;
use crate::domain::pilot::{Status, SOURCES};
use crate::domain::run::RunState;
use crate::domain::screening::ScreeningResult;
use crate::domain::training::MODULE_TITLES;

/// The municipalities of Landkreis Harz and their former district (assets/municipalities.csv).
pub const MUNICIPALITIES_CSV: &str = include_str!("../../assets/municipalities.csv");

/// Default districts, each with target 10 (docs/DOMAIN.md#settings).
pub const DEFAULT_DISTRICTS: [&str; 3] = ["Halberstadt", "Quedlinburg", "Wernigerode"];
pub const DEFAULT_TARGET: i64 = 10;

/// The editable language list, in the order of docs/DOMAIN.md#register.
pub const DEFAULT_LANGUAGES: [&str; 11] = [
    "Deutsch",
    "Arabisch",
    "Dari/Farsi",
    "Paschtu",
    "Kurdisch",
    "Tigrinya",
    "Russisch",
    "Ukrainisch",
    "Türkisch",
    "Englisch",
    "Französisch",
];

/// One row of the municipalities file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityRow {
    pub name: String,
    pub kind: String,
    pub district: String,
    pub note: String,
}

/// Parses the shipped municipalities file (simple CSV without quotes; the note may hold commas).
pub fn default_municipalities() -> Vec<MunicipalityRow> {
    MUNICIPALITIES_CSV
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.splitn(4, ',');
            let mut next = || parts.next().unwrap_or("").trim().to_string();
            MunicipalityRow {
                name: next(),
                kind: next(),
                district: next(),
                note: next(),
            }
        })
        .collect()
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct District {
    pub id: i64,
    pub name: String,
    pub target: i64,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Municipality {
    pub name: String,
    pub district: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StatusInfo {
    pub code: Status,
    pub label: &'static str,
}

/// A code and its German label, so the window shows the words of the rules without keeping a copy.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CodeLabel<C> {
    pub code: C,
    pub label: &'static str,
}

/// A module of the basic course.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ModuleInfo {
    /// 1–5.
    pub number: u8,
    pub title: &'static str,
}

/// Everything the forms need to offer choices, and the German words for the codes they show.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReferenceData {
    pub districts: Vec<District>,
    pub municipalities: Vec<Municipality>,
    pub languages: Vec<String>,
    pub sources: Vec<&'static str>,
    pub statuses: Vec<StatusInfo>,
    /// The states of an allowance run.
    pub run_states: Vec<CodeLabel<RunState>>,
    /// The results of an eFZ inspection.
    pub screening_results: Vec<CodeLabel<ScreeningResult>>,
    /// The five modules of the basic course, module 1 first.
    pub modules: Vec<ModuleInfo>,
    /// German month names, January first.
    pub month_names: Vec<&'static str>,
}

impl ReferenceData {
    pub fn new(
        districts: Vec<District>,
        municipalities: Vec<Municipality>,
        languages: Vec<String>,
    ) -> Self {
        Self {
            districts,
            municipalities,
            languages,
            sources: SOURCES.to_vec(),
            statuses: Status::ALL
                .into_iter()
                .map(|code| StatusInfo {
                    code,
                    label: code.label(),
                })
                .collect(),
            run_states: [RunState::Draft, RunState::Approved, RunState::Paid]
                .into_iter()
                .map(|code| CodeLabel {
                    code,
                    label: code.label(),
                })
                .collect(),
            screening_results: [ScreeningResult::Clear, ScreeningResult::RelevantEntry]
                .into_iter()
                .map(|code| CodeLabel {
                    code,
                    label: code.label(),
                })
                .collect(),
            modules: (1..)
                .zip(MODULE_TITLES)
                .map(|(number, title)| ModuleInfo { number, title })
                .collect(),
            month_names: MONTH_NAMES.to_vec(),
        }
    }

    pub fn municipality_pairs(&self) -> Vec<(String, String)> {
        self.municipalities
            .iter()
            .map(|m| (m.name.clone(), m.district.clone()))
            .collect()
    }

    pub fn district_names(&self) -> Vec<String> {
        self.districts.iter().map(|d| d.name.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_municipalities_in_three_districts() {
        let rows = default_municipalities();
        assert_eq!(rows.len(), 20);
        for r in &rows {
            assert!(DEFAULT_DISTRICTS.contains(&r.district.as_str()), "{r:?}");
        }
        let thale = rows.iter().find(|r| r.name == "Thale").unwrap();
        assert_eq!(thale.district, "Quedlinburg");
        assert!(thale.note.contains("Altenbrak"));
    }
}
