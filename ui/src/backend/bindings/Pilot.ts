// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { Status } from "./Status";

/**
 * A stored pilot as the app and the command line see it.
 */
export type Pilot = { id: number, first_name: string, last_name: string, birth_date: string | null, street: string, postcode: string, town: string, municipality: string | null, district: string | null, phone: string, email: string, languages: Array<string>, recruitment_source: string | null, account_holder: string, iban: string, bic: string, notes: string, status: Status, created_at: string, updated_at: string, };
