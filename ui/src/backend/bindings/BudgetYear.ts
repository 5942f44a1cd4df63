// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { Budget } from "./Budget";
import type { MonthRow } from "./MonthRow";

export type BudgetYear = { year: number, budget: Budget | null, budget_cents: number, approved_cents: number, paid_cents: number, draft_cents: number, 
/**
 * Budget minus approved (what may still be approved).
 */
remaining_cents: number, months: Array<MonthRow>, 
/**
 * Forecast for the months without an approved run (same rows as in `months`).
 */
forecast: Array<MonthRow>, 
/**
 * The first month the budget would not cover, if any.
 */
first_uncovered: string | null, 
/**
 * How many pilots the budget left after approved runs and drafts can carry at the current rate
 * for the months still open.
 */
pilots_affordable: number | null, };
