// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { Settlement } from "./Settlement";

/**
 * A claim-back: the line of an approved run whose net is negative, and how it was settled.
 */
export type ClaimBack = { line_id: number, pilot_id: number, name: string, month: string, statement_number: string, 
/**
 * What the pilot owes (positive).
 */
amount_cents: number, settled: Settlement | null, settled_on: string | null, reason: string, 
/**
 * Offset: the month whose run the offsetting correction is (or will be) booked into.
 */
offset_in: string | null, };
