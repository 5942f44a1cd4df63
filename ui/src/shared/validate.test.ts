import { describe, expect, it } from 'vitest';
import type { PilotInput } from '../backend/types';
import { ibanChecksumOk, ibanError, validatePilot } from './validate';

const TODAY = '2026-11-15';

function pilot(overrides: Partial<PilotInput> = {}): PilotInput {
  return {
    first_name: 'Amal',
    last_name: 'Haddad',
    birth_date: '1985-04-12',
    street: 'Domplatz 1',
    postcode: '38820',
    town: 'Halberstadt',
    municipality: 'Halberstadt',
    district: 'Halberstadt',
    phone: '03941 123456',
    email: 'amal.haddad@example.org',
    languages: ['Arabisch', 'Deutsch'],
    recruitment_source: 'Medien',
    account_holder: 'Amal Haddad',
    iban: 'DE89370400440532013000',
    notes: '',
    ...overrides,
  };
}

const errorsOf = (input: PilotInput) => validatePilot(input, TODAY);

describe('validatePilot', () => {
  it('accepts a complete, valid pilot', () => {
    expect(errorsOf(pilot())).toEqual([]);
  });

  it('accepts a pilot with only the names', () => {
    const minimal = pilot({
      birth_date: null, street: '', postcode: '', town: '', municipality: null, district: null,
      phone: '', email: '', languages: [], recruitment_source: null, account_holder: '', iban: '',
    });
    expect(errorsOf(minimal)).toEqual([]);
  });

  it('requires first and last name (blank counts as missing)', () => {
    expect(errorsOf(pilot({ first_name: '', last_name: '  ' }))).toEqual([
      { field: 'first_name', message: 'Vorname fehlt.' },
      { field: 'last_name', message: 'Nachname fehlt.' },
    ]);
  });

  it('wants a five-digit postcode when one is given', () => {
    for (const bad of ['3882', '388200', '38 820', 'D-38820', 'abcde']) {
      expect(errorsOf(pilot({ postcode: bad })), bad).toEqual([
        { field: 'postcode', message: 'PLZ muss aus 5 Ziffern bestehen.' },
      ]);
    }
    expect(errorsOf(pilot({ postcode: '06484' }))).toEqual([]);
  });

  it('wants a plausible e-mail address when one is given', () => {
    for (const bad of ['amal', 'amal@', '@example.org', 'amal@example', 'amal haddad@example.org', 'a@b..de', 'a@b.c']) {
      expect(errorsOf(pilot({ email: bad })), bad).toEqual([
        { field: 'email', message: 'E-Mail-Adresse ist nicht gültig.' },
      ]);
    }
    for (const good of ['a.b@landkreis-harz.de', 'x+y@mail.example.co.uk', 'ümit@beispiel.de']) {
      expect(errorsOf(pilot({ email: good })), good).toEqual([]);
    }
  });

  it('wants the birth date in the past', () => {
    const future = [{ field: 'birth_date', message: 'Geburtsdatum muss in der Vergangenheit liegen.' }];
    expect(errorsOf(pilot({ birth_date: '2030-01-01' }))).toEqual(future);
    expect(errorsOf(pilot({ birth_date: TODAY }))).toEqual(future);
    expect(errorsOf(pilot({ birth_date: '2026-11-14' }))).toEqual([]);
  });

  it('names a birth date that is not a date', () => {
    const invalid = [{ field: 'birth_date', message: 'Geburtsdatum ist kein gültiges Datum (TT.MM.JJJJ).' }];
    expect(errorsOf(pilot({ birth_date: '31.02.1980' }))).toEqual(invalid);
    expect(errorsOf(pilot({ birth_date: '1980-02-31' }))).toEqual(invalid);
  });

  it('accepts valid IBANs of several countries, with or without spaces', () => {
    for (const iban of [
      'DE89 3704 0044 0532 0130 00',
      'de89370400440532013000',
      'AT611904300234573201',
      'CH9300762011623852957',
      'NL91ABNA0417164300',
      'FR1420041010050500013M02606',
      'BE68539007547034',
      'PL61109010140000071219812874',
      'IT60X0542811101000000123456',
      'ES9121000418450200051332',
      'LU280019400644750000',
      'DK5000400440116243',
      'GB29NWBK60161331926819',
    ]) {
      expect(errorsOf(pilot({ iban })), iban).toEqual([]);
    }
  });

  it('reports an IBAN with a wrong check digit', () => {
    expect(errorsOf(pilot({ iban: 'DE88370400440532013000' }))).toEqual([
      { field: 'iban', message: 'IBAN ist ungültig (Prüfziffer falsch).' },
    ]);
    // one digit of the account number changed
    expect(ibanError('DE89370400440532013001')).toBe('IBAN ist ungültig (Prüfziffer falsch).');
  });

  it('reports an IBAN of the wrong length for its country', () => {
    expect(errorsOf(pilot({ iban: 'DE8937040044053201300' }))).toEqual([
      { field: 'iban', message: 'IBAN hat die falsche Länge für DE: 22 Zeichen erwartet.' },
    ]);
    expect(ibanError('AT61190430023457320')).toBe('IBAN hat die falsche Länge für AT: 20 Zeichen erwartet.');
    expect(ibanError('NL91ABNA04171643001')).toBe('IBAN hat die falsche Länge für NL: 18 Zeichen erwartet.');
  });

  it('reports an IBAN that is not shaped like one', () => {
    for (const bad of ['12345678901234567890', 'DEXX370400440532013000', 'DE89-3704-0044', 'XY12']) {
      expect(ibanError(bad), bad).toBe('IBAN ist ungültig.');
    }
  });

  it('lists every offending field at once, in form order', () => {
    const fields = errorsOf(
      pilot({ first_name: '', birth_date: '2099-01-01', postcode: '1', email: 'x', iban: 'DE00' }),
    ).map((e) => e.field);
    expect(fields).toEqual(['first_name', 'birth_date', 'postcode', 'email', 'iban']);
  });
});

describe('ibanChecksumOk', () => {
  it('computes ISO 7064 mod 97-10', () => {
    expect(ibanChecksumOk('DE89370400440532013000')).toBe(true);
    expect(ibanChecksumOk('DE89370400440532013010')).toBe(false);
    expect(ibanChecksumOk('FR1420041010050500013M02606')).toBe(true);
  });
});
