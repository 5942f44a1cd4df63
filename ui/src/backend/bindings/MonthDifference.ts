// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * One difference found by the reconciliation: a proposed correction.
 */
export type MonthDifference = { pilot_id: number, name: string, 
/**
 * The month it is for, "2026-11".
 */
month: string, month_label: string, 
/**
 * That month's statement number of the pilot; `None` when there was no statement.
 */
statement_number: string | null, booked_days: number, days: number, days_in_month: number, paid_cents: number, due_cents: number, 
/**
 * Due minus paid: positive a Nachzahlung, negative a Rückforderung.
 */
difference_cents: number, 
/**
 * "Nachzahlung" or "Rückforderung".
 */
kind: string, 
/**
 * The reason the correction will carry.
 */
reason: string, };
