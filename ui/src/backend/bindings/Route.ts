// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * How a payee's account can be paid.
 */
export type Route = "sepa" | "sepa_needs_bic" | "manual";
