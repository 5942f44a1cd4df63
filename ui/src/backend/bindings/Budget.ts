// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * The budget of one year as stored.
 */
export type Budget = { year: number, amount_cents: number, notice_number: string, notice_date: string | null, budget_line: string, };
