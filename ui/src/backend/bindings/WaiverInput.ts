// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A waiver as typed: pilot, month, reason.
 */
export type WaiverInput = { pilot_id: number, month: string, reason: string, };
