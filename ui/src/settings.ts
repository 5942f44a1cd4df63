// The "Einstellungen" screen: lifecycle periods and pass mark, the traffic-light thresholds, the letterhead
// of printed documents, the name of the person at the desk (recorded as "who" in histories); below the
// form, the former districts and the municipality mapping, which save on their own (referenceSettings.ts).
import * as api from './api';
import { h } from './dom';
import { FIELD_MESSAGES, FieldErrors, reportSaveError, integerInput, labelled, readInteger, textInput } from './fields';
import { createReferenceSettings } from './referenceSettings';
import type { Screen, ScreenContext } from './screen';
import type { CoverageSettings, Letterhead, LifecycleSettings, Settings } from './types';

export const LIFECYCLE_LABELS: Record<keyof LifecycleSettings, string> = {
  certificate_max_age_months: 'Höchstalter des Zeugnisses bei Vorlage (Monate)',
  reinspection_years: 'Wiedervorlage nach (Jahren)',
  warning_days: 'Vorwarnung (Tage)',
  pass_mark_percent: 'Bestehensgrenze Abschlusstest (%)',
  refresher_months: 'Auffrischung fällig nach (Monaten)',
  qualified_waiting_days: 'Qualifiziert, aber nicht berufen: Hinweis nach (Tagen)',
  letter_followup_days: 'Bestätigungsschreiben ohne Vorlage: Hinweis nach (Tagen)',
};

export const COVERAGE_LABELS: Record<keyof CoverageSettings, string> = {
  green_percent: 'Grün ab (% des Solls)',
  amber_percent: 'Gelb ab (% des Solls)',
};

export const LETTERHEAD_LABELS: Record<keyof Letterhead, string> = {
  authority: 'Behörde',
  department: 'Amt/Stelle',
  street: 'Straße',
  postcode_town: 'PLZ und Ort',
  phone: 'Telefon',
  email: 'E-Mail',
  place: 'Ort für Datumszeile',
  signer_name: 'Unterzeichnende/r',
  signer_title: 'Funktion',
  footer: 'Fußzeile',
};

export const DESK_USER_LABEL = 'Name der Person am Arbeitsplatz (wird in Verläufen als „wer“ vermerkt)';

const LIFECYCLE_KEYS = Object.keys(LIFECYCLE_LABELS) as (keyof LifecycleSettings)[];
const LETTERHEAD_KEYS = Object.keys(LETTERHEAD_LABELS) as (keyof Letterhead)[];
const COVERAGE_KEYS = Object.keys(COVERAGE_LABELS) as (keyof CoverageSettings)[];

/** Backend field key → control id: set-<key> for the numbers and the desk user, lh-<key> for the letterhead. */
const FIELD_IDS: Record<string, string> = {
  ...Object.fromEntries(LIFECYCLE_KEYS.map((k) => [k, `set-${k}`])),
  ...Object.fromEntries(COVERAGE_KEYS.map((k) => [k, `set-${k}`])),
  ...Object.fromEntries(LETTERHEAD_KEYS.map((k) => [k, `lh-${k}`])),
  desk_user: 'set-desk_user',
};

