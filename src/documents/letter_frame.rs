//! The DIN 5008 letter frame (form B) of every document posted to a pilot (the eFZ letter, the
//! allowance statement): the letterhead, the sender's return line over the envelope window, the
//! recipient in the window, the information block beside it with the date and references, and the
//! county's footer on every page (set by [`super::new_document`], which every such document starts
//! with). The body begins below it, at the point [`LetterFrame::draw`] returns.

use super::pdf::{Align, Colour, Doc, Style, CONTENT_LEFT, CONTENT_RIGHT};
use super::{draw_letterhead, join_set, labelled_set, Letterhead};
use crate::domain::pilot::Pilot;

/// The window of a DIN C6/DL envelope (DIN 5008, form B): 20 mm from the left, 85 mm wide, the address
/// from 50 mm to 90 mm below the top edge, with the sender's return line just above it.
const ADDRESS_WIDTH: f32 = 85.0;
const RETURN_LINE_BASELINE: f32 = 48.5;
const ADDRESS_TOP: f32 = 52.0;
/// Space between the frame and the body.
const BODY_GAP: f32 = 2.0;

/// Who the document goes to, as printed in the envelope window.
#[derive(Debug, Clone, Default)]
pub struct Recipient {
    pub name: String,
    pub street: String,
    /// "06484 Quedlinburg".
    pub town: String,
}

impl Recipient {
    /// `name` at the pilot's address (no address when the pilot is unknown).
    pub fn new(name: &str, pilot: Option<&Pilot>) -> Recipient {
        Recipient {
            name: name.trim().to_string(),
            street: pilot
                .map(|p| p.street.trim().to_string())
                .unwrap_or_default(),
            town: pilot.map(postcode_town).unwrap_or_default(),
        }
    }
}

/// "06484 Quedlinburg" (just what is set).
pub fn postcode_town(pilot: &Pilot) -> String {
    format!("{} {}", pilot.postcode.trim(), pilot.town.trim())
        .trim()
        .to_string()
}

/// What the information block beside the window shows below the department.
#[derive(Debug, Clone)]
pub enum InfoBlock {
    /// A letter: the department's address and whom to contact; the date follows as the body's first
    /// line. From 125 mm (DIN 5008), its first line level with the return line.
    Contact,
    /// A statement: labelled references (number, date, period …), each value up to its line limit.
    /// From 122 mm, so that a 27 mm label column leaves the values room.
    References(Vec<Reference>),
}

/// One labelled line of [`InfoBlock::References`].
#[derive(Debug, Clone)]
pub struct Reference {
    pub label: &'static str,
    pub value: String,
    pub max_lines: usize,
}

impl Reference {
    pub fn new(label: &'static str, value: String, max_lines: usize) -> Reference {
        Reference {
            label,
            value,
            max_lines,
        }
    }
}

/// Where each kind of information block stands and where the body may begin at the earliest.
struct Placement {
    left: f32,
    top: f32,
    /// The body never begins above this line plus [`BODY_GAP`].
    body_floor: f32,
}

const CONTACT: Placement = Placement {
    left: 125.0,
    top: RETURN_LINE_BASELINE - INFO_TEXT.baseline(),
    body_floor: 91.0,
};
const REFERENCES: Placement = Placement {
    left: 122.0,
    top: RETURN_LINE_BASELINE - 3.5,
    body_floor: 92.0,
};
const INFO_TEXT: Style = Style::regular(8.5);
const INFO_HEAD: Style = Style::bold(8.5);
const REFERENCE_LABEL_WIDTH: f32 = 27.0;

/// The frame of one page: letterhead, window and information block.
#[derive(Debug, Clone)]
pub struct LetterFrame<'a> {
    pub letterhead: &'a Letterhead,
    pub recipient: Recipient,
    pub address_style: Style,
    /// The recipient's name may take this many lines (street and town two each).
    pub name_lines: usize,
    pub info: InfoBlock,
}

