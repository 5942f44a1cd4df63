//! `lotsen pilots list`: the register filtered like the app's list, as a table or JSON.

use lotsen::app::{parse, Session};
use lotsen::domain::iban;
use lotsen::domain::register;
use lotsen::{Pilot, PilotQuery, Result};

use std::io::{self, Write};

use crate::output::{out, render, table};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    district: Option<String>,
    /// Status: prospect, in_qualification, qualified, active, paused, left (oder deutsch)
    #[arg(long)]
    status: Option<String>,
    #[arg(long)]
    language: Option<String>,
    /// Suche in Name, Ort und Sprachen
    #[arg(long)]
    search: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let status = match &args.status {
        None => None,
        Some(s) => Some(parse::status("status", s)?),
    };
    let query = PilotQuery {
        search: args.search,
        district: args.district,
        status,
        language: args.language,
        ..Default::default()
    };
    let store = session.store();
    let all = store.pilots()?;
    let pilots = register::apply(&all, &query);
    if args.json {
        // The pilot as stored plus whether they may work today (what scripts ask most).
        let eligible = store.eligibility(session.today())?;
        let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let written = write_json(&mut stdout, &pilots, |id| {
            eligible.get(&id).copied().unwrap_or(false)
        })
        .and_then(|()| stdout.flush());
        // A closed pipe (`lotsen pilots list --json | head`) is not an error, as in `output::json`.
        drop(written);
    } else {
        out(&pilots_text(&pilots));
    }
    // The register is the largest thing this process holds (10,000 pilots, a fifth of a million
    // strings). Freeing it string by string as the command ends took 5 % of the list; this
    // reference is left alive instead, so the store's kept copy is not freed when the session
    // closes (the database connection still closes as usual), and goes with the process.
    std::mem::forget(all);
    Ok(())
}

fn pilots_text(pilots: &[&Pilot]) -> String {
    let mut t = table(
        [
            "Nr.", "Name", "Ort", "Altkreis", "Status", "Sprachen", "IBAN",
        ],
        &[0],
    );
    for p in pilots {
        t.add_row([
            p.id.to_string(),
            format!("{}, {}", p.last_name, p.first_name),
            p.town.clone(),
            p.district.clone().unwrap_or_else(|| "—".into()),
            p.status.label().to_string(),
            p.languages.join(", "),
            if p.iban.is_empty() {
                "—".into()
            } else {
                iban::format(&p.iban)
            },
        ]);
    }
    format!("{}\n{} Lotsen", render(&t), pilots.len())
}

/// `,` and the key of a field after the first, as one piece of bytes (the keys need no escaping).
macro_rules! key {
    ($name:literal) => {
        concat!(",\n    \"", $name, "\": ").as_bytes()
    };
}

/// `--json`: each pilot as stored, then `"eligible"` (whether they may work today, what scripts
/// ask most). Written by hand instead of through serde (`#[serde(flatten)]` of the pilot into a
/// listed row), as the same bytes `output::json` would print (the tests compare both): serde_json
/// escapes strings byte by byte and its keys like values, which was a quarter of a list of
/// 10,000 pilots (7 MB). The field names and order are those of [`Pilot`]'s `Serialize`.
fn write_json(
    w: &mut impl Write,
    pilots: &[&Pilot],
    eligible: impl Fn(i64) -> bool,
) -> io::Result<()> {
    if pilots.is_empty() {
        return w.write_all(b"[]\n");
    }
    w.write_all(b"[")?;
    for (i, pilot) in pilots.iter().enumerate() {
        // No `..`: a new field of `Pilot` must be added here too.
        let Pilot {
            id,
            first_name,
            last_name,
            birth_date,
            street,
            postcode,
            town,
            municipality,
            district,
            phone,
            email,
            languages,
            recruitment_source,
            account_holder,
            iban,
            bic,
            notes,
            status,
            created_at,
            updated_at,
        } = pilot;
        w.write_all(if i == 0 { b"\n  {" } else { b",\n  {" })?;
        write!(w, "\n    \"id\": {id}")?;
        field(w, key!("first_name"), first_name)?;
        field(w, key!("last_name"), last_name)?;
        w.write_all(key!("birth_date"))?;
        match birth_date {
            Some(d) => write!(w, "\"{d}\"")?,
            None => w.write_all(b"null")?,
        }
        field(w, key!("street"), street)?;
        field(w, key!("postcode"), postcode)?;
        field(w, key!("town"), town)?;
        optional(w, key!("municipality"), municipality)?;
        optional(w, key!("district"), district)?;
        field(w, key!("phone"), phone)?;
        field(w, key!("email"), email)?;
        w.write_all(key!("languages"))?;
        if languages.is_empty() {
            w.write_all(b"[]")?;
        } else {
            for (j, l) in languages.iter().enumerate() {
                w.write_all(if j == 0 { b"[\n      " } else { b",\n      " })?;
                string(w, l)?;
            }
            w.write_all(b"\n    ]")?;
        }
        optional(w, key!("recruitment_source"), recruitment_source)?;
        field(w, key!("account_holder"), account_holder)?;
        field(w, key!("iban"), iban)?;
        field(w, key!("bic"), bic)?;
        field(w, key!("notes"), notes)?;
        field(w, key!("status"), status.code())?;
        field(w, key!("created_at"), created_at)?;
        field(w, key!("updated_at"), updated_at)?;
        w.write_all(key!("eligible"))?;
        w.write_all(if eligible(*id) { b"true" } else { b"false" })?;
        w.write_all(b"\n  }")?;
    }
    w.write_all(b"\n]\n")
}