export function mountSettings(container: HTMLElement, ctx: ScreenContext): Screen {
  let loaded: Settings | null = null;
  let busy = false;

  const numbers = new Map<keyof LifecycleSettings, HTMLInputElement>();
  const thresholds = new Map<keyof CoverageSettings, HTMLInputElement>();
  const letterhead = new Map<keyof Letterhead, HTMLInputElement>();
  const deskUser = textInput({ maxlength: 100 });

  const lifecycleSet = h('fieldset', { class: 'settings-group' }, h('legend', {}, 'Fristen und Bewertung'));
  for (const key of LIFECYCLE_KEYS) {
    const input = integerInput();
    numbers.set(key, input);
    lifecycleSet.append(labelled(FIELD_IDS[key], LIFECYCLE_LABELS[key], input, 'narrow'));
  }
  const coverageSet = h('fieldset', { class: 'settings-group' }, h('legend', {}, 'Ampel'));
  for (const key of COVERAGE_KEYS) {
    const input = integerInput();
    thresholds.set(key, input);
    coverageSet.append(labelled(FIELD_IDS[key], COVERAGE_LABELS[key], input, 'narrow'));
  }
  coverageSet.append(h('p', { class: 'hint' }, 'Abdeckung der Altkreise: einsatzbereite Lotsen im Verhältnis zum Soll. Darunter: rot.'));
  const letterheadSet = h('fieldset', { class: 'settings-group' }, h('legend', {}, 'Briefkopf'));
  for (const key of LETTERHEAD_KEYS) {
    const input = textInput({ maxlength: key === 'footer' ? 500 : 200 });
    letterhead.set(key, input);
    letterheadSet.append(labelled(FIELD_IDS[key], LETTERHEAD_LABELS[key], input));
  }
  const deskSet = h('fieldset', { class: 'settings-group' }, h('legend', {}, 'Arbeitsplatz'), labelled(FIELD_IDS.desk_user, DESK_USER_LABEL, deskUser));

  const saveButton = h('button', { type: 'submit', id: 'save-settings', class: 'primary', disabled: true }, 'Speichern');
  const form = h(
    'form',
    { id: 'settings-form', class: 'settings-form', novalidate: true, autocomplete: 'off', 'aria-labelledby': 'einstellungen-title' },
    h('div', { class: 'settings-groups' }, lifecycleSet, letterheadSet, h('div', { class: 'settings-column' }, coverageSet, deskSet)),
    h('div', { class: 'form-actions' }, saveButton),
  );
  const errors = new FieldErrors(form, FIELD_IDS);
  const reference = createReferenceSettings(ctx);
  const element = h(
    'section',
    { id: 'screen-einstellungen', class: 'screen screen-einstellungen', 'aria-labelledby': 'einstellungen-title' },
    h('h2', { id: 'einstellungen-title', class: 'screen-title' }, 'Einstellungen'),
    h('div', { class: 'settings-scroll' }, form, reference.element),
  );
  container.append(element);

  function fill(s: Settings): void {
    loaded = s;
    errors.clear();
    for (const [key, input] of numbers) input.value = String(s.lifecycle[key] ?? '');
    for (const [key, input] of thresholds) input.value = String(s.coverage?.[key] ?? '');
    for (const [key, input] of letterhead) input.value = s.letterhead[key] ?? '';
    deskUser.value = s.desk_user ?? '';
    saveButton.disabled = false;
  }

  /** The form as Settings, or null after showing the numbers that cannot be read. */
  function read(): Settings | null {
    errors.clear();
    const lifecycle: Partial<LifecycleSettings> = {};
    for (const [key, input] of numbers) {
      const n = readInteger(input);
      if (n === null) errors.set(key, FIELD_MESSAGES.missing(LIFECYCLE_LABELS[key]));
      else if (n === undefined) errors.set(key, FIELD_MESSAGES.notAWholeNumber(LIFECYCLE_LABELS[key]));
      else lifecycle[key] = n;
    }
    const coverage: Partial<CoverageSettings> = {};
    for (const [key, input] of thresholds) {
      const n = readInteger(input);
      if (n === null) errors.set(key, FIELD_MESSAGES.missing(COVERAGE_LABELS[key]));
      else if (n === undefined) errors.set(key, FIELD_MESSAGES.notAWholeNumber(COVERAGE_LABELS[key]));
      else coverage[key] = n;
    }
    if (errors.any()) {
      errors.focusFirst();
      return null;
    }
    const head = Object.fromEntries(LETTERHEAD_KEYS.map((k) => [k, letterhead.get(k)!.value.trim()])) as unknown as Letterhead;
    return {
      // Keys this form does not edit travel back unchanged.
      ...loaded!,
      lifecycle: lifecycle as LifecycleSettings,
      coverage: coverage as CoverageSettings,
      letterhead: head,
      desk_user: deskUser.value.trim(),
    };
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy || !loaded) return;
    ctx.clearError();
    const settings = read();
    if (!settings) return;
    busy = true;
    form.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        fill(await api.saveSettings(settings));
        ctx.toast('Einstellungen gespeichert.');
      } catch (e) {
        reportSaveError(api.toAppError(e), errors, ctx.showError);
      } finally {
        busy = false;
        form.removeAttribute('aria-busy');
      }
    })();
  });

  async function refresh(): Promise<void> {
    const settings = (async () => {
      try {
        fill(await api.getSettings());
      } catch (e) {
        ctx.showError(`Die Einstellungen konnten nicht geladen werden: ${api.toAppError(e).message}`);
      }
    })();
    await Promise.all([settings, reference.refresh()]);
  }

  return { element, refresh };
}
