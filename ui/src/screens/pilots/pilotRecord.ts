// A pilot's page in the detail panel: tabs "Stammdaten" (the edit form), "Status", "Führungszeugnis",
// "Qualifizierung", "Einsätze" (the activity record), "Abrechnung" and "Verlauf". The record comes from pilot_record; every change returns
// the whole record again. The Abrechnung tab loads the pilot's corrections and the Verlauf tab the audit
// log itself when shown.
import * as api from '../../backend/api';
import { createActivityPanel } from './activityPanel';
import { createAllowancePanel } from './allowancePanel';
import { h } from '../../shared/dom';
import { pilotName } from '../../shared/format';
import type { PanelKey, RecordPanel } from './recordPanel';
import type { ScreenContext } from '../../app/screen';
import { createScreeningPanel } from './screeningPanel';
import { createStatusPanel } from './statusPanel';
import { createTabs } from '../../shared/tabs';
import { createTrainingPanel } from './trainingPanel';
import type { PilotRecord } from '../../backend/types';
import { createVerlaufPanel } from './historyPanel';

export type RecordTab = 'stammdaten' | PanelKey;

export const RECORD_TABS: RecordTab[] = ['stammdaten', 'status', 'efz', 'qualifizierung', 'einsaetze', 'abrechnung', 'verlauf'];

export interface PilotRecordView {
  element: HTMLElement;
  /** Loads a pilot's record and shows the given tab; false when it could not be loaded. */
  load(id: number, tab?: RecordTab): Promise<boolean>;
  /** A pilot not saved yet: only the form, no record tabs. */
  clear(): void;
  selectedTab(): RecordTab;
  onEscape(): boolean;
}

export interface PilotRecordOptions {
  ctx: ScreenContext;
  /** The content of the "Stammdaten" tab: the pilot form. */
  stammdaten: HTMLElement;
  /** After a change made on the page (e.g. a new status), so the list can follow. */
  onChange: (record: PilotRecord) => void;
}

export function createPilotRecord(opts: PilotRecordOptions): PilotRecordView {
  const { ctx } = opts;
  let deskUser = '';
  let settingsLoaded = false;
  let loadSeq = 0;

  const deps = {
    ctx,
    deskUser: () => deskUser,
    update(record: PilotRecord, source: PanelKey): void {
      showRecord(record, source);
      opts.onChange(record);
    },
  };
  const panels: Record<PanelKey, RecordPanel> = {
    status: createStatusPanel(deps),
    efz: createScreeningPanel(deps),
    qualifizierung: createTrainingPanel(deps),
    einsaetze: createActivityPanel(deps),
    abrechnung: createAllowancePanel(deps),
    verlauf: createVerlaufPanel(deps),
  };

  const tabs = createTabs(
    'Lotsenakte',
    [
      { key: 'stammdaten', label: 'Stammdaten', content: opts.stammdaten },
      { key: 'status', label: 'Status', content: panels.status.element },
      { key: 'efz', label: 'Führungszeugnis', content: panels.efz.element },
      { key: 'qualifizierung', label: 'Qualifizierung', content: panels.qualifizierung.element },
      { key: 'einsaetze', label: 'Einsätze', content: panels.einsaetze.element },
      { key: 'abrechnung', label: 'Abrechnung', content: panels.abrechnung.element },
      { key: 'verlauf', label: 'Verlauf', content: panels.verlauf.element },
    ],
    (key) => {
      if (key !== 'stammdaten') panels[key as PanelKey]?.activate?.();
    },
  );
  const title = h('h2', { id: 'record-title', class: 'record-title' });
  const header = h('div', { class: 'record-header', hidden: true }, title);
  const element = h('div', { class: 'pilot-record' }, header, tabs.list, ...tabs.panels);

  function setRecordTabs(on: boolean): void {
    header.hidden = !on;
    tabs.list.hidden = !on;
    element.classList.toggle('has-record', on);
    for (const key of ['status', 'efz', 'qualifizierung', 'einsaetze', 'abrechnung', 'verlauf'] as const) tabs.setAvailable(key, on);
  }

  /** source: the panel that made the change, or null for a fresh load (every form is refilled). */
  function showRecord(record: PilotRecord, source: PanelKey | null): void {
    title.textContent = pilotName(record.pilot) || 'Lotse';
    for (const [key, panel] of Object.entries(panels) as [PanelKey, RecordPanel][]) {
      panel.show(record, source === null || source === key);
    }
  }

  /** The desk user suggests "Eingesehen von"; without settings the field simply starts empty. */
  async function ensureSettings(): Promise<void> {
    if (settingsLoaded) return;
    try {
      deskUser = (await api.getSettings()).desk_user ?? '';
      settingsLoaded = true;
    } catch {
      deskUser = '';
    }
  }

  async function load(id: number, tab: RecordTab = 'stammdaten'): Promise<boolean> {
    const seq = ++loadSeq;
    try {
      const [record] = await Promise.all([api.pilotRecord(id), ensureSettings()]);
      if (seq !== loadSeq) return false; // another pilot was opened meanwhile
      setRecordTabs(true);
      showRecord(record, null);
      tabs.select(tab);
      return true;
    } catch (e) {
      if (seq !== loadSeq) return false;
      setRecordTabs(false);
      ctx.showError(`Status, Führungszeugnis und Qualifizierung konnten nicht geladen werden: ${api.toAppError(e).message}`);
      return false;
    }
  }

  setRecordTabs(false);

  return {
    element,
    load,
    clear(): void {
      loadSeq++;
      setRecordTabs(false);
      tabs.select('stammdaten');
    },
    selectedTab: () => tabs.selected() as RecordTab,
    onEscape(): boolean {
      return Object.values(panels).some((p) => p.onEscape?.() ?? false);
    },
  };
}
