//! Helpers shared by the integration tests that read printed documents back as a person would see them:
//! text with pdftotext, pages with pdfinfo, and the rendered page (pdftoppm) for a blank margin.
//! Needs poppler-utils. Set LOTSEN_PDF_LOOK=DIR to keep copies of the PDFs for looking at them.

// Each test crate uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub mod way;

/// Writes a PDF into `dir` (and a copy into $LOTSEN_PDF_LOOK when set); returns its path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    if let Ok(look) = std::env::var("LOTSEN_PDF_LOOK") {
        std::fs::create_dir_all(&look).unwrap();
        std::fs::write(Path::new(&look).join(name), bytes).unwrap();
    }
    path
}

pub fn run(cmd: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} not runnable (poppler-utils installed?): {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

pub fn text_of(path: &Path) -> String {
    String::from_utf8(run("pdftotext", &["-layout", path.to_str().unwrap(), "-"])).unwrap()
}

pub fn text_of_page(path: &Path, page: usize) -> String {
    let p = page.to_string();
    String::from_utf8(run(
        "pdftotext",
        &["-layout", "-f", &p, "-l", &p, path.to_str().unwrap(), "-"],
    ))
    .unwrap()
}

pub fn page_count(path: &Path) -> usize {
    let info = String::from_utf8(run("pdfinfo", &[path.to_str().unwrap()])).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("pdfinfo prints Pages:")
        .trim()
        .parse()
        .unwrap()
}

/// Renders every page at 50 dpi (pdftoppm's binary PPM) and asserts that the page margins — all but the
/// innermost millimetre of the 20 mm left/right and 15 mm top/bottom margins — are white.
pub fn assert_blank_margins(path: &Path) {
    let dir = path.parent().unwrap();
    let stem = path.file_stem().unwrap().to_str().unwrap();
    let prefix = dir.join(format!("{stem}-page"));
    run(
        "pdftoppm",
        &["-r", "50", path.to_str().unwrap(), prefix.to_str().unwrap()],
    );
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_str().unwrap();
            n.starts_with(&format!("{stem}-page")) && n.ends_with(".ppm")
        })
        .collect();
    pages.sort();
    assert_eq!(pages.len(), page_count(path));
    for page in pages {
        let (w, h, px) = read_ppm(&page);
        let per_mm = 50.0 / 25.4;
        // A4 at 50 dpi.
        assert!(
            (412..=414).contains(&w) && (584..=586).contains(&h),
            "{}: {w}x{h}",
            page.display()
        );
        let side = (19.0 * per_mm) as usize; // pixels wholly inside the 20 mm margin
        let top_bottom = (14.0 * per_mm) as usize; // … and inside the 15 mm margins
        let mut ink = 0;
        for y in 0..h {
            for x in 0..w {
                let in_margin = x < side || x >= w - side || y < top_bottom || y >= h - top_bottom;
                let i = (y * w + x) * 3;
                if in_margin && px[i..i + 3] != [255, 255, 255] {
                    ink += 1;
                }
            }
        }
        assert_eq!(ink, 0, "{} has ink in its margin", page.display());
        // And the page is not empty.
        assert!(px.iter().any(|&v| v < 128), "{} is blank", page.display());
    }
}

/// A binary PPM (P6, maxval 255) as width, height and RGB bytes.
pub fn read_ppm(path: &Path) -> (usize, usize, Vec<u8>) {
    let data = std::fs::read(path).unwrap();
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        if data[i] == b'#' {
            while data[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8(data[start..i].to_vec()).unwrap());
    }
    assert_eq!(fields[0], "P6");
    assert_eq!(fields[3], "255");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let px = data[i + 1..].to_vec();
    assert_eq!(px.len(), w * h * 3);
    (w, h, px)
}

/// Whitespace-collapsed text, for phrases that pdftotext may break across lines.
pub fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
