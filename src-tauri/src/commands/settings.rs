//! Settings, former districts and municipalities.

use lotsen::db::SettingView;
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

/// Every key with its value in force today and its history ("Werte mit Gültigkeit").
#[tauri::command]
pub async fn setting_views(app: AppHandle) -> CmdResult<Vec<SettingView>> {
    with_session(app, |s| s.setting_views()).await
}

/// One key set as typed, a dated one from `valid_from` (empty: today).
#[tauri::command]
pub async fn set_setting(
    app: AppHandle,
    key: String,
    value: String,
    valid_from: String,
) -> CmdResult<SettingView> {
    with_session(app, move |s| {
        let from = Some(valid_from.as_str()).filter(|f| !f.trim().is_empty());
        s.set_setting(&key, &value, from)
    })
    .await
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
