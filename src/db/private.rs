//! Files readable by the user only: the database holds bank details, addresses and
//! certificate-of-conduct facts, and an office PC is shared with colleagues. On Linux every file
//! Lotsenbüro creates is 0600 and every folder 0700 (the process umask is set to 077 when the store
//! opens), and files found looser are tightened. On Windows the data lives in the per-user profile
//! (%APPDATA%), which other accounts cannot read; nothing is changed there.

use std::path::{Path, PathBuf};

/// From now on, files and folders this process creates are private (umask 077). Idempotent.
pub fn restrict_new_files() {
    #[cfg(unix)]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        // SAFETY: umask only swaps the process's file-creation mask; it cannot fail.
        ONCE.call_once(|| unsafe {
            libc::umask(0o077);
        });
    }
}

/// Makes `path` private if it is readable or writable by others (file 0600, folder 0700).
/// Returns whether it changed anything; a missing path changes nothing.
pub fn tighten(path: &Path) -> std::io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(e),
        };
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 == 0 {
            return Ok(false);
        }
        let private = if meta.is_dir() { 0o700 } else { 0o600 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(private))?;
        Ok(true)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(false)
    }
}

/// Tightens every path that exists and returns those it changed (for a notice to the user).
pub fn tighten_all<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Vec<PathBuf> {
    paths
        .into_iter()
        .filter(|p| tighten(p).unwrap_or(false))
        .map(Path::to_path_buf)
        .collect()
}

/// The file and its SQLite companions (`-wal`, `-shm`).
pub fn database_files(db: &Path) -> Vec<PathBuf> {
    let mut out = vec![db.to_path_buf()];
    for suffix in ["-wal", "-shm"] {
        let mut name = db.as_os_str().to_os_string();
        name.push(suffix);
        out.push(PathBuf::from(name));
    }
    out
}

/// Free bytes on the file system that holds `path` (`None` where it cannot be asked).
pub fn free_bytes(path: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
        let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
        // SAFETY: `c` is a valid C string and `st` a properly sized out-parameter.
        if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
            return None;
        }
        Some(st.f_bavail as u64 * st.f_frsize as u64)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// SQLite reports some writes on a full disk as a plain I/O error (e.g. when its shared-memory
/// file cannot grow). When the disk of `db` is in fact full, say so: the person can fix that.
pub fn explain_disk_error(e: crate::Error, db: &Path) -> crate::Error {
    let dir = db
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match e {
        crate::Error::Disk(_) if free_bytes(dir).is_some_and(|b| b < 256 * 1024) => {
            crate::Error::Disk(crate::error::DISK_FULL.into())
        }
        other => other,
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn loose_files_and_folders_are_tightened_once() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.sqlite3");
        std::fs::write(&f, b"x").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        let sub = dir.path().join("Sicherungen");
        std::fs::create_dir(&sub).unwrap();
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
        let changed = tighten_all([
            f.as_path(),
            sub.as_path(),
            dir.path().join("nope").as_path(),
        ]);
        assert_eq!(changed, vec![f.clone(), sub.clone()]);
        assert_eq!(mode(&f), 0o600);
        assert_eq!(mode(&sub), 0o700);
        assert!(tighten_all([f.as_path(), sub.as_path()]).is_empty());
    }
}
