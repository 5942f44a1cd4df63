// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { RunState } from "./RunState";

/**
 * One month of the year table.
 */
export type MonthRow = { month: string, label: string, 
/**
 * The run's state, or `None` when there is no run: then the amount is a forecast.
 */
state: RunState | null, approved_cents: number, paid_cents: number, draft_cents: number, 
/**
 * Forecast with today's eligible pilots for months without an approved run.
 */
forecast_cents: number, claim_back_cents: number, 
/**
 * Budget minus approved, drafts and forecasts up to and including this month.
 */
remaining_after_cents: number | null, };
