//! Printing for every subcommand: plain text, JSON and tables.

use comfy_table::{CellAlignment, ContentLineStyle, LineStyle, Table, TableStyle};
use serde::Serialize;

/// Prints to stdout; a closed pipe (`lotsen pilots list | head`) is not an error.
pub fn out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}");
}

/// Prints `value` as pretty JSON (the shapes scripts rely on: snake_case, cents, ISO dates).
pub fn json<T: Serialize + ?Sized>(value: &T) {
    use std::io::Write;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    // Written as it is serialised (a list of 10,000 pilots is 7 MB); a closed pipe is not an error.
    match serde_json::to_writer_pretty(&mut stdout, value) {
        Ok(()) => {
            let _ = writeln!(stdout);
            let _ = stdout.flush();
        }
        Err(e) if e.is_io() => {}
        Err(e) => panic!("output serialises: {e}"),
    }
}

/// No frame, two spaces between columns and a rule under the header: readable in a terminal and
/// easy to cut with `awk` or `grep`.
const STYLE: TableStyle = TableStyle::new()
    .header_lines(ContentLineStyle::none())
    .header_separator(LineStyle::none().fill('─').junction('─'))
    .content_lines(ContentLineStyle::none());

/// A table with `header`; the columns numbered in `right` (numbers, amounts) align right.
pub fn table<const N: usize>(header: [&str; N], right: &[usize]) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE).set_header(header);
    for (i, column) in t.column_iter_mut().enumerate() {
        column.set_padding((0, 2));
        if right.contains(&i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

/// The table as text without trailing spaces.
pub fn render(t: &Table) -> String {
    t.trim_fmt()
}

/// "—" for an empty value.
pub fn or_dash(text: &str) -> &str {
    if text.trim().is_empty() {
        "—"
    } else {
        text
    }
}

/// "bestanden" / "nicht bestanden" (test, interview).
pub fn passed(yes: bool) -> &'static str {
    if yes {
        "bestanden"
    } else {
        "nicht bestanden"
    }
}

/// The screening state of a record, with the reason it does not count when that says more
/// ("fehlt (Zeugnis war bei Vorlage älter als 3 Monate)"), not the label twice.
pub fn screening_words(r: &lotsen::domain::record::PilotRecord) -> String {
    match &r.screening_reason {
        Some(reason) if *reason != r.screening_state.label => {
            format!("{} ({reason})", r.screening_state.label)
        }
        _ => r.screening_state.label.clone(),
    }
}
