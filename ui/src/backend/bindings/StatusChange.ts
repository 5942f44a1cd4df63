// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { Status } from "./Status";

/**
 * One entry of a pilot's status history. The history is append-only.
 */
export type StatusChange = { 
/**
 * The new status.
 */
status: Status, 
/**
 * The day from which the status holds.
 */
effective_on: string, 
/**
 * Optional note; empty when none.
 */
note: string, 
/**
 * Who recorded the change (the person at the desk).
 */
who: string, 
/**
 * Insertion order: of two changes on the same day the higher `seq` is the later one.
 */
seq: number, };
