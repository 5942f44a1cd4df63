//! Data care: backups and restore, import of the Excel list, export of lists, the change log, the
//! Art. 15 DSGVO export, and the care at start-up (daily backup, deletion of due eFZ data).

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::db::sealed;
use crate::db::{
    self, AuditEntry, AuditFilter, BackupEntry, BackupInfo, ExportKind, RestoreOutcome,
};
use crate::documents;
use crate::domain::money::grouped;
use crate::error::{Error, Result};
use crate::io::export::{self, Format};
use crate::io::import::ImportPreview;

use super::documents::Document;
use super::files::safe_file_name;
use super::progress::{Cancel, OnProgress, Progress};
use super::Session;

/// A table the change log covers, with its German label.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AuditedTable {
    pub code: &'static str,
    pub label: &'static str,
}

/// Something the care at start-up could not do, with what to do about it (shown in the app).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(rename = "StartupProblem")]
pub struct CareProblem {
    /// "backup" or "deletion".
    #[ts(type = r#""backup" | "deletion""#)]
    pub task: &'static str,
    pub message: String,
}

/// What a restore may do beyond the plain case: lose approved runs (`accept_loss`), change the file
/// to apply this database's deletions to it (`apply_deletion`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RestoreChoice {
    pub accept_loss: bool,
    pub apply_deletion: bool,
}

/// Checks a backup file before it is restored: schema, pilots, integrity.
pub fn check_backup(path: &Path) -> Result<BackupInfo> {
    db::check_backup_file(path)
}

/// A backup file the person picked, before it is restored: an encrypted one is only known to be
/// encrypted (its details need the passphrase), a plain one is checked at once.
#[derive(Debug, Clone, Serialize)]
pub struct PickedBackup {
    pub path: String,
    pub encrypted: bool,
    pub info: Option<BackupInfo>,
}

/// Looks at a picked backup file: encrypted, or checked like [`check_backup`].
pub fn inspect_backup(path: &Path) -> Result<PickedBackup> {
    let encrypted = sealed::is_encrypted(path);
    let info = if encrypted {
        None
    } else {
        Some(check_backup(path)?)
    };
    Ok(PickedBackup {
        path: path.display().to_string(),
        encrypted,
        info,
    })
}

/// The passphrase of a new encrypted copy, typed twice: long enough, and both the same. Checked
/// before the save dialog opens and again before anything is written.
pub fn check_new_passphrase(passphrase: &str, repeat: &str) -> Result<()> {
    sealed::check_new_passphrase(passphrase)?;
    if repeat != passphrase {
        return Err(Error::field(
            "passphrase_repeat",
            "Die beiden Kennwörter stimmen nicht überein.",
        ));
    }
    Ok(())
}

/// The tables of the change log.
pub fn audited_tables() -> Vec<AuditedTable> {
    db::AUDITED_TABLES
        .iter()
        .map(|(code, label)| AuditedTable { code, label })
        .collect()
}

/// A file the person chose, read whole; the error names the file.
pub fn read_chosen_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Error::field(
            "file",
            format!("Datei {} nicht lesbar: {e}", path.display()),
        )
    })
}

/// "csv" or "xlsx", as chosen.
pub fn export_format(text: &str) -> Result<Format> {
    Format::parse(text).ok_or_else(|| {
        Error::field(
            "format",
            format!("Format „{text}“ gibt es nicht: CSV oder XLSX."),
        )
    })
}

impl Session {
    /// "Sicherung erstellen": a backup into the backup folder, named with date and time.
    pub fn backup_now(&self, progress: OnProgress) -> Result<PathBuf> {
        let stamp = self.clock().now().format("%Y-%m-%d-%H%M%S");
        let path = self
            .backup_dir()
            .join(format!("lotsenbuero-sicherung-{stamp}.sqlite3"));
        self.backup_to(&path, progress)?;
        Ok(path)
    }

