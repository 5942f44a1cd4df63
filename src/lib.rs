//! Lotsenbüro core: the rules and the store for the volunteer integration pilots programme.
//! Knows nothing of the desktop shell; the app and the `lotsen` command line both call this API.

pub mod allowance;
pub mod budget;
pub mod coverage;
pub mod demo;
pub mod documents;
pub mod error;
pub mod export;
pub mod iban;
pub mod import;
pub mod lifecycle;
pub mod money;
pub mod pilot;
pub mod record;
pub mod reference;
pub mod register;
pub mod retention;
pub mod screening;
pub mod settings;
pub mod store;
pub mod training;

pub use error::{Error, FieldError, Result};
pub use pilot::{Duplicate, Pilot, PilotInput, Status};
pub use register::{PilotQuery, SortKey};
pub use store::Store;

use chrono::NaiveDate;

/// The date the rules use: `LOTSEN_TODAY` (YYYY-MM-DD) if set, else the local calendar date.
/// Read only at the edge (app start, command line), never inside rules.
pub fn today_from_env() -> Result<NaiveDate> {
    match std::env::var("LOTSEN_TODAY") {
        Ok(s) if !s.trim().is_empty() => parse_today(&s),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

/// Parses a `--today` / `LOTSEN_TODAY` value.
pub fn parse_today(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::field(
            "today",
            format!("Datum „{s}“ ist ungültig; erwartet JJJJ-MM-TT."),
        )
    })
}

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
