// The "Verlauf" tab of a pilot's page: every change about the pilot from the audit log (the same table as
// the Protokoll screen), and the data access request of Art. 15 DSGVO as PDF or JSON. The log is loaded
// each time the tab is shown, so changes made on the other tabs appear.
import { AUDIT_MAX, AUDIT_PAGE, createAuditTable } from '../audit/auditTable';
import * as api from '../../backend/api';
import { h } from '../../shared/dom';
import type { RecordDeps, RecordPanel } from './recordPanel';
import type { PersonalDataFormat, PilotRecord } from '../../backend/types';

export function createVerlaufPanel(deps: RecordDeps): RecordPanel {
  const { ctx } = deps;
  let pilotId: number | null = null;
  let limit = AUDIT_PAGE;
  let seq = 0;
  let exporting = false;

  const table = createAuditTable({
    id: 'verlauf-table',
    countId: 'verlauf-count',
    moreId: 'verlauf-more',
    caption: 'Verlauf des Lotsen, die neuesten Änderungen zuerst',
    compact: true,
    onMore: () => {
      limit = Math.min(limit + AUDIT_PAGE, AUDIT_MAX);
      void load();
    },
  });

  const pdfButton = h('button', { type: 'button', id: 'export-personal-pdf', class: 'secondary' }, 'Datenauskunft (PDF)');
  const jsonButton = h('button', { type: 'button', id: 'export-personal-json', class: 'secondary' }, 'Datenauskunft (JSON)');

  const element = h(
    'section',
    { class: 'record-section verlauf-section', 'aria-label': 'Verlauf' },
    h('h3', {}, 'Datenauskunft'),
    h('p', { class: 'hint' }, 'Alle gespeicherten Daten des Lotsen als Datei (Auskunft nach Art. 15 DSGVO).'),
    h('div', { class: 'button-row' }, pdfButton, jsonButton),
    h('h3', {}, 'Verlauf'),
    table.element,
  );

  async function load(): Promise<void> {
    if (pilotId === null) return;
    const id = pilotId;
    const wanted = limit;
    const mine = ++seq;
    try {
      const entries = await api.auditEntries({ pilot_id: id, limit: wanted });
      if (mine !== seq || id !== pilotId) return;
      table.show(entries, wanted);
    } catch (e) {
      if (mine !== seq) return;
      table.placeholder('Der Verlauf konnte nicht geladen werden.');
      ctx.showError(`Der Verlauf konnte nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  function exportData(format: PersonalDataFormat, button: HTMLButtonElement): void {
    if (exporting || pilotId === null) return;
    const id = pilotId;
    exporting = true;
    button.setAttribute('aria-busy', 'true');
    ctx.clearError();
    void (async () => {
      try {
        const saved = await api.exportPersonalData(id, format);
        if (saved) ctx.toast(`Gespeichert unter ${saved.path}`);
      } catch (e) {
        ctx.showError(`Die Datenauskunft konnte nicht erstellt werden: ${api.toAppError(e).message}`);
      } finally {
        exporting = false;
        button.removeAttribute('aria-busy');
      }
    })();
  }
  pdfButton.addEventListener('click', () => exportData('pdf', pdfButton));
  jsonButton.addEventListener('click', () => exportData('json', jsonButton));

  return {
    element,
    show(r: PilotRecord): void {
      if (pilotId === r.pilot.id) return;
      pilotId = r.pilot.id;
      limit = AUDIT_PAGE;
      seq++;
      table.placeholder('Wird geladen …');
    },
    activate(): void {
      void load();
    },
  };
}
