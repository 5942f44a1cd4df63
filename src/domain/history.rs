//! Entry with history (docs/DOMAIN.md, "Lifecycle"): most pilots exist before the app does. Their
//! past is entered afterwards — fact by fact on the pilot's page, or from the columns of the office's
//! list — and every past fact obeys the rules of its own date: an appointment dated 01.03.2024 needs
//! an eFZ valid on 01.03.2024, the five modules and a passed test by then, and a district.

use chrono::NaiveDate;

use crate::domain::dates::format_date;
use crate::domain::lifecycle::{self, StatusChange};
use crate::domain::periods::LifecycleSettings;
use crate::domain::pilot::Status;
use crate::domain::record::{AttemptRecord, CreditRecord, LifecycleData, ScreeningRecord};
use crate::domain::screening::{self, Screening, ScreeningState};
use crate::domain::training::{self, ModuleCredit, SessionKind, TestAttempt};
use crate::error::Error;

/// The column labels of the list (docs/DOMAIN.md#import-export), used in every message about a row.
pub mod columns {
    pub const STATUS: &str = "Status";
    pub const SINCE: &str = "Im Programm seit";
    pub const APPOINTED: &str = "Berufen am";
    pub const PAUSED: &str = "Ruhend seit";
    pub const LEFT: &str = "Ausgeschieden am";
    pub const CERTIFICATE: &str = "eFZ ausgestellt am";
    pub const INSPECTED: &str = "eFZ eingesehen am";
    pub const INSPECTED_BY: &str = "eFZ eingesehen von";
    pub const RESULT: &str = "eFZ Ergebnis";
    pub const MODULES: &str = "Module";
    pub const MODULES_ON: &str = "Module am";
    pub const TEST_ON: &str = "Abschlusstest am";
    pub const POINTS: &str = "Test Punkte";
    pub const MAX_POINTS: &str = "Test Höchstpunkte";
    pub const INTERVIEW: &str = "Gespräch";
    pub const REFRESHER: &str = "Auffrischung am";
}
use columns::*;

/// Who led the interview of a test taken over from a list that does not say.
pub const LISTED_INTERVIEWER: &str = "laut Liste";
/// The note of status changes, modules and refreshers taken over from a list.
pub const LISTED_NOTE: &str = "aus der Liste übernommen";

/// A pilot's past as the columns of the list give it; everything optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PastEntry {
    /// The status today; `None` is Interessent.
    pub status: Option<Status>,
    pub since: Option<NaiveDate>,
    pub appointed_on: Option<NaiveDate>,
    pub paused_since: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    pub certificate_dated: Option<NaiveDate>,
    pub inspected_on: Option<NaiveDate>,
    pub inspected_by: String,
    pub result: Option<screening::ScreeningResult>,
    /// Module numbers 1–5 done by `modules_on`.
    pub modules: Vec<u8>,
    pub modules_on: Option<NaiveDate>,
    pub test_on: Option<NaiveDate>,
    pub test_points: Option<u32>,
    pub test_max_points: Option<u32>,
    pub interview_passed: Option<bool>,
    pub refresher_on: Option<NaiveDate>,
}

/// The facts a [`PastEntry`] stands for, as the store writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastPlan {
    /// "Im Programm seit": the day of the first change (Interessent).
    pub since: NaiveDate,
    /// The status path from Interessent to today's status, in order; the first is Interessent on `since`.
    pub changes: Vec<(Status, NaiveDate)>,
    pub screening: Option<Screening>,
    /// Modules and the refresher, recognised on their days.
    pub credits: Vec<ModuleCredit>,
    pub attempt: Option<TestAttempt>,
}

impl PastPlan {
    /// The plan as a pilot's lifecycle facts, the test judged by `pass_mark_percent`.
    pub fn lifecycle_data(&self, pass_mark_percent: u32) -> LifecycleData {
        LifecycleData {
            history: self
                .changes
                .iter()
                .enumerate()
                .map(|(i, (status, on))| StatusChange {
                    status: *status,
                    effective_on: *on,
                    note: String::new(),
                    who: String::new(),
                    seq: i as i64 + 1,
                })
                .collect(),
            screenings: self
                .screening
                .iter()
                .map(|s| ScreeningRecord {
                    id: 0,
                    screening: s.clone(),
                })
                .collect(),
            attempts: self
                .attempt
                .iter()
                .map(|a| AttemptRecord {
                    id: 0,
                    attempt: a.clone(),
                    pass_mark_percent,
                })
                .collect(),
            credits: self
                .credits
                .iter()
                .map(|c| CreditRecord {
                    id: 0,
                    credit: c.clone(),
                    who: String::new(),
                })
                .collect(),
            ..Default::default()
        }
    }
}

