//! Shared PDF layout for every printed document: an A4 page with fixed margins, a writer that tracks the
//! vertical position and starts a new page when content would overflow, text wrapping measured with the real
//! glyph advance widths of the embedded font, rules, table rows, signature fields and a page footer.
//!
//! Positions are millimetres from the top-left corner of the page (the PDF's bottom-left origin is handled
//! here only). Every text helper keeps text inside the box it is given: long words are broken, lines beyond a
//! limit are cut with "…", single lines are shortened. Nothing is ever drawn into the page margins.
//!
//! Fonts: DejaVu Sans and DejaVu Sans Bold (assets/fonts, licence beside them) are compiled in; their
//! tables are read where they lie with allsorts (part of printpdf) and the fonts cut down to the glyphs
//! a document uses, keeping the glyph ids ([`super::ttf_subset`]).
//!
//! Output: the PDF is written here (objects, content streams, xref), not through printpdf's operations:
//! a page's text is one text object, font and colour are set only when they change, and
//! [`Doc::finish_parts`] writes a document and parts of it as files of their own from the same encoded and
//! compressed pages (a month's statements, the Jahresbescheinigungen).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use allsorts::tables::cmap::CmapSubtable;
use allsorts::tables::HmtxTable;
use chrono::NaiveDate;

use super::ttf_subset;
use crate::error::Result;

/// A4 portrait.
pub const PAGE_WIDTH: f32 = 210.0;
pub const PAGE_HEIGHT: f32 = 297.0;
/// Margins: nothing is drawn outside them.
pub const MARGIN_X: f32 = 20.0;
pub const MARGIN_TOP: f32 = 15.0;
pub const MARGIN_BOTTOM: f32 = 15.0;
/// The printable box.
pub const CONTENT_LEFT: f32 = MARGIN_X;
pub const CONTENT_RIGHT: f32 = PAGE_WIDTH - MARGIN_X;
pub const CONTENT_WIDTH: f32 = CONTENT_RIGHT - CONTENT_LEFT;
pub const CONTENT_TOP: f32 = MARGIN_TOP;
pub const CONTENT_BOTTOM: f32 = PAGE_HEIGHT - MARGIN_BOTTOM;

/// Millimetres per typographic point.
pub const PT_MM: f32 = 25.4 / 72.0;
/// Line height as a multiple of the font size.
const LINE_FACTOR: f32 = 1.3;
/// Baseline below the top of a line box, as a multiple of the font size (DejaVu ascender 0.93 em).
const BASELINE_FACTOR: f32 = 1.0;
/// The footer's type size and line height.
const FOOTER_SIZE: f32 = 7.5;
/// Space between the body and the footer rule.
const FOOTER_GAP: f32 = 4.0;

const ELLIPSIS: char = '…';

pub(super) static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Font weight; both weights are DejaVu Sans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

/// Horizontal alignment of a line inside its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// An RGB colour, components 0.0–1.0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colour(pub f32, pub f32, pub f32);

impl Colour {
    pub const BLACK: Colour = Colour(0.0, 0.0, 0.0);
    /// Secondary text (footer, small print).
    pub const GREY: Colour = Colour(0.35, 0.35, 0.35);
    /// Rules and lines.
    pub const LIGHT_GREY: Colour = Colour(0.6, 0.6, 0.6);
    /// Table header background.
    pub const SHADE: Colour = Colour(0.92, 0.92, 0.92);
    /// The authority's name and the document titles: a sober dark blue.
    pub const ACCENT: Colour = Colour(0.08, 0.22, 0.40);
}

/// How a piece of text is set: weight, size in points, colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub weight: Weight,
    pub size: f32,
    pub colour: Colour,
}

impl Style {
    pub const fn regular(size: f32) -> Style {
        Style {
            weight: Weight::Regular,
            size,
            colour: Colour::BLACK,
        }
    }

    pub const fn bold(size: f32) -> Style {
        Style {
            weight: Weight::Bold,
            size,
            colour: Colour::BLACK,
        }
    }

    pub const fn colour(self, colour: Colour) -> Style {
        Style { colour, ..self }
    }

    pub const fn size(self, size: f32) -> Style {
        Style { size, ..self }
    }

    /// Height of one line of this style, in mm.
    pub const fn line_height(self) -> f32 {
        self.size * LINE_FACTOR * PT_MM
    }

    /// Distance from the top of a line box to the baseline, in mm.
    pub const fn baseline(self) -> f32 {
        self.size * BASELINE_FACTOR * PT_MM
    }
}

// ---------------------------------------------------------------------------------------------------------
// Fonts and measuring

/// The characters that have a slot in the tables of advance widths, glyph presence and glyph codes:
/// Latin-1 and Latin Extended-A/B (everything German, Turkish, Polish … names use), then General
/// Punctuation and the Currency Symbols (– „ “ … €). Others are looked up in the font.
const TABLE_RANGES: [std::ops::Range<u32>; 2] = [0..0x250, 0x2000..0x20d0];
/// The number of slots.
const TABLE_SIZE: usize = 0x250 + (0x20d0 - 0x2000);

/// The slot of `c` in the tables, if it has one.
fn slot(c: char) -> Option<usize> {
    let mut base = 0;
    for r in &TABLE_RANGES {
        if r.contains(&(c as u32)) {
            return Some(base + (c as u32 - r.start) as usize);
        }
        base += r.len();
    }
    None
}

/// The characters of the slots, in slot order.
fn slot_chars() -> impl Iterator<Item = char> {
    TABLE_RANGES
        .into_iter()
        .flatten()
        .map(|u| char::from_u32(u).unwrap_or('\0'))
}

/// What this module reads of an sfnt font (a bundled DejaVu font or a subset of it), straight from
/// its bytes: character → glyph (cmap), advance widths (hmtx) and the metrics of the font
/// descriptor. Nothing is decoded ahead: a lookup reads the tables where they lie.
pub(super) struct Tables<'a> {
    cmap: CmapSubtable<'a>,
    hmtx: HmtxTable<'a>,
    num_glyphs: u16,
    units_per_em: u16,
    /// hhea ascender and descender.
    ascent: i16,
    descent: i16,
    /// head's bounding box of all glyphs: x min, y min, x max, y max.
    bbox: [i16; 4],
    /// OS/2 usWeightClass; 0 without an OS/2 table.
    weight_class: u16,
}

impl<'a> Tables<'a> {
    /// `None` if the font lacks a table this module needs.
    fn read(bytes: &'a [u8]) -> Option<Tables<'a>> {
        use allsorts::binary::read::ReadScope;
        use allsorts::tables::cmap::Cmap;
        use allsorts::tables::os2::Os2;
        use allsorts::tables::{HeadTable, HheaTable, MaxpTable, OpenTypeData, OpenTypeFont};
        use allsorts::tag;

        let font = ReadScope::new(bytes).read::<OpenTypeFont<'a>>().ok()?;
        let OpenTypeData::Single(offsets) = &font.data else {
            return None;
        };
        let table = |tag| offsets.read_table(&font.scope, tag).ok().flatten();
        let head = table(tag::HEAD)?.read::<HeadTable>().ok()?;
        let maxp = table(tag::MAXP)?.read::<MaxpTable>().ok()?;
        let hhea = table(tag::HHEA)?.read::<HheaTable>().ok()?;
        let cmap = table(tag::CMAP)?.read::<Cmap<'a>>().ok()?;
        let (_, cmap) = allsorts::font::read_cmap_subtable(&cmap).ok().flatten()?;
        let hmtx = table(tag::HMTX)?
            .read_dep::<HmtxTable<'a>>((
                usize::from(maxp.num_glyphs),
                usize::from(hhea.num_h_metrics),
            ))
            .ok()?;
        let weight_class = table(tag::OS_2)
            .and_then(|t| t.read_dep::<Os2>(t.data().len()).ok())
            .map_or(0, |os2| os2.us_weight_class);
        Some(Tables {
            cmap,
            hmtx,
            num_glyphs: maxp.num_glyphs,
            units_per_em: head.units_per_em,
            ascent: hhea.ascender,
            descent: hhea.descender,
            bbox: [head.x_min, head.y_min, head.x_max, head.y_max],
            weight_class,
        })
    }

    /// The glyph of `c`, if the cmap maps it.
    pub(super) fn glyph(&self, c: char) -> Option<u16> {
        self.cmap.map_glyph(c as u32).ok().flatten()
    }

    /// The advance width of glyph `gid` in font units.
    fn width(&self, gid: u16) -> Option<u16> {
        if gid >= self.num_glyphs {
            return None;
        }
        self.hmtx.horizontal_advance(gid).ok()
    }
}

/// One weight: the font's tables and its table of the common characters, made once.
struct Face {
    font: Tables<'static>,
    /// Advance width in em of the characters with a [`slot`].
    advance: Vec<f32>,
    /// Whether the font has a glyph for each character with a [`slot`].
    shown: Vec<bool>,
}

impl Face {
    fn new(font: Tables<'static>) -> Face {
        // The glyphs of the slots from one pass over the cmap (a lookup searches its segments).
        let mut glyphs = vec![0u16; TABLE_SIZE];
        let _ = font.cmap.mappings_fn(|u, gid| {
            if let Some(i) = char::from_u32(u).and_then(slot) {
                glyphs[i] = gid;
            }
        });
        Face {
            advance: glyphs.iter().map(|g| advance_em(&font, *g)).collect(),
            shown: glyphs.iter().map(|g| *g != 0).collect(),
            font,
        }
    }

    /// Advance width of one character in em.
    fn advance(&self, c: char) -> f32 {
        match slot(c) {
            Some(i) => self.advance[i],
            None => lookup_advance(&self.font, c),
        }
    }

    /// Whether the font has a glyph for `c`.
    fn shows(&self, c: char) -> bool {
        match slot(c) {
            Some(i) => self.shown[i],
            None => lookup_shown(&self.font, c),
        }
    }
}

fn lookup_advance(f: &Tables, c: char) -> f32 {
    advance_em(f, f.glyph(c).unwrap_or(0))
}

fn advance_em(f: &Tables, gid: u16) -> f32 {
    let w = f.width(gid).unwrap_or(0);
    f32::from(w) / f32::from(f.units_per_em.max(1))
}

