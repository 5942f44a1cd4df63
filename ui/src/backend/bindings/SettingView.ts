// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { SettingChange } from "./SettingChange";

/**
 * A key with its value in force on a day and its history, oldest first.
 */
export type SettingView = { key: string, label: string, dated: boolean, value: unknown, display: string, history: Array<SettingChange>, };
