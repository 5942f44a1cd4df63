// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * One pilot's record of one month, as stored.
 */
export type ActivityRecord = { pilot_id: number, 
/**
 * "2026-11"
 */
month: string, contacts: number, 
/**
 * Hours in minutes; `None` when not given.
 */
minutes: number | null, 
/**
 * Names of the task areas, in the order of the list.
 */
areas: Array<string>, people: number, families: number, note: string, recorded_at: string, recorded_by: string, };
