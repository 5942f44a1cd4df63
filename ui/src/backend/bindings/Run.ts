// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { Correction } from "./Correction";
import type { RunLine } from "./RunLine";
import type { RunState } from "./RunState";

/**
 * A run as the Abrechnung screen and `lotsen run show` see it.
 */
export type Run = { id: number, month: string, label: string, state: RunState, created_at: string, computed_at: string, approved_at: string | null, approved_by: string | null, paid_on: string | null, 
/**
 * Sum of the positive nets: what is transferred.
 */
total_cents: number, 
/**
 * Sum of the negative nets as a positive number: what is claimed back.
 */
claim_back_cents: number, lines: Array<RunLine>, corrections: Array<Correction>, };
