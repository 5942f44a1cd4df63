//! Basic course (Basislehrgang, five modules), refresher sessions and the final test (SPEC section 4).
//! Pure rules over attendance and test attempts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldError, Result};

/// The five topics of the basic course, module 1 to 5 (seed, section 3.6).
pub const MODULE_TITLES: [&str; 5] = [
    "Mögliches und Unmögliches für Ehrenamtliche",
    "Die andere Seite: Migration / Flucht / Asyl",
    "Kulturelle Vielfalt / Interkulturelle Kompetenz / Religion",
    "Rahmenbedingungen und Anforderungen",
    "Rechtliche Grundlagen",
];

/// Longest interviewer name accepted.
const MAX_NAME: usize = 200;

/// The title of module `number` (1–5).
pub fn module_title(number: u8) -> Option<&'static str> {
    MODULE_TITLES
        .get(usize::from(number).checked_sub(1)?)
        .copied()
}

/// What a session covers: one module of the basic course, or a refresher ("Auffrischung").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// Module 1–5; build with [`SessionKind::module`] so the number is checked.
    Module(u8),
    /// A refresher session ("Auffrischung").
    Refresher,
}

impl SessionKind {
    /// A module session; `None` unless `number` is 1–5.
    pub fn module(number: u8) -> Option<SessionKind> {
        module_title(number).map(|_| SessionKind::Module(number))
    }

    /// German label: "Modul 3: Kulturelle Vielfalt / …" or "Auffrischung".
    pub fn label(self) -> String {
        match self {
            SessionKind::Module(n) => match module_title(n) {
                Some(title) => format!("Modul {n}: {title}"),
                None => format!("Modul {n}"),
            },
            SessionKind::Refresher => "Auffrischung".to_string(),
        }
    }
}

/// Which of the five modules the pilot attended: any session of a module counts, in any course.
/// `attended` holds the kind and date of each session the pilot attended.
pub fn modules_done(attended: &[(SessionKind, NaiveDate)]) -> [bool; 5] {
    module_checklist(attended).map(|m| m.done)
}

/// One line of a pilot's module checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleProgress {
    /// 1–5.
    pub number: u8,
    /// The module's title.
    pub title: &'static str,
    /// Attended at least one session of it.
    pub done: bool,
    /// The first day the pilot attended a session of this module.
    pub first_attended_on: Option<NaiveDate>,
    /// Index into the `attended` slice of that session, so the caller can show its course and place.
    pub session_index: Option<usize>,
}

/// The module checklist: per module whether it is done and the first session that counted.
pub fn module_checklist(attended: &[(SessionKind, NaiveDate)]) -> [ModuleProgress; 5] {
    std::array::from_fn(|i| {
        let number = i as u8 + 1;
        let first = attended
            .iter()
            .enumerate()
            .filter(|(_, (kind, _))| *kind == SessionKind::Module(number))
            // Earliest date; the first in the slice on a tie.
            .min_by_key(|(idx, (_, date))| (*date, *idx));
        ModuleProgress {
            number,
            title: MODULE_TITLES[i],
            done: first.is_some(),
            first_attended_on: first.map(|(_, (_, date))| *date),
            session_index: first.map(|(idx, _)| idx),
        }
    })
}

/// The dates of the refresher sessions the pilot attended, in the given order.
pub fn refresher_dates(attended: &[(SessionKind, NaiveDate)]) -> Vec<NaiveDate> {
    attended
        .iter()
        .filter(|(kind, _)| *kind == SessionKind::Refresher)
        .map(|(_, date)| *date)
        .collect()
}

/// One attempt at the final test: a written part and an interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct TestAttempt {
    /// The day of the test.
    pub taken_on: NaiveDate,
    /// Written part: points reached …
    pub points: u32,
    /// … of this many.
    pub max_points: u32,
    /// The interview part was passed.
    pub interview_passed: bool,
    /// Who led the interview.
    pub interviewer: String,
}

