//! Coverage per former district (docs/DOMAIN.md#coverage): who is eligible on a day, the pipeline, gaps,
//! and the month-by-month history and outlook. Pure functions over the stored facts.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::pilot::Status;
use crate::domain::reference::District;
use crate::domain::screening::ScreeningState;
use crate::domain::timeline::Timeline;
use crate::error::{Error, FieldError, Result};

/// Traffic-light thresholds in percent of the target (settings; defaults 100 / 70).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct CoverageSettings {
    pub green_percent: u32,
    pub amber_percent: u32,
}

impl Default for CoverageSettings {
    fn default() -> Self {
        CoverageSettings {
            green_percent: 100,
            amber_percent: 70,
        }
    }
}

impl CoverageSettings {
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        if !(1..=500).contains(&self.green_percent) {
            errors.push(FieldError::new(
                "green_percent",
                "Grün ab (%) muss zwischen 1 und 500 liegen.",
            ));
        }
        if self.amber_percent == 0 || self.amber_percent >= self.green_percent {
            errors.push(FieldError::new(
                "amber_percent",
                "Gelb ab (%) muss größer als 0 und kleiner als „Grün ab“ sein.",
            ));
        }
        Error::check(errors)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    Green,
    Amber,
    Red,
}

impl Light {
    pub fn label(self) -> &'static str {
        match self {
            Light::Green => "grün",
            Light::Amber => "gelb",
            Light::Red => "rot",
        }
    }
}

/// Coverage in whole percent (rounded down) and its traffic light; a target of 0 counts as covered.
pub fn light_for(eligible: usize, target: i64, s: &CoverageSettings) -> (u32, Light) {
    let percent = if target <= 0 {
        100
    } else {
        (eligible as i64 * 100 / target) as u32
    };
    let light = if percent >= s.green_percent {
        Light::Green
    } else if percent >= s.amber_percent {
        Light::Amber
    } else {
        Light::Red
    };
    (percent, light)
}

/// A language and how many eligible pilots of a district speak it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct LanguageCount {
    pub language: String,
    pub pilots: usize,
}

/// One district on one day. The counts are the lengths of the id lists (the drill-down).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DistrictCoverage {
    pub district: String,
    pub target: i64,
    pub eligible: usize,
    pub pipeline: usize,
    pub paused: usize,
    pub ending_soon: usize,
    pub refresher_overdue: usize,
    pub coverage_percent: u32,
    pub light: Light,
    pub eligible_ids: Vec<i64>,
    pub pipeline_ids: Vec<i64>,
    pub paused_ids: Vec<i64>,
    pub ending_soon_ids: Vec<i64>,
    pub refresher_overdue_ids: Vec<i64>,
    pub languages: Vec<LanguageCount>,
    /// Languages of the list that no eligible pilot of the district speaks.
    pub language_gaps: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Coverage {
    pub date: NaiveDate,
    pub districts: Vec<DistrictCoverage>,
    /// County totals (district "Landkreis").
    pub total: DistrictCoverage,
    /// Pilots without a district who would otherwise count (active and eligible).
    pub eligible_without_district: Vec<i64>,
}

fn empty_district(name: &str, target: i64) -> DistrictCoverage {
    DistrictCoverage {
        district: name.to_string(),
        target,
        eligible: 0,
        pipeline: 0,
        paused: 0,
        ending_soon: 0,
        refresher_overdue: 0,
        coverage_percent: 0,
        light: Light::Red,
        eligible_ids: Vec::new(),
        pipeline_ids: Vec::new(),
        paused_ids: Vec::new(),
        ending_soon_ids: Vec::new(),
        refresher_overdue_ids: Vec::new(),
        languages: Vec::new(),
        language_gaps: Vec::new(),
    }
}

