//! Data care: backups, restore, import, export, the change log, Art. 15 DSGVO.

use std::path::PathBuf;

use lotsen::app::data::{self, AuditedTable, PickedBackup, RestoreChoice};
use lotsen::db::{AuditEntry, AuditFilter, BackupEntry, BackupInfo, ExportKind, RestoreOutcome};
use lotsen::io::import::ImportPreview;
use serde::Serialize;
use tauri::AppHandle;

use super::{background, progress, with_session, CmdResult, SavedFile};
use crate::dialogs;

/// "Sicherung erstellen": a backup into the backup folder, named with date and time.
#[tauri::command]
pub async fn backup_now(app: AppHandle) -> CmdResult<SavedFile> {
    background(app, |app, state| {
        let path = state.with(|s| s.backup_now(&progress(app, "backup_now")))?;
        Ok(SavedFile::at(&path))
    })
    .await
}

#[tauri::command]
pub async fn list_backups(app: AppHandle) -> CmdResult<Vec<BackupEntry>> {
    with_session(app, |s| s.backups()).await
}

/// "Sicherung auf Datenträger …": the passphrase (typed twice) is checked before the save dialog
/// opens; then an encrypted copy is written where the person chooses. `None` if cancelled.
#[tauri::command]
pub async fn backup_encrypted(
    app: AppHandle,
    passphrase: String,
    repeat: String,
) -> CmdResult<Option<SavedFile>> {
    background(app, move |app, state| {
        data::check_new_passphrase(&passphrase, &repeat)?;
        let name = state.with(|s| Ok(s.encrypted_backup_name()))?;
        let Some(path) = dialogs::ask_save_path(app, &name) else {
            return Ok(None);
        };
        let steps = progress(app, "backup_encrypted");
        state.with(|s| s.backup_encrypted_to(&path, &passphrase, &repeat, &steps))?;
        Ok(Some(SavedFile::at(&path)))
    })
    .await
}

/// Picks a backup file (dialog) and checks it (an encrypted one needs its passphrase first); the
/// window shows the details before restoring.
#[tauri::command]
pub async fn pick_backup(app: AppHandle) -> CmdResult<Option<PickedBackup>> {
    background(app, |app, _| {
        let filter = ("Sicherung", &["sqlite3", "db", "sqlite", "age"][..]);
        let Some(path) = dialogs::ask_open_path(app, "Sicherung wiederherstellen", filter) else {
            return Ok(None);
        };
        data::inspect_backup(&path).map(Some)
    })
    .await
}

#[tauri::command]
pub async fn check_backup(app: AppHandle, path: String) -> CmdResult<BackupInfo> {
    background(app, move |_, _| data::check_backup(&PathBuf::from(path))).await
}

/// "Sicherung wiederherstellen": checked first; the current database is saved before it is replaced.
/// An encrypted backup comes with its passphrase; losing approved or paid runs or SEPA exports
/// needs `accept_loss` (the confirmation naming them); a file still holding deleted eFZ data needs
/// `apply_deletion` ("Löschung anwenden und wiederherstellen").
#[tauri::command]
pub async fn restore_backup(
    app: AppHandle,
    path: String,
    passphrase: Option<String>,
    accept_loss: bool,
    apply_deletion: bool,
) -> CmdResult<RestoreOutcome> {
    background(app, move |app, state| {
        let steps = progress(app, "restore_backup");
        let choice = RestoreChoice {
            accept_loss,
            apply_deletion,
        };
        state.with(|s| {
            s.restore_backup_with(&PathBuf::from(path), passphrase.as_deref(), choice, &steps)
        })
    })
    .await
}

/// The pilots whose deleted eFZ data the backup at `path` still holds; the window offers to apply
/// the deletion to the file before restoring.
#[tauri::command]
pub async fn restore_erasures(app: AppHandle, path: String) -> CmdResult<Vec<String>> {
    with_session(app, move |s| s.restore_erasures(&PathBuf::from(path))).await
}

#[derive(Serialize)]
pub struct PickedImport {
    path: String,
    preview: ImportPreview,
}

/// Picks a CSV file and shows what an import would do (nothing is written).
#[tauri::command]
pub async fn pick_import(app: AppHandle) -> CmdResult<Option<PickedImport>> {
    background(app, |app, state| {
        let filter = ("CSV-Datei", &["csv", "txt"][..]);
        let Some(path) = dialogs::ask_open_path(app, "Excel-Liste einlesen", filter) else {
            return Ok(None);
        };
        let preview = state.with(|s| s.import_preview(&path))?;
        Ok(Some(PickedImport {
            path: path.display().to_string(),
            preview,
        }))
    })
    .await
}

/// Imports all valid new rows of the file shown in the preview, in one transaction; "Abbrechen"
/// rolls it back.
#[tauri::command]
pub async fn import_file(app: AppHandle, path: String) -> CmdResult<ImportPreview> {
    background(app, move |app, state| {
        let steps = progress(app, "import_file");
        let cancel = state.cancellable("import_file");
        state.with(|s| s.import_file(&PathBuf::from(path), &steps, &cancel))
    })
    .await
}

/// A list (pilots, coverage, payments) as CSV or XLSX where the person chooses.
#[tauri::command]
pub async fn export_list(
    app: AppHandle,
    kind: ExportKind,
    format: String,
    year: Option<i32>,
) -> CmdResult<Option<SavedFile>> {
    background(app, move |app, state| {
        let doc = state.with(|s| s.export_list(kind, &format, year))?;
        dialogs::save_as(app, &doc)
    })
    .await
}

#[tauri::command]
pub async fn audit_entries(app: AppHandle, filter: AuditFilter) -> CmdResult<Vec<AuditEntry>> {
    with_session(app, move |s| s.audit_entries(&filter)).await
}

#[tauri::command]
pub async fn audited_tables() -> CmdResult<Vec<AuditedTable>> {
    Ok(data::audited_tables())
}

/// Art. 15 DSGVO: everything about one pilot as PDF or JSON, where the person chooses.
#[tauri::command]
pub async fn export_personal_data(
    app: AppHandle,
    pilot_id: i64,
    format: String,
) -> CmdResult<Option<SavedFile>> {
    background(app, move |app, state| {
        let doc = state.with(|s| s.personal_data_export(pilot_id, &format))?;
        dialogs::save_as(app, &doc)
    })
    .await
}