fn field(w: &mut impl Write, key: &[u8], value: &str) -> io::Result<()> {
    w.write_all(key)?;
    string(w, value)
}

fn optional(w: &mut impl Write, key: &[u8], value: &Option<String>) -> io::Result<()> {
    w.write_all(key)?;
    match value {
        Some(v) => string(w, v),
        None => w.write_all(b"null"),
    }
}

/// A JSON string escaped as serde_json does: `"`, `\` and the control characters, the common
/// ones short (`\n`), the others as `\u00XX`; everything else as it is.
fn string(w: &mut impl Write, s: &str) -> io::Result<()> {
    let bytes = s.as_bytes();
    let escaped = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    w.write_all(b"\"")?;
    // Most values need no escape: checked in one pass without branches, then written at once.
    if bytes.iter().fold(false, |any, &b| any | escaped(b)) {
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if !escaped(b) {
                continue;
            }
            w.write_all(&bytes[start..i])?;
            match b {
                b'"' => w.write_all(b"\\\"")?,
                b'\\' => w.write_all(b"\\\\")?,
                b'\n' => w.write_all(b"\\n")?,
                b'\r' => w.write_all(b"\\r")?,
                b'\t' => w.write_all(b"\\t")?,
                0x08 => w.write_all(b"\\b")?,
                0x0c => w.write_all(b"\\f")?,
                _ => write!(w, "\\u{b:04x}")?,
            }
            start = i + 1;
        }
        w.write_all(&bytes[start..])?;
    } else {
        w.write_all(bytes)?;
    }
    w.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use lotsen::domain::pilot::Status;

    /// What `output::json` prints for the rows (the shape the hand-written JSON keeps).
    fn through_serde(pilots: &[&Pilot], eligible: impl Fn(i64) -> bool) -> String {
        #[derive(serde::Serialize)]
        struct Listed<'a> {
            #[serde(flatten)]
            pilot: &'a Pilot,
            eligible: bool,
        }
        let rows: Vec<Listed> = pilots
            .iter()
            .map(|pilot| Listed {
                pilot,
                eligible: eligible(pilot.id),
            })
            .collect();
        serde_json::to_string_pretty(&rows).unwrap() + "\n"
    }

    fn by_hand(pilots: &[&Pilot], eligible: impl Fn(i64) -> bool) -> String {
        let mut out = Vec::new();
        write_json(&mut out, pilots, eligible).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn pilot(id: i64) -> Pilot {
        Pilot {
            id,
            first_name: "Ayşe".into(),
            last_name: "Müller-\"Lüdenscheidt\"".into(),
            birth_date: chrono::NaiveDate::from_ymd_opt(1986, 12, 12),
            street: "Weg 1\\2".into(),
            postcode: "06493".into(),
            town: "Harzgerode".into(),
            municipality: Some("Harzgerode".into()),
            district: Some("Quedlinburg".into()),
            phone: "03941\t555".into(),
            email: "a@example.org".into(),
            languages: vec!["Dari/Farsi".into(), "Deutsch".into()],
            recruitment_source: Some("Sonstiges".into()),
            account_holder: "Ayşe Müller".into(),
            iban: "DE87120300000001110866".into(),
            bic: "BYLADEM1001".into(),
            notes: "Zeile 1\nZeile 2\r\u{1}\u{8}\u{c}\u{1f}\u{7f} – ✓".into(),
            status: Status::InQualification,
            created_at: "2026-12-07T07:15:35Z".into(),
            updated_at: "2026-12-07T07:15:36Z".into(),
        }
    }

    #[test]
    fn hand_written_json_is_what_serde_prints() {
        let full = pilot(15);
        let empty = Pilot {
            birth_date: None,
            municipality: None,
            district: None,
            languages: Vec::new(),
            recruitment_source: None,
            bic: String::new(),
            notes: String::new(),
            status: Status::Left,
            ..pilot(795)
        };
        let one_language = Pilot {
            languages: vec!["Deutsch".into()],
            ..pilot(7)
        };
        for list in [
            vec![],
            vec![&full],
            vec![&empty],
            vec![&full, &empty, &one_language],
        ] {
            assert_eq!(
                by_hand(&list, |id| id == 15),
                through_serde(&list, |id| id == 15)
            );
        }
    }
}
