//! The figures of the yearly reports (docs/DOMAIN.md#reports), as plain functions over stored data:
//! the Verwendungsnachweis of a budget year, the Jahresbescheinigung of a pilot and the Jahresbericht
//! for the integration network. Only paid runs count as payments.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::activity::ActivityRecord;
use crate::domain::allowance::Month;
use crate::domain::coverage::MonthPoint;
use crate::domain::dates::format_date;
use crate::domain::pilot::{Pilot, Status};
use crate::domain::reconcile::{ClaimBack, Settlement};
use crate::domain::record::LifecycleData;
use crate::domain::run::{Budget, Run, RunState};

/// One payment of the Belegliste or of a certificate: a line of a paid run with a positive net.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Payment {
    pub statement_number: String,
    /// The month the allowance is for, "2026-11".
    pub month: String,
    pub pilot_id: i64,
    /// The account holder paid (the pilot's name when none is given).
    pub payee: String,
    pub paid_on: NaiveDate,
    pub amount_cents: i64,
    /// Of `amount_cents`, corrections of earlier months booked into this line (+ Nachzahlung, − Verrechnung).
    pub corrections_cents: i64,
    pub budget_line: String,
}

/// The payments of paid runs: every line with a positive net, in the order of the runs' months and
/// their statement numbers.
pub fn payments(runs: &[Run], budget_line: &str) -> Vec<Payment> {
    let mut out: Vec<Payment> = runs
        .iter()
        .filter(|r| r.state == RunState::Paid)
        .flat_map(|r| {
            let paid_on = r.paid_on.expect("a paid run has its payment date");
            r.lines
                .iter()
                .filter(|l| l.net_cents > 0)
                .map(move |l| Payment {
                    statement_number: l.statement_number.clone().unwrap_or_default(),
                    month: r.month.clone(),
                    pilot_id: l.pilot_id,
                    payee: if l.account_holder.trim().is_empty() {
                        l.name.clone()
                    } else {
                        l.account_holder.clone()
                    },
                    paid_on,
                    amount_cents: l.net_cents,
                    corrections_cents: l.corrections_cents,
                    budget_line: budget_line.to_string(),
                })
        })
        .collect();
    out.sort_by(|a, b| (&a.month, &a.statement_number).cmp(&(&b.month, &b.statement_number)));
    out
}

/// One month of the zahlenmäßiger Nachweis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct GrantMonth {
    pub month: String,
    /// "November 2026".
    pub label: String,
    /// `None`: no run for the month.
    pub state: Option<RunState>,
    pub paid_on: Option<NaiveDate>,
    pub payments: usize,
    /// Paid (positive nets of the paid run).
    pub paid_cents: i64,
    /// Nachzahlungen booked into the month's lines (positive corrections).
    pub back_pay_cents: i64,
    /// Rückforderungen and offsets booked into the month's lines (negative corrections, as a positive number).
    pub deducted_cents: i64,
    /// Claimed back (negative nets), as a positive number.
    pub claim_back_cents: i64,
    /// Approved, not yet paid (not counted as spent).
    pub approved_unpaid_cents: i64,
}

/// The Verwendungsnachweis of a budget year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct GrantReport {
    pub year: i32,
    pub budget: Option<Budget>,
    pub months: Vec<GrantMonth>,
    /// Paid in the year's runs.
    pub paid_cents: i64,
    pub back_pay_cents: i64,
    pub deducted_cents: i64,
    /// Claim-backs of the year's runs: still open, repaid, offset, waived.
    pub claims_open_cents: i64,
    pub claims_repaid_cents: i64,
    pub claims_offset_cents: i64,
    pub claims_waived_cents: i64,
    /// Spent = paid − repaid claim-backs (money back in the county's account).
    pub spent_cents: i64,
    /// Grant − spent (`None` without a budget).
    pub remaining_cents: Option<i64>,
    pub approved_unpaid_cents: i64,
    pub claims: Vec<ClaimBack>,
    pub payments: Vec<Payment>,
}

