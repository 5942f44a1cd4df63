//! File names and the documents folder, the same for the app and the command line, legal on
//! Windows and Linux.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::documents;

/// Characters Windows forbids in file names (Linux forbids only "/"), and control characters.
fn forbidden(c: char) -> bool {
    matches!(c, '?' | '*' | ':' | '<' | '>' | '|' | '"' | '\\' | '/') || c.is_control()
}

/// Names Windows reserves for devices, with or without an extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// One part of a file name (a name, a number): transliterated to ASCII (ä → ae, Cyrillic and other
/// scripts dropped), letters and digits kept, everything else a single hyphen, at most 60
/// characters. Empty input gives "unbenannt".
pub fn name_part(text: &str) -> String {
    let mut out = String::new();
    for c in documents::transliterate(text).chars() {
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
    let stem = cleaned.split('.').next().unwrap_or("").trim();
    if cleaned.is_empty() || RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        cleaned.insert(0, '_');
    }
    cleaned
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
        assert_eq!(name_part("Олена"), "unbenannt");
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
        assert_eq!(safe_file_name(""), "_");
        assert_eq!(
            safe_file_name("Abrechnung_2026-11.pdf"),
            "Abrechnung_2026-11.pdf"
        );
    }

    #[test]
    fn filed_by_month() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        let p = filed_path(Path::new("/x"), d, "a?.pdf");
        assert_eq!(p, Path::new("/x/2026/03/a_.pdf"));
    }
}
