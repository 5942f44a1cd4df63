// The "Protokoll" screen (docs/DOMAIN.md#audit): the audit log of every change, newest first, filtered by
// area, days, text and pilot. The log is append-only; this screen only reads it.
import { AUDIT_MAX, AUDIT_PAGE, createAuditTable } from './auditTable';
import * as api from '../../backend/api';
import { formElement, h, options } from '../../shared/dom';
import { dateInput, FIELD_MESSAGES, FieldErrors, integerInput, labelled, readDate, readInteger, reportSaveError, textInput } from '../../shared/fields';
import type { Screen, ScreenContext } from '../../app/screen';
import type { AuditedTable, AuditFilter } from '../../backend/types';

export const AUDIT_LABELS = {
  entity: 'Bereich',
  from: 'Von',
  to: 'Bis',
  text: 'Suche',
  pilot: 'Lotse Nr.',
} as const;

/** Restores of the whole database are logged under this entity (not a table). */
const DATABASE_ENTITY: AuditedTable = { code: 'database', label: 'Datenbank (Wiederherstellung)' };

const FIELD_IDS: Record<string, string> = {
  entity: 'audit-entity',
  from: 'audit-from',
  to: 'audit-to',
  text: 'audit-text',
  pilot_id: 'audit-pilot',
};

export function mountProtokoll(container: HTMLElement, ctx: ScreenContext): Screen {
  let applied: AuditFilter = { entity: null, pilot_id: null, from: null, to: null, text: null };
  let limit = AUDIT_PAGE;
  let tablesLoaded = false;
  let seq = 0;

  const entity = h('select', {});
  entity.append(...options([{ value: '', label: 'Alle' }]));
  const from = dateInput();
  const to = dateInput();
  const text = textInput({ type: 'search', maxlength: 200, placeholder: 'Name, Wert, Vermerk' });
  const pilot = integerInput();
  const apply = h('button', { type: 'submit', id: 'audit-apply', class: 'primary' }, 'Anzeigen');

  const form = formElement(
    { id: 'audit-filter', class: 'toolbar audit-toolbar', role: 'search', 'aria-label': 'Protokoll filtern' },
    labelled(FIELD_IDS.entity, AUDIT_LABELS.entity, entity, 'audit-entity-field'),
    labelled(FIELD_IDS.from, AUDIT_LABELS.from, from, 'audit-date-field'),
    labelled(FIELD_IDS.to, AUDIT_LABELS.to, to, 'audit-date-field'),
    labelled(FIELD_IDS.text, AUDIT_LABELS.text, text, 'audit-text-field'),
    labelled(FIELD_IDS.pilot_id, AUDIT_LABELS.pilot, pilot, 'narrow audit-pilot-field'),
    h('div', { class: 'button-row audit-apply-row' }, apply),
  );
  const errors = new FieldErrors(form, FIELD_IDS);

  const table = createAuditTable({
    id: 'audit-table',
    countId: 'audit-count',
    moreId: 'audit-more',
    caption: 'Protokoll aller Änderungen, die neuesten zuerst',
    onMore: () => {
      limit = Math.min(limit + AUDIT_PAGE, AUDIT_MAX);
      void load();
    },
    onPilot: (id) => ctx.openPilot(id, 'verlauf'),
  });

  const element = h(
    'section',
    { id: 'screen-protokoll', class: 'screen screen-protokoll', 'aria-labelledby': 'protokoll-title' },
    h('h2', { id: 'protokoll-title', class: 'screen-title' }, 'Protokoll'),
    h(
      'p',
      { class: 'hint' },
      'Jede Änderung mit Zeitpunkt, Person und altem und neuem Wert, die neuesten zuerst; Einträge einer Änderung ',
      'stehen zusammen. Das Protokoll kann nicht geändert werden.',
    ),
    form,
    table.element,
  );
  container.append(element);

  /** The filter as typed, or null after showing what cannot be read. */
  function read(): AuditFilter | null {
    errors.clear();
    const f = readDate(from);
    const t = readDate(to);
    const p = readInteger(pilot);
    if (f === undefined) errors.set('from', FIELD_MESSAGES.notADate(AUDIT_LABELS.from));
    if (t === undefined) errors.set('to', FIELD_MESSAGES.notADate(AUDIT_LABELS.to));
    if (f && t && t < f) errors.set('to', '„Bis“ liegt vor „Von“.');
    if (p === undefined) errors.set('pilot_id', FIELD_MESSAGES.notAWholeNumber(AUDIT_LABELS.pilot));
    if (errors.any()) {
      errors.focusFirst();
      return null;
    }
    const search = text.value.trim();
    return {
      entity: entity.value === '' ? null : entity.value,
      pilot_id: p ?? null,
      from: f ?? null,
      to: t ?? null,
      text: search === '' ? null : search,
    };
  }

  async function load(): Promise<void> {
    const mine = ++seq;
    const wanted = limit;
    element.setAttribute('aria-busy', 'true');
    try {
      const entries = await api.auditEntries({ ...applied, limit: wanted });
      if (mine !== seq) return;
      table.show(entries, wanted);
    } catch (e) {
      if (mine !== seq) return;
      const err = api.toAppError(e);
      table.placeholder('Das Protokoll konnte nicht geladen werden.');
      reportSaveError(err, errors, (m) => ctx.showError(`Das Protokoll konnte nicht geladen werden: ${m}`));
    } finally {
      if (mine === seq) element.removeAttribute('aria-busy');
    }
  }

  async function loadTables(): Promise<void> {
    if (tablesLoaded) return;
    try {
      const list = await api.auditedTables();
      const all = list.some((t) => t.code === DATABASE_ENTITY.code) ? list : [...list, DATABASE_ENTITY];
      const chosen = entity.value;
      entity.replaceChildren(...options([{ value: '', label: 'Alle' }, ...all.map((t) => ({ value: t.code, label: t.label }))]));
      entity.value = all.some((t) => t.code === chosen) ? chosen : '';
      tablesLoaded = true;
    } catch (e) {
      ctx.showError(`Die Bereiche des Protokolls konnten nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    ctx.clearError();
    const filter = read();
    if (!filter) return;
    applied = filter;
    limit = AUDIT_PAGE;
    void load();
  });

  table.placeholder('Wird geladen …');

  return {
    element,
    async refresh(): Promise<void> {
      await Promise.all([loadTables(), load()]);
    },
  };
}
