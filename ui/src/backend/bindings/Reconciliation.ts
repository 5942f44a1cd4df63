// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { MonthDifference } from "./MonthDifference";

/**
 * The reconciliation of approved months against today's facts.
 */
export type Reconciliation = { 
/**
 * The year looked at; `None`: every approved month.
 */
year: number | null, 
/**
 * The approved (and paid) months recomputed.
 */
months: Array<string>, differences: Array<MonthDifference>, 
/**
 * Sum of the Nachzahlungen.
 */
back_pay_cents: number, 
/**
 * Sum of the Rückforderungen (positive).
 */
claim_back_cents: number, 
/**
 * The month whose draft takes the corrections once accepted.
 */
into_month: string | null, };
