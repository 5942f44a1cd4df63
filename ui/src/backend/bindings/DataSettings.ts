// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * Backups and where documents are filed.
 */
export type DataSettings = { 
/**
 * Automatic daily backups kept (the oldest beyond are deleted).
 */
backup_keep: number, 
/**
 * Folder for filed documents (per year/month below it); empty = "Lotsenbüro" in the documents folder.
 */
documents_dir: string, 
/**
 * Register data of pilots who left is anonymised after the end of this many years after the
 * year of leaving (statements are receipts, § 24 Abs. 3 KomKBVO LSA: books 10 years).
 */
anonymise_after_years: number, };
