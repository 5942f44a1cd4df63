// The "Berichte" screen (docs/DOMAIN.md#reports): the Jahresbericht for the integration network, the
// Verwendungsnachweis of a budget year with its Sachbericht texts kept per year, the Jahresbescheinigungen of
// the pilots (one or all), and the Abdeckungsbericht (also on the Übersicht). Each with its year, "Drucken"
// (filed and opened) and "Speichern unter…" as PDF or XLSX; the backend draws them and reports its progress.
import * as api from '../../backend/api';
import { h, options, replace } from '../../shared/dom';
import { dateInput, labelled, readDate } from '../../shared/fields';
import { formatDate, pilotName } from '../../shared/format';
import type { Screen, ScreenContext } from '../../app/screen';
import type { PilotName, ReportFormat, ReportKind, ReportTexts } from '../../backend/types';

export const FORMAT_OPTIONS: { value: ReportFormat; label: string }[] = [
  { value: 'pdf', label: 'PDF' },
  { value: 'xlsx', label: 'Excel (XLSX)' },
];

const TITLES: Record<ReportKind, string> = {
  annual: 'Jahresbericht',
  grant: 'Verwendungsnachweis',
  certificate: 'Jahresbescheinigungen',
};

function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** The years offered: three back, this one and the next. */
function yearOptions(thisYear: number): { value: string; label: string }[] {
  return [...Array(5)].map((_, i) => thisYear - 3 + i).map((y) => ({ value: String(y), label: String(y) }));
}

