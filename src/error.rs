//! One error type for the whole core. Messages are German: they are shown to the person at the desk.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// A problem with one input field, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    /// The disk refused to read or write (full, gone, no rights); the database itself is sound.
    #[error("{0}")]
    Disk(String),
}

/// What a full disk means for the person at the desk, and what to do.
pub const DISK_FULL: &str = "Auf dem Datenträger ist kein Platz mehr. Es wurde nichts gespeichert; \
    die Daten sind unverändert. Bitte Platz schaffen (z. B. alte Dokumente oder Sicherungen an einen \
    anderen Ort verschieben) und den Schritt dann wiederholen.";

/// A read or write error of the disk that is not a full disk.
const DISK_IO: &str = "Der Datenträger meldet einen Lese- oder Schreibfehler. Es wurde nichts \
    gespeichert; die Daten sind unverändert. Bitte prüfen, ob der Datenträger noch verbunden ist, \
    und den Schritt wiederholen.";

/// Whether an I/O error is a full disk (Linux ENOSPC 28, EDQUOT 122; Windows ERROR_DISK_FULL 112,
/// ERROR_HANDLE_DISK_FULL 39).
fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::QuotaExceeded
        || matches!(
            e.raw_os_error(),
            Some(28 | 122) if cfg!(unix)
        )
        || matches!(e.raw_os_error(), Some(112 | 39) if cfg!(windows))
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
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Rule { .. } => "rule",
            Error::NewerSchema { .. } | Error::Storage(_) => "storage",
            Error::Disk(_) => "disk",
        }
    }

    /// A failed file operation on `path`: a full disk or an I/O error says so plainly; anything
    /// else (no rights, missing folder) names the file and the system's reason.
    pub fn file(what: &str, path: &std::path::Path, e: std::io::Error) -> Self {
        if is_disk_full(&e) {
            Error::Disk(format!("{DISK_FULL} ({what}: {})", path.display()))
        } else {
            Error::Disk(format!("{what} „{}“: {e}", path.display()))
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DiskFull, SystemIoFailure};
        match e.sqlite_error_code() {
            Some(DiskFull) => Error::Disk(DISK_FULL.into()),
            Some(SystemIoFailure) => Error::Disk(DISK_IO.into()),
            _ => Error::Storage(e.to_string()),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if is_disk_full(&e) {
            Error::Disk(DISK_FULL.into())
        } else {
            Error::Disk(format!("{DISK_IO} ({e})"))
        }
    }
}

/// Serialised as `{ kind, message, errors, missing }` so the UI can put each message at its field.
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Error", 4)?;
        st.serialize_field("kind", self.kind())?;
        st.serialize_field("message", &self.to_string())?;
        let empty = Vec::new();
        let errors = match self {
            Error::Validation(errs) => errs,
            _ => &empty,
        };
        st.serialize_field("errors", errors)?;
        let no_missing = Vec::new();
        let missing = match self {
            Error::Rule { missing, .. } => missing,
            _ => &no_missing,
        };
        st.serialize_field("missing", missing)?;
        st.end()
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    //! The JSON the window receives is a contract with ui/src/backend: pinned here, field by field.
    use super::*;
    use serde_json::json;

    fn json_of(e: Error) -> serde_json::Value {
        serde_json::to_value(e).unwrap()
    }

    #[test]
    fn validation_error_shape() {
        let e = Error::Validation(vec![
            FieldError::new("iban", "IBAN ist ungültig."),
            FieldError::new("postcode", "PLZ muss aus 5 Ziffern bestehen."),
        ]);
        assert_eq!(
            json_of(e),
            json!({
                "kind": "validation",
                "message": "IBAN ist ungültig. PLZ muss aus 5 Ziffern bestehen.",
                "errors": [
                    {"field": "iban", "message": "IBAN ist ungültig."},
                    {"field": "postcode", "message": "PLZ muss aus 5 Ziffern bestehen."}
                ],
                "missing": []
            })
        );
    }

    #[test]
    fn rule_error_lists_what_is_missing() {
        let e = Error::Rule {
            message: "Berufung nicht möglich.".into(),
            missing: vec!["Abschlusstest bestanden".into()],
        };
        assert_eq!(
            json_of(e),
            json!({
                "kind": "rule",
                "message": "Berufung nicht möglich.",
                "errors": [],
                "missing": ["Abschlusstest bestanden"]
            })
        );
    }

    #[test]
    fn other_kinds() {
        for (e, kind) in [
            (
                Error::NotFound("Lotse 7 gibt es nicht.".into()),
                "not_found",
            ),
            (
                Error::Conflict("Der Lauf ist schon freigegeben.".into()),
                "conflict",
            ),
            (Error::Storage("kaputt".into()), "storage"),
            (Error::Disk(DISK_FULL.into()), "disk"),
            (
                Error::NewerSchema {
                    found: 9,
                    supported: 4,
                },
                "storage",
            ),
        ] {
            let v = json_of(e);
            assert_eq!(v["kind"], kind);
            assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));
            assert_eq!(v["errors"], json!([]));
            assert_eq!(v["missing"], json!([]));
            assert_eq!(v.as_object().unwrap().len(), 4, "exactly four fields");
        }
        assert_eq!(
            Error::Storage("kaputt".into()).to_string(),
            "Datenbankfehler: kaputt"
        );
    }
}
