// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A claim-back settled as typed: how ("offset"/"verrechnen", "repaid"/"zurückgezahlt",
 * "waived"/"erlassen"), on which day (empty: today) and why (needed for a waiver).
 */
export type SettleInput = { statement_number: string, how: string, on: string, reason: string, };