/// Checks an attempt before it is stored; every field error at once, in German.
pub fn validate_attempt(a: &TestAttempt, today: NaiveDate) -> Result<()> {
    let mut errors = Vec::new();
    if a.taken_on > today {
        errors.push(FieldError::new(
            "taken_on",
            "Das Testdatum darf nicht in der Zukunft liegen.",
        ));
    }
    if a.max_points == 0 {
        errors.push(FieldError::new(
            "max_points",
            "Die Höchstpunktzahl muss größer als 0 sein.",
        ));
    } else if a.points > a.max_points {
        errors.push(FieldError::new(
            "points",
            format!(
                "Die erreichten Punkte ({}) dürfen die Höchstpunktzahl ({}) nicht übersteigen.",
                a.points, a.max_points
            ),
        ));
    }
    let interviewer = a.interviewer.trim();
    if interviewer.is_empty() {
        errors.push(FieldError::new(
            "interviewer",
            "Es fehlt, wer das Gespräch geführt hat.",
        ));
    } else if interviewer.chars().count() > MAX_NAME {
        errors.push(FieldError::new(
            "interviewer",
            format!("Der Name der Gesprächsführung ist zu lang (höchstens {MAX_NAME} Zeichen)."),
        ));
    }
    Error::check(errors)
}

/// The written part is passed when points / max_points ≥ pass mark; exactly reaching it passes.
/// Integer arithmetic, so no rounding can tip the result.
pub fn written_passed(a: &TestAttempt, pass_mark_percent: u32) -> bool {
    a.max_points > 0
        && u64::from(a.points) * 100 >= u64::from(pass_mark_percent) * u64::from(a.max_points)
}

/// An attempt is passed when both parts are: the written part and the interview.
pub fn attempt_passed(a: &TestAttempt, pass_mark_percent: u32) -> bool {
    a.interview_passed && written_passed(a, pass_mark_percent)
}

/// The attempt that decides: the latest by date; on the same day the later one in the slice.
pub fn latest_attempt(attempts: &[TestAttempt]) -> Option<&TestAttempt> {
    // max_by_key returns the last of equal elements.
    attempts.iter().max_by_key(|a| a.taken_on)
}

