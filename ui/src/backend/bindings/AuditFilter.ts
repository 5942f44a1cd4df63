// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * What the audit screen (or a pilot's page) asks for. Every part is optional; all set parts must
 * match. Sent by the UI as JSON.
 */
export type AuditFilter = { 
/**
 * Table name as in [`AUDITED_TABLES`] (`pilots`, `screenings`, …), or `database` for restores.
 */
entity?: string | null, 
/**
 * The entry's key as text (an id, a settings key; composite keys joined by `/`).
 */
entity_id?: string | null, 
/**
 * Everything about one pilot: the pilot's row and their languages, status changes,
 * screenings, attendance, test attempts, allowance lines and corrections.
 */
pilot_id?: number | null, 
/**
 * First day (inclusive, UTC date of the entry).
 */
from?: string | null, 
/**
 * Last day (inclusive, UTC date of the entry).
 */
to?: string | null, 
/**
 * Text contained in who, field, old or new value or note (case-insensitive for ASCII letters).
 */
text?: string | null, 
/**
 * At most this many entries, newest first (default [`DEFAULT_LIMIT`], at most 10,000).
 */
limit?: number | null, };
