//! Documents of one pilot, produced from stored data, and how any document is filed.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use super::files::{self, name_part};
use super::Session;
use crate::db::Store;
use crate::documents;
use crate::error::{Error, Result};

/// A document ready to be filed or saved: its proposed file name and its bytes.
#[derive(Debug, Clone)]
pub struct Document {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Document {
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> Document {
        Document {
            name: name.into(),
            bytes,
        }
    }

    /// Files the document under `root` in the folder of `when`'s year and month; returns its path.
    pub fn file_in(&self, root: &Path, when: NaiveDate) -> Result<PathBuf> {
        let path = files::filed_path(root, when, &self.name);
        documents::write_file(&path, &self.bytes)?;
        Ok(path)
    }

    /// Writes the document to `path` (chosen by the person, "Speichern unter…").
    pub fn save_to(&self, path: &Path) -> Result<()> {
        documents::write_file(path, &self.bytes)
    }
}

impl Session {
    /// A pilot's document (eFZ letter, Berufungsurkunde), dated today.
    pub fn pilot_document(&mut self, pilot_id: i64, kind: PilotDocument) -> Result<Document> {
        let today = self.today();
        let (name, bytes) = self.store_mut().pilot_document(pilot_id, kind, today)?;
        Ok(Document::new(name, bytes))
    }

    /// Files a document in the documents folder, in today's month ("Drucken"); returns its path.
    pub fn file_document(&self, doc: &Document) -> Result<PathBuf> {
        doc.file_in(&self.documents_root()?, self.today())
    }
}

/// The documents printed from a pilot's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PilotDocument {
    /// Confirmation letter for the fee-free eFZ application (§ 30a BZRG).
    EfzLetter,
    /// Berufungsurkunde.
    AppointmentCertificate,
}

impl Store {
    /// Produces a pilot's document; returns a file name and the PDF. Printing the eFZ letter records
    /// it as issued today unless a letter is already open (issued and not yet answered).
    pub fn pilot_document(
        &mut self,
        pilot_id: i64,
        kind: PilotDocument,
        today: NaiveDate,
    ) -> Result<(String, Vec<u8>)> {
        let record = self.pilot_record(pilot_id, today)?;
        let letterhead = self.settings()?.letterhead;
        let p = &record.pilot;
        let name = format!("{}_{}", name_part(&p.last_name), name_part(&p.first_name));
        match kind {
            PilotDocument::EfzLetter => {
                let bytes = documents::efz_request_letter(p, &letterhead, today)?;
                let open_letter = record.screening.as_ref().is_some_and(|s| {
                    s.screening.letter_issued_on.is_some() && s.screening.inspected_on.is_none()
                });
                if !open_letter {
                    self.record_efz_letter(pilot_id, today)?;
                }
                Ok((format!("eFZ-Bestaetigung_{name}_{today}.pdf"), bytes))
            }
            PilotDocument::AppointmentCertificate => {
                let (Some(appointed), Some(district)) =
                    (record.appointed_on, p.district.as_deref())
                else {
                    return Err(Error::Rule {
                        message:
                            "Eine Berufungsurkunde gibt es erst nach der Berufung (Status Aktiv)."
                                .into(),
                        missing: vec![],
                    });
                };
                let bytes =
                    documents::appointment_certificate(p, district, appointed, &letterhead, today)?;
                Ok((format!("Berufungsurkunde_{name}_{appointed}.pdf"), bytes))
            }
        }
    }
}
