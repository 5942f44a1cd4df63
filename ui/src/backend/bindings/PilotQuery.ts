// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { SortKey } from "./SortKey";
import type { Status } from "./Status";

/**
 * What the list shows: free-text search plus filters and a sort order.
 */
export type PilotQuery = { 
/**
 * Matches first or last name, town, municipality or a language (case-insensitive).
 */
search?: string | null, district?: string | null, status?: Status | null, language?: string | null, sort?: SortKey | null, desc?: boolean, };
