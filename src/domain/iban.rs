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
    // ISO 13616: the check digits are 02 to 98; 00, 01 and 99 never come out of the computation.
    if !(2..=98).contains(&iban[2..4].parse::<u32>().expect("digits checked above")) {
        return Err(
            "IBAN ist ungültig: die Prüfziffern (Stelle 3 und 4) liegen zwischen 02 und 98.".into(),
        );
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

/// One country of the SEPA scheme (EPC list of participating countries): outside the EEA (CH, GB,
/// MC, SM, AD, VA, …) a SEPA transfer needs the BIC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SepaCountry {
    pub code: String,
    pub name: String,
    pub eea: bool,
}

/// The SEPA countries, reference data shipped in assets/sepa-countries.csv (code, German name,
/// EEA "ja"/"nein"); when the EPC list changes, that file is the one place to change.
pub const SEPA_COUNTRIES_CSV: &str = include_str!("../../assets/sepa-countries.csv");

/// The SEPA countries of [`SEPA_COUNTRIES_CSV`], read once.
pub fn sepa_countries() -> &'static [SepaCountry] {
    static LIST: std::sync::OnceLock<Vec<SepaCountry>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        parse_sepa_countries(SEPA_COUNTRIES_CSV).expect("assets/sepa-countries.csv")
    })
}

/// Reads a SEPA country list; a malformed row is an error naming its line.
pub fn parse_sepa_countries(text: &str) -> std::result::Result<Vec<SepaCountry>, String> {
    text.lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let cols: Vec<&str> = line.split(',').map(str::trim).collect();
            match cols.as_slice() {
                [code, name, eea]
                    if code.len() == 2
                        && code.chars().all(|c| c.is_ascii_uppercase())
                        && !name.is_empty() =>
                {
                    let eea = match *eea {
                        "ja" => true,
                        "nein" => false,
                        _ => {
                            return Err(format!("Zeile {}: EWR muss „ja“ oder „nein“ sein", i + 1))
                        }
                    };
                    Ok(SepaCountry {
                        code: code.to_string(),
                        name: name.to_string(),
                        eea,
                    })
                }
                _ => Err(format!("Zeile {}: erwartet Ländercode,Name,EWR", i + 1)),
            }
        })
        .collect()
}

/// How a payee's account can be paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// In the SEPA transfer file.
    Sepa,
    /// A SEPA country outside the EEA: in the transfer file only with a BIC.
    SepaNeedsBic,
    /// Not a SEPA country (UA, TR, EG, …): paid by hand ("manuelle Zahlung"), never in the file.
    Manual,
}

/// The SEPA country entry of a (normalised, valid) IBAN, if its country takes part in SEPA.
pub fn sepa_country(iban: &str) -> Option<&'static SepaCountry> {
    let code = iban.get(..2)?;
    sepa_countries().iter().find(|c| c.code == code)
}

/// The route of a valid IBAN: SEPA (EEA), SEPA with BIC (non-EEA SEPA country), or by hand.
pub fn route(iban: &str) -> Route {
    match sepa_country(iban) {
        Some(c) if c.eea => Route::Sepa,
        Some(_) => Route::SepaNeedsBic,
        None => Route::Manual,
    }
}

/// Removes spaces and upper-cases a BIC.
pub fn normalize_bic(bic: &str) -> String {
    normalize(bic)
}

/// Checks a (normalised) BIC (ISO 9362: 4 letters bank, 2 letters country, 2 letters or digits
/// location, optionally 3 for the branch); `Err` holds the German reason.
pub fn check_bic(bic: &str) -> Result<(), String> {
    let ok = matches!(bic.len(), 8 | 11)
        && bic[..6].chars().all(|c| c.is_ascii_uppercase())
        && bic[6..]
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err("BIC ist ungültig: 8 oder 11 Zeichen, z. B. UBSWCHZH80A.".into())
    }
}

/// The payee's account as the bank will need it: a BIC where the country needs one. `Err` names
/// what is missing or wrong, in German.
pub fn check_payee(iban: &str, bic: &str) -> Result<Route, String> {
    check(iban)?;
    if !bic.is_empty() {
        check_bic(bic)?;
    }
    let route = route(iban);
    if route == Route::SepaNeedsBic && bic.is_empty() {
        let name = &sepa_country(iban).expect("SEPA country").name;
        return Err(format!(
            "BIC fehlt: für ein Konto in {name} (SEPA, außerhalb des EWR) braucht die Überweisung die BIC."
        ));
    }
    Ok(route)
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
    fn the_shipped_sepa_list_reads_and_knows_the_eea() {
        let list = sepa_countries();
        assert_eq!(list.len(), 42);
        assert!(list.iter().any(|c| c.code == "DE" && c.eea));
        assert!(list.iter().any(|c| c.code == "CH" && !c.eea));
        assert!(!list.iter().any(|c| c.code == "UA"));
    }

    #[test]
    fn a_malformed_sepa_row_names_its_line() {
        let err =
            parse_sepa_countries("code,name,eea\nDE,Deutschland,ja\nxx,Foo,ja\n").unwrap_err();
        assert!(err.starts_with("Zeile 3"), "{err}");
        let err = parse_sepa_countries("code,name,eea\nDE,Deutschland,vielleicht\n").unwrap_err();
        assert!(err.contains("EWR"), "{err}");
    }

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
    fn check_digits_00_01_99_are_refused() {
        // Same BBAN, every check digit outside 02..=98 refused before the checksum.
        for cd in ["00", "01", "99"] {
            let err = check(&format!("DE{cd}370400440532013000")).unwrap_err();
            assert!(err.contains("zwischen 02 und 98"), "{cd}: {err}");
        }
        assert_eq!(check("DE02120300000000202051"), Ok(()));
        // 99 ≡ 02 (mod 97): the checksum alone lets this one through.
        assert!(check("DE99120300000000202051").is_err());
    }

    #[test]
    fn routes_and_bic() {
        assert_eq!(route("DE89370400440532013000"), Route::Sepa);
        assert_eq!(route("CH9300762011623852957"), Route::SepaNeedsBic);
        assert_eq!(route("GB82WEST12345698765432"), Route::SepaNeedsBic);
        assert_eq!(route("UA213223130000026007233566001"), Route::Manual);
        assert_eq!(route("TR330006100519786457841326"), Route::Manual);
        let err = check_payee("CH9300762011623852957", "").unwrap_err();
        assert!(
            err.contains("BIC fehlt") && err.contains("Schweiz"),
            "{err}"
        );
        assert_eq!(
            check_payee("CH9300762011623852957", "UBSWCHZH80A"),
            Ok(Route::SepaNeedsBic)
        );
        assert!(check_payee("CH9300762011623852957", "UBS").is_err());
        assert_eq!(
            check_payee("UA213223130000026007233566001", ""),
            Ok(Route::Manual)
        );
        assert_eq!(check_bic("COBADEFFXXX"), Ok(()));
        assert!(check_bic("COBADEF").is_err());
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
