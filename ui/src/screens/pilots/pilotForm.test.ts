import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pilot, reference } from '../../test/fixtures';
import { createPilotForm, type PilotForm } from './pilotForm';
import type { FieldError, PilotInput } from '../../backend/types';

let form: PilotForm;
/** What the form asked the backend to check, in order. */
let checked: PilotInput[];
/** Replaces the backend's answer for one test (e.g. to hold it back). */
let answer: (input: PilotInput) => Promise<FieldError[]>;

/** validate_pilot's answers for the values these tests type; the rules are the backend's, tested there. */
function backendAnswers(input: PilotInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.first_name === '') errors.push({ field: 'first_name', message: 'Vorname fehlt.' });
  if (input.last_name === '') errors.push({ field: 'last_name', message: 'Nachname fehlt.' });
  if (input.birth_date === '31.02.1990') errors.push({ field: 'birth_date', message: 'Geburtsdatum ist kein gültiges Datum (TT.MM.JJJJ).' });
  if (input.birth_date === '2030-03-01') errors.push({ field: 'birth_date', message: 'Geburtsdatum muss in der Vergangenheit liegen.' });
  if (input.postcode === '123') errors.push({ field: 'postcode', message: 'PLZ muss aus 5 Ziffern bestehen.' });
  if (input.iban === 'DE88370400440532013000') errors.push({ field: 'iban', message: 'IBAN ist ungültig (Prüfziffer falsch). Bitte Tippfehler prüfen.' });
  return errors;
}

const $ = <T extends HTMLElement = HTMLInputElement>(sel: string) => {
  const el = document.querySelector<T>(sel);
  if (!el) throw new Error(`${sel} fehlt`);
  return el;
};