fn lookup_shown(f: &Tables, c: char) -> bool {
    f.glyph(c).is_some_and(|g| g != 0)
}

fn face(weight: Weight) -> &'static Face {
    static FACES: OnceLock<[Face; 2]> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        // The fonts are compiled in and covered by tests: failing to read them is a build defect.
        let read = |bytes: &'static [u8]| {
            Face::new(Tables::read(bytes).expect("bundled DejaVu font must parse"))
        };
        [read(REGULAR_TTF), read(BOLD_TTF)]
    });
    match weight {
        Weight::Regular => &faces[0],
        Weight::Bold => &faces[1],
    }
}

pub(super) fn font(weight: Weight) -> &'static Tables<'static> {
    &face(weight).font
}

/// Replaces what the font cannot show: control characters and line breaks become spaces, characters
/// without a glyph become "?". Everything drawn and measured goes through this.
pub fn clean(text: &str, weight: Weight) -> String {
    let f = face(weight);
    text.chars()
        .map(|c| {
            if c.is_control() {
                ' '
            } else if f.shows(c) {
                c
            } else {
                '?'
            }
        })
        .collect()
}

/// Width of `text` in `style`, in mm, from the font's glyph advances.
pub fn text_width(text: &str, style: Style) -> f32 {
    let f = face(style.weight);
    let em: f32 = text.chars().map(|c| f.advance(c)).sum();
    em * style.size * PT_MM
}

/// `text` on one line no wider than `width`: unchanged if it fits, otherwise cut and ended with "…".
pub fn shorten(text: &str, style: Style, width: f32) -> String {
    let text = clean(text, style.weight);
    let text = text.trim();
    if text_width(text, style) <= width {
        return text.to_string();
    }
    let f = face(style.weight);
    let budget = width - text_width(&ELLIPSIS.to_string(), style);
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        let w = f.advance(c) * style.size * PT_MM;
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    let mut out = out.trim_end().to_string();
    out.push(ELLIPSIS);
    out
}

/// Splits a word that is wider than `width` into a head that fits and the rest, preferring a break after a
/// hyphen in the second half of the head. The head is never empty.
fn split_word(word: &str, style: Style, width: f32) -> (String, String) {
    let f = face(style.weight);
    let mut used = 0.0;
    let mut cut = 0; // byte index; at least one character is taken
    for (i, c) in word.char_indices() {
        let w = f.advance(c) * style.size * PT_MM;
        if used + w > width && cut > 0 {
            break;
        }
        used += w;
        cut = i + c.len_utf8();
    }
    let head = &word[..cut];
    if let Some(h) = head.rfind('-') {
        if h + 1 < head.len() && h + 1 >= head.len() / 2 {
            return (word[..=h].to_string(), word[h + 1..].to_string());
        }
    }
    (head.to_string(), word[cut..].to_string())
}

/// Breaks `text` into lines no wider than `width` (mm). Explicit "\n" starts a new line; words wider than
/// the box are broken; "§" stays with the word after it.
pub fn wrap(text: &str, style: Style, width: f32) -> Vec<String> {
    let mut out = Vec::new();
    let f = face(style.weight);
    let em = |t: &str| -> f32 { t.chars().map(|c| f.advance(c)).sum() };
    for para in text.split('\n') {
        let para = clean(para, style.weight);
        // Most texts are one line that fits: with single spaces between its words it is its own
        // line (the sum below is the one the loop would reach, added in the same order).
        if !para.is_empty()
            && !para.starts_with(' ')
            && !para.ends_with(' ')
            && !para.contains("  ")
            && em(&para) * style.size * PT_MM <= width
        {
            out.push(para);
            continue;
        }
        // Words separated by spaces (a no-break space joins); "§ 30a", "Steinweg 12", "Abs. 2" are kept
        // together.
        let mut words: Vec<String> = Vec::new();
        let mut after_section_sign = false;
        for w in para.split(' ').filter(|w| !w.is_empty()) {
            match words.last_mut() {
                Some(last) if after_section_sign || is_short_number(w) => {
                    last.push(' ');
                    last.push_str(w);
                }
                _ => words.push(w.to_string()),
            }
            after_section_sign = w == "§" || w == "§§";
        }
        // Each candidate line is measured as text_width would measure it, from the line's width
        // so far (the same sum, character by character) instead of from its start.
        let mut line = String::new();
        let mut line_em = 0.0;
        for word in words {
            let candidate_em = if line.is_empty() {
                em(&word)
            } else {
                word.chars()
                    .fold(line_em + f.advance(' '), |sum, c| sum + f.advance(c))
            };
            if candidate_em * style.size * PT_MM <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                line_em = candidate_em;
                continue;
            }
            let mut rest = word;
            if !line.is_empty() {
                // A word too long for any line starts on this one, so no half-empty line is left.
                if text_width(&rest, style) > width {
                    let room = width - text_width(&format!("{line} "), style);
                    let (head, tail) = split_word(&rest, style, room.max(0.0));
                    if room > 0.0 && text_width(&head, style) <= room {
                        line.push(' ');
                        line.push_str(&head);
                        rest = tail;
                    }
                }
                out.push(std::mem::take(&mut line));
            }
            while text_width(&rest, style) > width {
                let (head, tail) = split_word(&rest, style, width);
                out.push(head);
                rest = tail;
            }
            line_em = em(&rest);
            line = rest;
        }
        out.push(line);
    }
    for line in &mut out {
        if line.contains(NBSP) {
            *line = line.replace(NBSP, " ");
        }
    }
    out
}

const NBSP: char = '\u{a0}';

/// "12", "117a", "2,", "2026." — a number that belongs to the word before it.
fn is_short_number(word: &str) -> bool {
    let w = word.trim_end_matches([',', '.', ';', ':', ')']);
    let digits = w.chars().take_while(char::is_ascii_digit).count();
    let rest = &w[digits..];
    (1..=4).contains(&digits)
        && (rest.is_empty() || (rest.len() == 1 && rest.chars().all(|c| c.is_ascii_lowercase())))
}

/// Like [`wrap`], but at most `max_lines` lines; the last one kept ends with "…" when text was dropped.
pub fn wrap_limited(text: &str, style: Style, width: f32, max_lines: usize) -> Vec<String> {
    let mut lines = wrap(text, style, width);
    if lines.len() > max_lines && max_lines > 0 {
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        let mut last = shorten(&rest, style, width);
        if !last.ends_with(ELLIPSIS) {
            last.push(ELLIPSIS);
            last = shorten(&last, style, width);
        }
        lines.push(last);
    }
    lines
}

/// The largest size from `style.size` down to `min_size` (in 1 pt steps) at which `text` wraps into at
/// most `max_lines` lines of `width`; with that size, the lines (cut with "…" if even `min_size` is too big).
pub fn fit(
    text: &str,
    style: Style,
    width: f32,
    max_lines: usize,
    min_size: f32,
) -> (Style, Vec<String>) {
    let mut s = style;
    loop {
        let lines = wrap(text, s, width);
        if lines.len() <= max_lines || s.size - 1.0 < min_size {
            return (s, wrap_limited(text, s, width, max_lines));
        }
        s = s.size(s.size - 1.0);
    }
}

// ---------------------------------------------------------------------------------------------------------
// Tables

/// One column of a table: width in mm and alignment of its cells.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub const fn left(width: f32) -> Column {
        Column {
            width,
            align: Align::Left,
        }
    }
    pub const fn right(width: f32) -> Column {
        Column {
            width,
            align: Align::Right,
        }
    }
    pub const fn center(width: f32) -> Column {
        Column {
            width,
            align: Align::Center,
        }
    }
}

/// Space left and right of a cell's text, in mm.
pub const CELL_PAD_X: f32 = 1.2;
/// Space above and below a row's text, in mm.
pub const CELL_PAD_Y: f32 = 1.0;

/// The height [`Doc::table_row`] gives a row of these cells.
pub fn row_height<S: AsRef<str>>(columns: &[Column], cells: &[S], style: Style) -> f32 {
    wrapped_height(&wrap_cells(columns, cells, style), style)
}

/// The lines of each cell of a table row, wrapped to its column.
fn wrap_cells<S: AsRef<str>>(columns: &[Column], cells: &[S], style: Style) -> Vec<Vec<String>> {
    columns
        .iter()
        .zip(cells)
        .map(|(c, t)| wrap(t.as_ref(), style, (c.width - 2.0 * CELL_PAD_X).max(1.0)))
        .collect()
}

/// The height of a table row of cells wrapped by [`wrap_cells`].
fn wrapped_height(cells: &[Vec<String>], style: Style) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
    lines as f32 * style.line_height() + 2.0 * CELL_PAD_Y
}

/// Text pre-wrapped for a table cell of `width` (at most `max_lines` lines, the last cut with "…"):
/// the table draws it exactly so.
pub fn cell_text(text: &str, style: Style, width: f32, max_lines: usize) -> String {
    wrap_limited(text, style, width - 2.0 * CELL_PAD_X, max_lines).join("\n")
}

#[derive(Debug, Clone)]
struct TableHeader {
    columns: Vec<Column>,
    labels: Vec<String>,
    style: Style,
}

// ---------------------------------------------------------------------------------------------------------
// The document writer

#[derive(Debug, Clone)]
enum Item {
    Text {
        x: f32,
        baseline: f32,
        style: Style,
        text: String,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width_pt: f32,
        colour: Colour,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Colour,
        fill: bool,
        width_pt: f32,
    },
    /// Connected line segments, optionally dashed (dash and gap in pt).
    Path {
        points: Vec<(f32, f32)>,
        width_pt: f32,
        colour: Colour,
        dash: Option<(f32, f32)>,
    },
}

/// A document being laid out: pages of positioned items, a cursor `y` (mm from the top of the current page)
/// for flowing content, and the footer printed on every page by [`Doc::finish`].
#[derive(Debug, Clone)]
pub struct Doc {
    title: String,
    author: String,
    created: NaiveDate,
    pages: Vec<Vec<Item>>,
    y: f32,
    footer: Vec<String>,
    page_numbers: bool,
    table_header: Option<TableHeader>,
    /// Drawn diagonally across every page by [`Doc::finish`] (see [`Doc::set_watermark`]).
    watermark: Option<String>,
}

