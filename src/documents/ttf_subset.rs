//! A TrueType font cut down to some of its glyphs for embedding in a PDF. Only the glyphs used are
//! read, never the whole `glyf` table.
//!
//! What goes in: the glyphs asked for and the parts of composite glyphs (DejaVu builds "ä" from
//! "a" and the diaeresis), numbered anew in the order of their old numbers (.notdef stays 0), the
//! composites' references renumbered with them; `loca` (long format) and `hmtx` for them;
//! `maxp` and `hhea` with the new count; `post` without glyph names; `name` with its Windows
//! records only (copyright and licence whole; the Macintosh copies of them were a third of it);
//! `head` (long `loca`), `OS/2` and the hinting tables as they are. `cmap` is left out:
//! a PDF's CIDFontType2 maps codes to glyphs itself (`/CIDToGIDMap /Identity`) and text to
//! characters with its ToUnicode map.

use std::collections::BTreeSet;

/// The tables copied unchanged, if the font has them.
const COPIED: [&[u8; 4]; 4] = [b"OS/2", b"cvt ", b"fpgm", b"prep"];

/// Composite glyph flags (OpenType `glyf`).
const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The tables of an sfnt font by tag.
pub(super) struct Font<'a> {
    bytes: &'a [u8],
    tables: Vec<([u8; 4], &'a [u8])>,
}

impl<'a> Font<'a> {
    pub(super) fn read(bytes: &'a [u8]) -> Option<Font<'a>> {
        let count = usize::from(u16_at(bytes, 4)?);
        let mut tables = Vec::with_capacity(count);
        for i in 0..count {
            let record = 12 + 16 * i;
            let tag: [u8; 4] = bytes.get(record..record + 4)?.try_into().ok()?;
            let offset = u32_at(bytes, record + 8)? as usize;
            let len = u32_at(bytes, record + 12)? as usize;
            tables.push((tag, bytes.get(offset..offset.checked_add(len)?)?));
        }
        Some(Font { bytes, tables })
    }

    pub(super) fn table(&self, tag: &[u8; 4]) -> Option<&'a [u8]> {
        self.tables.iter().find(|(t, _)| t == tag).map(|(_, b)| *b)
    }

    /// The outline of glyph `g` in `glyf`, as `loca` places it (short or long offsets, as `head`
    /// says); empty for a glyph without contours.
    fn outline(&self, g: u16) -> Option<&'a [u8]> {
        let (loca, glyf) = (self.table(b"loca")?, self.table(b"glyf")?);
        let long = u16_at(self.table(b"head")?, 50)? == 1;
        let at = |g: usize| -> Option<usize> {
            if long {
                Some(u32_at(loca, 4 * g)? as usize)
            } else {
                Some(usize::from(u16_at(loca, 2 * g)?) * 2)
            }
        };
        let g = usize::from(g);
        glyf.get(at(g)?..at(g + 1)?)
    }
}

/// A font cut down to some glyphs, and which they were.
pub struct Cut {
    pub bytes: Vec<u8>,
    /// The old numbers of the glyphs kept, ascending: a glyph's new number is its place here.
    pub kept: Vec<u16>,
}

impl Cut {
    /// The new number of old glyph `g` (0, .notdef, if it was not kept).
    pub fn glyph(&self, g: u16) -> u16 {
        self.kept.binary_search(&g).map_or(0, |i| i as u16)
    }
}

