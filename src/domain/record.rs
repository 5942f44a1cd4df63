//! A pilot's full lifecycle record and the due list, assembled from stored facts by the pure rules
//! of `lifecycle`, `screening` and `training`. Every screen and command uses these, so the rules are
//! applied in one place.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::iban;
use crate::domain::lifecycle::{self, AppointmentFacts, RefresherState, StatusChange};
use crate::domain::periods::LifecycleSettings;
use crate::domain::pilot::{self, DistrictChange, Pilot, Status};
use crate::domain::retention::{self, KeptScreening};
use crate::domain::screening::{self, Screening, ScreeningState};
use crate::domain::training::{self, ModuleCredit, SessionKind, TestAttempt};

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
    /// The pass mark in force on the day of the test, stored with it: a later change of the
    /// setting never fails an old test.
    pub pass_mark_percent: u32,
}

/// A stored module (or refresher) recognised without a course session of the app ("anerkannt").
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct CreditRecord {
    pub id: i64,
    #[serde(flatten)]
    pub credit: ModuleCredit,
    pub who: String,
}

/// A status change cancelled by a Storno: kept and shown in the history, ignored by every rule.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct CancelledChange {
    #[serde(flatten)]
    pub change: StatusChange,
    pub reason: String,
    pub cancelled_by: String,
    /// When the Storno was recorded (UTC, RFC 3339).
    pub cancelled_at: String,
}

/// Everything stored about one pilot's way through the programme.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LifecycleData {
    /// The status changes in force (a cancelled change is in `cancelled`, not here).
    pub history: Vec<StatusChange>,
    pub screenings: Vec<ScreeningRecord>,
    pub attended: Vec<Attended>,
    pub attempts: Vec<AttemptRecord>,
    /// Modules and refreshers recognised without a session of the app.
    pub credits: Vec<CreditRecord>,
    /// Status changes cancelled by a Storno.
    pub cancelled: Vec<CancelledChange>,
    /// The district history; the register holds the current district.
    pub district_changes: Vec<DistrictChange>,
}

impl LifecycleData {
    pub fn screening_list(&self) -> Vec<Screening> {
        self.screenings
            .iter()
            .map(|s| s.screening.clone())
            .collect()
    }

    /// Sessions attended and modules recognised, each with its day (future ones included: filter by
    /// date where "done" is meant).
    pub fn attended_pairs(&self) -> Vec<(SessionKind, NaiveDate)> {
        self.attended
            .iter()
            .map(|a| (a.kind, a.held_on))
            .chain(self.credits.iter().map(|c| (c.credit.kind, c.credit.on)))
            .collect()
    }

    pub fn attempt_list(&self) -> Vec<TestAttempt> {
        self.attempts.iter().map(|a| a.attempt.clone()).collect()
    }

    /// Every attempt with the pass mark stored with it.
    pub fn marked_attempts(&self) -> Vec<(TestAttempt, u32)> {
        self.attempts
            .iter()
            .map(|a| (a.attempt.clone(), a.pass_mark_percent))
            .collect()
    }

    /// Status Aktiv and screening valid on `date`: the one eligibility rule.
    pub fn eligible_on(&self, date: NaiveDate, settings: &LifecycleSettings) -> bool {
        lifecycle::eligible_on(&self.history, &self.screening_list(), date, settings)
    }

    /// The record that decides the screening state on `date`.
    pub fn current_screening(
        &self,
        date: NaiveDate,
        settings: &LifecycleSettings,
    ) -> Option<&ScreeningRecord> {
        let list = self.screening_list();
        let i = screening::current_screening(&list, date, settings)
            .and_then(|c| list.iter().position(|s| std::ptr::eq(s, c)))?;
        self.screenings.get(i)
    }

    /// The pilot's district on `date`; `current` is the register's (today's) district.
    pub fn district_on(&self, current: Option<&str>, date: NaiveDate) -> Option<String> {
        pilot::district_on(current, &self.district_changes, date)
    }

    /// "Im Programm seit": the day of the first status change in force.
    pub fn programme_since(&self) -> Option<NaiveDate> {
        self.history.iter().map(|c| c.effective_on).min()
    }

    /// The facts for a change to Aktiv on `on`, with the district of that day and each test attempt
    /// judged by its own pass mark.
    pub fn appointment_facts(
        &self,
        on: NaiveDate,
        current_district: Option<&str>,
        settings: &LifecycleSettings,
    ) -> AppointmentFacts {
        AppointmentFacts::gather_marked(
            on,
            &self.screening_list(),
            &self.attended_pairs(),
            &self.marked_attempts(),
            self.district_on(current_district, on).as_deref(),
            settings,
        )
    }