export function mountReports(container: HTMLElement, ctx: ScreenContext): Screen {
  let busy = false;
  const thisYear = yearOf(ctx.today());
  const buttons: HTMLButtonElement[] = [];

  function setBusy(on: boolean): void {
    busy = on;
    for (const b of buttons) b.disabled = on;
  }

  async function run(what: string, work: () => Promise<{ path: string } | null>): Promise<void> {
    if (busy) return;
    ctx.clearError();
    setBusy(true);
    try {
      const saved = await work();
      if (saved) ctx.toast(`Gespeichert unter ${saved.path}`);
    } catch (e) {
      ctx.showError(`${what} konnte nicht erstellt werden: ${api.toAppError(e).message}`);
    } finally {
      setBusy(false);
    }
  }

  /** One report's panel: year, optional extra controls, Drucken, format and Speichern unter…. */
  function reportPanel(kind: ReportKind, hint: string, extra: HTMLElement[] = [], pilot: () => number | null = () => null) {
    const year = h('select', {});
    // A year's reports are usually made after it ended: last year is preselected.
    year.append(...options(yearOptions(thisYear)));
    year.value = String(thisYear - 1);
    const format = h('select', {});
    format.append(...options(FORMAT_OPTIONS));
    const print = h('button', { type: 'button', id: `print-${kind}`, class: 'secondary' }, 'Drucken');
    const save = h('button', { type: 'button', id: `save-${kind}`, class: 'secondary' }, 'Speichern unter…');
    buttons.push(print, save);
    const title = TITLES[kind];
    print.addEventListener('click', () => void run(title, () => api.printReport(kind, Number(year.value), pilot())));
    save.addEventListener(
      'click',
      () => void run(title, () => api.saveReportAs(kind, Number(year.value), pilot(), format.value as ReportFormat)),
    );
    const element = h(
      'section',
      { id: `report-${kind}`, class: 'panel report-panel', 'aria-labelledby': `report-${kind}-title` },
      h('div', { class: 'panel-header' }, h('h3', { id: `report-${kind}-title` }, title)),
      h('p', { class: 'hint' }, hint),
      h(
        'div',
        { class: 'toolbar' },
        labelled(`${kind}-year`, kind === 'grant' ? 'Haushaltsjahr' : 'Jahr', year, 'tool'),
        ...extra,
        labelled(`${kind}-format`, 'Format', format, 'tool'),
        h('span', { class: 'spacer' }),
        h('div', { class: 'button-row', role: 'group', 'aria-label': title }, print, save),
      ),
    );
    return { element, year };
  }

  // ---- Jahresbericht ------------------------------------------------------------------------------
  const annual = reportPanel(
    'annual',
    'Für das Integrationsnetzwerk, ohne Namen: aktive Lotsen je Altkreis und Monat, Gewinnung, Qualifizierung, Berufung, ' +
      'Lehrgänge, Tätigkeiten nach Aufgabenbereich, unterstützte Personen und Familien, Verlauf der Abdeckung.',
  );

  // ---- Verwendungsnachweis with the Sachbericht texts ------------------------------------------------
  const grant = reportPanel(
    'grant',
    'Zahlenmäßiger Nachweis (Zuwendung, Ausgaben je Monat, Korrekturen, Rückforderungen, Rest), Belegliste jeder Zahlung ' +
      'und Sachbericht-Entwurf. Es zählen nur bezahlte Abrechnungsläufe.',
  );
  const figures = h('p', { id: 'sachbericht-figures', class: 'sachbericht-figures' });
  const sectionFields = h('div', { class: 'sachbericht-sections' });
  const saveTexts = h('button', { type: 'button', id: 'save-report-texts', class: 'primary' }, 'Speichern');
  buttons.push(saveTexts);
  const textsTitle = h('h4', { id: 'sachbericht-title' }, 'Sachbericht');
  const textsPanel = h(
    'div',
    { class: 'sachbericht', role: 'group', 'aria-labelledby': 'sachbericht-title' },
    textsTitle,
    h('p', { class: 'hint' }, 'Die Zahlen werden beim Erstellen eingesetzt; die Textabschnitte werden je Haushaltsjahr gespeichert.'),
    figures,
    sectionFields,
    h('div', { class: 'form-actions' }, saveTexts),
  );
  grant.element.append(textsPanel);
  const textAreas = new Map<string, HTMLTextAreaElement>();
  let texts: ReportTexts | null = null;

  function fillTexts(t: ReportTexts): void {
    texts = t;
    textsTitle.textContent = `Sachbericht ${t.year}`;
    figures.textContent = t.figures;
    textAreas.clear();
    replace(
      sectionFields,
      ...t.sections.map((s) => {
        const area = h('textarea', { rows: 4, maxlength: 20000 });
        area.value = s.text;
        textAreas.set(s.key, area);
        return labelled(`text-${s.key}`, s.heading, area);
      }),
    );
  }

  async function loadTexts(): Promise<void> {
    try {
      fillTexts(await api.reportTexts(Number(grant.year.value)));
    } catch (e) {
      ctx.showError(`Der Sachbericht konnte nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }
  grant.year.addEventListener('change', () => void loadTexts());
  saveTexts.addEventListener('click', async () => {
    if (busy || !texts) return;
    ctx.clearError();
    setBusy(true);
    try {
      const sections = texts.sections.map((s) => ({ ...s, text: textAreas.get(s.key)?.value ?? '' }));
      fillTexts(await api.saveReportTexts(texts.year, sections));
      ctx.toast('Gespeichert.');
    } catch (e) {
      const err = api.toAppError(e);
      ctx.showError(`Der Sachbericht konnte nicht gespeichert werden: ${err.message}`);
    } finally {
      setBusy(false);
    }
  });

  // ---- Jahresbescheinigungen ------------------------------------------------------------------------
  const pilotSelect = h('select', {});
  const certificate = reportPanel(
    'certificate',
    'Je Lotse alle Zahlungen des Kalenderjahres nach dem Monat des Zuflusses, mit Abrechnungsnummer, Zahltag und Summe, ' +
      'und dem Hinweis zu Steuer und Jobcenter (Einstellungen). „Drucken“ legt für alle Lotsen je eine Datei und die Sammeldatei ab.',
    [labelled('certificate-pilot', 'Lotse', pilotSelect, 'tool')],
    () => (pilotSelect.value === '' ? null : Number(pilotSelect.value)),
  );

  // The names are fetched with the screen, but the options are only put into the list when it is
  // used (focus, pointer or key): WebKit measures every option of a select when its options change,
  // about 0.2 s for 10,000 pilots, which the screen should not wait for. Until then the list holds
  // "all" and the pilot chosen, so what is chosen is always shown.
  const ALL = { value: '', label: 'Alle Lotsen mit Zahlungen' };
  let names: PilotName[] = [];
  let filled = false;

  const entry = (p: PilotName) => ({ value: String(p.id), label: `${pilotName(p)} (Nr. ${p.id})` });

  function showPilots(all: boolean): void {
    const chosen = pilotSelect.value;
    const shown = all ? names : names.filter((p) => String(p.id) === chosen);
    replace(pilotSelect, ...options([ALL, ...shown.map(entry)]));
    pilotSelect.value = chosen;
    if (pilotSelect.value !== chosen) pilotSelect.value = '';
    filled = all;
  }

  function fillPilots(): void {
    if (!filled) showPilots(true);
  }
  for (const ev of ['focus', 'pointerdown', 'mousedown', 'keydown']) pilotSelect.addEventListener(ev, fillPilots);

  async function loadPilots(): Promise<void> {
    try {
      names = await api.pilotNames();
      showPilots(document.activeElement === pilotSelect);
    } catch (e) {
      ctx.showError(`Die Lotsen konnten nicht geladen werden: ${api.toAppError(e).message}`);
    }
  }

  // ---- Abdeckungsbericht ----------------------------------------------------------------------------
  const coverageDate = dateInput();
  const coveragePrint = h('button', { type: 'button', id: 'print-coverage-report', class: 'secondary' }, 'Drucken');
  const coverageSave = h('button', { type: 'button', id: 'save-coverage-report', class: 'secondary' }, 'Speichern unter…');
  buttons.push(coveragePrint, coverageSave);
  async function coverageReport(kind: 'print' | 'save'): Promise<void> {
    const iso = readDate(coverageDate);
    if (iso === undefined) {
      ctx.showError('Stichtag: bitte als TT.MM.JJJJ eingeben.');
      coverageDate.focus();
      return;
    }
    await run('Der Abdeckungsbericht', () =>
      kind === 'print' ? api.printCoverageReport(iso) : api.saveCoverageReport(iso),
    );
  }
  coveragePrint.addEventListener('click', () => void coverageReport('print'));
  coverageSave.addEventListener('click', () => void coverageReport('save'));
  const coveragePanel = h(
    'section',
    { id: 'report-coverage', class: 'panel report-panel', 'aria-labelledby': 'report-coverage-title' },
    h('div', { class: 'panel-header' }, h('h3', { id: 'report-coverage-title' }, 'Abdeckungsbericht')),
    h('p', { class: 'hint' }, 'Einsatzbereite Lotsen je Altkreis am Stichtag, Sprachen und Verlauf (auch auf der Übersicht). Nur als PDF.'),
    h(
      'div',
      { class: 'toolbar' },
      labelled('coverage-report-date', 'Stichtag', coverageDate, 'tool'),
      h('span', { class: 'spacer' }),
      h('div', { class: 'button-row', role: 'group', 'aria-label': 'Abdeckungsbericht' }, coveragePrint, coverageSave),
    ),
  );

  const element = h(
    'section',
    { id: 'screen-berichte', class: 'screen screen-berichte', 'aria-labelledby': 'berichte-title' },
    h('h2', { id: 'berichte-title', class: 'screen-title' }, 'Berichte'),
    h('div', { class: 'reports-scroll' }, annual.element, grant.element, certificate.element, coveragePanel),
  );
  container.append(element);

  async function refresh(): Promise<void> {
    if (coverageDate.value.trim() === '') coverageDate.value = formatDate(ctx.today());
    await Promise.all([loadTexts(), loadPilots()]);
  }

  return { element, refresh };
}
