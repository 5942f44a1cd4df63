// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

export type RunLine = { id: number, pilot_id: number, 
/**
 * "Vorname Nachname"
 */
name: string, first_name: string, last_name: string, district: string, iban: string, account_holder: string, eligible_days: number, days_in_month: number, rate_cents: number, computed_cents: number, amount_cents: number, lowered_reason: string, corrections_cents: number, net_cents: number, statement_number: string | null, };
