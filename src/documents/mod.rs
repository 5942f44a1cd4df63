//! Printed documents (docs/DOMAIN.md#documents): PDF on A4 with German dates and an embedded
//! font (ä ö ü ß € ş ğ ı).
//!
//! [`pdf`] has the layout helpers every document uses; this module adds what all documents of the county
//! share (letterhead, footer, German dates); [`letters`] has the eFZ confirmation letter and the
//! Berufungsurkunde.

pub mod annual;
pub mod certificate;
pub mod grant;
pub mod letter_frame;
pub mod letters;
pub mod pdf;
pub mod personal;
pub mod reports;
pub mod sepa;
pub mod statements;
mod ttf_subset;

use chrono::{Datelike, NaiveDate};

pub use crate::domain::dates::format_date;
/// The letterhead is a setting (Einstellungen); documents take it as an argument.
pub use crate::domain::settings::Letterhead;
pub use letters::{appointment_certificate, efz_request_letter};
pub use personal::personal_data_pdf;
pub use reports::coverage_report;
pub use sepa::sepa_xml;
pub use statements::{combined_pdf, payment_list_pdf, statement_pdf, StatementContext};

/// Spells text in plain ASCII the German way (ä → ae, ß → ss, ş → s), keeping upper and lower case;
/// other characters without an ASCII spelling become "?". For file names and, later, SEPA texts.
pub fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'Ä' => out.push_str("Ae"),
            'Ö' => out.push_str("Oe"),
            'Ü' => out.push_str("Ue"),
            'ß' => out.push_str("ss"),
            'ẞ' => out.push_str("SS"),
            'ş' | 'ś' | 'š' => out.push('s'),
            'Ş' | 'Ś' | 'Š' => out.push('S'),
            'ç' | 'ć' | 'č' => out.push('c'),
            'Ç' | 'Ć' | 'Č' => out.push('C'),
            'ğ' => out.push('g'),
            'Ğ' => out.push('G'),
            'ı' => out.push('i'),
            'İ' => out.push('I'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'É' | 'È' | 'Ê' | 'Ë' => out.push('E'),
            'á' | 'à' | 'â' | 'ã' | 'å' => out.push('a'),
            'Á' | 'À' | 'Â' | 'Ã' | 'Å' => out.push('A'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ó' | 'ò' | 'ô' | 'õ' | 'ø' => out.push('o'),
            'ú' | 'ù' | 'û' => out.push('u'),
            'ñ' | 'ń' => out.push('n'),
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'ž' | 'ź' | 'ż' => out.push('z'),
            'Ž' | 'Ź' | 'Ż' => out.push('Z'),
            c if c.is_ascii() => out.push(c),
            _ => out.push('?'),
        }
    }
    out
}

