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
due_days: number, 
/**
 * "Auszahlung nur mit Tätigkeitsnachweis": a line with an amount needs an activity record of
 * its month or a waiver with a reason before the month can be approved.
 */
require_activity: boolean, 
/**
 * Active pilots without an activity for this many months are on the due list (0: off).
 */
inactive_months: number, };