impl Doc {
    /// A new document with one empty page; `created` goes into the PDF's metadata.
    pub fn new(title: &str, author: &str, created: NaiveDate) -> Doc {
        Doc {
            title: title.to_string(),
            author: author.to_string(),
            created,
            pages: vec![Vec::new()],
            y: CONTENT_TOP,
            footer: Vec::new(),
            page_numbers: false,
            table_header: None,
            watermark: None,
        }
    }

    /// Footer lines printed small and centred at the bottom of every page, above a thin rule. Set this
    /// before laying out content: the footer's height limits the body.
    /// Lines too long for the page are wrapped, never cut: the first line leaves room on both sides
    /// for "Seite 1 von 3" (whether the document gets page numbers is known only at the end).
    pub fn set_footer(&mut self, lines: Vec<String>) {
        let style = Self::footer_style();
        let narrow = CONTENT_WIDTH - 2.0 * Self::page_number_width();
        self.footer = lines
            .iter()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .flat_map(|(i, l)| wrap(l, style, if i == 0 { narrow } else { CONTENT_WIDTH }))
            .collect();
    }

    /// The room the page number takes beside the first footer line (up to "Seite 999 von 999").
    fn page_number_width() -> f32 {
        text_width("Seite 999 von 999", Self::footer_style()) + 4.0
    }

    /// "Seite 1 von 3" in the footer: always when `true`, otherwise only when there is more than one page.
    pub fn set_page_numbers(&mut self, always: bool) {
        self.page_numbers = always;
    }

    /// A large light-grey text diagonally across the middle of every page ("ENTWURF" on drafts): above
    /// background shading, below all other content, inside the printable box. `None` removes it.
    pub fn set_watermark(&mut self, text: Option<&str>) {
        self.watermark = text
            .map(|t| clean(t.trim(), Weight::Bold))
            .filter(|t| !t.is_empty());
    }

    fn footer_style() -> Style {
        Style::regular(FOOTER_SIZE).colour(Colour::GREY)
    }

    /// Height reserved at the bottom of each page for the footer.
    fn footer_height(&self) -> f32 {
        // A page number line is reserved even for one-page documents: the count is known only at the end.
        let lines = self.footer.len().max(1);
        FOOTER_GAP + lines as f32 * Self::footer_style().line_height() + 1.0
    }

    /// The lowest y flowing content may reach on a page.
    pub fn body_bottom(&self) -> f32 {
        CONTENT_BOTTOM - self.footer_height()
    }

    /// The cursor: top of the next line, mm from the top of the current page.
    pub fn y(&self) -> f32 {
        self.y
    }

    /// Moves the cursor (clamped to the printable box).
    pub fn set_y(&mut self, y: f32) {
        self.y = y.clamp(CONTENT_TOP, CONTENT_BOTTOM);
    }

    /// Vertical space; never moves past the body's bottom (the next content then starts a new page).
    pub fn gap(&mut self, mm: f32) {
        self.y = (self.y + mm).min(self.body_bottom());
    }

    /// Space left on the current page for flowing content, in mm.
    pub fn remaining(&self) -> f32 {
        self.body_bottom() - self.y
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Starts a new page; the cursor goes to the top; a table header set with [`Doc::table_header`] is
    /// repeated.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = CONTENT_TOP;
        if let Some(h) = self.table_header.clone() {
            self.draw_row(&h.columns, &h.labels, h.style, true);
        }
    }

    /// Starts a new page unless `height` mm still fit on this one. Returns whether a page was started.
    pub fn ensure_space(&mut self, height: f32) -> bool {
        if self.y + height > self.body_bottom() + 0.01 && self.y > CONTENT_TOP + 0.01 {
            self.new_page();
            true
        } else {
            false
        }
    }

    fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    /// Takes the one page `laid_out` drew (with its cursor, table header and watermark) as the current
    /// page, which must be empty: a document laid out to see whether it fits need not be drawn again.
    /// `laid_out` must have the same footer.
    pub fn adopt_page(&mut self, mut laid_out: Doc) {
        debug_assert_eq!(laid_out.footer, self.footer);
        debug_assert!(self.pages.last().is_some_and(|p| p.is_empty()));
        if let (Some(page), Some(items)) = (self.pages.last_mut(), laid_out.pages.pop()) {
            *page = items;
        }
        self.y = laid_out.y;
        self.table_header = laid_out.table_header;
        if laid_out.watermark.is_some() {
            self.watermark = laid_out.watermark;
        }
    }

    /// A new document with one empty page and this one's title, metadata, footer, page numbering and
    /// watermark: to lay out a page to see whether it fits ([`Doc::adopt_page`]), or pages on another
    /// thread ([`Doc::append`]).
    pub fn blank(&self) -> Doc {
        Doc {
            title: self.title.clone(),
            author: self.author.clone(),
            created: self.created,
            pages: vec![Vec::new()],
            y: CONTENT_TOP,
            footer: self.footer.clone(),
            page_numbers: self.page_numbers,
            table_header: None,
            watermark: self.watermark.clone(),
        }
    }

    /// Adds the pages of `other` (made with [`Doc::blank`] from this document) after this one's, as
    /// if they had been drawn here after [`Doc::new_page`] with no table header open.
    pub fn append(&mut self, other: Doc) {
        debug_assert_eq!(other.footer, self.footer);
        debug_assert!(self.table_header.is_none());
        self.pages.extend(other.pages);
        self.y = other.y;
        self.table_header = other.table_header;
        if other.watermark.is_some() {
            self.watermark = other.watermark;
        }
    }

