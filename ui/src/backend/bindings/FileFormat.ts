// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * How the file was read.
 */
export type FileFormat = { encoding: string, delimiter: string, };
