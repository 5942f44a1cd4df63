// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * What the form sends for a session.
 */
export type SessionInput = { held_on: string, module: number | null, place: string, trainer: string, };
