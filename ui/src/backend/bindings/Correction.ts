// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

export type Correction = { id: number, pilot_id: number, amount_cents: number, reason: string, original_statement: string, created_at: string, created_by: string, 
/**
 * The run it is booked into; `None` while it waits for the next draft.
 */
month: string | null, };
