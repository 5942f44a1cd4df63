// The one place that talks to the Tauri backend. Everything else imports these typed functions.
// The commands invoked here are exactly those of src-tauri/src/commands/list.rs (commands.test.ts).
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type {
  ActivityInput,
  ActivityMonth,
  ActivityRecord,
  Approval,
  SettingView,
  AppError,
  AppErrorKind,
  AppState,
  AttemptInput,
  AuditedTable,
  AuditEntry,
  AuditFilter,
  BackupEntry,
  BackupInfo,
  BudgetInput,
  BudgetYear,
  ClaimBack,
  Correction,
  Course,
  CoverageView,
  DistrictInput,
  DocumentKind,
  DueItem,
  Duplicate,
  ExportFormat,
  FieldError,
  ExportKind,
  ImportPreview,
  ModulesInput,
  PersonalDataFormat,
  PickedBackup,
  PickedImport,
  Pilot,
  PilotInput,
  PageRequest,
  PilotName,
  PilotPage,
  PilotQuery,
  PilotRecord,
  ReferenceData,
  Reconciliation,
  ReportFormat,
  ReportKind,
  ReportTexts,
  RestoreLoss,
  RestoreOutcome,
  Run,
  SavedDocument,
  SavedFile,
  ScreeningInput,
  SepaExport,
  SessionInput,
  SettleInput,
  Settings,
  StatusCode,
  StartupProblem,
  TaskArea,
  TaskAreaInput,
  Waiver,
  WaiverInput,
  TextSection,
} from './types';

// ---- long work: what runs and how far it is --------------------------------------------------

/** A long command starting, reporting a step (from the backend's "progress" event), or ending. */
export interface Activity {
  /** The command's name, e.g. 'print_run'. */
  task: string;
  phase: 'start' | 'progress' | 'end';
  done?: number;
  total?: number;
  /** What the backend is doing, in German ("Abrechnung 12 von 420 wird erstellt …"). */
  text?: string;
}

type ActivityListener = (a: Activity) => void;
const activityListeners = new Set<ActivityListener>();

function announce(a: Activity): void {
  for (const l of activityListeners) l(a);
}

/** Hears every long command start, step and end; returns the function that stops listening. */
export function onActivity(listener: ActivityListener): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

interface ProgressPayload {
  task: string;
  done: number;
  total: number;
  text: string;
}

/** Passes the backend's "progress" events on to the activity listeners. Call once at start. */
export async function listenToProgress(): Promise<void> {
  await listen<ProgressPayload>('progress', (ev) => {
    const { task, done, total, text } = ev.payload;
    announce({ task, phase: 'progress', done, total, text });
  });
}

/** Invokes a command that can take a while, announcing its start and end. */
async function tracked<T>(task: string, args?: Record<string, unknown>): Promise<T> {
  announce({ task, phase: 'start' });
  try {
    return await invoke<T>(task, args);
  } finally {
    announce({ task, phase: 'end' });
  }
}

/** What the care at start-up (daily backup, deletion of due eFZ data) could not do, with what to do. */
/** "Abbrechen" of a long task (a command's name) while it runs: it stops before anything is filed or saved. */
export function cancelWork(task: string): Promise<void> {
  return invoke<void>('cancel_work', { task });
}

export function startupProblems(): Promise<StartupProblem[]> {
  return invoke<StartupProblem[]>('startup_problems');
}

export function referenceData(): Promise<ReferenceData> {
  return invoke<ReferenceData>('reference_data');
}

/** AppState, with whether the backend's date is fixed (LOTSEN_TODAY) or follows the local clock. */
export type AppInfo = AppState;

export function appState(): Promise<AppInfo> {
  return invoke<AppInfo>('app_state');
}

/** Fills an empty database with fictitious pilots; resolves to the number created. */
export function loadDemo(): Promise<number> {
  return tracked<number>('load_demo');
}

/** One page of the register: `limit` rows from `offset` of what the query finds, and how many it finds. */
export function pilotPage(query: PilotQuery, page: PageRequest): Promise<PilotPage> {
  return invoke<PilotPage>('pilot_page', { query, page });
}

/** Every pilot's name (id, names, town, status), in name order: for screens that only name pilots. */
export function pilotNames(): Promise<PilotName[]> {
  return invoke<PilotName[]>('pilot_names');
}

export function getPilot(id: number): Promise<Pilot> {
  return invoke<Pilot>('get_pilot', { id });
}

