// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * What a checked backup file holds.
 */
export type BackupInfo = { path: string, 
/**
 * `PRAGMA user_version`; older than [`SCHEMA_VERSION`] is migrated on restore.
 */
schema_version: number, pilot_count: number, 
/**
 * Bytes.
 */
file_size: number, 
/**
 * Last modified, UTC (when the file system knows it).
 */
modified: string | null, };
