//! A pilot's record: status changes, eFZ, test attempts, what is due.

use lotsen::app::data::CareProblem;
use lotsen::domain::record::{DueItem, PilotRecord};
use lotsen::domain::screening::Screening;
use lotsen::domain::training::TestAttempt;
use lotsen::Status;
use tauri::AppHandle;

use super::{with_session, CmdResult};

#[tauri::command]
pub async fn pilot_record(app: AppHandle, id: i64) -> CmdResult<PilotRecord> {
    with_session(app, move |s| s.pilot_record(id)).await
}

#[tauri::command]
pub async fn change_status(
    app: AppHandle,
    id: i64,
    status: Status,
    effective_on: String,
    note: String,
) -> CmdResult<PilotRecord> {
    with_session(app, move |s| {
        s.change_status(id, status, &effective_on, &note)
    })
    .await
}

#[tauri::command]
pub async fn save_screening(
    app: AppHandle,
    pilot_id: i64,
    screening_id: Option<i64>,
    screening: Screening,
) -> CmdResult<PilotRecord> {
    with_session(app, move |s| {
        s.save_screening(pilot_id, screening_id, &screening)
    })
    .await
}

/// "eFZ-Daten jetzt löschen" (a due-list entry of a pilot not in service): deleted now, audited
/// without values, applied to the backups.
#[tauri::command]
pub async fn erase_screening(app: AppHandle, pilot_id: i64) -> CmdResult<Vec<CareProblem>> {
    with_session(app, move |s| {
        s.erase_screening_now(pilot_id)
            .map(|(_, problems)| problems)
    })
    .await
}

#[tauri::command]
pub async fn add_test_attempt(
    app: AppHandle,
    pilot_id: i64,
    attempt: TestAttempt,
) -> CmdResult<PilotRecord> {
    with_session(app, move |s| s.add_test_attempt(pilot_id, &attempt)).await
}

#[tauri::command]
pub async fn due_list(app: AppHandle) -> CmdResult<Vec<DueItem>> {
    with_session(app, |s| s.due_list()).await
}
