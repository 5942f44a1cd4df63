//! One SEPA file per run: every export is recorded (when, who, message id, count, control sum); a
//! second file needs "erneut erstellen" with a reason and carries the same message id and
//! payment-information id, so the bank's duplicate check catches a second upload; after "bezahlt"
//! no file is produced any more.

use std::path::Path;

use super::{parse, Document, Session};
use crate::db::{now_utc, SepaExport};
use crate::domain::dates::format_date;
use crate::error::{Error, Result};

/// A SEPA file ready to be saved: the document and the record it will get.
#[derive(Debug, Clone)]
pub struct SepaFile {
    pub document: Document,
    pub export: SepaExport,
    before: usize,
}

/// The text of the first element `name` in `xml`.
fn element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find(&format!("</{name}>"))?;
    Some(&xml[start..start + end])
}

/// "130.00" → 13000.
fn cents(amount: &str) -> Option<i64> {
    let (euros, cents) = amount.split_once('.')?;
    Some(euros.parse::<i64>().ok()? * 100 + cents.parse::<i64>().ok()?)
}

/// A stored UTC time as a local "01.12.2026 10:15".
pub fn local_time(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .map(|t| {
            let local = t.with_timezone(&chrono::Local);
            format!(
                "{} {}",
                format_date(local.date_naive()),
                local.format("%H:%M")
            )
        })
        .unwrap_or_else(|_| stamp.to_string())
}

impl Session {
    /// The SEPA files recorded for the run of `month`, oldest first.
    pub fn sepa_exports(&self, month: &str) -> Result<Vec<SepaExport>> {
        let m = parse::month("month", month)?;
        self.store().sepa_exports(&m.to_string())
    }

    /// Produces the SEPA file of `month` (not yet saved or recorded). `again`: the reason for a
    /// second file ("erneut erstellen"); required once a file exists, refused before.
    pub fn prepare_sepa(&self, month: &str, again: Option<&str>) -> Result<SepaFile> {
        let m = parse::month("month", month)?;
        let month = m.to_string();
        let run = self.store().run(&month)?;
        crate::db::sepa_allowed(m, run.state)?;
        let before = self.store().sepa_exports(&month)?;
        let reason = again.map(str::trim).unwrap_or("");
        match (before.first(), again) {
            (Some(first), None) => {
                return Err(Error::Conflict(format!(
                    "Die SEPA-Datei für {} wurde bereits am {} von {} erstellt (Nachrichten-ID {}). Eine weitere Datei nur mit „erneut erstellen“ und Begründung; sie trägt dieselbe Nachrichten-ID, damit die Bank eine doppelte Einreichung erkennt.",
                    m.label(),
                    local_time(&first.exported_at),
                    if first.exported_by.is_empty() { "—" } else { &first.exported_by },
                    first.message_id
                )))
            }
            (Some(_), Some(_)) if reason.is_empty() => {
                return Err(Error::field(
                    "reason",
                    "Begründung fehlt: warum wird die SEPA-Datei erneut erstellt?",
                ))
            }
            (None, Some(_)) => {
                return Err(Error::field(
                    "again",
                    format!(
                        "Für {} gibt es noch keine SEPA-Datei; „erneut erstellen“ ist nicht nötig.",
                        m.label()
                    ),
                ))
            }
            _ => {}
        }
        if reason.chars().count() > 500 {
            return Err(Error::field(
                "reason",
                "Begründung ist zu lang (höchstens 500 Zeichen).",
            ));
        }
        let now = now_utc();
        // Every file of a run carries the creation time of the first: the same message id.
        let created_at = before
            .first()
            .map_or(now.clone(), |f| f.exported_at.clone());
        let (name, xml) = self.store().sepa_with(&month, self.today(), &created_at)?;
        let field = |n: &str| {
            element(&xml, n).ok_or_else(|| {
                Error::Storage(format!("SEPA-Datei ohne {n}: bitte den Fehler melden."))
            })
        };
        let export = SepaExport {
            id: 0,
            month: month.clone(),
            exported_at: now,
            exported_by: self.actor(),
            message_id: field("MsgId")?.to_string(),
            payment_info_id: field("PmtInfId")?.to_string(),
            transactions: field("NbOfTxs")?.parse().unwrap_or(0),
            control_sum_cents: cents(field("CtrlSum")?).unwrap_or(0),
            reason: reason.to_string(),
        };
        if let Some(first) = before.first() {
            if first.message_id != export.message_id
                || first.payment_info_id != export.payment_info_id
            {
                return Err(Error::Storage(format!(
                    "Die neue SEPA-Datei hätte eine andere Nachrichten-ID ({}) als die erste ({}); nichts gespeichert.",
                    export.message_id, first.message_id
                )));
            }
        }
        Ok(SepaFile {
            document: Document::new(name, xml.into_bytes()),
            export,
            before: before.len(),
        })
    }

    /// Records the export and writes the file to `path`, in one immediate transaction: the record
    /// exists exactly when the file was written.
    pub fn save_sepa(&mut self, file: &SepaFile, path: &Path) -> Result<SepaExport> {
        let month = file.export.month.clone();
        self.store_mut()
            .record_sepa_export(&month, &file.export, file.before, || {
                file.document.save_to(path)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_group_header() {
        let xml = "<GrpHdr>\n<MsgId>LOTSEN-2026-11-1</MsgId><NbOfTxs>3</NbOfTxs><CtrlSum>390.05</CtrlSum>";
        assert_eq!(element(xml, "MsgId"), Some("LOTSEN-2026-11-1"));
        assert_eq!(element(xml, "NbOfTxs"), Some("3"));
        assert_eq!(cents("390.05"), Some(39_005));
        assert_eq!(element(xml, "PmtInfId"), None);
    }
}
