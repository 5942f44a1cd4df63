// The month grid of activity records (Tätigkeitsnachweise) on the Abrechnung screen: every pilot active
// in the month in one row — contacts, hours, people, families — filled with the keyboard alone. Tab moves
// from cell to cell, Enter saves the row and goes down (Shift+Enter up), cells take numbers only, a row is
// saved when it is left changed, and an error shows at its cell. Task areas and the note are kept as the
// pilot's page set them (tab "Einsätze").
import * as api from '../../backend/api';
import { h, replace } from '../../shared/dom';
import { ACTIVITY_LABELS as L, NO_NAMES_NOTE } from '../../shared/activity';
import { FieldErrors, labelled, textInput } from '../../shared/fields';
import { formatCount, isMonth, previousMonth } from '../../shared/format';
import { GRID_COLUMNS, acceptsKey, earlyErrors, enterTarget, rowAction, valuesOf, type GridColumn, type RowValues } from './gridKeys';
import type { ScreenContext } from '../../app/screen';
import type { ActivityMonth, ActivityRow } from '../../backend/types';

interface GridRow {
  row: ActivityRow;
  tr: HTMLTableRowElement;
  cells: Record<GridColumn, HTMLInputElement>;
  /** Where the row stands in the month's list. */
  index: number;
  stored: RowValues;
  errors: FieldErrors;
  state: HTMLElement;
  saving: Promise<void> | null;
}

/** Rows the grid builds at first and adds with "Weitere anzeigen" (a large office has thousands active in a month). */
export const GRID_PAGE = 100;

export interface ActivityGrid {
  element: HTMLElement;
  /** Loads the grid of the month shown (again). */
  refresh(): Promise<void>;
}