function type(sel: string, value: string): void {
  const el = $(sel);
  el.focus();
  (el as HTMLInputElement).value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

function choose(sel: string, value: string): void {
  const el = $<HTMLSelectElement>(sel);
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

function blur(sel: string): void {
  $(sel).dispatchEvent(new FocusEvent('blur'));
}

function checkLanguage(name: string, on = true): void {
  const box = Array.from(document.querySelectorAll<HTMLInputElement>('#f-languages input[type="checkbox"]')).find(
    (b) => b.value === name,
  );
  if (!box) throw new Error(`Sprache ${name} fehlt`);
  box.checked = on;
}

beforeEach(() => {
  checked = [];
  answer = async (input) => backendAnswers(input);
  form = createPilotForm({
    reference: reference(),
    validate: (input) => {
      checked.push(input);
      return answer(input);
    },
  });
  document.body.replaceChildren(form.element);
});
afterEach(() => document.body.replaceChildren());

describe('form structure', () => {
  it('has every field with its German label tied to it', () => {
    const labels: Record<string, string> = {
      first_name: 'Vorname', last_name: 'Nachname', birth_date: 'Geburtsdatum', street: 'Straße', postcode: 'PLZ',
      town: 'Ort', municipality: 'Gemeinde', district: 'Altkreis', phone: 'Telefon', email: 'E-Mail',
      recruitment_source: 'Gewinnung über', account_holder: 'Kontoinhaber', iban: 'IBAN', notes: 'Notizen',
    };
    for (const [field, text] of Object.entries(labels)) {
      const label = $<HTMLLabelElement>(`label[for="f-${field}"]`);
      expect(label.textContent, field).toBe(text);
      expect($(`#f-${field}`).getAttribute('aria-describedby')).toBe(`err-${field}`);
      expect($(`#err-${field}`).getAttribute('aria-live')).toBe('polite');
    }
    expect($('#f-languages legend').textContent).toBe('Sprachen');
    expect($('#f-birth_date').getAttribute('placeholder')).toBe('TT.MM.JJJJ');
    expect($('#save').getAttribute('type')).toBe('submit');
    expect($('#save').textContent).toBe('Speichern');
    expect($('#cancel').textContent).toBe('Abbrechen');
  });

  it('gives every language checkbox its own label', () => {
    const boxes = Array.from(document.querySelectorAll<HTMLInputElement>('#f-languages input[type="checkbox"]'));
    expect(boxes.map((b) => b.value)).toEqual(reference().languages);
    for (const b of boxes) {
      expect(document.querySelector(`label[for="${b.id}"]`)?.textContent).toBe(b.value);
    }
    expect($('label[for="f-language-new"]').textContent).toBe('Weitere Sprache');
  });

  it('offers the reference lists in the selects, with an empty choice', () => {
    const values = (sel: string) => Array.from($<HTMLSelectElement>(sel).options).map((o) => o.value);
    expect(values('#f-municipality')).toEqual(['', ...reference().municipalities.map((m) => m.name)]);
    expect(values('#f-district')).toEqual(['', 'Halberstadt', 'Quedlinburg', 'Wernigerode']);
    expect(values('#f-recruitment_source')).toEqual(['', ...reference().sources]);
  });
});

describe('fillForm and readForm', () => {
  it('shows a pilot in German formats and reads the same data back', () => {
    const p = pilot();
    form.fillForm(p);
    expect($('#f-first_name').value).toBe('Amal');
    expect($('#f-birth_date').value).toBe('12.04.1985');
    expect($('#f-iban').value).toBe('DE89 3704 0044 0532 0130 00');
    expect($<HTMLSelectElement>('#f-municipality').value).toBe('Halberstadt');
    expect($('#f-status').textContent).toBe('Status: Aktiv');
    expect($('#f-status').hidden).toBe(false);
    expect($('#form-title').textContent).toBe('Haddad, Amal');
    expect(form.pilotId).toBe(7);

    const { id: _id, status: _s, created_at: _c, updated_at: _u, ...input } = p;
    // languages come back in the order of the checkboxes on screen
    expect(form.readForm()).toEqual({ ...input, languages: ['Deutsch', 'Arabisch'] });
  });

  it('keeps values that are not in the reference lists', () => {
    form.fillForm(pilot({ languages: ['Tigrinya', 'Deutsch'], municipality: 'Falkenstein/Harz', recruitment_source: 'Altliste' }));
    expect(form.readForm().languages).toEqual(['Deutsch', 'Tigrinya']);
    expect(form.readForm().municipality).toBe('Falkenstein/Harz');
    expect(form.readForm().recruitment_source).toBe('Altliste');
  });

  it('reads what the user typed: trimmed, ISO date, IBAN without spaces, empty selects as null', () => {
    form.fillForm(null);
    expect($('#f-status').hidden).toBe(true);
    expect($('#form-title').textContent).toBe('Neuer Lotse');
    expect(form.pilotId).toBeNull();
    type('#f-first_name', '  Olena ');
    type('#f-last_name', 'Kovalenko');
    type('#f-birth_date', '3.7.1990');
    type('#f-postcode', '38855');
    type('#f-iban', 'de89 3704 0044 0532 0130 00');
    checkLanguage('Ukrainisch');
    checkLanguage('Russisch');
    const input = form.readForm();
    expect(input).toMatchObject({
      first_name: 'Olena',
      last_name: 'Kovalenko',
      birth_date: '1990-07-03',
      postcode: '38855',
      iban: 'DE89370400440532013000',
      municipality: null,
      district: null,
      recruitment_source: null,
      email: '',
    });
    // in the order of the list on screen
    expect(input.languages).toEqual(['Russisch', 'Ukrainisch']);
  });

  it('passes an unreadable birth date on as typed, so validation can name it', () => {
    type('#f-birth_date', '31.02.1990');
    expect(form.readForm().birth_date).toBe('31.02.1990');
    type('#f-birth_date', '');
    expect(form.readForm().birth_date).toBeNull();
  });

  it('adds a further language as a checked checkbox', () => {
    type('#f-language-new', 'Tigrinya');
    $('#add-language').click();
    expect(form.readForm().languages).toEqual(['Tigrinya']);
    const added = document.querySelector<HTMLInputElement>('#f-languages input[value="Tigrinya"]');
    expect(added?.checked).toBe(true);
    expect(document.querySelector(`label[for="${added?.id}"]`)?.textContent).toBe('Tigrinya');
    expect($('#f-language-new').value).toBe('');
  });

  it('does not add a language twice (case ignored), and Enter adds without submitting', () => {
    let submitted = false;
    form.element.addEventListener('submit', (e) => {
      e.preventDefault();
      submitted = true;
    });
    type('#f-language-new', 'arabisch');
    $('#f-language-new').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    expect(submitted).toBe(false);
    expect(form.readForm().languages).toEqual(['Arabisch']);
    expect(document.querySelectorAll('#f-languages input[type="checkbox"]').length).toBe(reference().languages.length);
  });

  it('counts a typed but not added language', () => {
    checkLanguage('Deutsch');
    type('#f-language-new', 'Kurdisch');
    expect(form.readForm().languages).toEqual(['Deutsch', 'Kurdisch']);
  });

  it('a new form forgets the previous pilot', () => {
    form.fillForm(pilot({ languages: ['Tigrinya'] }));
    form.showErrors([{ field: 'iban', message: 'IBAN ist ungültig.' }]);
    form.fillForm(null);
    const input = form.readForm();
    expect(input.first_name).toBe('');
    expect(input.iban).toBe('');
    expect(input.languages).toEqual([]);
    expect(document.querySelector('#f-languages input[value="Tigrinya"]')).toBeNull();
    expect($('#err-iban').textContent).toBe('');
  });
});

describe('errors at the field', () => {
  it('showErrors puts each message at its field and marks it invalid', () => {
    const unplaced = form.showErrors([
      { field: 'iban', message: 'IBAN ist ungültig (Prüfziffer falsch).' },
      { field: 'first_name', message: 'Vorname fehlt.' },
      { field: 'languages', message: 'Sprache fehlt.' },
    ]);
    expect(unplaced).toEqual([]);
    expect($('#err-iban').textContent).toBe('IBAN ist ungültig (Prüfziffer falsch).');
    expect($('#f-iban').getAttribute('aria-invalid')).toBe('true');
    expect($('#err-first_name').textContent).toBe('Vorname fehlt.');
    expect($('#f-first_name').getAttribute('aria-invalid')).toBe('true');
    expect($('#err-languages').textContent).toBe('Sprache fehlt.');
    expect($('#f-languages').getAttribute('aria-invalid')).toBe('true');
    // untouched fields stay clean
    expect($('#err-last_name').textContent).toBe('');
    expect($('#f-last_name').hasAttribute('aria-invalid')).toBe(false);
  });

  it('returns errors that belong to no field', () => {
    const unplaced = form.showErrors([{ field: 'status', message: 'Status fehlt.' }]);
    expect(unplaced).toEqual([{ field: 'status', message: 'Status fehlt.' }]);
  });

  it('clearErrors removes every message and mark', () => {
    form.showErrors([
      { field: 'postcode', message: 'PLZ muss aus 5 Ziffern bestehen.' },
      { field: 'email', message: 'E-Mail-Adresse ist nicht gültig.' },
    ]);
    form.clearErrors();
    for (const f of ['postcode', 'email']) {
      expect($(`#err-${f}`).textContent).toBe('');
      expect($(`#f-${f}`).hasAttribute('aria-invalid')).toBe(false);
    }
  });

  it('focusFirstError focuses the first field in form order', () => {
    form.showErrors([
      { field: 'iban', message: 'IBAN ist ungültig.' },
      { field: 'postcode', message: 'PLZ muss aus 5 Ziffern bestehen.' },
    ]);
    form.focusFirstError();
    expect(document.activeElement?.id).toBe('f-postcode');
  });

  it('asks the backend when a field is left, shows that field’s answer, and takes it back once fixed', async () => {
    type('#f-postcode', '123');
    blur('#f-postcode');
    await vi.waitFor(() => expect($('#err-postcode').textContent).toBe('PLZ muss aus 5 Ziffern bestehen.'));
    expect($('#f-postcode').getAttribute('aria-invalid')).toBe('true');
    expect(checked.map((i) => i.postcode)).toEqual(['123']);
    // the backend also names the empty names, but those fields were not left yet
    expect($('#err-first_name').textContent).toBe('');
    expect($('#err-last_name').textContent).toBe('');
    type('#f-postcode', '38820');
    blur('#f-postcode');
    await vi.waitFor(() => expect($('#err-postcode').textContent).toBe(''));
    expect($('#f-postcode').hasAttribute('aria-invalid')).toBe(false);
  });

  it('does not ask about an empty required field just because it was passed', async () => {
    blur('#f-first_name');
    await Promise.resolve();
    expect(checked).toEqual([]);
    expect($('#err-first_name').textContent).toBe('');
  });

  it('names an impossible birth date when the field is left', async () => {
    type('#f-birth_date', '31.02.1990');
    blur('#f-birth_date');
    await vi.waitFor(() => expect($('#err-birth_date').textContent).toBe('Geburtsdatum ist kein gültiges Datum (TT.MM.JJJJ).'));
    type('#f-birth_date', '1.3.2030');
    blur('#f-birth_date');
    expect($('#f-birth_date').value).toBe('01.03.2030');
    // the backend gets the date as ISO, as saving sends it
    expect(checked.at(-1)?.birth_date).toBe('2030-03-01');
    await vi.waitFor(() => expect($('#err-birth_date').textContent).toBe('Geburtsdatum muss in der Vergangenheit liegen.'));
  });

  it('lets a late answer about an older value not overwrite the newer one', async () => {
    let release: (errors: FieldError[]) => void = () => {};
    answer = (input) => new Promise((resolve) => (release = () => resolve(backendAnswers(input))));
    type('#f-postcode', '123');
    blur('#f-postcode');
    const first = release;
    answer = async (input) => backendAnswers(input);
    type('#f-postcode', '38820');
    blur('#f-postcode');
    await vi.waitFor(() => expect(checked.length).toBe(2));
    first([]);
    await new Promise((r) => setTimeout(r, 0));
    expect($('#err-postcode').textContent).toBe('');
  });

  it('shows nothing when the backend cannot answer; saving checks again', async () => {
    answer = () => Promise.reject({ kind: 'storage', message: 'Datenbankfehler', errors: [], missing: [] });
    type('#f-postcode', '123');
    blur('#f-postcode');
    await new Promise((r) => setTimeout(r, 0));
    expect($('#err-postcode').textContent).toBe('');
  });
});

describe('IBAN input', () => {
  it('is shown in groups of four when the field is left', () => {
    type('#f-iban', 'de89370400440532013000');
    blur('#f-iban');
    expect($('#f-iban').value).toBe('DE89 3704 0044 0532 0130 00');
    expect($('#err-iban').textContent).toBe('');
  });

  it('gets the backend’s error when the field is left and the check digit is wrong', async () => {
    type('#f-iban', 'DE88370400440532013000');
    blur('#f-iban');
    expect($('#f-iban').value).toBe('DE88 3704 0044 0532 0130 00');
    expect(checked.at(-1)?.iban).toBe('DE88370400440532013000');
    await vi.waitFor(() => expect($('#err-iban').textContent).toBe('IBAN ist ungültig (Prüfziffer falsch). Bitte Tippfehler prüfen.'));
    expect($('#f-iban').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('district follows the municipality', () => {
  it('fills the district from the chosen municipality', () => {
    choose('#f-municipality', 'Thale');
    expect($<HTMLSelectElement>('#f-district').value).toBe('Quedlinburg');
    choose('#f-municipality', 'Ilsenburg (Harz)');
    expect($<HTMLSelectElement>('#f-district').value).toBe('Wernigerode');
    expect(form.readForm().district).toBe('Wernigerode');
  });

  it('leaves a district chosen by hand alone', () => {
    choose('#f-municipality', 'Thale');
    choose('#f-district', 'Wernigerode'); // e.g. Altenbrak, part of Thale, was in the Wernigerode district
    choose('#f-municipality', 'Halberstadt');
    expect($<HTMLSelectElement>('#f-district').value).toBe('Wernigerode');
  });

  it('remembers a hand-set district of a stored pilot', () => {
    form.fillForm(pilot({ municipality: 'Thale', district: 'Wernigerode' }));
    choose('#f-municipality', 'Quedlinburg');
    expect($<HTMLSelectElement>('#f-district').value).toBe('Wernigerode');
  });

  it('follows again for a stored pilot whose district is the default', () => {
    form.fillForm(pilot({ municipality: 'Thale', district: 'Quedlinburg' }));
    choose('#f-municipality', 'Osterwieck');
    expect($<HTMLSelectElement>('#f-district').value).toBe('Halberstadt');
  });
});

describe('duplicate warning', () => {
  it('lists the possible duplicates with their reason', () => {
    expect($('#duplicate-warning').hidden).toBe(true);
    form.showDuplicates([
      { id: 3, name: 'Haddad, Amal', reason: 'gleicher Name und Geburtsdatum' },
      { id: 9, name: 'Haddad, Samir', reason: 'gleiche IBAN' },
    ]);
    expect($('#duplicate-warning').hidden).toBe(false);
    expect(Array.from(document.querySelectorAll('#duplicate-warning li')).map((li) => li.textContent)).toEqual([
      'Möglicher Doppeleintrag: Haddad, Amal (gleicher Name und Geburtsdatum)',
      'Möglicher Doppeleintrag: Haddad, Samir (gleiche IBAN)',
    ]);
    expect($('#save-anyway').textContent).toBe('Trotzdem speichern');
    $('#duplicate-cancel').click();
    expect($('#duplicate-warning').hidden).toBe(true);
  });
});
