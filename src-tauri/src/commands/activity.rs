//! The activity record (Tätigkeitsnachweis): a pilot's months, the month grid, waivers of the gate,
//! task areas.

use lotsen::app::activity::{TaskAreaInput, WaiverInput};
use lotsen::db::ActivityMonth;
use lotsen::domain::activity::{ActivityInput, ActivityRecord, TaskArea, Waiver};
use tauri::AppHandle;

use super::{with_session, CmdResult};

#[tauri::command]
pub async fn record_activity(app: AppHandle, input: ActivityInput) -> CmdResult<ActivityRecord> {
    with_session(app, move |s| s.record_activity(&input)).await
}

#[tauri::command]
pub async fn activity_month(app: AppHandle, month: String) -> CmdResult<ActivityMonth> {
    with_session(app, move |s| s.activity_month(&month)).await
}

#[tauri::command]
pub async fn pilot_activity(app: AppHandle, pilot_id: i64) -> CmdResult<Vec<ActivityRecord>> {
    with_session(app, move |s| s.pilot_activity(pilot_id)).await
}

#[tauri::command]
pub async fn waive_activity(app: AppHandle, input: WaiverInput) -> CmdResult<Waiver> {
    with_session(app, move |s| s.waive_activity(&input)).await
}

#[tauri::command]
pub async fn task_areas(app: AppHandle) -> CmdResult<Vec<TaskArea>> {
    with_session(app, move |s| s.task_areas()).await
}

#[tauri::command]
pub async fn save_task_area(app: AppHandle, input: TaskAreaInput) -> CmdResult<Vec<TaskArea>> {
    with_session(app, move |s| s.save_task_area(&input)).await
}
