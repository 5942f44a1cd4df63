// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * Traffic-light thresholds in percent of the target (settings; defaults 100 / 70).
 */
export type CoverageSettings = { green_percent: number, amber_percent: number, };
