// Part of the Einstellungen screen: the task areas of the activity record (Wohnen, Orientierung, Teilhabe,
// Arbeit, Sonstiges by default). Each row saves on its own: rename, or take out of the choice (an area in
// use is never deleted, old records keep it); a new area goes at the end.
import * as api from '../../backend/api';
import { formElement, h, replace } from '../../shared/dom';
import { FIELD_MESSAGES, FieldErrors, labelled, labelledCheckbox, reportSaveError, textInput } from '../../shared/fields';
import type { ScreenContext } from '../../app/screen';
import type { TaskArea } from '../../backend/types';

export interface TaskAreaSettings {
  element: HTMLElement;
  refresh: () => Promise<void>;
}

export function createTaskAreaSettings(ctx: ScreenContext): TaskAreaSettings {
  const rows = h('div', { class: 'district-rows task-area-rows' });
  const element = h(
    'section',
    { id: 'task-areas', class: 'reference-settings', 'aria-labelledby': 'task-areas-title' },
    h('h3', { id: 'task-areas-title', class: 'section-title' }, 'Aufgabenbereiche (Tätigkeitsnachweis)'),
    h('p', { class: 'hint' }, 'Die Bereiche, die ein Tätigkeitsnachweis nennen kann. Ein nicht mehr angebotener Bereich bleibt in alten Nachweisen erhalten.'),
    rows,
  );

  function row(area: TaskArea | null): HTMLElement {
    const key = area ? String(area.id) : 'new';
    const nameId = `area-name-${key}`;
    const activeId = `area-active-${key}`;
    const name = textInput({ maxlength: 40, value: area?.name ?? '' });
    const active = h('input', { type: 'checkbox', checked: area?.active ?? true });
    const save = h('button', { type: 'submit', id: `save-area-${key}`, class: 'secondary' }, area ? 'Speichern' : 'Hinzufügen');
    const form = formElement(
      { class: 'district-row', 'data-area-id': area?.id ?? null, 'aria-label': area ? `Aufgabenbereich ${area.name}` : 'Neuer Aufgabenbereich' },
      labelled(nameId, area ? 'Name' : 'Neuer Bereich', name, 'district-name'),
      area ? labelledCheckbox(activeId, 'angeboten', active) : null,
      h('div', { class: 'row-action' }, save),
    );
    const errors = new FieldErrors(form, { name: nameId });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      ctx.clearError();
      errors.clear();
      if (name.value.trim() === '') {
        errors.set('name', FIELD_MESSAGES.missing('Name'));
        errors.focusFirst();
        return;
      }
      void (async () => {
        try {
          render(await api.saveTaskArea({ id: area?.id ?? null, name: name.value, active: area ? active.checked : true }));
          ctx.toast('Aufgabenbereiche gespeichert.');
        } catch (e) {
          reportSaveError(api.toAppError(e), errors, ctx.showError);
        }
      })();
    });
    return form;
  }

  function render(list: TaskArea[]): void {
    replace(rows, ...list.map(row), row(null));
  }

  return {
    element,
    async refresh(): Promise<void> {
      try {
        render(await api.taskAreas());
      } catch (e) {
        ctx.showError(`Die Aufgabenbereiche konnten nicht geladen werden: ${api.toAppError(e).message}`);
      }
    },
  };
}
