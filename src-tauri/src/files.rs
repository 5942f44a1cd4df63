//! Where documents are filed, and opening them in the system's PDF viewer.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

/// The documents folder: `LOTSEN_DOCUMENTS` if set (tests), else the folder from the settings, else
/// "Lotsenbüro" in the user's documents folder. Files go into a subfolder per year and month.
pub fn document_path(
    setting: &str,
    base: Option<PathBuf>,
    today: NaiveDate,
    file: &str,
) -> PathBuf {
    let root = std::env::var_os("LOTSEN_DOCUMENTS")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| (!setting.trim().is_empty()).then(|| PathBuf::from(setting.trim())))
        .or_else(|| base.map(|b| b.join("Lotsenbüro")))
        .unwrap_or_else(|| lotsen::db::default_data_dir().join("Dokumente"));
    root.join(format!("{:04}", today.year()))
        .join(format!("{:02}", today.month()))
        .join(file)
}

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
    let _ = cmd.spawn();
}

/// Asks where to save a file ("Speichern unter…"); `None` when the person cancels.
/// `LOTSEN_SAVE_AS_DIR` skips the dialog and saves there under the proposed name (tests).
pub fn ask_save_path(app: &tauri::AppHandle, proposed: &str) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("LOTSEN_SAVE_AS_DIR").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir).join(proposed));
    }
    use tauri_plugin_dialog::DialogExt;
    app.dialog()
        .file()
        .set_title("Speichern unter…")
        .set_file_name(proposed)
        .add_filter(filter_name(proposed), &[extension(proposed)])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Files a document in the documents folder, in the subfolder of `when`'s year and month.
pub fn file_in(
    app: &tauri::AppHandle,
    state: &crate::state::AppState,
    when: NaiveDate,
    name: &str,
    bytes: &[u8],
) -> lotsen::Result<PathBuf> {
    use tauri::Manager;
    let setting = state.with(|s| Ok(s.settings()?.data.documents_dir))?;
    let path = document_path(&setting, app.path().document_dir().ok(), when, name);
    lotsen::documents::write_file(&path, bytes)?;
    Ok(path)
}

/// Saves a document in the documents folder (today's month) and opens it ("Drucken").
pub fn file_and_open(
    app: &tauri::AppHandle,
    state: &crate::state::AppState,
    name: &str,
    bytes: &[u8],
) -> lotsen::Result<PathBuf> {
    let path = file_in(app, state, state.today, name, bytes)?;
    open_in_viewer(&path);
    Ok(path)
}

/// Asks where to save (`filter` e.g. ("PDF-Dokument", &["pdf"])) and writes the file; `None` if cancelled.
pub fn save_as(
    app: &tauri::AppHandle,
    name: &str,
    bytes: &[u8],
) -> lotsen::Result<Option<PathBuf>> {
    let Some(path) = ask_save_path(app, name) else {
        return Ok(None);
    };
    lotsen::documents::write_file(&path, bytes)?;
    Ok(Some(path))
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
    use tauri_plugin_dialog::DialogExt;
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}
