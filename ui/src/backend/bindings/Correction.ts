// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { CorrectionKind } from "./CorrectionKind";

export type Correction = { id: number, pilot_id: number, amount_cents: number, reason: string, 
/**
 * The month it corrects, "2026-10".
 */
for_month: string, 
/**
 * That month's statement number of the pilot; empty when there was none.
 */
original_statement: string, kind: CorrectionKind, created_at: string, created_by: string, 
/**
 * The run it is booked into; `None` while it waits for the next draft.
 */
month: string | null, };
