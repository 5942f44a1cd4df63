// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A budget as typed. A notice number, notice date or budget line left empty (or not given) keeps
 * the stored one, the same in the app and on the command line.
 */
export type BudgetInput = { year: number, 
/**
 * Euros as typed: "46.800,00" or "46800".
 */
amount: string, notice_number: string | null, 
/**
 * "TT.MM.JJJJ" or ISO.
 */
notice_date: string | null, budget_line: string | null, };
