//! German calendar words and date formats used by rules, documents and the edges.

use chrono::NaiveDate;

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
