//! A pilot's way through the programme as periods of days with the same state: status, screening
//! state, district and refresher (docs/DOMAIN.md#timeline). Built once from the stored facts and
//! the settings in force on each day, so coverage, eligibility and allowances look a day up instead
//! of walking the whole history for every day they ask about.
//!
//! The state of a day is what the rules of [`lifecycle`] and [`screening`] give for it; a period
//! starts on each day the state can change (a fact's day, a derived deadline, a settings change,
//! and the day after each of them) and is merged with the one before when nothing changed.

use chrono::{Days, NaiveDate};

use crate::domain::lifecycle::{self, RefresherState};
use crate::domain::periods::LifecycleSettings;
use crate::domain::pilot::Status;
use crate::domain::record::LifecycleData;
use crate::domain::screening::{self, ScreeningState};
use crate::domain::training;

/// The first day a timeline knows: every stored date lies after it.
pub const FLOOR: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// The last day a period may start on (dates are stored with four-digit years).
const CEILING: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// The lifecycle settings (eFZ and refresher periods) with the day each version is in force from.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsHistory {
    /// Sorted by day; the first from [`FLOOR`].
    versions: Vec<(NaiveDate, LifecycleSettings)>,
}

impl SettingsHistory {
    /// One version for every day.
    pub fn fixed(settings: LifecycleSettings) -> Self {
        SettingsHistory {
            versions: vec![(FLOOR, settings)],
        }
    }

    /// The versions from the days they are in force from: `at(day)` gives the settings of that day.
    /// `changes` are the days a dated setting changes; `at` the settings in force on a day.
    pub fn from_changes(
        changes: impl IntoIterator<Item = NaiveDate>,
        at: impl Fn(NaiveDate) -> LifecycleSettings,
    ) -> Self {
        let mut days: Vec<NaiveDate> = changes.into_iter().filter(|d| *d > FLOOR).collect();
        days.sort_unstable();
        days.dedup();
        let mut versions = vec![(FLOOR, at(FLOOR))];
        for day in days {
            let s = at(day);
            if versions.last().is_some_and(|(_, last)| *last != s) {
                versions.push((day, s));
            }
        }
        SettingsHistory { versions }
    }

    /// The settings in force on `day`.
    pub fn at(&self, day: NaiveDate) -> &LifecycleSettings {
        let i = self.versions.partition_point(|(from, _)| *from <= day);
        &self.versions[i.saturating_sub(1)].1
    }

    fn all(&self) -> impl Iterator<Item = &(NaiveDate, LifecycleSettings)> {
        self.versions.iter()
    }
}

/// What holds for a pilot on each day of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayState {
    pub status: Option<Status>,
    pub screening: ScreeningState,
    /// The id of the district the pilot belongs to that day.
    pub district: Option<i64>,
    /// Appointed, and the refresher not attended in time.
    pub refresher_overdue: bool,
}

impl DayState {
    /// Status Aktiv and screening valid: the one eligibility rule ([`lifecycle::eligible_on`]).
    pub fn eligible(&self) -> bool {
        self.status == Some(Status::Active) && self.screening.is_valid()
    }
}

impl Default for DayState {
    fn default() -> Self {
        DayState {
            status: None,
            screening: ScreeningState::Missing,
            district: None,
            refresher_overdue: false,
        }
    }
}

/// A state and the day it holds from (until the next period starts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub state: DayState,
}

/// A pilot's periods, the first from [`FLOOR`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timeline {
    pub periods: Vec<Period>,
}

impl Timeline {
    /// The state on `day`.
    pub fn at(&self, day: NaiveDate) -> DayState {
        let i = self.periods.partition_point(|p| p.from <= day);
        i.checked_sub(1)
            .map(|i| self.periods[i].state)
            .unwrap_or_default()
    }

    /// Eligible on `day` (status Aktiv and screening valid).
    pub fn eligible_on(&self, day: NaiveDate) -> bool {
        self.at(day).eligible()
    }

    /// Status Aktiv on every day from `first` to `last` (both included).
    pub fn active_throughout(&self, first: NaiveDate, last: NaiveDate) -> bool {
        let i = self.periods.partition_point(|p| p.from <= first);
        let from_first = i
            .checked_sub(1)
            .map_or(&self.periods[..0], |i| &self.periods[i..]);
        !from_first.is_empty()
            && from_first
                .iter()
                .take_while(|p| p.from <= last)
                .all(|p| p.state.status == Some(Status::Active))
    }

    /// Status Aktiv on at least one day from `first` to `last` (both included): the pilots of a
    /// month's activity grid.
    pub fn active_some_day(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.periods.iter().enumerate().any(|(i, p)| {
            let until = self.periods.get(i + 1).map(|q| q.from);
            p.state.status == Some(Status::Active)
                && p.from <= last
                && until.is_none_or(|u| u > first)
        })
    }