    /// The rule for appending a change to Aktiv on `on`: a return from Ruhend checks the screening,
    /// an appointment everything ([`lifecycle::check_activation`]).
    pub fn check_activation(
        &self,
        on: NaiveDate,
        current_district: Option<&str>,
        settings: &LifecycleSettings,
    ) -> crate::error::Result<()> {
        let previous = lifecycle::latest_change(&self.history).map(|c| c.status);
        lifecycle::check_activation(
            previous,
            &self.appointment_facts(on, current_district, settings),
        )
    }

    /// The final test passed by `date` (the latest attempt by then, with its own pass mark).
    pub fn final_test_passed_on(&self, date: NaiveDate) -> bool {
        let by_then: Vec<(TestAttempt, u32)> = self
            .marked_attempts()
            .into_iter()
            .filter(|(a, _)| a.taken_on <= date)
            .collect();
        training::final_test_passed_marked(&by_then)
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
    /// Done outside the courses of the app and recognised ("anerkannt").
    pub recognised: bool,
    /// The note of the recognition.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct AttemptRow {
    pub id: i64,
    #[serde(flatten)]
    pub attempt: TestAttempt,
    pub passed: bool,
    /// The pass mark the attempt was judged by (the one in force on its day).
    pub pass_mark_percent: u32,
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
    /// "Im Programm seit": the day of the first status change.
    pub in_programme_since: Option<NaiveDate>,
    /// Status changes cancelled by a Storno, shown in the history as cancelled.
    pub cancelled_changes: Vec<CancelledChange>,
    /// The change "Rückgängig" would cancel: the latest, unless it is the only one or an eFZ
    /// deletion has run on it (the store checks the latter).
    pub undo_candidate: Option<StatusChange>,
    /// The district history (the current district is the pilot's).
    pub district_history: Vec<DistrictChange>,
    /// Modules and refreshers recognised without a session of the app.
    pub credits: Vec<CreditRecord>,
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

/// Where a module counted: a session of the app or a recognition.
enum Source<'a> {
    Session(&'a Attended),
    Credit(&'a CreditRecord),
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
    let current = screening::current_screening(&screenings, today, settings);
    let state = screening::screening_state(current, today, settings);
    // A session later than today is planned, not attended: it does not count as done yet.
    let sources: Vec<(SessionKind, NaiveDate, Source)> = data
        .attended
        .iter()
        .map(|a| (a.kind, a.held_on, Source::Session(a)))
        .chain(
            data.credits
                .iter()
                .map(|c| (c.credit.kind, c.credit.on, Source::Credit(c))),
        )
        .filter(|(_, on, _)| *on <= today)
        .collect();
    let pairs: Vec<(SessionKind, NaiveDate)> = sources.iter().map(|(k, d, _)| (*k, *d)).collect();
    let modules = training::module_checklist(&pairs)
        .into_iter()
        .map(|m| {
            let source = m.session_index.map(|i| &sources[i].2);
            let (course, place, recognised, note) = match source {
                Some(Source::Session(s)) => {
                    (Some(s.course.clone()), Some(s.place.clone()), false, None)
                }
                Some(Source::Credit(c)) => (None, None, true, Some(c.credit.note.clone())),
                None => (None, None, false, None),
            };
            ModuleRow {
                number: m.number,
                title: m.title,
                done: m.done,
                first_attended_on: m.first_attended_on,
                course,
                place,
                recognised,
                note,
            }
        })
        .collect();
    let attempts = data
        .attempts
        .iter()
        .map(|a| AttemptRow {
            id: a.id,
            attempt: a.attempt.clone(),
            passed: training::attempt_passed(&a.attempt, a.pass_mark_percent),
            pass_mark_percent: a.pass_mark_percent,
        })
        .collect();
    let undo_candidate = (data.history.len() > 1)
        .then(|| lifecycle::latest_change(&data.history).cloned())
        .flatten();
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
            .current_screening(today, settings)
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
        final_test_passed: data.final_test_passed_on(today),
        appointed_on: lifecycle::appointed_on(&data.history),
        refresher: refresher_view(refresher_of(data, today, settings)),
        eligible: data.eligible_on(today, settings),
        screening_deleted_on: None,
        screening_deletion_due_on: None,
        in_programme_since: data.programme_since(),
        cancelled_changes: data.cancelled.clone(),
        undo_candidate,
        district_history: data.district_changes.clone(),
        credits: data.credits.clone(),
        pilot,
    }
}

/// The kinds of entries of the due list.
pub const DUE_KINDS: [&str; 14] = [
    "efz_expiring",
    "efz_expired",
    "efz_missing",
    "efz_relevant_entry",
    "payment_details_missing",
    "refresher_overdue",
    "qualified_waiting",
    "letter_unanswered",
    "efz_kept_paused",
    "efz_kept_not_started",
    "efz_kept_relevant_entry",
    "activity_missing",
    "grant_proof_due",
    "anonymisation_due",
];

/// One entry of the due list on the Übersicht screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DueItem {
    pub pilot_id: i64,
    pub name: String,
    #[ts(
        type = r#""efz_expiring" | "efz_expired" | "efz_missing" | "efz_relevant_entry" | "payment_details_missing" | "refresher_overdue" | "qualified_waiting" | "letter_unanswered" | "efz_kept_paused" | "efz_kept_not_started" | "efz_kept_relevant_entry" | "activity_missing" | "grant_proof_due" | "anonymisation_due""#
    )]
    pub kind: &'static str,
    /// German sentence for the list.
    pub label: String,
    pub date: NaiveDate,
}

