// The "Lotsen" screen: the searchable, sortable register and the detail form beside it.
import * as api from '../../backend/api';
import { h, options, replace } from '../../shared/dom';
import { formatCount, formatIban, pilotCount, pilotName, statusLabel } from '../../shared/format';
import { createPilotForm } from './pilotForm';
import { createPilotRecord, type RecordTab } from './pilotRecord';
import type { Screen, ScreenContext } from '../../app/screen';
import type { Duplicate, Pilot, PilotInput, PilotQuery, PilotSort, ReferenceData, StatusCode } from '../../backend/types';

/** How long the search waits after the last key stroke before asking the backend. */
export const SEARCH_DEBOUNCE_MS = 100;

/** Rows the list shows at first and adds with "Weitere anzeigen": a large office's register is never put into the page whole. */
export const PAGE_SIZE = 100;
/** The most rows one answer of the backend holds (src/app/register.rs MAX_PAGE). */
const MAX_PAGE = 500;

interface Column {
  label: string;
  sort?: PilotSort;
  cell: (p: Pilot, ref: ReferenceData) => Node | string;
  className?: string;
}

const COLUMNS: Column[] = [
  { label: 'Name', sort: 'name', cell: (p) => pilotName(p), className: 'col-name' },
  { label: 'Ort', sort: 'town', cell: (p) => p.town },
  { label: 'Altkreis', sort: 'district', cell: (p) => p.district ?? '' },
  { label: 'Sprachen', cell: (p) => p.languages.join(', '), className: 'col-languages' },
  {
    label: 'Status',
    sort: 'status',
    cell: (p, ref) => h('span', { class: `status-badge status-${p.status}` }, statusLabel(ref, p.status)),
  },
  { label: 'IBAN', cell: (p) => (p.iban ? formatIban(p.iban) : '—'), className: 'col-iban' },
];

