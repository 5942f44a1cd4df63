// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * One entry of the due list on the Übersicht screen.
 */
export type DueItem = { pilot_id: number, name: string, kind: "efz_expiring" | "efz_expired" | "efz_missing" | "efz_relevant_entry" | "payment_details_missing" | "refresher_overdue" | "qualified_waiting" | "letter_unanswered" | "efz_kept_paused" | "efz_kept_not_started" | "efz_kept_relevant_entry" | "activity_missing" | "grant_proof_due" | "anonymisation_due", 
/**
 * German sentence for the list.
 */
label: string, date: string, };
