//! Checks the window asks for while a person types, so no rule is copied into TypeScript: the
//! answers come from the same code that checks again on save.

use lotsen::{FieldError, PilotInput};
use tauri::AppHandle;

use super::{with_session, CmdResult};

/// Every field error of a pilot as saving would report it; empty when the pilot is valid.
#[tauri::command]
pub async fn validate_pilot(app: AppHandle, input: PilotInput) -> CmdResult<Vec<FieldError>> {
    with_session(app, move |s| s.validate_pilot(&input)).await
}

/// An amount as typed ("1.234,56") in cents; a validation error at `field` naming `label` when it
/// is not an amount.
#[tauri::command]
pub async fn parse_amount(field: String, label: String, text: String) -> CmdResult<i64> {
    lotsen::app::parse::euros(&field, &label, &text).map(|c| c.0)
}
