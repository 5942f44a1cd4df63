// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A task area (Aufgabenbereich): the four of the Richtlinie and Sonstiges, editable.
 */
export type TaskArea = { id: number, name: string, position: number, 
/**
 * A retired area is kept for old records but not offered for new ones.
 */
active: boolean, };
