// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * What the form or the command line sends to create or edit a pilot.
 */
export type PilotInput = { first_name: string, last_name: string, birth_date: string | null, street: string, postcode: string, town: string, municipality: string | null, district: string | null, phone: string, email: string, languages: Array<string>, recruitment_source: string | null, account_holder: string, iban: string, 
/**
 * Needed for an account in a SEPA country outside the EEA (CH, GB, …).
 */
bic: string, notes: string, };