/// The Verwendungsnachweis of `year` from that year's runs and every claim-back.
pub fn grant_report(
    year: i32,
    budget: Option<Budget>,
    runs: &[Run],
    claims: &[ClaimBack],
) -> GrantReport {
    let line = budget
        .as_ref()
        .map(|b| b.budget_line.clone())
        .unwrap_or_default();
    let by_month: HashMap<&str, &Run> = runs.iter().map(|r| (r.month.as_str(), r)).collect();
    let months: Vec<GrantMonth> = (1..=12)
        .map(|m| {
            let month = Month { year, month: m };
            let key = month.to_string();
            let run = by_month.get(key.as_str()).copied();
            let paid = run.is_some_and(|r| r.state == RunState::Paid);
            let approved = run.is_some_and(|r| r.state != RunState::Draft);
            let lines = run
                .filter(|_| approved)
                .map(|r| r.lines.as_slice())
                .unwrap_or(&[]);
            let positive: i64 = lines.iter().map(|l| l.net_cents.max(0)).sum();
            GrantMonth {
                label: month.label(),
                state: run.map(|r| r.state),
                paid_on: run.and_then(|r| r.paid_on),
                payments: if paid {
                    lines.iter().filter(|l| l.net_cents > 0).count()
                } else {
                    0
                },
                paid_cents: if paid { positive } else { 0 },
                back_pay_cents: lines.iter().map(|l| l.corrections_cents.max(0)).sum(),
                deducted_cents: lines.iter().map(|l| (-l.corrections_cents).max(0)).sum(),
                claim_back_cents: lines.iter().map(|l| (-l.net_cents).max(0)).sum(),
                approved_unpaid_cents: if approved && !paid { positive } else { 0 },
                month: key,
            }
        })
        .collect();
    let prefix = format!("{year:04}-");
    let claims: Vec<ClaimBack> = claims
        .iter()
        .filter(|c| c.month.starts_with(&prefix))
        .cloned()
        .collect();
    let claims_with = |s: Option<Settlement>| -> i64 {
        claims
            .iter()
            .filter(|c| c.settled == s)
            .map(|c| c.amount_cents)
            .sum()
    };
    let sum = |f: fn(&GrantMonth) -> i64| months.iter().map(f).sum::<i64>();
    let paid_cents = sum(|m| m.paid_cents);
    let claims_repaid_cents = claims_with(Some(Settlement::Repaid));
    let spent_cents = paid_cents - claims_repaid_cents;
    GrantReport {
        year,
        remaining_cents: budget.as_ref().map(|b| b.amount_cents - spent_cents),
        budget,
        paid_cents,
        back_pay_cents: sum(|m| m.back_pay_cents),
        deducted_cents: sum(|m| m.deducted_cents),
        claims_open_cents: claims_with(None),
        claims_repaid_cents,
        claims_offset_cents: claims_with(Some(Settlement::Offset)),
        claims_waived_cents: claims_with(Some(Settlement::Waived)),
        spent_cents,
        approved_unpaid_cents: sum(|m| m.approved_unpaid_cents),
        payments: payments(runs, &line),
        months,
        claims,
    }
}

/// The due date of the Verwendungsnachweis of `year`: `months` after the end of the grant period
/// (the budget year), on the last day of that month (6 → 30 June of the next year).
pub fn grant_due_date(year: i32, months: u32) -> NaiveDate {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).expect("valid year");
    let first_after = end + chrono::Days::new(1);
    let due_month = first_after + chrono::Months::new(months);
    due_month - chrono::Days::new(1)
}

