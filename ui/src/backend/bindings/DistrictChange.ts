// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * One change of a pilot's former district, with the day it takes effect (SPEC section 3: district
 * changes are kept as history, like status changes). Append-only.
 */
export type DistrictChange = { 
/**
 * The district before the change (`None`: none was set).
 */
from: string | null, 
/**
 * The district from `effective_on` on.
 */
to: string | null, effective_on: string, note: string, 
/**
 * Who recorded the change.
 */
who: string, 
/**
 * Insertion order: of two changes on the same day the higher `seq` is the later one.
 */
seq: number, };
