// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A line of a month paid without a record, with the reason.
 */
export type Waiver = { pilot_id: number, month: string, reason: string, who: string, recorded_at: string, };