/// `font` with only `glyphs` (and .notdef and the parts of composites); `None` if it is not a
/// TrueType font this can read.
pub fn subset(font: &[u8], glyphs: &BTreeSet<u16>) -> Option<Cut> {
    let f = Font::read(font)?;
    let head = f.table(b"head")?;
    let (maxp, hhea) = (f.table(b"maxp")?, f.table(b"hhea")?);
    let num_glyphs = usize::from(u16_at(maxp, 4)?);
    let metrics = usize::from(u16_at(hhea, 34)?).clamp(1, num_glyphs.max(1));
    let hmtx = f.table(b"hmtx")?;
    let outline = |g: u16| f.outline(g);

    // The glyphs with the parts of composites, to any depth.
    let mut keep: BTreeSet<u16> = BTreeSet::new();
    let mut todo: Vec<u16> = glyphs.iter().copied().chain([0]).collect();
    while let Some(g) = todo.pop() {
        if usize::from(g) >= num_glyphs {
            return None;
        }
        if keep.insert(g) {
            todo.extend(components(outline(g)?)?.into_iter().map(|(_, part)| part));
        }
    }
    let kept: Vec<u16> = keep.into_iter().collect();
    let new_id = |g: u16| kept.binary_search(&g).ok().map(|i| i as u16);

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (kept.len() + 1));
    let mut new_hmtx = Vec::with_capacity(4 * kept.len());
    for &g in &kept {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let start = new_glyf.len();
        let data = outline(g)?;
        new_glyf.extend_from_slice(data);
        for (at, part) in components(data)? {
            new_glyf[start + at..start + at + 2].copy_from_slice(&new_id(part)?.to_be_bytes());
        }
        new_glyf.resize(new_glyf.len().next_multiple_of(4), 0);
        // Long metrics for the first `metrics` glyphs, then side bearings only: the last long
        // metric's advance serves every glyph after it.
        let g = usize::from(g);
        let (advance, lsb) = if g < metrics {
            (u16_at(hmtx, 4 * g)?, u16_at(hmtx, 4 * g + 2)?)
        } else {
            (
                u16_at(hmtx, 4 * (metrics - 1))?,
                u16_at(hmtx, 4 * metrics + 2 * (g - metrics))?,
            )
        };
        new_hmtx.extend_from_slice(&advance.to_be_bytes());
        new_hmtx.extend_from_slice(&lsb.to_be_bytes());
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());

    let count = (kept.len() as u16).to_be_bytes();
    let mut new_head = head.to_vec();
    new_head.get_mut(8..12)?.fill(0); // checkSumAdjustment, set below
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    let mut new_maxp = maxp.to_vec();
    new_maxp[4..6].copy_from_slice(&count);
    let mut new_hhea = hhea.to_vec();
    new_hhea.get_mut(34..36)?.copy_from_slice(&count);
    // post format 3: no glyph names.
    let mut post = f.table(b"post")?.get(..32)?.to_vec();
    post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());

    let name = windows_names(f.table(b"name")?)?;

    let mut tables: Vec<([u8; 4], &[u8])> = COPIED
        .iter()
        .filter_map(|tag| Some((**tag, f.table(tag)?)))
        .collect();
    tables.extend([
        (*b"glyf", new_glyf.as_slice()),
        (*b"head", new_head.as_slice()),
        (*b"hhea", new_hhea.as_slice()),
        (*b"hmtx", new_hmtx.as_slice()),
        (*b"loca", new_loca.as_slice()),
        (*b"maxp", new_maxp.as_slice()),
        (*b"name", name.as_slice()),
        (*b"post", post.as_slice()),
    ]);
    tables.sort_by_key(|(tag, _)| *tag);
    let mut bytes = write_sfnt(u32_at(f.bytes, 0)?, &tables);
    // head.checkSumAdjustment makes the whole font's checksum 0xB1B0AFBA.
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&bytes));
    let head_at = tables.iter().position(|(t, _)| t == b"head")?;
    let head_offset = u32_at(&bytes, 12 + 16 * head_at + 8)? as usize;
    bytes
        .get_mut(head_offset + 8..head_offset + 12)?
        .copy_from_slice(&adjust.to_be_bytes());
    Some(Cut { bytes, kept })
}

/// A `name` table (format 0) with only the records of the Windows platform (3), or the table as
/// it is if it has none or another format.
fn windows_names(name: &[u8]) -> Option<Vec<u8>> {
    let count = usize::from(u16_at(name, 2)?);
    let strings = usize::from(u16_at(name, 4)?);
    let records: Vec<&[u8]> = (0..count)
        .map(|i| name.get(6 + 12 * i..18 + 12 * i))
        .collect::<Option<_>>()?;
    let kept: Vec<&[u8]> = records
        .into_iter()
        .filter(|r| r[..2] == 3u16.to_be_bytes())
        .collect();
    if u16_at(name, 0)? != 0 || kept.is_empty() {
        return Some(name.to_vec());
    }
    let mut head = Vec::with_capacity(6 + 12 * kept.len());
    let mut text = Vec::new();
    head.extend_from_slice(&0u16.to_be_bytes());
    head.extend_from_slice(&(kept.len() as u16).to_be_bytes());
    head.extend_from_slice(&((6 + 12 * kept.len()) as u16).to_be_bytes());
    for r in kept {
        let (len, at) = (usize::from(u16_at(r, 8)?), usize::from(u16_at(r, 10)?));
        head.extend_from_slice(&r[..8]);
        head.extend_from_slice(&(len as u16).to_be_bytes());
        head.extend_from_slice(&(text.len() as u16).to_be_bytes());
        text.extend_from_slice(name.get(strings + at..strings + at + len)?);
    }
    head.extend_from_slice(&text);
    Some(head)
}

/// The glyphs a composite glyph is made of, with where in the outline each is named (none for a
/// simple or empty glyph); `None` if the outline is cut short.
fn components(outline: &[u8]) -> Option<Vec<(usize, u16)>> {
    let mut parts = Vec::new();
    if outline.len() < 10 || u16_at(outline, 0)? as i16 >= 0 {
        return Some(parts);
    }
    let mut at = 10;
    loop {
        let flags = u16_at(outline, at)?;
        parts.push((at + 2, u16_at(outline, at + 2)?));
        at += 4 + if flags & ARG_1_AND_2_ARE_WORDS != 0 {
            4
        } else {
            2
        };
        at += if flags & WE_HAVE_A_SCALE != 0 {
            2
        } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
            4
        } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if flags & MORE_COMPONENTS == 0 {
            return Some(parts);
        }
    }
}

