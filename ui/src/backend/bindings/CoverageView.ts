// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { Coverage } from "./Coverage";
import type { MonthPoint } from "./MonthPoint";

/**
 * Coverage on a day and the month-by-month history with outlook.
 */
export type CoverageView = { coverage: Coverage, history: Array<MonthPoint>, };