    /// Days from `first` to `last` (both included) on which the pilot was eligible.
    pub fn eligible_days(&self, first: NaiveDate, last: NaiveDate) -> u32 {
        let mut n = 0;
        for (i, p) in self.periods.iter().enumerate() {
            let until = self.periods.get(i + 1).map(|q| q.from);
            if !p.state.eligible() || p.from > last || until.is_some_and(|u| u <= first) {
                continue;
            }
            let start = p.from.max(first);
            let end = until.map_or(last, |u| u.pred_opt().unwrap_or(u).min(last));
            n += (end - start).num_days() as u32 + 1;
        }
        n
    }

    /// The timeline of one pilot from the facts. `current_district` is the register's district,
    /// `district_id` finds a district's id by its name.
    pub fn build(
        data: &LifecycleData,
        current_district: Option<&str>,
        district_id: impl Fn(&str) -> Option<i64>,
        settings: &SettingsHistory,
    ) -> Timeline {
        let screenings = data.screening_list();
        let appointed = lifecycle::appointed_on(&data.history);
        let refreshers = training::refresher_dates(&data.attended_pairs());
        let mut days = vec![FLOOR];
        days.extend(settings.all().map(|(from, _)| *from));
        days.extend(data.history.iter().map(|c| c.effective_on));
        days.extend(data.district_changes.iter().map(|c| c.effective_on));
        days.extend(refreshers.iter().copied());
        for s in &screenings {
            days.extend(s.letter_issued_on);
            days.extend(s.inspected_on);
        }
        for (_, v) in settings.all() {
            for s in &screenings {
                if let Some(re) = screening::reinspection_date(s, v) {
                    days.push(re);
                    days.extend(re.checked_sub_days(Days::new(v.warning_days.into())));
                }
            }
            days.extend(appointed.map(|a| lifecycle::refresher_due(a, v)));
        }
        // A rule may also switch the day after one of these (`today > by`).
        let next: Vec<NaiveDate> = days.iter().filter_map(|d| d.succ_opt()).collect();
        days.extend(next);
        days.retain(|d| (FLOOR..=CEILING).contains(d));
        days.sort_unstable();
        days.dedup();

        let mut periods: Vec<Period> = Vec::new();
        for day in days {
            let v = settings.at(day);
            let refresher = lifecycle::refresher_state(appointed, &refreshers, day, v);
            let state = DayState {
                status: lifecycle::status_on(&data.history, day),
                screening: screening::screening_state_on(&screenings, day, v),
                district: data
                    .district_on(current_district, day)
                    .and_then(|n| district_id(&n)),
                refresher_overdue: matches!(refresher, RefresherState::Overdue { .. }),
            };
            if periods.last().is_none_or(|p| p.state != state) {
                periods.push(Period { from: day, state });
            }
        }
        Timeline { periods }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::StatusChange;
    use crate::domain::pilot::DistrictChange;
    use crate::domain::record::{Attended, CreditRecord, ScreeningRecord};
    use crate::domain::screening::{Screening, ScreeningResult};
    use crate::domain::training::{ModuleCredit, SessionKind};
    use chrono::Datelike;
    use proptest::prelude::*;

    const DISTRICTS: [&str; 3] = ["Halberstadt", "Quedlinburg", "Wernigerode"];

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(n.into())
    }

    fn district_id(name: &str) -> Option<i64> {
        DISTRICTS
            .iter()
            .position(|d| *d == name)
            .map(|i| i as i64 + 1)
    }

    /// What the rules say about `date`, straight from the facts.
    fn direct(
        data: &LifecycleData,
        current: Option<&str>,
        date: NaiveDate,
        s: &LifecycleSettings,
    ) -> DayState {
        let refresher = lifecycle::refresher_state(
            lifecycle::appointed_on(&data.history),
            &training::refresher_dates(&data.attended_pairs()),
            date,
            s,
        );
        DayState {
            status: lifecycle::status_on(&data.history, date),
            screening: screening::screening_state_on(&data.screening_list(), date, s),
            district: data
                .district_on(current, date)
                .and_then(|n| district_id(&n)),
            refresher_overdue: matches!(refresher, RefresherState::Overdue { .. }),
        }
    }

    prop_compose! {
        fn settings_strategy()(
            max_age in 1u32..6, years in 1u32..6, warning in 0u32..200, refresher in 1u32..13,
        ) -> LifecycleSettings {
            LifecycleSettings {
                certificate_max_age_months: max_age,
                reinspection_years: years,
                warning_days: warning,
                refresher_months: refresher,
                ..LifecycleSettings::default()
            }
        }
    }