export function findDuplicates(input: PilotInput, id: number | null): Promise<Duplicate[]> {
  return invoke<Duplicate[]>('find_duplicates', { input, id });
}

/** Every field error saving would report for this pilot; [] when it is valid. */
export function validatePilot(input: PilotInput): Promise<FieldError[]> {
  return invoke<FieldError[]>('validate_pilot', { input });
}

/**
 * An amount as typed ("1.234,56") in cents, read by the backend's rules. Rejects with a validation
 * AppError at `field`, naming `label`, when the text is not an amount.
 */
export function parseAmount(field: string, label: string, text: string): Promise<number> {
  return invoke<number>('parse_amount', { field, label, text });
}

/** Creates (id null) or updates a pilot. Rejects with an AppError. */
export function savePilot(input: PilotInput, id: number | null): Promise<Pilot> {
  return invoke<Pilot>('save_pilot', { input, id });
}

// ---- lifecycle ------------------------------------------------------------------------------

/** The full record of a pilot: status history, screening, modules, test, eligibility. */
export function pilotRecord(id: number): Promise<PilotRecord> {
  return invoke<PilotRecord>('pilot_record', { id });
}

/** Appends a status change. A refused appointment rejects with kind 'rule' and the missing items. */
export function changeStatus(id: number, status: StatusCode, effectiveOn: string, note: string): Promise<PilotRecord> {
  return invoke<PilotRecord>('change_status', { id, status, effectiveOn, note });
}

/** Updates the screening record screeningId, or adds a new one (null). */
export function saveScreening(pilotId: number, screeningId: number | null, screening: ScreeningInput): Promise<PilotRecord> {
  return invoke<PilotRecord>('save_screening', { pilotId, screeningId, screening });
}

export function addTestAttempt(pilotId: number, attempt: AttemptInput): Promise<PilotRecord> {
  return invoke<PilotRecord>('add_test_attempt', { pilotId, attempt });
}

// ---- entry with history (past facts are checked by the rules of their own day) ----------------

/** Moves "Im Programm seit" (TT.MM.JJJJ or ISO, as typed). */
export function setProgrammeSince(id: number, since: string): Promise<PilotRecord> {
  return invoke<PilotRecord>('set_programme_since', { id, since });
}

/** "Rückgängig": Storno of the latest status change, with a reason. */
export function undoStatus(id: number, reason: string): Promise<PilotRecord> {
  return invoke<PilotRecord>('undo_status', { id, reason });
}

/** Another former district from a day, kept as history. */
export function changeDistrict(id: number, input: DistrictInput): Promise<PilotRecord> {
  return invoke<PilotRecord>('change_district', { id, input });
}

/** Modules or a refresher done outside the courses of the app ("anerkannt"). */
export function addModules(id: number, input: ModulesInput): Promise<PilotRecord> {
  return invoke<PilotRecord>('add_modules', { id, input });
}

// ---- courses --------------------------------------------------------------------------------

export function listCourses(): Promise<Course[]> {
  return invoke<Course[]>('list_courses');
}

/** Creates (id null) or renames a course. */
export function saveCourse(id: number | null, name: string): Promise<Course> {
  return invoke<Course>('save_course', { id, name });
}

/** Adds (sessionId null) or updates a session of a course; resolves to the whole course. */
export function saveSession(courseId: number, sessionId: number | null, session: SessionInput): Promise<Course> {
  return invoke<Course>('save_session', { courseId, sessionId, session });
}

export function setAttendance(sessionId: number, pilotId: number, present: boolean): Promise<Course> {
  return invoke<Course>('set_attendance', { sessionId, pilotId, present });
}

// ---- overview, settings, documents ----------------------------------------------------------

/** "eFZ-Daten jetzt löschen": the eFZ data of a pilot not in service deleted now (audited without values). */
/** Deletes now; what could not be done beyond that (the backups) comes back as problems. */
export function eraseScreening(pilotId: number): Promise<StartupProblem[]> {
  return invoke<StartupProblem[]>('erase_screening', { pilotId });
}

export function dueList(): Promise<DueItem[]> {
  return invoke<DueItem[]>('due_list');
}

export function getSettings(): Promise<Settings> {
  return invoke<Settings>('get_settings');
}

export function saveSettings(settings: Settings): Promise<Settings> {
  return invoke<Settings>('save_settings', { settings });
}

/** Every setting key with its value in force today and its history. */
export function settingViews(): Promise<SettingView[]> {
  return invoke<SettingView[]>('setting_views');
}

