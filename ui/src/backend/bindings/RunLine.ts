// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { Route } from "./Route";

export type RunLine = { id: number, pilot_id: number, 
/**
 * "Vorname Nachname"
 */
name: string, first_name: string, last_name: string, district: string, iban: string, 
/**
 * Needed for a SEPA country outside the EEA; empty otherwise.
 */
bic: string, account_holder: string, 
/**
 * How the line is paid: in the SEPA file, or by hand ("manuelle Zahlung") for an account
 * outside SEPA.
 */
route: Route, eligible_days: number, days_in_month: number, rate_cents: number, computed_cents: number, amount_cents: number, lowered_reason: string, corrections_cents: number, net_cents: number, statement_number: string | null, 
/**
 * "Nachweis fehlt": the gate is on and the line has an amount but no activity record of its
 * month and no waiver.
 */
activity_missing: boolean, 
/**
 * Why the line is paid without an activity record (printed on the payment list).
 */
activity_waiver: string | null, };
