// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { Status } from "./Status";

/**
 * A pilot as a screen names them: for lists of names and for a choice of pilot.
 */
export type PilotName = { id: number, first_name: string, last_name: string, town: string, status: Status, };
