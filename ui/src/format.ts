// Pure display helpers: German dates, IBAN groups, status labels.
import type { StatusCode } from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** True when y-m-d is a real calendar date (leap years included). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  dt.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900–1999
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** "2026-11-03" (or an RFC 3339 timestamp) → "03.11.2026"; empty → ""; anything else unchanged. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  return `${m[3]}.${m[2]}.${m[1]}`;
}

/** True for a strict "YYYY-MM-DD" that is a real date. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** "3.11.2026" or "03.11.2026" → "2026-11-03"; anything that is not a real date → null. */
export function parseGermanDate(s: string): string | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s.trim());
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const y = Number(m[3]);
  if (!isRealDate(y, mo, d)) return null;
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Removes all white space and upper-cases: the form the backend stores. */
export function normalizeIban(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** "de89370400440532013000" → "DE89 3704 0044 0532 0130 00". */
export function formatIban(s: string | null | undefined): string {
  if (!s) return '';
  return normalizeIban(s).replace(/(.{4})(?=.)/g, '$1 ');
}

export const STATUS_LABELS: Record<StatusCode, string> = {
  prospect: 'Interessent',
  in_qualification: 'In Qualifizierung',
  qualified: 'Qualifiziert',
  active: 'Aktiv',
  paused: 'Ruhend',
  left: 'Ausgeschieden',
};

/** German label of a status code; an unknown code is shown as it is. */
export function statusLabel(code: string): string {
  return (STATUS_LABELS as Record<string, string>)[code] ?? code;
}

/** "1 Lotse", "30 Lotsen". */
export function pilotCount(n: number): string {
  return n === 1 ? '1 Lotse' : `${n} Lotsen`;
}

/** "Nachname, Vorname", without a dangling comma when one part is missing. */
export function pilotName(p: { first_name: string; last_name: string }): string {
  return [p.last_name, p.first_name].filter((x) => x.trim() !== '').join(', ');
}

/**
 * The written score as "42 / 60 (70 %)". The share is cut (not rounded) to one decimal, so a score just
 * below the pass mark never reads as if it reached it: 59,9 % stays 59,9 %, not 60 %.
 */
export function formatPoints(points: number, maxPoints: number): string {
  if (maxPoints <= 0) return `${points} / ${maxPoints}`;
  const tenths = Math.floor((points * 1000) / maxPoints); // integer maths: no 0.1 + 0.2 surprises
  const whole = Math.floor(tenths / 10);
  const share = tenths % 10 === 0 ? String(whole) : `${whole},${tenths % 10}`;
  return `${points} / ${maxPoints} (${share} %)`;
}
