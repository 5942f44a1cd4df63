// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * The result of an inspection: the only content of the certificate that is recorded.
 */
export type ScreeningResult = "clear" | "relevant_entry";