/// Writes a document: into a temporary file beside the target, then renamed, so a reader never
/// sees half a file. Creates missing folders.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> crate::Result<()> {
    let fail =
        |e: std::io::Error| crate::Error::file("Datei kann nicht geschrieben werden", path, e);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let tmp = path.with_extension("tmp-lotsen");
    // Written beside, then renamed: a full disk leaves the old file (or none), never half a PDF.
    if let Err(e) = std::fs::write(&tmp, bytes) {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    replace_file(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Renames `from` over `to`. Windows cannot replace a file that another program holds open (a PDF
/// viewer, for a moment a virus scanner or the search indexer): retried for about two seconds,
/// then refused with a message that says so.
pub fn replace_file(from: &std::path::Path, to: &std::path::Path) -> crate::Result<()> {
    use std::time::Duration;
    let mut pause = Duration::from_millis(50);
    let mut waited = Duration::ZERO;
    loop {
        match std::fs::rename(from, to) {
            Ok(()) => return Ok(()),
            Err(e) if held_open(&e) && waited < Duration::from_secs(2) => {
                std::thread::sleep(pause);
                waited += pause;
                pause = (pause * 2).min(Duration::from_millis(500));
            }
            Err(e) if held_open(&e) => {
                return Err(crate::Error::Conflict(format!(
                    "Die Datei „{}“ ist in einem anderen Programm geöffnet (z. B. im PDF-Betrachter) oder schreibgeschützt und kann nicht ersetzt werden. Bitte dort schließen und erneut versuchen.",
                    to.display()
                )))
            }
            Err(e) => return Err(crate::Error::file("Datei kann nicht geschrieben werden", to, e)),
        }
    }
}

/// Whether a failed rename means the target is held open: Windows answers access denied (5), a
/// sharing violation (32) or a lock violation (33). Unix replaces open files.
pub fn held_open(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

use pdf::{Align, Colour, Doc, Style, CONTENT_LEFT, CONTENT_RIGHT, CONTENT_TOP, CONTENT_WIDTH};

use crate::domain::dates::MONTH_NAMES as MONTHS;

/// German long date: "26. November 2026", "1. Dezember 2026".
pub fn format_date_long(d: NaiveDate) -> String {
    format!("{}. {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// German month and year: "November 2026" (statement titles).
pub fn format_month_year(d: NaiveDate) -> String {
    format!("{} {}", MONTHS[d.month0() as usize], d.year())
}

/// "Halberstadt, den 26.11.2026" (just the date when no place is set).
pub fn place_and_date(letterhead: &Letterhead, d: NaiveDate) -> String {
    let place = letterhead.place.trim();
    if place.is_empty() {
        format_date(d)
    } else {
        format!("{place}, den {}", format_date(d))
    }
}

/// The parts that are set (trimmed, not empty), joined: "Landkreis Harz · 38820 Halberstadt".
pub(crate) fn join_set(parts: &[&str], separator: &str) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}

/// "Telefon 03941 123" for each label whose value is set; `between` stands between label and value.
pub(crate) fn labelled_set(pairs: &[(&str, &str)], between: &str) -> Vec<String> {
    pairs
        .iter()
        .map(|(label, value)| (label, value.trim()))
        .filter(|(_, value)| !value.is_empty())
        .map(|(label, value)| format!("{label}{between}{value}"))
        .collect()
}

/// The footer lines of every page: the letterhead's footer text, then telephone and e-mail when set.
pub fn footer_lines(letterhead: &Letterhead) -> Vec<String> {
    let mut lines = vec![letterhead.footer.trim().to_string()];
    let contact = labelled_set(
        &[
            ("Telefon", &letterhead.phone),
            ("E-Mail", &letterhead.email),
        ],
        " ",
    );
    if !contact.is_empty() {
        lines.push(contact.join(" · "));
    }
    lines
}

/// A document of the county: letterhead footer (and page numbers when it runs to several pages) set.
pub fn new_document(title: &str, letterhead: &Letterhead, issued_on: NaiveDate) -> Doc {
    let mut doc = Doc::new(title, letterhead.authority.trim(), issued_on);
    doc.set_footer(footer_lines(letterhead));
    doc
}

/// The letterhead at the top of the page: the authority large and the department below, right-aligned,
/// over a rule across the page. The cursor ends below the rule.
pub fn draw_letterhead(doc: &mut Doc, letterhead: &Letterhead) {
    let name = Style::bold(18.0).colour(Colour::ACCENT);
    let dept = Style::regular(10.0).colour(Colour::GREY);
    let mut top = CONTENT_TOP;
    top += doc.block_at(
        CONTENT_LEFT,
        top,
        CONTENT_WIDTH,
        name,
        Align::Right,
        &letterhead.authority,
        1,
    );
    top += 0.5;
    top += doc.block_at(
        CONTENT_LEFT,
        top,
        CONTENT_WIDTH,
        dept,
        Align::Right,
        &letterhead.department,
        1,
    );
    top += 2.0;
    doc.line_at(
        (CONTENT_LEFT, top),
        (CONTENT_RIGHT, top),
        0.8,
        Colour::ACCENT,
    );
    doc.set_y(top + 3.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn write_file_replaces_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir
            .path()
            .join("Jürgen Müller")
            .join("Abrechnung 2026-11.pdf");
        write_file(&target, b"alt").unwrap();
        write_file(&target, b"neu").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"neu");
        assert_eq!(
            std::fs::read_dir(target.parent().unwrap()).unwrap().count(),
            1
        );
    }

    /// Windows only (also under Wine): a file open in another program, shared for reading and
    /// writing but not for deleting as PDF viewers and SQLite do, cannot be replaced.
    #[cfg(windows)]
    #[test]
    fn a_file_held_open_is_not_replaced_and_the_message_says_why() {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_SHARE_READ: u32 = 1;
        const FILE_SHARE_WRITE: u32 = 2;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("Abrechnung.pdf");
        std::fs::write(&target, b"alt").unwrap();
        let viewer = std::fs::OpenOptions::new()
            .read(true)
            .share_mode(FILE_SHARE_READ | FILE_SHARE_WRITE)
            .open(&target)
            .unwrap();
        let err = write_file(&target, b"neu").unwrap_err();
        assert!(matches!(err, crate::Error::Conflict(_)), "{err:?}");
        assert!(err.to_string().contains("PDF-Betrachter"), "{err}");
        assert_eq!(std::fs::read(&target).unwrap(), b"alt");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
        drop(viewer);
        write_file(&target, b"neu").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"neu");
    }

    #[test]
    fn transliteration_keeps_case() {
        assert_eq!(
            transliterate("Ayşe Müller-Öztürk, Straße"),
            "Ayse Mueller-Oeztuerk, Strasse"
        );
        assert_eq!(transliterate("Ğül İnce"), "Guel Ince");
        assert_eq!(transliterate("Олена"), "?????");
    }

    #[test]
    fn german_dates() {
        assert_eq!(format_date_long(d(2026, 11, 26)), "26. November 2026");
        assert_eq!(format_date_long(d(2026, 12, 1)), "1. Dezember 2026");
        assert_eq!(format_date_long(d(2027, 3, 9)), "9. März 2027");
        assert_eq!(format_date(d(2026, 3, 9)), "09.03.2026");
        assert_eq!(format_month_year(d(2026, 11, 1)), "November 2026");
        let lh = Letterhead::default();
        assert_eq!(
            place_and_date(&lh, d(2026, 11, 26)),
            "Halberstadt, den 26.11.2026"
        );
    }

    #[test]
    fn footer_has_contact_only_when_set() {
        let mut lh = Letterhead::default();
        assert_eq!(footer_lines(&lh).len(), 1);
        lh.phone = "03941 123".into();
        lh.email = "integration@example.org".into();
        assert_eq!(
            footer_lines(&lh)[1],
            "Telefon 03941 123 · E-Mail integration@example.org"
        );
    }
}