/// The final test is passed when the latest attempt passed both parts (retakes allowed; the latest decides).
pub fn final_test_passed(attempts: &[TestAttempt], pass_mark_percent: u32) -> bool {
    latest_attempt(attempts).is_some_and(|a| attempt_passed(a, pass_mark_percent))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn attempt(
        taken_on: NaiveDate,
        points: u32,
        max_points: u32,
        interview_passed: bool,
    ) -> TestAttempt {
        TestAttempt {
            taken_on,
            points,
            max_points,
            interview_passed,
            interviewer: "Herr Weiß".into(),
        }
    }

    fn m(n: u8) -> SessionKind {
        SessionKind::module(n).unwrap()
    }

    #[test]
    fn module_titles_from_the_seed() {
        assert_eq!(
            module_title(1),
            Some("Mögliches und Unmögliches für Ehrenamtliche")
        );
        assert_eq!(module_title(5), Some("Rechtliche Grundlagen"));
        assert_eq!(module_title(0), None);
        assert_eq!(module_title(6), None);
        assert_eq!(SessionKind::module(6), None);
        assert_eq!(
            m(3).label(),
            "Modul 3: Kulturelle Vielfalt / Interkulturelle Kompetenz / Religion"
        );
        assert_eq!(SessionKind::Refresher.label(), "Auffrischung");
    }

    #[test]
    fn any_session_of_a_module_counts() {
        assert_eq!(modules_done(&[]), [false; 5]);
        let attended = [
            (m(1), d(2026, 3, 2)),
            (m(2), d(2026, 3, 9)),
            (SessionKind::Refresher, d(2026, 3, 10)),
            (m(4), d(2026, 3, 23)),
            // catch-up of module 2 in a later course, and module 5
            (m(2), d(2026, 9, 7)),
            (m(5), d(2026, 9, 14)),
            // out of range: ignored
            (SessionKind::Module(9), d(2026, 9, 15)),
        ];
        assert_eq!(modules_done(&attended), [true, true, false, true, true]);
    }

    #[test]
    fn checklist_shows_the_first_session() {
        let attended = [
            (m(2), d(2026, 9, 7)),
            (m(2), d(2026, 3, 9)),
            (m(1), d(2026, 3, 2)),
            (m(1), d(2026, 3, 2)),
        ];
        let list = module_checklist(&attended);
        assert_eq!(list[1].first_attended_on, Some(d(2026, 3, 9)));
        assert_eq!(
            list[1].session_index,
            Some(1),
            "earliest date, not first in slice"
        );
        assert_eq!(list[0].session_index, Some(2), "same day: first in slice");
        assert!(!list[2].done);
        assert_eq!(list[2].first_attended_on, None);
        assert_eq!(list[4].number, 5);
        assert_eq!(list[4].title, "Rechtliche Grundlagen");
    }

    #[test]
    fn refresher_dates_only() {
        let attended = [
            (m(1), d(2026, 3, 2)),
            (SessionKind::Refresher, d(2026, 10, 1)),
        ];
        assert_eq!(refresher_dates(&attended), vec![d(2026, 10, 1)]);
    }

    #[test]
    fn pass_mark_exactly_reached_passes_one_point_short_fails() {
        assert!(
            written_passed(&attempt(d(2026, 4, 1), 30, 50, true), 60),
            "30/50 = 60 %"
        );
        assert!(
            !written_passed(&attempt(d(2026, 4, 1), 29, 50, true), 60),
            "29/50 = 58 %"
        );
        // 60 % of 17 is 10.2: 10 points is short, 11 passes.
        assert!(!written_passed(&attempt(d(2026, 4, 1), 10, 17, true), 60));
        assert!(written_passed(&attempt(d(2026, 4, 1), 11, 17, true), 60));
        assert!(written_passed(&attempt(d(2026, 4, 1), 20, 20, true), 100));
        assert!(
            !written_passed(&attempt(d(2026, 4, 1), 0, 0, true), 60),
            "no maximum, no pass"
        );
        assert!(
            written_passed(&attempt(d(2026, 4, 1), u32::MAX, u32::MAX, true), 100),
            "no overflow"
        );
    }

    #[test]
    fn both_parts_must_be_passed() {
        assert!(attempt_passed(&attempt(d(2026, 4, 1), 30, 50, true), 60));
        assert!(!attempt_passed(&attempt(d(2026, 4, 1), 30, 50, false), 60));
        assert!(!attempt_passed(&attempt(d(2026, 4, 1), 29, 50, true), 60));
    }

    #[test]
    fn latest_attempt_decides() {
        assert!(!final_test_passed(&[], 60));
        let failed = attempt(d(2026, 4, 1), 20, 50, true);
        let passed = attempt(d(2026, 5, 6), 40, 50, true);
        assert!(final_test_passed(&[failed.clone(), passed.clone()], 60));
        assert!(
            final_test_passed(&[passed.clone(), failed.clone()], 60),
            "by date, not order"
        );
        // A later failed retake undoes an earlier pass: the latest decides.
        let failed_later = attempt(d(2026, 6, 1), 40, 50, false);
        assert!(!final_test_passed(&[passed.clone(), failed_later], 60));
        // Same day: the later one in the slice.
        let same_day_fail = attempt(d(2026, 5, 6), 10, 50, true);
        assert!(!final_test_passed(
            &[passed.clone(), same_day_fail.clone()],
            60
        ));
        assert!(final_test_passed(&[same_day_fail, passed], 60));
    }

    #[test]
    fn attempt_validation() {
        let today = d(2026, 4, 1);
        assert!(validate_attempt(&attempt(today, 30, 50, true), today).is_ok());
        let bad = TestAttempt {
            taken_on: d(2026, 4, 2),
            points: 51,
            max_points: 50,
            interview_passed: true,
            interviewer: " ".into(),
        };
        let errs = match validate_attempt(&bad, today) {
            Err(Error::Validation(e)) => e,
            other => panic!("expected validation error, got {other:?}"),
        };
        let got: Vec<(&str, &str)> = errs
            .iter()
            .map(|e| (e.field.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "taken_on",
                    "Das Testdatum darf nicht in der Zukunft liegen."
                ),
                (
                    "points",
                    "Die erreichten Punkte (51) dürfen die Höchstpunktzahl (50) nicht übersteigen."
                ),
                ("interviewer", "Es fehlt, wer das Gespräch geführt hat."),
            ]
        );
        let zero = attempt(today, 0, 0, true);
        match validate_attempt(&zero, today) {
            Err(Error::Validation(e)) => assert_eq!(e[0].field, "max_points"),
            other => panic!("expected validation error, got {other:?}"),
        }
    }

    #[test]
    fn session_kind_serde() {
        assert_eq!(serde_json::to_string(&m(3)).unwrap(), r#"{"module":3}"#);
        assert_eq!(
            serde_json::to_string(&SessionKind::Refresher).unwrap(),
            r#""refresher""#
        );
    }
}