    /// A backup to `path` (written, then checked as a restore would check it).
    pub fn backup_to(&self, path: &Path, progress: OnProgress) -> Result<BackupInfo> {
        progress(Progress::new(0, 2, "Datenbank wird gesichert …"));
        self.store().backup_to(path)?;
        progress(Progress::new(1, 2, "Sicherung wird geprüft …"));
        let info = db::check_backup_file(path)?;
        progress(Progress::new(2, 2, "Fertig."));
        Ok(info)
    }

    /// The name proposed for "Sicherung auf Datenträger …" (an age file).
    pub fn encrypted_backup_name(&self) -> String {
        let stamp = self.clock().now().format("%Y-%m-%d-%H%M");
        format!("lotsenbuero-sicherung-{stamp}-verschluesselt.age")
    }

    /// "Sicherung auf Datenträger …": an encrypted backup to `path` with the passphrase typed
    /// twice; written, then decrypted and checked as a restore would check it.
    pub fn backup_encrypted_to(
        &self,
        path: &Path,
        passphrase: &str,
        repeat: &str,
        progress: OnProgress,
    ) -> Result<BackupInfo> {
        check_new_passphrase(passphrase, repeat)?;
        progress(Progress::new(
            0,
            2,
            "Datenbank wird gesichert und verschlüsselt …",
        ));
        self.store().backup_encrypted(path, passphrase)?;
        progress(Progress::new(1, 2, "Sicherung wird geprüft …"));
        let info = sealed::check_encrypted(path, passphrase, self.store().path())?;
        progress(Progress::new(2, 2, "Fertig."));
        Ok(info)
    }

    /// The files in the backup folder, newest first.
    pub fn backups(&self) -> Result<Vec<BackupEntry>> {
        db::list_backups(&self.backup_dir())
    }

    /// "Sicherung wiederherstellen" without applying a deletion to the file (see
    /// [`Session::restore_backup_with`]).
    pub fn restore_backup(
        &mut self,
        path: &Path,
        passphrase: Option<&str>,
        accept_loss: bool,
        progress: OnProgress,
    ) -> Result<RestoreOutcome> {
        let choice = RestoreChoice {
            accept_loss,
            apply_deletion: false,
        };
        self.restore_backup_with(path, passphrase, choice, progress)
    }

    /// "Sicherung wiederherstellen": checked first; the current database is saved into the backup
    /// folder before it is replaced. An encrypted backup needs its `passphrase`; a missing or
    /// wrong one is refused at the field with nothing changed. A restore that would lose approved
    /// or paid runs or SEPA exports needs `accept_loss` (see [`Session::restore_losses`]); a file
    /// still holding data this database has deleted needs `apply_deletion` (see
    /// [`Session::restore_checked`]).
    pub fn restore_backup_with(
        &mut self,
        path: &Path,
        passphrase: Option<&str>,
        choice: RestoreChoice,
        progress: OnProgress,
    ) -> Result<RestoreOutcome> {
        let now = self.clock().now();
        let outcome = if sealed::is_encrypted(path) {
            let passphrase = passphrase.filter(|p| !p.is_empty()).ok_or_else(|| {
                Error::field(
                    "passphrase",
                    "Diese Sicherung ist verschlüsselt: bitte ihr Kennwort eingeben.",
                )
            })?;
            // Decrypted into the private backup folder, then the same checked, guarded restore.
            progress(Progress::new(
                0,
                2,
                "Sicherung wird entschlüsselt, geprüft und eingespielt …",
            ));
            let db = self.store().path().to_path_buf();
            // The decrypted copy is temporary: the deletion is applied to it without asking (the
            // encrypted file itself cannot be changed without re-encrypting it).
            let choice = RestoreChoice {
                apply_deletion: true,
                ..choice
            };
            sealed::with_decrypted(path, passphrase, &db, |plain| {
                self.restore_checked(plain, choice, now)
            })?
        } else {
            progress(Progress::new(
                0,
                2,
                "Sicherung wird geprüft, aktueller Stand gesichert und ersetzt …",
            ));
            self.restore_checked(path, choice, now)?
        };
        progress(Progress::new(2, 2, "Fertig."));
        Ok(outcome)
    }

