// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { AllowanceSettings } from "./AllowanceSettings";
import type { CoverageSettings } from "./CoverageSettings";
import type { DataSettings } from "./DataSettings";
import type { Debtor } from "./Debtor";
import type { Letterhead } from "./Letterhead";
import type { LifecycleSettings } from "./LifecycleSettings";
import type { ReportSettings } from "./ReportSettings";

/**
 * All settings the Einstellungen screen edits.
 */
export type Settings = { lifecycle: LifecycleSettings, letterhead: Letterhead, coverage: CoverageSettings, allowance: AllowanceSettings, 
/**
 * The person working at the desk, recorded as "who" in histories.
 */
desk_user: string, 
/**
 * The county's account the SEPA transfer file debits.
 */
debtor: Debtor, data: DataSettings, 
/**
 * The yearly reports (Berichte).
 */
reports: ReportSettings, };
