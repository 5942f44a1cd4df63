// The "Führungszeugnis" tab: the derived state, and the screening record (letter, certificate date,
// inspection, result). Only these facts are kept, never a copy or the content of the certificate.
import * as api from '../../backend/api';
import { formElement, h, options, replace } from '../../shared/dom';
import { FIELD_MESSAGES, FieldErrors, reportSaveError, dateInput, labelled, readDate, textInput } from '../../shared/fields';
import { formatDate } from '../../shared/format';
import { facts, printDocument, type RecordDeps, type RecordPanel } from './recordPanel';
import type { PilotRecord, ScreeningField, ScreeningInput, ScreeningRecord, ScreeningResult } from '../../backend/types';

export const PRIVACY_NOTICE =
  'Es wird keine Kopie und kein Inhalt des Führungszeugnisses gespeichert – nur Datum, Einsicht und Ergebnis.';

export const deletedText = (iso: string) => `Führungszeugnis-Daten gelöscht am ${formatDate(iso)} (§ 30a BZRG)`;
export const deletionDueText = (iso: string) => `Wird gelöscht am ${formatDate(iso)} (§ 30a BZRG)`;

const DATE_FIELDS: { key: 'letter_issued_on' | 'certificate_dated' | 'inspected_on'; label: string }[] = [
  { key: 'letter_issued_on', label: 'Bestätigungsschreiben ausgestellt am' },
  { key: 'certificate_dated', label: 'Zeugnis ausgestellt am' },
  { key: 'inspected_on', label: 'Eingesehen am' },
];

const FIELD_IDS: Record<ScreeningField, string> = {
  letter_issued_on: 's-letter_issued_on',
  certificate_dated: 's-certificate_dated',
  inspected_on: 's-inspected_on',
  inspected_by: 's-inspected_by',
  result: 's-result',
};