    /// A rectangle item clipped to the printable box.
    #[allow(clippy::too_many_arguments)]
    fn push_rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Colour,
        fill: bool,
        width_pt: f32,
    ) {
        let (x0, y0) = (x.max(CONTENT_LEFT), y.max(CONTENT_TOP));
        let (x1, y1) = ((x + w).min(CONTENT_RIGHT), (y + h).min(CONTENT_BOTTOM));
        if x1 > x0 && y1 > y0 {
            self.push(Item::Rect {
                x: x0,
                y: y0,
                w: x1 - x0,
                h: y1 - y0,
                colour,
                fill,
                width_pt,
            });
        }
    }

    // --- positioned drawing (does not move the cursor) ---

    /// One line of text in the box from `x` to `x + width`, aligned; shortened with "…" if too wide. The
    /// box is clipped to the printable width.
    pub fn text_at(
        &mut self,
        x: f32,
        baseline: f32,
        width: f32,
        style: Style,
        align: Align,
        text: &str,
    ) {
        if let Some(item) = text_item(x, baseline, width, style, align, text) {
            self.push(item);
        }
    }

    /// Wrapped text in a box with its top at `top`, at most `max_lines` lines; returns the height used.
    /// For side-by-side blocks (address field, information column); does not break pages.
    #[allow(clippy::too_many_arguments)]
    pub fn block_at(
        &mut self,
        x: f32,
        top: f32,
        width: f32,
        style: Style,
        align: Align,
        text: &str,
        max_lines: usize,
    ) -> f32 {
        let lines = wrap_limited(text, style, width, max_lines);
        self.lines_at(x, top, width, style, align, &lines)
    }

    /// Draws prepared lines (from [`wrap`], [`fit`] …) with their top at `top`; returns the height used.
    pub fn lines_at(
        &mut self,
        x: f32,
        top: f32,
        width: f32,
        style: Style,
        align: Align,
        lines: &[String],
    ) -> f32 {
        let lh = style.line_height();
        for (i, l) in lines.iter().enumerate() {
            self.text_at(
                x,
                top + i as f32 * lh + style.baseline(),
                width,
                style,
                align,
                l,
            );
        }
        lines.len() as f32 * lh
    }

    /// A straight line between two points (mm), `width_pt` thick.
    pub fn line_at(&mut self, from: (f32, f32), to: (f32, f32), width_pt: f32, colour: Colour) {
        let clamp = |(x, y): (f32, f32)| {
            (
                x.clamp(CONTENT_LEFT, CONTENT_RIGHT),
                y.clamp(CONTENT_TOP, CONTENT_BOTTOM),
            )
        };
        self.push(Item::Line {
            from: clamp(from),
            to: clamp(to),
            width_pt,
            colour,
        });
    }

    /// Connected straight segments through `points` (mm), `width_pt` thick, with round joins; dashed when
    /// `dash` gives the lengths of dash and gap in mm. Points are clamped to the printable box.
    pub fn polyline_at(
        &mut self,
        points: &[(f32, f32)],
        width_pt: f32,
        colour: Colour,
        dash: Option<(f32, f32)>,
    ) {
        if points.len() < 2 {
            return;
        }
        let points = points
            .iter()
            .map(|&(x, y)| {
                (
                    x.clamp(CONTENT_LEFT, CONTENT_RIGHT),
                    y.clamp(CONTENT_TOP, CONTENT_BOTTOM),
                )
            })
            .collect();
        self.push(Item::Path {
            points,
            width_pt,
            colour,
            dash: dash.map(|(on, off)| (on / PT_MM, off / PT_MM)),
        });
    }

    /// A filled rectangle (top-left corner, width, height in mm).
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        self.push_rect(x, y, w, h, colour, true, 0.0);
    }

    /// The outline of a rectangle (top-left corner, width, height in mm), `width_pt` thick; the stroke stays
    /// inside the rectangle.
    pub fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, width_pt: f32, colour: Colour) {
        let inset = width_pt * PT_MM / 2.0;
        self.push_rect(
            x + inset,
            y + inset,
            w - 2.0 * inset,
            h - 2.0 * inset,
            colour,
            false,
            width_pt,
        );
    }

    // --- flowing content (moves the cursor, breaks pages) ---

    /// One line at the cursor across the content width, aligned, shortened if too wide.
    pub fn line(&mut self, style: Style, align: Align, text: &str) {
        self.ensure_space(style.line_height());
        let y = self.y;
        self.text_at(
            CONTENT_LEFT,
            y + style.baseline(),
            CONTENT_WIDTH,
            style,
            align,
            text,
        );
        self.y += style.line_height();
    }

    /// Wrapped text at the cursor in the box from `x` to `x + width`; pages break between lines.
    pub fn block(&mut self, x: f32, width: f32, style: Style, align: Align, text: &str) {
        for l in wrap(text, style, width) {
            self.ensure_space(style.line_height());
            let y = self.y;
            self.text_at(x, y + style.baseline(), width, style, align, &l);
            self.y += style.line_height();
        }
    }

    /// A paragraph across the content width, followed by `after` mm of space.
    pub fn paragraph(&mut self, style: Style, text: &str, after: f32) {
        self.block(CONTENT_LEFT, CONTENT_WIDTH, style, Align::Left, text);
        self.gap(after);
    }

    /// A horizontal rule across the content width at the cursor; the cursor moves below it.
    pub fn rule(&mut self, width_pt: f32, colour: Colour) {
        self.ensure_space(1.0);
        let y = self.y + 0.5;
        self.line_at((CONTENT_LEFT, y), (CONTENT_RIGHT, y), width_pt, colour);
        self.y += 1.0;
    }

    /// Sets the table header, draws it at the cursor and repeats it at the top of every following page,
    /// until [`Doc::end_table`].
    pub fn table_header(&mut self, columns: &[Column], labels: &[&str], style: Style) {
        // A heading is written by us: each of its words must fit its column (break at "-\n" yourself).
        debug_assert!(
            columns.iter().zip(labels).all(|(c, l)| l
                .split_whitespace()
                .all(|w| text_width(w, style) <= c.width - 2.0 * CELL_PAD_X)),
            "a table heading word is wider than its column: {labels:?}"
        );
        let labels: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
        let h = row_height(columns, &labels, style);
        // A header alone at the bottom of a page is useless: keep room for one row below it.
        self.ensure_space(h + style.line_height() + 2.0 * CELL_PAD_Y);
        self.table_header = Some(TableHeader {
            columns: columns.to_vec(),
            labels: labels.clone(),
            style,
        });
        self.draw_row(columns, &labels, style, true);
    }

    /// Stops repeating the table header.
    pub fn end_table(&mut self) {
        self.table_header = None;
    }

    /// One table row at the cursor, starting at the left content edge: each cell wraps within its column,
    /// the row is as high as its tallest cell, a thin rule below. A row never splits across pages.
    pub fn table_row(&mut self, columns: &[Column], cells: &[&str], style: Style) {
        self.table_row_placed(columns, cells, style);
    }

    /// Like [`Doc::table_row`]; returns the top of the row and its height on the page it went to, for
    /// drawing into its cells afterwards (a marker, a swatch).
    pub fn table_row_placed(
        &mut self,
        columns: &[Column],
        cells: &[&str],
        style: Style,
    ) -> (f32, f32) {
        // Wrapped once, for the height and for drawing.
        let wrapped = wrap_cells(columns, cells, style);
        let h = wrapped_height(&wrapped, style);
        self.ensure_space(h);
        let top = self.y;
        self.draw_wrapped(columns, &wrapped, style, false);
        (top, h)
    }

    fn draw_row(&mut self, columns: &[Column], cells: &[String], style: Style, header: bool) {
        let wrapped = wrap_cells(columns, cells, style);
        self.draw_wrapped(columns, &wrapped, style, header);
    }

    /// A table row of cells wrapped by [`wrap_cells`] at the cursor; the cursor goes below it.
    fn draw_wrapped(
        &mut self,
        columns: &[Column],
        cells: &[Vec<String>],
        style: Style,
        header: bool,
    ) {
        let h = wrapped_height(cells, style);
        let top = self.y;
        let total: f32 = columns
            .iter()
            .map(|c| c.width)
            .sum::<f32>()
            .min(CONTENT_WIDTH);
        if header {
            self.fill_rect(CONTENT_LEFT, top, total, h, Colour::SHADE);
        }
        let mut x = CONTENT_LEFT;
        for (c, lines) in columns.iter().zip(cells) {
            let inner = (c.width - 2.0 * CELL_PAD_X).max(1.0);
            self.lines_at(
                x + CELL_PAD_X,
                top + CELL_PAD_Y,
                inner,
                style,
                c.align,
                lines,
            );
            x += c.width;
        }
        let colour = if header {
            Colour::GREY
        } else {
            Colour::LIGHT_GREY
        };
        self.line_at(
            (CONTENT_LEFT, top + h),
            (CONTENT_LEFT + total, top + h),
            0.4,
            colour,
        );
        self.y = top + h;
    }

    /// A signature field at the cursor in the box from `x` to `x + width`: `space` mm of room to sign, a
    /// line, and the captions below it (small). Moves the cursor below the captions.
    pub fn signature(&mut self, x: f32, width: f32, space: f32, captions: &[&str]) {
        let style = Style::regular(8.5);
        let height = space + 1.0 + captions.len() as f32 * style.line_height();
        self.ensure_space(height);
        let line_y = self.y + space;
        self.line_at((x, line_y), (x + width, line_y), 0.5, Colour::BLACK);
        let mut top = line_y + 1.0;
        for c in captions.iter().filter(|c| !c.trim().is_empty()) {
            top += self.block_at(x, top, width, style, Align::Left, c, 2);
        }
        self.y = top;
    }

    // --- output ---

    /// The footer of page `page` (0-based) of `total`, with "Seite 1 von 3" when `numbered`.
    fn footer_items(&self, page: usize, total: usize, numbered: bool) -> Footer {
        let style = Self::footer_style();
        let lh = style.line_height();
        let top = CONTENT_BOTTOM - self.footer.len().max(1) as f32 * lh - 1.0;
        let mut items = Vec::new();
        if !self.footer.is_empty() {
            items.push(Item::Line {
                from: (CONTENT_LEFT, top),
                to: (CONTENT_RIGHT, top),
                width_pt: 0.4,
                colour: Colour::LIGHT_GREY,
            });
        }
        let number_w = if numbered {
            Self::page_number_width()
        } else {
            0.0
        };
        for (i, l) in self.footer.iter().enumerate() {
            let y = top + 1.0 + i as f32 * lh + style.baseline();
            // The first line shares its row with the page number and stays centred on the page.
            let reserve = if i == 0 { number_w } else { 0.0 };
            items.extend(text_item(
                CONTENT_LEFT + reserve,
                y,
                CONTENT_WIDTH - 2.0 * reserve,
                style,
                Align::Center,
                l,
            ));
        }
        let number = if numbered {
            let y = top + 1.0 + style.baseline();
            let number = format!("Seite {} von {}", page + 1, total);
            text_item(CONTENT_LEFT, y, CONTENT_WIDTH, style, Align::Right, &number)
        } else {
            None
        };
        Footer {
            fixed: items,
            number,
        }
    }

    /// The footers of pages `pages` as a document of their own (numbered from 1).
    fn footers(&self, pages: Range<usize>) -> Vec<Footer> {
        let total = pages.len();
        let numbered = self.page_numbers || total > 1;
        (0..total)
            .map(|p| self.footer_items(p, total, numbered))
            .collect()
    }

    /// Draws the footers and writes the PDF: fonts subset to the glyphs used and embedded, streams
    /// compressed.
    pub fn finish(self) -> Result<Vec<u8>> {
        Ok(self.finish_shared()?.0)
    }

    /// Like [`Doc::finish`]; also returns the font subsets made for this document, for
    /// [`Doc::finish_with`] of documents showing (some of) the same text.
    pub fn finish_shared(self) -> Result<(Vec<u8>, SharedFonts)> {
        Ok(self.finish_using(&SharedFonts::default()))
    }

    /// Like [`Doc::finish`], but embeds the subsets of `fonts` where they have every character this
    /// document shows in their weight (instead of subsetting again); any other weight is subset here.
    pub fn finish_with(self, fonts: &SharedFonts) -> Result<Vec<u8>> {
        Ok(self.finish_using(fonts).0)
    }

    fn finish_using(self, fonts: &SharedFonts) -> (Vec<u8>, SharedFonts) {
        let footers = self.footers(0..self.pages.len());
        let fonts = fonts.covering(self.used_chars(&[&footers]));
        let (bodies, mut footers) = self.pack(&fonts, &[&footers]);
        let footers = footers.pop().unwrap_or_default();
        let pages: Vec<(&[u8], &FooterStreams)> =
            bodies.iter().map(Vec::as_slice).zip(&footers).collect();
        (self.write(&self.title, &pages, &fonts), fonts)
    }

    /// Writes the whole document and, from the same pages, each of `parts` as a PDF of its own (with
    /// its own title and footers numbered from 1): each page is laid out, encoded and compressed
    /// once, and one set of font subsets serves every file. For a month's combined PDF and its
    /// single statements.
    pub fn finish_parts(self, parts: &[Part]) -> Result<(Vec<u8>, Vec<Vec<u8>>)> {
        let n = self.pages.len();
        if let Some(p) = parts.iter().find(|p| p.pages.end > n || p.pages.is_empty()) {
            return Err(crate::Error::Rule {
                message: format!(
                    "Teildokument „{}“: Seiten {:?} gibt es nicht (das Dokument hat {n}).",
                    p.title, p.pages
                ),
                missing: Vec::new(),
            });
        }
        let mut footers = vec![self.footers(0..n)];
        footers.extend(parts.iter().map(|p| self.footers(p.pages.clone())));
        let all: Vec<&[Footer]> = footers.iter().map(Vec::as_slice).collect();
        let fonts = SharedFonts::default().covering(self.used_chars(&all));
        let (bodies, packed) = self.pack(&fonts, &all);
        // The whole document (its title, all pages, its footers), then each part: written half here,
        // half on a second thread (the whole document is as long as all parts together).
        let whole = Part {
            title: self.title.clone(),
            pages: 0..n,
        };
        let jobs: Vec<(&Part, &Vec<FooterStreams>)> =
            std::iter::once(&whole).chain(parts).zip(&packed).collect();
        let mut written = on_two_threads(&jobs, jobs.len() / 2, |jobs| {
            jobs.iter()
                .map(|(part, footers)| {
                    let pages: Vec<(&[u8], &FooterStreams)> = bodies[part.pages.clone()]
                        .iter()
                        .map(Vec::as_slice)
                        .zip(footers.iter())
                        .collect();
                    self.write(&part.title, &pages, &fonts)
                })
                .collect()
        });
        let singles = written.split_off(1.min(written.len()));
        let combined = written.pop().unwrap_or_default();
        Ok((combined, singles))
    }

    /// The compressed content streams of every page's body and of each of the footer sets, made on
    /// two threads for a long document. The part of a footer that every page shows alike is
    /// compressed once for all pages and files that show the same; the page number, a few bytes,
    /// is not compressed.
    fn pack(
        &self,
        fonts: &SharedFonts,
        footers: &[&[Footer]],
    ) -> (Vec<Vec<u8>>, Vec<Vec<FooterStreams>>) {
        enum Job<'a> {
            Body(usize),
            Footer(&'a [u8]),
        }
        let streams: Vec<Vec<u8>> = footers
            .iter()
            .flat_map(|f| f.iter())
            .map(|f| content_stream(&[], &f.fixed, None, fonts))
            .collect();
        // For each footer, the index of its stream among the distinct ones.
        let mut distinct: HashMap<&[u8], usize> = HashMap::new();
        let mut jobs: Vec<Job> = (0..self.pages.len()).map(Job::Body).collect();
        let slots: Vec<usize> = streams
            .iter()
            .map(|s| {
                *distinct.entry(s.as_slice()).or_insert_with(|| {
                    jobs.push(Job::Footer(s));
                    jobs.len() - 1 - self.pages.len()
                })
            })
            .collect();
        let run = |jobs: &[Job]| -> Vec<Vec<u8>> {
            let mut z = Deflater::default();
            jobs.iter()
                .map(|job| match job {
                    Job::Body(p) => z.pack(&self.body_stream(*p, fonts)),
                    Job::Footer(stream) => z.pack(stream),
                })
                .collect()
        };
        // Two threads only for a long document: starting one costs more than a few pages.
        let at = if jobs.len() < 16 { 0 } else { jobs.len() / 2 };
        let mut packed = on_two_threads(&jobs, at, run);
        let distinct_footers = packed.split_off(self.pages.len());
        let mut slots = slots.into_iter();
        let footers = footers
            .iter()
            .map(|f| {
                f.iter()
                    .zip(slots.by_ref())
                    .map(|(footer, i)| FooterStreams {
                        fixed: distinct_footers[i].clone(),
                        number: footer
                            .number
                            .as_ref()
                            .map(|n| content_stream(&[], std::slice::from_ref(n), None, fonts)),
                    })
                    .collect()
            })
            .collect();
        (packed, footers)
    }

    /// The characters each weight shows, for subsetting: the pages, `footers` and the watermark.
    fn used_chars(&self, footers: &[&[Footer]]) -> BTreeMap<Weight, BTreeSet<char>> {
        // The common characters marked in a table, the others in a set.
        let mut table: BTreeMap<Weight, Vec<bool>> = BTreeMap::new();
        let mut others: BTreeMap<Weight, BTreeSet<char>> = BTreeMap::new();
        let mut add = |weight: Weight, text: &str| {
            let seen = table
                .entry(weight)
                .or_insert_with(|| vec![false; TABLE_SIZE]);
            for c in text.chars() {
                match slot(c) {
                    Some(i) => seen[i] = true,
                    None => {
                        others.entry(weight).or_default().insert(c);
                    }
                }
            }
        };
        let items = self.pages.iter().flatten().chain(
            footers
                .iter()
                .flat_map(|f| f.iter())
                .flat_map(Footer::items),
        );
        for item in items {
            if let Item::Text { style, text, .. } = item {
                add(style.weight, text);
            }
        }
        if let Some(w) = &self.watermark {
            add(Weight::Bold, w);
        }
        table
            .into_iter()
            .map(|(weight, seen)| {
                let mut chars = others.remove(&weight).unwrap_or_default();
                chars.extend(slot_chars().zip(&seen).filter(|(_, s)| **s).map(|(c, _)| c));
                (weight, chars)
            })
            .collect()
    }

    /// The content stream of page `page` without its footer: background fills, the watermark, then
    /// everything else in order.
    fn body_stream(&self, page: usize, fonts: &SharedFonts) -> Vec<u8> {
        let items = &self.pages[page];
        match &self.watermark {
            None => content_stream(&[], items, None, fonts),
            Some(mark) => {
                let (fills, rest): (Vec<Item>, Vec<Item>) = items
                    .iter()
                    .cloned()
                    .partition(|i| matches!(i, Item::Rect { fill: true, .. }));
                content_stream(&fills, &rest, Some(mark), fonts)
            }
        }
    }

    /// The PDF of `pages` (compressed body and footer content streams) with `fonts` embedded.
    fn write(
        &self,
        title: &str,
        pages: &[(&[u8], &FooterStreams)],
        fonts: &SharedFonts,
    ) -> Vec<u8> {
        let mut w = Writer::default();
        let size = pages
            .iter()
            .map(|(b, f)| b.len() + f.fixed.len() + f.number.as_ref().map_or(0, Vec::len) + 400)
            .sum::<usize>()
            + fonts
                .subsets
                .values()
                .map(|s| s.program.len() + s.to_unicode.len() + s.widths.len() + 600)
                .sum::<usize>();
        w.out.reserve(size + 1000);
        w.out.extend_from_slice(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
        // Objects: 1 catalog, 2 page tree, 3 info, 4 resources, 5 … fonts (5 each), then per page
        // the page, its body and its footer (and its page number).
        let font_base = 5;
        let page_base = font_base + 5 * fonts.subsets.len();
        let page_ids: Vec<usize> = pages
            .iter()
            .scan(page_base, |next, (_, f)| {
                let id = *next;
                *next += if f.number.is_some() { 4 } else { 3 };
                Some(id)
            })
            .collect();
        w.object(1, b"<</Type/Catalog/Pages 2 0 R>>");
        let mut kids = String::with_capacity(pages.len() * 12 + 30);
        kids.push_str("<</Type/Pages/Count ");
        kids.push_str(&pages.len().to_string());
        kids.push_str("/Kids[");
        for id in &page_ids {
            kids.push_str(&format!("{id} 0 R "));
        }
        kids.push_str("]>>");
        w.object(2, kids.as_bytes());
        let date = format!("(D:{}000000Z)", self.created.format("%Y%m%d"));
        let info = format!(
            "<</Title{}/Author{}/Creator{}/Producer{}/CreationDate{date}/ModDate{date}>>",
            pdf_text(title),
            pdf_text(&self.author),
            pdf_text("Lotsenbüro"),
            pdf_text("Lotsenbüro"),
        );
        w.object(3, info.as_bytes());
        let mut resources = String::from("<</Font<<");
        for (i, weight) in fonts.subsets.keys().enumerate() {
            resources.push_str(&format!("/{} {} 0 R", weight.resource(), font_base + 5 * i));
        }
        resources.push_str(">>>>");
        w.object(4, resources.as_bytes());
        for (i, s) in fonts.subsets.values().enumerate() {
            let id = font_base + 5 * i;
            let name = &s.name;
            w.object(
                id,
                format!(
                    "<</Type/Font/Subtype/Type0/BaseFont/{name}/Encoding/Identity-H\
                     /DescendantFonts[{} 0 R]/ToUnicode {} 0 R>>",
                    id + 1,
                    id + 4
                )
                .as_bytes(),
            );
            w.object(
                id + 1,
                format!(
                    "<</Type/Font/Subtype/CIDFontType2/BaseFont/{name}\
                     /CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>\
                     /FontDescriptor {} 0 R/DW 1000/W{}/CIDToGIDMap/Identity>>",
                    id + 2,
                    s.widths
                )
                .as_bytes(),
            );
            w.object(
                id + 2,
                format!("<<{}/FontFile2 {} 0 R>>", s.descriptor, id + 3).as_bytes(),
            );
            w.stream(id + 3, &format!("/Length1 {}", s.program_len), &s.program);
            w.stream(id + 4, "", &s.to_unicode);
        }
        let media = format!(
            "/MediaBox[0 0 {} {}]",
            num(mm_to_pt(PAGE_WIDTH), 100),
            num(mm_to_pt(PAGE_HEIGHT), 100)
        );
        for ((body, footer), &id) in pages.iter().zip(&page_ids) {
            let number = match footer.number {
                Some(_) => format!(" {} 0 R", id + 3),
                None => String::new(),
            };
            w.object(
                id,
                format!(
                    "<</Type/Page/Parent 2 0 R{media}/Resources 4 0 R/Contents[{} 0 R {} 0 R{number}]>>",
                    id + 1,
                    id + 2
                )
                .as_bytes(),
            );
            w.stream(id + 1, "", body);
            w.stream(id + 2, "", &footer.fixed);
            if let Some(number) = &footer.number {
                w.plain_stream(id + 3, number);
            }
        }
        w.finish()
    }
}

