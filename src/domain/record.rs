//! A pilot's full lifecycle record and the due list, assembled from stored facts by the pure rules
//! of `lifecycle`, `screening` and `training`. Every screen and command uses these, so the rules are
//! applied in one place.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::lifecycle::{self, RefresherState, StatusChange};
use crate::domain::periods::LifecycleSettings;
use crate::domain::pilot::{Pilot, Status};
use crate::domain::screening::{self, Screening, ScreeningState};
use crate::domain::training::{self, SessionKind, TestAttempt};

/// A course session a pilot attended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attended {
    pub session_id: i64,
    pub kind: SessionKind,
    pub held_on: NaiveDate,
    pub course: String,
    pub place: String,
}

/// A stored screening record.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ScreeningRecord {
    pub id: i64,
    #[serde(flatten)]
    pub screening: Screening,
}

/// A stored final test attempt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttemptRecord {
    pub id: i64,
    #[serde(flatten)]
    pub attempt: TestAttempt,
}

/// Everything stored about one pilot's way through the programme.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LifecycleData {
    pub history: Vec<StatusChange>,
    pub screenings: Vec<ScreeningRecord>,
    pub attended: Vec<Attended>,
    pub attempts: Vec<AttemptRecord>,
}

impl LifecycleData {
    pub fn screening_list(&self) -> Vec<Screening> {
        self.screenings
            .iter()
            .map(|s| s.screening.clone())
            .collect()
    }

    pub fn attended_pairs(&self) -> Vec<(SessionKind, NaiveDate)> {
        self.attended.iter().map(|a| (a.kind, a.held_on)).collect()
    }

    pub fn attempt_list(&self) -> Vec<TestAttempt> {
        self.attempts.iter().map(|a| a.attempt.clone()).collect()
    }

    /// Status Aktiv and screening valid on `date`: the one eligibility rule.
    pub fn eligible_on(&self, date: NaiveDate, settings: &LifecycleSettings) -> bool {
        lifecycle::eligible_on(&self.history, &self.screening_list(), date, settings)
    }