    /// The restore of a plain (decrypted) backup file, for the app and the command line: checked,
    /// guarded against losing approved runs (`accept_loss`) and against bringing back deleted data:
    /// a file that still holds data this database has deleted (eFZ data) is refused, naming the
    /// pilots, unless `apply_deletion`, which applies the deletion to the file first (the file is
    /// changed). After the restore the deletion check runs at once. `now` names the saved copy of
    /// the current database.
    pub fn restore_checked(
        &mut self,
        plain: &Path,
        choice: RestoreChoice,
        now: chrono::NaiveDateTime,
    ) -> Result<RestoreOutcome> {
        db::check_backup_file(plain)?;
        self.guard_restore(plain, choice.accept_loss)?;
        let erased = self.store().erased()?;
        let held = db::erased_data_in(plain, &erased)?;
        if !held.is_empty() {
            if !choice.apply_deletion {
                let names: Vec<String> = held.into_iter().map(|(_, name)| name).collect();
                return Err(Error::Rule {
                    message: format!(
                        "Die Sicherung enthält Daten zum Führungszeugnis, die inzwischen gelöscht wurden (§ 30a BZRG): {}. Zurückspielen erst, nachdem die Löschung auf die Datei angewandt wurde (in der App „Löschung anwenden und wiederherstellen“, Kommandozeile: --apply-deletion; die Datei wird dabei geändert).",
                        names.join("; ")
                    ),
                    missing: names,
                });
            }
            db::apply_erasure(plain, &erased)?;
        }
        let dir = self.backup_dir();
        let outcome = self.store_mut().restore_from(plain, &dir, now)?;
        self.refresh_actor();
        let after = self.deletion_check();
        if let Some(p) = after.problems.first() {
            return Err(Error::Storage(format!(
                "Die Sicherung wurde zurückgespielt, aber: {}",
                p.message
            )));
        }
        Ok(outcome)
    }

    /// The pilots whose deleted data the backup at `path` still holds ("Nachname, Vorname"); the
    /// app offers to apply the deletion before a restore. The file is checked first.
    pub fn restore_erasures(&self, path: &Path) -> Result<Vec<String>> {
        db::check_backup_file(path)?;
        let erased = self.store().erased()?;
        Ok(db::erased_data_in(path, &erased)?
            .into_iter()
            .map(|(_, name)| name)
            .collect())
    }

    /// What importing the file at `path` would do; nothing is written.
    pub fn import_preview(&self, path: &Path) -> Result<ImportPreview> {
        let bytes = read_chosen_file(path)?;
        self.store().import_preview(&bytes, self.today())
    }

    /// Imports every valid new row of the file at `path` in one transaction. "Abbrechen" (`cancel`)
    /// while the rows are checked or written leaves the database as it was.
    pub fn import_file(
        &mut self,
        path: &Path,
        progress: OnProgress,
        cancel: &Cancel,
    ) -> Result<ImportPreview> {
        let bytes = read_chosen_file(path)?;
        let (today, who) = (self.today(), self.actor());
        progress(Progress::new(0, 1, "Datei wird geprüft …"));
        self.store_mut()
            .import_file_with(&bytes, today, &who, &|done, total| {
                cancel.check()?;
                progress(Progress::new(
                    done,
                    total,
                    format!(
                        "Lotse {} von {} wird übernommen …",
                        grouped(done as u64),
                        grouped(total as u64)
                    ),
                ));
                Ok(())
            })
    }

    /// A list (pilots, coverage, payments of `year`) as CSV or XLSX.
    pub fn export_list(
        &self,
        kind: ExportKind,
        format: &str,
        year: Option<i32>,
    ) -> Result<Document> {
        let f = export_format(format)?;
        let table = self.store().export_table(kind, year, self.today())?;
        let bytes = export::render(&table, f)?;
        let stem = documents::transliterate(&table.name).replace([' ', '.'], "_");
        let ext = match f {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        };
        Ok(Document::new(
            safe_file_name(&format!("{stem}.{ext}")),
            bytes,
        ))
    }

