//! The ledger: reconciliation (Abgleich), claim-backs, the SEPA export register, the restore guard.

use std::path::PathBuf;

use lotsen::app::reconcile::SettleInput;
use lotsen::db::{Reconciliation, RestoreLoss, SepaExport};
use lotsen::domain::reconcile::ClaimBack;
use tauri::AppHandle;

use super::{background, with_session, CmdResult, SavedFile};
use crate::dialogs;

/// Approved months (of `year`, or all) recomputed from today's facts.
#[tauri::command]
pub async fn reconcile(app: AppHandle, year: Option<i32>) -> CmdResult<Reconciliation> {
    with_session(app, move |s| s.reconcile(year)).await
}

/// "Übernehmen": the differences as corrections for the next draft.
#[tauri::command]
pub async fn apply_reconciliation(app: AppHandle, year: Option<i32>) -> CmdResult<Reconciliation> {
    with_session(app, move |s| s.apply_reconciliation(year)).await
}

#[tauri::command]
pub async fn claim_backs(app: AppHandle) -> CmdResult<Vec<ClaimBack>> {
    with_session(app, move |s| s.claim_backs()).await
}

#[tauri::command]
pub async fn settle_claim(app: AppHandle, input: SettleInput) -> CmdResult<ClaimBack> {
    with_session(app, move |s| s.settle_claim(&input)).await
}

#[tauri::command]
pub async fn sepa_exports(app: AppHandle, month: String) -> CmdResult<Vec<SepaExport>> {
    with_session(app, move |s| s.sepa_exports(&month)).await
}

/// "SEPA-Datei speichern…" / "SEPA-Datei erneut erstellen…" (`reason` given): checked first, then the
/// save dialog; the export is recorded as the file is written. Cancelled: nothing recorded.
#[tauri::command]
pub async fn save_sepa(
    app: AppHandle,
    month: String,
    reason: Option<String>,
) -> CmdResult<Option<SavedFile>> {
    background(app, move |app, state| {
        let file = state.with(|s| s.prepare_sepa(&month, reason.as_deref()))?;
        dialogs::save_with(app, &file.document.name, |path| {
            state.with(|s| s.save_sepa(&file, path)).map(|_| ())
        })
    })
    .await
}

/// What restoring the backup at `path` would lose; the window asks for a confirmation naming it.
#[tauri::command]
pub async fn restore_losses(app: AppHandle, path: String) -> CmdResult<Vec<RestoreLoss>> {
    with_session(app, move |s| s.restore_losses(&PathBuf::from(path))).await
}