fn dated(label: &str, d: NaiveDate) -> String {
    format!("„{label}“ ({})", format_date(d))
}

/// Builds the facts of a [`PastEntry`] and checks them on their own (dates, required columns, the
/// order of the steps). Every problem at once, each naming its column, in German. The rules of the
/// appointment are checked by [`check_history`] on the result ([`plan_and_check`] does both).
///
/// The status path: Interessent on "Im Programm seit" (default: the earliest date of the row);
/// In Qualifizierung from the first of "Module am" and "Abschlusstest am"; Qualifiziert once both
/// are done; Aktiv on "Berufen am", Ruhend on "Ruhend seit", Ausgeschieden on "Ausgeschieden am".
/// A pilot who left without an appointment left from the stage the row's dates reach.
pub fn plan(
    e: &PastEntry,
    today: NaiveDate,
    settings: &LifecycleSettings,
) -> Result<PastPlan, Vec<String>> {
    let mut errors = Vec::new();
    let all_dates = [
        (SINCE, e.since),
        (APPOINTED, e.appointed_on),
        (PAUSED, e.paused_since),
        (LEFT, e.left_on),
        (CERTIFICATE, e.certificate_dated),
        (INSPECTED, e.inspected_on),
        (MODULES_ON, e.modules_on),
        (TEST_ON, e.test_on),
        (REFRESHER, e.refresher_on),
    ];
    for (label, d) in all_dates {
        if let Some(d) = d.filter(|d| *d > today) {
            errors.push(format!("{} liegt in der Zukunft.", dated(label, d)));
        }
    }
    let target = e.status.unwrap_or(Status::Prospect);
    let since = e
        .since
        .or_else(|| all_dates.iter().filter_map(|(_, d)| *d).min())
        .unwrap_or(today);

    let require = |label: &str, d: Option<NaiveDate>, errors: &mut Vec<String>| {
        if d.is_none() {
            errors.push(format!("„{label}“ fehlt (Status „{}“).", target.label()));
        }
    };
    let not_for = |label: &str, d: Option<NaiveDate>, errors: &mut Vec<String>| {
        if d.is_some() {
            errors.push(format!(
                "„{label}“ passt nicht zum Status „{}“.",
                target.label()
            ));
        }
    };
    match target {
        Status::Prospect | Status::InQualification | Status::Qualified => {
            not_for(APPOINTED, e.appointed_on, &mut errors);
            not_for(PAUSED, e.paused_since, &mut errors);
            not_for(LEFT, e.left_on, &mut errors);
        }
        Status::Active => {
            require(APPOINTED, e.appointed_on, &mut errors);
            not_for(PAUSED, e.paused_since, &mut errors);
            not_for(LEFT, e.left_on, &mut errors);
        }
        Status::Paused => {
            require(APPOINTED, e.appointed_on, &mut errors);
            require(PAUSED, e.paused_since, &mut errors);
            not_for(LEFT, e.left_on, &mut errors);
        }
        Status::Left => {
            require(LEFT, e.left_on, &mut errors);
            if e.paused_since.is_some() && e.appointed_on.is_none() {
                errors.push(format!(
                    "„{PAUSED}“ ohne „{APPOINTED}“: ruhen kann nur, wer berufen war."
                ));
            }
        }
    }

    // eFZ: only the facts of the inspection (no letter column in the list).
    let inspected_by = e.inspected_by.trim().to_string();
    let screening = (e.certificate_dated.is_some()
        || e.inspected_on.is_some()
        || !inspected_by.is_empty()
        || e.result.is_some())
    .then_some(Screening {
        letter_issued_on: None,
        certificate_dated: e.certificate_dated,
        inspected_on: e.inspected_on,
        inspected_by,
        result: e.result,
    });
    if let Some(s) = &screening {
        if let Err(Error::Validation(fields)) = screening::validate_screening(s, today) {
            for f in fields.iter().filter(|f| !f.message.contains("Zukunft")) {
                let label = match f.field.as_str() {
                    "certificate_dated" => CERTIFICATE,
                    "inspected_on" => INSPECTED,
                    "inspected_by" => INSPECTED_BY,
                    "result" => RESULT,
                    _ => "eFZ",
                };
                errors.push(format!("„{label}“: {}", f.message));
            }
        }
        if let (Some(dated_on), Some(inspected), Some(false)) = (
            s.certificate_dated,
            s.inspected_on,
            s.fresh_at_inspection(settings),
        ) {
            errors.push(format!(
                "Das Führungszeugnis vom {} war bei der Einsichtnahme am {} älter als {} Monate: die Einsichtnahme zählt nicht.",
                format_date(dated_on),
                format_date(inspected),
                settings.certificate_max_age_months
            ));
        }
    }

    // Modules and refresher, recognised on their days.
    let mut credits = Vec::new();
    match (e.modules.is_empty(), e.modules_on) {
        (false, None) => errors.push(format!("„{MODULES_ON}“ fehlt (zu „{MODULES}“).")),
        (true, Some(_)) => errors.push(format!("„{MODULES}“ fehlt (zu „{MODULES_ON}“).")),
        (false, Some(on)) => credits.extend(e.modules.iter().map(|n| ModuleCredit {
            kind: SessionKind::Module(*n),
            on,
            note: LISTED_NOTE.to_string(),
        })),
        (true, None) => {}
    }
    if let Some(on) = e.refresher_on {
        match e.appointed_on {
            None => errors.push(format!(
                "„{REFRESHER}“ ohne „{APPOINTED}“: die Auffrischung folgt der Berufung."
            )),
            Some(a) if on < a => errors.push(format!(
                "{} liegt vor {}.",
                dated(REFRESHER, on),
                dated(APPOINTED, a)
            )),
            Some(_) => {}
        }
        credits.push(ModuleCredit {
            kind: SessionKind::Refresher,
            on,
            note: LISTED_NOTE.to_string(),
        });
    }

    // Final test: all four columns or none.
    let mut attempt = None;
    if e.test_on.is_some()
        || e.test_points.is_some()
        || e.test_max_points.is_some()
        || e.interview_passed.is_some()
    {
        let mut missing = Vec::new();
        for (label, given) in [
            (TEST_ON, e.test_on.is_some()),
            (POINTS, e.test_points.is_some()),
            (MAX_POINTS, e.test_max_points.is_some()),
            (INTERVIEW, e.interview_passed.is_some()),
        ] {
            if !given {
                missing.push(format!("„{label}“"));
            }
        }
        if !missing.is_empty() {
            errors.push(format!("Zum Abschlusstest fehlt: {}.", missing.join(", ")));
        }
        if let (Some(taken_on), Some(points), Some(max_points), Some(interview_passed)) = (
            e.test_on,
            e.test_points,
            e.test_max_points,
            e.interview_passed,
        ) {
            let a = TestAttempt {
                taken_on,
                points,
                max_points,
                interview_passed,
                interviewer: LISTED_INTERVIEWER.to_string(),
            };
            if let Err(Error::Validation(fields)) = training::validate_attempt(&a, today) {
                for f in fields.iter().filter(|f| f.field != "taken_on") {
                    let label = if f.field == "points" {
                        POINTS
                    } else {
                        MAX_POINTS
                    };
                    errors.push(format!("„{label}“: {}", f.message));
                }
            }
            attempt = Some(a);
        }
    }

    // The status path.
    let passed = attempt
        .as_ref()
        .is_some_and(|a| training::attempt_passed(a, settings.pass_mark_percent));
    let appointed = matches!(target, Status::Active | Status::Paused)
        || (target == Status::Left && e.appointed_on.is_some());
    let training_dates: Vec<(NaiveDate, &str)> = [(e.modules_on, MODULES_ON), (e.test_on, TEST_ON)]
        .into_iter()
        .filter_map(|(d, l)| d.map(|d| (d, l)))
        .collect();
    let reaches_training = appointed
        || matches!(target, Status::InQualification | Status::Qualified)
        || (target == Status::Left && !training_dates.is_empty());
    let reaches_qualified =
        appointed || target == Status::Qualified || (target == Status::Left && passed);
    let mut path: Vec<(Status, NaiveDate, &str)> = vec![(Status::Prospect, since, SINCE)];
    let fallback = e
        .appointed_on
        .filter(|_| appointed)
        .map(|d| (d, APPOINTED))
        .unwrap_or((since, SINCE));
    if reaches_training {
        let (d, l) = training_dates
            .iter()
            .copied()
            .min_by_key(|(d, _)| *d)
            .unwrap_or(fallback);
        path.push((Status::InQualification, d, l));
    }
    if reaches_qualified {
        let (d, l) = training_dates
            .iter()
            .copied()
            .max_by_key(|(d, _)| *d)
            .unwrap_or(fallback);
        path.push((Status::Qualified, d, l));
    }
    if appointed {
        if let Some(on) = e.appointed_on {
            path.push((Status::Active, on, APPOINTED));
        }
        if let Some(on) = e.paused_since {
            path.push((Status::Paused, on, PAUSED));
        }
    }
    if target == Status::Left {
        if let Some(on) = e.left_on {
            path.push((Status::Left, on, LEFT));
        }
    }
    for w in path.windows(2) {
        let ((_, d0, l0), (_, d1, l1)) = (w[0], w[1]);
        if d1 < d0 {
            errors.push(format!("{} liegt vor {}.", dated(l1, d1), dated(l0, d0)));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PastPlan {
        since,
        changes: path.into_iter().map(|(s, d, _)| (s, d)).collect(),
        screening,
        credits,
        attempt,
    })
}

/// Replays a pilot's history and names every rule it breaks, each step judged on its own date: a
/// change dated before the one before it, a change not allowed from the status before, an
/// appointment without what it needs that day (eFZ valid, modules 1–5, test passed, district), a
/// return from Ruhend without a valid eFZ, a change in the future; and an active pilot whose eFZ
/// shows a relevant entry today. `current_district` is the register's; the district of each day
/// comes from the district history.
pub fn check_history(
    data: &LifecycleData,
    current_district: Option<&str>,
    today: NaiveDate,
    settings: &LifecycleSettings,
) -> Vec<String> {
    let mut sorted = data.history.clone();
    sorted.sort_by_key(|c| (c.effective_on, c.seq));
    let mut problems = Vec::new();
    for (i, c) in sorted.iter().enumerate() {
        let before = &sorted[..i];
        if c.effective_on > today {
            problems.push(format!(
                "Die Änderung zu „{}“ am {} liegt in der Zukunft.",
                c.status.label(),
                format_date(c.effective_on)
            ));
        }
        if let Err(e) = lifecycle::check_change(before, c.status, c.effective_on) {
            problems.push(e.to_string());
        }
        if c.status == Status::Active {
            let previous = before.last().map(|p| p.status);
            let facts = data.appointment_facts(c.effective_on, current_district, settings);
            if let Err(Error::Rule { missing, .. }) = lifecycle::check_activation(previous, &facts)
            {
                let step = if previous == Some(Status::Paused) {
                    "Rückkehr"
                } else {
                    "Berufung"
                };
                for m in missing {
                    problems.push(format!("{step} am {}: {m}.", format_date(c.effective_on)));
                }
            }
        }
    }
    if lifecycle::status_on(&data.history, today) == Some(Status::Active)
        && screening::screening_state_on(&data.screening_list(), today, settings)
            == ScreeningState::RelevantEntry
    {
        problems.push(format!(
            "Status „{}“, aber das Führungszeugnis zeigt einen relevanten Eintrag.",
            Status::Active.label()
        ));
    }
    problems
}

/// [`plan`], then [`check_history`] on the result with the district the row gives: the facts that
/// are written, or every problem of the row.
pub fn plan_and_check(
    e: &PastEntry,
    district: Option<&str>,
    today: NaiveDate,
    settings: &LifecycleSettings,
) -> Result<PastPlan, Vec<String>> {
    let plan = plan(e, today, settings)?;
    let problems = check_history(
        &plan.lifecycle_data(settings.pass_mark_percent),
        district,
        today,
        settings,
    );
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::screening::ScreeningResult;
    use Status::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn today() -> NaiveDate {
        d(2026, 12, 2)
    }

    /// Appointed 01.03.2024 with everything in place: eFZ of 10.01.2024 inspected 01.02.2024,
    /// modules 1–5 on 15.02.2024, test 20.02.2024 (40 of 50, interview passed).
    fn active() -> PastEntry {
        PastEntry {
            status: Some(Active),
            since: Some(d(2023, 11, 1)),
            appointed_on: Some(d(2024, 3, 1)),
            certificate_dated: Some(d(2024, 1, 10)),
            inspected_on: Some(d(2024, 2, 1)),
            inspected_by: "Frau Krüger".into(),
            result: Some(ScreeningResult::Clear),
            modules: vec![1, 2, 3, 4, 5],
            modules_on: Some(d(2024, 2, 15)),
            test_on: Some(d(2024, 2, 20)),
            test_points: Some(40),
            test_max_points: Some(50),
            interview_passed: Some(true),
            ..Default::default()
        }
    }

    fn run(e: &PastEntry) -> Result<PastPlan, Vec<String>> {
        plan_and_check(
            e,
            Some("Halberstadt"),
            today(),
            &LifecycleSettings::default(),
        )
    }

    #[test]
    fn an_active_pilot_gets_the_whole_path() {
        let p = run(&active()).unwrap();
        assert_eq!(
            p.changes,
            vec![
                (Prospect, d(2023, 11, 1)),
                (InQualification, d(2024, 2, 15)),
                (Qualified, d(2024, 2, 20)),
                (Active, d(2024, 3, 1)),
            ]
        );
        assert_eq!(p.credits.len(), 5);
        let data = p.lifecycle_data(60);
        assert!(data.eligible_on(today(), &LifecycleSettings::default()));
        assert!(data.eligible_on(d(2024, 3, 1), &LifecycleSettings::default()));
    }

    #[test]
    fn each_rule_break_is_named() {
        let no_test = PastEntry {
            test_on: None,
            test_points: None,
            test_max_points: None,
            interview_passed: None,
            ..active()
        };
        assert_eq!(
            run(&no_test).unwrap_err(),
            ["Berufung am 01.03.2024: Abschlusstest nicht bestanden."]
        );
        // The eFZ was inspected after the appointment: not valid that day.
        let late_efz = PastEntry {
            certificate_dated: Some(d(2024, 3, 5)),
            inspected_on: Some(d(2024, 3, 10)),
            ..active()
        };
        assert_eq!(
            run(&late_efz).unwrap_err(),
            ["Berufung am 01.03.2024: Führungszeugnis nicht gültig am 01.03.2024 (erst am 10.03.2024 eingesehen)."]
        );
        let stale = PastEntry {
            certificate_dated: Some(d(2023, 10, 1)),
            ..active()
        };
        let errs = run(&stale).unwrap_err();
        assert_eq!(
            errs,
            ["Das Führungszeugnis vom 01.10.2023 war bei der Einsichtnahme am 01.02.2024 älter als 3 Monate: die Einsichtnahme zählt nicht."]
        );
        let future = PastEntry {
            appointed_on: Some(d(2026, 12, 3)),
            ..active()
        };
        assert_eq!(
            run(&future).unwrap_err(),
            ["„Berufen am“ (03.12.2026) liegt in der Zukunft."]
        );
        let entry = PastEntry {
            result: Some(ScreeningResult::RelevantEntry),
            ..active()
        };
        assert_eq!(
            run(&entry).unwrap_err(),
            ["Berufung am 01.03.2024: Führungszeugnis nicht gültig am 01.03.2024 (relevanter Eintrag).",
             "Status „Aktiv“, aber das Führungszeugnis zeigt einen relevanten Eintrag."]
        );
        let no_date = PastEntry {
            appointed_on: None,
            ..active()
        };
        assert_eq!(
            run(&no_date).unwrap_err(),
            ["„Berufen am“ fehlt (Status „Aktiv“)."]
        );
        let no_district = plan_and_check(&active(), None, today(), &Default::default());
        assert_eq!(
            no_district.unwrap_err(),
            ["Berufung am 01.03.2024: Kein Altkreis zugeordnet."]
        );
        let modules = PastEntry {
            modules: vec![1, 2, 3, 4],
            ..active()
        };
        assert_eq!(
            run(&modules).unwrap_err(),
            ["Berufung am 01.03.2024: Modul 5 „Rechtliche Grundlagen“ nicht besucht."]
        );
        let order = PastEntry {
            paused_since: Some(d(2024, 2, 1)),
            status: Some(Paused),
            ..active()
        };
        assert_eq!(
            run(&order).unwrap_err(),
            ["„Ruhend seit“ (01.02.2024) liegt vor „Berufen am“ (01.03.2024)."]
        );
        let test_half = PastEntry {
            test_points: None,
            interview_passed: None,
            ..active()
        };
        assert_eq!(
            run(&test_half).unwrap_err(),
            ["Zum Abschlusstest fehlt: „Test Punkte“, „Gespräch“."]
        );
    }

    #[test]
    fn paused_and_left_paths() {
        let paused = PastEntry {
            status: Some(Paused),
            paused_since: Some(d(2026, 6, 1)),
            ..active()
        };
        let p = run(&paused).unwrap();
        assert_eq!(p.changes.last(), Some(&(Paused, d(2026, 6, 1))));
        // Left after a pause.
        let left = PastEntry {
            status: Some(Left),
            left_on: Some(d(2026, 9, 1)),
            ..paused.clone()
        };
        let p = run(&left).unwrap();
        assert_eq!(
            p.changes[3..],
            [
                (Active, d(2024, 3, 1)),
                (Paused, d(2026, 6, 1)),
                (Left, d(2026, 9, 1))
            ]
        );
        // Left during the course: never appointed.
        let dropped = PastEntry {
            status: Some(Left),
            since: Some(d(2025, 1, 10)),
            modules: vec![1, 2],
            modules_on: Some(d(2025, 3, 1)),
            left_on: Some(d(2025, 5, 1)),
            ..Default::default()
        };
        let p = run(&dropped).unwrap();
        assert_eq!(
            p.changes,
            vec![
                (Prospect, d(2025, 1, 10)),
                (InQualification, d(2025, 3, 1)),
                (Left, d(2025, 5, 1))
            ]
        );
        // A plain prospect; "Im Programm seit" defaults to the earliest date of the row.
        let prospect = PastEntry {
            certificate_dated: Some(d(2026, 10, 1)),
            inspected_on: Some(d(2026, 10, 5)),
            inspected_by: "X".into(),
            result: Some(ScreeningResult::Clear),
            ..Default::default()
        };
        let p = run(&prospect).unwrap();
        assert_eq!(p.changes, vec![(Prospect, d(2026, 10, 1))]);
        let wrong = PastEntry {
            appointed_on: Some(d(2026, 1, 1)),
            ..prospect
        };
        assert_eq!(
            run(&wrong).unwrap_err(),
            ["„Berufen am“ passt nicht zum Status „Interessent“."]
        );
    }

    #[test]
    fn check_history_replays_each_step_on_its_day() {
        let p = run(&active()).unwrap();
        let mut data = p.lifecycle_data(60);
        // A later pause and a return after the eFZ ran out (certificate 10.01.2024 + 5 years).
        data.history.push(StatusChange {
            status: Paused,
            effective_on: d(2026, 1, 1),
            note: String::new(),
            who: String::new(),
            seq: 10,
        });
        data.history.push(StatusChange {
            status: Active,
            effective_on: d(2026, 6, 1),
            note: String::new(),
            who: String::new(),
            seq: 11,
        });
        assert_eq!(
            check_history(&data, Some("Harz"), today(), &Default::default()),
            Vec::<String>::new()
        );
        // Raising the pass mark later does not break the old appointment (the mark is stored).
        let strict = LifecycleSettings {
            pass_mark_percent: 90,
            ..Default::default()
        };
        assert!(check_history(&data, Some("Harz"), today(), &strict).is_empty());
        data.screenings.clear();
        let problems = check_history(&data, Some("Harz"), today(), &Default::default());
        assert_eq!(
            problems,
            [
                "Berufung am 01.03.2024: Führungszeugnis nicht gültig am 01.03.2024 (fehlt).",
                "Rückkehr am 01.06.2026: Führungszeugnis nicht gültig am 01.06.2026 (fehlt)."
            ]
        );
    }
}
