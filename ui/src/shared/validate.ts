// Client-side checks that mirror the backend's, for early feedback at the field.
// The backend is the authority: it checks again and nothing invalid is stored.
import { isIsoDate, normalizeIban } from './format';
import type { FieldError, PilotInput } from '../backend/types';

export const MESSAGES = {
  firstName: 'Vorname fehlt.',
  lastName: 'Nachname fehlt.',
  postcode: 'PLZ muss aus 5 Ziffern bestehen.',
  email: 'E-Mail-Adresse ist nicht gültig.',
  birthDateInvalid: 'Geburtsdatum ist kein gültiges Datum (TT.MM.JJJJ).',
  birthDateFuture: 'Geburtsdatum muss in der Vergangenheit liegen.',
  ibanChecksum: 'IBAN ist ungültig (Prüfziffer falsch).',
  ibanInvalid: 'IBAN ist ungültig.',
  ibanLength: (country: string, length: number) =>
    `IBAN hat die falsche Länge für ${country}: ${length} Zeichen erwartet.`,
} as const;

/** IBAN length per country (ISO 13616 registry), for the countries a pilot's account is likely in. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24,
  FI: 18, FR: 27, GB: 22, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21,
  LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24,
  SE: 24, SI: 19, SK: 24, SM: 27, TR: 26, UA: 29,
};

/** ISO 7064 mod 97-10 over the rearranged IBAN; true when the remainder is 1. */
export function ibanChecksumOk(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 && code <= 90 ? String(code - 55) : ch; // A=10 … Z=35
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/** The message for a non-empty IBAN (spaces allowed), or null when it is valid. */
export function ibanError(raw: string): string | null {
  const iban = normalizeIban(raw);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) return MESSAGES.ibanInvalid;
  const country = iban.slice(0, 2);
  const expected = IBAN_LENGTHS[country];
  if (expected !== undefined && iban.length !== expected) return MESSAGES.ibanLength(country, expected);
  if (expected === undefined && (iban.length < 15 || iban.length > 34)) return MESSAGES.ibanInvalid;
  if (!ibanChecksumOk(iban)) return MESSAGES.ibanChecksum;
  return null;
}

// Plausible, not RFC 5322: something@something.tld, no spaces, no double dots.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[^\s@.]{2,}$/;

/**
 * Checks a pilot as the backend will. Returns one error per offending field, in form order;
 * field keys are the snake_case keys of PilotInput. todayIso is the date the rules use.
 */
export function validatePilot(input: PilotInput, todayIso: string): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: keyof PilotInput, message: string) => errors.push({ field, message });

  if (input.first_name.trim() === '') add('first_name', MESSAGES.firstName);
  if (input.last_name.trim() === '') add('last_name', MESSAGES.lastName);

  const birth = input.birth_date?.trim() ?? '';
  if (birth !== '') {
    if (!isIsoDate(birth)) add('birth_date', MESSAGES.birthDateInvalid);
    else if (birth >= todayIso) add('birth_date', MESSAGES.birthDateFuture); // ISO strings sort as dates
  }

  const postcode = input.postcode.trim();
  if (postcode !== '' && !/^[0-9]{5}$/.test(postcode)) add('postcode', MESSAGES.postcode);

  const email = input.email.trim();
  if (email !== '' && !EMAIL.test(email)) add('email', MESSAGES.email);

  if (input.iban.trim() !== '') {
    const msg = ibanError(input.iban);
    if (msg) add('iban', msg);
  }
  return errors;
}
