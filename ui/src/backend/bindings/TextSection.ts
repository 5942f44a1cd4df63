// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * One text section of the Sachbericht of a year.
 */
export type TextSection = { key: string, heading: string, text: string, };
