//! Checks the window asks for while a person types, so no rule is copied into TypeScript: the
//! answers come from the same code that checks again on save.

use lotsen::{Error, FieldError, PilotInput};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// Every field error of a pilot as saving would report it; empty when the pilot is valid.
#[tauri::command]
pub fn validate_pilot(state: State<AppState>, input: PilotInput) -> CmdResult<Vec<FieldError>> {
    state.with(|s| {
        let refs = s.reference_data()?;
        let checked = lotsen::domain::pilot::validate(
            &input,
            state.today,
            &refs.municipality_pairs(),
            &refs.district_names(),
        );
        match checked {
            Ok(_) => Ok(Vec::new()),
            Err(Error::Validation(errors)) => Ok(errors),
            Err(other) => Err(other),
        }
    })
}

/// An amount as typed ("1.234,56") in cents; a validation error at `field` naming `label` when it
/// is not an amount.
#[tauri::command]
pub fn parse_amount(field: String, label: String, text: String) -> CmdResult<i64> {
    lotsen::app::parse::euros(&field, &label, &text).map(|c| c.0)
}
