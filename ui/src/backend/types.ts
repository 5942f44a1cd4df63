// The types the window exchanges with the backend. Every type that mirrors a Rust type comes from
// ./bindings, which is generated from the Rust types (ts-rs) and checked in; do not edit it by hand.
// After changing a Rust type, regenerate with
//   LOTSEN_WRITE_BINDINGS=1 cargo test -p lotsen --test bindings
// (`cargo test -p lotsen --test bindings` fails while the checked-in files are stale).
// The names below are the ones the screens use; where the Rust name differs, it is given.

import type { BackupInfo as BackupInfoT } from './bindings/BackupInfo';
import type { DistrictCoverage as DistrictCoverageT } from './bindings/DistrictCoverage';
import type { DueItem as DueItemT } from './bindings/DueItem';
import type { ImportPreview as ImportPreviewT } from './bindings/ImportPreview';
import type { PilotInput as PilotInputT } from './bindings/PilotInput';
import type { RefresherView } from './bindings/RefresherView';
import type { Screening } from './bindings/Screening';
import type { TestAttempt } from './bindings/TestAttempt';

export type { ActivityInput } from './bindings/ActivityInput';
export type { ActivityMonth } from './bindings/ActivityMonth';
export type { ActivityRecord } from './bindings/ActivityRecord';
export type { ActivityRow } from './bindings/ActivityRow';
export type { AllowanceSettings } from './bindings/AllowanceSettings';
export type { Approval } from './bindings/Approval';
export type { SettingView } from './bindings/SettingView';
export type { SettingChange } from './bindings/SettingChange';
export type { AppError } from './bindings/AppError';
export type { AttemptRow } from './bindings/AttemptRow';
export type { AuditEntry } from './bindings/AuditEntry';
export type { AuditFilter } from './bindings/AuditFilter';
export type { CancelledChange } from './bindings/CancelledChange';
export type { CreditRecord } from './bindings/CreditRecord';
export type { BackupEntry } from './bindings/BackupEntry';
export type { BackupInfo } from './bindings/BackupInfo';
export type { BackupKind } from './bindings/BackupKind';
export type { Budget } from './bindings/Budget';
export type { BudgetYear } from './bindings/BudgetYear';
export type { CodeLabel } from './bindings/CodeLabel';
export type { Difference } from './bindings/Difference';
export type { Correction } from './bindings/Correction';
export type { Course } from './bindings/Course';
export type { CourseSession } from './bindings/CourseSession';
export type { Coverage } from './bindings/Coverage';
export type { CoverageSettings } from './bindings/CoverageSettings';
export type { DataSettings } from './bindings/DataSettings';
/** Rust: `Debtor`. */
export type { Debtor as DebtorSettings } from './bindings/Debtor';
export type { District } from './bindings/District';
export type { DistrictChange } from './bindings/DistrictChange';
/** Rust: `app::history::DistrictInput`. */
export type { DistrictInput } from './bindings/DistrictInput';
export type { DistrictCoverage } from './bindings/DistrictCoverage';
/** Rust: `PilotDocument`. */
export type { PilotDocument as DocumentKind } from './bindings/PilotDocument';
export type { DueItem } from './bindings/DueItem';
export type { Duplicate } from './bindings/Duplicate';
/** Rust: `ErrorKind`. */
export type { ErrorKind as AppErrorKind } from './bindings/ErrorKind';
export type { ExportKind } from './bindings/ExportKind';
export type { FieldError } from './bindings/FieldError';
export type { ImportPreview } from './bindings/ImportPreview';
/** Rust: `RowStatus` (io::import). */
export type { RowStatus as ImportRowStatus } from './bindings/RowStatus';
export type { LanguageCount } from './bindings/LanguageCount';
export type { Letterhead } from './bindings/Letterhead';
export type { TaskArea } from './bindings/TaskArea';
export type { TaskAreaInput } from './bindings/TaskAreaInput';
export type { Waiver } from './bindings/Waiver';
export type { WaiverInput } from './bindings/WaiverInput';
export type { LifecycleSettings } from './bindings/LifecycleSettings';
export type { Light } from './bindings/Light';
export type { ModuleInfo } from './bindings/ModuleInfo';
export type { ModuleRow } from './bindings/ModuleRow';
/** Rust: `app::history::ModulesInput`. */
export type { ModulesInput } from './bindings/ModulesInput';
export type { MonthPoint } from './bindings/MonthPoint';
export type { MonthRow } from './bindings/MonthRow';
export type { Municipality } from './bindings/Municipality';
export type { PartialMonth } from './bindings/PartialMonth';
export type { Pilot } from './bindings/Pilot';
export type { PilotInput } from './bindings/PilotInput';
export type { PilotQuery } from './bindings/PilotQuery';
export type { PageRequest } from './bindings/PageRequest';
export type { PilotName } from './bindings/PilotName';
export type { PilotPage } from './bindings/PilotPage';
export type { PilotRecord } from './bindings/PilotRecord';
/** Rust: `SortKey`. */
export type { SortKey as PilotSort } from './bindings/SortKey';
export type { ReferenceData } from './bindings/ReferenceData';
export type { ReportFormat } from './bindings/ReportFormat';
export type { ReportKind } from './bindings/ReportKind';
export type { ReportSettings } from './bindings/ReportSettings';
export type { ReportTexts } from './bindings/ReportTexts';
export type { TextSection } from './bindings/TextSection';
export type { RestoreOutcome } from './bindings/RestoreOutcome';
export type { RowReport } from './bindings/RowReport';
export type { Run } from './bindings/Run';
export type { RunLine } from './bindings/RunLine';
export type { RunState } from './bindings/RunState';
/** Rust: `Screening`. */
export type { Screening as ScreeningInput } from './bindings/Screening';
export type { ScreeningRecord } from './bindings/ScreeningRecord';
export type { ScreeningResult } from './bindings/ScreeningResult';
/** Rust: `ScreeningState`. */
export type { ScreeningState as ScreeningStateCode } from './bindings/ScreeningState';
export type { SessionInput } from './bindings/SessionInput';
export type { SessionKind } from './bindings/SessionKind';
export type { Settings } from './bindings/Settings';
/** Rust: `Status`. */
export type { Status as StatusCode } from './bindings/Status';
export type { StatusChange } from './bindings/StatusChange';
export type { StatusOption } from './bindings/StatusOption';
export type { Timing } from './bindings/Timing';

