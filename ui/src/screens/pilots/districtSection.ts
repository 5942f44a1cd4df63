// The former district (Altkreis) on a pilot's Status tab: the current one, its history with the day each
// change took effect, and the form for a move. Coverage and pay figures of a past day use the district of
// that day; the backend checks the change (known district, not in the future, not before the last change).
import * as api from '../../backend/api';
import { formElement, h, options, replace } from '../../shared/dom';
import { FIELD_MESSAGES, FieldErrors, dateInput, labelled, readDate, reportSaveError, textInput } from '../../shared/fields';
import { formatDate } from '../../shared/format';
import { facts, type RecordDeps } from './recordPanel';
import type { DistrictChange, PilotRecord } from '../../backend/types';

const LABELS = { district: 'Neuer Altkreis', effective_on: 'Wirksam ab', note: 'Notiz' } as const;

const FIELD_IDS = { district: 'd-district', effective_on: 'd-effective_on', note: 'd-note' } as const;

export interface DistrictSection {
  element: HTMLElement;
  show(record: PilotRecord, refill: boolean): void;
}

export function createDistrictSection(deps: RecordDeps): DistrictSection {
  const { ctx } = deps;
  let record: PilotRecord | null = null;
  let busy = false;

  const current = h('div', { class: 'record-summary' });
  const body = h('tbody', {});
  const table = h(
    'table',
    { id: 'district-history', class: 'data-table compact' },
    h('caption', { class: 'visually-hidden' }, 'Altkreis-Verlauf'),
    h('thead', {}, h('tr', {}, ...['Wirksam ab', 'Von', 'Nach', 'Notiz', 'Wer'].map((t) => h('th', { scope: 'col' }, t)))),
    body,
  );

  const district = h('select', {});
  district.append(...options([{ value: '', label: '— bitte wählen —' }, ...ctx.reference.districts.map((d) => ({ value: d.name, label: d.name }))]));
  const on = dateInput();
  const note = textInput({ maxlength: 500 });
  const form = formElement(
    { id: 'district-form', class: 'record-form', 'aria-labelledby': 'district-form-title' },
    h('h4', { id: 'district-form-title' }, 'Altkreis wechseln'),
    h(
      'div',
      { class: 'field-row three' },
      labelled(FIELD_IDS.district, LABELS.district, district),
      labelled(FIELD_IDS.effective_on, LABELS.effective_on, on),
      labelled(FIELD_IDS.note, LABELS.note, note),
    ),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', id: 'save-district', class: 'secondary' }, 'Wechsel speichern')),
  );
  const errors = new FieldErrors(form, FIELD_IDS);

  const element = h(
    'div',
    { class: 'district-section' },
    h('h3', {}, 'Altkreis'),
    current,
    h('div', { class: 'table-wrap inline' }, table),
    h(
      'p',
      { class: 'hint' },
      'Ein Umzug wird hier mit dem Tag eingetragen, ab dem er gilt. Das Feld „Altkreis“ in den Stammdaten berichtigt nur den aktuellen Eintrag.',
    ),
    form,
  );

  function row(c: DistrictChange): HTMLTableRowElement {
    return h(
      'tr',
      {},
      h('td', {}, formatDate(c.effective_on)),
      h('td', {}, c.from ?? '—'),
      h('td', {}, c.to ?? '—'),
      h('td', {}, c.note),
      h('td', {}, c.who),
    );
  }

  function reset(): void {
    errors.clear();
    district.value = '';
    on.value = formatDate(ctx.today());
    note.value = '';
  }

  function show(r: PilotRecord, refill: boolean): void {
    record = r;
    replace(current, facts([['Aktueller Altkreis', r.pilot.district ?? '—', 'rec-district']]));
    replace(body);
    const rows = [...r.district_history].sort((a, b) => b.effective_on.localeCompare(a.effective_on) || b.seq - a.seq);
    if (rows.length === 0) body.append(h('tr', { class: 'empty' }, h('td', { colspan: 5 }, 'Kein Wechsel eingetragen.')));
    for (const c of rows) body.append(row(c));
    if (refill) reset();
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy || !record) return;
    ctx.clearError();
    errors.clear();
    if (district.value === '') errors.set('district', FIELD_MESSAGES.missing(LABELS.district));
    const date = readDate(on);
    if (date === null) errors.set('effective_on', FIELD_MESSAGES.missing(LABELS.effective_on));
    else if (date === undefined) errors.set('effective_on', FIELD_MESSAGES.notADate(LABELS.effective_on));
    if (errors.any() || !date) {
      errors.focusFirst();
      return;
    }
    const id = record.pilot.id;
    const to = district.value;
    busy = true;
    form.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        const updated = await api.changeDistrict(id, { district: to, on: date, note: note.value.trim() });
        deps.update(updated, 'status');
        ctx.toast(`Altkreis geändert: ${to} ab ${formatDate(date)}.`);
      } catch (e) {
        reportSaveError(api.toAppError(e), errors, ctx.showError);
      } finally {
        busy = false;
        form.removeAttribute('aria-busy');
      }
    })();
  });

  return { element, show };
}
