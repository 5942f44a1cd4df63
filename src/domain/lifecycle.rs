//! The pilot lifecycle (docs/DOMAIN.md#lifecycle): status history, allowed changes, appointment (Berufung),
//! eligibility and the refresher. Pure rules over plain data and a date; nothing here reads the clock.
//!
//! Statuses: Interessent → In Qualifizierung → Qualifiziert → Aktiv ⇄ Ruhend; Ausgeschieden from any
//! status. Ausgeschieden is final: a person who returns is registered again (the duplicate check points
//! to the old record), so the old history and allowances stay untouched.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::dates::format_date;
use crate::domain::periods::LifecycleSettings;
use crate::domain::pilot::Status;
use crate::domain::screening::{self, Screening, ScreeningState};
use crate::domain::training::{self, SessionKind, TestAttempt, MODULE_TITLES};
use crate::error::{Error, Result};

/// One entry of a pilot's status history. The history is append-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct StatusChange {
    /// The new status.
    pub status: Status,
    /// The day from which the status holds.
    pub effective_on: NaiveDate,
    /// Optional note; empty when none.
    pub note: String,
    /// Who recorded the change (the person at the desk).
    pub who: String,
    /// Insertion order: of two changes on the same day the higher `seq` is the later one.
    pub seq: i64,
}

/// The latest change of the history (by date, then `seq`), in whatever order the slice is.
pub fn latest_change(history: &[StatusChange]) -> Option<&StatusChange> {
    history.iter().max_by_key(|c| (c.effective_on, c.seq))
}

/// The status on `date`: the latest change effective on or before that day; `None` before the first.
pub fn status_on(history: &[StatusChange], date: NaiveDate) -> Option<Status> {
    history
        .iter()
        .filter(|c| c.effective_on <= date)
        .max_by_key(|c| (c.effective_on, c.seq))
        .map(|c| c.status)
}

/// The statuses a pilot may change to from `current` (`None`: no history yet, so only Interessent).
/// Offered in this order in "Status ändern".
pub fn allowed_next(current: Option<Status>) -> Vec<Status> {
    use Status::*;
    match current {
        None => vec![Prospect],
        Some(Prospect) => vec![InQualification, Left],
        Some(InQualification) => vec![Qualified, Left],
        Some(Qualified) => vec![Active, Left],
        Some(Active) => vec![Paused, Left],
        Some(Paused) => vec![Active, Left],
        Some(Left) => vec![],
    }
}

fn rule(message: String) -> Error {
    Error::Rule {
        message,
        missing: Vec::new(),
    }
}

