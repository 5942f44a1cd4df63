// The pilot detail/edit form: builds the fields, fills and reads them, shows errors at the field.
// It knows nothing of the backend; the Lotsen screen decides when to validate, check and save.
import { formElement, h, options, replace } from '../../shared/dom';
import { formatDate, formatIban, normalizeIban, parseGermanDate, statusLabel, pilotName } from '../../shared/format';
import { messagesFor } from '../../shared/validate';
import type { Duplicate, FieldError, Pilot, PilotField, PilotInput, ReferenceData, StatusCode } from '../../backend/types';

export interface PilotFormOptions {
  reference: ReferenceData;
  /** Every field error the backend finds in the pilot as typed (the rules are the backend's alone). */
  validate: (input: PilotInput) => Promise<FieldError[]>;
}

export interface PilotForm {
  element: HTMLDivElement;
  /** The pilot being edited, or null for a new one. */
  readonly pilotId: number | null;
  readForm(): PilotInput;
  /** Shows a pilot, or an empty form for a new one (null). */
  fillForm(p: Pilot | null): void;
  /** Puts each message at its field; returns the errors that belong to no field of the form. */
  showErrors(errors: FieldError[]): FieldError[];
  clearErrors(): void;
  focusFirstError(): void;
  focusFirstField(): void;
  showDuplicates(duplicates: Duplicate[]): void;
  hideDuplicates(): void;
  duplicatesShown(): boolean;
  /** Updates the status line after a status change made elsewhere on the pilot's page. */
  showStatus(status: StatusCode): void;
  /** Takes the district after a district change made elsewhere on the pilot's page. */
  showDistrict(name: string | null): void;
}

const NO_CHOICE = '—';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface TextFieldDef {
  key: PilotField;
  label: string;
  type?: string;
  placeholder?: string;
  inputmode?: string;
  maxlength?: number;
  wide?: boolean;
}

/** Field order for focusing the first error; matches the order on screen. */
const FIELD_ORDER: PilotField[] = [
  'first_name', 'last_name', 'birth_date', 'street', 'postcode', 'town', 'municipality', 'district',
  'phone', 'email', 'languages', 'recruitment_source', 'account_holder', 'iban', 'bic', 'notes',
];

