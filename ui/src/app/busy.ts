// The busy bar: while long backend work runs (printing a month, a backup, an import), the window says
// what is being done and how far it is, and stays usable; it never blocks the screen.
import * as api from '../backend/api';
import { h } from '../shared/dom';

/** What each long command is doing, as the person at the desk should read it. */
export const TASK_LABELS: Record<string, string> = {
  load_demo: 'Demodaten werden geladen',
  print_document: 'Dokument wird erstellt',
  print_coverage_report: 'Abdeckungsbericht wird erstellt',
  save_coverage_report: 'Abdeckungsbericht wird erstellt',
  print_report: 'Bericht wird erstellt',
  save_report_as: 'Bericht wird gespeichert',
  create_run: 'Abrechnungslauf wird berechnet',
  approve_run: 'Abrechnungslauf wird freigegeben',
  print_run: 'Abrechnung wird gedruckt',
  save_run_as: 'Abrechnung wird gespeichert',
  save_sepa: 'SEPA-Datei wird erstellt',
  print_statement: 'Abrechnung wird gedruckt',
  backup_now: 'Sicherung wird erstellt',
  backup_encrypted: 'Verschlüsselte Sicherung wird erstellt',
  restore_backup: 'Sicherung wird wiederhergestellt',
  import_file: 'Lotsen werden übernommen',
};

/** Tasks that can stop with nothing half-done (drawing comes before filing, an import is rolled back): the bar
 *  offers "Abbrechen". */
export const CANCELLABLE: ReadonlySet<string> = new Set([
  'print_run',
  'save_run_as',
  'print_report',
  'save_report_as',
  'import_file',
]);

interface Row {
  element: HTMLElement;
  text: HTMLElement;
  bar: HTMLProgressElement;
  /** The same command may run twice at once (two clicks on different months). */
  running: number;
  /** "Abbrechen" was clicked: the text says so until the task ends. */
  cancelling: boolean;
}

/** Builds the bar; it shows itself while any long command runs. */
export function mountBusyBar(): HTMLElement {
  const list = h('div', { class: 'busy-rows' });
  const element = h('div', { id: 'busy', class: 'busy-bar', role: 'status', 'aria-live': 'polite', hidden: true }, list);
  const rows = new Map<string, Row>();

  function rowOf(task: string): Row {
    let row = rows.get(task);
    if (!row) {
      const label = TASK_LABELS[task] ?? 'Bitte warten';
      const text = h('span', { class: 'busy-text' });
      const bar = h('progress', { class: 'busy-progress', 'aria-label': label });
      const el = h('div', { class: 'busy-row', 'data-task': task }, h('strong', { class: 'busy-label' }, `${label} …`), text, bar);
      if (CANCELLABLE.has(task)) {
        const cancel = h('button', { type: 'button', class: 'secondary busy-cancel' }, 'Abbrechen');
        cancel.addEventListener('click', () => {
          cancel.disabled = true;
          if (row) row.cancelling = true;
          text.textContent = 'Wird abgebrochen …';
          api.cancelWork(task).catch(() => undefined);
        });
        el.append(cancel);
      }
      row = { element: el, text, bar, running: 0, cancelling: false };
      rows.set(task, row);
      list.append(el);
    }
    return row;
  }

  api.onActivity((a) => {
    if (a.phase === 'start') {
      const row = rowOf(a.task);
      row.running++;
      // No steps known yet: an indeterminate bar.
      row.bar.removeAttribute('value');
      row.text.textContent = '';
    } else if (a.phase === 'progress') {
      const row = rows.get(a.task);
      if (!row) return; // a step of work the window did not start (or that has ended)
      if (!row.cancelling) row.text.textContent = a.text ?? '';
      if (a.total && a.total > 0) {
        row.bar.max = a.total;
        row.bar.value = Math.min(a.done ?? 0, a.total);
      }
    } else {
      const row = rows.get(a.task);
      if (row && --row.running <= 0) {
        row.element.remove();
        rows.delete(a.task);
      }
    }
    element.hidden = rows.size === 0;
  });
  return element;
}
