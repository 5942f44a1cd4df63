// Part of the Einstellungen screen: the values with "gültig ab" (rate, cap, partial months, timing,
// eFZ and test periods). A month is computed with the values in force in it, so such a value is never
// changed in place: a new value gets its "gültig ab" date, and the history of every key stays visible.
// The backend reads the value as typed and decides (amounts strictly, allowance values from a first
// of a month); its errors are shown at the field.
import * as api from '../../backend/api';
import { h, options, replace } from '../../shared/dom';
import { FieldErrors, labelled, textInput } from '../../shared/fields';
import { formatDate } from '../../shared/format';
import type { ScreenContext } from '../../app/screen';
import type { SettingView } from '../../backend/types';

export interface DatedSettings {
  element: HTMLElement;
  refresh: () => Promise<void>;
}

export function createDatedSettings(ctx: ScreenContext): DatedSettings {
  const keySelect = h('select', {}) as HTMLSelectElement;
  const value = textInput({ maxlength: 40 });
  const from = textInput({ inputmode: 'numeric', maxlength: 10, placeholder: 'TT.MM.JJJJ' });
  const apply = h('button', { type: 'button', id: 'dated-apply' }, 'Übernehmen');
  const body = h('tbody', { id: 'dated-history' });
  const form = h(
    'fieldset',
    { id: 'dated-group', class: 'settings-group' },
    h('legend', {}, 'Werte mit Gültigkeit'),
    h(
      'p',
      { class: 'hint' },
      'Ein Monat wird mit den Werten gerechnet, die in ihm gelten. Neue Werte bekommen ein „gültig ab“ (Beträge ab einem Monatsersten); frühere Monate bleiben, wie sie waren.',
    ),
    h(
      'div',
      { class: 'form-row' },
      labelled('dated-key', 'Einstellung', keySelect),
      labelled('dated-value', 'Neuer Wert', value, 'narrow'),
      labelled('dated-from', 'Gültig ab', from, 'narrow'),
      apply,
    ),
    h(
      'div',
      // Scrolls sideways on a narrow window: reachable by keyboard, named for screen readers.
      { class: 'table-wrap inline', tabindex: '0', role: 'region', 'aria-label': 'Verlauf der Werte mit Gültigkeit' },
      h(
        'table',
        { id: 'dated-table', class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, 'Werte mit Gültigkeit und ihr Verlauf'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Einstellung'), h('th', { scope: 'col' }, 'Heute'), h('th', { scope: 'col' }, 'Verlauf'))),
        body,
      ),
    ),
  );
  const errors = new FieldErrors(form, { key: 'dated-key', value: 'dated-value', valid_from: 'dated-from' });

  function show(views: SettingView[]): void {
    const dated = views.filter((v) => v.dated);
    const chosen = keySelect.value;
    replace(keySelect, ...options(dated.map((v) => ({ value: v.key, label: v.label }))));
    keySelect.value = dated.some((v) => v.key === chosen) ? chosen : (dated[0]?.key ?? '');
    replace(
      body,
      ...dated.map((v) =>
        h(
          'tr',
          { 'data-key': v.key },
          h('td', {}, v.label),
          h('td', { class: 'dated-now' }, v.display),
          h(
            'td',
            { class: 'dated-changes' },
            v.history.length === 0
              ? '—'
              : v.history.map((c) => `${c.display} ab ${c.valid_from ? formatDate(c.valid_from) : '—'} (${c.who || 'System'})`).join('; '),
          ),
        ),
      ),
    );
  }

  async function refresh(): Promise<void> {
    try {
      show(await api.settingViews());
    } catch (e) {
      ctx.showError(`Die Werte mit Gültigkeit konnten nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  apply.addEventListener('click', () => {
    errors.clear();
    void (async () => {
      try {
        const v = await api.setSetting(keySelect.value, value.value, from.value);
        ctx.toast(`${v.label}: neuer Wert übernommen.`);
        value.value = '';
        await refresh();
      } catch (e) {
        const err = api.toAppError(e);
        if (err.errors.length > 0) errors.show(err.errors);
        else ctx.showError(err.message);
      }
    })();
  });

  return { element: form, refresh };
}
