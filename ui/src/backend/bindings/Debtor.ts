// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * The payer of the SEPA transfer file (Auftraggeber): name, IBAN, optional BIC.
 */
export type Debtor = { name: string, iban: string, bic: string, };
