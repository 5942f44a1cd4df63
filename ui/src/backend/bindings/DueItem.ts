// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * One entry of the due list on the Übersicht screen.
 */
export type DueItem = { pilot_id: number, name: string, kind: "efz_expiring" | "efz_expired" | "refresher_overdue" | "qualified_waiting" | "letter_unanswered", 
/**
 * German sentence for the list.
 */
label: string, date: string, };
