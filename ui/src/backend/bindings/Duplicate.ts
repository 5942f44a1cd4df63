// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A likely duplicate of a pilot about to be saved.
 */
export type Duplicate = { id: number, name: string, 
/**
 * German reason: "gleicher Name und Geburtsdatum" or "gleiche IBAN".
 */
reason: string, };