    pub fn audit_entries(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        self.store().audit_entries(filter)
    }

    /// Art. 15 DSGVO: everything about one pilot, as "pdf" or "json". The file name is legal on
    /// Windows whatever the script of the name ("Auskunft_Art15_Kovalenko_Olena.pdf" also for
    /// "Коваленко Олена").
    pub fn personal_data_export(&self, pilot_id: i64, format: &str) -> Result<Document> {
        let data = self.store().personal_data(pilot_id, self.today())?;
        let p = &data.record.pilot;
        let name = |ext| super::files::personal_data_file_name(&p.last_name, &p.first_name, ext);
        match format.trim() {
            "json" => Ok(Document::new(
                name("json"),
                serde_json::to_vec_pretty(&data).expect("personal data serialises"),
            )),
            "pdf" => Ok(Document::new(
                name("pdf"),
                documents::personal_data_pdf(&data, &self.store().settings()?.letterhead)?,
            )),
            other => Err(Error::field(
                "format",
                format!("Format „{other}“ gibt es nicht: PDF oder JSON."),
            )),
        }
    }

    /// The deletion check (SPEC section 8, "Deletion cannot be blocked"): deletes eFZ data past its
    /// deletion date (§ 30a BZRG, see docs/DOMAIN.md), anonymises the register data of pilots who
    /// left once the retention period is over, then applies what this database has erased and
    /// anonymised to every backup in the backup folder. Runs at every start, daily, after a restore and
    /// whenever the command line opens the database; it never depends on a backup.
    pub fn deletion_check(&mut self) -> CareReport {
        let today = self.today();
        let mut report = CareReport::default();
        match self.store_mut().delete_due_screenings(today) {
            Ok(done) => report.deleted = done,
            Err(e) => report.problems.push(CareProblem {
                task: "deletion",
                message: format!(
                    "Fällige Daten zum Führungszeugnis konnten nicht gelöscht werden ({e}). Das Lotsenbüro versucht es beim nächsten Start erneut; bleibt die Meldung, wenden Sie sich bitte an die IT-Betreuung."
                ),
            }),
        }
        match self.store_mut().anonymise_due_pilots(today) {
            Ok(done) => report.anonymised = done,
            Err(e) => report.problems.push(CareProblem {
                task: "deletion",
                message: format!(
                    "Stammdaten nach Ablauf der Aufbewahrungsfrist konnten nicht anonymisiert werden ({e}). Das Lotsenbüro versucht es beim nächsten Start erneut; bleibt die Meldung, wenden Sie sich bitte an die IT-Betreuung."
                ),
            }),
        }
        let dir = self.backup_dir();
        match self
            .store()
            .erased()
            .and_then(|erased| db::apply_erasure_to_backups(&dir, &erased))
        {
            Ok(changed) => report.backups_cleaned = changed,
            Err(e) => report.problems.push(CareProblem {
                task: "deletion",
                message: format!(
                    "Gelöschte Daten zum Führungszeugnis konnten nicht aus den Sicherungen im Ordner „{}“ entfernt werden ({e}). Bitte prüfen Sie, ob der Ordner vorhanden und beschreibbar ist; das Lotsenbüro versucht es bei jedem Start erneut. Bis dahin diese Sicherungen nicht weitergeben.",
                    dir.display()
                ),
            }),
        }
        report
    }

    /// "eFZ-Daten jetzt löschen" (`lotsen screening erase ID`): the pilot's eFZ data deleted now
    /// (see [`crate::Store::erase_screenings_now`]), then the deletion check applies it to the
    /// backups; a failure there is reported after the deletion, which stays done.
    pub fn erase_screening_now(
        &mut self,
        pilot_id: i64,
    ) -> Result<(db::DeletionRecord, Vec<CareProblem>)> {
        let today = self.today();
        let done = self.store_mut().erase_screenings_now(pilot_id, today)?;
        Ok((done, self.deletion_check().problems))
    }

