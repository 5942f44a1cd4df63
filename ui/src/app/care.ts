// The banner for what the care at start-up could not do (the daily backup, the deletion of due eFZ
// data): it stays until closed, on every screen, and says what to do.
import type { StartupProblem } from '../backend/types';
import { h } from '../shared/dom';

export function careBanner(problems: StartupProblem[]): HTMLElement | null {
  if (problems.length === 0) return null;
  const banner: HTMLElement = h(
    'div',
    { id: 'care-banner', class: 'care-banner', role: 'alert' },
    h(
      'div',
      { class: 'banner-text' },
      h('strong', {}, 'Beim Start hat die tägliche Datenpflege nicht geklappt.'),
      h('ul', {}, ...problems.map((p) => h('li', { 'data-task': p.task }, p.message))),
    ),
    h('button', { type: 'button', class: 'banner-close', 'aria-label': 'Hinweis schließen', onclick: () => banner.remove() }, '×'),
  );
  return banner;
}
