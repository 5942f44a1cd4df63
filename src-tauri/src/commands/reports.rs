//! The Berichte: Jahresbericht, Verwendungsnachweis, Jahresbescheinigungen (PDF and XLSX) and the
//! Sachbericht's text sections. Reports are read with the session and drawn after it is let go.

use lotsen::app::reports::{ReportFormat, ReportKind, ReportTexts};
use lotsen::domain::reports::TextSection;
use tauri::AppHandle;

use super::{background, progress, with_session, CmdResult, SavedFile};
use crate::dialogs;

/// The Sachbericht's text sections of a year, with the figures filled in.
#[tauri::command]
pub async fn report_texts(app: AppHandle, year: i32) -> CmdResult<ReportTexts> {
    with_session(app, move |s| s.report_texts(year)).await
}

/// Keeps the Sachbericht's text sections of a year.
#[tauri::command]
pub async fn save_report_texts(
    app: AppHandle,
    year: i32,
    sections: Vec<TextSection>,
) -> CmdResult<ReportTexts> {
    with_session(app, move |s| s.save_report_texts(year, &sections)).await
}

/// "Drucken": the report filed in the documents folder (certificates: each pilot's too) and the
/// PDF opened.
#[tauri::command]
pub async fn print_report(
    app: AppHandle,
    kind: ReportKind,
    year: i32,
    pilot_id: Option<i64>,
) -> CmdResult<SavedFile> {
    background(app, move |app, state| {
        let (mut job, root) =
            state.with(|s| Ok((s.report_job(kind, year, pilot_id)?, s.report_root()?)))?;
        job.cancel = state.cancellable("print_report");
        let path = job.file(&root, &progress(app, "print_report"))?;
        dialogs::open_in_viewer(&path);
        Ok(SavedFile::at(&path))
    })
    .await
}

/// "Speichern unter…": the report as PDF or XLSX where the person chooses; `None` if cancelled.
#[tauri::command]
pub async fn save_report_as(
    app: AppHandle,
    kind: ReportKind,
    year: i32,
    pilot_id: Option<i64>,
    format: ReportFormat,
) -> CmdResult<Option<SavedFile>> {
    background(app, move |app, state| {
        let mut job = state.with(|s| s.report_job(kind, year, pilot_id))?;
        job.cancel = state.cancellable("save_report_as");
        let doc = job.document(format, &progress(app, "save_report_as"))?;
        dialogs::save_as(app, &doc)
    })
    .await
}
