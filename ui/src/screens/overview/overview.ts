// The "Übersicht" screen: the coverage dashboard per former district (coverage.ts), then what is due (eFZ expiring or expired, refresher overdue, qualified but not
// appointed, letters without an inspected certificate). Each entry opens the pilot's page.
import * as api from '../../backend/api';
import { createCoverageDashboard } from './coverage';
import { h, replace } from '../../shared/dom';
import { formatDate } from '../../shared/format';
import type { RecordTab } from '../pilots/pilotRecord';
import type { Screen, ScreenContext } from '../../app/screen';
import type { DueItem, DueKind } from '../../backend/types';

/** Short tag per kind, and the tab of the pilot's page where it is dealt with. */
export const DUE_KINDS: Record<DueKind, { tag: string; tab: RecordTab }> = {
  efz_expiring: { tag: 'Führungszeugnis', tab: 'efz' },
  efz_expired: { tag: 'Führungszeugnis', tab: 'efz' },
  efz_missing: { tag: 'Führungszeugnis', tab: 'efz' },
  efz_relevant_entry: { tag: 'Führungszeugnis', tab: 'efz' },
  efz_kept_paused: { tag: 'Datenschutz', tab: 'efz' },
  efz_kept_not_started: { tag: 'Datenschutz', tab: 'efz' },
  efz_kept_relevant_entry: { tag: 'Datenschutz', tab: 'efz' },
  anonymisation_due: { tag: 'Datenschutz', tab: 'stammdaten' },
  payment_details_missing: { tag: 'Bankverbindung', tab: 'stammdaten' },
  letter_unanswered: { tag: 'Führungszeugnis', tab: 'efz' },
  refresher_overdue: { tag: 'Auffrischung', tab: 'status' },
  qualified_waiting: { tag: 'Berufung', tab: 'status' },
  activity_missing: { tag: 'Einsätze', tab: 'einsaetze' },
  // Concerns no pilot: opens the Berichte screen.
  grant_proof_due: { tag: 'Verwendungsnachweis', tab: 'stammdaten' },
};

/** Entries of eFZ data kept for a pilot not in service: they offer "eFZ-Daten jetzt löschen". */
const ERASABLE: ReadonlySet<DueKind> = new Set<DueKind>(['efz_kept_paused', 'efz_kept_not_started', 'efz_kept_relevant_entry']);

/** Entries the list shows at first and adds with "Weitere anzeigen" (a large office has thousands due). */
export const DUE_PAGE = 100;

function byDate(a: DueItem, b: DueItem): number {
  return a.date.localeCompare(b.date) || a.name.localeCompare(b.name, 'de');
}

export function mountOverview(container: HTMLElement, ctx: ScreenContext): Screen {
  const dueList = h('ul', { id: 'due-list', class: 'due-list', 'aria-labelledby': 'due-title' });
  const dueTitle = h('h3', { id: 'due-title' }, 'Fällig');
  const dueMore = h('button', { type: 'button', id: 'due-more', class: 'secondary more-button', hidden: true }, `Weitere ${DUE_PAGE} anzeigen`);
  let due: DueItem[] = [];
  let dueShown = 0;
  const dashboard = createCoverageDashboard(ctx);
  const element = h(
    'section',
    { id: 'screen-uebersicht', class: 'screen screen-uebersicht', 'aria-labelledby': 'uebersicht-title' },
    h('h2', { id: 'uebersicht-title', class: 'screen-title' }, 'Übersicht'),
    dashboard.element,
    h('section', { class: 'panel due-panel', 'aria-labelledby': 'due-title' }, dueTitle, dueList, dueMore),
  );
  container.append(element);

  /** "eFZ-Daten jetzt löschen": a first click asks, the second deletes (it cannot be undone). */
  function eraseButton(d: DueItem): HTMLElement {
    const button = h(
      'button',
      { type: 'button', class: 'secondary due-erase', 'data-pilot-id': d.pilot_id, 'aria-label': `eFZ-Daten jetzt löschen – ${d.name}` },
      'eFZ-Daten jetzt löschen',
    ) as HTMLButtonElement;
    let asked = false;
    button.addEventListener('click', () => {
      if (!asked) {
        asked = true;
        button.textContent = 'Wirklich löschen? Nicht umkehrbar – erneut klicken';
        // The accessible name keeps the visible text first (WCAG 2.5.3), then whose data it is.
        button.setAttribute('aria-label', `${button.textContent} – ${d.name}`);
        button.classList.add('warning');
        return;
      }
      button.disabled = true;
      void (async () => {
        try {
          const problems = await api.eraseScreening(d.pilot_id);
          ctx.toast(`Die Daten zum Führungszeugnis von ${d.name} wurden gelöscht (protokolliert ohne Werte).`);
          if (problems.length > 0) ctx.showError(`Gelöscht, aber: ${problems.map((p) => p.message).join(' ')}`);
        } catch (e) {
          ctx.showError(`Die Daten zum Führungszeugnis konnten nicht gelöscht werden: ${api.toAppError(e).message}`);
        }
        await refreshDue();
      })();
    });
    return button;
  }

  function item(d: DueItem): HTMLElement {
    const kind = DUE_KINDS[d.kind] ?? { tag: '', tab: 'stammdaten' as RecordTab };
    return h(
      'li',
      { class: `due-item due-${d.kind}` },
      h(
        'button',
        {
          type: 'button',
          class: 'due-link',
          'data-pilot-id': d.pilot_id,
          'data-kind': d.kind,
          onclick: () => (d.kind === 'grant_proof_due' ? ctx.showScreen('berichte') : ctx.openPilot(d.pilot_id, kind.tab)),
        },
        h('span', { class: 'due-date' }, formatDate(d.date)),
        kind.tag && h('span', { class: 'due-tag' }, kind.tag),
        h('span', { class: 'due-label' }, d.label),
      ),
      ERASABLE.has(d.kind) ? eraseButton(d) : null,
    );
  }

  /** The next entries under those shown; returns the first one added. */
  function showMoreDue(): HTMLElement | null {
    const next = due.slice(dueShown, dueShown + DUE_PAGE).map(item);
    dueList.append(...next);
    dueShown += next.length;
    dueMore.hidden = dueShown >= due.length;
    return next[0] ?? null;
  }
  dueMore.addEventListener('click', () => {
    const first = showMoreDue();
    (first?.querySelector<HTMLElement>('.due-link') ?? dueMore).focus();
  });

  async function refreshDue(): Promise<void> {
    try {
      const items = [...(await api.dueList())].sort(byDate);
      // As many as were shown stay shown (after "eFZ-Daten jetzt löschen" the list is loaded again).
      const keep = Math.max(dueShown, DUE_PAGE);
      due = items;
      dueShown = 0;
      dueTitle.textContent = items.length === 0 ? 'Fällig' : `Fällig (${items.length})`;
      replace(dueList, ...(items.length === 0 ? [h('li', { class: 'empty' }, 'Nichts fällig.')] : []));
      while (dueShown < Math.min(keep, due.length)) showMoreDue();
      dueMore.hidden = dueShown >= due.length;
    } catch (e) {
      ctx.showError(`Die Liste der fälligen Punkte konnte nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  async function refresh(): Promise<void> {
    await Promise.all([dashboard.refresh(), refreshDue()]);
  }

  return { element, refresh, onEscape: dashboard.onEscape };
}
