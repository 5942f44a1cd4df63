//! File names and the documents folder, the same for the app and the command line, legal on
//! Windows and Linux.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::documents;

/// Characters Windows forbids in file names (Linux forbids only "/"), and control characters.
fn forbidden(c: char) -> bool {
    matches!(c, '?' | '*' | ':' | '<' | '>' | '|' | '"' | '\\' | '/') || c.is_control()
}

/// Names Windows reserves for devices, with or without an extension (Windows 10 and 11 also
/// reserve COM and LPT with a superscript digit, and the console names).
const RESERVED: [&str; 30] = [
    "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
    "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
    "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];
const RESERVED_CONSOLE: [&str; 2] = ["CONIN$", "CONOUT$"];

/// Cyrillic letters (Ukrainian and Russian) in Latin letters as in machine-readable passports
/// (ICAO 9303), so "Олена Коваленко" gives a readable file name instead of "unbenannt".
fn cyrillic_latin(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next()?;
    Some(match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' | 'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "ie",
        'ы' => "y",
        'ь' => "",
        'ю' => "iu",
        'я' => "ia",
        _ => return None,
    })
}

/// `text` with Cyrillic letters in Latin ones; "Ж" gives "Zh".
fn latin_from_cyrillic(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match cyrillic_latin(c) {
            Some(latin) if c.is_uppercase() => {
                let mut letters = latin.chars();
                if let Some(first) = letters.next() {
                    out.push(first.to_ascii_uppercase());
                    out.extend(letters);
                }
            }
            Some(latin) => out.push_str(latin),
            None => out.push(c),
        }
    }
    out
}

/// One part of a file name (a name, a number): transliterated to ASCII (ä → ae, Cyrillic in Latin
/// letters, other scripts dropped), letters and digits kept, everything else a single hyphen, at
/// most 60 characters. Empty input gives "unbenannt".
pub fn name_part(text: &str) -> String {
    let mut out = String::new();
    for c in documents::transliterate(&latin_from_cyrillic(text)).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let part: String = out.chars().take(60).collect();
    let part = part.trim_end_matches('-');
    if part.is_empty() {
        "unbenannt".into()
    } else {
        part.to_string()
    }
}

/// A whole file name made legal on Windows and Linux: no `? * : < > | " \ /` or control
/// characters, no trailing dot or space, not a reserved device name, at most 150 characters.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if forbidden(c) { '_' } else { c })
        .collect();
    let mut cleaned: String = cleaned.chars().take(150).collect();
    while cleaned.ends_with(['.', ' ']) {
        cleaned.pop();
    }
    // Windows ignores spaces before the extension: "con .pdf" is the device too.
    let stem = cleaned.split('.').next().unwrap_or("").trim_end();
    let reserved = RESERVED
        .iter()
        .chain(RESERVED_CONSOLE.iter())
        .any(|r| r.to_uppercase() == stem.to_uppercase());
    if cleaned.is_empty() || reserved {
        cleaned.insert(0, '_');
    }
    cleaned
}

/// The proposed file name of the Art. 15 export of a person: "Auskunft_Art15_Kovalenko_Olena.pdf"
/// (`extension` "pdf" or "json"); legal on Windows for every name, Cyrillic ones too.
pub fn personal_data_file_name(last_name: &str, first_name: &str, extension: &str) -> String {
    safe_file_name(&format!(
        "Auskunft_Art15_{}_{}.{}",
        name_part(last_name),
        name_part(first_name),
        name_part(extension)
    ))
}

/// The documents folder: `LOTSEN_DOCUMENTS` if set (tests), else the folder from the settings,
/// else "Lotsenbüro" in the user's documents folder (`user_documents`), else beside the data.
pub fn documents_root(setting: &str, user_documents: Option<PathBuf>) -> PathBuf {
    std::env::var_os("LOTSEN_DOCUMENTS")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| (!setting.trim().is_empty()).then(|| PathBuf::from(setting.trim())))
        .or_else(|| user_documents.map(|b| b.join("Lotsenbüro")))
        .unwrap_or_else(|| crate::db::default_data_dir().join("Dokumente"))
}

/// Where a document of `when`'s month is filed: `root/YYYY/MM/name` (the name made safe).
pub fn filed_path(root: &Path, when: NaiveDate, name: &str) -> PathBuf {
    root.join(format!("{:04}", when.year()))
        .join(format!("{:02}", when.month()))
        .join(safe_file_name(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_parts_are_ascii() {
        assert_eq!(name_part("Müller-Öztürk"), "Mueller-Oeztuerk");
        assert_eq!(name_part("Ayşe"), "Ayse");
        assert_eq!(name_part("AE-2026-11-007"), "AE-2026-11-007");
        assert_eq!(name_part("Олена"), "Olena");
        assert_eq!(name_part("Коваленко Юлія"), "Kovalenko-Iuliia");
        assert_eq!(name_part("Щербак Жанна"), "Shcherbak-Zhanna");
        assert_eq!(name_part("Ігор Ґудзь"), "Igor-Gudz");
        assert_eq!(name_part("أحمد"), "unbenannt");
        assert_eq!(name_part("  a  b "), "a-b");
        assert!(name_part(&"x".repeat(100)).len() == 60);
    }

    #[test]
    fn file_names_legal_on_windows() {
        let name = safe_file_name("Auskunft_Олена?*:<>|\"\\/ .pdf. ");
        assert!(!name.chars().any(forbidden), "{name}");
        assert!(!name.ends_with(['.', ' ']));
        assert_eq!(safe_file_name("CON.pdf"), "_CON.pdf");
        assert_eq!(safe_file_name("nul"), "_nul");
        for reserved in [
            "AUX",
            "prn.txt",
            "Com1.csv",
            "LPT9",
            "COM¹.pdf",
            "lpt³",
            "con .pdf",
            "CONIN$",
            "conout$.log",
            "NUL.tar.gz",
        ] {
            assert_eq!(safe_file_name(reserved), format!("_{reserved}"));
        }
        // Only the whole stem is reserved.
        for ordinary in [
            "CONTRA.pdf",
            "COM10.pdf",
            "LPT.pdf",
            "Auskunft_CON.pdf",
            "nullen",
        ] {
            assert_eq!(safe_file_name(ordinary), ordinary);
        }
        assert_eq!(safe_file_name("Bericht. . ."), "Bericht");
        assert_eq!(safe_file_name("a\u{7}b\tc.pdf"), "a_b_c.pdf");
        assert_eq!(safe_file_name(&"ä".repeat(200)).chars().count(), 150);
        assert_eq!(safe_file_name(""), "_");
        assert_eq!(
            safe_file_name("Abrechnung_2026-11.pdf"),
            "Abrechnung_2026-11.pdf"
        );
    }

    #[test]
    fn art15_file_names_are_legal_for_every_script() {
        assert_eq!(
            personal_data_file_name("Коваленко", "Олена", "pdf"),
            "Auskunft_Art15_Kovalenko_Olena.pdf"
        );
        assert_eq!(
            personal_data_file_name("Müller-Öztürk", "Ayşe", "json"),
            "Auskunft_Art15_Mueller-Oeztuerk_Ayse.json"
        );
        let name = personal_data_file_name("أحمد", "CON?", "pdf");
        assert_eq!(name, "Auskunft_Art15_unbenannt_CON.pdf");
        assert_eq!(safe_file_name(&name), name);
    }

    #[test]
    fn filed_by_month() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        let p = filed_path(Path::new("/x"), d, "a?.pdf");
        assert_eq!(p, Path::new("/x/2026/03/a_.pdf"));
    }
}
