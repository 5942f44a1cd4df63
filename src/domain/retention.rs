//! Deletion of the eFZ (screening) data under § 30a BZRG (docs/DOMAIN.md#deletion): the data may
//! be used only to check suitability and must be deleted at once if the activity does not start,
//! and at the latest 6 months after the activity was last carried out. Pure rules over the status
//! history and a date; the store deletes (`Store::delete_due_screenings`).
//!
//! Decisions:
//! - Only pilots whose status is Ausgeschieden are considered. A pilot in any other status may still
//!   start or return, so the app cannot know the activity has ended (the coordinator records the
//!   leaving as a status change).
//! - "Last carried out" is the last day with status Aktiv. Ruhend is not service: a pilot who paused
//!   and then left last served on the day before the pause began. This follows the wording of
//!   § 30a ("letztmalige Ausübung der Tätigkeit") and deletes no later than the law allows.
//! - A pilot who was never Aktiv on any day (also one appointed and leaving on the same day) never
//!   started: deletion is due on the day of leaving.
//! - Due date = last day of service + `months` (calendar months; the 31st clamps to the month's
//!   end). On the due day the data is deleted; the day before it is kept.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::domain::lifecycle::{self, StatusChange};
use crate::domain::periods::LifecycleSettings;
use crate::domain::pilot::Status;
use crate::domain::screening::{self, Screening, ScreeningState};

/// Months after the last day of service (§ 30a BZRG, current text; older guidance said 3).
pub const SCREENING_RETENTION_MONTHS: u32 = 6;

/// Changes effective on or before `today`, by date, then `seq`.
fn sorted_until(history: &[StatusChange], today: NaiveDate) -> Vec<&StatusChange> {
    let mut v: Vec<&StatusChange> = history.iter().filter(|c| c.effective_on <= today).collect();
    v.sort_by_key(|c| (c.effective_on, c.seq));
    v
}

/// The last day with status Aktiv among the Aktiv periods that have ended by `today`; `None` if
/// there is none (never Aktiv, or Aktiv only for a period of no days, or still Aktiv).
pub fn last_day_of_service(history: &[StatusChange], today: NaiveDate) -> Option<NaiveDate> {
    let changes = sorted_until(history, today);
    changes
        .windows(2)
        .filter(|w| w[0].status == Status::Active && w[1].effective_on > w[0].effective_on)
        .filter_map(|w| w[1].effective_on.checked_sub_days(Days::new(1)))
        .max()
}

/// The day from which the pilot's screening data must be deleted, for a pilot whose status on
/// `today` is Ausgeschieden: last day of service + `months`, or the day of leaving if they never
/// served. `None` for every other status (nothing is due). The date may lie after `today`: then it
/// is the day the deletion will happen.
pub fn screening_deletion_due(
    history: &[StatusChange],
    today: NaiveDate,
    months: u32,
) -> Option<NaiveDate> {
    let changes = sorted_until(history, today);
    let current = changes.last()?;
    if current.status != Status::Left {
        return None;
    }
    match last_day_of_service(history, today) {
        Some(last) => Some(
            last.checked_add_months(Months::new(months))
                .unwrap_or(NaiveDate::MAX),
        ),
        None => Some(current.effective_on),
    }
}

/// A Storno of a status change is possible only while no eFZ deletion has run on it: the deleted
/// facts cannot come back, so undoing the change would leave a pilot in service without them. Only a
/// pilot who has left is ever deleted, and leaving is the last change, so a deletion recorded on or
/// after the day the change took effect has run on it. `erased_on` is the pilot's last deletion.
pub fn storno_blocked_by_deletion(change: &StatusChange, erased_on: Option<NaiveDate>) -> bool {
    erased_on.is_some_and(|e| e >= change.effective_on)
}

/// The due list announces an anonymisation this many days ahead (4 weeks).
pub const ANONYMISATION_NOTICE_DAYS: u64 = 28;

/// The day the register data of a pilot who has left on `today` is anonymised: 1 January after the
/// end of the `years`th year after the year of leaving (SPEC section 8; statements are receipts,
/// § 24 Abs. 3 KomKBVO LSA). `None` for a pilot not Ausgeschieden on `today`.
pub fn anonymisation_due(
    history: &[StatusChange],
    today: NaiveDate,
    years: u32,
) -> Option<NaiveDate> {
    let changes = sorted_until(history, today);
    let current = changes.last()?;
    if current.status != Status::Left {
        return None;
    }
    let year = current.effective_on.year() + i32::try_from(years).ok()? + 1;
    NaiveDate::from_ymd_opt(year, 1, 1)
}

/// eFZ data kept for a pilot who is not in service, for the due list (SPEC section 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeptScreening {
    /// Ruhend since `since` for more than [`SCREENING_RETENTION_MONTHS`] (from `due` on).
    Paused { since: NaiveDate, due: NaiveDate },
    /// Never started; the certificate was inspected on `inspected`; `due` is
    /// `not_started_keep_months` (setting) after the later of that day and the entry into the
    /// programme.
    NotStarted {
        inspected: NaiveDate,
        due: NaiveDate,
    },
    /// Not (or no longer) in service with a relevant entry: will not start; inspected on `inspected`.
    RelevantEntry { inspected: NaiveDate },
}