/// The sum of a table's big-endian 32-bit words (zero-padded).
fn checksum(bytes: &[u8]) -> u32 {
    bytes.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// An sfnt file of `tables` (sorted by tag), each starting on a 4-byte boundary.
fn write_sfnt(version: u32, tables: &[([u8; 4], &[u8])]) -> Vec<u8> {
    let n = tables.len() as u16;
    let power = if n == 0 {
        0
    } else {
        15 - n.leading_zeros() as u16
    };
    let search_range = (1u16 << power) * 16;
    let mut out = Vec::with_capacity(tables.iter().map(|(_, t)| t.len() + 20).sum::<usize>() + 12);
    out.extend_from_slice(&version.to_be_bytes());
    for v in [n, search_range, power, n * 16 - search_range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    for (tag, table) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(table).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(table.len() as u32).to_be_bytes());
        offset += table.len().next_multiple_of(4);
    }
    for (_, table) in tables {
        out.extend_from_slice(table);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::documents::pdf::{font, Weight, REGULAR_TTF as REGULAR};

    /// The full font's glyph of `c`.
    fn glyph_of(c: char) -> u16 {
        font(Weight::Regular).glyph(c).unwrap()
    }

    fn outline_of(f: &Font, g: u16) -> Vec<u8> {
        f.outline(g).unwrap().to_vec()
    }

    fn advance_of(f: &Font, g: u16) -> u16 {
        u16_at(f.table(b"hmtx").unwrap(), 4 * usize::from(g)).unwrap()
    }

    #[test]
    fn keeps_the_glyphs_asked_for_and_the_parts_of_composites_renumbered() {
        let (a, umlaut, b) = (glyph_of('a'), glyph_of('ä'), glyph_of('b'));
        let full = Font::read(REGULAR).unwrap();
        let parts: Vec<u16> = components(&outline_of(&full, umlaut))
            .unwrap()
            .into_iter()
            .map(|(_, g)| g)
            .collect();
        assert!(
            parts.contains(&a),
            "DejaVu's ä is a composite of a: {parts:?}"
        );

        let cut = subset(REGULAR, &BTreeSet::from([umlaut])).unwrap();
        let mut expected = vec![0, umlaut];
        expected.extend(&parts);
        expected.sort();
        expected.dedup();
        assert_eq!(cut.kept, expected, ".notdef, ä and its parts, nothing else");
        assert_eq!(cut.glyph(0), 0);
        assert_eq!(cut.glyph(b), 0, "b is not in the subset");

        let sub = Font::read(&cut.bytes).unwrap();
        let count = u16_at(sub.table(b"maxp").unwrap(), 4).unwrap();
        assert_eq!(usize::from(count), expected.len());
        assert_eq!(
            outline_of(&sub, cut.glyph(a)),
            outline_of(&full, a),
            "a simple glyph as it was"
        );
        let renumbered: Vec<u16> = components(&outline_of(&sub, cut.glyph(umlaut)))
            .unwrap()
            .into_iter()
            .map(|(_, g)| g)
            .collect();
        let want: Vec<u16> = parts.iter().map(|&p| cut.glyph(p)).collect();
        assert_eq!(
            renumbered, want,
            "the composite names its parts by their new numbers"
        );
        assert!(want.iter().all(|&p| p != 0));
        assert_eq!(
            advance_of(&sub, cut.glyph(umlaut)),
            advance_of(&full, umlaut)
        );
        assert_eq!(checksum(&cut.bytes), 0xB1B0_AFBA, "whole-font checksum");
        assert!(sub.table(b"cmap").is_none());
        // The name table: Windows records only, the licence (name 13) whole.
        let (name, full_name) = (sub.table(b"name").unwrap(), full.table(b"name").unwrap());
        let licence = |t: &[u8], platform: u16| -> Option<Vec<u8>> {
            let strings = usize::from(u16_at(t, 4).unwrap());
            (0..usize::from(u16_at(t, 2).unwrap()))
                .map(|i| &t[6 + 12 * i..18 + 12 * i])
                .find(|r| u16_at(r, 0) == Some(platform) && u16_at(r, 6) == Some(13))
                .map(|r| {
                    let (len, at) = (
                        usize::from(u16_at(r, 8).unwrap()),
                        usize::from(u16_at(r, 10).unwrap()),
                    );
                    t[strings + at..strings + at + len].to_vec()
                })
        };
        assert_eq!(licence(name, 3), licence(full_name, 3));
        assert!(licence(name, 3).is_some_and(|l| l.len() > 1000));
        assert_eq!(licence(name, 1), None, "no Macintosh records");
        assert!(
            name.len() < full_name.len() * 3 / 4,
            "{} of {}",
            name.len(),
            full_name.len()
        );
        // It reads as a font again.
        let data = allsorts::binary::read::ReadScope::new(&cut.bytes)
            .read::<allsorts::font_data::FontData<'_>>()
            .unwrap();
        assert!(data.table_provider(0).is_ok());
    }

    #[test]
    fn refuses_what_is_not_a_font_and_glyphs_it_does_not_have() {
        assert!(subset(b"not a font", &BTreeSet::from([1])).is_none());
        assert!(subset(REGULAR, &BTreeSet::from([u16::MAX])).is_none());
    }
}
