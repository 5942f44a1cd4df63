//! The register: pilots, duplicates, demo data, reference data.

use lotsen::app::register::{PageRequest, PilotName, PilotPage};
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

/// One page of the register (the window never holds the whole list of a large office).
#[tauri::command]
pub async fn pilot_page(
    app: AppHandle,
    query: PilotQuery,
    page: PageRequest,
) -> CmdResult<PilotPage> {
    with_session(app, move |s| s.pilot_page(&query, page)).await
}

/// Every pilot's name, for screens that only name pilots.
#[tauri::command]
pub async fn pilot_names(app: AppHandle) -> CmdResult<Vec<PilotName>> {
    with_session(app, |s| s.pilot_names()).await
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