export function mountLotsen(container: HTMLElement, ctx: ScreenContext): Screen {
  const ref = ctx.reference;
  const state: { sort: PilotSort; desc: boolean; selectedId: number | null; busy: boolean } = {
    sort: 'name',
    desc: false,
    selectedId: null,
    busy: false,
  };
  let requestSeq = 0;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;

  // ---- toolbar -------------------------------------------------------------------------------
  const search = h('input', {
    type: 'search',
    id: 'search',
    placeholder: 'Name, Ort oder Sprache',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const filterDistrict = filterSelect('filter-district', ref.districts.map((d) => ({ value: d.name, label: d.name })));
  const filterStatus = filterSelect('filter-status', ref.statuses.map((s) => ({ value: s.code, label: s.label })));
  const filterLanguage = filterSelect('filter-language', ref.languages.map((l) => ({ value: l, label: l })));
  const newPilot = h('button', { type: 'button', id: 'new-pilot', class: 'primary' }, 'Neuer Lotse');

  const toolbar = h(
    'div',
    { class: 'toolbar', role: 'search' },
    tool('search', 'Suche', search, 'tool-search'),
    tool('filter-district', 'Altkreis', filterDistrict),
    tool('filter-status', 'Status', filterStatus),
    tool('filter-language', 'Sprache', filterLanguage),
    h('span', { class: 'spacer' }),
    newPilot,
  );

  // ---- table ---------------------------------------------------------------------------------
  const headRow = h('tr', {});
  const tbody = h('tbody', {});
  const table = h(
    'table',
    { id: 'pilot-table', class: 'data-table' },
    h('caption', { class: 'visually-hidden' }, 'Lotsen'),
    h('thead', {}, headRow),
    tbody,
  );
  const count = h('p', { id: 'pilot-count', class: 'count', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', id: 'more-pilots', class: 'secondary more-button', hidden: true }, `Weitere ${PAGE_SIZE} anzeigen`);
  /** Rows shown now, and how many the query finds. */
  let shown = 0;
  let total = 0;

  for (const col of COLUMNS) {
    const th = h('th', { scope: 'col', class: col.className });
    if (col.sort) {
      const sort = col.sort;
      th.append(
        h(
          'button',
          { type: 'button', class: 'sort-button', 'data-sort': sort, onclick: () => toggleSort(sort) },
          col.label,
          h('span', { class: 'sort-indicator', 'aria-hidden': 'true' }),
        ),
      );
    } else {
      th.textContent = col.label;
    }
    headRow.append(th);
  }

  // ---- form ----------------------------------------------------------------------------------
  const form = createPilotForm({ reference: ref, validate: api.validatePilot });
  const record = createPilotRecord({
    ctx,
    stammdaten: form.element,
    onChange(r) {
      form.showStatus(r.status);
      if (form.pilotId === r.pilot.id) form.showDistrict(r.pilot.district); // a district change on the Status tab
      void refresh(); // the status column follows
    },
  });
  const detail = h('aside', { id: 'detail-panel', class: 'detail-panel', hidden: true, 'aria-label': 'Lotse bearbeiten' }, record.element);

  const element = h(
    'section',
    { id: 'screen-lotsen', class: 'screen screen-lotsen', 'aria-labelledby': 'lotsen-title' },
    h('h2', { id: 'lotsen-title', class: 'screen-title' }, 'Lotsen'),
    toolbar,
    h(
      'div',
      { class: 'split' },
      h('div', { class: 'list-panel' }, h('div', { class: 'table-wrap' }, table, more), count),
      detail,
    ),
  );
  container.append(element);

  function tool(id: string, label: string, control: HTMLElement, extra = ''): HTMLElement {
    return h('div', { class: `tool ${extra}`.trim() }, h('label', { for: id }, label), control);
  }

  function filterSelect(id: string, entries: { value: string; label: string }[]): HTMLSelectElement {
    const sel = h('select', { id });
    sel.append(...options([{ value: '', label: 'Alle' }, ...entries]));
    return sel;
  }

  // ---- list ----------------------------------------------------------------------------------
  function query(): PilotQuery {
    const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
    return {
      search: orNull(search.value),
      district: orNull(filterDistrict.value),
      status: orNull(filterStatus.value) as StatusCode | null,
      language: orNull(filterLanguage.value),
      sort: state.sort,
      desc: state.desc,
    };
  }

  /** Loads the list anew from its first row, as many rows as were shown (at least a page). */
  async function refresh(): Promise<void> {
    const seq = ++requestSeq;
    try {
      const page = await api.pilotPage(query(), { offset: 0, limit: Math.min(Math.max(shown, PAGE_SIZE), MAX_PAGE) });
      if (seq !== requestSeq) return; // a newer request is under way; its answer wins
      renderRows(page.pilots, page.total);
    } catch (e) {
      if (seq === requestSeq) ctx.showError(`Die Liste konnte nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  /** "Weitere anzeigen": the next page under the rows shown; focus goes to its first row when `focusNew`. */
  async function showMore(focusNew: boolean): Promise<void> {
    const seq = ++requestSeq;
    try {
      const page = await api.pilotPage(query(), { offset: shown, limit: PAGE_SIZE });
      if (seq !== requestSeq) return;
      const first = appendRows(page.pilots);
      total = page.total;
      showCount();
      markSelected();
      if (focusNew) (first ?? more).focus();
    } catch (e) {
      if (seq === requestSeq) ctx.showError(`Die Liste konnte nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  function renderRows(pilots: Pilot[], found: number): void {
    const focusedId = (document.activeElement as HTMLElement | null)?.closest?.('tr[data-id]')?.getAttribute('data-id');
    replace(tbody);
    shown = 0;
    if (pilots.length === 0) {
      tbody.append(h('tr', { class: 'empty' }, h('td', { colspan: COLUMNS.length }, 'Keine Lotsen gefunden.')));
    }
    appendRows(pilots);
    total = found;
    showCount();
    markSelected();
    if (focusedId) rowById(Number(focusedId))?.focus();
  }

  /** Adds rows under the shown ones; returns the first one added. */
  function appendRows(pilots: Pilot[]): HTMLTableRowElement | null {
    const rows = pilots.map((p) => {
      const tr = h('tr', { 'data-id': p.id, tabindex: 0, class: 'clickable' });
      for (const col of COLUMNS) tr.append(h('td', { class: col.className }, col.cell(p, ref)));
      return tr;
    });
    tbody.append(...rows);
    shown += rows.length;
    return rows[0] ?? null;
  }

  function showCount(): void {
    count.textContent = shown < total ? `${formatCount(shown)} von ${pilotCount(total)} angezeigt` : pilotCount(total);
    more.hidden = shown >= total;
  }

  function rowById(id: number): HTMLTableRowElement | null {
    return tbody.querySelector<HTMLTableRowElement>(`tr[data-id="${id}"]`);
  }

  function markSelected(): void {
    for (const tr of Array.from(tbody.querySelectorAll('tr[aria-current]'))) {
      tr.classList.remove('selected');
      tr.removeAttribute('aria-current');
    }
    const tr = state.selectedId !== null ? rowById(state.selectedId) : null;
    // aria-current, not aria-selected: this is a plain table, not a grid
    tr?.classList.add('selected');
    tr?.setAttribute('aria-current', 'true');
  }

  function renderSortHeaders(): void {
    for (const btn of Array.from(headRow.querySelectorAll<HTMLButtonElement>('.sort-button'))) {
      const th = btn.parentElement as HTMLElement;
      const active = btn.dataset.sort === state.sort;
      if (active) th.setAttribute('aria-sort', state.desc ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
      const indicator = btn.querySelector('.sort-indicator');
      if (indicator) indicator.textContent = active ? (state.desc ? '▼' : '▲') : '';
    }
  }

  function toggleSort(sort: PilotSort): void {
    state.desc = state.sort === sort ? !state.desc : false;
    state.sort = sort;
    renderSortHeaders();
    requery();
  }

  /** Another search, filter or order: the list starts again at its first page. */
  function requery(): void {
    shown = 0;
    void refresh();
  }

  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(requery, SEARCH_DEBOUNCE_MS);
  });
  for (const sel of [filterDistrict, filterStatus, filterLanguage]) {
    sel.addEventListener('change', requery);
  }

  tbody.addEventListener('click', (ev) => {
    const tr = (ev.target as HTMLElement).closest('tr[data-id]');
    if (tr) void openPilot(Number(tr.getAttribute('data-id')));
  });
  tbody.addEventListener('keydown', (ev) => {
    const tr = (ev.target as HTMLElement).closest<HTMLTableRowElement>('tr[data-id]');
    if (!tr) return;
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      void openPilot(Number(tr.getAttribute('data-id')));
    } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      const next = ev.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling;
      if (next) (next as HTMLElement).focus();
      else if (ev.key === 'ArrowDown' && shown < total) void showMore(true); // past the last row shown: the next page
    }
  });
  more.addEventListener('click', () => void showMore(true));

  // ---- detail form ---------------------------------------------------------------------------
  function openForm(): void {
    detail.hidden = false;
    element.classList.add('with-detail');
  }

  function closeForm(): void {
    detail.hidden = true;
    element.classList.remove('with-detail');
    form.hideDuplicates();
    const back = state.selectedId !== null ? rowById(state.selectedId) : null;
    (back ?? newPilot).focus();
  }

  async function openPilot(id: number, tab: RecordTab = 'stammdaten'): Promise<void> {
    ctx.clearError();
    try {
      const pilot = await api.getPilot(id);
      if (form.pilotId !== pilot.id) record.clear(); // no tabs of the previous pilot while this one loads
      state.selectedId = pilot.id;
      markSelected();
      form.fillForm(pilot);
      openForm();
      if (tab === 'stammdaten') form.focusFirstField();
    } catch (e) {
      ctx.showError(api.toAppError(e).message);
      void refresh();
      return;
    }
    const loaded = await record.load(id, tab);
    if (tab !== 'stammdaten') {
      if (loaded) detail.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
      else form.focusFirstField();
    }
  }

  newPilot.addEventListener('click', () => {
    ctx.clearError();
    state.selectedId = null;
    markSelected();
    record.clear();
    form.fillForm(null);
    openForm();
    form.focusFirstField();
  });

  form.element.querySelector('#cancel')?.addEventListener('click', closeForm);

  function setBusy(busy: boolean): void {
    state.busy = busy;
    for (const id of ['save', 'save-anyway']) {
      const b = form.element.querySelector<HTMLButtonElement>(`#${id}`);
      if (b) b.disabled = busy;
    }
    form.element.setAttribute('aria-busy', String(busy));
  }

  /** The form as typed; the backend checks it (find_duplicates and save_pilot validate first). */
  function checkedInput(): PilotInput {
    form.clearErrors();
    return form.readForm();
  }

  form.element.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (state.busy) return;
    ctx.clearError();
    form.hideDuplicates();
    const input = checkedInput();
    void (async () => {
      setBusy(true);
      let duplicates: Duplicate[] = [];
      try {
        duplicates = await api.findDuplicates(input, form.pilotId);
        if (duplicates.length === 0) await save(input);
      } catch (e) {
        handleSaveError(e);
      } finally {
        setBusy(false);
      }
      // Only now: the warning moves focus to "Trotzdem speichern", which must be enabled again.
      if (duplicates.length > 0) form.showDuplicates(duplicates);
    })();
  });

  form.element.querySelector('#save-anyway')?.addEventListener('click', () => {
    if (state.busy) return;
    // Read again: the form may have been changed while the warning was up.
    const input = checkedInput();
    form.hideDuplicates();
    void (async () => {
      setBusy(true);
      try {
        await save(input);
      } catch (e) {
        handleSaveError(e);
      } finally {
        setBusy(false);
      }
    })();
  });

  async function save(input: PilotInput): Promise<void> {
    const saved = await api.savePilot(input, form.pilotId);
    rememberLanguages(saved.languages);
    form.fillForm(saved);
    state.selectedId = saved.id;
    ctx.toast('Gespeichert.');
    await refresh();
    const row = rowById(saved.id);
    row?.scrollIntoView?.({ block: 'nearest' });
    // A new pilot gets the record tabs now; a changed one may have changed what the record says (district).
    await record.load(saved.id, record.selectedTab());
  }

  function handleSaveError(e: unknown): void {
    const err = api.toAppError(e);
    if (err.kind === 'validation' && err.errors.length > 0) {
      const unplaced = form.showErrors(err.errors);
      if (unplaced.length > 0) ctx.showError([err.message, ...unplaced.map((u) => u.message)].join(' '));
      form.focusFirstError();
    } else {
      ctx.showError(err.message);
    }
  }

  /** A language added in the form becomes a choice of the filter and of the next form. */
  function rememberLanguages(languages: string[]): void {
    for (const l of languages) {
      if (!ref.languages.includes(l)) {
        ref.languages.push(l);
        filterLanguage.append(h('option', { value: l }, l));
      }
    }
  }

  renderSortHeaders();

  return {
    element,
    refresh,
    openPilot,
    onEscape(): boolean {
      if (record.onEscape()) return true;
      if (form.duplicatesShown()) {
        form.hideDuplicates();
        form.element.querySelector<HTMLButtonElement>('#save')?.focus();
        return true;
      }
      if (!detail.hidden) {
        closeForm();
        return true;
      }
      return false;
    },
  };
}
