//! Budget, monthly runs, corrections, and the run's documents.

use lotsen::app::allowances::BudgetInput;
use lotsen::domain::approval::Approval;
use lotsen::domain::budget::BudgetYear;
use lotsen::domain::run::{Correction, Run};
use tauri::AppHandle;

use super::{background, progress, with_session, CmdResult, SavedFile};
use crate::dialogs;

#[tauri::command]
pub async fn budget_year(app: AppHandle, year: i32) -> CmdResult<BudgetYear> {
    with_session(app, move |s| s.budget_year(year)).await
}

#[tauri::command]
pub async fn set_budget(app: AppHandle, budget: BudgetInput) -> CmdResult<BudgetYear> {
    with_session(app, move |s| s.set_budget(&budget)).await
}

#[tauri::command]
pub async fn create_run(app: AppHandle, month: String) -> CmdResult<Run> {
    with_session(app, move |s| s.create_run(&month)).await
}

#[tauri::command]
pub async fn run_detail(app: AppHandle, month: String) -> CmdResult<Run> {
    with_session(app, move |s| s.run(&month)).await
}

#[tauri::command]
pub async fn lower_line(
    app: AppHandle,
    month: String,
    pilot_id: i64,
    amount: String,
    reason: String,
) -> CmdResult<Run> {
    with_session(app, move |s| {
        s.lower_line(&month, pilot_id, &amount, &reason)
    })
    .await
}

/// "Freigeben" of the draft the window shows (its fingerprint): approved, or the differences to
/// the figures of now; approving with the fingerprint that came with them accepts them.
#[tauri::command]
pub async fn approve_run(
    app: AppHandle,
    month: String,
    fingerprint: Option<String>,
) -> CmdResult<Approval> {
    with_session(app, move |s| s.approve_run(&month, fingerprint.as_deref())).await
}

#[tauri::command]
pub async fn mark_paid(app: AppHandle, month: String, paid_on: String) -> CmdResult<Run> {
    with_session(app, move |s| s.mark_paid(&month, Some(&paid_on))).await
}

#[tauri::command]
pub async fn delete_draft(app: AppHandle, month: String) -> CmdResult<()> {
    with_session(app, move |s| s.delete_draft(&month)).await
}

#[tauri::command]
pub async fn add_correction(
    app: AppHandle,
    pilot_id: i64,
    amount: String,
    month: String,
    reason: String,
) -> CmdResult<Correction> {
    with_session(app, move |s| {
        s.add_correction(pilot_id, &amount, &month, &reason)
    })
    .await
}

#[tauri::command]
pub async fn pilot_corrections(app: AppHandle, pilot_id: i64) -> CmdResult<Vec<Correction>> {
    with_session(app, move |s| s.corrections_of(pilot_id)).await
}

/// "Drucken": the run's documents filed under its month and the combined PDF opened. The PDFs are
/// drawn after the session is let go, so the window and other commands go on meanwhile.
#[tauri::command]
pub async fn print_run(app: AppHandle, month: String) -> CmdResult<SavedFile> {
    background(app, move |app, state| {
        let mut print = state.with(|s| s.run_print(&month))?;
        print.job.cancel = state.cancellable("print_run");
        let path = print.file(&progress(app, "print_run"))?;
        dialogs::open_in_viewer(&path);
        Ok(SavedFile::at(&path))
    })
    .await
}

/// "Speichern unter…": the combined PDF where the person chooses.
#[tauri::command]
pub async fn save_run_as(app: AppHandle, month: String) -> CmdResult<Option<SavedFile>> {
    background(app, move |app, state| {
        let mut job = state.with(|s| s.run_job(&month))?;
        job.cancel = state.cancellable("save_run_as");
        let doc = job.combined(&progress(app, "save_run_as"))?;
        job.cancel.check()?;
        dialogs::save_as(app, &doc)
    })
    .await
}

/// One pilot's statement of a month, from the pilot's page: filed and opened.
#[tauri::command]
pub async fn print_statement(app: AppHandle, month: String, pilot_id: i64) -> CmdResult<SavedFile> {
    with_session(app, move |s| {
        let path = s.print_statement(&month, pilot_id)?;
        dialogs::open_in_viewer(&path);
        Ok(SavedFile::at(&path))
    })
    .await
}
