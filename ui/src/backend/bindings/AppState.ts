// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * What the window shows at start: is the database empty, where is it, which date do the rules use.
 */
export type AppState = { empty: boolean, db_path: string, 
/**
 * ISO date.
 */
today: string, 
/**
 * True when "today" is fixed (`LOTSEN_TODAY`); else the window follows the local date.
 */
today_fixed: boolean, };