export function createActivityGrid(ctx: ScreenContext, changed: () => void): ActivityGrid {
  const month = textInput({ maxlength: 7, placeholder: 'JJJJ-MM', inputmode: 'numeric', class: 'month-input' });
  month.value = previousMonth(ctx.today());
  const show = h('button', { type: 'button', id: 'grid-show', class: 'secondary' }, 'Anzeigen');
  const picker = h('div', { class: 'field-row grid-picker' }, labelled('grid-month', L.month, month, 'month-field'), h('div', { class: 'statement-action' }, show));
  const pickerErrors = new FieldErrors(picker, { month: 'grid-month' });
  const summary = h('p', { id: 'grid-summary', class: 'hint', 'aria-live': 'polite' });
  const body = h('tbody', {});
  const table = h(
    'table',
    { id: 'activity-grid', class: 'data-table compact activity-grid' },
    h('caption', { class: 'visually-hidden' }, 'Tätigkeitsnachweise aller aktiven Lotsen im Monat'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Name'),
        h('th', { scope: 'col' }, 'Altkreis'),
        ...GRID_COLUMNS.map((c) => h('th', { scope: 'col', class: 'num' }, L[c])),
        h('th', { scope: 'col' }, 'Nachweis'),
      ),
    ),
    body,
  );
  const element = h(
    'section',
    { id: 'activity-panel', class: 'panel activity-panel', 'aria-labelledby': 'activity-title' },
    h('div', { class: 'panel-header' }, h('h3', { id: 'activity-title' }, 'Tätigkeitsnachweise')),
    h('p', { class: 'hint' }, 'Tab: nächstes Feld · Enter: Zeile speichern und nach unten · Umschalt+Enter: nach oben. Nur Zahlen; Stunden z. B. 2,5 oder 2:30. Jede Zeile wird beim Verlassen gespeichert.'),
    h('p', { class: 'hint' }, NO_NAMES_NOTE),
    picker,
    summary,
    h('div', { class: 'table-wrap' }, table, more()),
  );

  /** The rows built so far (the first ones of `shown.rows`, in its order). */
  let rows: GridRow[] = [];
  let shown: ActivityMonth | null = null;
  let seq = 0;

  function typed(r: GridRow): RowValues {
    return Object.fromEntries(GRID_COLUMNS.map((c) => [c, r.cells[c].value])) as RowValues;
  }

  function stateText(r: GridRow): void {
    const { row } = r;
    r.tr.classList.toggle('missing', !row.record && !row.waiver && (shown?.required ?? false));
    replace(
      r.state,
      row.record
        ? h('span', { class: 'badge ok' }, 'erfasst')
        : row.waiver
          ? h('span', { class: 'badge' }, `ohne Nachweis: ${row.waiver.reason}`)
          : h('span', { class: shown?.required ? 'badge warning' : 'muted' }, 'Nachweis fehlt'),
    );
  }

  function more(): HTMLButtonElement {
    return h('button', { type: 'button', id: 'grid-more', class: 'secondary more-button', hidden: true }, `Weitere ${GRID_PAGE} anzeigen`);
  }
  const moreButton = element.querySelector<HTMLButtonElement>('#grid-more') as HTMLButtonElement;

  function renderSummary(): void {
    if (!shown) return;
    const all = shown.rows;
    const done = all.filter((r) => r.record).length;
    const part = rows.length < all.length ? ` (${formatCount(rows.length)} angezeigt)` : '';
    summary.textContent = `${shown.label}: ${formatCount(done)} von ${formatCount(all.length)} Lotsen mit Nachweis${part}${shown.required ? ' · Auszahlung nur mit Tätigkeitsnachweis' : ''}.`;
  }

  /** Builds the next rows under those shown; returns the first one added. */
  function showMore(): GridRow | null {
    if (!shown) return null;
    const next = shown.rows.slice(rows.length, rows.length + GRID_PAGE).map((row, i) => buildRow(row, rows.length + i));
    rows.push(...next);
    body.append(...next.map((r) => r.tr));
    moreButton.hidden = rows.length >= shown.rows.length;
    renderSummary();
    return next[0] ?? null;
  }
  moreButton.addEventListener('click', () => (showMore()?.cells.contacts ?? moreButton).focus());

  async function save(r: GridRow): Promise<void> {
    const values = typed(r);
    if (rowAction(r.stored, values, r.row.record !== null) === 'none' || !shown) return;
    r.errors.clear();
    const early = earlyErrors(values);
    for (const [c, m] of Object.entries(early)) r.errors.set(c, m);
    if (r.errors.any()) return;
    r.tr.setAttribute('aria-busy', 'true');
    try {
      const saved = await api.recordActivity({
        pilot_id: r.row.pilot_id,
        month: shown.month,
        contacts: values.contacts,
        hours: values.hours,
        people: values.people,
        families: values.families,
        areas: r.row.record?.areas ?? [],
        note: r.row.record?.note ?? '',
      });
      r.row = { ...r.row, record: saved };
      if (shown) shown.rows[r.index] = r.row;
      r.stored = valuesOf(saved);
      // Show what was stored ("2.5" becomes "2,5"), unless the person typed on meanwhile.
      for (const c of GRID_COLUMNS) if (r.cells[c].value === values[c]) r.cells[c].value = r.stored[c];
      stateText(r);
      renderSummary();
      changed();
    } catch (e) {
      const err = api.toAppError(e);
      const unplaced = err.kind === 'validation' ? r.errors.show(err.errors) : [];
      if (err.kind !== 'validation' || unplaced.length > 0) {
        ctx.showError(`${r.row.name}: ${[err.message, ...unplaced.map((u) => u.message)].join(' ')}`);
      }
    } finally {
      r.tr.removeAttribute('aria-busy');
    }
  }

  function saveRow(r: GridRow): Promise<void> {
    const run = (r.saving ?? Promise.resolve()).then(() => save(r));
    r.saving = run.finally(() => {
      if (r.saving === run) r.saving = null;
    });
    return run;
  }

  function buildRow(row: ActivityRow, index: number): GridRow {
    const id = (c: GridColumn) => `grid-${row.pilot_id}-${c}`;
    const cells = Object.fromEntries(
      GRID_COLUMNS.map((c) => [
        c,
        textInput({
          id: id(c),
          inputmode: c === 'hours' ? 'decimal' : 'numeric',
          maxlength: c === 'hours' ? 6 : 4,
          class: 'grid-cell',
          'data-col': c,
          'aria-label': `${L[c]}: ${row.name}`,
          'aria-describedby': `err-${id(c)}`,
        }),
      ]),
    ) as Record<GridColumn, HTMLInputElement>;
    const state = h('td', { class: 'grid-state' });
    const tr = h(
      'tr',
      { 'data-pilot-id': row.pilot_id },
      h('th', { scope: 'row' }, row.name),
      h('td', {}, row.district || '—'),
      ...GRID_COLUMNS.map((c) =>
        h('td', { class: 'num' }, cells[c], h('p', { id: `err-${id(c)}`, class: 'field-error', 'aria-live': 'polite' })),
      ),
      state,
    );
    const r: GridRow = {
      row,
      tr,
      cells,
      index,
      stored: valuesOf(row.record),
      errors: new FieldErrors(tr, Object.fromEntries(GRID_COLUMNS.map((c) => [c, id(c)]))),
      state,
      saving: null,
    };
    for (const c of GRID_COLUMNS) {
      cells[c].value = r.stored[c];
      cells[c].addEventListener('keydown', (ev) => {
        if (!acceptsKey(c, ev.key, ev.ctrlKey || ev.altKey || ev.metaKey)) {
          ev.preventDefault();
          return;
        }
        if (ev.key === 'Enter') {
          ev.preventDefault();
          void saveRow(r);
          // Enter on the last row built goes on to the next ones, if there are more.
          if (!ev.shiftKey && index === rows.length - 1) showMore();
          const to = enterTarget(index, rows.length, ev.shiftKey);
          if (to !== null) {
            rows[to].cells[c].focus();
            rows[to].cells[c].select();
          }
        }
      });
    }
    // Leaving the row saves it.
    tr.addEventListener('focusout', (ev) => {
      const next = (ev as FocusEvent).relatedTarget as Node | null;
      if (next && tr.contains(next)) return;
      void saveRow(r);
    });
    stateText(r);
    return r;
  }

  function render(m: ActivityMonth): void {
    shown = m;
    rows = [];
    replace(body, ...(m.rows.length === 0 ? [h('tr', { class: 'empty' }, h('td', { colspan: 7 }, 'In diesem Monat war kein Lotse aktiv.'))] : []));
    showMore();
    renderSummary();
  }

  async function load(): Promise<void> {
    pickerErrors.clear();
    const m = month.value.trim();
    if (!isMonth(m)) {
      pickerErrors.set('month', `„${L.month}“ ist kein gültiger Monat, z. B. 2026-10.`);
      pickerErrors.focusFirst();
      return;
    }
    const mine = ++seq;
    await Promise.all(rows.map((r) => r.saving));
    try {
      const result = await api.activityMonth(m);
      if (mine !== seq) return;
      render(result);
    } catch (e) {
      if (mine !== seq) return;
      const err = api.toAppError(e);
      if (err.kind === 'validation') pickerErrors.show(err.errors);
      else ctx.showError(`Die Tätigkeitsnachweise konnten nicht geladen werden: ${err.message}`);
    }
  }

  show.addEventListener('click', () => void load());
  month.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      void load().then(() => rows[0]?.cells.contacts.focus());
    }
  });

  return { element, refresh: load };
}