/// Why an active pilot cannot be paid: no usable IBAN or no account holder (approval of the
/// month is refused for a line without a valid IBAN).
pub fn payment_details_missing(p: &Pilot) -> Option<String> {
    let mut missing = Vec::new();
    if p.iban.trim().is_empty() {
        missing.push("keine IBAN".to_string());
    } else if let Err(reason) = iban::check(&p.iban) {
        missing.push(format!("IBAN nicht verwendbar ({reason})"));
    }
    if p.account_holder.trim().is_empty() {
        missing.push("kein Kontoinhaber".to_string());
    }
    (!missing.is_empty()).then(|| missing.join(", "))
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
        let current = screening::current_screening(&screenings, today, settings);
        let state = screening::screening_state(current, today, settings);
        if let Some(re) = current.and_then(|s| screening::reinspection_date(s, settings)) {
            match state {
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
        if status == Some(Status::Active) {
            match state {
                ScreeningState::RelevantEntry => {
                    let on = current.and_then(|s| s.inspected_on).unwrap_or(today);
                    push(
                        "efz_relevant_entry",
                        format!(
                            "{name}: aktiv, aber das Führungszeugnis (eingesehen am {}) hat einen relevanten Eintrag – nicht einsatzberechtigt",
                            fmt(on)
                        ),
                        on,
                    )
                }
                ScreeningState::Missing | ScreeningState::Requested => {
                    let reason = screening::invalid_reason(current, today, settings)
                        .unwrap_or_else(|| state.label().to_string());
                    push(
                        "efz_missing",
                        format!("{name}: aktiv, aber kein gültiges Führungszeugnis ({reason})"),
                        today,
                    )
                }
                _ => {}
            }
            if let Some(what) = payment_details_missing(p) {
                push(
                    "payment_details_missing",
                    format!("{name}: aktiv, aber {what} – die Aufwandsentschädigung kann nicht überwiesen werden"),
                    today,
                );
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
        if let Some(letter) = screening::letter_unanswered_in(&screenings, today, settings) {
            push(
                "letter_unanswered",
                format!(
                    "{name}: Bestätigungsschreiben vom {} – noch kein Führungszeugnis eingesehen",
                    fmt(letter)
                ),
                letter,
            );
        }
        match retention::screening_kept_without_service(&d.history, &screenings, today, settings) {
            Some(KeptScreening::Paused { since, due }) => push(
                "efz_kept_paused",
                format!(
                    "{name}: ruhend seit {} – Führungszeugnis-Daten noch gespeichert; endet die Tätigkeit, „Ausgeschieden“ eintragen",
                    fmt(since)
                ),
                due,
            ),
            Some(KeptScreening::NotStarted { inspected, due }) => push(
                "efz_kept_not_started",
                format!(
                    "{name}: Führungszeugnis seit {} eingesehen, Tätigkeit nicht begonnen – beginnt sie nicht, „Ausgeschieden“ eintragen",
                    fmt(inspected)
                ),
                due,
            ),
            Some(KeptScreening::RelevantEntry { inspected }) => push(
                "efz_kept_relevant_entry",
                format!(
                    "{name}: relevanter Eintrag im Führungszeugnis (eingesehen am {}) – wird nicht berufen? Dann „Ausgeschieden“ eintragen",
                    fmt(inspected)
                ),
                inspected,
            ),
            None => {}
        }
    }
    items.sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
    items
}