/// The due-list entries of the Verwendungsnachweis: for each budget year, from `notice_weeks` before
/// its due date up to the due date (pilot 0: it concerns no pilot; the entry opens the Berichte).
pub fn grant_due_items(
    budget_years: &[i32],
    today: NaiveDate,
    due_months: u32,
    notice_weeks: u32,
) -> Vec<crate::domain::record::DueItem> {
    budget_years
        .iter()
        .filter_map(|&year| {
            let due = grant_due_date(year, due_months);
            let from = due - chrono::Days::new(7 * u64::from(notice_weeks));
            (from <= today && today <= due).then(|| crate::domain::record::DueItem {
                pilot_id: 0,
                name: String::new(),
                kind: "grant_proof_due",
                label: format!(
                    "Verwendungsnachweis {year} fällig am {}",
                    crate::domain::dates::format_date(due)
                ),
                date: due,
            })
        })
        .collect()
}

/// The Jahresbescheinigung of one pilot: every payment received in the calendar year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Certificate {
    pub year: i32,
    pub pilot_id: i64,
    pub name: String,
    pub payments: Vec<Payment>,
    pub total_cents: i64,
}

/// One certificate per pilot who received a payment in `year` (by the date paid, the month of
/// receipt), in the order of `names`; pilots without a payment get none. `runs` may hold runs of
/// any year (December is often paid in January).
pub fn certificates(year: i32, runs: &[Run], names: &[(i64, String)]) -> Vec<Certificate> {
    let mut by_pilot: HashMap<i64, Vec<Payment>> = HashMap::new();
    for p in payments(runs, "") {
        if p.paid_on.year() == year {
            by_pilot.entry(p.pilot_id).or_default().push(p);
        }
    }
    names
        .iter()
        .filter_map(|(id, name)| {
            let mut payments = by_pilot.remove(id)?;
            payments.sort_by(|a, b| (a.paid_on, &a.month).cmp(&(b.paid_on, &b.month)));
            Some(Certificate {
                year,
                pilot_id: *id,
                name: name.clone(),
                total_cents: payments.iter().map(|p| p.amount_cents).sum(),
                payments,
            })
        })
        .collect()
}

/// A course session held in the year and who attended it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub course: String,
    pub held_on: NaiveDate,
    pub attendees: Vec<i64>,
}

/// One row of the courses table of the Jahresbericht.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CourseFigures {
    pub course: String,
    pub sessions: usize,
    /// Different pilots who attended at least one session.
    pub participants: usize,
    /// Attendances (pilot × session).
    pub attendances: usize,
}

/// One task area of the Jahresbericht.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AreaFigures {
    pub area: String,
    /// Records (pilot × month) naming the area.
    pub records: usize,
    /// Contacts of those records.
    pub contacts: i64,
}

/// One month of the Jahresbericht: pilots Aktiv at the month end per district, and the activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AnnualMonth {
    pub month: String,
    pub label: String,
    /// Per district, in the order of [`AnnualReport::districts`].
    pub active: Vec<usize>,
    pub active_total: usize,
    pub records: usize,
    pub contacts: i64,
    pub people: i64,
    pub families: i64,
}

/// The Jahresbericht for the integration network (anonymous: counts only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AnnualReport {
    pub year: i32,
    pub districts: Vec<String>,
    pub months: Vec<AnnualMonth>,
    /// Pilots whose first status entry lies in the year.
    pub recruited: usize,
    /// Pilots who became Qualifiziert in the year.
    pub qualified: usize,
    /// Pilots appointed (first time Aktiv) in the year.
    pub appointed: usize,
    /// Pilots who left (Ausgeschieden) in the year.
    pub left: usize,
    pub courses: Vec<CourseFigures>,
    pub areas: Vec<AreaFigures>,
    pub records: usize,
    pub contacts: i64,
    /// Hours of the records that give them, in minutes.
    pub minutes: i64,
    pub people: i64,
    pub families: i64,
    /// Eligible pilots per district at each month end of the year (up to the report date).
    pub coverage: Vec<MonthPoint>,
}

