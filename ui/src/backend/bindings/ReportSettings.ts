// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * The yearly reports: the note on the Jahresbescheinigung and the due date of the
 * Verwendungsnachweis.
 */
export type ReportSettings = { 
/**
 * Printed on every Jahresbescheinigung: tax (§ 3 Nr. 12 / 26 / 26a EStG, as the county decides)
 * and reporting to the Jobcenter.
 */
certificate_note: string, 
/**
 * The Verwendungsnachweis is due this many months after the grant period (the budget year).
 */
grant_due_months: number, 
/**
 * It is on the due list from this many weeks before its due date.
 */
grant_notice_weeks: number, };
