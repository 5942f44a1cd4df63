//! IBAN check (ISO 13616: country length and mod 97) and display in groups of four.

/// Length of an IBAN per country (SWIFT IBAN registry).
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BR", 29),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NL", 18),
    ("NO", 15),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("SA", 24),
    ("SC", 31),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
];

/// Removes spaces and upper-cases: the form in which an IBAN is stored.
pub fn normalize(iban: &str) -> String {
    iban.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Checks a (normalised) IBAN; `Err` holds the German reason.
pub fn check(iban: &str) -> Result<(), String> {
    if iban.len() < 5 || !iban.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err("IBAN ist ungültig: nur Buchstaben und Ziffern, mindestens 5 Zeichen.".into());
    }
    let country = &iban[..2];
    if !country.chars().all(|c| c.is_ascii_uppercase())
        || !iban[2..4].chars().all(|c| c.is_ascii_digit())
    {
        return Err(
            "IBAN ist ungültig: sie beginnt mit dem Ländercode und zwei Prüfziffern (z. B. DE89)."
                .into(),
        );
    }
    match LENGTHS.iter().find(|(c, _)| *c == country) {
        None => {
            return Err(format!(
                "IBAN ist ungültig: unbekannter Ländercode {country}."
            ))
        }
        Some((_, len)) if *len != iban.len() => {
            return Err(format!(
                "IBAN hat die falsche Länge für {country}: {len} Zeichen erwartet, {} eingegeben.",
                iban.len()
            ))
        }
        Some(_) => {}
    }
    let rearranged = iban[4..].chars().chain(iban[..4].chars());
    let mut rest: u32 = 0;
    for c in rearranged {
        let v = c.to_digit(36).expect("alphanumeric checked above");
        rest = if v >= 10 {
            (rest * 100 + v) % 97
        } else {
            (rest * 10 + v) % 97
        };
    }
    if rest != 1 {
        return Err("IBAN ist ungültig (Prüfziffer falsch). Bitte Tippfehler prüfen.".into());
    }
    Ok(())
}

/// Builds a German IBAN from a bank code and an account number, computing the check digits.
pub fn german(bank_code: &str, account: u64) -> String {
    let bban = format!("{bank_code:0>8}{account:010}");
    // Check digits: 98 - (BBAN + "DE00" as digits) mod 97; D = 13, E = 14.
    let digits = format!("{bban}131400");
    let rest = digits
        .bytes()
        .fold(0u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97);
    format!("DE{:02}{bban}", 98 - rest)
}

/// Shows an IBAN in groups of four: `DE89 3704 0044 0532 0130 00`.
pub fn format(iban: &str) -> String {
    let chars: Vec<char> = normalize(iban).chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_ibans_pass() {
        assert_eq!(check("DE89370400440532013000"), Ok(()));
        assert_eq!(check("AT611904300234573201"), Ok(()));
        assert_eq!(check("GB82WEST12345698765432"), Ok(()));
        assert_eq!(check(&normalize("de89 3704 0044 0532 0130 00")), Ok(()));
    }

    #[test]
    fn wrong_checksum_is_refused() {
        let err = check("DE89370400440532013001").unwrap_err();
        assert!(err.contains("Prüfziffer"), "{err}");
    }

    #[test]
    fn wrong_length_is_refused() {
        let err = check("DE8937040044053201300").unwrap_err();
        assert!(err.contains("22 Zeichen erwartet, 21"), "{err}");
        let err = check("DE893704004405320130000").unwrap_err();
        assert!(err.contains("23 eingegeben"), "{err}");
    }

    #[test]
    fn garbage_is_refused() {
        assert!(check("").is_err());
        assert!(check("XX89370400440532013000")
            .unwrap_err()
            .contains("Ländercode XX"));
        assert!(check("DE89-3704").is_err());
        assert!(check("1234567890").is_err());
    }

    #[test]
    fn german_iban_builder() {
        assert_eq!(german("37040044", 532013000), "DE89370400440532013000");
        assert_eq!(check(&german("12345678", 42)), Ok(()));
    }

    #[test]
    fn groups_of_four() {
        assert_eq!(
            format("DE89370400440532013000"),
            "DE89 3704 0044 0532 0130 00"
        );
        assert_eq!(normalize(" de89 3704\t0044 "), "DE8937040044");
    }
}