/// What the Jahresbericht of a year is computed from. `areas` are the task areas' names in their
/// order.
pub struct AnnualFacts<'a> {
    pub pilots: &'a [Pilot],
    pub data: &'a HashMap<i64, LifecycleData>,
    pub districts: &'a [String],
    pub activity: &'a [ActivityRecord],
    pub sessions: &'a [SessionRow],
    pub areas: &'a [String],
    /// The report's day: months that begin after it are left out, and a month running on it is counted
    /// on that day (never a month end still to come).
    pub until: NaiveDate,
}

/// The Jahresbericht of `year`; `coverage` comes from the coverage rules.
pub fn annual_report(year: i32, facts: AnnualFacts<'_>, coverage: Vec<MonthPoint>) -> AnnualReport {
    let AnnualFacts {
        pilots,
        data,
        districts,
        activity,
        sessions,
        areas,
        until,
    } = facts;
    let empty = LifecycleData::default();
    let in_year = |d: NaiveDate| d.year() == year;
    let (mut recruited, mut qualified, mut appointed, mut left) = (0, 0, 0, 0);
    for p in pilots {
        let h = &data.get(&p.id).unwrap_or(&empty).history;
        if h.first().is_some_and(|c| in_year(c.effective_on)) {
            recruited += 1;
        }
        let first = |s: Status| h.iter().find(|c| c.status == s).map(|c| c.effective_on);
        if first(Status::Qualified).is_some_and(in_year) {
            qualified += 1;
        }
        if first(Status::Active).is_some_and(in_year) {
            appointed += 1;
        }
        if h.iter()
            .any(|c| c.status == Status::Left && in_year(c.effective_on))
        {
            left += 1;
        }
    }
    let months: Vec<AnnualMonth> = (1..=12)
        .map(|m| Month { year, month: m })
        .filter(|month| month.first_day() <= until)
        .map(|month| {
            let end = month.last_day().min(until);
            let mut active = vec![0; districts.len()];
            for p in pilots {
                let d = data.get(&p.id).unwrap_or(&empty);
                if crate::domain::lifecycle::status_on(&d.history, end) != Some(Status::Active) {
                    continue;
                }
                if let Some(i) = d
                    .district_on(p.district.as_deref(), end)
                    .and_then(|n| districts.iter().position(|x| *x == n))
                {
                    active[i] += 1;
                }
            }
            let key = month.to_string();
            let rows: Vec<&ActivityRecord> = activity.iter().filter(|a| a.month == key).collect();
            AnnualMonth {
                label: if end < month.last_day() {
                    format!("{} (Stand {})", month.label(), format_date(end))
                } else {
                    month.label()
                },
                active_total: active.iter().sum(),
                active,
                records: rows.len(),
                contacts: rows.iter().map(|a| i64::from(a.contacts)).sum(),
                people: rows.iter().map(|a| i64::from(a.people)).sum(),
                families: rows.iter().map(|a| i64::from(a.families)).sum(),
                month: key,
            }
        })
        .collect();
    let prefix = format!("{year:04}-");
    let activity: Vec<&ActivityRecord> = activity
        .iter()
        .filter(|a| a.month.starts_with(&prefix))
        .collect();
    let mut courses: BTreeMap<String, (usize, std::collections::BTreeSet<i64>, usize)> =
        BTreeMap::new();
    for s in sessions.iter().filter(|s| in_year(s.held_on)) {
        let c = courses.entry(s.course.clone()).or_default();
        c.0 += 1;
        c.1.extend(s.attendees.iter().copied());
        c.2 += s.attendees.len();
    }
    AnnualReport {
        year,
        districts: districts.to_vec(),
        months,
        recruited,
        qualified,
        appointed,
        left,
        courses: courses
            .into_iter()
            .map(|(course, (sessions, people, attendances))| CourseFigures {
                course,
                sessions,
                participants: people.len(),
                attendances,
            })
            .collect(),
        areas: areas
            .iter()
            .map(|area| {
                let with: Vec<&&ActivityRecord> =
                    activity.iter().filter(|a| a.areas.contains(area)).collect();
                AreaFigures {
                    area: area.clone(),
                    records: with.len(),
                    contacts: with.iter().map(|a| i64::from(a.contacts)).sum(),
                }
            })
            .collect(),
        records: activity.len(),
        contacts: activity.iter().map(|a| i64::from(a.contacts)).sum(),
        minutes: activity
            .iter()
            .filter_map(|a| a.minutes.map(i64::from))
            .sum(),
        people: activity.iter().map(|a| i64::from(a.people)).sum(),
        families: activity.iter().map(|a| i64::from(a.families)).sum(),
        coverage,
    }
}

