//! The confirmation letter for the fee-free extended certificate of conduct (§ 30a Abs. 2 BZRG) and the
//! appointment certificate (Berufungsurkunde). Both are one A4 page; long names and addresses are wrapped
//! or shortened to their boxes.
//!
//! The pilot's gender is not recorded, so neither document uses "Frau"/"Herr": the full name stands alone,
//! the role is named in both forms ("Integrationslotse/Integrationslotsin").

use chrono::NaiveDate;

use super::letter_frame::{postcode_town, InfoBlock, LetterFrame, Recipient};
use super::pdf::{
    fit, wrap_limited, Align, Colour, Doc, Style, CONTENT_BOTTOM, CONTENT_LEFT, CONTENT_TOP,
    CONTENT_WIDTH, PAGE_WIDTH,
};
use super::{format_date, format_date_long, join_set, new_document, place_and_date, Letterhead};
use crate::domain::pilot::Pilot;
use crate::error::Result;

fn pilot_name(pilot: &Pilot) -> String {
    format!("{} {}", pilot.first_name.trim(), pilot.last_name.trim())
        .trim()
        .to_string()
}

/// "des Landkreises Harz", "der Stadt Halle (Saale)"; other names as "von …".
fn of_authority(authority: &str) -> String {
    let a = authority.trim();
    for (prefix, genitive) in [
        ("Landkreis ", "des Landkreises "),
        ("Kreis ", "des Kreises "),
        ("Stadt ", "der Stadt "),
        ("Hansestadt ", "der Hansestadt "),
        ("Landeshauptstadt ", "der Landeshauptstadt "),
    ] {
        if let Some(rest) = a.strip_prefix(prefix) {
            return format!("{genitive}{rest}");
        }
    }
    format!("von {a}")
}

/// Confirmation letter for the fee-free application of an extended certificate of conduct: the pilot shows
/// it at the registration office (Meldebehörde). One A4 page: when very long names or addresses would push
/// the signature onto a second page, the body is set a little smaller (down to 8.5 pt).
pub fn efz_request_letter(
    pilot: &Pilot,
    letterhead: &Letterhead,
    issued_on: NaiveDate,
) -> Result<Vec<u8>> {
    let mut doc = efz_letter_layout(pilot, letterhead, issued_on, 10.0);
    for size in [9.5, 9.0, 8.5] {
        if doc.page_count() == 1 {
            break;
        }
        doc = efz_letter_layout(pilot, letterhead, issued_on, size);
    }
    doc.finish()
}

fn efz_letter_layout(
    pilot: &Pilot,
    letterhead: &Letterhead,
    issued_on: NaiveDate,
    body_size: f32,
) -> Doc {
    let body = Style::regular(body_size);
    let heading = Style::bold(body_size);
    let name = pilot_name(pilot);
    let mut doc = new_document(
        &format!("Bestätigung erweitertes Führungszeugnis – {name}"),
        letterhead,
        issued_on,
    );
    let frame = LetterFrame {
        letterhead,
        recipient: Recipient::new(&name, Some(pilot)),
        address_style: Style::regular(10.5),
        name_lines: 3,
        info: InfoBlock::Contact,
    };
    let body_top = frame.draw(&mut doc);
    doc.set_y(body_top);
    doc.line(body, Align::Right, &place_and_date(letterhead, issued_on));
    doc.gap(5.0);
    doc.block(
        CONTENT_LEFT,
        CONTENT_WIDTH,
        Style::bold(body_size + 1.0),
        Align::Left,
        "Bestätigung zur Vorlage bei der Meldebehörde – Antrag auf ein erweitertes Führungszeugnis \
         nach § 30a Abs. 2 BZRG",
    );
    doc.gap(5.0);
    efz_salutation(&mut doc, &name, body);
    doc.paragraph(heading, "Bestätigung nach § 30a Abs. 2 BZRG", 1.5);
    efz_confirmation(&mut doc, pilot, &name, letterhead, body);
    doc.paragraph(heading, "Hinweise für Sie", 1.5);
    efz_notes(&mut doc, letterhead, body);
    efz_closing(&mut doc, letterhead, body);
    doc
}

/// "Guten Tag …," and why the letter comes.
fn efz_salutation(doc: &mut Doc, name: &str, body: Style) {
    // The salutation is no place for a name of five lines.
    let hello = wrap_limited(&format!("Guten Tag {name},"), body, CONTENT_WIDTH, 2);
    doc.paragraph(body, &hello.join("\n"), 2.5);
    doc.paragraph(
        body,
        "für Ihre ehrenamtliche Tätigkeit als Integrationslotse/Integrationslotsin benötigen Sie ein \
         erweitertes Führungszeugnis. Bitte legen Sie diese Bestätigung vor, wenn Sie es bei Ihrer \
         Meldebehörde (Bürgeramt) beantragen.",
        4.0,
    );
}

