// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A record as typed in the form, the month grid or on the command line: numbers as text.
 */
export type ActivityInput = { pilot_id: number, 
/**
 * "2026-11" (also "11/2026").
 */
month: string, contacts: string, 
/**
 * Hours as typed: "2,5", "2.5", "2:30" or "3"; empty when not given.
 */
hours: string, areas: Array<string>, people: string, families: string, note: string, };
