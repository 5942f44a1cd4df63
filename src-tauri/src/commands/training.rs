//! Courses, sessions and attendance.

use lotsen::db::{Course, SessionInput};
use tauri::AppHandle;

use super::{with_session, CmdResult};

#[tauri::command]
pub async fn list_courses(app: AppHandle) -> CmdResult<Vec<Course>> {
    with_session(app, |s| s.courses()).await
}

#[tauri::command]
pub async fn save_course(app: AppHandle, id: Option<i64>, name: String) -> CmdResult<Course> {
    with_session(app, move |s| s.save_course(id, &name)).await
}

#[tauri::command]
pub async fn save_session(
    app: AppHandle,
    course_id: i64,
    session_id: Option<i64>,
    session: SessionInput,
) -> CmdResult<Course> {
    with_session(app, move |s| {
        s.save_course_session(course_id, session_id, &session)
    })
    .await
}

#[tauri::command]
pub async fn set_attendance(
    app: AppHandle,
    session_id: i64,
    pilot_id: i64,
    present: bool,
) -> CmdResult<Course> {
    with_session(app, move |s| {
        s.set_attendance(session_id, pilot_id, present)
    })
    .await
}
