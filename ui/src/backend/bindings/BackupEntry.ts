// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { BackupKind } from "./BackupKind";

/**
 * One file in the backup folder, newest first in [`list_backups`]. Not opened: use
 * [`check_backup_file`] before offering a restore.
 */
export type BackupEntry = { path: string, file_name: string, kind: BackupKind, 
/**
 * The day in the name (daily backups and those before a restore).
 */
date: string | null, file_size: number, modified: string | null, };
