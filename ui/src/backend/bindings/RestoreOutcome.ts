// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { BackupInfo } from "./BackupInfo";

/**
 * The result of [`Store::restore_from`].
 */
export type RestoreOutcome = { 
/**
 * The restored file as checked (schema version before migration).
 */
restored: BackupInfo, 
/**
 * Where the database as it was before the restore was saved.
 */
previous_saved_as: string, };
