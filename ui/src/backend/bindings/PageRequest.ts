// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * Which rows of the list: `limit` rows from `offset` (0 is the first row).
 */
export type PageRequest = { offset: number, limit: number, };