impl Weight {
    /// The font's name in the page resources.
    fn resource(self) -> &'static str {
        match self {
            Weight::Regular => "FR",
            Weight::Bold => "FB",
        }
    }
}

/// The footer of one page: what every page with the same footer shows alike, and the page number.
#[derive(Debug, Clone)]
struct Footer {
    fixed: Vec<Item>,
    number: Option<Item>,
}

impl Footer {
    fn items(&self) -> impl Iterator<Item = &Item> {
        self.fixed.iter().chain(&self.number)
    }
}

/// A footer's content streams: the compressed fixed part and the page number as it is.
#[derive(Debug, Clone, Default)]
struct FooterStreams {
    fixed: Vec<u8>,
    number: Option<Vec<u8>>,
}

/// A part of a document also written on its own by [`Doc::finish_parts`]: its PDF title and its
/// pages (0-based).
#[derive(Debug, Clone)]
pub struct Part {
    pub title: String,
    pub pages: Range<usize>,
}

/// Writes numbered objects and the cross-reference table.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    /// Byte offset of each object, by number − 1.
    offsets: Vec<usize>,
}

impl Writer {
    fn start(&mut self, id: usize) {
        if self.offsets.len() < id {
            self.offsets.resize(id, 0);
        }
        self.offsets[id - 1] = self.out.len();
        self.out.extend_from_slice(id.to_string().as_bytes());
        self.out.extend_from_slice(b" 0 obj\n");
    }