export function createPilotForm(opts: PilotFormOptions): PilotForm {
  const ref = opts.reference;
  const controls = new Map<PilotField, Control>();
  const errorEls = new Map<PilotField, HTMLElement>();
  let pilotId: number | null = null;

  // ---- building blocks -------------------------------------------------------------------
  function errorEl(key: PilotField): HTMLElement {
    const el = h('p', { id: `err-${key}`, class: 'field-error', 'aria-live': 'polite' });
    errorEls.set(key, el);
    return el;
  }

  function wrap(key: PilotField, label: string, control: Control, extraClass = ''): HTMLElement {
    control.id = `f-${key}`;
    control.name = key;
    control.setAttribute('aria-describedby', `err-${key}`);
    controls.set(key, control);
    return h('div', { class: `field ${extraClass}`.trim() }, h('label', { for: `f-${key}` }, label), control, errorEl(key));
  }

  function text(def: TextFieldDef): HTMLElement {
    const input = h('input', {
      type: def.type ?? 'text',
      placeholder: def.placeholder,
      inputmode: def.inputmode,
      maxlength: def.maxlength,
      autocomplete: 'off',
      spellcheck: 'false',
    });
    return wrap(def.key, def.label, input, def.wide ? 'wide' : '');
  }

  function select(key: PilotField, label: string, opts: HTMLElement[]): HTMLElement {
    const sel = h('select', {});
    sel.append(...opts);
    return wrap(key, label, sel);
  }

  function municipalityOptions(): HTMLElement[] {
    const result: HTMLElement[] = [h('option', { value: '' }, NO_CHOICE)];
    const districts = ref.districts.map((d) => d.name);
    for (const m of ref.municipalities) if (!districts.includes(m.district)) districts.push(m.district);
    for (const d of districts) {
      const group = h('optgroup', { label: `Altkreis ${d}` });
      group.append(...options(ref.municipalities.filter((m) => m.district === d).map((m) => ({ value: m.name, label: m.name }))));
      if (group.children.length > 0) result.push(group);
    }
    return result;
  }

  function row(...children: HTMLElement[]): HTMLElement {
    return h('div', { class: 'field-row' }, ...children);
  }

  function section(title: string | null, ...children: HTMLElement[]): HTMLElement {
    return h('section', { class: 'form-section' }, title !== null && h('h3', {}, title), ...children);
  }

  // ---- the form ----------------------------------------------------------------------------
  const title = h('h2', { id: 'form-title' }, 'Neuer Lotse');
  const statusLine = h('p', { id: 'f-status', class: 'form-status', hidden: true });
  const metaLine = h('p', { id: 'f-meta', class: 'form-meta', hidden: true });

  const languageBoxes = h('div', { class: 'checkbox-grid' });
  const newLanguage = h('input', { type: 'text', id: 'f-language-new', autocomplete: 'off' });
  const addLanguageButton = h('button', { type: 'button', id: 'add-language', class: 'secondary small' }, 'Hinzufügen');
  const languagesError = errorEl('languages');
  const languageSet = h(
    'fieldset',
    { id: 'f-languages', class: 'field wide languages', 'aria-describedby': 'err-languages' },
    h('legend', {}, 'Sprachen'),
    languageBoxes,
    h(
      'div',
      { class: 'add-language' },
      h('label', { for: 'f-language-new' }, 'Weitere Sprache'),
      newLanguage,
      addLanguageButton,
    ),
    languagesError,
  );

  const duplicateList = h('ul', { id: 'duplicate-list' });
  const saveAnyway = h('button', { type: 'button', id: 'save-anyway', class: 'warning' }, 'Trotzdem speichern');
  const duplicateCancel = h('button', { type: 'button', id: 'duplicate-cancel', class: 'secondary' }, 'Abbrechen');
  const duplicateBox = h(
    'div',
    { id: 'duplicate-warning', class: 'duplicate-warning', role: 'alert', hidden: true },
    h('p', { class: 'duplicate-title' }, 'Bitte prüfen, ob diese Person schon erfasst ist:'),
    duplicateList,
    h('div', { class: 'button-row' }, saveAnyway, duplicateCancel),
  );

  const element = formElement(
    { id: 'pilot-form', class: 'pilot-form', 'aria-labelledby': 'form-title' },
    h('header', { class: 'form-header' }, title, statusLine, metaLine),
    h(
      'div',
      { class: 'form-body' },
      section(
        'Person',
        row(text({ key: 'first_name', label: 'Vorname' }), text({ key: 'last_name', label: 'Nachname' })),
        row(text({ key: 'birth_date', label: 'Geburtsdatum', placeholder: 'TT.MM.JJJJ', inputmode: 'numeric', maxlength: 10 })),
      ),
      section(
        'Anschrift',
        row(text({ key: 'street', label: 'Straße', wide: true })),
        row(
          text({ key: 'postcode', label: 'PLZ', inputmode: 'numeric', maxlength: 5 }),
          text({ key: 'town', label: 'Ort' }),
        ),
        row(
          select('municipality', 'Gemeinde', municipalityOptions()),
          select('district', 'Altkreis', [
            h('option', { value: '' }, NO_CHOICE),
            ...options(ref.districts.map((d) => ({ value: d.name, label: d.name }))),
          ]),
        ),
      ),
      section(
        'Kontakt',
        row(text({ key: 'phone', label: 'Telefon', type: 'tel' }), text({ key: 'email', label: 'E-Mail', type: 'email' })),
      ),
      section(
        'Einsatz',
        languageSet,
        row(
          select('recruitment_source', 'Gewinnung über', [
            h('option', { value: '' }, NO_CHOICE),
            ...options(ref.sources.map((s) => ({ value: s, label: s }))),
          ]),
        ),
      ),
      section(
        'Bankverbindung',
        row(text({ key: 'account_holder', label: 'Kontoinhaber', wide: true })),
        row(text({ key: 'iban', label: 'IBAN', wide: true, maxlength: 42 })),
        row(text({ key: 'bic', label: 'BIC (nur für Konten außerhalb des EWR, z. B. Schweiz)', maxlength: 14 })),
      ),
      section(null, row(wrap('notes', 'Notizen', h('textarea', { rows: 4 }), 'wide'))),
    ),
    // The footer sticks to the bottom of the panel, so the warning is seen wherever the form is scrolled.
    h(
      'div',
      { class: 'form-footer' },
      duplicateBox,
      h(
        'div',
        { class: 'form-actions' },
        h('button', { type: 'submit', id: 'save', class: 'primary' }, 'Speichern'),
        h('button', { type: 'button', id: 'cancel', class: 'secondary' }, 'Abbrechen'),
      ),
    ),
  );

  const ctl = <T extends Control>(key: PilotField) => controls.get(key) as T;
  const municipality = ctl<HTMLSelectElement>('municipality');
  const district = ctl<HTMLSelectElement>('district');
  const iban = ctl<HTMLInputElement>('iban');
  const birthDate = ctl<HTMLInputElement>('birth_date');
  const source = ctl<HTMLSelectElement>('recruitment_source');

  // ---- languages ---------------------------------------------------------------------------
  function languageInputs(): HTMLInputElement[] {
    return Array.from(languageBoxes.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
  }

  function addLanguageBox(name: string, checked: boolean): HTMLInputElement {
    const id = `f-lang-${languageBoxes.children.length}`;
    const box = h('input', { type: 'checkbox', id, name: 'languages', value: name });
    box.checked = checked;
    languageBoxes.append(h('div', { class: 'checkbox' }, box, h('label', { for: id }, name)));
    return box;
  }

  function findLanguage(name: string): HTMLInputElement | undefined {
    const wanted = name.toLocaleLowerCase('de');
    return languageInputs().find((b) => b.value.toLocaleLowerCase('de') === wanted);
  }

  function setLanguages(chosen: string[]): void {
    replace(languageBoxes);
    for (const l of ref.languages) addLanguageBox(l, chosen.includes(l));
    for (const l of chosen) if (!findLanguage(l)) addLanguageBox(l, true);
  }

  function addPendingLanguage(): void {
    const name = newLanguage.value.trim();
    if (name === '') return;
    const existing = findLanguage(name);
    if (existing) existing.checked = true;
    else addLanguageBox(name, true);
    newLanguage.value = '';
  }

  addLanguageButton.addEventListener('click', () => {
    addPendingLanguage();
    newLanguage.focus();
  });
  newLanguage.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault(); // add the language, do not submit the form
      addPendingLanguage();
    }
  });

  // ---- district follows the municipality, unless set by hand --------------------------------
  let districtByHand = false;

  function defaultDistrict(muni: string): string | null {
    return ref.municipalities.find((m) => m.name === muni)?.district ?? null;
  }

  municipality.addEventListener('change', () => {
    const d = defaultDistrict(municipality.value);
    if (!districtByHand && d !== null) {
      ensureOption(district, d);
      district.value = d;
    }
  });
  district.addEventListener('change', () => {
    // Choosing the municipality's own district (or none) hands control back to the municipality.
    districtByHand = district.value !== '' && district.value !== defaultDistrict(municipality.value);
  });

  // ---- formatting and early feedback on leaving a field -------------------------------------
  iban.addEventListener('blur', () => {
    if (iban.value.trim() !== '') iban.value = formatIban(iban.value);
  });
  birthDate.addEventListener('blur', () => {
    const iso = parseGermanDate(birthDate.value);
    if (iso) birthDate.value = formatDate(iso);
  });

  // Each field's latest check; an older answer arriving late must not overwrite a newer one.
  const checks = new Map<PilotField, number>();
  let checkSeq = 0;
  for (const [key, control] of controls) {
    control.addEventListener('blur', () => {
      // Only speak up once there is something to judge, or to take back an error that was fixed.
      if (control.value.trim() === '' && !hasError(key)) return;
      const seq = ++checkSeq;
      checks.set(key, seq);
      void opts.validate(readForm()).then(
        (errors) => {
          if (checks.get(key) === seq) setError(key, messagesFor(errors, key));
        },
        () => {
          // No answer (the backend is busy or gone): the check on saving still runs and reports.
        },
      );
    });
  }

  // ---- errors ------------------------------------------------------------------------------
  function invalidTarget(key: PilotField): HTMLElement | undefined {
    return key === 'languages' ? languageSet : controls.get(key);
  }

  function hasError(key: PilotField): boolean {
    return (errorEls.get(key)?.textContent ?? '') !== '';
  }

  function setError(key: PilotField, message: string | null): void {
    const el = errorEls.get(key);
    const target = invalidTarget(key);
    if (!el || !target) return;
    el.textContent = message ?? '';
    if (message) target.setAttribute('aria-invalid', 'true');
    else target.removeAttribute('aria-invalid');
  }

  function showErrors(errors: FieldError[]): FieldError[] {
    const byField = new Map<PilotField, string[]>();
    const unplaced: FieldError[] = [];
    for (const e of errors) {
      const key = e.field as PilotField;
      if (errorEls.has(key)) byField.set(key, [...(byField.get(key) ?? []), e.message]);
      else unplaced.push(e);
    }
    for (const [key, messages] of byField) setError(key, messages.join(' '));
    return unplaced;
  }

  function clearErrors(): void {
    for (const key of errorEls.keys()) setError(key, null);
  }

  function focusFirstError(): void {
    const key = FIELD_ORDER.find((k) => hasError(k));
    if (!key) return;
    const target = key === 'languages' ? languageInputs()[0] ?? newLanguage : controls.get(key);
    target?.focus();
  }

  // ---- duplicates --------------------------------------------------------------------------
  function showDuplicates(duplicates: Duplicate[]): void {
    replace(
      duplicateList,
      ...duplicates.map((d) => h('li', { 'data-id': d.id }, `Möglicher Doppeleintrag: ${d.name} (${d.reason})`)),
    );
    duplicateBox.hidden = false;
    saveAnyway.focus();
  }

  function hideDuplicates(): void {
    duplicateBox.hidden = true;
    replace(duplicateList);
  }

  duplicateCancel.addEventListener('click', () => {
    hideDuplicates();
    element.querySelector<HTMLButtonElement>('#save')?.focus();
  });

  // ---- fill and read -----------------------------------------------------------------------
  function ensureOption(sel: HTMLSelectElement, value: string | null): void {
    if (!value) return;
    if (!Array.from(sel.options).some((o) => o.value === value)) sel.append(h('option', { value }, value));
  }

  function setText(key: PilotField, value: string): void {
    ctl<HTMLInputElement | HTMLTextAreaElement>(key).value = value;
  }

  function fillForm(p: Pilot | null): void {
    pilotId = p?.id ?? null;
    clearErrors();
    hideDuplicates();
    newLanguage.value = '';
    setText('first_name', p?.first_name ?? '');
    setText('last_name', p?.last_name ?? '');
    setText('birth_date', formatDate(p?.birth_date ?? null));
    setText('street', p?.street ?? '');
    setText('postcode', p?.postcode ?? '');
    setText('town', p?.town ?? '');
    setText('phone', p?.phone ?? '');
    setText('email', p?.email ?? '');
    setText('account_holder', p?.account_holder ?? '');
    setText('iban', formatIban(p?.iban ?? ''));
    setText('bic', p?.bic ?? '');
    setText('notes', p?.notes ?? '');
    for (const [sel, value] of [
      [municipality, p?.municipality ?? null],
      [district, p?.district ?? null],
      [source, p?.recruitment_source ?? null],
    ] as const) {
      ensureOption(sel, value);
      sel.value = value ?? '';
    }
    districtByHand = district.value !== '' && district.value !== defaultDistrict(municipality.value);
    setLanguages(p?.languages ?? []);

    if (p) {
      title.textContent = pilotName(p) || 'Lotse';
      showStatus(p.status);
      metaLine.textContent = `Angelegt am ${formatDate(p.created_at)} · zuletzt geändert am ${formatDate(p.updated_at)}`;
      metaLine.hidden = !p.created_at;
    } else {
      title.textContent = 'Neuer Lotse';
      statusLine.hidden = true;
      replace(statusLine);
      metaLine.hidden = true;
    }
  }

  function showStatus(status: StatusCode): void {
    replace(statusLine, 'Status: ', h('strong', {}, statusLabel(ref, status)));
    statusLine.hidden = false;
  }

  function showDistrict(name: string | null): void {
    ensureOption(district, name);
    district.value = name ?? '';
    districtByHand = district.value !== '' && district.value !== defaultDistrict(municipality.value);
  }

  function readForm(): PilotInput {
    const val = (key: PilotField) => ctl<Control>(key).value.trim();
    const orNull = (s: string) => (s === '' ? null : s);
    const birthRaw = val('birth_date');
    const languages = languageInputs().filter((b) => b.checked).map((b) => b.value);
    const pending = newLanguage.value.trim();
    if (pending !== '' && !languages.some((l) => l.toLocaleLowerCase('de') === pending.toLocaleLowerCase('de'))) {
      languages.push(pending); // typed but "Hinzufügen" not pressed: still meant
    }
    return {
      first_name: val('first_name'),
      last_name: val('last_name'),
      // A date that does not parse is passed on as typed, so validation can name it.
      birth_date: birthRaw === '' ? null : parseGermanDate(birthRaw) ?? birthRaw,
      street: val('street'),
      postcode: val('postcode'),
      town: val('town'),
      municipality: orNull(val('municipality')),
      district: orNull(val('district')),
      phone: val('phone'),
      email: val('email'),
      languages,
      recruitment_source: orNull(val('recruitment_source')),
      account_holder: val('account_holder'),
      iban: normalizeIban(val('iban')),
      bic: val('bic').replace(/\s+/g, '').toUpperCase(),
      notes: ctl<HTMLTextAreaElement>('notes').value.trim(),
    };
  }

  fillForm(null);

  return {
    element,
    get pilotId() {
      return pilotId;
    },
    readForm,
    fillForm,
    showErrors,
    clearErrors,
    focusFirstError,
    focusFirstField: () => ctl<HTMLInputElement>('first_name').focus(),
    showDuplicates,
    hideDuplicates,
    duplicatesShown: () => !duplicateBox.hidden,
    showStatus,
    showDistrict,
  };
}
