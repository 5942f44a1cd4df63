// The audit log as a table, shared by the "Protokoll" screen and the "Verlauf" tab of a pilot's page:
// Zeitpunkt (local time), Wer, Bereich, Nr., Aktion, Feld, alt → neu. The entries of one transaction (one
// change by the user) form one <tbody>, so they read as a group; long values are cut with a "mehr" toggle.
import { append, h, replace } from '../../shared/dom';
import { formatDateTime } from '../../shared/format';
import type { AuditEntry } from '../../backend/types';

/** What the audit log shows instead of values deleted after § 30a BZRG. */
export const REDACTED_TEXT = '(gelöscht nach § 30a BZRG)';

/** Values longer than this are cut; "mehr" shows all of it. */
export const SHORT_VALUE = 80;

/** How many entries are asked for at first, and how many more "Mehr laden" adds (100, as the register's pages: the
 *  page stays small enough to draw at once). */
export const AUDIT_PAGE = 100;
/** The backend returns at most this many entries at once. */
export const AUDIT_MAX = 10_000;

const COLUMNS = ['Zeitpunkt', 'Wer', 'Bereich', 'Nr.', 'Aktion', 'Feld', 'alt → neu'];
/** The narrow variant (a pilot's page): who under the time, the number under the area. */
const COMPACT_COLUMNS = ['Zeitpunkt, Wer', 'Bereich, Nr.', 'Aktion', 'Feld', 'alt → neu'];

export interface AuditTableOptions {
  /** Ids: the table, the count line and the "Mehr laden" button. */
  id: string;
  countId: string;
  moreId: string;
  caption: string;
  /** "Mehr laden" was pressed. */
  onMore: () => void;
  /** When set, entries about a pilot get a link to the pilot's page. */
  onPilot?: (pilotId: number) => void;
  /** Five columns instead of seven, for the narrow pilot page; nothing is left out. */
  compact?: boolean;
}

export interface AuditTable {
  element: HTMLElement;
  /** Shows the entries; limit is what was asked for (all of it came back: there may be more). */
  show(entries: AuditEntry[], limit: number): void;
  /** A line instead of the rows ("Wird geladen …", an error). */
  placeholder(text: string): void;
}

/** A long value shortened, with a toggle that shows it whole (JSON pretty-printed). */
function longValue(value: string): HTMLElement {
  const short = h('span', { class: 'audit-value' }, `${value.slice(0, SHORT_VALUE - 1).trimEnd()}…`);
  const full = h('span', { class: 'audit-value audit-full', hidden: true }, prettyJson(value));
  const toggle = h('button', { type: 'button', class: 'link-button audit-toggle', 'aria-expanded': 'false' }, 'mehr');
  toggle.addEventListener('click', () => {
    const open = full.hidden;
    full.hidden = !open;
    short.hidden = open;
    toggle.textContent = open ? 'weniger' : 'mehr';
    toggle.setAttribute('aria-expanded', String(open));
  });
  return h('span', { class: 'audit-long' }, short, full, ' ', toggle);
}

/** JSON objects and arrays indented for reading; any other text unchanged. */
export function prettyJson(value: string): string {
  const t = value.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return value;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return value;
  }
}

function valueNode(value: string | null, cls: string): HTMLElement {
  if (value === null) return h('span', { class: `${cls} audit-none` }, '—');
  if (value.length <= SHORT_VALUE) return h('span', { class: cls }, value);
  const node = longValue(value);
  node.classList.add(cls);
  return node;
}

function changeCell(e: AuditEntry): HTMLElement {
  const td = h('td', { class: 'audit-change' });
  if (e.redacted) {
    td.append(h('span', { class: 'redacted' }, REDACTED_TEXT));
  } else if (e.old_value !== null || e.new_value !== null) {
    td.append(valueNode(e.old_value, 'audit-old'), h('span', { class: 'audit-arrow', 'aria-hidden': 'true' }, ' → '), valueNode(e.new_value, 'audit-new'));
  }
  return td;
}

