// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * One difference between the draft shown and the figures of today, for one pilot.
 */
export type Difference = { 
/**
 * 0 for a difference of the whole draft.
 */
pilot_id: number, name: string, 
/**
 * `line` (added or gone), `days`, `rate`, `amount`, `corrections`, `iban`, `bic`,
 * `account_holder`, `draft`.
 */
field: string, before: string, after: string, 
/**
 * The line as shown in the dialog and printed by the command line.
 */
text: string, };
