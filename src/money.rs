//! Money: integer cents, shown the German way ("1.234,56 €").

use serde::{Deserialize, Serialize};

/// An amount in euro cents. Never a float.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Cents(pub i64);

impl std::fmt::Display for Cents {
    /// "1.234,56 €", "-12,50 €".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let euros = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in euros.chars().enumerate() {
            if i > 0 && (euros.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(c);
        }
        write!(f, "{sign}{grouped},{:02} €", abs % 100)
    }
}

/// Parses euros as people type them: "46.800,00", "46800", "46800.5", "130,00 €", "1.234".
/// Returns `None` for anything else (letters, more than two decimals, empty).
pub fn parse_euros(text: &str) -> Option<Cents> {
    let t = text.trim().trim_end_matches('€').trim().replace(' ', "");
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, t),
    };
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    // German: "," is the decimal mark and "." groups thousands. Without a comma, a single "."
    // followed by one or two digits is read as a decimal point ("46800.5"), otherwise as grouping.
    let (int, frac) = if let Some((i, f)) = t.rsplit_once(',') {
        (i.replace('.', ""), f.to_string())
    } else if let Some((i, f)) = t
        .rsplit_once('.')
        .filter(|(_, f)| f.len() <= 2 && t.matches('.').count() == 1)
    {
        (i.to_string(), f.to_string())
    } else {
        (t.replace('.', ""), String::new())
    };
    if int.contains(',') || frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let int: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let frac: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    let cents = int.checked_mul(100)?.checked_add(frac)?;
    Some(Cents(if negative { -cents } else { cents }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_german() {
        assert_eq!(Cents(123_456).to_string(), "1.234,56 €");
        assert_eq!(Cents(13_000).to_string(), "130,00 €");
        assert_eq!(Cents(5).to_string(), "0,05 €");
        assert_eq!(Cents(-1250).to_string(), "-12,50 €");
        assert_eq!(Cents(4_680_000).to_string(), "46.800,00 €");
        assert_eq!(Cents(100_000_000).to_string(), "1.000.000,00 €");
    }

    #[test]
    fn parse() {
        assert_eq!(parse_euros("46.800,00"), Some(Cents(4_680_000)));
        assert_eq!(parse_euros("46800"), Some(Cents(4_680_000)));
        assert_eq!(parse_euros("130,5"), Some(Cents(13_050)));
        assert_eq!(parse_euros("130,00 €"), Some(Cents(13_000)));
        assert_eq!(parse_euros("46800.50"), Some(Cents(4_680_050)));
        assert_eq!(parse_euros("1.234"), Some(Cents(123_400)));
        assert_eq!(parse_euros("-12,50"), Some(Cents(-1250)));
        for bad in ["", "abc", "1,234,5", "12,345", "1e5", "€"] {
            assert_eq!(parse_euros(bad), None, "{bad}");
        }
    }
}
