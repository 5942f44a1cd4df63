// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { ActivityRecord } from "./ActivityRecord";
import type { Waiver } from "./Waiver";

/**
 * One row of the month grid: an active pilot of the month with its record and waiver, if any.
 */
export type ActivityRow = { pilot_id: number, 
/**
 * "Nachname, Vorname"
 */
name: string, district: string, record: ActivityRecord | null, waiver: Waiver | null, };