/** One key set as typed; a dated one from validFrom (TT.MM.JJJJ; empty: today). */
export function setSetting(key: string, value: string, validFrom: string): Promise<SettingView> {
  return invoke<SettingView>('set_setting', { key, value, validFrom });
}

/** The backend files the PDF in the documents folder and opens it in the system viewer. */
export function printDocument(pilotId: number, kind: DocumentKind): Promise<SavedDocument> {
  return tracked<SavedDocument>('print_document', { pilotId, kind });
}

// ---- reports (Berichte) --------------------------------------------------------------------

/** The Sachbericht's text sections of a year, with the year's figures filled in. */
export function reportTexts(year: number): Promise<ReportTexts> {
  return invoke<ReportTexts>('report_texts', { year });
}

/** Keeps the Sachbericht's text sections of a year. */
export function saveReportTexts(year: number, sections: TextSection[]): Promise<ReportTexts> {
  return invoke<ReportTexts>('save_report_texts', { year, sections });
}

/** "Drucken": the report filed in the documents folder (certificates: each pilot's too) and opened. */
export function printReport(kind: ReportKind, year: number, pilotId: number | null): Promise<SavedDocument> {
  return tracked<SavedDocument>('print_report', { kind, year, pilotId });
}

/** "Speichern unter…": the report as PDF or XLSX; null when the dialog was cancelled. */
export function saveReportAs(kind: ReportKind, year: number, pilotId: number | null, format: ReportFormat): Promise<SavedDocument | null> {
  return tracked<SavedDocument | null>('save_report_as', { kind, year, pilotId, format });
}

// ---- coverage -------------------------------------------------------------------------------

/** Coverage per district on a day (ISO; null = today) and the history, which is always relative to today. */
export function coverage(date: string | null): Promise<CoverageView> {
  return invoke<CoverageView>('coverage', { date });
}

/** "Drucken": files the Abdeckungsbericht in the documents folder and opens it. */
export function printCoverageReport(date: string | null): Promise<SavedDocument> {
  return tracked<SavedDocument>('print_coverage_report', { date });
}

/** "Speichern unter…": the backend asks where; null when the dialog was cancelled. */
export function saveCoverageReport(date: string | null): Promise<SavedDocument | null> {
  return tracked<SavedDocument | null>('save_coverage_report', { date });
}

/** Renames a former district or changes its target; resolves to the new reference data. */
export function saveDistrict(id: number, name: string, target: number): Promise<ReferenceData> {
  return invoke<ReferenceData>('save_district', { id, name, target });
}

/** Assigns a municipality to a former district; resolves to the new reference data. */
export function setMunicipalityDistrict(municipality: string, district: string): Promise<ReferenceData> {
  return invoke<ReferenceData>('set_municipality_district', { municipality, district });
}

// ---- allowances and budget -----------------------------------------------------------------
// Months are "YYYY-MM"; amounts the user typed travel as German text and are parsed by the backend.

export function budgetYear(year: number): Promise<BudgetYear> {
  return invoke<BudgetYear>('budget_year', { year });
}

/** Sets or changes the budget of a year; resolves to the new year view. */
export function setBudget(budget: BudgetInput): Promise<BudgetYear> {
  return invoke<BudgetYear>('set_budget', { budget });
}

/** "Abrechnungslauf erstellen"; on an existing draft it recomputes ("Neu berechnen"). */
export function createRun(month: string): Promise<Run> {
  return tracked<Run>('create_run', { month });
}

/** Rejects with kind 'not_found' when the month has no run. */
export function runDetail(month: string): Promise<Run> {
  return invoke<Run>('run_detail', { month });
}

export function lowerLine(month: string, pilotId: number, amount: string, reason: string): Promise<Run> {
  return invoke<Run>('lower_line', { month, pilotId, amount, reason });
}

/** "Freigeben"; a refusal rejects with kind 'rule' and every reason in missing. */
/**
 * "Freigeben" of the draft shown (its fingerprint): the backend computes the month afresh and approves
 * only when the figures are the same; otherwise it answers with the differences and the fingerprint of
 * the fresh figures, which approves them when passed back ("Übernehmen und freigeben").
 */
export function approveRun(month: string, fingerprint: string): Promise<Approval> {
  return tracked<Approval>('approve_run', { month, fingerprint });
}

export function markPaid(month: string, paidOn: string): Promise<Run> {
  return invoke<Run>('mark_paid', { month, paidOn });
}

