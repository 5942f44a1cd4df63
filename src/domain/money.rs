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
        write!(f, "{sign}{},{:02} €", grouped(abs / 100), abs % 100)
    }
}

/// A whole number the German way, thousands grouped by a dot: "12.000", "420".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Parses euros as people type them, strictly: "1.234,56", "1234,56", "1234", "46.800", "130,00 €",
/// "-12,50". The comma is the decimal mark (one or two digits after it); a dot only groups
/// thousands, in groups of exactly three. Anything ambiguous ("1.000.00", "12.34,00", "46.80",
/// ",") is `None`: refused, never guessed.
pub fn parse_euros(text: &str) -> Option<Cents> {
    let t = text.trim().trim_end_matches('€').trim();
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t),
    };
    let (int, frac) = match t.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut groups = int.split('.');
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    if !digits(first) || (!rest.is_empty() && first.len() > 3) {
        return None;
    }
    if !rest.iter().all(|g| g.len() == 3 && digits(g)) {
        return None;
    }
    let frac = match frac {
        None => 0,
        Some(f) if (1..=2).contains(&f.len()) && digits(f) => format!("{f:0<2}").parse().ok()?,
        Some(_) => return None,
    };
    let int: i64 = format!("{first}{}", rest.concat()).parse().ok()?;
    let cents = int.checked_mul(100)?.checked_add(frac)?;
    Some(Cents(if negative { -cents } else { cents }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_group_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(420), "420");
        assert_eq!(grouped(1000), "1.000");
        assert_eq!(grouped(12000), "12.000");
        assert_eq!(grouped(1234567), "1.234.567");
    }

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
        assert_eq!(parse_euros("46800.50"), None);
        assert_eq!(parse_euros("1.234"), Some(Cents(123_400)));
        assert_eq!(parse_euros("-12,50"), Some(Cents(-1250)));
        for bad in [
            "", "abc", "1,234,5", "12,345", "1e5", "€", "1.000.00", "12.34,00", "46.80", ",",
        ] {
            assert_eq!(parse_euros(bad), None, "{bad}");
        }
    }
}
