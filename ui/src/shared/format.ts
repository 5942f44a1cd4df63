// Pure display helpers: German dates, IBAN groups, money, and the backend's German words for its codes
// (status, run state, month names come with the reference data; none is kept here).
import type { ReferenceData, RunState, StatusCode } from '../backend/types';

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

/** German label of a status, as the backend names it; an unknown code is shown as it is. */
export function statusLabel(ref: Pick<ReferenceData, 'statuses'>, code: StatusCode): string {
  return ref.statuses.find((s) => s.code === code)?.label ?? code;
}

/** German label of a run state ("Entwurf", "freigegeben", "bezahlt"), as the backend names it. */
export function runStateLabel(ref: Pick<ReferenceData, 'run_states'>, state: RunState): string {
  return ref.run_states.find((s) => s.code === state)?.label ?? state;
}

/** "1 Lotse", "30 Lotsen". */
export function pilotCount(n: number): string {
  return n === 1 ? '1 Lotse' : `${formatCount(n)} Lotsen`;
}

/** 10000 → "10.000": a count with the German thousands point. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
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

// ---- money and months --------------------------------------------------------------------------

/** Thousands with a dot: 46800 → "46.800". */
function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Integer cents as typed in a form: 4680000 → "46.800,00", -2000 → "-20,00". */
export function formatEuros(cents: number): string {
  const c = Math.round(cents);
  const abs = Math.abs(c);
  return `${c < 0 ? '-' : ''}${groupThousands(Math.floor(abs / 100))},${String(abs % 100).padStart(2, '0')}`;
}

/** Integer cents for display: 123456 → "1.234,56 €", -1250 → "-12,50 €" (as the backend prints them). */
export function formatCents(cents: number): string {
  return `${formatEuros(cents)} €`;
}

/** Whole euros for a chart axis: 4680000 → "46.800 €". */
export function formatWholeEuros(cents: number): string {
  const euros = Math.round(cents / 100);
  return `${euros < 0 ? '-' : ''}${groupThousands(Math.abs(euros))} €`;
}

/** True for a strict "YYYY-MM" with a month 01–12. */
export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

/** "2026-11" → "November 2026" with the backend's month names; anything else unchanged. */
export function monthName(ref: Pick<ReferenceData, 'month_names'>, month: string): string {
  const name = isMonth(month) ? ref.month_names[Number(month.slice(5, 7)) - 1] : undefined;
  return name === undefined ? month : `${name} ${month.slice(0, 4)}`;
}

/** The month before: "2026-01" → "2025-12". Works on "YYYY-MM" and on ISO dates (their month). */
export function previousMonth(monthOrDate: string): string {
  const y = Number(monthOrDate.slice(0, 4));
  const m = Number(monthOrDate.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

// ---- times and file sizes ------------------------------------------------------------------------

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A UTC RFC 3339 timestamp in local time: "2026-11-15T08:30:00Z" → "15.11.2026 09:30" (in Germany); empty → "". */
export function formatDateTime(rfc3339: string | null | undefined): string {
  if (!rfc3339) return '';
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return `${pad2(d.getDate())}.${pad2(d.getMonth() + 1)}.${d.getFullYear()} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** Bytes as megabytes (1 MB = 1024 × 1024 bytes) with one decimal and a German comma: 3407872 → "3,3 MB". */
export function formatMegabytes(bytes: number): string {
  if (bytes > 0 && bytes < 0.05 * 1024 * 1024) return '< 0,1 MB';
  const tenths = Math.round((bytes * 10) / (1024 * 1024));
  return `${groupThousands(Math.floor(tenths / 10))},${tenths % 10} MB`;
}
