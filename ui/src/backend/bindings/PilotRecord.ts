// Generated from the Rust types by tests/bindings.rs; do not edit. Regenerate: LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
import type { AttemptRow } from "./AttemptRow";
import type { CancelledChange } from "./CancelledChange";
import type { CreditRecord } from "./CreditRecord";
import type { DistrictChange } from "./DistrictChange";
import type { Labeled } from "./Labeled";
import type { ModuleRow } from "./ModuleRow";
import type { Pilot } from "./Pilot";
import type { RefresherView } from "./RefresherView";
import type { ScreeningRecord } from "./ScreeningRecord";
import type { Status } from "./Status";
import type { StatusChange } from "./StatusChange";
import type { StatusOption } from "./StatusOption";

/**
 * The full record of one pilot on `today` (the pilot's page, `lotsen pilots show`).
 */
export type PilotRecord = { pilot: Pilot, status: Status, history: Array<StatusChange>, allowed_next: Array<StatusOption>, screening: ScreeningRecord | null, screening_state: Labeled, screening_reason: string | null, reinspection_on: string | null, modules: Array<ModuleRow>, attempts: Array<AttemptRow>, final_test_passed: boolean, appointed_on: string | null, refresher: RefresherView, eligible: boolean, 
/**
 * The eFZ data was deleted on this day (§ 30a BZRG); filled in by the store.
 */
screening_deleted_on: string | null, 
/**
 * The eFZ data will be deleted on this day; filled in by the store.
 */
screening_deletion_due_on: string | null, 
/**
 * "Im Programm seit": the day of the first status change.
 */
in_programme_since: string | null, 
/**
 * Status changes cancelled by a Storno, shown in the history as cancelled.
 */
cancelled_changes: Array<CancelledChange>, 
/**
 * The change "Rückgängig" would cancel: the latest, unless it is the only one or an eFZ
 * deletion has run on it (the store checks the latter).
 */
undo_candidate: StatusChange | null, 
/**
 * The district history (the current district is the pilot's).
 */
district_history: Array<DistrictChange>, 
/**
 * Modules and refreshers recognised without a session of the app.
 */
credits: Array<CreditRecord>, };