/// The confirmation under § 30a Abs. 2 BZRG and the request to waive the fee.
fn efz_confirmation(
    doc: &mut Doc,
    pilot: &Pilot,
    name: &str,
    letterhead: &Letterhead,
    body: Style,
) {
    doc.paragraph(
        body,
        &format!(
            "Hiermit bestätigen wir, dass {} im Programm „Ehrenamtliche Integrationslotsen“ {} als \
             ehrenamtliche Integrationslotsin bzw. ehrenamtlicher Integrationslotse tätig ist oder tätig \
             werden wird. Die Tätigkeit umfasst die Begleitung zugewanderter Menschen und Familien im \
             Alltag und ist geeignet, Kontakt zu Minderjährigen aufzunehmen. Für sie wird daher ein \
             erweitertes Führungszeugnis nach § 30a Abs. 1 Nr. 2 BZRG benötigt.",
            described(pilot, name),
            of_authority(&letterhead.authority)
        ),
        2.5,
    );
    doc.paragraph(
        body,
        "Wir bitten um Gebührenbefreiung: Die Tätigkeit wird ehrenamtlich für eine öffentliche Stelle \
         ausgeübt. Daran ändert die monatliche Aufwandsentschädigung nichts.",
        4.0,
    );
}

/// "Ayşe Müller-Öztürk, geboren am 17.05.1980, wohnhaft Steinweg 12, 06484 Quedlinburg," — the name
/// with what is known of birth date and address.
fn described(pilot: &Pilot, name: &str) -> String {
    let mut who = name.to_string();
    let mut apposition = false;
    if let Some(d) = pilot.birth_date {
        who.push_str(&format!(", geboren am {}", format_date(d)));
        apposition = true;
    }
    let address = join_set(&[&pilot.street, &postcode_town(pilot)], ", ");
    if !address.is_empty() {
        who.push_str(&format!(", wohnhaft {address}"));
        apposition = true;
    }
    if apposition {
        who.push(',');
    }
    who
}

/// Where and how the certificate is shown, and what is kept of it.
fn efz_notes(doc: &mut Doc, letterhead: &Letterhead, body: Style) {
    let office = join_set(
        &[
            &letterhead.department,
            &letterhead.street,
            &letterhead.postcode_town,
        ],
        ", ",
    );
    let at = if office.is_empty() {
        "bei uns".to_string()
    } else {
        format!("bei uns ({office})")
    };
    doc.paragraph(
        body,
        &format!(
            "Bitte legen Sie das Führungszeugnis innerhalb von drei Monaten nach seinem \
             Ausstellungsdatum {at} vor. Wir sehen es nur ein: Eine Kopie wird weder angefertigt noch \
             aufbewahrt. Festgehalten werden nur das Ausstellungsdatum, der Tag der Einsichtnahme und ob \
             ein für die Tätigkeit relevanter Eintrag vorliegt."
        ),
        6.0,
    );
}

/// Greeting and signature, kept together on the page.
fn efz_closing(doc: &mut Doc, letterhead: &Letterhead, body: Style) {
    let captions: Vec<&str> = [
        letterhead.signer_name.trim(),
        letterhead.signer_title.trim(),
    ]
    .into_iter()
    .filter(|c| !c.is_empty())
    .collect();
    let signature_space = 13.0;
    doc.ensure_space(
        2.0 * body.line_height() + signature_space + 1.0 + captions.len() as f32 * 4.0,
    );
    doc.line(body, Align::Left, "Mit freundlichen Grüßen");
    doc.line(body, Align::Left, "Im Auftrag");
    doc.signature(CONTENT_LEFT, 70.0, signature_space, &captions);
}