impl LetterFrame<'_> {
    /// Draws the frame on the current page, which must be empty; returns the top of the body: below
    /// the window and the information block, whichever ends lower.
    pub fn draw(&self, doc: &mut Doc) -> f32 {
        draw_letterhead(doc, self.letterhead);
        let address_bottom = self.draw_window(doc);
        let placement = match self.info {
            InfoBlock::Contact => &CONTACT,
            InfoBlock::References(_) => &REFERENCES,
        };
        let info_bottom = self.draw_info_block(doc, placement);
        address_bottom.max(info_bottom).max(placement.body_floor) + BODY_GAP
    }

    /// The return line and the recipient (name, street, town); returns the bottom of the address.
    fn draw_window(&self, doc: &mut Doc) -> f32 {
        draw_return_line(doc, self.letterhead);
        let r = &self.recipient;
        let mut top = ADDRESS_TOP;
        for (text, max_lines) in [(&r.name, self.name_lines), (&r.street, 2), (&r.town, 2)] {
            if !text.is_empty() {
                top += doc.block_at(
                    CONTENT_LEFT,
                    top,
                    ADDRESS_WIDTH,
                    self.address_style,
                    Align::Left,
                    text,
                    max_lines,
                );
            }
        }
        top
    }

    /// The department in bold, then the contact or the references; returns the block's bottom.
    fn draw_info_block(&self, doc: &mut Doc, at: &Placement) -> f32 {
        let width = CONTENT_RIGHT - at.left;
        let department = &self.letterhead.department;
        let top = at.top
            + doc.block_at(
                at.left,
                at.top,
                width,
                INFO_HEAD,
                Align::Left,
                department,
                2,
            );
        match &self.info {
            InfoBlock::Contact => draw_contact(doc, self.letterhead, at.left, top),
            InfoBlock::References(refs) => draw_references(doc, refs, at.left, top + 1.0),
        }
    }
}

/// The sender's return line above the envelope window (DIN 5008), with a thin rule under it.
fn draw_return_line(doc: &mut Doc, letterhead: &Letterhead) {
    let ret = Style::regular(7.0).colour(Colour::GREY);
    let sender = join_set(
        &[
            &letterhead.authority,
            &letterhead.street,
            &letterhead.postcode_town,
        ],
        " · ",
    );
    doc.text_at(
        CONTENT_LEFT,
        RETURN_LINE_BASELINE,
        ADDRESS_WIDTH,
        ret,
        Align::Left,
        &sender,
    );
    doc.line_at(
        (CONTENT_LEFT, RETURN_LINE_BASELINE + 1.2),
        (CONTENT_LEFT + ADDRESS_WIDTH, RETURN_LINE_BASELINE + 1.2),
        0.3,
        Colour::LIGHT_GREY,
    );
}

/// The department's address, then (after half a line) the person in charge, telephone, e-mail.
fn draw_contact(doc: &mut Doc, letterhead: &Letterhead, left: f32, mut top: f32) -> f32 {
    let width = CONTENT_RIGHT - left;
    let mut lines: Vec<String> = vec![
        letterhead.street.trim().to_string(),
        letterhead.postcode_town.trim().to_string(),
    ];
    let contact = labelled_set(
        &[
            ("Ansprechperson", &letterhead.signer_name),
            ("Telefon", &letterhead.phone),
            ("E-Mail", &letterhead.email),
        ],
        ": ",
    );
    if !contact.is_empty() {
        lines.push(String::new());
        lines.extend(contact);
    }
    for l in lines {
        if l.is_empty() {
            top += INFO_TEXT.line_height() / 2.0;
        } else {
            top += doc.block_at(left, top, width, INFO_TEXT, Align::Left, &l, 2);
        }
    }
    top
}

/// Label (small, grey) and value side by side, one reference under the other.
fn draw_references(doc: &mut Doc, refs: &[Reference], left: f32, mut top: f32) -> f32 {
    let label_style = Style::regular(7.5).colour(Colour::GREY);
    let value_left = left + REFERENCE_LABEL_WIDTH;
    let value_width = CONTENT_RIGHT - left - REFERENCE_LABEL_WIDTH;
    for r in refs {
        doc.text_at(
            left,
            top + INFO_TEXT.baseline(),
            REFERENCE_LABEL_WIDTH - 1.0,
            label_style,
            Align::Left,
            r.label,
        );
        top += doc.block_at(
            value_left,
            top,
            value_width,
            INFO_TEXT,
            Align::Left,
            &r.value,
            r.max_lines,
        );
        top += 0.4;
    }
    top
}
