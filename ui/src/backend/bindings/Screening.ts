// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { ScreeningResult } from "./ScreeningResult";

/**
 * One screening record: the confirmation letter and the inspection of the certificate.
 */
export type Screening = { 
/**
 * The confirmation letter for the fee-free application (§ 30a BZRG) was issued on.
 */
letter_issued_on: string | null, 
/**
 * The date printed on the certificate.
 */
certificate_dated: string | null, 
/**
 * The day the certificate was shown and inspected.
 */
inspected_on: string | null, 
/**
 * Who inspected it.
 */
inspected_by: string, 
/**
 * The result of the inspection.
 */
result: ScreeningResult | null, };