/// The appointment certificate (Berufungsurkunde): a formal A4 page in a double frame. `district` is the
/// former district (Altkreis) the pilot is appointed for, e.g. "Quedlinburg".
pub fn appointment_certificate(
    pilot: &Pilot,
    district: &str,
    appointed_on: NaiveDate,
    letterhead: &Letterhead,
    issued_on: NaiveDate,
) -> Result<Vec<u8>> {
    let name = pilot_name(pilot);
    let mut doc = Doc::new(
        &format!("Berufungsurkunde – {name}"),
        letterhead.authority.trim(),
        issued_on,
    );
    // The frame carries its own footer line; no page footer.
    doc.set_footer(Vec::new());

    let frame_h = CONTENT_BOTTOM - CONTENT_TOP;
    doc.stroke_rect(
        CONTENT_LEFT,
        CONTENT_TOP,
        CONTENT_WIDTH,
        frame_h,
        1.6,
        Colour::ACCENT,
    );
    doc.stroke_rect(
        CONTENT_LEFT + 2.0,
        CONTENT_TOP + 2.0,
        CONTENT_WIDTH - 4.0,
        frame_h - 4.0,
        0.5,
        Colour::ACCENT,
    );

    // Inside the frame: a 140 mm column, centred.
    let inner_w = 140.0;
    let left = (PAGE_WIDTH - inner_w) / 2.0;
    let center = |doc: &mut Doc, top: f32, style: Style, text: &str, max_lines: usize| -> f32 {
        doc.block_at(left, top, inner_w, style, Align::Center, text, max_lines)
    };

    let mut top = 32.0;
    top += center(
        &mut doc,
        top,
        Style::bold(16.0).colour(Colour::ACCENT),
        &letterhead.authority,
        2,
    );
    top += 1.0;
    center(
        &mut doc,
        top,
        Style::regular(10.0).colour(Colour::GREY),
        &letterhead.department,
        2,
    );

    let title = Style::bold(34.0).colour(Colour::ACCENT);
    center(&mut doc, 72.0, title, "Berufungsurkunde", 1);
    let rule_y = 72.0 + title.line_height() + 3.0;
    doc.line_at(
        (PAGE_WIDTH / 2.0 - 25.0, rule_y),
        (PAGE_WIDTH / 2.0 + 25.0, rule_y),
        0.8,
        Colour::ACCENT,
    );

    let text = Style::regular(12.5);
    let mut top = 112.0;
    // The name as large as fits in three lines, down to 11 pt; beyond that four lines, then cut.
    let (name_style, name_lines) = fit(&name, Style::bold(22.0), inner_w, 3, 11.0);
    let name_lines = if name_lines.last().is_some_and(|l| l.ends_with('…')) {
        wrap_limited(&name, name_style, inner_w, 4)
    } else {
        name_lines
    };
    top += doc.lines_at(left, top, inner_w, name_style, Align::Center, &name_lines);
    if let Some(born) = pilot.birth_date {
        top += 1.0;
        top += center(
            &mut doc,
            top,
            Style::regular(10.5).colour(Colour::GREY),
            &format!("geboren am {}", format_date(born)),
            1,
        );
    }
    top += 6.0;
    top += center(
        &mut doc,
        top,
        text,
        &format!("wird mit Wirkung vom {}", format_date_long(appointed_on)),
        1,
    );
    top += 2.0;
    top += center(&mut doc, top, text, "in das Ehrenamt", 1);
    top += 2.0;
    top += center(
        &mut doc,
        top,
        Style::bold(16.0),
        "„Integrationslotse/Integrationslotsin“",
        1,
    );
    top += 2.0;
    top += center(
        &mut doc,
        top,
        text,
        &format!(
            "im Programm „Ehrenamtliche Integrationslotsen“\n{}",
            of_authority(&letterhead.authority)
        ),
        3,
    );
    top += 2.0;
    let district = district.trim();
    let district = district
        .strip_prefix("Altkreis ")
        .unwrap_or(district)
        .trim();
    let for_district = if district.is_empty() {
        "berufen.".to_string()
    } else {
        format!("für den Altkreis {district} berufen.")
    };
    top += center(&mut doc, top, text, &for_district, 2);
    top += 10.0;
    center(
        &mut doc,
        top,
        Style::regular(10.5).colour(Colour::GREY),
        "Für Ihre Bereitschaft, zugewanderte Menschen auf ihrem Weg zu begleiten, danken wir Ihnen herzlich.",
        2,
    );

    // Place, date and signature near the bottom of the frame.
    let sign_top = 232.0;
    doc.text_at(
        left,
        sign_top + 12.0,
        65.0,
        Style::regular(10.5),
        Align::Left,
        &place_and_date(letterhead, issued_on),
    );
    doc.set_y(sign_top);
    let captions = [
        letterhead.signer_name.trim(),
        letterhead.signer_title.trim(),
    ];
    doc.signature(left + inner_w - 65.0, 65.0, 13.0, &captions);

    // The letterhead's footer inside the frame.
    let footer = Style::regular(7.5).colour(Colour::GREY);
    doc.text_at(
        left,
        CONTENT_BOTTOM - 6.0,
        inner_w,
        footer,
        Align::Center,
        &letterhead.footer,
    );

    doc.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genitive_of_the_authority() {
        assert_eq!(of_authority("Landkreis Harz"), "des Landkreises Harz");
        assert_eq!(
            of_authority("Stadt Halle (Saale)"),
            "der Stadt Halle (Saale)"
        );
        assert_eq!(of_authority("Musterbehörde"), "von Musterbehörde");
    }
}
