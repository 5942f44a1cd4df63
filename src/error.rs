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

/// The system's reason for a failed file operation, in German for the common cases (the system's
/// own text is English on many PCs); anything rarer keeps the system's text.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let german = match e.kind() {
        K::NotFound => "Datei oder Ordner nicht vorhanden",
        K::PermissionDenied => "keine Berechtigung (Zugriff verweigert)",
        K::AlreadyExists => "ist schon vorhanden",
        K::ReadOnlyFilesystem => "der Datenträger ist schreibgeschützt",
        K::NotADirectory => "ein Teil des Pfads ist kein Ordner",
        K::IsADirectory => "ist ein Ordner, keine Datei",
        K::InvalidFilename => "der Dateiname ist nicht zulässig",
        K::UnexpectedEof => "die Datei endet unerwartet",
        _ => return e.to_string(),
    };
    german.to_string()
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
            Error::Disk(_) => ErrorKind::Disk,
        }
    }

    /// A failed file operation on `path`: a full disk or an I/O error says so plainly; anything
    /// else (no rights, missing folder) names the file and the system's reason.
    pub fn file(what: &str, path: &std::path::Path, e: std::io::Error) -> Self {
        if is_disk_full(&e) {
            Error::Disk(format!("{DISK_FULL} ({what}: {})", path.display()))
        } else {
            Error::Disk(format!("{what} „{}“: {}", path.display(), io_reason(&e)))
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
            Error::Disk(format!("{DISK_IO} ({})", io_reason(&e)))
        }
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
    /// The disk refused (full, gone, no rights); the database is sound.
    Disk,
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
            (Error::Storage("kaputt".into()), "storage"),
            (Error::Disk(DISK_FULL.into()), "disk"),
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

    #[test]
    fn a_refused_file_operation_is_explained_in_german() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let e = Error::file(
            "Sicherung kann nicht geschrieben werden",
            std::path::Path::new("/media/usb/s.age"),
            denied,
        );
        assert_eq!(
            e.to_string(),
            "Sicherung kann nicht geschrieben werden „/media/usb/s.age“: keine Berechtigung (Zugriff verweigert)"
        );
        let gone = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_reason(&gone), "Datei oder Ordner nicht vorhanden");
        assert!(!Error::from(gone).to_string().contains("os error"));
    }
}
