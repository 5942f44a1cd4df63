//! Encrypted backup copies ("Sicherung auf Datenträger …"): a backup that leaves the PC on a USB
//! stick is an age file (age-encryption.org, scrypt passphrase), so the IBANs and eFZ dates on it
//! cannot be read without the passphrase. The plain copy needed on the way is written only into
//! the private backup folder beside the database and removed at once; the automatic daily backups
//! stay plain, since they never leave the PC's private data folder.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;

use super::{backup_dir_of, Store};
use crate::error::{Error, Result};

/// The first bytes of every age file.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";

/// Shortest passphrase accepted for a new encrypted copy.
pub const MIN_PASSPHRASE: usize = 8;

/// Whether `path` is an encrypted backup (an age file); a missing file is not.
pub fn is_encrypted(path: &Path) -> bool {
    let mut head = [0u8; AGE_MAGIC.len()];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == AGE_MAGIC)
}

/// A temporary file in the private backup folder of `db`, removed when dropped.
struct TempPlain(PathBuf);

impl TempPlain {
    fn beside(db: &Path, what: &str) -> Result<TempPlain> {
        let dir = backup_dir_of(db);
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::file("Sicherungsordner kann nicht angelegt werden", &dir, e))?;
        Ok(TempPlain(dir.join(format!(
            ".{what}-{}.sqlite3.part",
            std::process::id()
        ))))
    }
}

impl Drop for TempPlain {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn passphrase_error(message: &str) -> Error {
    Error::field("passphrase", message)
}

/// Refuses a passphrase shorter than [`MIN_PASSPHRASE`] characters for a new encrypted copy.
pub fn check_new_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE {
        return Err(passphrase_error(&format!(
            "Das Kennwort muss mindestens {MIN_PASSPHRASE} Zeichen lang sein."
        )));
    }
    Ok(())
}

impl Store {
    /// Writes an encrypted backup to `path` with `passphrase` (at least [`MIN_PASSPHRASE`]
    /// characters). The file gets its name only when it is complete.
    pub fn backup_encrypted(&self, path: &Path, passphrase: &str) -> Result<()> {
        check_new_passphrase(passphrase)?;
        if super::backup::same_file(path, &self.path) {
            return Err(Error::field(
                "file",
                "Die Sicherung kann nicht über die geöffnete Datenbank geschrieben werden. Bitte einen anderen Dateinamen wählen.",
            ));
        }
        let plain = TempPlain::beside(&self.path, "verschluesseln")?;
        self.backup_to(&plain.0)?;
        let mut part = path.as_os_str().to_os_string();
        part.push(format!(".{}.part", std::process::id()));
        let part = PathBuf::from(part);
        let written = encrypt_file(&plain.0, &part, passphrase).and_then(|()| {
            std::fs::rename(&part, path)
                .map_err(|e| Error::file("Sicherung kann nicht gespeichert werden als", path, e))
        });
        if written.is_err() {
            let _ = std::fs::remove_file(&part);
        }
        written
    }
}

impl Store {
    /// Restores from an encrypted backup: decrypted into the private backup folder, then the same
    /// checked restore as for a plain file ([`Store::restore_from`]).
    pub fn restore_encrypted(
        &mut self,
        path: &Path,
        passphrase: &str,
        keep_dir: &Path,
        now: chrono::NaiveDateTime,
    ) -> Result<super::RestoreOutcome> {
        let db = self.path.clone();
        with_decrypted(path, passphrase, &db, |plain| {
            self.restore_from(plain, keep_dir, now)
        })
    }
}

/// Checks an encrypted backup (passphrase, completeness, and the checks of a plain backup).
pub fn check_encrypted(path: &Path, passphrase: &str, db: &Path) -> Result<super::BackupInfo> {
    with_decrypted(path, passphrase, db, super::check_backup_file)
}

fn encrypt_file(plain: &Path, out: &Path, passphrase: &str) -> Result<()> {
    let fail = |e: std::io::Error| Error::file("Sicherung kann nicht geschrieben werden", out, e);
    let mut input =
        BufReader::new(File::open(plain).map_err(|e| Error::file("Sicherung", plain, e))?);
    let file = File::create(out).map_err(fail)?;
    let encryptor = age::Encryptor::with_user_passphrase(SecretString::from(passphrase.to_owned()));
    let mut writer = encryptor.wrap_output(BufWriter::new(file)).map_err(fail)?;
    std::io::copy(&mut input, &mut writer).map_err(fail)?;
    let mut inner = writer.finish().map_err(fail)?;
    inner.flush().map_err(fail)?;
    inner
        .into_inner()
        .map_err(|e| fail(e.into_error()))?
        .sync_all()
        .map_err(fail)
}

/// Decrypts the encrypted backup `path` into a private temporary file beside `db` and hands it to
/// `f` (a check or a restore); the plain copy is removed afterwards, whatever `f` returns.
/// A wrong passphrase or a damaged file is refused with nothing changed.
pub fn with_decrypted<T>(
    path: &Path,
    passphrase: &str,
    db: &Path,
    f: impl FnOnce(&Path) -> Result<T>,
) -> Result<T> {
    let input = File::open(path)
        .map_err(|e| Error::file("Sicherung kann nicht gelesen werden", path, e))?;
    let damaged = || {
        Error::field(
            "file",
            "Die verschlüsselte Sicherung ist unvollständig oder beschädigt und kann nicht wiederhergestellt werden. Es wurde nichts verändert.",
        )
    };
    let decryptor = age::Decryptor::new(BufReader::new(input)).map_err(|_| damaged())?;
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                passphrase_error("Das Kennwort ist falsch; die Sicherung wurde nicht geöffnet. Es wurde nichts verändert.")
            }
            _ => damaged(),
        })?;
    let plain = TempPlain::beside(db, "entschluesseln")?;
    let mut out = File::create(&plain.0).map_err(|e| Error::file("Sicherung", &plain.0, e))?;
    // A truncated or altered file fails here, at its last chunk: nothing has been used yet.
    std::io::copy(&mut reader, &mut out).map_err(|e| {
        if e.kind() == std::io::ErrorKind::InvalidData
            || e.kind() == std::io::ErrorKind::UnexpectedEof
        {
            damaged()
        } else {
            Error::from(e)
        }
    })?;
    out.sync_all()?;
    drop(out);
    f(&plain.0)
}
