import { describe, expect, it } from 'vitest';
import {
  formatCents,
  formatDate,
  formatEuros,
  formatWholeEuros,
  isMonth,
  monthName,
  previousMonth,
  formatIban,
  formatPoints,
  isIsoDate,
  normalizeIban,
  parseGermanDate,
  pilotCount,
  pilotName,
  runStateLabel,
  statusLabel,
} from './format';
import { reference } from '../test/fixtures';

describe('formatDate', () => {
  it('turns ISO dates into DD.MM.YYYY', () => {
    expect(formatDate('2026-11-03')).toBe('03.11.2026');
    expect(formatDate('1980-01-31')).toBe('31.01.1980');
  });
  it('uses the date part of a timestamp', () => {
    expect(formatDate('2026-02-28T13:45:00Z')).toBe('28.02.2026');
  });
  it('shows nothing for a missing date', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatDate(undefined)).toBe('');
  });
});

describe('parseGermanDate', () => {
  it('parses DD.MM.YYYY and D.M.YYYY into ISO', () => {
    expect(parseGermanDate('03.11.2026')).toBe('2026-11-03');
    expect(parseGermanDate('3.1.1975')).toBe('1975-01-03');
    expect(parseGermanDate(' 29.02.2024 ')).toBe('2024-02-29');
  });
  it('refuses dates that do not exist', () => {
    expect(parseGermanDate('29.02.2023')).toBeNull();
    expect(parseGermanDate('31.04.2000')).toBeNull();
    expect(parseGermanDate('00.01.2000')).toBeNull();
    expect(parseGermanDate('12.13.2000')).toBeNull();
  });
  it('refuses other shapes', () => {
    expect(parseGermanDate('2026-11-03')).toBeNull();
    expect(parseGermanDate('03.11.26')).toBeNull();
    expect(parseGermanDate('03/11/2026')).toBeNull();
    expect(parseGermanDate('')).toBeNull();
    expect(parseGermanDate('gestern')).toBeNull();
  });
  it('round-trips with formatDate', () => {
    expect(formatDate(parseGermanDate('01.02.1990'))).toBe('01.02.1990');
  });
});

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-9')).toBe(false);
    expect(isIsoDate('01.02.2024')).toBe(false);
  });
});

describe('IBAN formatting', () => {
  it('normalizes: no spaces, upper case', () => {
    expect(normalizeIban(' de89 3704 0044\u00a00532 0130 00 ')).toBe('DE89370400440532013000');
  });
  it('groups in fours', () => {
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(formatIban('de89 37040044 0532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(formatIban('NL91ABNA0417164300')).toBe('NL91 ABNA 0417 1643 00');
    expect(formatIban('BE68539007547034')).toBe('BE68 5390 0754 7034');
  });
  it('shows nothing for no IBAN', () => {
    expect(formatIban('')).toBe('');
    expect(formatIban(null)).toBe('');
  });
});

describe('labels', () => {
  it('names statuses and run states in the words of the reference data', () => {
    const ref = reference();
    expect(statusLabel(ref, 'in_qualification')).toBe('In Qualifizierung');
    expect(statusLabel(ref, 'left')).toBe('Ausgeschieden');
    expect(statusLabel({ statuses: [{ code: 'paused', label: 'ruht' }] }, 'paused')).toBe('ruht');
    // a code the list does not know is shown as it is
    expect(statusLabel({ statuses: [] }, 'active')).toBe('active');
    expect(runStateLabel(ref, 'approved')).toBe('freigegeben');
    expect(runStateLabel({ run_states: [] }, 'paid')).toBe('paid');
  });
  it('counts pilots in German', () => {
    expect(pilotCount(30)).toBe('30 Lotsen');
    expect(pilotCount(1)).toBe('1 Lotse');
    expect(pilotCount(0)).toBe('0 Lotsen');
  });
  it('writes names as "Nachname, Vorname"', () => {
    expect(pilotName({ first_name: 'Amal', last_name: 'Haddad' })).toBe('Haddad, Amal');
    expect(pilotName({ first_name: '', last_name: 'Haddad' })).toBe('Haddad');
  });
});

describe('test points', () => {
  it('shows points of max points with the share in percent', () => {
    expect(formatPoints(42, 60)).toBe('42 / 60 (70 %)');
    expect(formatPoints(60, 60)).toBe('60 / 60 (100 %)');
    expect(formatPoints(0, 60)).toBe('0 / 60 (0 %)');
    expect(formatPoints(35, 60)).toBe('35 / 60 (58,3 %)');
  });
  it('never rounds a score up to a pass mark it did not reach', () => {
    // 5999 of 10000 is 59,99 %: below a 60 % pass mark, so it must not read "60 %".
    expect(formatPoints(5999, 10000)).toBe('5999 / 10000 (59,9 %)');
    expect(formatPoints(119, 200)).toBe('119 / 200 (59,5 %)');
  });
  it('copes with a maximum of 0', () => {
    expect(formatPoints(0, 0)).toBe('0 / 0');
  });
});

describe('money', () => {
  it('shows cents the German way, as the backend prints them', () => {
    expect(formatCents(123456)).toBe('1.234,56 €');
    expect(formatCents(13000)).toBe('130,00 €');
    expect(formatCents(5)).toBe('0,05 €');
    expect(formatCents(0)).toBe('0,00 €');
    expect(formatCents(-1250)).toBe('-12,50 €');
    expect(formatCents(4680000)).toBe('46.800,00 €');
    expect(formatCents(100000000)).toBe('1.000.000,00 €');
    expect(formatEuros(4680000)).toBe('46.800,00');
    expect(formatEuros(-2000)).toBe('-20,00');
    expect(formatWholeEuros(4680050)).toBe('46.801 €');
    expect(formatWholeEuros(-390000)).toBe('-3.900 €');
  });
});

describe('months', () => {
  it('names, checks and steps back months', () => {
    const ref = reference();
    expect(monthName(ref, '2026-11')).toBe('November 2026');
    expect(monthName(ref, '2026-03')).toBe('März 2026');
    expect(monthName(ref, '2026-13')).toBe('2026-13');
    expect(monthName({ month_names: [] }, '2026-03')).toBe('2026-03');
    expect(isMonth('2026-10')).toBe(true);
    expect(isMonth('2026-1')).toBe(false);
    expect(isMonth('2026-00')).toBe(false);
    expect(previousMonth('2026-11-15')).toBe('2026-10');
    expect(previousMonth('2027-01')).toBe('2026-12');
  });
});
