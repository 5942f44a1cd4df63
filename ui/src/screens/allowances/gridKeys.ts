// The keyboard rules of the month grid of activity records, kept apart from the DOM so they can be
// tested alone: which keys a cell takes (numbers only; hours also "," "." ":"), where Enter goes, when
// a row has to be saved, and the early check before the backend checks again.
import { hoursText } from '../../shared/activity';
import type { ActivityRecord } from '../../backend/types';

export type GridColumn = 'contacts' | 'hours' | 'people' | 'families';

export const GRID_COLUMNS: GridColumn[] = ['contacts', 'hours', 'people', 'families'];

export type RowValues = Record<GridColumn, string>;

/** Whether a key typed into a cell of `column` may reach it: digits everywhere, the separators of
 * hours in the hours column, and every key that is no character (Tab, Enter, arrows, Backspace,
 * shortcuts with Ctrl/Alt/Meta). */
export function acceptsKey(column: GridColumn, key: string, withModifier = false): boolean {
  if (withModifier || key.length !== 1) return true;
  if (/^[0-9]$/.test(key)) return true;
  return column === 'hours' && (key === ',' || key === '.' || key === ':');
}

/** The row Enter moves to from `row` of `rows` (Shift+Enter: up); null when there is none. */
export function enterTarget(row: number, rows: number, shift: boolean): number | null {
  const next = shift ? row - 1 : row + 1;
  return next >= 0 && next < rows ? next : null;
}

/** The cells of a stored record as they are shown ("" when there is none). */
export function valuesOf(record: ActivityRecord | null): RowValues {
  return {
    contacts: record ? String(record.contacts) : '',
    hours: record ? hoursText(record.minutes) : '',
    people: record ? String(record.people) : '',
    families: record ? String(record.families) : '',
  };
}

/** Whether what is typed differs from what is stored (spaces do not count). */
export function rowChanged(stored: RowValues, typed: RowValues): boolean {
  return GRID_COLUMNS.some((c) => stored[c].trim() !== typed[c].trim());
}

/** What to do with a row that was left: nothing (unchanged, or empty without a record), or save. */
export function rowAction(stored: RowValues, typed: RowValues, hasRecord: boolean): 'none' | 'save' {
  if (!rowChanged(stored, typed)) return 'none';
  const empty = GRID_COLUMNS.every((c) => typed[c].trim() === '');
  return empty && !hasRecord ? 'none' : 'save';
}

/** The quick check before saving: contacts are needed once anything is typed. The backend checks
 * everything again and is the authority. */
export function earlyErrors(typed: RowValues): Partial<Record<GridColumn, string>> {
  return typed.contacts.trim() === '' ? { contacts: '„Kontakte“ fehlt (0, wenn keine).' } : {};
}
