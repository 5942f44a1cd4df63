//! Input as people type it, parsed once for the command line and the app. Every error names the
//! field it belongs to (the code name the UI shows it at) and says in German what is expected.

use chrono::NaiveDate;

use crate::db::ExportKind;
use crate::domain::allowance::Month;
use crate::domain::money::{self, Cents};
use crate::domain::pilot::{self, Status};
use crate::error::{Error, Result};
use crate::io::export::Format;

/// A required date, "TT.MM.JJJJ" or "JJJJ-MM-TT". `label` is the German field label.
pub fn date(field: &str, label: &str, text: &str) -> Result<NaiveDate> {
    pilot::parse_date(text).ok_or_else(|| {
        Error::field(
            field,
            format!(
                "„{label}“ ist kein gültiges Datum (TT.MM.JJJJ): „{}“.",
                text.trim()
            ),
        )
    })
}

/// An optional date: empty means none.
pub fn optional_date(field: &str, label: &str, text: Option<&str>) -> Result<Option<NaiveDate>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => date(field, label, t).map(Some),
    }
}

/// An amount in euros, read strictly ("1.234,56", "1234,56", "1234", "46.800"); anything
/// ambiguous ("1.000.00", "12.34,00", "46.80", ",") is refused, never guessed.
pub fn euros(field: &str, label: &str, text: &str) -> Result<Cents> {
    money::parse_euros(text).ok_or_else(|| {
        Error::field(
            field,
            format!(
                "„{label}“: „{}“ ist kein eindeutiger Betrag; bitte z. B. 1.234,56 oder 1234 eingeben.",
                text.trim()
            ),
        )
    })
}

/// A month "JJJJ-MM" (also "MM/JJJJ" and "MM.JJJJ").
/// A value typed for setting `key`, read as strictly as its kind: euros as [`euros`], whole
/// numbers without signs or decimals, the choices by code or German word; German errors name the key.
pub fn setting_value(key: &crate::domain::settings::Key, text: &str) -> Result<serde_json::Value> {
    use crate::domain::settings::Kind;
    let t = text.trim();
    let wrong = |what: &str| Error::field("value", format!("{}: „{t}“ ist {what}.", key.key));
    Ok(match key.kind {
        Kind::Amount => serde_json::json!(euros("value", key.key, t)?.0),
        Kind::Number => {
            if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) || t.len() > 6 {
                return Err(wrong("keine ganze Zahl"));
            }
            serde_json::json!(t.parse::<u32>().map_err(|_| wrong("keine ganze Zahl"))?)
        }
        Kind::PartialMonth => serde_json::json!(match t.to_lowercase().as_str() {
            "pro_rata" | "anteilig" | "anteilig nach tagen" => "pro_rata",
            "full_month_if_any_day" | "voller monat" => "full_month_if_any_day",
            "nothing_for_partial" | "nichts" => "nothing_for_partial",
            _ =>
                return Err(wrong(
                    "keine Wahl; möglich: pro_rata, full_month_if_any_day, nothing_for_partial"
                )),
        }),
        Kind::Timing => serde_json::json!(match t.to_lowercase().as_str() {
            "in_arrears" | "nachträglich" => "in_arrears",
            "in_advance" | "im voraus" => "in_advance",
            _ => return Err(wrong("keine Wahl; möglich: in_arrears, in_advance")),
        }),
        Kind::Text => serde_json::json!(t),
        Kind::Bool => serde_json::json!(match t.to_lowercase().as_str() {
            "true" | "ja" | "an" | "1" => true,
            "false" | "nein" | "aus" | "0" => false,
            _ => return Err(wrong("keine Wahl; möglich: true, false (ja, nein)")),
        }),
    })
}

pub fn month(field: &str, text: &str) -> Result<Month> {
    let t = text.trim();
    let iso = match t.split_once(['/', '.']) {
        Some((m, y)) if m.len() <= 2 && y.len() == 4 => format!("{y}-{m:0>2}"),
        _ => t.to_string(),
    };
    Month::parse(&iso).ok_or_else(|| {
        Error::field(
            field,
            format!("Monat „{t}“ ist ungültig; erwartet JJJJ-MM (z. B. 2026-11)."),
        )
    })
}

