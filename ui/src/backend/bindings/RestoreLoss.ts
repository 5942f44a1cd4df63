// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * What a restore would lose: approved or paid runs, a payment date, SEPA exports.
 */
export type RestoreLoss = { month: string, 
/**
 * "run", "paid" or "sepa".
 */
what: string, 
/**
 * In German, for the confirmation: "Abrechnungslauf November 2026 (freigegeben, 3 Abrechnungen, AE-2026-11-001 bis AE-2026-11-003)".
 */
description: string, };
