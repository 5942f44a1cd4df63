// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { ErrorKind } from "./ErrorKind";
import type { FieldError } from "./FieldError";

/**
 * The JSON of an [`Error`] as the window gets it. `Error` serialises through this struct, so the
 * TypeScript type generated from it (`AppError`) is the shape on the wire.
 */
export type AppError = { kind: ErrorKind, 
/**
 * The whole error in German (for a validation error: every field message, joined).
 */
message: string, 
/**
 * For `validation`: one entry per offending field.
 */
errors: Array<FieldError>, 
/**
 * For `rule`: every unmet requirement, in German.
 */
missing: Array<string>, };