export function deleteDraft(month: string): Promise<null> {
  return invoke<null>('delete_draft', { month });
}

// ---- activity record (Tätigkeitsnachweis) -----------------------------------------------------

/** Records (or replaces) a pilot's month; a refusal names the fields. */
export function recordActivity(input: ActivityInput): Promise<ActivityRecord> {
  return invoke<ActivityRecord>('record_activity', { input });
}

/** The month grid: every pilot active in the month with record and waiver. */
export function activityMonth(month: string): Promise<ActivityMonth> {
  return invoke<ActivityMonth>('activity_month', { month });
}

/** A pilot's records, newest month first (tab "Einsätze"). */
export function pilotActivity(pilotId: number): Promise<ActivityRecord[]> {
  return invoke<ActivityRecord[]>('pilot_activity', { pilotId });
}

/** "Ohne Nachweis freigeben" with a reason (printed on the payment list). */
export function waiveActivity(input: WaiverInput): Promise<Waiver> {
  return invoke<Waiver>('waive_activity', { input });
}

export function taskAreas(): Promise<TaskArea[]> {
  return invoke<TaskArea[]>('task_areas');
}

/** Adds (id null), renames or retires a task area; answers with the list. */
export function saveTaskArea(input: TaskAreaInput): Promise<TaskArea[]> {
  return invoke<TaskArea[]>('save_task_area', { input });
}

/** A correction (+ Nachzahlung, − Rückforderung) for an approved month of a pilot; it waits for the next draft. */
export function addCorrection(pilotId: number, amount: string, month: string, reason: string): Promise<Correction> {
  return invoke<Correction>('add_correction', { pilotId, amount, month, reason });
}

export function pilotCorrections(pilotId: number): Promise<Correction[]> {
  return invoke<Correction[]>('pilot_corrections', { pilotId });
}

/** "Drucken": payment list then statements in one PDF, opened in the viewer (a draft gives an ENTWURF preview). */
export function printRun(month: string): Promise<SavedDocument> {
  return tracked<SavedDocument>('print_run', { month });
}

/** "Speichern unter…" for the run's PDF; null when the dialog was cancelled. */
export function saveRunAs(month: string): Promise<SavedDocument | null> {
  return tracked<SavedDocument | null>('save_run_as', { month });
}

/** "SEPA-Datei speichern…" (approved runs, once); again only with a reason ("erneut erstellen", same
 * message id); refused after "bezahlt". Null when the dialog was cancelled (then nothing is recorded). */
export function saveSepa(month: string, reason: string | null = null): Promise<SavedDocument | null> {
  return tracked<SavedDocument | null>('save_sepa', { month, reason });
}

/** The SEPA files recorded for a run, oldest first. */
export function sepaExports(month: string): Promise<SepaExport[]> {
  return invoke<SepaExport[]>('sepa_exports', { month });
}

/** "Abgleich": approved months (of a year, or all) recomputed from today's facts. */
export function reconcile(year: number | null = null): Promise<Reconciliation> {
  return invoke<Reconciliation>('reconcile', { year });
}

/** "Übernehmen": the differences become corrections for the next draft. */
export function applyReconciliation(year: number | null = null): Promise<Reconciliation> {
  return invoke<Reconciliation>('apply_reconciliation', { year });
}

/** Every claim-back (Rückforderung), open ones first. */
export function claimBacks(): Promise<ClaimBack[]> {
  return invoke<ClaimBack[]>('claim_backs');
}

/** Settles a claim-back: how = offset | repaid | waived. */
export function settleClaim(input: SettleInput): Promise<ClaimBack> {
  return invoke<ClaimBack>('settle_claim', { input });
}

/** One pilot's statement of a month, filed and opened. */
export function printStatement(month: string, pilotId: number): Promise<SavedDocument> {
  return tracked<SavedDocument>('print_statement', { month, pilotId });
}

// ---- data safety and protection ----------------------------------------------------------------

/** "Sicherung erstellen": a backup into the backup folder. */
export function backupNow(): Promise<SavedFile> {
  return tracked<SavedFile>('backup_now');
}

/** "Sicherung auf Datenträger …": an encrypted copy where the person chooses (save dialog); the passphrase is typed
 *  twice and checked by the backend before the dialog opens. null when the dialog was cancelled. */
export function backupEncrypted(passphrase: string, repeat: string): Promise<SavedFile | null> {
  return tracked<SavedFile | null>('backup_encrypted', { passphrase, repeat });
}

