// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { PartialMonth } from "./PartialMonth";
import type { Timing } from "./Timing";

/**
 * Allowance settings; Landkreis Harz defaults.
 */
export type AllowanceSettings = { rate_cents: number, cap_cents: number, partial_month: PartialMonth, timing: Timing, 
/**
 * Printed on statements.
 */
legal_basis: string, 
/**
 * Printed on statements: tax and social benefits.
 */
tax_note: string, 
/**
 * Days after the end of the month (in arrears) or after its start (in advance) the payment is due.
 */
due_days: number, };
