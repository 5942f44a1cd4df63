//! The activity record (Tätigkeitsnachweis, docs/DOMAIN.md#activity): per pilot and month the
//! number of assignments/contacts, the hours (optional, kept in minutes), the task areas, the
//! number of people and of families supported and a short note. Counts only, by design: the people
//! supported are never named or described (data minimisation), so the record has no field for
//! them. Also the gate "Auszahlung nur mit Tätigkeitsnachweis" and the due item for pilots
//! without activity. Pure functions.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::allowance::Month;
use crate::domain::record::DueItem;
use crate::error::{Error, FieldError, Result};

/// Longest note: a short remark, not a case file.
pub const NOTE_MAX: usize = 200;
/// Highest count of contacts, people or families in one month.
pub const COUNT_MAX: u32 = 9_999;
/// Most hours in one month (31 days of 24 hours).
pub const HOURS_MAX: u32 = 744;

/// A task area (Aufgabenbereich): the four of the Richtlinie and Sonstiges, editable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct TaskArea {
    pub id: i64,
    pub name: String,
    pub position: i64,
    /// A retired area is kept for old records but not offered for new ones.
    pub active: bool,
}

/// One pilot's record of one month, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ActivityRecord {
    pub pilot_id: i64,
    /// "2026-11"
    pub month: String,
    pub contacts: u32,
    /// Hours in minutes; `None` when not given.
    pub minutes: Option<u32>,
    /// Names of the task areas, in the order of the list.
    pub areas: Vec<String>,
    pub people: u32,
    pub families: u32,
    pub note: String,
    pub recorded_at: String,
    pub recorded_by: String,
}

/// A record as typed in the form, the month grid or on the command line: numbers as text.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ActivityInput {
    pub pilot_id: i64,
    /// "2026-11" (also "11/2026").
    pub month: String,
    pub contacts: String,
    /// Hours as typed: "2,5", "2.5", "2:30" or "3"; empty when not given.
    pub hours: String,
    pub areas: Vec<String>,
    pub people: String,
    pub families: String,
    pub note: String,
}

/// A record checked and ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityEntry {
    pub month: Month,
    pub contacts: u32,
    pub minutes: Option<u32>,
    /// Ids of the task areas.
    pub area_ids: Vec<i64>,
    pub people: u32,
    pub families: u32,
    pub note: String,
}

/// A line of a month paid without a record, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Waiver {
    pub pilot_id: i64,
    pub month: String,
    pub reason: String,
    pub who: String,
    pub recorded_at: String,
}

/// A whole count as typed ("0" to 9999); empty is `None`.
fn count(field: &str, label: &str, text: &str, errors: &mut Vec<FieldError>) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<u32>() {
        Ok(n) if t.chars().all(|c| c.is_ascii_digit()) && n <= COUNT_MAX => Some(n),
        _ => {
            errors.push(FieldError::new(
                field,
                format!("{label}: „{t}“ ist keine ganze Zahl von 0 bis {COUNT_MAX}."),
            ));
            None
        }
    }
}

/// Hours as typed, in whole minutes: "2,5" and "2.5" are 150, "2:30" is 150, "3" is 180; at most
/// two decimals and [`HOURS_MAX`] hours. Empty is `None`.
pub fn hours_to_minutes(text: &str) -> std::result::Result<Option<u32>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let wrong = || {
        format!("Stunden: „{t}“ ist keine Stundenzahl; erwartet z. B. 2,5 oder 2:30 (höchstens {HOURS_MAX}).")
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit());
    let minutes = if let Some((h, m)) = t.split_once(':') {
        if !digits(h) || m.len() != 2 || !digits(m) {
            return Err(wrong());
        }
        let (h, m): (u32, u32) = (
            h.parse().map_err(|_| wrong())?,
            m.parse().map_err(|_| wrong())?,
        );
        if m >= 60 {
            return Err(wrong());
        }
        h * 60 + m
    } else {
        let (h, frac) = t.split_once([',', '.']).unwrap_or((t, ""));
        if !digits(h) || frac.len() > 2 || (t.len() > h.len() && !digits(frac)) {
            return Err(wrong());
        }
        let h: u32 = h.parse().map_err(|_| wrong())?;
        // Hundredths of an hour to minutes, rounded half up: ",25" is 15, ",1" is 6.
        let hundredths: u32 = format!("{frac:0<2}").parse().map_err(|_| wrong())?;
        h * 60 + (hundredths * 60 + 50) / 100
    };
    if minutes > HOURS_MAX * 60 {
        return Err(wrong());
    }
    Ok(Some(minutes))
}