/** The files in the backup folder, newest first. */
export function listBackups(): Promise<BackupEntry[]> {
  return invoke<BackupEntry[]>('list_backups');
}

/** Asks for a backup file (native dialog) and checks it; null when the dialog was cancelled. */
export function pickBackup(): Promise<PickedBackup | null> {
  return invoke<PickedBackup | null>('pick_backup');
}

/** Checks a backup file (schema, pilots, integrity) without restoring it. */
export function checkBackup(path: string): Promise<BackupInfo> {
  return invoke<BackupInfo>('check_backup', { path });
}

/** What restoring the backup would lose (approved or paid runs, SEPA exports): named in the confirmation. */
export function restoreLosses(path: string): Promise<RestoreLoss[]> {
  return invoke<RestoreLoss[]>('restore_losses', { path });
}

/** The pilots whose deleted eFZ data the backup still holds: the restore applies the deletion to the file first. */
export function restoreErasures(path: string): Promise<string[]> {
  return invoke<string[]>('restore_erasures', { path });
}

/** Replaces the database with a checked backup; the current database is saved first. An encrypted backup needs its
 *  passphrase (a wrong one is refused at the field "passphrase", nothing changed). A loss of approved runs or SEPA
 *  exports needs acceptLoss (the numbers stay reserved); a file still holding deleted eFZ data needs applyDeletion
 *  (the deletion is applied to the file first). */
export function restoreBackup(
  path: string,
  passphrase: string | null = null,
  acceptLoss = false,
  applyDeletion = false,
): Promise<RestoreOutcome> {
  return tracked<RestoreOutcome>('restore_backup', { path, passphrase, acceptLoss, applyDeletion });
}

/** Asks for a CSV file and previews its import (nothing is written); null when cancelled. */
export function pickImport(): Promise<PickedImport | null> {
  return invoke<PickedImport | null>('pick_import');
}

/** Imports all valid new rows of the file in one transaction; resolves to what was imported. */
export function importFile(path: string): Promise<ImportPreview> {
  return tracked<ImportPreview>('import_file', { path });
}

/** Exports a list where the person chooses (save dialog); null when cancelled. year only for payments. */
export function exportList(kind: ExportKind, format: ExportFormat, year: number | null): Promise<SavedFile | null> {
  return invoke<SavedFile | null>('export_list', { kind, format, year });
}

/** Audit log entries, newest first. */
export function auditEntries(filter: AuditFilter): Promise<AuditEntry[]> {
  return invoke<AuditEntry[]>('audit_entries', { filter });
}

/** The tables the audit log covers, with their German labels. */
export function auditedTables(): Promise<AuditedTable[]> {
  return invoke<AuditedTable[]>('audited_tables');
}

/** Art. 15 DSGVO: everything about one pilot as PDF or JSON (save dialog); null when cancelled. */
export function exportPersonalData(pilotId: number, format: PersonalDataFormat): Promise<SavedFile | null> {
  return invoke<SavedFile | null>('export_personal_data', { pilotId, format });
}

// A Record over the generated union: the compiler insists on every kind the backend has, and no other.
const KIND_SET: Record<AppErrorKind, true> = { validation: true, not_found: true, conflict: true, rule: true, storage: true, disk: true };
const KINDS: string[] = Object.keys(KIND_SET);

/**
 * Turns whatever an invoke rejected with into an AppError. The backend sends AppError objects;
 * Tauri itself rejects with a plain string (e.g. an unknown command or bad arguments).
 */
export function toAppError(e: unknown): AppError {
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    if (typeof o.kind === 'string' && KINDS.includes(o.kind) && typeof o.message === 'string') {
      const errors = Array.isArray(o.errors)
        ? o.errors.filter(
            (x): x is { field: string; message: string } =>
              !!x && typeof x === 'object' && typeof (x as { message?: unknown }).message === 'string',
          ).map((x) => ({ field: String(x.field ?? ''), message: x.message }))
        : [];
      const missing = Array.isArray(o.missing) ? o.missing.filter((x): x is string => typeof x === 'string') : [];
      return { kind: o.kind as AppError['kind'], message: o.message, errors, missing };
    }
    if (e instanceof Error) return { kind: 'storage', message: e.message, errors: [], missing: [] };
  }
  return { kind: 'storage', message: typeof e === 'string' ? e : 'Unbekannter Fehler.', errors: [], missing: [] };
}
