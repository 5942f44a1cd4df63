//! Documents of one pilot (eFZ letter, Berufungsurkunde).

use lotsen::app::documents::PilotDocument;
use tauri::AppHandle;

use super::{with_session, CmdResult, SavedFile};
use crate::dialogs;

/// Produces a pilot's document, files it in the documents folder and opens it.
#[tauri::command]
pub async fn print_document(
    app: AppHandle,
    pilot_id: i64,
    kind: PilotDocument,
) -> CmdResult<SavedFile> {
    with_session(app, move |s| {
        let doc = s.pilot_document(pilot_id, kind)?;
        let path = s.file_document(&doc)?;
        dialogs::open_in_viewer(&path);
        Ok(SavedFile::at(&path))
    })
    .await
}
