//! The passphrase of an encrypted backup: from `--passphrase-file` (scripts; first line) or typed
//! at the terminal without echo.

use std::path::Path;

use lotsen::{Error, Result};

pub fn read(file: Option<&Path>, confirm: bool) -> Result<String> {
    if let Some(f) = file {
        let text = std::fs::read_to_string(f)
            .map_err(|e| Error::file("Kennwortdatei kann nicht gelesen werden", f, e))?;
        return Ok(text.lines().next().unwrap_or("").to_string());
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt).map_err(|_| {
            Error::field(
                "passphrase",
                "Das Kennwort kann nicht gelesen werden (kein Terminal). Bitte --passphrase-file angeben.",
            )
        })
    };
    let first = ask("Kennwort der Sicherung: ")?;
    if confirm && ask("Kennwort wiederholen: ")? != first {
        return Err(Error::field(
            "passphrase",
            "Die beiden Kennwörter stimmen nicht überein; es wurde nichts geschrieben.",
        ));
    }
    Ok(first)
}