fn quoted(statuses: &[Status]) -> String {
    statuses
        .iter()
        .map(|s| format!("„{}“", s.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks a status change before it is appended. Refused (German `Error::Rule`) when it is dated before
/// the latest change (the same day is fine: it comes after by `seq`), when the pilot already has that
/// status, or when it is not one of [`allowed_next`]. A change to Aktiv must also pass
/// [`check_appointment`]; the caller gathers those facts.
pub fn check_change(
    history: &[StatusChange],
    new_status: Status,
    effective_on: NaiveDate,
) -> Result<()> {
    let last = latest_change(history);
    if let Some(last) = last {
        if effective_on < last.effective_on {
            return Err(rule(format!(
                "Die Änderung ist auf den {} datiert, vor der letzten Statusänderung am {}.",
                format_date(effective_on),
                format_date(last.effective_on)
            )));
        }
    }
    let current = last.map(|c| c.status);
    if current == Some(new_status) {
        return Err(rule(format!(
            "Der Status ist bereits „{}“.",
            new_status.label()
        )));
    }
    let allowed = allowed_next(current);
    if allowed.contains(&new_status) {
        return Ok(());
    }
    Err(rule(match current {
        None => format!("Der erste Status muss „{}“ sein.", Status::Prospect.label()),
        Some(Status::Left) => format!(
            "Nach „{}“ ist keine Statusänderung mehr möglich.",
            Status::Left.label()
        ),
        Some(c) => format!(
            "Von „{}“ ist kein Wechsel zu „{}“ möglich. Möglich: {}.",
            c.label(),
            new_status.label(),
            quoted(&allowed)
        ),
    }))
}

/// What decides whether a pilot can be appointed (→ Aktiv) on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppointmentFacts {
    /// The appointment day.
    pub on: NaiveDate,
    /// Screening state on the appointment day.
    pub screening: ScreeningState,
    /// Why the screening is not valid, in German (from [`screening::invalid_reason`]);
    /// when `None` the state's label is shown.
    pub screening_reason: Option<String>,
    /// Modules 1–5 attended.
    pub modules_done: [bool; 5],
    /// The latest final test attempt by then passed both parts.
    pub final_test_passed: bool,
    /// The pilot's former district (Altkreis).
    pub district: Option<String>,
}

impl AppointmentFacts {
    /// Gathers the facts for an appointment on `on` from the pilot's records. Only what happened on or
    /// before that day counts (sessions attended, test attempts, inspections), so a backdated
    /// appointment cannot lean on later events. Every attempt is judged by today's pass mark; use
    /// [`AppointmentFacts::gather_marked`] with the marks stored with the attempts.
    pub fn gather(
        on: NaiveDate,
        screenings: &[Screening],
        attended: &[(SessionKind, NaiveDate)],
        attempts: &[TestAttempt],
        district: Option<&str>,
        settings: &LifecycleSettings,
    ) -> AppointmentFacts {
        let marked: Vec<(TestAttempt, u32)> = attempts
            .iter()
            .map(|a| (a.clone(), settings.pass_mark_percent))
            .collect();
        Self::gather_marked(on, screenings, attended, &marked, district, settings)
    }

    /// Like [`AppointmentFacts::gather`], each attempt with the pass mark in force on its day.
    pub fn gather_marked(
        on: NaiveDate,
        screenings: &[Screening],
        attended: &[(SessionKind, NaiveDate)],
        attempts: &[(TestAttempt, u32)],
        district: Option<&str>,
        settings: &LifecycleSettings,
    ) -> AppointmentFacts {
        let current = screening::current_screening(screenings, on, settings);
        let attended_by_then: Vec<(SessionKind, NaiveDate)> = attended
            .iter()
            .copied()
            .filter(|(_, date)| *date <= on)
            .collect();
        let attempts_by_then: Vec<(TestAttempt, u32)> = attempts
            .iter()
            .filter(|(a, _)| a.taken_on <= on)
            .cloned()
            .collect();
        // Nothing by then, but an inspection after: say when it was (for backdated entries).
        let explained = current.or_else(|| {
            screenings
                .iter()
                .filter(|s| s.inspected_on.is_some_and(|i| i > on))
                .min_by_key(|s| s.inspected_on)
        });
        AppointmentFacts {
            on,
            screening: screening::screening_state(current, on, settings),
            screening_reason: screening::invalid_reason(explained, on, settings),
            modules_done: training::modules_done(&attended_by_then),
            final_test_passed: training::final_test_passed_marked(&attempts_by_then),
            district: district
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_string),
        }
    }
}

/// "Führungszeugnis nicht gültig am … (…)" when the screening is not valid on the day.
fn screening_item(facts: &AppointmentFacts) -> Option<String> {
    if facts.screening.is_valid() {
        return None;
    }
    let reason = facts
        .screening_reason
        .clone()
        .unwrap_or_else(|| facts.screening.label().to_string());
    Some(format!(
        "Führungszeugnis nicht gültig am {} ({reason})",
        format_date(facts.on)
    ))
}

/// The return Ruhend → Aktiv: only the screening must be valid on the day. Course and test were
/// checked at the appointment; a later change of the pass mark must not block the return.
pub fn check_return(facts: &AppointmentFacts) -> Result<()> {
    match screening_item(facts) {
        None => Ok(()),
        Some(item) => Err(Error::Rule {
            message: format!(
                "Rückkehr aus „{}“ nicht möglich: {item}.",
                Status::Paused.label()
            ),
            missing: vec![item],
        }),
    }
}

/// The check for a change to Aktiv coming from `previous`: the return from Ruhend checks the
/// screening only ([`check_return`]), every other change is an appointment ([`check_appointment`]).
pub fn check_activation(previous: Option<Status>, facts: &AppointmentFacts) -> Result<()> {
    if previous == Some(Status::Paused) {
        check_return(facts)
    } else {
        check_appointment(facts)
    }
}

/// The appointment rule: screening valid on the day, all five modules attended, final test passed,
/// district set. Otherwise `Error::Rule` listing every missing item in German. Applies to every change
/// to Aktiv except the return from Ruhend ([`check_activation`]).
pub fn check_appointment(facts: &AppointmentFacts) -> Result<()> {
    let mut missing: Vec<String> = screening_item(facts).into_iter().collect();
    for (i, done) in facts.modules_done.iter().enumerate() {
        if !done {
            missing.push(format!(
                "Modul {} „{}“ nicht besucht",
                i + 1,
                MODULE_TITLES[i]
            ));
        }
    }
    if !facts.final_test_passed {
        missing.push("Abschlusstest nicht bestanden".to_string());
    }
    if facts
        .district
        .as_deref()
        .is_none_or(|d| d.trim().is_empty())
    {
        missing.push("Kein Altkreis zugeordnet".to_string());
    }
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::Rule {
        message: format!("Berufung nicht möglich: {}.", missing.join("; ")),
        missing,
    })
}