/// Minutes as hours the way people write them: 150 → "2,5", 135 → "2,25", 140 → "2:20".
pub fn minutes_label(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match m {
        0 => h.to_string(),
        _ if (m * 100) % 60 == 0 => {
            let frac = format!("{:02}", m * 100 / 60);
            format!("{h},{}", frac.trim_end_matches('0'))
        }
        _ => format!("{h}:{m:02}"),
    }
}

/// Checks a typed record against the task areas offered and `today`: contacts required, counts
/// whole numbers, hours as above, areas from the list, a short note, the month not in the future.
/// Every field error at once.
pub fn check(input: &ActivityInput, areas: &[TaskArea], today: NaiveDate) -> Result<ActivityEntry> {
    let mut errors = Vec::new();
    let month = Month::parse(&input.month.replace('.', "/"));
    match month {
        None => errors.push(FieldError::new(
            "month",
            format!(
                "Monat „{}“ ist ungültig; erwartet JJJJ-MM (z. B. 2026-11).",
                input.month.trim()
            ),
        )),
        Some(m) if m > Month::of(today) => errors.push(FieldError::new(
            "month",
            format!("{} liegt in der Zukunft.", m.label()),
        )),
        _ => {}
    }
    let contacts = count("contacts", "Kontakte", &input.contacts, &mut errors);
    if input.contacts.trim().is_empty() {
        errors.push(FieldError::new(
            "contacts",
            "Kontakte fehlen (Anzahl der Einsätze/Kontakte, 0 wenn keine).",
        ));
    }
    let minutes = hours_to_minutes(&input.hours).unwrap_or_else(|m| {
        errors.push(FieldError::new("hours", m));
        None
    });
    let people = count("people", "Personen", &input.people, &mut errors).unwrap_or(0);
    let families = count("families", "Familien", &input.families, &mut errors).unwrap_or(0);
    let mut area_ids = Vec::new();
    let mut unknown = Vec::new();
    for typed in input
        .areas
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
    {
        let fold = crate::domain::register::fold;
        match areas
            .iter()
            .find(|a| a.active && fold(&a.name) == fold(typed))
        {
            Some(a) if !area_ids.contains(&a.id) => area_ids.push(a.id),
            Some(_) => {}
            None => unknown.push(typed.to_string()),
        }
    }
    if !unknown.is_empty() {
        errors.push(FieldError::new(
            "areas",
            format!(
                "Aufgabenbereich „{}“ gibt es nicht; möglich sind: {}.",
                unknown.join("“, „"),
                areas
                    .iter()
                    .filter(|a| a.active)
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let note = input.note.trim().to_string();
    if note.chars().count() > NOTE_MAX {
        errors.push(FieldError::new(
            "note",
            format!("Notiz ist zu lang (höchstens {NOTE_MAX} Zeichen; keine Namen oder Einzelheiten der begleiteten Personen)."),
        ));
    }
    Error::check(errors)?;
    Ok(ActivityEntry {
        month: month.expect("checked"),
        contacts: contacts.expect("checked"),
        minutes,
        area_ids,
        people,
        families,
        note,
    })
}

/// Checks a new task area name against the list (not empty, at most 40 characters, not twice).
pub fn check_area_name(name: &str, areas: &[TaskArea], except: Option<i64>) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::field("name", "Name des Aufgabenbereichs fehlt."));
    }
    if name.chars().count() > 40 {
        return Err(Error::field(
            "name",
            "Name des Aufgabenbereichs ist zu lang (höchstens 40 Zeichen).",
        ));
    }
    let fold = crate::domain::register::fold;
    if areas
        .iter()
        .any(|a| Some(a.id) != except && fold(&a.name) == fold(name))
    {
        return Err(Error::field(
            "name",
            format!("Aufgabenbereich „{name}“ gibt es schon."),
        ));
    }
    Ok(name.to_string())
}

/// A waiver's reason: required, at most 300 characters.
pub fn check_reason(reason: &str) -> Result<String> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(Error::field(
            "reason",
            "Begründung fehlt (warum ohne Tätigkeitsnachweis gezahlt wird).",
        ));
    }
    if r.chars().count() > 300 {
        return Err(Error::field(
            "reason",
            "Begründung ist zu lang (höchstens 300 Zeichen).",
        ));
    }
    Ok(r.to_string())
}

