// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * Which kind of backup a file in the backup folder is, by its name.
 */
export type BackupKind = "daily" | "before_restore" | "manual";
