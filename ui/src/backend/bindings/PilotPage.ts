// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { Pilot } from "./Pilot";

/**
 * One page of the list: `total` rows match the query; `pilots` are those from `offset` on.
 */
export type PilotPage = { total: number, offset: number, pilots: Array<Pilot>, };