    /// The care at the first start of a day (and after midnight while the app stays open;
    /// `lotsen maintenance`): first the deletion check ([`Session::deletion_check`]), then a
    /// backup into the backup folder (keeping the configured number), then the WAL is written
    /// back. One failing does not stop the others; what failed comes back with what to do.
    pub fn daily_care(&mut self) -> CareReport {
        let mut report = self.deletion_check();
        let today = self.today();
        let dir = self.backup_dir();
        let backup = self
            .store()
            .settings()
            .and_then(|s| db::daily_backup(self.store(), &dir, today, s.data.backup_keep as usize));
        match backup {
            Ok(written) => report.backup_written = written,
            Err(e) => report.problems.push(CareProblem {
                task: "backup",
                message: format!(
                    "Die tägliche Sicherung konnte nicht geschrieben werden ({e}). Bitte prüfen Sie, ob der Ordner „{}“ vorhanden und beschreibbar ist und das Laufwerk Platz hat, und erstellen Sie unter Einstellungen → Daten eine Sicherung von Hand.",
                    dir.display()
                ),
            }),
        }
        // A reader holding the WAL only delays this to the next care; nothing to report.
        let _ = self.store().checkpoint();
        report
    }
}

/// What the deletion check and the daily care did, and what they could not do.
#[derive(Debug, Clone, Default)]
pub struct CareReport {
    /// Pilots whose eFZ data was deleted now.
    pub deleted: Vec<db::DeletionRecord>,
    /// Pilots whose register data was anonymised now.
    pub anonymised: Vec<db::AnonymisationRecord>,
    /// Backups in the backup folder from which erased data was removed now.
    pub backups_cleaned: Vec<PathBuf>,
    /// The daily backup written now (`None`: today's existed or it failed).
    pub backup_written: Option<PathBuf>,
    pub problems: Vec<CareProblem>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Clock;
    use crate::PilotInput;

    fn session(dir: &Path) -> Session {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        Session::open(&dir.join("data").join("t.sqlite3"), Clock::fixed(today)).unwrap()
    }

    #[test]
    fn art15_file_name_is_legal_for_a_cyrillic_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session(dir.path());
        let input = PilotInput {
            first_name: "Олена".into(),
            last_name: "Коваленко".into(),
            ..Default::default()
        };
        let p = s.save_pilot(&input, None).unwrap();
        for format in ["pdf", "json"] {
            let doc = s.personal_data_export(p.id, format).unwrap();
            assert_eq!(doc.name, format!("Auskunft_Art15_Kovalenko_Olena.{format}"));
            assert_eq!(safe_file_name(&doc.name), doc.name);
        }
        let e = s.personal_data_export(p.id, "docx").unwrap_err();
        assert!(
            matches!(&e, Error::Validation(f) if f[0].field == "format"),
            "{e:?}"
        );
    }

    #[test]
    fn a_failed_daily_backup_is_reported_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session(dir.path());
        assert_eq!(s.daily_care().problems, vec![]);
        // A file where the backup folder should be: the backup cannot be written.
        std::fs::remove_dir_all(s.backup_dir()).unwrap();
        std::fs::write(s.backup_dir(), b"kein Ordner").unwrap();
        let problems = s.daily_care().problems;
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].task, "backup");
        assert!(problems[0].message.contains("Sicherung von Hand"));
    }

    #[test]
    fn backups_report_their_steps() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        let steps = std::cell::RefCell::new(Vec::new());
        let path = s.backup_now(&|p| steps.borrow_mut().push(p)).unwrap();
        assert!(path.exists());
        let steps = steps.into_inner();
        assert_eq!(steps.first().unwrap().done, 0);
        assert_eq!(steps.last().unwrap().done, steps.last().unwrap().total);
    }
}