fn finish(
    d: &mut DistrictCoverage,
    langs: &BTreeMap<String, usize>,
    all_languages: &[String],
    s: &CoverageSettings,
) {
    d.eligible = d.eligible_ids.len();
    d.pipeline = d.pipeline_ids.len();
    d.paused = d.paused_ids.len();
    d.ending_soon = d.ending_soon_ids.len();
    d.refresher_overdue = d.refresher_overdue_ids.len();
    (d.coverage_percent, d.light) = light_for(d.eligible, d.target, s);
    let mut languages: Vec<LanguageCount> = langs
        .iter()
        .map(|(l, n)| LanguageCount {
            language: l.clone(),
            pilots: *n,
        })
        .collect();
    languages.sort_by(|a, b| {
        b.pilots
            .cmp(&a.pilots)
            .then_with(|| a.language.cmp(&b.language))
    });
    d.languages = languages;
    d.language_gaps = all_languages
        .iter()
        .filter(|l| !langs.contains_key(*l))
        .cloned()
        .collect();
}

/// One pilot as coverage counts them: the timeline and the languages spoken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: i64,
    pub timeline: Timeline,
    pub languages: Vec<String>,
}

/// Coverage of every district on `date`. `all_languages` is the language list gaps are measured
/// against; `members` are in the order of their ids.
pub fn coverage_on(
    date: NaiveDate,
    members: &[Member],
    districts: &[District],
    all_languages: &[String],
    settings: &CoverageSettings,
) -> Coverage {
    let mut rows: Vec<DistrictCoverage> = districts
        .iter()
        .map(|d| empty_district(&d.name, d.target))
        .collect();
    let mut langs: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); rows.len()];
    let mut total = empty_district("Landkreis", districts.iter().map(|d| d.target).sum());
    let mut total_langs = BTreeMap::new();
    let mut without_district = Vec::new();
    for p in members {
        let day = p.timeline.at(date);
        let eligible = day.eligible();
        // The district of that day: a pilot who moved counts where they were.
        let Some(i) = districts.iter().position(|d| Some(d.id) == day.district) else {
            if eligible {
                without_district.push(p.id);
            }
            continue;
        };
        let mut put = |pick: fn(&mut DistrictCoverage) -> &mut Vec<i64>| {
            pick(&mut rows[i]).push(p.id);
            pick(&mut total).push(p.id);
        };
        match day.status {
            Some(Status::InQualification | Status::Qualified) => put(|r| &mut r.pipeline_ids),
            Some(Status::Paused) => put(|r| &mut r.paused_ids),
            _ => {}
        }
        if !eligible {
            continue;
        }
        put(|r| &mut r.eligible_ids);
        if day.screening == ScreeningState::Expiring {
            put(|r| &mut r.ending_soon_ids);
        }
        if day.refresher_overdue {
            put(|r| &mut r.refresher_overdue_ids);
        }
        for l in &p.languages {
            *langs[i].entry(l.clone()).or_default() += 1;
            *total_langs.entry(l.clone()).or_default() += 1;
        }
    }
    for (row, l) in rows.iter_mut().zip(&langs) {
        finish(row, l, all_languages, settings);
    }
    finish(&mut total, &total_langs, all_languages, settings);
    Coverage {
        date,
        districts: rows,
        total,
        eligible_without_district: without_district,
    }
}

/// The last day of the month `date` lies in.
pub fn month_end(date: NaiveDate) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(date.year(), date.month(), 1).expect("valid month");
    first + Months::new(1) - chrono::Days::new(1)
}

/// Eligible pilots per district at one month end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct MonthPoint {
    /// "2026-11"
    pub month: String,
    pub date: NaiveDate,
    /// True for months after today's (the outlook: known eFZ expiries applied, no other change).
    pub outlook: bool,
    /// Eligible count per district, in the order of the districts.
    pub eligible: Vec<usize>,
    pub total: usize,
}

