//! German calendar words and date formats used by rules, documents and the edges.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

/// German month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// German date format DD.MM.YYYY.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The last Sunday of `month` in `year`.
fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .expect("valid month");
    let last = next.pred_opt().expect("valid date");
    last - Duration::days(i64::from(last.weekday().num_days_from_sunday()))
}

/// The local date in Germany (Europe/Berlin: CET, CEST from the last Sunday of March 01:00 UTC to
/// the last Sunday of October 01:00 UTC) of a UTC instant. Documents print this date, never the
/// UTC day: an approval at 00:30 on 01.12. local time is 23:30 UTC on 30.11.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    let year = at.year();
    let summer_from = last_sunday(year, 3)
        .and_hms_opt(1, 0, 0)
        .expect("time")
        .and_utc();
    let summer_to = last_sunday(year, 10)
        .and_hms_opt(1, 0, 0)
        .expect("time")
        .and_utc();
    let offset = if at >= summer_from && at < summer_to {
        2
    } else {
        1
    };
    (at + Duration::hours(offset)).date_naive()
}

/// [`local_date`] of a stored RFC 3339 timestamp; `None` when it is not one.
pub fn local_date_of(stamp: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(stamp.trim())
        .ok()
        .map(|t| local_date(t.with_timezone(&Utc)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn local_dates_in_winter_and_summer() {
        // 00:30 on 01.12. in Halberstadt is 23:30 UTC the day before.
        assert_eq!(
            local_date(at("2026-11-30T23:30:00Z")).to_string(),
            "2026-12-01"
        );
        assert_eq!(
            local_date(at("2026-11-30T22:59:59Z")).to_string(),
            "2026-11-30"
        );
        // Summer time: 22:30 UTC on 30.06. is 00:30 on 01.07.
        assert_eq!(
            local_date(at("2026-06-30T22:30:00Z")).to_string(),
            "2026-07-01"
        );
        // The switches of 2026: 29 March and 25 October, at 01:00 UTC.
        assert_eq!(last_sunday(2026, 3).to_string(), "2026-03-29");
        assert_eq!(last_sunday(2026, 10).to_string(), "2026-10-25");
        assert_eq!(
            local_date(at("2026-03-28T23:30:00Z")).to_string(),
            "2026-03-29"
        );
        assert_eq!(
            local_date(at("2026-10-24T22:30:00Z")).to_string(),
            "2026-10-25"
        );
        assert_eq!(
            local_date_of("2026-11-30T23:30:00Z").unwrap().to_string(),
            "2026-12-01"
        );
        assert_eq!(local_date_of("kaputt"), None);
    }
}