export function createScreeningPanel(deps: RecordDeps): RecordPanel {
  const { ctx } = deps;
  let record: PilotRecord | null = null;
  /** The record the form edits; null while a new one is entered. */
  let editing: ScreeningRecord | null = null;
  /** "Eingesehen von" holds the desk user as a suggestion that nobody has touched yet. */
  let inspectorSuggested = false;
  let busy = false;

  // ---- state ---------------------------------------------------------------------------------
  const summary = h('div', { class: 'record-summary' });
  // § 30a BZRG: screening data of a pilot who left is deleted; the page says when (or that it was).
  const deleted = h('p', { id: 'screening-deleted', class: 'notice deletion-notice', role: 'note', hidden: true });
  const deletionDue = h('p', { id: 'screening-deletion-due', class: 'notice warning-line deletion-notice', role: 'note', hidden: true });

  // ---- form ----------------------------------------------------------------------------------
  const dates = Object.fromEntries(DATE_FIELDS.map((f) => [f.key, dateInput()])) as Record<(typeof DATE_FIELDS)[number]['key'], HTMLInputElement>;
  const inspectedBy = textInput({ maxlength: 200 });
  const result = h('select', {});
  result.append(
    ...options([
      { value: '', label: 'noch offen' },
      ...ctx.reference.screening_results.map((r) => ({ value: r.code, label: r.label })),
    ]),
  );
  const formTitle = h('h3', { id: 'screening-form-title' }, 'Vorlage');
  const saveButton = h('button', { type: 'submit', id: 'save-screening', class: 'primary' }, 'Speichern');
  const newButton = h('button', { type: 'button', id: 'new-screening', class: 'secondary' }, 'Neue Vorlage erfassen');
  const discardButton = h('button', { type: 'button', id: 'discard-screening', class: 'secondary', hidden: true }, 'Verwerfen');
  const printButton = h('button', { type: 'button', id: 'print-efz-letter', class: 'secondary' }, 'Bestätigungsschreiben drucken');

  const form = formElement(
    { id: 'screening-form', class: 'record-form', 'aria-labelledby': 'screening-form-title' },
    formTitle,
    h('div', { class: 'field-row' }, labelled(FIELD_IDS.letter_issued_on, DATE_FIELDS[0].label, dates.letter_issued_on)),
    h(
      'div',
      { class: 'field-row' },
      labelled(FIELD_IDS.certificate_dated, DATE_FIELDS[1].label, dates.certificate_dated),
      labelled(FIELD_IDS.inspected_on, DATE_FIELDS[2].label, dates.inspected_on),
    ),
    h('div', { class: 'field-row' }, labelled(FIELD_IDS.inspected_by, 'Eingesehen von', inspectedBy), labelled(FIELD_IDS.result, 'Ergebnis', result)),
    h('div', { class: 'button-row' }, saveButton, newButton, discardButton),
  );
  const errors = new FieldErrors(form, FIELD_IDS);

  const element = h(
    'section',
    { class: 'record-section', 'aria-label': 'Führungszeugnis' },
    h('p', { id: 'screening-notice', class: 'notice', role: 'note' }, PRIVACY_NOTICE),
    deleted,
    deletionDue,
    summary,
    form,
    h('div', { class: 'button-row documents' }, printButton),
  );

  inspectedBy.addEventListener('input', () => {
    inspectorSuggested = false;
  });

  function showState(r: PilotRecord): void {
    deleted.textContent = r.screening_deleted_on ? deletedText(r.screening_deleted_on) : '';
    deleted.hidden = !r.screening_deleted_on;
    deletionDue.textContent = r.screening_deletion_due_on ? deletionDueText(r.screening_deletion_due_on) : '';
    deletionDue.hidden = !r.screening_deletion_due_on;
    replace(
      summary,
      facts([
        ['Stand', h('span', { class: `state-badge screening-${r.screening_state.code}` }, r.screening_state.label), 'screening-state'],
        ['Hinweis', r.screening_reason ?? '—', 'screening-reason'],
        ['Wiedervorlage am', r.reinspection_on ? formatDate(r.reinspection_on) : '—', 'screening-reinspection'],
      ]),
    );
  }

  function fill(s: ScreeningRecord | null): void {
    editing = s;
    errors.clear();
    for (const f of DATE_FIELDS) dates[f.key].value = formatDate(s?.[f.key] ?? null);
    result.value = s?.result ?? '';
    inspectedBy.value = s?.inspected_by ?? '';
    inspectorSuggested = inspectedBy.value.trim() === '' && deps.deskUser() !== '';
    if (inspectorSuggested) inspectedBy.value = deps.deskUser();
    const current = record?.screening ?? null;
    formTitle.textContent = s ? 'Aktuelle Vorlage' : current ? 'Neue Vorlage' : 'Vorlage erfassen';
    newButton.hidden = s === null; // only useful while the current record is shown
    discardButton.hidden = !(s === null && current !== null);
  }

  /** The form as ScreeningInput, or null after showing what cannot be read. */
  function read(): ScreeningInput | null {
    errors.clear();
    const values: Partial<Record<(typeof DATE_FIELDS)[number]['key'], string | null>> = {};
    for (const f of DATE_FIELDS) {
      const iso = readDate(dates[f.key]);
      if (iso === undefined) errors.set(f.key, FIELD_MESSAGES.notADate(f.label));
      else values[f.key] = iso;
    }
    if (errors.any()) {
      errors.focusFirst();
      return null;
    }
    const inspectedOn = values.inspected_on ?? null;
    // An untouched suggestion is not an inspection: without its date, "Eingesehen von" stays empty.
    const who = inspectorSuggested && inspectedOn === null ? '' : inspectedBy.value.trim();
    return {
      letter_issued_on: values.letter_issued_on ?? null,
      certificate_dated: values.certificate_dated ?? null,
      inspected_on: inspectedOn,
      inspected_by: who,
      result: result.value === '' ? null : (result.value as ScreeningResult),
    };
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy || !record) return;
    ctx.clearError();
    const input = read();
    if (!input) return;
    const pilotId = record.pilot.id;
    const screeningId = editing?.id ?? null;
    busy = true;
    form.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        const updated = await api.saveScreening(pilotId, screeningId, input);
        ctx.toast('Führungszeugnis gespeichert.');
        deps.update(updated, 'efz');
      } catch (e) {
        reportSaveError(api.toAppError(e), errors, ctx.showError);
      } finally {
        busy = false;
        form.removeAttribute('aria-busy');
      }
    })();
  });

  newButton.addEventListener('click', () => {
    fill(null);
    dates.letter_issued_on.focus();
  });
  discardButton.addEventListener('click', () => {
    fill(record?.screening ?? null);
    saveButton.focus();
  });
  printButton.addEventListener('click', () => {
    if (record) void printDocument(ctx, record.pilot.id, 'efz_letter', printButton);
  });

  return {
    element,
    show(r: PilotRecord, refill: boolean): void {
      const samePilot = record?.pilot.id === r.pilot.id;
      record = r;
      showState(r);
      if (refill || !samePilot) fill(r.screening);
    },
  };
}
