// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { ActivityRow } from "./ActivityRow";
import type { TaskArea } from "./TaskArea";

/**
 * The month grid (and `lotsen activity list`): every pilot active in the month, or with a record.
 */
export type ActivityMonth = { 
/**
 * "2026-11"
 */
month: string, 
/**
 * "November 2026"
 */
label: string, 
/**
 * The task areas offered for new records.
 */
areas: Array<TaskArea>, rows: Array<ActivityRow>, 
/**
 * Whether the gate "Auszahlung nur mit Tätigkeitsnachweis" is on.
 */
required: boolean, };
