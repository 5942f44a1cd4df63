//! Entry with history on a pilot's page: "Im Programm seit", modules recognised outside the
//! courses ("anerkannt") and refreshers, district changes with their day, and the Storno of the
//! latest status change. Past status changes, eFZ records and test attempts go through the
//! commands of `lifecycle`; every past fact is checked by the rules of its own day in the core.

use lotsen::app::history::{DistrictInput, ModulesInput};
use lotsen::domain::record::PilotRecord;
use tauri::AppHandle;

use super::{with_session, CmdResult};

/// Moves "Im Programm seit" (as typed).
#[tauri::command]
pub async fn set_programme_since(app: AppHandle, id: i64, since: String) -> CmdResult<PilotRecord> {
    with_session(app, move |s| s.set_programme_since(id, &since)).await
}

/// "Rückgängig": Storno of the latest status change with a reason.
#[tauri::command]
pub async fn undo_status(app: AppHandle, id: i64, reason: String) -> CmdResult<PilotRecord> {
    with_session(app, move |s| s.undo_status(id, &reason)).await
}

/// Another former district from a day (kept as history).
#[tauri::command]
pub async fn change_district(
    app: AppHandle,
    id: i64,
    input: DistrictInput,
) -> CmdResult<PilotRecord> {
    with_session(app, move |s| s.change_district(id, &input)).await
}

/// Modules or a refresher done outside the courses of the app ("anerkannt").
#[tauri::command]
pub async fn add_modules(app: AppHandle, id: i64, input: ModulesInput) -> CmdResult<PilotRecord> {
    with_session(app, move |s| s.add_modules(id, &input)).await
}
