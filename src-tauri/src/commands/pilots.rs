//! The register: pilots, duplicates, demo data, reference data.

use lotsen::domain::reference::ReferenceData;
use lotsen::{Duplicate, Pilot, PilotInput, PilotQuery};
use tauri::AppHandle;

use super::{with_session, CmdResult};

#[tauri::command]
pub async fn reference_data(app: AppHandle) -> CmdResult<ReferenceData> {
    with_session(app, |s| s.reference_data()).await
}

#[tauri::command]
pub async fn load_demo(app: AppHandle) -> CmdResult<usize> {
    with_session(app, |s| s.load_demo()).await
}

#[tauri::command]
pub async fn list_pilots(app: AppHandle, query: PilotQuery) -> CmdResult<Vec<Pilot>> {
    with_session(app, move |s| s.list_pilots(&query)).await
}

#[tauri::command]
pub async fn get_pilot(app: AppHandle, id: i64) -> CmdResult<Pilot> {
    with_session(app, move |s| s.get_pilot(id)).await
}

#[tauri::command]
pub async fn find_duplicates(
    app: AppHandle,
    input: PilotInput,
    id: Option<i64>,
) -> CmdResult<Vec<Duplicate>> {
    with_session(app, move |s| s.find_duplicates(&input, id)).await
}

#[tauri::command]
pub async fn save_pilot(app: AppHandle, input: PilotInput, id: Option<i64>) -> CmdResult<Pilot> {
    with_session(app, move |s| s.save_pilot(&input, id)).await
}
