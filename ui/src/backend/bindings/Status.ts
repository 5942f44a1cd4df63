// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * Lifecycle status of a pilot (the full lifecycle rules live in a later module).
 */
export type Status = "prospect" | "in_qualification" | "qualified" | "active" | "paused" | "left";