/// Whether the pilot's eFZ data is kept although the pilot is not in service on `today`. Pilots
/// who have left are deleted by [`screening_deletion_due`] and are not named here.
pub fn screening_kept_without_service(
    history: &[StatusChange],
    screenings: &[Screening],
    today: NaiveDate,
    settings: &LifecycleSettings,
) -> Option<KeptScreening> {
    let status = lifecycle::status_on(history, today)?;
    if matches!(status, Status::Active | Status::Left) {
        return None;
    }
    let inspected = screenings
        .iter()
        .filter_map(|s| s.inspected_on)
        .filter(|d| *d <= today)
        .max()?;
    if screening::screening_state_on(screenings, today, settings) == ScreeningState::RelevantEntry {
        return Some(KeptScreening::RelevantEntry { inspected });
    }
    let months = |d: NaiveDate, n: u32| {
        d.checked_add_months(Months::new(n))
            .unwrap_or(NaiveDate::MAX)
    };
    if status == Status::Paused {
        let since = sorted_until(history, today).last()?.effective_on;
        let due = months(since, SCREENING_RETENTION_MONTHS);
        return (today > due).then_some(KeptScreening::Paused { since, due });
    }
    // Waiting starts when the pilot is both in the programme and inspected.
    let joined = sorted_until(history, today).first()?.effective_on;
    let due = months(inspected.max(joined), settings.not_started_keep_months);
    (today >= due).then_some(KeptScreening::NotStarted { inspected, due })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn history(steps: &[(Status, NaiveDate)]) -> Vec<StatusChange> {
        steps
            .iter()
            .enumerate()
            .map(|(i, (status, on))| StatusChange {
                status: *status,
                effective_on: *on,
                note: String::new(),
                who: String::new(),
                seq: i as i64 + 1,
            })
            .collect()
    }

    const M: u32 = SCREENING_RETENTION_MONTHS;

    #[test]
    fn left_after_service_due_six_months_after_the_last_active_day() {
        let h = history(&[
            (Prospect, d(2025, 1, 10)),
            (InQualification, d(2025, 2, 1)),
            (Qualified, d(2025, 4, 1)),
            (Active, d(2025, 5, 1)),
            (Left, d(2026, 7, 1)),
        ]);
        assert_eq!(last_day_of_service(&h, d(2026, 7, 1)), Some(d(2026, 6, 30)));
        assert_eq!(
            screening_deletion_due(&h, d(2026, 7, 1), M),
            Some(d(2026, 12, 30))
        );
        // Before leaving nothing is due, also when asked for a day before the Left change.
        assert_eq!(screening_deletion_due(&h, d(2026, 6, 30), M), None);
    }

    #[test]
    fn pause_is_not_service() {
        let h = history(&[
            (Prospect, d(2025, 1, 10)),
            (Qualified, d(2025, 4, 1)),
            (Active, d(2025, 5, 1)),
            (Paused, d(2025, 9, 1)),
            (Left, d(2026, 1, 15)),
        ]);
        assert_eq!(last_day_of_service(&h, d(2026, 2, 1)), Some(d(2025, 8, 31)));
        assert_eq!(
            screening_deletion_due(&h, d(2026, 2, 1), M),
            Some(d(2026, 2, 28))
        );
        // Active again after the pause: the later period counts.
        let h = history(&[
            (Active, d(2025, 5, 1)),
            (Paused, d(2025, 9, 1)),
            (Active, d(2025, 11, 1)),
            (Left, d(2026, 3, 1)),
        ]);
        assert_eq!(
            screening_deletion_due(&h, d(2026, 3, 1), M),
            Some(d(2026, 8, 28))
        );
    }

    #[test]
    fn never_started_is_due_on_the_day_of_leaving() {
        let h = history(&[
            (Prospect, d(2026, 1, 10)),
            (InQualification, d(2026, 2, 1)),
            (Left, d(2026, 3, 5)),
        ]);
        assert_eq!(last_day_of_service(&h, d(2026, 3, 5)), None);
        assert_eq!(
            screening_deletion_due(&h, d(2026, 3, 5), M),
            Some(d(2026, 3, 5))
        );
        // Appointed and leaving the same day: never served a day.
        let h = history(&[
            (Qualified, d(2026, 1, 10)),
            (Active, d(2026, 3, 5)),
            (Left, d(2026, 3, 5)),
        ]);
        assert_eq!(
            screening_deletion_due(&h, d(2026, 3, 9), M),
            Some(d(2026, 3, 5))
        );
    }

    #[test]
    fn nothing_due_unless_left() {
        for status in [Prospect, InQualification, Qualified, Active, Paused] {
            let h = history(&[(Prospect, d(2020, 1, 1)), (status, d(2020, 6, 1))]);
            assert_eq!(
                screening_deletion_due(&h, d(2030, 1, 1), M),
                None,
                "{status:?}"
            );
        }
        assert_eq!(screening_deletion_due(&[], d(2030, 1, 1), M), None);
    }

    #[test]
    fn order_of_the_slice_does_not_matter_and_month_end_clamps() {
        let mut h = history(&[
            (Prospect, d(2025, 1, 10)),
            (Active, d(2025, 5, 1)),
            (Left, d(2025, 9, 1)),
        ]);
        h.reverse();
        assert_eq!(last_day_of_service(&h, d(2025, 9, 1)), Some(d(2025, 8, 31)));
        assert_eq!(
            screening_deletion_due(&h, d(2025, 9, 1), M),
            Some(d(2026, 2, 28))
        );
    }

    fn inspected(on: NaiveDate, result: crate::domain::screening::ScreeningResult) -> Screening {
        Screening {
            letter_issued_on: None,
            certificate_dated: Some(on),
            inspected_on: Some(on),
            inspected_by: "X".into(),
            result: Some(result),
        }
    }

    #[test]
    fn anonymisation_after_the_tenth_year_after_leaving() {
        let h = history(&[
            (Prospect, d(2025, 1, 10)),
            (Active, d(2025, 5, 1)),
            (Left, d(2026, 12, 31)),
        ]);
        assert_eq!(anonymisation_due(&h, d(2026, 12, 30), 10), None);
        assert_eq!(
            anonymisation_due(&h, d(2026, 12, 31), 10),
            Some(d(2037, 1, 1))
        );
        let h = history(&[(Prospect, d(2025, 1, 10)), (Left, d(2026, 1, 1))]);
        assert_eq!(
            anonymisation_due(&h, d(2030, 1, 1), 10),
            Some(d(2037, 1, 1))
        );
        assert_eq!(anonymisation_due(&h, d(2030, 1, 1), 7), Some(d(2034, 1, 1)));
    }

    #[test]
    fn storno_blocked_once_a_deletion_ran() {
        let h = history(&[(Prospect, d(2026, 1, 10)), (Left, d(2026, 3, 5))]);
        assert!(!storno_blocked_by_deletion(&h[1], None));
        assert!(!storno_blocked_by_deletion(&h[1], Some(d(2026, 3, 4))));
        assert!(storno_blocked_by_deletion(&h[1], Some(d(2026, 3, 5))));
    }

    #[test]
    fn kept_screening_of_pilots_not_in_service() {
        use crate::domain::screening::ScreeningResult::*;
        let s = LifecycleSettings::default();
        let clear = [inspected(d(2025, 1, 10), Clear)];
        let paused = history(&[
            (Prospect, d(2024, 1, 10)),
            (Active, d(2025, 2, 1)),
            (Paused, d(2026, 1, 15)),
        ]);
        // Ruhend for more than six months: from 16.07.2026.
        assert_eq!(
            screening_kept_without_service(&paused, &clear, d(2026, 7, 15), &s),
            None
        );
        assert_eq!(
            screening_kept_without_service(&paused, &clear, d(2026, 7, 16), &s),
            Some(KeptScreening::Paused {
                since: d(2026, 1, 15),
                due: d(2026, 7, 15)
            })
        );
        // Never started: named a year after the inspection (here after the entry).
        let waiting = history(&[(Prospect, d(2024, 12, 1)), (Qualified, d(2025, 2, 1))]);
        let joined_later = history(&[(Prospect, d(2025, 6, 1))]);
        assert_eq!(
            screening_kept_without_service(&joined_later, &clear, d(2026, 1, 10), &s),
            None,
            "a year after joining, not after the older inspection"
        );
        assert_eq!(
            screening_kept_without_service(&waiting, &clear, d(2026, 1, 9), &s),
            None
        );
        assert_eq!(
            screening_kept_without_service(&waiting, &clear, d(2026, 1, 10), &s),
            Some(KeptScreening::NotStarted {
                inspected: d(2025, 1, 10),
                due: d(2026, 1, 10)
            })
        );
        // A relevant entry at once; active pilots, pilots who left and those without data never.
        let entry = [inspected(d(2025, 1, 10), RelevantEntry)];
        assert_eq!(
            screening_kept_without_service(&waiting, &entry, d(2025, 1, 10), &s),
            Some(KeptScreening::RelevantEntry {
                inspected: d(2025, 1, 10)
            })
        );
        let active = history(&[(Prospect, d(2024, 1, 10)), (Active, d(2025, 2, 1))]);
        assert_eq!(
            screening_kept_without_service(&active, &entry, d(2026, 1, 10), &s),
            None
        );
        assert_eq!(
            screening_kept_without_service(&waiting, &[], d(2030, 1, 1), &s),
            None
        );
    }
}
