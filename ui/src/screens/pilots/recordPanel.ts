// What the sections of a pilot's page (Status, Führungszeugnis, Qualifizierung, Einsätze, Abrechnung, Verlauf) share.
import * as api from '../../backend/api';
import { h } from '../../shared/dom';
import type { ScreenContext } from '../../app/screen';
import type { DocumentKind, PilotRecord } from '../../backend/types';

export type PanelKey = 'status' | 'efz' | 'qualifizierung' | 'einsaetze' | 'abrechnung' | 'verlauf';

export interface RecordDeps {
  ctx: ScreenContext;
  /** A panel hands on the record the backend returned after a change; every panel shows it. */
  update(record: PilotRecord, source: PanelKey): void;
  /** The name of the person at the desk (settings), "" when unknown. */
  deskUser(): string;
}

export interface RecordPanel {
  element: HTMLElement;
  /**
   * Shows the record. refill is true when the panel's form should take the record's values (a new pilot
   * was opened, or this panel saved); otherwise what is typed in the form stays.
   */
  show(record: PilotRecord, refill: boolean): void;
  /** Handles Escape; true when something was closed. */
  onEscape?(): boolean;
  /** The panel's tab was selected: a panel that loads its own data does it now. */
  activate?(): void;
}

/** Asks the backend for a PDF; it files and opens it. The toast says where it went. */
export async function printDocument(ctx: ScreenContext, pilotId: number, kind: DocumentKind, button: HTMLButtonElement): Promise<void> {
  if (button.getAttribute('aria-busy') === 'true') return;
  button.setAttribute('aria-busy', 'true');
  ctx.clearError();
  try {
    const saved = await api.printDocument(pilotId, kind);
    ctx.toast(`Gespeichert unter ${saved.path}`);
  } catch (e) {
    ctx.showError(`Das Dokument konnte nicht erstellt werden: ${api.toAppError(e).message}`);
  } finally {
    button.removeAttribute('aria-busy');
  }
}

/** A small list of facts: [["Einsatzberechtigt", "ja", "rec-eligible"], …]; the optional id goes on the value. */
export function facts(rows: [string, Node | string, string?][]): HTMLDListElement {
  const dl = h('dl', { class: 'facts' });
  for (const [term, value, id] of rows) dl.append(h('dt', {}, term), h('dd', { id }, value));
  return dl;
}
