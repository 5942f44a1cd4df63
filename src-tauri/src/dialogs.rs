//! The desktop's own part of files: the system's file dialogs and opening a file in its viewer.
//! Names and places of documents come from lotsen::app (files, documents).

use std::path::{Path, PathBuf};

use lotsen::app::files::safe_file_name;
use lotsen::app::Document;
use tauri_plugin_dialog::DialogExt;

use crate::commands::SavedFile;

/// Opens a file with the system's viewer, without waiting. `LOTSEN_NO_OPEN=1` turns it off (tests).
pub fn open_in_viewer(path: &Path) {
    if std::env::var_os("LOTSEN_NO_OPEN").is_some_and(|v| v == "1") {
        return;
    }
    let mut cmd = if cfg!(windows) {
        // Explorer opens the file with its default program, without the console window that
        // `cmd /C start` shows and without cmd re-reading "&" or "%" in the path.
        let mut c = std::process::Command::new("explorer.exe");
        c.arg(path.as_os_str().to_string_lossy().replace('/', "\\"));
        c
    } else {
        let mut c = std::process::Command::new(if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        });
        c.arg(path);
        c
    };
    // A missing viewer is not an error: the file is saved and its path shown.
    if let Err(e) = cmd.spawn() {
        log::warn!("Kein Programm zum Öffnen von {}: {e}", path.display());
    }
}

/// Asks where to save a file ("Speichern unter…"); `None` when the person cancels.
/// `LOTSEN_SAVE_AS_DIR` skips the dialog and saves there under the proposed name (tests).
pub fn ask_save_path(app: &tauri::AppHandle, proposed: &str) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("LOTSEN_SAVE_AS_DIR").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir).join(proposed));
    }
    app.dialog()
        .file()
        .set_title("Speichern unter…")
        .set_file_name(proposed)
        .add_filter(filter_name(proposed), &[extension(proposed)])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks where to save a file named `proposed` and lets `write` put it there; `None` if cancelled.
pub fn save_with(
    app: &tauri::AppHandle,
    proposed: &str,
    write: impl FnOnce(&std::path::Path) -> lotsen::Result<()>,
) -> lotsen::Result<Option<SavedFile>> {
    let Some(path) = ask_save_path(app, &safe_file_name(proposed)) else {
        return Ok(None);
    };
    write(&path)?;
    Ok(Some(SavedFile::at(&path)))
}

/// Asks where to save `doc` and writes it there; `None` if cancelled. Called without the session.
pub fn save_as(app: &tauri::AppHandle, doc: &Document) -> lotsen::Result<Option<SavedFile>> {
    let Some(path) = ask_save_path(app, &safe_file_name(&doc.name)) else {
        return Ok(None);
    };
    doc.save_to(&path)?;
    Ok(Some(SavedFile::at(&path)))
}

fn extension(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

fn filter_name(name: &str) -> &'static str {
    match extension(name) {
        "pdf" => "PDF-Dokument",
        "xml" => "SEPA-Datei (XML)",
        "csv" => "CSV-Datei",
        "xlsx" => "Excel-Arbeitsmappe",
        "json" => "JSON-Datei",
        "sqlite3" => "Sicherung",
        "age" => "Verschlüsselte Sicherung",
        _ => "Datei",
    }
}

/// Asks for a file to open (`LOTSEN_OPEN_FILE` answers for tests); `None` when cancelled.
pub fn ask_open_path(
    app: &tauri::AppHandle,
    title: &str,
    filter: (&str, &[&str]),
) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LOTSEN_OPEN_FILE").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}