/// Coverage at the end of each of the `back` months before today's month, today's month end, and
/// `ahead` months of outlook. Status and district history reconstruct the past (with the eFZ periods
/// in force on each month end); the outlook keeps today's statuses and lets screenings expire as
/// they will.
pub fn coverage_history(
    today: NaiveDate,
    back: u32,
    ahead: u32,
    members: &[Member],
    districts: &[District],
) -> Vec<MonthPoint> {
    let this_month = month_end(today);
    (0..=back + ahead)
        .map(|k| {
            let date = month_end(if k <= back {
                this_month - Months::new(back - k)
            } else {
                this_month + Months::new(k - back)
            });
            let mut eligible = vec![0; districts.len()];
            for p in members {
                let day = p.timeline.at(date);
                if !day.eligible() {
                    continue;
                }
                // Counted in the district of that month end (district history).
                if let Some(i) = districts.iter().position(|d| Some(d.id) == day.district) {
                    eligible[i] += 1;
                }
            }
            MonthPoint {
                month: format!("{:04}-{:02}", date.year(), date.month()),
                date,
                outlook: k > back,
                total: eligible.iter().sum(),
                eligible,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::StatusChange;
    use crate::domain::periods::LifecycleSettings;
    use crate::domain::pilot::Pilot;
    use crate::domain::record::LifecycleData;
    use crate::domain::screening::{Screening, ScreeningResult};
    use crate::domain::timeline::SettingsHistory;
    use std::collections::HashMap;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn pilot(id: i64, district: &str, langs: &[&str]) -> Pilot {
        Pilot {
            id,
            first_name: format!("P{id}"),
            last_name: "Test".into(),
            birth_date: None,
            street: String::new(),
            postcode: String::new(),
            town: String::new(),
            municipality: None,
            district: Some(district.into()),
            phone: String::new(),
            email: String::new(),
            languages: langs.iter().map(|s| s.to_string()).collect(),
            recruitment_source: None,
            account_holder: String::new(),
            bic: String::new(),
            iban: String::new(),
            notes: String::new(),
            status: Status::Prospect,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    fn changes(list: &[(Status, &str)]) -> Vec<StatusChange> {
        list.iter()
            .enumerate()
            .map(|(i, (s, on))| StatusChange {
                status: *s,
                effective_on: d(on),
                note: String::new(),
                who: String::new(),
                seq: i as i64,
            })
            .collect()
    }

    /// A clear certificate dated `cert`, inspected a week later.
    fn screened(cert: &str) -> Vec<crate::domain::record::ScreeningRecord> {
        let c = d(cert);
        vec![crate::domain::record::ScreeningRecord {
            id: 1,
            screening: Screening {
                letter_issued_on: Some(c - chrono::Days::new(10)),
                certificate_dated: Some(c),
                inspected_on: Some(c + chrono::Days::new(7)),
                inspected_by: "X".into(),
                result: Some(ScreeningResult::Clear),
            },
        }]
    }

    fn districts() -> Vec<District> {
        ["Halberstadt", "Quedlinburg", "Wernigerode"]
            .iter()
            .enumerate()
            .map(|(i, n)| District {
                id: i as i64 + 1,
                name: n.to_string(),
                target: 4,
            })
            .collect()
    }

    use Status::*;

    /// The pilots with their timelines under the default periods, in the order of their ids.
    fn members(pilots: &[Pilot], data: &HashMap<i64, LifecycleData>) -> Vec<Member> {
        let settings = SettingsHistory::fixed(LifecycleSettings::default());
        let ds = districts();
        pilots
            .iter()
            .map(|p| Member {
                id: p.id,
                timeline: Timeline::build(
                    &data.get(&p.id).cloned().unwrap_or_default(),
                    p.district.as_deref(),
                    |n| ds.iter().find(|d| d.name == n).map(|d| d.id),
                    &settings,
                ),
                languages: p.languages.clone(),
            })
            .collect()
    }

    #[test]
    fn boundaries_of_the_day() {
        let today = d("2026-11-26");
        let base = [
            (Prospect, "2025-01-01"),
            (InQualification, "2025-02-01"),
            (Qualified, "2025-03-01"),
        ];
        // The qualification steps every pilot went through, then what differs, and the certificate date.
        let pilot_data = |later: &[(Status, &str)], cert: &str| {
            let mut h = base.to_vec();
            h.extend_from_slice(later);
            LifecycleData {
                history: changes(&h),
                screenings: screened(cert),
                ..Default::default()
            }
        };
        let data = HashMap::from([
            // 1: eFZ expires today (certificate dated five years ago today): not eligible.
            (1, pilot_data(&[(Active, "2025-04-01")], "2021-11-26")),
            // 2: appointed today: eligible.
            (2, pilot_data(&[(Active, "2026-11-26")], "2025-01-10")),
            // 3: paused yesterday: paused, not eligible.
            (
                3,
                pilot_data(
                    &[(Active, "2025-04-01"), (Paused, "2026-11-25")],
                    "2025-01-10",
                ),
            ),
            // 4: leaves tomorrow: still eligible today.
            (
                4,
                pilot_data(
                    &[(Active, "2025-04-01"), (Left, "2026-11-27")],
                    "2025-01-10",
                ),
            ),
        ]);
        let pilots: Vec<Pilot> = (1..=4)
            .map(|i| pilot(i, "Halberstadt", &["Arabisch"]))
            .collect();
        let langs = vec!["Arabisch".to_string(), "Tigrinya".to_string()];
        let c = coverage_on(
            today,
            &members(&pilots, &data),
            &districts(),
            &langs,
            &Default::default(),
        );
        let hbs = &c.districts[0];
        assert_eq!(hbs.eligible_ids, vec![2, 4]);
        assert_eq!(hbs.paused_ids, vec![3]);
        assert_eq!(hbs.coverage_percent, 50);
        assert_eq!(hbs.light, Light::Red);
        assert_eq!(
            hbs.languages,
            vec![LanguageCount {
                language: "Arabisch".into(),
                pilots: 2
            }]
        );
        assert_eq!(hbs.language_gaps, vec!["Tigrinya".to_string()]);
        assert_eq!(
            c.districts[1].language_gaps, langs,
            "no eligible pilot in Quedlinburg"
        );
        // Yesterday: pilot 1 still eligible (expiring), 2 not yet appointed, 3 paused from that day.
        let c = coverage_on(
            d("2026-11-25"),
            &members(&pilots, &data),
            &districts(),
            &langs,
            &Default::default(),
        );
        assert_eq!(c.districts[0].eligible_ids, vec![1, 4]);
        assert_eq!(c.districts[0].ending_soon_ids, vec![1]);
        assert_eq!(c.districts[0].pipeline_ids, vec![2]);
        // The day before yesterday pilot 3 was still active.
        let c = coverage_on(
            d("2026-11-24"),
            &members(&pilots, &data),
            &districts(),
            &langs,
            &Default::default(),
        );
        assert_eq!(c.districts[0].eligible_ids, vec![1, 3, 4]);
        // Tomorrow: pilot 4 has left.
        let c = coverage_on(
            d("2026-11-27"),
            &members(&pilots, &data),
            &districts(),
            &langs,
            &Default::default(),
        );
        assert_eq!(c.districts[0].eligible_ids, vec![2]);
        assert_eq!(c.total.eligible, 1);
    }

    #[test]
    fn traffic_light_thresholds() {
        let s = CoverageSettings::default();
        assert_eq!(light_for(10, 10, &s), (100, Light::Green));
        assert_eq!(light_for(9, 10, &s), (90, Light::Amber));
        assert_eq!(light_for(7, 10, &s), (70, Light::Amber));
        assert_eq!(light_for(6, 10, &s), (60, Light::Red));
        assert_eq!(light_for(0, 0, &s), (100, Light::Green));
        assert!(CoverageSettings {
            green_percent: 80,
            amber_percent: 80
        }
        .validate()
        .is_err());
    }

    #[test]
    fn history_matches_a_hand_computed_table() {
        // Six months, June to November 2026, three districts.
        let today = d("2026-11-10");
        let q = [
            (Prospect, "2026-01-01"),
            (InQualification, "2026-02-01"),
            (Qualified, "2026-03-01"),
        ];
        type Script<'a> = Vec<(i64, &'a str, Vec<(Status, &'a str)>, &'a str)>;
        let script: Script = vec![
            // Halberstadt: active from 15.06.; paused 01.08.–14.09.; active since.
            (
                1,
                "Halberstadt",
                vec![
                    (Active, "2026-06-15"),
                    (Paused, "2026-08-01"),
                    (Active, "2026-09-15"),
                ],
                "2026-01-10",
            ),
            // Halberstadt: active 30.06. (month end counts), left 31.10. (gone at October's end).
            (
                2,
                "Halberstadt",
                vec![(Active, "2026-06-30"), (Left, "2026-10-31")],
                "2026-01-10",
            ),
            // Quedlinburg: active since May, eFZ (dated 15.09.2021) runs out on 15.09.2026.
            (3, "Quedlinburg", vec![(Active, "2026-05-01")], "2021-09-15"),
            // Wernigerode: appointed 01.11.
            (4, "Wernigerode", vec![(Active, "2026-11-01")], "2026-01-10"),
        ];
        let mut data = HashMap::new();
        let mut pilots = Vec::new();
        for (id, district, later, cert) in script {
            let mut h = q.to_vec();
            h.extend(later);
            data.insert(
                id,
                LifecycleData {
                    history: changes(&h),
                    screenings: screened(cert),
                    ..Default::default()
                },
            );
            pilots.push(pilot(id, district, &[]));
        }
        let points = coverage_history(today, 5, 0, &members(&pilots, &data), &districts());
        let table: Vec<(&str, Vec<usize>)> = points
            .iter()
            .map(|p| (p.month.as_str(), p.eligible.clone()))
            .collect();
        assert_eq!(
            table,
            vec![
                ("2026-06", vec![2, 1, 0]),
                ("2026-07", vec![2, 1, 0]),
                ("2026-08", vec![1, 1, 0]),
                ("2026-09", vec![2, 0, 0]),
                ("2026-10", vec![1, 0, 0]),
                ("2026-11", vec![1, 0, 1]),
            ]
        );
        // Outlook: three months ahead with known expiries; nothing expires, so it stays.
        let points = coverage_history(today, 0, 3, &members(&pilots, &data), &districts());
        assert_eq!(points.len(), 4);
        assert!(points[1..].iter().all(|p| p.outlook && p.total == 2));
        assert_eq!(points[3].month, "2027-02");
    }

    #[test]
    fn month_ends() {
        assert_eq!(month_end(d("2026-02-10")), d("2026-02-28"));
        assert_eq!(month_end(d("2028-02-01")), d("2028-02-29"));
        assert_eq!(month_end(d("2026-12-31")), d("2026-12-31"));
    }

    #[test]
    fn a_pilot_who_moved_counts_in_the_district_of_each_day() {
        let today = d("2026-11-10");
        let h = changes(&[(Prospect, "2025-01-01"), (Active, "2025-03-01")]);
        let data = HashMap::from([(
            1,
            LifecycleData {
                history: h,
                screenings: screened("2025-01-10"),
                district_changes: vec![crate::domain::pilot::DistrictChange {
                    from: Some("Halberstadt".into()),
                    to: Some("Wernigerode".into()),
                    effective_on: d("2026-10-01"),
                    note: String::new(),
                    who: String::new(),
                    seq: 1,
                }],
                ..Default::default()
            },
        )]);
        let pilots = [pilot(1, "Wernigerode", &[])];
        let points = coverage_history(today, 2, 0, &members(&pilots, &data), &districts());
        let table: Vec<(&str, Vec<usize>)> = points
            .iter()
            .map(|p| (p.month.as_str(), p.eligible.clone()))
            .collect();
        assert_eq!(
            table,
            vec![
                ("2026-09", vec![1, 0, 0]),
                ("2026-10", vec![0, 0, 1]),
                ("2026-11", vec![0, 0, 1]),
            ]
        );
        let on = |date| {
            coverage_on(
                d(date),
                &members(&pilots, &data),
                &districts(),
                &[],
                &Default::default(),
            )
        };
        assert_eq!(on("2026-09-30").districts[0].eligible_ids, vec![1]);
        assert_eq!(on("2026-10-01").districts[2].eligible_ids, vec![1]);
    }
}
