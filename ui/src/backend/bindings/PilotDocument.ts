// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * The documents printed from a pilot's page.
 */
export type PilotDocument = "efz_letter" | "appointment_certificate";
