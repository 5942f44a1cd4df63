// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings

/**
 * A language and how many eligible pilots of a district speak it.
 */
export type LanguageCount = { language: string, pilots: number, };