/// The editable text sections of the Sachbericht, in their order: key and heading.
pub const SACHBERICHT_SECTIONS: [(&str, &str); 4] = [
    ("goals", "Ziele und Ausgangslage"),
    ("work", "Durchführung"),
    ("results", "Ergebnisse und Wirkung"),
    ("outlook", "Ausblick"),
];

/// One text section of the Sachbericht of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct TextSection {
    pub key: String,
    pub heading: String,
    pub text: String,
}

/// The sections of a year: the stored texts, an empty text where none is stored.
pub fn text_sections(stored: &HashMap<String, String>) -> Vec<TextSection> {
    SACHBERICHT_SECTIONS
        .iter()
        .map(|(key, heading)| TextSection {
            key: key.to_string(),
            heading: heading.to_string(),
            text: stored.get(*key).cloned().unwrap_or_default(),
        })
        .collect()
}

/// The figures paragraph of the Sachbericht draft, filled in from the year's reports.
pub fn sachbericht_figures(grant: &GrantReport, annual: &AnnualReport) -> String {
    use crate::domain::money::Cents;
    let active_max = annual
        .months
        .iter()
        .map(|m| m.active_total)
        .max()
        .unwrap_or(0);
    let pilots_paid = grant
        .payments
        .iter()
        .map(|p| p.pilot_id)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let grant_text = match &grant.budget {
        Some(b) => format!(
            "Von der Zuwendung über {} wurden {} verausgabt; es verbleiben {}.",
            Cents(b.amount_cents),
            Cents(grant.spent_cents),
            Cents(b.amount_cents - grant.spent_cents)
        ),
        None => format!("Verausgabt wurden {}.", Cents(grant.spent_cents)),
    };
    format!(
        "Im Jahr {year} waren bis zu {active_max} Integrationslotsinnen und -lotsen gleichzeitig aktiv; \
         {pilots_paid} erhielten eine Aufwandsentschädigung ({n} Zahlungen). {grant_text} \
         Neu gewonnen wurden {rec}, qualifiziert {qual}, berufen {app}; ausgeschieden sind {left}. \
         Erfasst wurden {contacts} Einsätze und Kontakte in {records} Tätigkeitsnachweisen; unterstützt \
         wurden {people} Personen und {families} Familien.",
        year = grant.year,
        n = grant.payments.len(),
        rec = annual.recruited,
        qual = annual.qualified,
        app = annual.appointed,
        left = annual.left,
        contacts = annual.contacts,
        records = annual.records,
        people = annual.people,
        families = annual.families,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grant_proof_is_due_six_months_after_the_budget_year() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(grant_due_date(2026, 6), d("2027-06-30"));
        assert_eq!(grant_due_date(2026, 2), d("2027-02-28"));
        assert_eq!(grant_due_date(2026, 0), d("2026-12-31"));
    }

    #[test]
    fn the_grant_proof_is_on_the_due_list_from_eight_weeks_before() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(grant_due_items(&[2026], d("2027-05-04"), 6, 8).is_empty());
        let items = grant_due_items(&[2025, 2026], d("2027-05-05"), 6, 8);
        assert_eq!(items.len(), 1);
        assert_eq!(
            items[0].label,
            "Verwendungsnachweis 2026 fällig am 30.06.2027"
        );
        assert_eq!(grant_due_items(&[2026], d("2027-06-30"), 6, 8).len(), 1);
        assert!(grant_due_items(&[2026], d("2027-07-01"), 6, 8).is_empty());
    }
}
