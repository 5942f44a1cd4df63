//! What the window needs at start: the database, the date, and what start-up care could not do.

use lotsen::app::data::CareProblem;
use lotsen::app::session::SessionInfo;
use tauri::AppHandle;

use super::{background, with_session, CmdResult};

#[tauri::command]
pub async fn app_state(app: AppHandle) -> CmdResult<SessionInfo> {
    with_session(app, |s| s.info()).await
}

/// Failures of the daily backup or the deletion of due eFZ data, for the banner.
#[tauri::command]
pub async fn startup_problems(app: AppHandle) -> CmdResult<Vec<CareProblem>> {
    background(app, |_, state| Ok(state.problems())).await
}

/// "Abbrechen" in the busy bar: the long task `task` (a command's name) stops at its next step,
/// before it has filed or saved anything. Only tasks that can stop so offer the button.
#[tauri::command]
pub async fn cancel_work(app: AppHandle, task: String) -> CmdResult<()> {
    background(app, move |_, state| {
        state.cancel(&task);
        Ok(())
    })
    .await
}
