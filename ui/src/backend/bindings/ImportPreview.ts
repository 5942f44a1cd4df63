// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { FileFormat } from "./FileFormat";
import type { RowReport } from "./RowReport";

/**
 * The preview: every row's result, and what was noticed about the file.
 */
export type ImportPreview = { format: FileFormat, unknown_columns: Array<string>, rows: Array<RowReport>, new: number, duplicates: number, errors: number, 
/**
 * Rows with a warning (they are imported).
 */
warnings: number, };