// ---- derived from the bindings (no copy of their members) -----------------------------------------

/** Rust: `TestAttempt`. */
export type AttemptInput = TestAttempt;
export type PilotField = keyof PilotInputT;
export type ScreeningField = keyof Screening;
export type AttemptField = keyof TestAttempt;
export type RefresherStateCode = RefresherView['state'];
export type DueKind = DueItemT['kind'];
/** The counts of a district that open a drill-down list: each has a matching "<kind>_ids" list. */
export type CoverageKind = {
  [K in keyof DistrictCoverageT]: K extends `${infer Kind}_ids` ? Kind : never;
}[keyof DistrictCoverageT];

// ---- answers of the desktop shell's own wrappers (src-tauri/src/commands, not generated) -----------
// Only these small wrappers of the shell around generated types are kept by hand.

export type { AppState } from './bindings/AppState';
export type { CoverageView } from './bindings/CoverageView';
export type { BudgetInput } from './bindings/BudgetInput';
export type { AuditedTable } from './bindings/AuditedTable';
export type { StartupProblem } from './bindings/StartupProblem';
export type { ClaimBack } from './bindings/ClaimBack';
export type { CorrectionKind } from './bindings/CorrectionKind';
export type { MonthDifference } from './bindings/MonthDifference';
export type { Reconciliation } from './bindings/Reconciliation';
export type { RestoreLoss } from './bindings/RestoreLoss';
export type { SepaExport } from './bindings/SepaExport';
export type { SettleInput } from './bindings/SettleInput';
export type { Settlement } from './bindings/Settlement';


export interface SavedFile {
  path: string;
}

/** A document filed or saved by the backend (the same answer as SavedFile). */
export type SavedDocument = SavedFile;



/** A picked backup file: a plain one checked at once; an encrypted one needs its passphrase first (info null). */
export interface PickedBackup {
  path: string;
  encrypted: boolean;
  info: BackupInfoT | null;
}

export interface PickedImport {
  path: string;
  preview: ImportPreviewT;
}


// ---- values of the shell's text parameters --------------------------------------------------------

/** export_list's `format`. */
export type ExportFormat = 'csv' | 'xlsx';
/** export_personal_data's `format`. */
export type PersonalDataFormat = 'pdf' | 'json';