/// The gate "Auszahlung nur mit Tätigkeitsnachweis" of one month: whether it is on, who has a
/// record of the month, and who may be paid without one (with the reason).
#[derive(Debug, Clone, Default)]
pub struct Gate {
    pub required: bool,
    pub recorded: HashSet<i64>,
    pub waivers: HashMap<i64, String>,
}

impl Gate {
    /// Whether a line of `pilot_id` with `amount_cents` is blocked for want of a record.
    pub fn missing(&self, pilot_id: i64, amount_cents: i64) -> bool {
        missing_record(
            self.required,
            amount_cents,
            self.recorded.contains(&pilot_id),
            self.waivers.contains_key(&pilot_id),
        )
    }

    /// The reason a pilot is paid without a record; none once a record exists.
    pub fn waiver(&self, pilot_id: i64) -> Option<&str> {
        if self.recorded.contains(&pilot_id) {
            return None;
        }
        self.waivers.get(&pilot_id).map(String::as_str)
    }
}

/// The gate's rule: a line with an amount for its month needs a record of that month or a
/// waiver; `true` when it has neither.
pub fn missing_record(required: bool, amount_cents: i64, recorded: bool, waived: bool) -> bool {
    required && amount_cents > 0 && !recorded && !waived
}

/// Where the due item "keine Tätigkeit seit N Monaten" looks: from the first of the `months`
/// complete months before today's. `None` when nobody can be named: `months` 0 turns the item off,
/// and months before `first_recorded` (the first month any record was entered) do not count, so
/// before the office kept records nobody is named.
pub fn inactivity_from(
    first_recorded: Option<Month>,
    months: u32,
    today: NaiveDate,
) -> Option<Month> {
    let first_recorded = first_recorded?;
    if months == 0 {
        return None;
    }
    let mut from = Month::of(today);
    for _ in 0..months {
        from = from.prev();
    }
    (from >= first_recorded).then_some(from)
}