/** Consecutive entries with the same transaction number. */
export function groupByTx(entries: AuditEntry[]): AuditEntry[][] {
  const groups: AuditEntry[][] = [];
  for (const e of entries) {
    const last = groups[groups.length - 1];
    if (last && last[0].tx === e.tx) last.push(e);
    else groups.push([e]);
  }
  return groups;
}

export function createAuditTable(opts: AuditTableOptions): AuditTable {
  const compact = opts.compact ?? false;
  const columns = compact ? COMPACT_COLUMNS : COLUMNS;
  const table = h(
    'table',
    { id: opts.id, class: `data-table compact audit-table${compact ? ' audit-narrow' : ''}` },
    h('caption', { class: 'visually-hidden' }, opts.caption),
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}),
  );
  const count = h('p', { id: opts.countId, class: 'count', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', id: opts.moreId, class: 'secondary small', hidden: true, onclick: () => opts.onMore() }, 'Mehr laden');
  const element = h(
    'div',
    { class: 'audit-log' },
    h('div', { class: 'table-wrap audit-wrap' }, table),
    h('div', { class: 'audit-footer' }, count, more),
  );

  function row(e: AuditEntry, first: boolean, span: number): HTMLElement {
    const tr = h('tr', { 'data-id': e.id, class: first ? 'tx-first' : 'tx-more' });
    const rowspan = span > 1 ? span : null;
    const who = e.who || h('span', { class: 'muted' }, 'System');
    if (first && compact) {
      tr.append(h('td', { class: 'audit-at', rowspan }, formatDateTime(e.at), h('span', { class: 'audit-who' }, who)));
    } else if (first) {
      tr.append(h('td', { class: 'audit-at', rowspan }, formatDateTime(e.at)), h('td', { class: 'audit-who', rowspan }, who));
    }
    const area = h('td', { class: 'audit-entity' }, e.entity_label);
    if (compact) area.append(h('span', { class: 'audit-id' }, `Nr. ${e.entity_id}`));
    if (opts.onPilot && e.pilot_id !== null) {
      const id = e.pilot_id;
      area.append(
        ' ',
        h(
          'button',
          { type: 'button', class: 'link-button audit-pilot', 'data-pilot-id': id, 'aria-label': `Lotse ${id}: Seite öffnen`, onclick: () => opts.onPilot?.(id) },
          `Lotse ${id}`,
        ),
      );
    }
    append(tr, [
      area,
      compact ? null : h('td', { class: 'audit-id' }, e.entity_id),
      h('td', { class: 'audit-action' }, e.action_label, e.note ? h('span', { class: 'audit-note' }, e.note) : null),
      h('td', { class: 'audit-field' }, e.field_label ?? e.field ?? ''),
      changeCell(e),
    ]);
    return tr;
  }

  function removeBodies(): void {
    for (const body of Array.from(table.tBodies)) body.remove();
  }

  return {
    element,
    show(entries: AuditEntry[], limit: number): void {
      removeBodies();
      if (entries.length === 0) {
        table.append(h('tbody', {}, h('tr', { class: 'empty' }, h('td', { colspan: columns.length }, 'Keine Einträge.'))));
      }
      groupByTx(entries).forEach((group, i) => {
        table.append(
          h(
            'tbody',
            { class: `audit-tx ${i % 2 === 0 ? 'tx-even' : 'tx-odd'}`, 'data-tx': group[0].tx },
            ...group.map((e, k) => row(e, k === 0, group.length)),
          ),
        );
      });
      const full = entries.length >= limit;
      const n = entries.length === 1 ? '1 Eintrag' : `${entries.length} Einträge`;
      count.textContent = full && limit < AUDIT_MAX ? `${n} – die neuesten; ältere mit „Mehr laden“.` : n;
      more.hidden = !(full && limit < AUDIT_MAX);
    },
    placeholder(text: string): void {
      removeBodies();
      table.append(h('tbody', {}, h('tr', { class: 'empty' }, h('td', { colspan: columns.length }, text))));
      replace(count);
      more.hidden = true;
    },
  };
}
