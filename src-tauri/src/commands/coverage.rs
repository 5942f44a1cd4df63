//! Coverage per former district and the Abdeckungsbericht.

use lotsen::app::coverage::CoverageView;
use tauri::AppHandle;

use super::{background, with_session, CmdResult, SavedFile};
use crate::dialogs;

/// Coverage on a day (as typed; default today) and the history with outlook.
#[tauri::command]
pub async fn coverage(app: AppHandle, date: Option<String>) -> CmdResult<CoverageView> {
    with_session(app, move |s| s.coverage_view(date.as_deref())).await
}

/// "Drucken": files the report in the documents folder and opens it.
#[tauri::command]
pub async fn print_coverage_report(app: AppHandle, date: Option<String>) -> CmdResult<SavedFile> {
    with_session(app, move |s| {
        let path = s.file_document(&s.coverage_report(date.as_deref())?)?;
        dialogs::open_in_viewer(&path);
        Ok(SavedFile::at(&path))
    })
    .await
}

/// "Speichern unter…": the report where the person chooses; `None` if cancelled.
#[tauri::command]
pub async fn save_coverage_report(
    app: AppHandle,
    date: Option<String>,
) -> CmdResult<Option<SavedFile>> {
    background(app, move |app, state| {
        let doc = state.with(|s| s.coverage_report(date.as_deref()))?;
        dialogs::save_as(app, &doc)
    })
    .await
}