/// A `--today` / `LOTSEN_TODAY` value (ISO only: it is for scripts and tests).
pub fn today(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::field(
            "today",
            format!("Datum „{text}“ ist ungültig; erwartet JJJJ-MM-TT."),
        )
    })
}

/// A pilot status: the code ("active") or the German label ("Aktiv"), any case and spacing;
/// unknown words are refused with the statuses there are.
pub fn status(field: &str, text: &str) -> Result<Status> {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Status::parse(&words).ok_or_else(|| {
        Error::field(
            field,
            format!(
                "Status „{}“ ist unbekannt; möglich: {}.",
                text.trim(),
                Status::ALL.map(|s| s.label()).join(", ")
            ),
        )
    })
}

/// Which list an export writes: "pilots", "coverage" or "payments".
pub fn export_kind(field: &str, text: &str) -> Result<ExportKind> {
    ExportKind::parse(text.trim()).ok_or_else(|| {
        Error::field(
            field,
            format!(
                "„{}“ gibt es nicht: pilots, coverage oder payments.",
                text.trim()
            ),
        )
    })
}

/// The file format of an export: "csv" or "xlsx".
pub fn export_format(field: &str, text: &str) -> Result<Format> {
    Format::parse(text).ok_or_else(|| {
        Error::field(
            field,
            format!("Format „{}“ gibt es nicht: csv oder xlsx.", text.trim()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(e: Error) -> String {
        match e {
            Error::Validation(fields) => fields[0].field.clone(),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn dates_german_and_iso() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(date("on", "Wirksam ab", "26.11.2026").unwrap(), d);
        assert_eq!(date("on", "Wirksam ab", " 2026-11-26 ").unwrap(), d);
        for bad in ["", "31.02.2026", "2026-13-01", "26.11.26x", "morgen"] {
            let e = date("effective_on", "Wirksam ab", bad).unwrap_err();
            assert_eq!(field_of(e), "effective_on", "{bad}");
        }
        assert_eq!(optional_date("x", "X", Some("  ")).unwrap(), None);
        assert_eq!(optional_date("x", "X", None).unwrap(), None);
    }

    #[test]
    fn euros_strict() {
        for (text, cents) in [
            ("1.234,56", 123_456),
            ("1234,56", 123_456),
            ("1234", 123_400),
            ("46.800", 4_680_000),
            ("46.800,00", 4_680_000),
            ("130,5", 13_050),
            ("130,00 €", 13_000),
            ("-12,50", -1250),
            ("1.000.000", 100_000_000),
        ] {
            assert_eq!(
                euros("amount", "Betrag", text).unwrap(),
                Cents(cents),
                "{text}"
            );
        }
        for bad in [
            "1.000.00", "12.34,00", "46.80", ",", "", "abc", "1,234,5", "12,345", "1e5", "€",
            "46800.50", "1.2345", ".5", "1.23.456", "--5", "12 34",
        ] {
            let e = euros("amount", "Betrag", bad).unwrap_err();
            assert_eq!(field_of(e), "amount", "{bad}");
        }
    }

    #[test]
    fn months() {
        assert_eq!(month("month", "2026-11").unwrap().to_string(), "2026-11");
        assert_eq!(month("month", "11/2026").unwrap().to_string(), "2026-11");
        assert_eq!(month("month", "3.2027").unwrap().to_string(), "2027-03");
        assert!(month("month", "2026-13").is_err());
        assert!(month("month", "Nov").is_err());
    }

    #[test]
    fn statuses_and_export_choices() {
        assert_eq!(status("status", "Aktiv").unwrap(), Status::Active);
        assert_eq!(
            status("status", " in_qualification ").unwrap(),
            Status::InQualification
        );
        assert_eq!(field_of(status("status", "aktivv").unwrap_err()), "status");
        assert_eq!(
            export_kind("kind", "payments").unwrap(),
            ExportKind::Payments
        );
        assert_eq!(
            field_of(export_kind("kind", "zahlungen").unwrap_err()),
            "kind"
        );
        assert_eq!(export_format("format", "XLSX").unwrap(), Format::Xlsx);
        assert_eq!(
            field_of(export_format("format", "pdf").unwrap_err()),
            "format"
        );
    }
}
