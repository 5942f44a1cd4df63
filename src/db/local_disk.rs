//! The database must be on a local disk (SPEC section 8): SQLite's locking is unreliable on a
//! network file system and WAL does not work over a network. A database path on NFS, SMB/CIFS,
//! sshfs or another network file system is refused when the store opens.
//!
//! Linux and other Unix: the mount table (`/proc/self/mountinfo`, else `/proc/mounts`) says which
//! file system holds the path — the mount with the longest mount point the path lies under. The
//! table can be given instead (`LOTSEN_MOUNTS`: a file in either format; tests). Windows: a UNC
//! path (`\\server\share\…`) and a drive letter mapped to a network share (`GetDriveTypeW` says
//! `DRIVE_REMOTE`) are refused.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One mounted file system: where, and its type (`ext4`, `nfs4`, `cifs`, `fuse.sshfs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub mount_point: PathBuf,
    pub fs_type: String,
}

/// File system types that reach over a network.
const NETWORK_TYPES: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "coda",
    "9p",
    "sshfs",
    "davfs",
    "ceph",
    "glusterfs",
    "lustre",
    "ocfs2",
    "gfs2",
];

/// Whether `fs_type` is a network file system; FUSE types count by their name after `fuse.`
/// (`fuse.sshfs`, `fuse.rclone`, `fuse.davfs2`), and `fuseblk` (a local NTFS disk) does not.
pub fn is_network_type(fs_type: &str) -> bool {
    let t = fs_type.trim().to_ascii_lowercase();
    let t = t.strip_prefix("fuse.").unwrap_or(&t);
    NETWORK_TYPES.contains(&t) || ["rclone", "s3fs", "gcsfuse", "davfs2", "curlftpfs"].contains(&t)
}

/// The mount table in either format: `/proc/self/mountinfo` (the type follows " - ") or
/// `/proc/mounts` / `/etc/mtab` (device, mount point, type, …). Octal escapes (`\040` for a
/// space) are decoded; lines that fit neither are skipped.
pub fn parse_mount_table(text: &str) -> Vec<Mount> {
    text.lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if let Some(dash) = fields.iter().position(|f| *f == "-") {
                // mountinfo: id parent major:minor root mount-point options… - type source …
                let (point, fs_type) = (fields.get(4)?, fields.get(dash + 1)?);
                return Some(Mount {
                    mount_point: PathBuf::from(unescape(point)),
                    fs_type: fs_type.to_string(),
                });
            }
            let (point, fs_type) = (fields.get(1)?, fields.get(2)?);
            point.starts_with('/').then(|| Mount {
                mount_point: PathBuf::from(unescape(point)),
                fs_type: fs_type.to_string(),
            })
        })
        .collect()
}

