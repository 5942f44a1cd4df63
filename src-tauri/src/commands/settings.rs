//! Settings, former districts and municipalities.

use lotsen::domain::reference::ReferenceData;
use lotsen::domain::settings::Settings;
use tauri::AppHandle;

use super::{with_session, CmdResult};

#[tauri::command]
pub async fn get_settings(app: AppHandle) -> CmdResult<Settings> {
    with_session(app, |s| s.settings()).await
}

#[tauri::command]
pub async fn save_settings(app: AppHandle, settings: Settings) -> CmdResult<Settings> {
    with_session(app, move |s| s.save_settings(&settings)).await
}

#[tauri::command]
pub async fn save_district(
    app: AppHandle,
    id: i64,
    name: String,
    target: i64,
) -> CmdResult<ReferenceData> {
    with_session(app, move |s| s.save_district(id, &name, target)).await
}

#[tauri::command]
pub async fn set_municipality_district(
    app: AppHandle,
    municipality: String,
    district: String,
) -> CmdResult<ReferenceData> {
    with_session(app, move |s| {
        s.set_municipality_district(&municipality, &district)
    })
    .await
}
