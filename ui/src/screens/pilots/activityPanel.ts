// The "Einsätze" tab of a pilot's page: the activity record (Tätigkeitsnachweis) per month — contacts,
// hours, task areas, people and families supported, a short note — and the form to record a month.
// Counts only: the form says why no names are recorded. Loaded when the tab is first shown for a pilot.
import * as api from '../../backend/api';
import { formElement, h, replace } from '../../shared/dom';
import { ACTIVITY_LABELS as L, NO_NAMES_NOTE, hoursText } from '../../shared/activity';
import { FIELD_MESSAGES, FieldErrors, integerInput, labelled, reportSaveError, textInput } from '../../shared/fields';
import { isMonth, monthName, previousMonth } from '../../shared/format';
import type { RecordDeps, RecordPanel } from './recordPanel';
import type { ActivityRecord, PilotRecord, TaskArea } from '../../backend/types';

const FIELDS: Record<string, string> = {
  month: 'a-month',
  contacts: 'a-contacts',
  hours: 'a-hours',
  people: 'a-people',
  families: 'a-families',
  areas: 'a-areas',
  note: 'a-note',
};

export function createActivityPanel(deps: RecordDeps): RecordPanel {
  const { ctx } = deps;
  let pilotId: number | null = null;
  let loadedFor: number | null = null;
  let loadSeq = 0;
  let saving = false;
  let records: ActivityRecord[] = [];
  let areas: TaskArea[] = [];

  const listBody = h('tbody', {});
  const table = h(
    'table',
    { id: 'activity-table', class: 'data-table compact activity-table' },
    h('caption', { class: 'visually-hidden' }, 'Tätigkeitsnachweise des Lotsen'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Monat'),
        h('th', { scope: 'col', class: 'num' }, L.contacts),
        h('th', { scope: 'col', class: 'num' }, L.hours),
        h('th', { scope: 'col', class: 'num' }, L.people),
        h('th', { scope: 'col', class: 'num' }, L.families),
        h('th', { scope: 'col' }, L.areas),
        h('th', { scope: 'col' }, L.note),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Aktion')),
      ),
    ),
    listBody,
  );

  const month = textInput({ maxlength: 7, placeholder: 'JJJJ-MM', inputmode: 'numeric', class: 'month-input' });
  const contacts = integerInput();
  const hours = textInput({ inputmode: 'decimal', maxlength: 6, placeholder: 'z. B. 2,5', class: 'number-input' });
  const people = integerInput();
  const families = integerInput();
  const note = textInput({ maxlength: 200 });
  const areaBox = h('div', { id: 'a-areas', class: 'area-choices', role: 'group', 'aria-labelledby': 'a-areas-label', tabindex: -1 });
  const saveButton = h('button', { type: 'submit', id: 'save-activity', class: 'primary' }, 'Nachweis speichern');
  const form = formElement(
    { id: 'activity-form', class: 'record-form', 'aria-labelledby': 'activity-form-title' },
    h('h4', { id: 'activity-form-title' }, 'Monat erfassen'),
    h('p', { id: 'activity-no-names', class: 'hint' }, NO_NAMES_NOTE),
    h(
      'div',
      { class: 'field-row' },
      labelled(FIELDS.month, L.month, month, 'month-field'),
      labelled(FIELDS.contacts, L.contacts, contacts, 'narrow'),
      labelled(FIELDS.hours, L.hours, hours, 'narrow'),
      labelled(FIELDS.people, L.people, people, 'narrow'),
      labelled(FIELDS.families, L.families, families, 'narrow'),
    ),
    h(
      'div',
      { class: 'field' },
      h('span', { id: 'a-areas-label', class: 'label' }, L.areas),
      areaBox,
      h('p', { id: 'err-a-areas', class: 'field-error', 'aria-live': 'polite' }),
    ),
    labelled(FIELDS.note, L.note, note),
    h('div', { class: 'button-row' }, saveButton),
  );
  const errors = new FieldErrors(form, FIELDS);

  const element = h(
    'section',
    { class: 'record-section', 'aria-label': 'Einsätze' },
    h('h3', {}, 'Tätigkeitsnachweise'),
    h('div', { class: 'table-wrap inline' }, table),
    form,
  );

  function renderAreas(checked: string[]): void {
    const shown = [...areas.filter((a) => a.active).map((a) => a.name)];
    for (const name of checked) if (!shown.includes(name)) shown.push(name);
    replace(
      areaBox,
      ...shown.map((name, i) => {
        const box = h('input', { type: 'checkbox', id: `a-area-${i}`, value: name, checked: checked.includes(name) });
        return h('span', { class: 'checkbox' }, box, h('label', { for: `a-area-${i}` }, name));
      }),
    );
  }

  function fill(r: ActivityRecord | null, m: string): void {
    errors.clear();
    month.value = m;
    contacts.value = r ? String(r.contacts) : '';
    hours.value = r ? hoursText(r.minutes) : '';
    people.value = r ? String(r.people) : '';
    families.value = r ? String(r.families) : '';
    note.value = r?.note ?? '';
    renderAreas(r?.areas ?? []);
  }

  function render(): void {
    replace(
      listBody,
      ...(records.length === 0
        ? [h('tr', { class: 'empty' }, h('td', { colspan: 8 }, 'Noch keine Tätigkeitsnachweise.'))]
        : records.map((r) =>
            h(
              'tr',
              { 'data-month': r.month },
              h('td', {}, monthName(ctx.reference, r.month)),
              h('td', { class: 'num' }, String(r.contacts)),
              h('td', { class: 'num' }, hoursText(r.minutes) || '—'),
              h('td', { class: 'num' }, String(r.people)),
              h('td', { class: 'num' }, String(r.families)),
              h('td', {}, r.areas.join(', ') || '—'),
              h('td', {}, r.note),
              h(
                'td',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link',
                    'aria-label': `${monthName(ctx.reference, r.month)} bearbeiten`,
                    onclick: () => {
                      fill(r, r.month);
                      contacts.focus();
                    },
                  },
                  'Bearbeiten',
                ),
              ),
            ),
          )),
    );
  }

  async function load(): Promise<void> {
    if (pilotId === null) return;
    const id = pilotId;
    const mine = ++loadSeq;
    try {
      const [list, offered] = await Promise.all([api.pilotActivity(id), api.taskAreas()]);
      if (mine !== loadSeq || id !== pilotId) return;
      loadedFor = id;
      records = list;
      areas = offered;
      render();
      fill(null, month.value || previousMonth(ctx.today()));
    } catch (e) {
      if (mine !== loadSeq) return;
      ctx.showError(`Die Tätigkeitsnachweise konnten nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (saving || pilotId === null) return;
    ctx.clearError();
    errors.clear();
    const m = month.value.trim();
    if (m === '') errors.set('month', FIELD_MESSAGES.missing(L.month));
    else if (!isMonth(m)) errors.set('month', `„${L.month}“ ist kein gültiger Monat, z. B. 2026-10.`);
    if (contacts.value.trim() === '') errors.set('contacts', FIELD_MESSAGES.missing(L.contacts));
    if (errors.any()) {
      errors.focusFirst();
      return;
    }
    const id = pilotId;
    const checked = [...areaBox.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);
    saving = true;
    form.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        const saved = await api.recordActivity({
          pilot_id: id,
          month: m,
          contacts: contacts.value,
          hours: hours.value,
          areas: checked,
          people: people.value,
          families: families.value,
          note: note.value,
        });
        records = [saved, ...records.filter((r) => r.month !== saved.month)].sort((a, b) => b.month.localeCompare(a.month));
        render();
        ctx.toast(`Tätigkeitsnachweis ${monthName(ctx.reference, saved.month)} gespeichert.`);
        fill(saved, saved.month);
      } catch (e) {
        reportSaveError(api.toAppError(e), errors, ctx.showError);
      } finally {
        saving = false;
        form.removeAttribute('aria-busy');
      }
    })();
  });

  return {
    element,
    show(r: PilotRecord): void {
      if (pilotId === r.pilot.id) return;
      pilotId = r.pilot.id;
      loadedFor = null;
      loadSeq++;
      records = [];
      month.value = '';
      replace(listBody, h('tr', { class: 'empty' }, h('td', { colspan: 8 }, 'Wird geladen …')));
    },
    activate(): void {
      if (pilotId !== null && loadedFor !== pilotId) void load();
    },
  };
}