/// Whether the pilot counts as eligible on `date`: status Aktiv and screening valid (or expiring) that
/// day. The one definition used by coverage, allowances and everything else.
pub fn eligible_on(
    history: &[StatusChange],
    screenings: &[Screening],
    date: NaiveDate,
    settings: &LifecycleSettings,
) -> bool {
    status_on(history, date) == Some(Status::Active)
        && screening::screening_state_on(screenings, date, settings).is_valid()
}

/// History sorted by date, then `seq`.
fn sorted(history: &[StatusChange]) -> Vec<&StatusChange> {
    let mut v: Vec<&StatusChange> = history.iter().collect();
    v.sort_by_key(|c| (c.effective_on, c.seq));
    v
}

/// The appointment day: the latest change to Aktiv that did not come from Ruhend (returning from a
/// pause is no new appointment). `None` if never appointed.
pub fn appointed_on(history: &[StatusChange]) -> Option<NaiveDate> {
    let mut previous = None;
    let mut appointed = None;
    for c in sorted(history) {
        if c.status == Status::Active && !matches!(previous, Some(Status::Paused | Status::Active))
        {
            appointed = Some(c.effective_on);
        }
        previous = Some(c.status);
    }
    appointed
}

/// The last day for the refresher: appointment + `refresher_months`.
pub fn refresher_due(appointed_on: NaiveDate, settings: &LifecycleSettings) -> NaiveDate {
    appointed_on
        .checked_add_months(Months::new(settings.refresher_months))
        .unwrap_or(NaiveDate::MAX)
}

/// Where a pilot stands with the refresher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RefresherState {
    /// Not appointed (yet): nothing is due.
    NotDue,
    /// Appointed, no refresher yet; to be attended by this day (inclusive).
    Due { by: NaiveDate },
    /// Attended a refresher session on this day (the first on or after the appointment).
    Done { on: NaiveDate },
    /// Not attended in time; overdue from this day (the day after the due date).
    Overdue { since: NaiveDate },
}

impl RefresherState {
    /// German text for the app and the due list.
    pub fn label(self) -> String {
        match self {
            RefresherState::NotDue => "nicht fällig".to_string(),
            RefresherState::Due { by } => format!("fällig bis {}", format_date(by)),
            RefresherState::Done { on } => format!("besucht am {}", format_date(on)),
            RefresherState::Overdue { since } => format!("überfällig seit {}", format_date(since)),
        }
    }
}

