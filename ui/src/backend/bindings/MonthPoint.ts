// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * Eligible pilots per district at one month end.
 */
export type MonthPoint = { 
/**
 * "2026-11"
 */
month: string, date: string, 
/**
 * True for months after today's (the outlook: known eFZ expiries applied, no other change).
 */
outlook: boolean, 
/**
 * Eligible count per district, in the order of the districts.
 */
eligible: Array<number>, total: number, };
