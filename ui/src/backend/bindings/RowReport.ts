// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { RowStatus } from "./RowStatus";
import type { Status } from "./Status";

/**
 * The result of one data row.
 */
export type RowReport = { 
/**
 * Line number in the file (the header is line 1).
 */
line: number, status: RowStatus, name: string, 
/**
 * German messages, each naming the column (errors and duplicates).
 */
messages: Array<string>, 
/**
 * Notes that do not stop the row (a formula-looking note kept as text).
 */
warnings: Array<string>, 
/**
 * For a new row: the pilot's status today after the import.
 */
pilot_status: Status | null, 
/**
 * For a new row: eligible today (status Aktiv and eFZ valid).
 */
eligible_today: boolean | null, 
/**
 * For a new row: "Im Programm seit".
 */
since: string | null, };
