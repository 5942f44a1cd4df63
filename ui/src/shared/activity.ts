// What the pilot's "Einsätze" tab and the month grid share: the words, the note why no names are
// recorded, and hours shown the way they are typed.

/** Why the record has counts only (shown with every form that records activity). */
export const NO_NAMES_NOTE =
  'Nur Anzahlen: Namen oder Einzelheiten der begleiteten Personen werden bewusst nicht erfasst – sie sind für den Nachweis nicht nötig und gehören nicht in die Akte (Datenminimierung, Art. 5 Abs. 1 Buchst. c DSGVO). Auch die Notiz bitte ohne Namen.';

export const ACTIVITY_LABELS = {
  month: 'Monat (JJJJ-MM)',
  contacts: 'Kontakte',
  hours: 'Stunden',
  people: 'Personen',
  families: 'Familien',
  areas: 'Aufgabenbereiche',
  note: 'Notiz',
} as const;

/** Minutes as hours the way people type them: 150 → "2,5", 135 → "2,25", 140 → "2:20"; null → "". */
export function hoursText(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (m === 0) return String(h);
  if ((m * 100) % 60 === 0) return `${h},${String((m * 100) / 60).padStart(2, '0').replace(/0$/, '')}`;
  return `${h}:${String(m).padStart(2, '0')}`;
}
