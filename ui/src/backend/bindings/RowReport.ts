// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { RowStatus } from "./RowStatus";

/**
 * The result of one data row.
 */
export type RowReport = { 
/**
 * Line number in the file (the header is line 1).
 */
line: number, status: RowStatus, name: string, 
/**
 * German messages, each naming the column.
 */
messages: Array<string>, };