    fn object(&mut self, id: usize, body: &[u8]) {
        self.start(id);
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    /// A stream of deflated `data`; `extra` goes into its dictionary.
    fn stream(&mut self, id: usize, extra: &str, data: &[u8]) {
        self.stream_with(id, &format!("/Filter/FlateDecode{extra}"), data);
    }

    /// A stream of `data` as it is (for a few bytes, compressing costs more than it saves).
    fn plain_stream(&mut self, id: usize, data: &[u8]) {
        self.stream_with(id, "", data);
    }

    /// A stream object of `data` whose dictionary holds its length and `dict`.
    fn stream_with(&mut self, id: usize, dict: &str, data: &[u8]) {
        self.start(id);
        self.out
            .extend_from_slice(format!("<</Length {}{dict}>>\nstream\n", data.len()).as_bytes());
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    fn finish(mut self) -> Vec<u8> {
        let xref = self.out.len();
        let n = self.offsets.len() + 1;
        self.out
            .extend_from_slice(format!("xref\n0 {n}\n0000000000 65535 f \n").as_bytes());
        for o in &self.offsets {
            self.out
                .extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        self.out.extend_from_slice(
            format!("trailer\n<</Size {n}/Root 1 0 R/Info 3 0 R>>\nstartxref\n{xref}\n%%EOF\n")
                .as_bytes(),
        );
        self.out
    }
}

/// A text string for the document information: UTF-16BE with byte order mark, in hex.
fn pdf_text(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut s = String::with_capacity(6 + 4 * text.len());
    s.push_str("<FEFF");
    for u in text.encode_utf16() {
        for shift in [12, 8, 4, 0] {
            s.push(char::from(HEX[usize::from((u >> shift) & 0xF)]));
        }
    }
    s.push('>');
    s
}

fn mm_to_pt(mm: f32) -> f32 {
    mm / PT_MM
}

/// `v` rounded to 1/`scale`, without trailing zeros ("12.5", "3", "-0.25").
fn num(v: f32, scale: i64) -> String {
    let mut s = String::new();
    push_num(&mut s, v, scale);
    s
}

fn push_num(out: &mut String, v: f32, scale: i64) {
    use std::fmt::Write;
    let n = (f64::from(v) * scale as f64).round() as i64;
    if n < 0 {
        out.push('-');
    }
    let n = n.unsigned_abs();
    let scale = scale as u64;
    let _ = write!(out, "{}", n / scale);
    let mut frac = n % scale;
    if frac != 0 {
        out.push('.');
        let mut div = scale / 10;
        while frac != 0 && div > 0 {
            out.push(char::from(b'0' + (frac / div) as u8));
            frac %= div;
            div /= 10;
        }
    }
}

/// Writes page content: the operators for items, setting colour, line width and font only when they
/// change, and keeping consecutive text in one text object.
struct Painter<'a> {
    out: String,
    fonts: &'a SharedFonts,
    in_text: bool,
    state: PaintState,
}

impl<'a> Painter<'a> {
    fn new(fonts: &'a SharedFonts, capacity: usize) -> Self {
        Painter {
            out: String::with_capacity(capacity),
            fonts,
            in_text: false,
            state: PaintState::default(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Default)]
struct PaintState {
    fill: Option<Colour>,
    stroke: Option<Colour>,
    width: Option<f32>,
    font: Option<(Weight, f32)>,
}

/// The content stream for `first` items, the watermark `mark`, then `items`.
fn content_stream(
    first: &[Item],
    items: &[Item],
    mark: Option<&str>,
    fonts: &SharedFonts,
) -> Vec<u8> {
    let mut p = Painter::new(fonts, 64 * (first.len() + items.len()) + 64);
    for item in first {
        p.item(item);
    }
    if let Some(mark) = mark {
        p.watermark(mark);
    }
    for item in items {
        p.item(item);
    }
    p.end_text();
    p.out.into_bytes()
}

impl Painter<'_> {
    fn n(&mut self, v: f32) {
        push_num(&mut self.out, v, 1000);
        self.out.push(' ');
    }

    fn x(&mut self, mm: f32) {
        self.n(mm_to_pt(mm));
    }

    fn y(&mut self, mm_from_top: f32) {
        self.n(mm_to_pt(PAGE_HEIGHT - mm_from_top));
    }

    fn colour(&mut self, c: Colour, stroke: bool) {
        let now = if stroke {
            &mut self.state.stroke
        } else {
            &mut self.state.fill
        };
        if *now == Some(c) {
            return;
        }
        *now = Some(c);
        if c.0 == c.1 && c.1 == c.2 {
            push_num(&mut self.out, c.0, 1000);
            self.out.push_str(if stroke { " G\n" } else { " g\n" });
        } else {
            for v in [c.0, c.1, c.2] {
                push_num(&mut self.out, v, 1000);
                self.out.push(' ');
            }
            self.out.push_str(if stroke { "RG\n" } else { "rg\n" });
        }
    }

    fn line_width(&mut self, pt: f32) {
        if self.state.width != Some(pt) {
            self.state.width = Some(pt);
            self.n(pt);
            self.out.push_str("w\n");
        }
    }

    fn begin_text(&mut self) {
        if !self.in_text {
            self.in_text = true;
            self.out.push_str("BT\n");
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.in_text = false;
            self.out.push_str("ET\n");
        }
    }

    fn font(&mut self, weight: Weight, size: f32) {
        if self.state.font != Some((weight, size)) {
            self.state.font = Some((weight, size));
            self.out.push('/');
            self.out.push_str(weight.resource());
            self.out.push(' ');
            self.n(size);
            self.out.push_str("Tf\n");
        }
    }

    /// `text` as glyph codes of the weight's subset: a literal string of two bytes a glyph (half
    /// the size of hex), escaped where PDF syntax asks for it; line breaks and bytes beyond ASCII
    /// are escaped too, so the stream stays text of one line per operator.
    fn show(&mut self, weight: Weight, text: &str) {
        let subset = self.fonts.subsets.get(&weight);
        self.out.push('(');
        for c in text.chars() {
            let code = subset.map_or(0, |s| s.code(c));
            for b in code.to_be_bytes() {
                match b {
                    b'(' | b')' | b'\\' => {
                        self.out.push('\\');
                        self.out.push(char::from(b));
                    }
                    b'\n' => self.out.push_str("\\n"),
                    b'\r' => self.out.push_str("\\r"),
                    0x80.. => {
                        self.out.push('\\');
                        for shift in [6, 3, 0] {
                            self.out.push(char::from(b'0' + ((b >> shift) & 7)));
                        }
                    }
                    _ => self.out.push(char::from(b)),
                }
            }
        }
        self.out.push_str(") Tj\n");
    }

    /// Runs `f` between q and Q; what it sets is forgotten afterwards.
    fn saved(&mut self, f: impl FnOnce(&mut Self)) {
        self.end_text();
        let state = self.state;
        self.out.push_str("q\n");
        f(self);
        self.end_text();
        self.out.push_str("Q\n");
        self.state = state;
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Text {
                x,
                baseline,
                style,
                text,
            } => {
                self.begin_text();
                self.colour(style.colour, false);
                self.font(style.weight, style.size);
                self.out.push_str("1 0 0 1 ");
                self.x(*x);
                self.y(*baseline);
                self.out.push_str("Tm\n");
                self.show(style.weight, text);
            }
            Item::Line {
                from,
                to,
                width_pt,
                colour,
            } => {
                self.end_text();
                self.colour(*colour, true);
                self.line_width(*width_pt);
                self.x(from.0);
                self.y(from.1);
                self.out.push_str("m ");
                self.x(to.0);
                self.y(to.1);
                self.out.push_str("l S\n");
            }
            Item::Path {
                points,
                width_pt,
                colour,
                dash,
            } => self.saved(|p| {
                p.colour(*colour, true);
                p.line_width(*width_pt);
                p.out.push_str("1 j\n");
                if let Some((on, off)) = dash {
                    p.out.push('[');
                    p.n(*on);
                    p.n(*off);
                    p.out.push_str("] 0 d\n");
                }
                for (i, (x, y)) in points.iter().enumerate() {
                    p.x(*x);
                    p.y(*y);
                    p.out.push_str(if i == 0 { "m " } else { "l " });
                }
                p.out.push_str("S\n");
            }),
            Item::Rect {
                x,
                y,
                w,
                h,
                colour,
                fill,
                width_pt,
            } => {
                self.end_text();
                if *fill {
                    self.colour(*colour, false);
                } else {
                    self.colour(*colour, true);
                    self.line_width(*width_pt);
                }
                self.x(*x);
                self.y(*y + *h);
                self.n(mm_to_pt(*w));
                self.n(mm_to_pt(*h));
                self.out.push_str(if *fill { "re f\n" } else { "re S\n" });
            }
        }
    }

    /// `text` in bold light grey, rotated about 55° and centred in the printable box, as large as
    /// fits (at most 110 pt) with its whole rotated box inside the printable box.
    fn watermark(&mut self, text: &str) {
        let angle = 55f32.to_radians();
        let (sin, cos) = angle.sin_cos();
        // Per point of type size: width and height (ascender to descender) in mm.
        let w1 = text_width(text, Style::bold(1.0));
        let h1 = (0.93 + 0.24) * PT_MM;
        let room_w = CONTENT_WIDTH - 10.0;
        let room_h = CONTENT_BOTTOM - CONTENT_TOP - 40.0;
        let size = (room_w / (w1 * cos + h1 * sin))
            .min(room_h / (w1 * sin + h1 * cos))
            .min(110.0);
        let (w, mid) = (w1 * size, (0.93 - 0.24) / 2.0 * size * PT_MM);
        // Centre of the box, in PDF coordinates (mm from the bottom left).
        let (cx, cy) = (
            (CONTENT_LEFT + CONTENT_RIGHT) / 2.0,
            PAGE_HEIGHT - (CONTENT_TOP + CONTENT_BOTTOM) / 2.0,
        );
        // The baseline's start: the centre minus the rotated vector to the text's middle.
        let x = cx - (w / 2.0 * cos - mid * sin);
        let y = cy - (w / 2.0 * sin + mid * cos);
        self.saved(|p| {
            p.colour(Colour(0.88, 0.88, 0.88), false);
            p.begin_text();
            p.font(Weight::Bold, size);
            for v in [cos, sin, -sin, cos] {
                push_num(&mut p.out, v, 10000);
                p.out.push(' ');
            }
            p.n(mm_to_pt(x));
            p.n(mm_to_pt(y));
            p.out.push_str("Tm\n");
            p.show(Weight::Bold, text);
        });
    }
}

/// `run` over `items` split at `at`: the first part on this thread, the rest on a second (inline
/// when either part is empty). A second thread that panicked has its part run here instead.
fn on_two_threads<T: Sync, R: Send>(
    items: &[T],
    at: usize,
    run: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    if at == 0 || at >= items.len() {
        return run(items);
    }
    let (here, there) = items.split_at(at);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| run(there));
        let mut out = run(here);
        out.extend(other.join().unwrap_or_else(|_| run(there)));
        out
    })
}

