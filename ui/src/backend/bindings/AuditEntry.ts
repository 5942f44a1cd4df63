// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * One entry of the audit log.
 */
export type AuditEntry = { id: number, 
/**
 * When, UTC, RFC 3339.
 */
at: string, 
/**
 * Who was working; empty for changes made by the system (first start, migrations).
 */
who: string, 
/**
 * Entries written by one store transaction share this number: one change by the user.
 */
tx: number, 
/**
 * The table.
 */
entity: string, 
/**
 * German name of the table.
 */
entity_label: string, entity_id: string, pilot_id: number | null, 
/**
 * `insert`, `update`, `delete`, `erase` (eFZ data deleted under § 30a BZRG), `restore`.
 */
action: string, 
/**
 * German: "angelegt", "geändert", "gelöscht", …
 */
action_label: string, 
/**
 * The changed column of an update; `None` for insert and delete (their values are JSON).
 */
field: string | null, 
/**
 * German name of the field where known, else the column name.
 */
field_label: string | null, 
/**
 * Update: the old value. Delete: the deleted row as a JSON object.
 */
old_value: string | null, 
/**
 * Update: the new value. Insert: the new row as a JSON object.
 */
new_value: string | null, note: string, 
/**
 * The values were blanked when the eFZ data was deleted (§ 30a BZRG).
 */
redacted: boolean, };