    prop_compose! {
        fn screening_strategy()(
            letter in proptest::option::of(0u32..2500), dated in proptest::option::of(0u32..2500),
            inspected_after in proptest::option::of(0u32..200), result in 0u8..3,
        ) -> ScreeningRecord {
            let certificate_dated = dated.map(day);
            ScreeningRecord {
                id: 0,
                screening: Screening {
                    letter_issued_on: letter.map(day),
                    certificate_dated,
                    inspected_on: inspected_after.and_then(|a| dated.map(|d| day(d + a))),
                    inspected_by: String::new(),
                    result: match result {
                        0 => None,
                        1 => Some(ScreeningResult::Clear),
                        _ => Some(ScreeningResult::RelevantEntry),
                    },
                },
            }
        }
    }

    prop_compose! {
        fn data_strategy()(
            status in proptest::collection::vec((0usize..6, 0u32..2500), 0..7),
            screenings in proptest::collection::vec(screening_strategy(), 0..3),
            sessions in proptest::collection::vec((any::<bool>(), 0u32..2500), 0..4),
            credits in proptest::collection::vec(0u32..2500, 0..2),
            moves in proptest::collection::vec((0usize..3, 0usize..4, 0u32..2500), 0..3),
        ) -> LifecycleData {
            let mut data = LifecycleData::default();
            for (i, (s, on)) in status.into_iter().enumerate() {
                data.history.push(StatusChange {
                    status: Status::ALL[s],
                    effective_on: day(on),
                    note: String::new(),
                    who: String::new(),
                    seq: i as i64,
                });
            }
            data.history.sort_by_key(|c| (c.effective_on, c.seq));
            for (i, mut s) in screenings.into_iter().enumerate() {
                s.id = i as i64;
                data.screenings.push(s);
            }
            for (i, (refresher, on)) in sessions.into_iter().enumerate() {
                data.attended.push(Attended {
                    session_id: i as i64,
                    kind: if refresher { SessionKind::Refresher } else { SessionKind::module(1).unwrap() },
                    held_on: day(on),
                    course: String::new(),
                    place: String::new(),
                });
            }
            for (i, on) in credits.into_iter().enumerate() {
                data.credits.push(CreditRecord {
                    id: i as i64,
                    credit: ModuleCredit { kind: SessionKind::Refresher, on: day(on), note: String::new() },
                    who: String::new(),
                });
            }
            for (i, (from, to, on)) in moves.into_iter().enumerate() {
                let name = |k: usize| DISTRICTS.get(k).map(|n| n.to_string());
                data.district_changes.push(DistrictChange {
                    from: name(from),
                    to: name(to),
                    effective_on: day(on),
                    note: String::new(),
                    who: String::new(),
                    seq: i as i64,
                });
            }
            data
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// On every day from 2019 to 2034 the timeline says what the rules say.
        #[test]
        fn the_timeline_agrees_with_the_rules_on_every_day(
            data in data_strategy(),
            current in proptest::option::of(0usize..3),
            base in settings_strategy(),
            later in proptest::collection::vec((settings_strategy(), 0u32..2500), 0..3),
        ) {
            let current = current.map(|i| DISTRICTS[i]);
            let mut versions = vec![(FLOOR, base)];
            let mut later = later;
            later.sort_by_key(|(_, on)| *on);
            versions.extend(later.into_iter().map(|(s, on)| (day(on), s)));
            let at = |d: NaiveDate| versions.iter().rev().find(|(from, _)| *from <= d).unwrap().1;
            let history = SettingsHistory::from_changes(versions.iter().map(|(d, _)| *d), at);
            let t = Timeline::build(&data, current, district_id, &history);
            let mut date = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
            while date.year() < 2035 {
                prop_assert_eq!(t.at(date), direct(&data, current, date, &at(date)), "on {}", date);
                date = date.succ_opt().unwrap();
            }
            for (first, last) in [(31, 59), (547, 577), (1430, 1460), (2496, 2525), (100, 100)] {
                let (first, last) = (day(first), day(last));
                let mut n = 0;
                let mut d = first;
                while d <= last {
                    n += u32::from(direct(&data, current, d, &at(d)).eligible());
                    d = d.succ_opt().unwrap();
                }
                prop_assert_eq!(t.eligible_days(first, last), n, "from {} to {}", first, last);
                let mut all = true;
                let mut some = false;
                let mut d = first;
                while d <= last {
                    let active = direct(&data, current, d, &at(d)).status == Some(Status::Active);
                    all &= active;
                    some |= active;
                    d = d.succ_opt().unwrap();
                }
                prop_assert_eq!(t.active_throughout(first, last), all, "active from {} to {}", first, last);
                prop_assert_eq!(t.active_some_day(first, last), some, "active some day from {} to {}", first, last);
            }
        }
    }

    #[test]
    fn before_anything_nothing_holds_and_the_last_period_holds_for_ever() {
        let t = Timeline::build(
            &LifecycleData::default(),
            Some("Quedlinburg"),
            district_id,
            &SettingsHistory::fixed(LifecycleSettings::default()),
        );
        assert_eq!(t.periods.len(), 1);
        assert_eq!(t.at(FLOOR).district, Some(2));
        assert!(!t.eligible_on(day(3000)));
    }
}
