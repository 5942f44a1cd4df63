// The one place that talks to the Tauri backend. Everything else imports these typed functions.
import { invoke } from '@tauri-apps/api/core';
import type {
  AppError,
  AppState,
  Duplicate,
  Pilot,
  PilotInput,
  PilotQuery,
  ReferenceData,
} from './types';

export function referenceData(): Promise<ReferenceData> {
  return invoke<ReferenceData>('reference_data');
}

export function appState(): Promise<AppState> {
  return invoke<AppState>('app_state');
}

/** Fills an empty database with fictitious pilots; resolves to the number created. */
export function loadDemo(): Promise<number> {
  return invoke<number>('load_demo');
}

export function listPilots(query: PilotQuery): Promise<Pilot[]> {
  return invoke<Pilot[]>('list_pilots', { query });
}

export function getPilot(id: number): Promise<Pilot> {
  return invoke<Pilot>('get_pilot', { id });
}

export function findDuplicates(input: PilotInput, id: number | null): Promise<Duplicate[]> {
  return invoke<Duplicate[]>('find_duplicates', { input, id });
}

/** Creates (id null) or updates a pilot. Rejects with an AppError. */
export function savePilot(input: PilotInput, id: number | null): Promise<Pilot> {
  return invoke<Pilot>('save_pilot', { input, id });
}

const KINDS = ['validation', 'not_found', 'conflict', 'rule', 'storage'];

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
      return { kind: o.kind as AppError['kind'], message: o.message, errors };
    }
    if (e instanceof Error) return { kind: 'storage', message: e.message, errors: [] };
  }
  return { kind: 'storage', message: typeof e === 'string' ? e : 'Unbekannter Fehler.', errors: [] };
}
