// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * One SEPA file produced for a run, as recorded.
 */
export type SepaExport = { id: number, month: string, exported_at: string, exported_by: string, message_id: string, payment_info_id: string, transactions: number, control_sum_cents: number, 
/**
 * Why it was produced again; empty for the first file.
 */
reason: string, };
