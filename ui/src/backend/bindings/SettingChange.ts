// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * One recorded change of a key.
 */
export type SettingChange = { value: unknown, 
/**
 * "130,00 €"
 */
display: string, 
/**
 * `None` for a key without "gültig ab" (in force from when it was recorded).
 */
valid_from: string | null, who: string, recorded_at: string, };
