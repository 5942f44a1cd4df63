// The rules themselves are the backend's and tested there (src/domain, src/app/parse.rs); here: that the
// window asks the backend the right question and turns its answer into a message at the field.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { messagesFor, readAmount } from './validate';

const calls: { cmd: string; args: unknown }[] = [];

afterEach(() => {
  clearMocks();
  calls.length = 0;
});

/** parse_amount as the backend answers for these texts (lotsen::app::parse::euros). */
function backendParsesAmounts(): void {
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd !== 'parse_amount') throw `unknown command ${cmd}`;
    const { field, label, text } = args as { field: string; label: string; text: string };
    if (text === '1.234,56') return 123456;
    if (text === '46800.50') {
      throw {
        kind: 'validation',
        message: `„${label}“: „46800.50“ ist kein eindeutiger Betrag; bitte z. B. 1.234,56 oder 1234 eingeben.`,
        errors: [{ field, message: `„${label}“: „46800.50“ ist kein eindeutiger Betrag; bitte z. B. 1.234,56 oder 1234 eingeben.` }],
        missing: [],
      };
    }
    throw { kind: 'storage', message: 'Datenbankfehler: gesperrt', errors: [], missing: [] };
  });
}

describe('readAmount', () => {
  it('gives the cents the backend read, asking with field, label and the text as typed', async () => {
    backendParsesAmounts();
    expect(await readAmount('rate_cents', 'Monatsbetrag (€)', '1.234,56')).toBe(123456);
    expect(calls).toEqual([{ cmd: 'parse_amount', args: { field: 'rate_cents', label: 'Monatsbetrag (€)', text: '1.234,56' } }]);
  });

  it('gives the backend’s message for the field when the text is no amount', async () => {
    backendParsesAmounts();
    expect(await readAmount('cap_cents', 'Höchstbetrag (€)', '46800.50')).toEqual({
      field: 'cap_cents',
      message: '„Höchstbetrag (€)“: „46800.50“ ist kein eindeutiger Betrag; bitte z. B. 1.234,56 oder 1234 eingeben.',
    });
  });

  it('passes on an answer that belongs to no field', async () => {
    backendParsesAmounts();
    await expect(readAmount('rate_cents', 'Monatsbetrag (€)', 'x')).rejects.toMatchObject({ kind: 'storage' });
  });
});

describe('messagesFor', () => {
  it('joins the messages about one field and ignores the others', () => {
    const errors = [
      { field: 'first_name', message: 'Vorname fehlt.' },
      { field: 'iban', message: 'IBAN ist ungültig.' },
      { field: 'first_name', message: 'Vorname enthält ein unzulässiges Zeichen („1“).' },
    ];
    expect(messagesFor(errors, 'first_name')).toBe('Vorname fehlt. Vorname enthält ein unzulässiges Zeichen („1“).');
    expect(messagesFor(errors, 'postcode')).toBeNull();
  });
});
