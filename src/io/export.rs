//! Export of lists as CSV (Excel-readable: UTF-8 with BOM, semicolons, CRLF) and XLSX.
//! Text cells that a spreadsheet would run as a formula (= + - @) are neutralised with a leading '.

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Cents(i64),
    Date(Option<NaiveDate>),
}

/// A table to export: a sheet name, the header and the rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// A text as a spreadsheet must show it, never evaluate it.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn cents_text(c: i64) -> String {
    let sign = if c < 0 { "-" } else { "" };
    format!(
        "{sign}{},{:02}",
        c.unsigned_abs() / 100,
        c.unsigned_abs() % 100
    )
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(t) => neutralise(t),
        Cell::Int(i) => i.to_string(),
        Cell::Cents(c) => cents_text(*c),
        Cell::Date(d) => d.map(crate::domain::dates::format_date).unwrap_or_default(),
    }
}

/// CSV as German Excel reads it.
pub fn to_csv(t: &Table) -> Vec<u8> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(t.headers.iter().map(|h| neutralise(h)))
        .expect("write to memory");
    for row in &t.rows {
        w.write_record(row.iter().map(cell_text))
            .expect("write to memory");
    }
    out.extend(w.into_inner().expect("flush to memory"));
    out
}

/// An XLSX workbook with one sheet.
pub fn to_xlsx(t: &Table) -> Result<Vec<u8>> {
    to_xlsx_book(std::slice::from_ref(t))
}

/// An XLSX workbook with one sheet per table, in order (the reports' workbooks).
pub fn to_xlsx_book(tables: &[Table]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format as XFormat, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| {
        Error::Storage(format!("XLSX-Datei kann nicht erstellt werden: {e}"))
    };
    let mut book = Workbook::new();
    let bold = XFormat::new().set_bold();
    let euro = XFormat::new().set_num_format("#,##0.00 \"€\"");
    for t in tables {
        let sheet = book.add_worksheet();
        sheet
            .set_name(
                t.name
                    .chars()
                    .filter(|c| !"[]:*?/\\".contains(*c))
                    .take(31)
                    .collect::<String>(),
            )
            .map_err(fail)?;
        for (col, h) in t.headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, neutralise(h), &bold)
                .map_err(fail)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Int(i) => sheet.write_number(r, c, *i as f64).map(|_| ()),
                    // Cents are exact in an f64 up to 2^53; the cell shows euros.
                    Cell::Cents(v) => sheet
                        .write_number_with_format(r, c, *v as f64 / 100.0, &euro)
                        .map(|_| ()),
                    other => sheet.write_string(r, c, cell_text(other)).map(|_| ()),
                }
                .map_err(fail)?;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

pub fn render(t: &Table, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Csv => Ok(to_csv(t)),
        Format::Xlsx => to_xlsx(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            name: "Lotsen".into(),
            headers: vec![
                "Name".into(),
                "Betrag".into(),
                "Tage".into(),
                "Datum".into(),
            ],
            rows: vec![
                vec![
                    Cell::Text("=HYPERLINK(\"http://x\")".into()),
                    Cell::Cents(123_456),
                    Cell::Int(30),
                    Cell::Date(NaiveDate::from_ymd_opt(2026, 11, 26)),
                ],
                vec![
                    Cell::Text("Müller; \"Ayşe\"".into()),
                    Cell::Cents(-50),
                    Cell::Int(0),
                    Cell::Date(None),
                ],
                vec![
                    Cell::Text("+49 3941".into()),
                    Cell::Text("-1".into()),
                    Cell::Text("@A1".into()),
                    Cell::Text("Anna".into()),
                ],
            ],
        }
    }

    #[test]
    fn csv_for_german_excel() {
        let bytes = to_csv(&table());
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "Name;Betrag;Tage;Datum");
        assert_eq!(
            lines[1],
            "\"'=HYPERLINK(\"\"http://x\"\")\";1234,56;30;26.11.2026"
        );
        assert_eq!(lines[2], "\"Müller; \"\"Ayşe\"\"\";-0,50;0;");
        assert_eq!(lines[3], "'+49 3941;'-1;'@A1;Anna");
    }

    #[test]
    fn xlsx_is_a_zip_with_neutralised_cells() {
        let bytes = to_xlsx(&table()).unwrap();
        assert!(bytes.starts_with(b"PK"));
        // Shared strings are stored compressed; read them back with unzip.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        std::fs::write(&path, &bytes).unwrap();
        let out = std::process::Command::new("unzip")
            .arg("-p")
            .arg(&path)
            .arg("xl/sharedStrings.xml")
            .output()
            .expect("unzip (Debian package unzip, installed by scripts/setup.sh)");
        let xml = String::from_utf8_lossy(&out.stdout);
        assert!(xml.contains("'=HYPERLINK"), "{xml}");
        assert!(xml.contains("'@A1"), "{xml}");
        assert!(!xml.contains(">=HYPERLINK"), "{xml}");
    }
}
