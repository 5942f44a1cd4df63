// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { Difference } from "./Difference";
import type { Run } from "./Run";

/**
 * The answer of "Freigeben".
 */
export type Approval = { "outcome": "approved", run: Run, } | { "outcome": "stale", differences: Array<Difference>, fingerprint: string, };