/// The refresher state on `today`. `appointed_on` comes from [`appointed_on`]; `refresher_dates` are the
/// days the pilot attended a refresher session ([`training::refresher_dates`]). Done by any session on or
/// after the appointment (and not after today); a refresher attended late still counts as done.
pub fn refresher_state(
    appointed_on: Option<NaiveDate>,
    refresher_dates: &[NaiveDate],
    today: NaiveDate,
    settings: &LifecycleSettings,
) -> RefresherState {
    let Some(appointed) = appointed_on.filter(|a| *a <= today) else {
        return RefresherState::NotDue;
    };
    let done = refresher_dates
        .iter()
        .copied()
        .filter(|d| *d >= appointed && *d <= today)
        .min();
    if let Some(on) = done {
        return RefresherState::Done { on };
    }
    let by = refresher_due(appointed, settings);
    if today > by {
        RefresherState::Overdue {
            since: by.checked_add_days(Days::new(1)).unwrap_or(by),
        }
    } else {
        RefresherState::Due { by }
    }
}

/// Due list: a pilot who has been Qualifiziert for more than `qualified_waiting_days` without being
/// appointed. Returns the day since which the pilot is Qualifiziert.
pub fn waiting_for_appointment(
    history: &[StatusChange],
    today: NaiveDate,
    settings: &LifecycleSettings,
) -> Option<NaiveDate> {
    let last = history
        .iter()
        .filter(|c| c.effective_on <= today)
        .max_by_key(|c| (c.effective_on, c.seq))?;
    let waiting =
        (today - last.effective_on).num_days() > i64::from(settings.qualified_waiting_days);
    (last.status == Status::Qualified && waiting).then_some(last.effective_on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::screening::ScreeningResult;
    use Status::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn settings() -> LifecycleSettings {
        LifecycleSettings::default()
    }

    fn change(status: Status, on: NaiveDate, seq: i64) -> StatusChange {
        StatusChange {
            status,
            effective_on: on,
            note: String::new(),
            who: "Frau Schäfer".into(),
            seq,
        }
    }

    /// Interessent 02.01.2026, In Qualifizierung 01.03., Qualifiziert 15.05., Aktiv 01.06.,
    /// Ruhend 01.09., Aktiv 01.11.2026.
    fn history() -> Vec<StatusChange> {
        vec![
            change(Prospect, d(2026, 1, 2), 1),
            change(InQualification, d(2026, 3, 1), 2),
            change(Qualified, d(2026, 5, 15), 3),
            change(Active, d(2026, 6, 1), 4),
            change(Paused, d(2026, 9, 1), 5),
            change(Active, d(2026, 11, 1), 6),
        ]
    }

    fn rule_message(r: Result<()>) -> String {
        match r {
            Err(Error::Rule { message, .. }) => message,
            other => panic!("expected rule error, got {other:?}"),
        }
    }

    /// Valid from 01.02.2026 until (excluding) 15.01.2031.
    fn screening() -> Screening {
        Screening {
            letter_issued_on: Some(d(2025, 12, 1)),
            certificate_dated: Some(d(2026, 1, 15)),
            inspected_on: Some(d(2026, 2, 1)),
            inspected_by: "Frau Krüger".into(),
            result: Some(ScreeningResult::Clear),
        }
    }

    fn all_met() -> AppointmentFacts {
        AppointmentFacts {
            on: d(2026, 11, 26),
            screening: ScreeningState::Valid,
            screening_reason: None,
            modules_done: [true; 5],
            final_test_passed: true,
            district: Some("Quedlinburg".into()),
        }
    }

    fn missing_of(facts: &AppointmentFacts) -> (String, Vec<String>) {
        match check_appointment(facts) {
            Err(Error::Rule { message, missing }) => (message, missing),
            other => panic!("expected rule error, got {other:?}"),
        }
    }

    #[test]
    fn status_on_the_day_of_a_change_and_the_day_before() {
        let h = history();
        assert_eq!(
            status_on(&h, d(2026, 1, 1)),
            None,
            "before the first change"
        );
        assert_eq!(status_on(&h, d(2026, 1, 2)), Some(Prospect));
        assert_eq!(status_on(&h, d(2026, 5, 31)), Some(Qualified));
        assert_eq!(status_on(&h, d(2026, 6, 1)), Some(Active));
        assert_eq!(status_on(&h, d(2026, 8, 31)), Some(Active));
        assert_eq!(status_on(&h, d(2026, 9, 1)), Some(Paused));
        assert_eq!(status_on(&h, d(2030, 1, 1)), Some(Active));
    }

    #[test]
    fn same_day_ties_go_to_the_later_seq_whatever_the_order() {
        let mut h = vec![
            change(Prospect, d(2026, 1, 2), 1),
            change(Left, d(2026, 2, 1), 3),
            change(InQualification, d(2026, 2, 1), 2),
        ];
        assert_eq!(status_on(&h, d(2026, 2, 1)), Some(Left));
        assert_eq!(latest_change(&h).map(|c| c.seq), Some(3));
        h.reverse();
        assert_eq!(status_on(&h, d(2026, 2, 1)), Some(Left));
        assert_eq!(status_on(&h, d(2026, 1, 31)), Some(Prospect));
    }

    #[test]
    fn allowed_transitions_table() {
        assert_eq!(allowed_next(None), vec![Prospect]);
        assert_eq!(allowed_next(Some(Prospect)), vec![InQualification, Left]);
        assert_eq!(allowed_next(Some(InQualification)), vec![Qualified, Left]);
        assert_eq!(allowed_next(Some(Qualified)), vec![Active, Left]);
        assert_eq!(allowed_next(Some(Active)), vec![Paused, Left]);
        assert_eq!(allowed_next(Some(Paused)), vec![Active, Left]);
        assert_eq!(allowed_next(Some(Left)), Vec::<Status>::new());
        // Every status but Ausgeschieden can leave; nothing goes back to an earlier stage.
        for s in Status::ALL.into_iter().filter(|s| *s != Left) {
            assert!(allowed_next(Some(s)).contains(&Left), "{s:?}");
        }
    }

    #[test]
    fn check_change_follows_the_table() {
        let h = history(); // currently Aktiv since 01.11.2026
        assert!(check_change(&h, Paused, d(2026, 12, 1)).is_ok());
        assert!(check_change(&h, Left, d(2026, 12, 1)).is_ok());
        assert_eq!(
            rule_message(check_change(&h, Qualified, d(2026, 12, 1))),
            "Von „Aktiv“ ist kein Wechsel zu „Qualifiziert“ möglich. Möglich: „Ruhend“, „Ausgeschieden“."
        );
        assert_eq!(
            rule_message(check_change(&h, Active, d(2026, 12, 1))),
            "Der Status ist bereits „Aktiv“."
        );
        assert!(check_change(&[], Prospect, d(2026, 1, 2)).is_ok());
        assert_eq!(
            rule_message(check_change(&[], Active, d(2026, 1, 2))),
            "Der erste Status muss „Interessent“ sein."
        );
        let left = vec![
            change(Prospect, d(2026, 1, 2), 1),
            change(Left, d(2026, 2, 1), 2),
        ];
        assert_eq!(
            rule_message(check_change(&left, Prospect, d(2026, 3, 1))),
            "Nach „Ausgeschieden“ ist keine Statusänderung mehr möglich."
        );
    }

    #[test]
    fn change_dated_before_the_latest_is_refused_same_day_allowed() {
        let h = history();
        assert_eq!(
            rule_message(check_change(&h, Paused, d(2026, 10, 31))),
            "Die Änderung ist auf den 31.10.2026 datiert, vor der letzten Statusänderung am 01.11.2026."
        );
        assert!(check_change(&h, Paused, d(2026, 11, 1)).is_ok());
        // The date check comes first, even when the status is also wrong.
        assert!(rule_message(check_change(&h, Prospect, d(2026, 1, 1)))
            .starts_with("Die Änderung ist auf den 01.01.2026"));
    }

    #[test]
    fn appointment_with_everything_met() {
        assert!(check_appointment(&all_met()).is_ok());
        let expiring = AppointmentFacts {
            screening: ScreeningState::Expiring,
            ..all_met()
        };
        assert!(
            check_appointment(&expiring).is_ok(),
            "expiring is still valid"
        );
    }

    #[test]
    fn appointment_refused_screening_missing() {
        let facts = AppointmentFacts {
            screening: ScreeningState::Missing,
            ..all_met()
        };
        let (message, missing) = missing_of(&facts);
        assert_eq!(
            missing,
            ["Führungszeugnis nicht gültig am 26.11.2026 (fehlt)"]
        );
        assert_eq!(
            message,
            "Berufung nicht möglich: Führungszeugnis nicht gültig am 26.11.2026 (fehlt)."
        );
    }

    #[test]
    fn appointment_refused_screening_reason_shown() {
        let facts = AppointmentFacts {
            screening: ScreeningState::Missing,
            screening_reason: Some("Zeugnis war bei Vorlage älter als 3 Monate".into()),
            ..all_met()
        };
        assert_eq!(
            missing_of(&facts).1,
            ["Führungszeugnis nicht gültig am 26.11.2026 (Zeugnis war bei Vorlage älter als 3 Monate)"]
        );
        for (state, label) in [
            (ScreeningState::Requested, "beantragt"),
            (ScreeningState::Expired, "abgelaufen"),
            (ScreeningState::RelevantEntry, "relevanter Eintrag"),
        ] {
            let facts = AppointmentFacts {
                screening: state,
                ..all_met()
            };
            assert_eq!(
                missing_of(&facts).1,
                [format!(
                    "Führungszeugnis nicht gültig am 26.11.2026 ({label})"
                )]
            );
        }
    }

    #[test]
    fn appointment_refused_module_missing() {
        let mut facts = all_met();
        facts.modules_done[2] = false;
        assert_eq!(
            missing_of(&facts).1,
            ["Modul 3 „Kulturelle Vielfalt / Interkulturelle Kompetenz / Religion“ nicht besucht"]
        );
    }

    #[test]
    fn appointment_refused_test_not_passed() {
        let facts = AppointmentFacts {
            final_test_passed: false,
            ..all_met()
        };
        assert_eq!(missing_of(&facts).1, ["Abschlusstest nicht bestanden"]);
    }

    #[test]
    fn appointment_refused_no_district() {
        for district in [None, Some("  ".to_string())] {
            let facts = AppointmentFacts {
                district,
                ..all_met()
            };
            assert_eq!(missing_of(&facts).1, ["Kein Altkreis zugeordnet"]);
        }
    }

    #[test]
    fn appointment_refused_lists_everything_missing() {
        let facts = AppointmentFacts {
            on: d(2026, 11, 26),
            screening: ScreeningState::Requested,
            screening_reason: None,
            modules_done: [true, false, true, true, false],
            final_test_passed: false,
            district: None,
        };
        let (message, missing) = missing_of(&facts);
        assert_eq!(
            missing,
            [
                "Führungszeugnis nicht gültig am 26.11.2026 (beantragt)",
                "Modul 2 „Die andere Seite: Migration / Flucht / Asyl“ nicht besucht",
                "Modul 5 „Rechtliche Grundlagen“ nicht besucht",
                "Abschlusstest nicht bestanden",
                "Kein Altkreis zugeordnet",
            ]
        );
        assert_eq!(
            message,
            format!("Berufung nicht möglich: {}.", missing.join("; "))
        );
    }

    #[test]
    fn gather_counts_only_what_happened_by_the_day() {
        let attended: Vec<(SessionKind, NaiveDate)> = (1..=5)
            .map(|n| (SessionKind::module(n).unwrap(), d(2026, 3, n.into())))
            .chain([(SessionKind::module(5).unwrap(), d(2026, 1, 1))])
            .collect();
        let attempts = [TestAttempt {
            taken_on: d(2026, 5, 10),
            points: 30,
            max_points: 50,
            interview_passed: true,
            interviewer: "Herr Weiß".into(),
        }];
        let gather = |on| {
            AppointmentFacts::gather(
                on,
                &[screening()],
                &attended,
                &attempts,
                Some("Halberstadt"),
                &settings(),
            )
        };
        assert_eq!(
            gather(d(2026, 5, 10)),
            AppointmentFacts {
                on: d(2026, 5, 10),
                district: Some("Halberstadt".into()),
                ..all_met()
            }
        );
        assert!(check_appointment(&gather(d(2026, 5, 10))).is_ok());

        let early = gather(d(2026, 3, 4));
        assert_eq!(
            early.modules_done,
            [true, true, true, true, true],
            "module 5 from 01.01.2026"
        );
        assert!(!early.final_test_passed, "test not yet taken");

        let too_early = gather(d(2026, 1, 31));
        assert_eq!(too_early.screening, ScreeningState::Requested);
        assert_eq!(too_early.modules_done, [false, false, false, false, true]);

        let stale = Screening {
            inspected_on: Some(d(2026, 4, 16)),
            ..screening()
        };
        let facts = AppointmentFacts::gather(
            d(2026, 5, 10),
            &[stale],
            &attended,
            &attempts,
            Some(" "),
            &settings(),
        );
        assert_eq!(
            missing_of(&facts).1,
            [
                "Führungszeugnis nicht gültig am 10.05.2026 (Zeugnis war bei Vorlage älter als 3 Monate)",
                "Kein Altkreis zugeordnet"
            ]
        );
    }

    #[test]
    fn eligibility_around_status_changes() {
        let h = history();
        let s = [screening()];
        let el = |on| eligible_on(&h, &s, on, &settings());
        assert!(!el(d(2026, 5, 31)), "qualified, not yet active");
        assert!(el(d(2026, 6, 1)), "appointment day");
        assert!(el(d(2026, 8, 31)));
        assert!(!el(d(2026, 9, 1)), "paused");
        assert!(!el(d(2026, 10, 31)));
        assert!(el(d(2026, 11, 1)), "back from pause");
    }

    #[test]
    fn eligibility_around_screening_expiry() {
        let h = history();
        let s = [screening()]; // re-inspection 15.01.2031
        let el = |on| eligible_on(&h, &s, on, &settings());
        assert!(el(d(2030, 10, 17)), "expiring still counts");
        assert!(el(d(2031, 1, 14)), "day before re-inspection");
        assert!(!el(d(2031, 1, 15)), "re-inspection day itself");
        assert!(
            !eligible_on(&h, &[], d(2026, 6, 1), &settings()),
            "no screening"
        );
        let entry = [Screening {
            result: Some(ScreeningResult::RelevantEntry),
            ..screening()
        }];
        assert!(
            !eligible_on(&h, &entry, d(2026, 6, 1), &settings()),
            "relevant entry"
        );
    }

    #[test]
    fn appointment_day_ignores_return_from_pause() {
        assert_eq!(appointed_on(&history()), Some(d(2026, 6, 1)));
        assert_eq!(appointed_on(&history()[..3]), None);
        let mut shuffled = history();
        shuffled.reverse();
        assert_eq!(appointed_on(&shuffled), Some(d(2026, 6, 1)));
    }

    #[test]
    fn refresher_due_six_months_after_appointment() {
        assert_eq!(refresher_due(d(2026, 6, 1), &settings()), d(2026, 12, 1));
        assert_eq!(
            refresher_due(d(2026, 8, 31), &settings()),
            d(2027, 2, 28),
            "month end clamps"
        );
    }

    #[test]
    fn refresher_states_at_the_boundaries() {
        let s = settings();
        let appointed = Some(d(2026, 6, 1));
        assert_eq!(
            refresher_state(None, &[], d(2026, 6, 1), &s),
            RefresherState::NotDue
        );
        assert_eq!(
            refresher_state(appointed, &[], d(2026, 5, 31), &s),
            RefresherState::NotDue
        );
        assert_eq!(
            refresher_state(appointed, &[], d(2026, 6, 1), &s),
            RefresherState::Due { by: d(2026, 12, 1) }
        );
        assert_eq!(
            refresher_state(appointed, &[], d(2026, 12, 1), &s),
            RefresherState::Due { by: d(2026, 12, 1) }
        );
        assert_eq!(
            refresher_state(appointed, &[], d(2026, 12, 2), &s),
            RefresherState::Overdue {
                since: d(2026, 12, 2)
            }
        );
        // A session before the appointment does not count; one on the appointment day does.
        assert_eq!(
            refresher_state(appointed, &[d(2026, 5, 31)], d(2026, 12, 2), &s),
            RefresherState::Overdue {
                since: d(2026, 12, 2)
            }
        );
        assert_eq!(
            refresher_state(appointed, &[d(2026, 6, 1)], d(2026, 12, 2), &s),
            RefresherState::Done { on: d(2026, 6, 1) }
        );
        // Attended on the due day: done. Attended late: done from then on.
        assert_eq!(
            refresher_state(appointed, &[d(2026, 12, 1)], d(2026, 12, 1), &s),
            RefresherState::Done { on: d(2026, 12, 1) }
        );
        assert_eq!(
            refresher_state(appointed, &[d(2027, 1, 10)], d(2027, 1, 9), &s),
            RefresherState::Overdue {
                since: d(2026, 12, 2)
            },
            "a session after today does not count yet"
        );
        assert_eq!(
            refresher_state(
                appointed,
                &[d(2027, 1, 10), d(2026, 10, 5)],
                d(2027, 1, 10),
                &s
            ),
            RefresherState::Done { on: d(2026, 10, 5) }
        );
        assert_eq!(
            RefresherState::Overdue {
                since: d(2026, 12, 2)
            }
            .label(),
            "überfällig seit 02.12.2026"
        );
    }

    #[test]
    fn qualified_waiting_more_than_thirty_days() {
        let h = &history()[..3]; // Qualifiziert since 15.05.2026
        assert_eq!(
            waiting_for_appointment(h, d(2026, 6, 14), &settings()),
            None,
            "30 days"
        );
        assert_eq!(
            waiting_for_appointment(h, d(2026, 6, 15), &settings()),
            Some(d(2026, 5, 15)),
            "31 days"
        );
        assert_eq!(
            waiting_for_appointment(&history(), d(2026, 12, 1), &settings()),
            None,
            "appointed"
        );
    }

    #[test]
    fn refresher_state_serde() {
        let json = serde_json::to_value(RefresherState::Due { by: d(2026, 12, 1) }).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"state": "due", "by": "2026-12-01"})
        );
        assert_eq!(
            serde_json::to_value(RefresherState::NotDue).unwrap(),
            serde_json::json!({"state": "not_due"})
        );
    }

    #[test]
    fn return_from_pause_checks_the_screening_only() {
        let facts = AppointmentFacts {
            modules_done: [false; 5],
            final_test_passed: false,
            ..all_met()
        };
        assert!(check_activation(Some(Paused), &facts).is_ok());
        assert!(check_activation(Some(Qualified), &facts).is_err());
        let expired = AppointmentFacts {
            screening: ScreeningState::Expired,
            screening_reason: Some("abgelaufen seit 15.01.2031".into()),
            ..facts
        };
        let Err(Error::Rule { message, missing }) = check_activation(Some(Paused), &expired) else {
            panic!()
        };
        assert_eq!(
            missing,
            ["Führungszeugnis nicht gültig am 26.11.2026 (abgelaufen seit 15.01.2031)"]
        );
        assert!(
            message.starts_with("Rückkehr aus „Ruhend“ nicht möglich"),
            "{message}"
        );
    }

    #[test]
    fn gather_judges_each_attempt_by_its_own_pass_mark() {
        let attended: Vec<(SessionKind, NaiveDate)> = (1..=5)
            .map(|n| (SessionKind::module(n).unwrap(), d(2024, 2, n.into())))
            .collect();
        // 33 of 50 = 66 %: passed in 2024 under 60 %; the mark is 70 % today.
        let attempt = TestAttempt {
            taken_on: d(2024, 2, 20),
            points: 33,
            max_points: 50,
            interview_passed: true,
            interviewer: "Herr Weiß".into(),
        };
        let today_mark = LifecycleSettings {
            pass_mark_percent: 70,
            ..settings()
        };
        let on = d(2024, 3, 1);
        let marked = AppointmentFacts::gather_marked(
            on,
            &[screening()],
            &attended,
            &[(attempt.clone(), 60)],
            Some("Harz"),
            &today_mark,
        );
        assert!(marked.final_test_passed);
        let unmarked = AppointmentFacts::gather(
            on,
            &[screening()],
            &attended,
            &[attempt],
            Some("Harz"),
            &today_mark,
        );
        assert!(!unmarked.final_test_passed);
    }
}
