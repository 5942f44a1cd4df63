//! One error type for the whole core. Messages are German: they are shown to the person at the desk.

use serde::{Serialize, Serializer};

/// A problem with one input field, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FieldError {
    /// The snake_case key of the field (`iban`, `postcode`, …).
    pub field: String,
    /// German message naming the field.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input was rejected; nothing was written.
    #[error("{}", join_field_errors(.0))]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// A domain rule refused the action; `missing` lists every unmet requirement.
    #[error("{message}")]
    Rule {
        message: String,
        missing: Vec<String>,
    },
    #[error("Die Datenbank wurde von einer neueren Version des Lotsenbüros geschrieben (Schema {found}, diese Version kennt bis {supported}). Bitte die neuere Version verwenden.")]
    NewerSchema { found: i64, supported: i64 },
    #[error("Datenbankfehler: {0}")]
    Storage(String),
}

fn join_field_errors(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Error {
    /// A single-field validation error.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError::new(field, message)])
    }

    /// `Ok` when no field error was found, else all of them as one validation error.
    pub fn check(errors: Vec<FieldError>) -> Result<()> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }

    /// Short machine-readable kind for the UI.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Validation(_) => ErrorKind::Validation,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::Rule { .. } => ErrorKind::Rule,
            Error::NewerSchema { .. } | Error::Storage(_) => ErrorKind::Storage,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Storage(e.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Storage(e.to_string())
    }
}

/// What kind of error a command answers with; `validation` puts its messages at their fields,
/// `rule` lists every unmet requirement in `missing`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Validation,
    NotFound,
    Conflict,
    Rule,
    Storage,
}

/// The JSON of an [`Error`] as the window gets it. `Error` serialises through this struct, so the
/// TypeScript type generated from it (`AppError`) is the shape on the wire.
#[derive(Serialize, ts_rs::TS)]
#[ts(rename = "AppError")]
pub struct ErrorJson<'a> {
    pub kind: ErrorKind,
    /// The whole error in German (for a validation error: every field message, joined).
    pub message: String,
    /// For `validation`: one entry per offending field.
    pub errors: &'a [FieldError],
    /// For `rule`: every unmet requirement, in German.
    pub missing: &'a [String],
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ErrorJson {
            kind: self.kind(),
            message: self.to_string(),
            errors: match self {
                Error::Validation(errors) => errors,
                _ => &[],
            },
            missing: match self {
                Error::Rule { missing, .. } => missing,
                _ => &[],
            },
        }
        .serialize(s)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn validation_error_json_has_every_field_error() {
        let e = Error::Validation(vec![
            FieldError::new("first_name", "Vorname fehlt."),
            FieldError::new("iban", "IBAN ist ungültig."),
        ]);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({
                "kind": "validation",
                "message": "Vorname fehlt. IBAN ist ungültig.",
                "errors": [
                    { "field": "first_name", "message": "Vorname fehlt." },
                    { "field": "iban", "message": "IBAN ist ungültig." },
                ],
                "missing": [],
            })
        );
    }

    #[test]
    fn rule_error_json_lists_what_is_missing() {
        let e = Error::Rule {
            message: "Berufung nicht möglich.".into(),
            missing: vec!["eFZ fehlt.".into(), "Modul 5 fehlt.".into()],
        };
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({
                "kind": "rule",
                "message": "Berufung nicht möglich.",
                "errors": [],
                "missing": ["eFZ fehlt.", "Modul 5 fehlt."],
            })
        );
    }

    #[test]
    fn other_errors_json_carry_their_kind_and_message_only() {
        for (e, kind) in [
            (
                Error::NotFound("Lotse Nr. 9 gibt es nicht.".into()),
                "not_found",
            ),
            (Error::Conflict("Schon freigegeben.".into()), "conflict"),
            (Error::Storage("Platte voll".into()), "storage"),
            (
                Error::NewerSchema {
                    found: 9,
                    supported: 8,
                },
                "storage",
            ),
        ] {
            let v = serde_json::to_value(&e).unwrap();
            assert_eq!(v["kind"], kind);
            assert_eq!(v["message"], e.to_string());
            assert_eq!(v["errors"], json!([]));
            assert_eq!(v["missing"], json!([]));
            assert_eq!(v.as_object().unwrap().len(), 4, "{v}");
        }
    }
}
