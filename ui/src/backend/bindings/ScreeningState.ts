// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * The derived state of a pilot's screening on a day (docs/DOMAIN.md#screening, docs/GLOSSARY.md).
 */
export type ScreeningState = "missing" | "requested" | "valid" | "expiring" | "expired" | "relevant_entry";
