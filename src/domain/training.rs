//! Basic course (Basislehrgang, five modules), refresher sessions and the final test (docs/DOMAIN.md#training).
//! Pure rules over attendance and test attempts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldError, Result};

/// The five topics of the basic course, module 1 to 5 (docs/DOMAIN.md#training).
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
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

/// The final test is passed when the latest attempt passed both parts, each attempt judged by the
/// pass mark in force on its day (stored with it), so a later change of the setting never fails an old
/// test. Same tie rule as [`latest_attempt`].
pub fn final_test_passed_marked(attempts: &[(TestAttempt, u32)]) -> bool {
    attempts
        .iter()
        .max_by_key(|(a, _)| a.taken_on)
        .is_some_and(|(a, mark)| attempt_passed(a, *mark))
}

/// A module (or a refresher) done outside the courses of the app and recognised ("anerkannt"), with
/// its date and a note (where and how). Counts like attending a session of it on that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ModuleCredit {
    pub kind: SessionKind,
    pub on: NaiveDate,
    pub note: String,
}

/// Checks a recognised module before it is stored.
pub fn validate_credit(c: &ModuleCredit, today: NaiveDate) -> Result<()> {
    let mut errors = Vec::new();
    if c.on > today {
        errors.push(FieldError::new(
            "on",
            "Das Datum darf nicht in der Zukunft liegen.",
        ));
    }
    if matches!(c.kind, SessionKind::Module(n) if module_title(n).is_none()) {
        errors.push(FieldError::new("modules", "Modul muss 1 bis 5 sein."));
    }
    if c.note.trim().chars().count() > 500 {
        errors.push(FieldError::new(
            "note",
            "Notiz ist zu lang (höchstens 500 Zeichen).",
        ));
    }
    Error::check(errors)
}

/// Reads a list of modules as lists and people write it: "1-5", "1, 2, 4", "1–3 5", "alle".
/// Returns the numbers sorted, each once; an empty text gives an empty list. Refresher words
/// ("Auffrischung", "A") are not modules: see [`is_refresher_word`].
pub fn parse_modules(text: &str) -> std::result::Result<Vec<u8>, String> {
    let t = text.trim().to_lowercase();
    if t == "alle" {
        return Ok(vec![1, 2, 3, 4, 5]);
    }
    let t = t.replace(['–', '—'], "-").replace(" bis ", "-");
    let mut out: Vec<u8> = Vec::new();
    let number = |s: &str| -> std::result::Result<u8, String> {
        let s = s.trim().trim_start_matches("modul").trim();
        s.parse::<u8>()
            .ok()
            .filter(|n| module_title(*n).is_some())
            .ok_or_else(|| format!("„{s}“ ist keine Modulnummer (1 bis 5)."))
    };
    for part in t
        .split([',', ';', '/', '+', ' ', '&'])
        .map(str::trim)
        .filter(|p| !p.is_empty() && !matches!(*p, "und" | "modul" | "module"))
    {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (number(a)?, number(b)?);
                if a > b {
                    return Err(format!("„{part}“: der Bereich ist verkehrt herum."));
                }
                out.extend(a..=b);
            }
            None => out.push(number(part)?),
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// "Auffrischung", "A", "refresher": a refresher, not a module.
pub fn is_refresher_word(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "a" | "auffrischung" | "refresher"
    )
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

    #[test]
    fn each_attempt_keeps_its_pass_mark() {
        // 33 of 50 = 66 %: passed under 60 %, failed under 70 %.
        let a = attempt(d(2024, 3, 1), 33, 50, true);
        assert!(final_test_passed_marked(&[(a.clone(), 60)]));
        assert!(!final_test_passed_marked(&[(a.clone(), 70)]));
        let later_fail = attempt(d(2024, 4, 1), 10, 50, true);
        assert!(!final_test_passed_marked(&[
            (a.clone(), 60),
            (later_fail, 60)
        ]));
        assert!(!final_test_passed_marked(&[]));
    }

    #[test]
    fn module_lists_as_written() {
        assert_eq!(parse_modules("1-5"), Ok(vec![1, 2, 3, 4, 5]));
        assert_eq!(parse_modules(" 1, 2, 4 "), Ok(vec![1, 2, 4]));
        assert_eq!(parse_modules("1–3 5"), Ok(vec![1, 2, 3, 5]));
        assert_eq!(parse_modules("4;2;2"), Ok(vec![2, 4]));
        assert_eq!(parse_modules("Modul 3 und 5"), Ok(vec![3, 5]));
        assert_eq!(parse_modules("ALLE"), Ok(vec![1, 2, 3, 4, 5]));
        assert_eq!(parse_modules(""), Ok(vec![]));
        assert_eq!(
            parse_modules("1, 6"),
            Err("„6“ ist keine Modulnummer (1 bis 5).".to_string())
        );
        assert!(parse_modules("5-1").is_err());
        assert!(parse_modules("x").is_err());
        assert!(is_refresher_word(" Auffrischung"));
        assert!(!is_refresher_word("1"));
    }

    #[test]
    fn credit_validation() {
        let today = d(2026, 11, 26);
        let ok = ModuleCredit {
            kind: m(2),
            on: today,
            note: "VHS Halberstadt".into(),
        };
        assert!(validate_credit(&ok, today).is_ok());
        let future = ModuleCredit {
            on: d(2026, 11, 27),
            ..ok
        };
        assert!(
            matches!(validate_credit(&future, today), Err(Error::Validation(e)) if e[0].field == "on")
        );
    }
}