/// Compresses streams with one reused zlib state (reset between streams: a reset clears the
/// state's 128 kB hash table, a new one needs none).
struct Deflater {
    z: flate2::Compress,
    used: bool,
}

impl Default for Deflater {
    fn default() -> Self {
        Deflater::new(CONTENT_LEVEL)
    }
}

impl Deflater {
    fn new(level: u32) -> Deflater {
        Deflater {
            z: flate2::Compress::new(flate2::Compression::new(level), true),
            used: false,
        }
    }

    fn pack(&mut self, data: &[u8]) -> Vec<u8> {
        let z = &mut self.z;
        if std::mem::replace(&mut self.used, true) {
            z.reset();
        }
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
        loop {
            let done = z.total_in() as usize;
            // Compressing into memory cannot fail.
            let status = z
                .compress_vec(&data[done..], &mut out, flate2::FlushCompress::Finish)
                .unwrap_or(flate2::Status::StreamEnd);
            if status == flate2::Status::StreamEnd {
                return out;
            }
            out.reserve(out.capacity().max(256));
        }
    }
}

/// Font subsets made once and embedded in several documents (see [`Doc::finish_shared`]).
#[derive(Debug, Clone, Default)]
pub struct SharedFonts {
    subsets: BTreeMap<Weight, Arc<Subset>>,
}

impl SharedFonts {
    /// For each weight of `used`, the subset of these fonts if it has every character, else a new
    /// one. Two new subsets (both weights) are made on two threads: each is a third of a 30-pilot
    /// month's work, most of it compressing the font program.
    fn covering(&self, used: BTreeMap<Weight, BTreeSet<char>>) -> SharedFonts {
        let mut subsets = BTreeMap::new();
        let mut new = Vec::new();
        for (weight, chars) in used {
            match self.subsets.get(&weight) {
                Some(s) if chars.is_subset(&s.chars) => {
                    subsets.insert(weight, s.clone());
                }
                _ => new.push((weight, chars)),
            }
        }
        let made = on_two_threads(&new, 1, |new| {
            new.iter()
                .map(|(weight, chars)| (*weight, Arc::new(Subset::new(*weight, chars.clone()))))
                .collect()
        });
        subsets.extend(made);
        SharedFonts { subsets }
    }
}

/// One weight's font subset for a set of characters, ready to embed: the glyph code of each
/// character, the font program and its ToUnicode map compressed, the widths and the descriptor.
#[derive(Debug)]
struct Subset {
    chars: BTreeSet<char>,
    /// "LOTSRG+DejaVuSans".
    name: &'static str,
    /// Glyph code of the characters with a [`slot`] (0: none) …
    table: Vec<u16>,
    /// … and of the others.
    others: BTreeMap<char, u16>,
    /// The compressed font program and its length uncompressed.
    program: Vec<u8>,
    program_len: usize,
    /// The compressed ToUnicode CMap.
    to_unicode: Vec<u8>,
    /// The /W array.
    widths: String,
    /// The font descriptor's entries but the font file.
    descriptor: String,
}

impl Subset {
    fn new(weight: Weight, chars: BTreeSet<char>) -> Subset {
        let (bytes, name) = match weight {
            Weight::Regular => (REGULAR_TTF, "LOTSRG+DejaVuSans"),
            Weight::Bold => (BOLD_TTF, "LOTSBD+DejaVuSans-Bold"),
        };
        let full = font(weight);
        // The codes are the glyph ids of the subset, or of the whole font if subsetting fails.
        let (table, others, glyphs) = codes(full, &chars);
        let cut = ttf_subset::subset(bytes, &glyphs.keys().copied().collect());
        let new = |g: u16| cut.as_ref().map_or(g, |c| c.glyph(g));
        let table = table.into_iter().map(new).collect();
        let others = others.into_iter().map(|(c, g)| (c, new(g))).collect();
        let glyphs = glyphs.into_iter().map(|(g, v)| (new(g), v)).collect();
        let program = cut.as_ref().map_or(bytes, |c| &c.bytes);
        // One zlib state for both streams: each new one is 300 kB to allocate and zero.
        let mut z = Deflater::new(FONT_LEVEL);
        Subset {
            name,
            table,
            others,
            program: z.pack(program),
            program_len: program.len(),
            to_unicode: z.pack(to_unicode(name, &glyphs).as_bytes()),
            widths: widths(&glyphs),
            descriptor: descriptor(name, full),
            chars,
        }
    }

    fn code(&self, c: char) -> u16 {
        match slot(c) {
            Some(i) => self.table[i],
            None => self.others.get(&c).copied().unwrap_or(0),
        }
    }
}

/// The glyph codes of `chars` in `font`: those with a [`slot`] in a table (0: none), the others in a
/// map; and code → (width in 1/1000 em, character), ascending by code, the first character of a
/// glyph naming it.
#[allow(clippy::type_complexity)]
fn codes(
    font: &Tables,
    chars: &BTreeSet<char>,
) -> (Vec<u16>, BTreeMap<char, u16>, BTreeMap<u16, (i64, char)>) {
    let mut table = vec![0u16; TABLE_SIZE];
    let mut others = BTreeMap::new();
    let mut glyphs: BTreeMap<u16, (i64, char)> = BTreeMap::new();
    let upm = f32::from(font.units_per_em.max(1));
    for &c in chars {
        let Some(code) = font.glyph(c) else {
            continue;
        };
        match slot(c) {
            Some(i) => table[i] = code,
            None => {
                others.insert(c, code);
            }
        }
        let width = font.width(code).unwrap_or(0);
        glyphs
            .entry(code)
            .or_insert(((f32::from(width) * 1000.0 / upm) as i64, c));
    }
    (table, others, glyphs)
}

/// The /W array: runs of consecutive codes with their widths (1/1000 em).
fn widths(glyphs: &BTreeMap<u16, (i64, char)>) -> String {
    let mut s = String::from("[");
    let mut next: Option<u16> = None;
    for (&code, &(width, _)) in glyphs {
        if next != Some(code) {
            if next.is_some() {
                s.push(']');
            }
            s.push_str(&format!("{code}["));
        } else {
            s.push(' ');
        }
        s.push_str(&width.to_string());
        next = code.checked_add(1);
    }
    if next.is_some() {
        s.push(']');
    }
    s.push(']');
    s
}

