// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { Correction } from "./Correction";
import type { RunLine } from "./RunLine";
import type { RunState } from "./RunState";

/**
 * A run as the Abrechnung screen and `lotsen run show` see it.
 */
export type Run = { id: number, month: string, label: string, state: RunState, created_at: string, computed_at: string, approved_at: string | null, approved_by: string | null, 
/**
 * The local date (Europe/Berlin) of `approved_at`: the date documents print.
 */
approved_on: string | null, paid_on: string | null, 
/**
 * Sum of the positive nets: what is transferred.
 */
total_cents: number, 
/**
 * Sum of the negative nets as a positive number: what is claimed back.
 */
claim_back_cents: number, 
/**
 * Of `total_cents`, what is paid by hand (accounts outside SEPA), never in the SEPA file.
 */
manual_cents: number, 
/**
 * The fingerprint of the lines' figures (see the approval rules): the
 * window passes it back on "Freigeben" as the draft it showed.
 */
fingerprint: string, lines: Array<RunLine>, corrections: Array<Correction>, };
