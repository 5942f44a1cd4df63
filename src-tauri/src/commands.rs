//! Thin commands: take the state, call the core, return its result or error.

use lotsen::reference::ReferenceData;
use lotsen::{demo, Duplicate, Pilot, PilotInput, PilotQuery};
use serde::Serialize;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[derive(Serialize)]
pub struct AppInfo {
    empty: bool,
    db_path: String,
    today: String,
}

#[tauri::command]
pub fn app_state(state: State<AppState>) -> CmdResult<AppInfo> {
    let empty = state.with(|s| s.is_empty())?;
    Ok(AppInfo {
        empty,
        db_path: state.db_path.display().to_string(),
        today: state.today.to_string(),
    })
}

#[tauri::command]
pub fn reference_data(state: State<AppState>) -> CmdResult<ReferenceData> {
    state.with(|s| s.reference_data())
}

#[tauri::command]
pub fn load_demo(state: State<AppState>) -> CmdResult<usize> {
    state.with(|s| demo::load(s, state.today, &state.who))
}

#[tauri::command]
pub fn list_pilots(state: State<AppState>, query: PilotQuery) -> CmdResult<Vec<Pilot>> {
    state.with(|s| s.list_pilots(&query))
}

#[tauri::command]
pub fn get_pilot(state: State<AppState>, id: i64) -> CmdResult<Pilot> {
    state.with(|s| s.get_pilot(id))
}

#[tauri::command]
pub fn find_duplicates(
    state: State<AppState>,
    input: PilotInput,
    id: Option<i64>,
) -> CmdResult<Vec<Duplicate>> {
    state.with(|s| s.find_duplicates(&input, id, state.today))
}

#[tauri::command]
pub fn save_pilot(state: State<AppState>, input: PilotInput, id: Option<i64>) -> CmdResult<Pilot> {
    state.with(|s| match id {
        None => s.create_pilot(&input, state.today, &state.who),
        Some(id) => s.update_pilot(id, &input, state.today),
    })
}
