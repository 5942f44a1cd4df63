// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * How a claim-back was settled.
 */
export type Settlement = "offset" | "repaid" | "waived";