/// The due items "keine Tätigkeit seit N Monaten" (`months`, from [`inactivity_from`]): pilots
/// active on every day from the first of `from` through today (`active_throughout`) without a
/// record with contacts since `from` (`last_active`: each pilot's last such month).
pub fn inactive_items(
    pilots: &[(i64, String)],
    active_throughout: impl Fn(i64) -> bool,
    last_active: &HashMap<i64, Month>,
    from: Month,
    months: u32,
) -> Vec<DueItem> {
    let mut items = Vec::new();
    for (id, name) in pilots {
        if !active_throughout(*id) {
            continue;
        }
        let last = last_active.get(id).copied();
        if last.is_some_and(|m| m >= from) {
            continue;
        }
        let since = match last {
            Some(m) => format!("letzte Tätigkeit {}", m.label()),
            None => "noch keine Tätigkeit erfasst".to_string(),
        };
        items.push(DueItem {
            pilot_id: *id,
            name: name.clone(),
            kind: "activity_missing",
            label: format!(
                "{name}: aktiv, aber seit {months} Monaten keine Tätigkeit erfasst ({since})"
            ),
            date: from.first_day(),
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::StatusChange;
    use crate::domain::pilot::Status;
    use crate::domain::timeline::{SettingsHistory, Timeline};

    fn areas() -> Vec<TaskArea> {
        ["Wohnen", "Orientierung", "Teilhabe", "Arbeit", "Sonstiges"]
            .iter()
            .enumerate()
            .map(|(i, n)| TaskArea {
                id: i as i64 + 1,
                name: n.to_string(),
                position: i as i64 + 1,
                active: true,
            })
            .collect()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn hours_are_read_the_german_way() {
        assert_eq!(hours_to_minutes("2,5"), Ok(Some(150)));
        assert_eq!(hours_to_minutes("2.5"), Ok(Some(150)));
        assert_eq!(hours_to_minutes("2:30"), Ok(Some(150)));
        assert_eq!(hours_to_minutes("2,25"), Ok(Some(135)));
        assert_eq!(hours_to_minutes("3"), Ok(Some(180)));
        assert_eq!(hours_to_minutes(" "), Ok(None));
        for bad in [
            "2,555", "2:75", "2:5", "zwei", "-1", "1.000", "745", ",5", "2,",
        ] {
            assert!(hours_to_minutes(bad).is_err(), "{bad}");
        }
        assert_eq!(minutes_label(150), "2,5");
        assert_eq!(minutes_label(135), "2,25");
        assert_eq!(minutes_label(140), "2:20");
        assert_eq!(minutes_label(180), "3");
    }

    #[test]
    fn a_record_is_checked_field_by_field() {
        let input = ActivityInput {
            pilot_id: 1,
            month: "2026-11".into(),
            contacts: "4".into(),
            hours: "6,5".into(),
            areas: vec!["wohnen".into(), "Arbeit".into(), "Wohnen".into()],
            people: "3".into(),
            families: "".into(),
            note: " Behördengänge ".into(),
        };
        let e = check(&input, &areas(), d("2026-12-02")).unwrap();
        assert_eq!(
            (
                e.contacts,
                e.minutes,
                e.area_ids.clone(),
                e.people,
                e.families
            ),
            (4, Some(390), vec![1, 4], 3, 0)
        );
        assert_eq!(e.note, "Behördengänge");

        let bad = ActivityInput {
            month: "2027-01".into(),
            contacts: "".into(),
            hours: "2,555".into(),
            areas: vec!["Garten".into()],
            people: "x".into(),
            families: "-1".into(),
            note: "a".repeat(201),
            ..input
        };
        let Err(Error::Validation(errors)) = check(&bad, &areas(), d("2026-12-02")) else {
            panic!("refused");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["month", "contacts", "hours", "people", "families", "areas", "note"]
        );
        assert!(
            errors[5].message.contains("Garten"),
            "{}",
            errors[5].message
        );
    }

    #[test]
    fn a_retired_area_is_not_offered() {
        let mut list = areas();
        list[4].active = false;
        let input = ActivityInput {
            month: "2026-11".into(),
            contacts: "1".into(),
            areas: vec!["Sonstiges".into()],
            ..Default::default()
        };
        assert!(check(&input, &list, d("2026-12-02")).is_err());
        assert!(check_area_name("wohnen", &list, None).is_err());
        assert_eq!(
            check_area_name(" Gesundheit ", &list, None).unwrap(),
            "Gesundheit"
        );
        assert_eq!(check_area_name("Wohnen", &list, Some(1)).unwrap(), "Wohnen");
    }

    #[test]
    fn the_gate_asks_for_a_record_or_a_waiver_of_paid_lines_only() {
        assert!(missing_record(true, 13_000, false, false));
        assert!(!missing_record(true, 13_000, true, false));
        assert!(!missing_record(true, 13_000, false, true));
        assert!(!missing_record(true, 0, false, false));
        assert!(!missing_record(false, 13_000, false, false));
    }

    #[test]
    fn pilots_without_activity_for_three_months_are_due() {
        let pilots: Vec<(i64, String)> = [(1, "Aktiv, A"), (2, "Still, A"), (3, "Neu, A")]
            .map(|(id, name)| (id, name.to_string()))
            .into();
        let change = |on: &str| StatusChange {
            status: Status::Active,
            effective_on: d(on),
            note: String::new(),
            who: String::new(),
            seq: 0,
        };
        let timeline = |on: &str| {
            let data = crate::domain::record::LifecycleData {
                history: vec![change(on)],
                ..Default::default()
            };
            let settings = SettingsHistory::fixed(Default::default());
            Timeline::build(&data, None, |_| None, &settings)
        };
        let histories = HashMap::from([
            (1, timeline("2025-01-01")),
            (2, timeline("2025-01-01")),
            (3, timeline("2026-10-15")),
        ]);
        let m = |s: &str| Month::parse(s).unwrap();
        let last = HashMap::from([(1, m("2026-10")), (2, m("2026-08"))]);
        let today = d("2026-12-02");
        let from = inactivity_from(Some(m("2026-01")), 3, today).unwrap();
        assert_eq!(
            from,
            m("2026-09"),
            "the three complete months before December"
        );
        let active = |id| {
            histories
                .get(&id)
                .is_some_and(|t: &Timeline| t.active_throughout(from.first_day(), today))
        };
        let items = inactive_items(&pilots, active, &last, from, 3);
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(items[0].pilot_id, 2);
        assert!(
            items[0].label.contains("letzte Tätigkeit August 2026"),
            "{}",
            items[0].label
        );
        // Before records were kept, and with the item turned off, nobody is named.
        assert_eq!(inactivity_from(Some(m("2026-10")), 3, today), None);
        assert_eq!(inactivity_from(None, 3, today), None);
        assert_eq!(inactivity_from(Some(m("2026-01")), 0, today), None);
    }
}