    /// The record that decides the screening state on `date`.
    pub fn current_screening(&self, date: NaiveDate) -> Option<&ScreeningRecord> {
        let list = self.screening_list();
        let current = screening::current_screening(&list, date)?;
        self.screenings.iter().find(|r| &r.screening == current)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Labeled {
    #[ts(as = "ScreeningState")]
    pub code: &'static str,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ModuleRow {
    pub number: u8,
    pub title: &'static str,
    pub done: bool,
    pub first_attended_on: Option<NaiveDate>,
    pub course: Option<String>,
    pub place: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct AttemptRow {
    pub id: i64,
    #[serde(flatten)]
    pub attempt: TestAttempt,
    pub passed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct RefresherView {
    #[ts(type = r#""not_due" | "due" | "done" | "overdue""#)]
    pub state: &'static str,
    pub date: Option<NaiveDate>,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct StatusOption {
    pub code: Status,
    pub label: &'static str,
}

/// The full record of one pilot on `today` (the pilot's page, `lotsen pilots show`).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct PilotRecord {
    pub pilot: Pilot,
    pub status: Status,
    pub history: Vec<StatusChange>,
    pub allowed_next: Vec<StatusOption>,
    pub screening: Option<ScreeningRecord>,
    pub screening_state: Labeled,
    pub screening_reason: Option<String>,
    pub reinspection_on: Option<NaiveDate>,
    pub modules: Vec<ModuleRow>,
    pub attempts: Vec<AttemptRow>,
    pub final_test_passed: bool,
    pub appointed_on: Option<NaiveDate>,
    pub refresher: RefresherView,
    pub eligible: bool,
    /// The eFZ data was deleted on this day (§ 30a BZRG); filled in by the store.
    pub screening_deleted_on: Option<NaiveDate>,
    /// The eFZ data will be deleted on this day; filled in by the store.
    pub screening_deletion_due_on: Option<NaiveDate>,
}

fn refresher_view(state: RefresherState) -> RefresherView {
    let (code, date) = match state {
        RefresherState::NotDue => ("not_due", None),
        RefresherState::Due { by } => ("due", Some(by)),
        RefresherState::Done { on } => ("done", Some(on)),
        RefresherState::Overdue { since } => ("overdue", Some(since)),
    };
    RefresherView {
        state: code,
        date,
        label: state.label(),
    }
}

fn refresher_of(
    data: &LifecycleData,
    today: NaiveDate,
    settings: &LifecycleSettings,
) -> RefresherState {
    let dates = training::refresher_dates(&data.attended_pairs());
    lifecycle::refresher_state(
        lifecycle::appointed_on(&data.history),
        &dates,
        today,
        settings,
    )
}

/// Assembles the full record of a pilot on `today`.
pub fn pilot_record(
    pilot: Pilot,
    data: &LifecycleData,
    today: NaiveDate,
    settings: &LifecycleSettings,
) -> PilotRecord {
    let status = lifecycle::status_on(&data.history, today).unwrap_or(pilot.status);
    let screenings = data.screening_list();
    let current = screening::current_screening(&screenings, today);
    let state = screening::screening_state(current, today, settings);
    let attended = data.attended_pairs();
    let modules = training::module_checklist(&attended)
        .into_iter()
        .map(|m| {
            let session = m.session_index.map(|i| &data.attended[i]);
            ModuleRow {
                number: m.number,
                title: m.title,
                done: m.done,
                first_attended_on: m.first_attended_on,
                course: session.map(|s| s.course.clone()),
                place: session.map(|s| s.place.clone()),
            }
        })
        .collect();
    let attempts = data
        .attempts
        .iter()
        .map(|a| AttemptRow {
            id: a.id,
            attempt: a.attempt.clone(),
            passed: training::attempt_passed(&a.attempt, settings.pass_mark_percent),
        })
        .collect();
    PilotRecord {
        status,
        history: data.history.clone(),
        allowed_next: lifecycle::allowed_next(Some(status))
            .into_iter()
            .map(|code| StatusOption {
                code,
                label: code.label(),
            })
            .collect(),
        screening: data
            .current_screening(today)
            .cloned()
            .or_else(|| data.screenings.last().cloned()),
        screening_state: Labeled {
            code: state.code(),
            label: state.label().to_string(),
        },
        screening_reason: screening::invalid_reason(current, today, settings),
        reinspection_on: current.and_then(|s| screening::reinspection_date(s, settings)),
        modules,
        attempts,
        final_test_passed: training::final_test_passed(
            &data.attempt_list(),
            settings.pass_mark_percent,
        ),
        appointed_on: lifecycle::appointed_on(&data.history),
        refresher: refresher_view(refresher_of(data, today, settings)),
        eligible: data.eligible_on(today, settings),
        screening_deleted_on: None,
        screening_deletion_due_on: None,
        pilot,
    }
}

/// One entry of the due list on the Übersicht screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DueItem {
    pub pilot_id: i64,
    pub name: String,
    #[ts(
        type = r#""efz_expiring" | "efz_expired" | "refresher_overdue" | "qualified_waiting" | "letter_unanswered""#
    )]
    pub kind: &'static str,
    /// German sentence for the list.
    pub label: String,
    pub date: NaiveDate,
}

/// What needs the coordinator's attention on `today`, sorted by date.
pub fn due_items(
    pilots: &[Pilot],
    data: &HashMap<i64, LifecycleData>,
    today: NaiveDate,
    settings: &LifecycleSettings,
) -> Vec<DueItem> {
    let empty = LifecycleData::default();
    let fmt = crate::domain::dates::format_date;
    let mut items = Vec::new();
    for p in pilots {
        let d = data.get(&p.id).unwrap_or(&empty);
        let status = lifecycle::status_on(&d.history, today);
        if matches!(status, None | Some(Status::Left)) {
            continue;
        }
        let name = format!("{}, {}", p.last_name, p.first_name);
        let mut push = |kind, label: String, date| {
            items.push(DueItem {
                pilot_id: p.id,
                name: name.clone(),
                kind,
                label,
                date,
            })
        };
        let screenings = d.screening_list();
        let current = screening::current_screening(&screenings, today);
        if let Some(re) = current.and_then(|s| screening::reinspection_date(s, settings)) {
            match screening::screening_state(current, today, settings) {
                ScreeningState::Expiring => push(
                    "efz_expiring",
                    format!(
                        "{name}: Führungszeugnis läuft am {} ab – neues anfordern",
                        fmt(re)
                    ),
                    re,
                ),
                ScreeningState::Expired => push(
                    "efz_expired",
                    format!("{name}: Führungszeugnis abgelaufen seit {}", fmt(re)),
                    re,
                ),
                _ => {}
            }
        }
        if matches!(status, Some(Status::Active | Status::Paused)) {
            if let RefresherState::Overdue { since } = refresher_of(d, today, settings) {
                push(
                    "refresher_overdue",
                    format!("{name}: Auffrischung überfällig seit {}", fmt(since)),
                    since,
                );
            }
        }
        if let Some(since) = lifecycle::waiting_for_appointment(&d.history, today, settings) {
            push(
                "qualified_waiting",
                format!(
                    "{name}: qualifiziert seit {}, aber noch nicht berufen",
                    fmt(since)
                ),
                since,
            );
        }
        if let Some(letter) = screenings
            .iter()
            .filter(|s| s.letter_issued_on.is_some())
            .max_by_key(|s| s.letter_issued_on)
            .and_then(|s| screening::letter_unanswered(s, today, settings))
        {
            push(
                "letter_unanswered",
                format!(
                    "{name}: Bestätigungsschreiben vom {} – noch kein Führungszeugnis eingesehen",
                    fmt(letter)
                ),
                letter,
            );
        }
    }
    items.sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
    items
}