fn unescape(field: &str) -> String {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes
            .get(i + 1..i + 4)
            .filter(|d| d.iter().all(|b| (b'0'..=b'7').contains(b)));
        match (bytes[i], octal) {
            (b'\\', Some(d)) => {
                out.push((d[0] - b'0') * 64 + (d[1] - b'0') * 8 + (d[2] - b'0'));
                i += 4;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The mount that holds `path` (absolute, resolved): the one with the longest mount point above it.
pub fn mount_of<'a>(path: &Path, mounts: &'a [Mount]) -> Option<&'a Mount> {
    mounts
        .iter()
        .filter(|m| path.starts_with(&m.mount_point))
        .max_by_key(|m| m.mount_point.components().count())
}

/// The path as the file system sees it: the nearest existing folder resolved (links, `..`), the
/// rest appended (the database file and its folder may not exist yet).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

fn refusal(path: &Path, what: &str) -> Error {
    Error::Storage(format!(
        "Die Datenbank {} liegt auf einem Netzlaufwerk ({what}). Dort ist das Sperren der Datei unzuverlässig und der WAL-Modus funktioniert nicht, so dass Daten verloren gehen können. Bitte die Datenbank auf einen lokalen Datenträger legen (z. B. den Standardordner der App) und für die Weitergabe eine Sicherung verwenden.",
        path.display()
    ))
}

/// Refuses `path` when `mounts` place it on a network file system.
pub fn check_local_with(path: &Path, mounts: &[Mount]) -> Result<()> {
    match mount_of(&resolved(path), mounts) {
        Some(m) if is_network_type(&m.fs_type) => Err(refusal(
            path,
            &format!("{} unter {}", m.fs_type, m.mount_point.display()),
        )),
        _ => Ok(()),
    }
}

/// The mount table of this system (`LOTSEN_MOUNTS` instead, if set); empty where there is none.
fn system_mounts() -> Vec<Mount> {
    let given = std::env::var_os("LOTSEN_MOUNTS").filter(|v| !v.is_empty());
    let files: Vec<PathBuf> = match given {
        Some(file) => vec![file.into()],
        None => vec!["/proc/self/mountinfo".into(), "/proc/mounts".into()],
    };
    files
        .iter()
        .find_map(|f| std::fs::read_to_string(f).ok())
        .map(|text| parse_mount_table(&text))
        .unwrap_or_default()
}

/// Refuses a database path on a network file system (see the module documentation).
pub fn check_local(path: &Path) -> Result<()> {
    #[cfg(windows)]
    windows::check(path)?;
    check_local_with(path, &system_mounts())
}

#[cfg(windows)]
mod windows {
    use std::os::windows::ffi::OsStrExt;
    use std::path::{Component, Path, Prefix};

    use crate::error::Result;

    const DRIVE_REMOTE: u32 = 4;

    #[link(name = "kernel32")]
    extern "system" {
        fn GetDriveTypeW(root: *const u16) -> u32;
    }

    pub fn check(path: &Path) -> Result<()> {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        match absolute.components().next() {
            Some(Component::Prefix(p)) => match p.kind() {
                Prefix::UNC(..) | Prefix::VerbatimUNC(..) => {
                    Err(super::refusal(path, "Netzwerkpfad \\\\Server\\Freigabe"))
                }
                Prefix::Disk(letter) | Prefix::VerbatimDisk(letter) => {
                    let root: Vec<u16> = std::ffi::OsStr::new(&format!("{}:\\", letter as char))
                        .encode_wide()
                        .chain(std::iter::once(0))
                        .collect();
                    // SAFETY: `root` is a NUL-terminated UTF-16 string that outlives the call.
                    let kind = unsafe { GetDriveTypeW(root.as_ptr()) };
                    if kind == DRIVE_REMOTE {
                        Err(super::refusal(
                            path,
                            &format!("Laufwerk {}: ist ein Netzlaufwerk", letter as char),
                        ))
                    } else {
                        Ok(())
                    }
                }
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOUNTINFO: &str = "\
22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw
25 22 0:23 / /home rw,relatime shared:2 - ext4 /dev/sda3 rw
40 25 0:45 / /home/sk/Netz rw,relatime shared:9 - cifs //rathaus/lotsen rw,vers=3.0
41 25 0:46 / /home/sk/Mein\\040Server rw - fuse.sshfs sk@server: rw
42 22 0:47 / /mnt/nfs rw - nfs4 server:/export rw
43 25 0:48 / /home/sk/USB rw - fuseblk /dev/sdb1 rw
";

    #[test]
    fn mountinfo_and_mounts_both_read() {
        let m = parse_mount_table(MOUNTINFO);
        assert_eq!(m.len(), 6);
        assert_eq!(m[3].mount_point, PathBuf::from("/home/sk/Mein Server"));
        assert_eq!(m[3].fs_type, "fuse.sshfs");
        let mounts = parse_mount_table(
            "/dev/sda2 / ext4 rw 0 0\n//nas/daten /srv/daten cifs rw 0 0\nkaputt\n",
        );
        assert_eq!(
            mounts,
            [
                Mount {
                    mount_point: "/".into(),
                    fs_type: "ext4".into()
                },
                Mount {
                    mount_point: "/srv/daten".into(),
                    fs_type: "cifs".into()
                }
            ]
        );
    }

    #[test]
    fn network_paths_refused_local_ones_kept() {
        let m = parse_mount_table(MOUNTINFO);
        for path in [
            "/home/sk/Netz/lotsenbuero.sqlite3",
            "/home/sk/Netz/neu/ordner/lotsenbuero.sqlite3",
            "/home/sk/Mein Server/lotsen.sqlite3",
            "/mnt/nfs/lotsen.sqlite3",
        ] {
            let e = check_local_with(Path::new(path), &m)
                .unwrap_err()
                .to_string();
            assert!(
                e.contains("Netzlaufwerk") && e.contains("lokalen Datenträger"),
                "{e}"
            );
        }
        for path in [
            "/home/sk/lotsen.sqlite3",
            "/home/sk/Netzwerk/lotsen.sqlite3",
            "/home/sk/USB/lotsen.sqlite3",
            "/tmp/lotsen.sqlite3",
        ] {
            assert!(check_local_with(Path::new(path), &m).is_ok(), "{path}");
        }
        assert!(check_local_with(Path::new("/mnt/nfs/x"), &[]).is_ok());
    }

    #[test]
    fn network_types() {
        for t in [
            "nfs",
            "NFS4",
            "cifs",
            "smb3",
            "fuse.sshfs",
            "sshfs",
            "fuse.rclone",
            "9p",
        ] {
            assert!(is_network_type(t), "{t}");
        }
        for t in [
            "ext4", "btrfs", "xfs", "tmpfs", "fuseblk", "vfat", "ntfs3", "overlay",
        ] {
            assert!(!is_network_type(t), "{t}");
        }
    }
}