/// The ToUnicode CMap: each glyph code to its character, for copying and searching text.
fn to_unicode(name: &str, glyphs: &BTreeMap<u16, (i64, char)>) -> String {
    let mut s = format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n\
         /CMapName /{name}-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    );
    let entries: Vec<(&u16, &(i64, char))> = glyphs.iter().collect();
    for chunk in entries.chunks(100) {
        s.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (code, (_, c)) in chunk {
            s.push_str(&format!("<{code:04X}> <"));
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                s.push_str(&format!("{u:04X}"));
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// The font descriptor's metrics (1/1000 em), from the whole font.
fn descriptor(name: &str, full: &Tables) -> String {
    let upm = f32::from(full.units_per_em.max(1));
    let scale = |v: i16| (f32::from(v) * 1000.0 / upm).round() as i64;
    let ascent = scale(full.ascent);
    let descent = scale(full.descent);
    let stem_v = if full.weight_class == 0 {
        80
    } else {
        50 + (f32::from(full.weight_class) / 65.0).powi(2).round() as i64
    };
    let [x_min, y_min, x_max, y_max] = full.bbox;
    format!(
        "/Type/FontDescriptor/FontName/{name}/Ascent {ascent}/Descent {descent}/CapHeight {ascent}\
         /ItalicAngle 0/Flags 32/StemV {stem_v}/FontBBox[{} {} {} {}]",
        scale(x_min),
        scale(y_min),
        scale(x_max),
        scale(y_max)
    )
}

/// zlib level of page content streams. Measured on the 30-pilot month with the text as literal
/// strings: level 2 makes the combined PDF 3 % larger than level 6 (as large as it was with level 6
/// and hex strings) and saves a tenth of the process's instructions; level 1 is 18 % larger again.
const CONTENT_LEVEL: u32 = 2;
/// zlib level of the embedded font programs and their ToUnicode maps, compressed once per [`SharedFonts`]
/// (level 9 took 2 ms more of a 30-pilot month for 1 % smaller files).
const FONT_LEVEL: u32 = 6;

/// One line of text in the box from `x` to `x + width`, aligned; shortened with "…" if too wide. The
/// box is clipped to the printable width. `None` when nothing is left to show.
fn text_item(
    x: f32,
    baseline: f32,
    width: f32,
    style: Style,
    align: Align,
    text: &str,
) -> Option<Item> {
    let x = x.max(CONTENT_LEFT);
    let width = width.min(CONTENT_RIGHT - x).max(0.0);
    let text = shorten(text, style, width);
    if text.is_empty() {
        return None;
    }
    let w = text_width(&text, style);
    let x = match align {
        Align::Left => x,
        Align::Center => x + (width - w) / 2.0,
        Align::Right => x + width - w,
    };
    Some(Item::Text {
        x,
        // Ascenders and descenders stay inside the printable box too (DejaVu: 0.93 / 0.24 em).
        baseline: baseline.clamp(
            CONTENT_TOP + 0.93 * style.size * PT_MM,
            CONTENT_BOTTOM - 0.24 * style.size * PT_MM,
        ),
        style,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        let s = Style::regular(10.0);
        // DejaVu Sans: "i" is much narrower than "W"; bold is wider than regular.
        assert!(text_width("iiii", s) < text_width("WWWW", s) / 2.0);
        assert!(text_width("Müller", Style::bold(10.0)) > text_width("Müller", s));
        // 10 pt "M" in DejaVu Sans is 0.863 em = 3.04 mm.
        assert!((text_width("M", s) - 0.863 * 10.0 * PT_MM).abs() < 0.01);
    }

    #[test]
    fn wrap_keeps_every_line_inside_the_box() {
        let s = Style::regular(10.0);
        let text = format!(
            "Ayşe {} wohnt in der {}",
            "Müller-Öztürk-".repeat(12),
            "x".repeat(300)
        );
        let lines = wrap(&text, s, 50.0);
        assert!(lines.len() > 5);
        for l in &lines {
            assert!(text_width(l, s) <= 50.0 + 0.001, "{l}");
        }
        // Nothing lost (spaces aside).
        let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
        let original: String = text.chars().filter(|c| *c != ' ').collect();
        assert_eq!(joined, original);
    }

    #[test]
    fn paragraph_sign_stays_with_its_number() {
        let s = Style::regular(10.0);
        let w = text_width("nach dem Gesetz §", s) + 0.5;
        let lines = wrap("nach dem Gesetz § 30a BZRG", s, w);
        assert_eq!(lines[0], "nach dem Gesetz");
        assert!(lines[1].starts_with("§ 30a"));
    }

    #[test]
    fn numbers_stay_with_the_word_before() {
        let s = Style::regular(10.0);
        let w = text_width("wohnhaft Steinweg", s) + 1.0;
        assert_eq!(
            wrap("wohnhaft Steinweg 12, 06484 Quedlinburg", s, w)[1],
            "Steinweg 12,"
        );
        assert_eq!(
            wrap("x Nr.\u{a0}2", s, text_width("x Nr.", s) + 0.5),
            ["x", "Nr. 2"]
        );
        assert!(is_short_number("117a") && is_short_number("2026.") && !is_short_number("06484"));
        assert!(!is_short_number("12abc") && !is_short_number("a1"));
    }

    #[test]
    fn shorten_and_limit() {
        let s = Style::bold(12.0);
        let short = shorten(&"Lange Straße ".repeat(20), s, 60.0);
        assert!(short.ends_with('…'));
        assert!(text_width(&short, s) <= 60.0);
        assert_eq!(shorten("Kurz", s, 60.0), "Kurz");
        let lines = wrap_limited(&"Wort ".repeat(100), s, 40.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        assert!(text_width(&lines[2], s) <= 40.0);
    }

    #[test]
    fn a_long_footer_is_wrapped_beside_the_page_number_never_cut() {
        let footer = "Landkreis Harz · Friedrich-Ebert-Straße 42 · 38820 Halberstadt · Demodaten – alle Personen sind erfunden";
        let mut doc = Doc::new("T", "A", NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        doc.set_footer(vec![footer.into(), "Telefon 03941 555 000".into()]);
        doc.new_page();
        let style = Doc::footer_style();
        for page in &doc.footers(0..2) {
            let texts: Vec<(f32, &str)> = page
                .items()
                .filter_map(|i| match i {
                    Item::Text { x, text, .. } => Some((*x, text.as_str())),
                    _ => None,
                })
                .collect();
            let all: Vec<&str> = texts.iter().map(|(_, t)| *t).collect();
            assert!(all.iter().all(|t| !t.contains('…')), "{all:?}");
            assert!(
                all.join(" ").contains("alle Personen sind erfunden"),
                "{all:?}"
            );
            // Nothing of the footer reaches into the page number's room.
            let number_left = CONTENT_RIGHT - Doc::page_number_width() + 4.0;
            for (x, t) in texts.iter().filter(|(_, t)| !t.starts_with("Seite ")) {
                assert!(x + text_width(t, style) <= number_left, "{t}");
            }
        }
    }

    #[test]
    fn unknown_characters_become_question_marks() {
        assert_eq!(clean("a\tb\u{E000}", Weight::Regular), "a b?");
        assert_eq!(clean("ä ö ü ß € ş ğ ı", Weight::Bold), "ä ö ü ß € ş ğ ı");
    }

    #[test]
    fn shared_fonts_serve_only_the_weights_they_cover() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let mut all = Doc::new("Alle", "Test", day);
        all.line(Style::regular(10.0), Align::Left, "Ayşe Müller-Öztürk");
        let (_, fonts) = all.finish_shared().unwrap();
        let regular = &fonts.subsets[&Weight::Regular];
        assert!(!fonts.subsets.contains_key(&Weight::Bold));

        let mut one = Doc::new("Eine", "Test", day);
        one.line(Style::regular(10.0), Align::Left, "Müller");
        one.line(Style::bold(10.0), Align::Left, "Öztürk");
        let pdf = one.finish_with(&fonts).unwrap();
        let has = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
        // The shared regular subset went in compressed as it was; the bold weight was subset here.
        assert!(has(&regular.program[..64]));
        assert!(has(b"LOTSBD+DejaVuSans-Bold") && has(b"LOTSRG+DejaVuSans"));
    }

    /// The pages of a PDF and each page's content streams decompressed, read back with lopdf.
    fn read_back(pdf: &[u8]) -> Vec<String> {
        let doc = lopdf::Document::load_mem(pdf).expect("a valid PDF");
        doc.get_pages()
            .values()
            .map(|id| String::from_utf8_lossy(&doc.get_page_content(*id)).into_owned())
            .collect()
    }

    /// `text` as it stands in a content stream with `fonts`.
    fn shown(fonts: &SharedFonts, weight: Weight, text: &str) -> String {
        let mut p = Painter::new(fonts, 0);
        p.show(weight, text);
        p.out
    }

    #[test]
    fn parts_are_written_from_the_same_pages_with_their_own_footers() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let mut doc = Doc::new("Alle", "Test", day);
        doc.set_footer(vec!["Landkreis Harz".into()]);
        for (i, name) in ["Liste", "Liste weiter", "Anna Müller"].iter().enumerate() {
            if i > 0 {
                doc.new_page();
            }
            doc.line(Style::bold(12.0), Align::Left, name);
        }
        let parts = [
            Part {
                title: "Liste".into(),
                pages: 0..2,
            },
            Part {
                title: "Anna".into(),
                pages: 2..3,
            },
        ];
        let footers = [doc.footers(0..3), doc.footers(0..2), doc.footers(2..3)];
        let all: Vec<&[Footer]> = footers.iter().map(|f| f.as_slice()).collect();
        let fonts = SharedFonts::default().covering(doc.used_chars(&all));
        let (combined, singles) = doc.finish_parts(&parts).unwrap();
        let combined = read_back(&combined);
        let list = read_back(&singles[0]);
        let anna = read_back(&singles[1]);
        assert_eq!((combined.len(), list.len(), anna.len()), (3, 2, 1));
        let has = |page: &str, text: &str| page.contains(&shown(&fonts, Weight::Regular, text));
        assert!(has(&combined[2], "Seite 3 von 3"));
        assert!(has(&list[1], "Seite 2 von 2") && !has(&list[1], "von 3"));
        // One page alone has no page number; the body is the combined file's third page.
        assert!(!has(&anna[0], "Seite"));
        assert!(anna[0].contains(&shown(&fonts, Weight::Bold, "Anna Müller")));
        assert!(combined[2].starts_with(&anna[0][..anna[0].find("ET").unwrap()]));
    }

    #[test]
    fn a_part_beyond_the_pages_is_refused() {
        let doc = Doc::new("T", "A", NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        let parts = [Part {
            title: "Zu weit".into(),
            pages: 0..2,
        }];
        assert!(doc.finish_parts(&parts).is_err());
    }

    #[test]
    fn text_of_one_style_is_one_text_object_with_one_font_and_colour() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let mut doc = Doc::new("T", "A", day);
        for i in 0..10 {
            doc.line(Style::regular(10.0), Align::Left, &format!("Zeile {i}"));
        }
        doc.line(
            Style::bold(10.0).colour(Colour::ACCENT),
            Align::Left,
            "Fett",
        );
        let page = &read_back(&doc.finish().unwrap())[0];
        let count = |op: &str| page.lines().filter(|l| l.ends_with(op)).count();
        // No footer, one page: no page number.
        assert_eq!(count(" Tj"), 11, "{page}");
        assert_eq!(count("BT"), 1, "{page}");
        assert_eq!(count(" Tf"), 2, "{page}");
        assert_eq!((count(" g"), count(" rg")), (1, 1), "{page}");
    }

    #[test]
    fn subset_keeps_the_characters() {
        use std::io::Read;
        let chars: BTreeSet<char> = "Ayşe Müller-Öztürk €".chars().collect();
        let s = Subset::new(Weight::Regular, chars.clone());
        let codes: BTreeSet<u16> = chars.iter().map(|c| s.code(*c)).collect();
        assert!(!codes.contains(&0), "every character has a glyph");
        assert_eq!(codes.len(), chars.len(), "one glyph per character");
        assert!(s.program_len < REGULAR_TTF.len() / 10, "{}", s.program_len);
        let mut program = Vec::new();
        flate2::read::ZlibDecoder::new(s.program.as_slice())
            .read_to_end(&mut program)
            .unwrap();
        assert_eq!(program.len(), s.program_len);
        // The codes are the subset's glyph numbers: each below its glyph count (maxp).
        let maxp = ttf_subset::Font::read(&program)
            .and_then(|f| f.table(b"maxp"))
            .unwrap();
        let count = u16::from_be_bytes([maxp[4], maxp[5]]);
        assert!(codes.iter().all(|&c| c < count), "{codes:?} of {count}");
        // The widths are the full font's.
        let full = font(Weight::Regular);
        for c in &chars {
            let w = full.width(full.glyph(*c).unwrap()).unwrap();
            let per_mille = (f32::from(w) * 1000.0 / f32::from(full.units_per_em)) as i64;
            let entry = format!("{}[{per_mille}", s.code(*c));
            assert!(
                s.widths.contains(&entry) || s.widths.contains(&format!(" {per_mille}")),
                "{c}: {entry} in {}",
                s.widths
            );
        }
    }
}
