// The app shell: title, navigation, error banner, status line, busy bar, first-start dialog.
import './app/shell.css';
import { mountAbrechnung } from './screens/allowances/allowances';
import * as api from './backend/api';
import { h, replace } from './shared/dom';
import { mountCourses } from './screens/training/courses';
import { mountLotsen } from './screens/pilots/pilots';
import { mountOverview } from './screens/overview/overview';
import type { RecordTab } from './screens/pilots/pilotRecord';
import { mountBusyBar } from './app/busy';
import { careBanner } from './app/care';
import { takeNotice } from './app/notice';
import { mountProtokoll } from './screens/audit/audit';
import { mountReports } from './screens/reports/reports';
import { mountSettings } from './screens/settings/settings';
import type { Screen, ScreenContext, ScreenDef } from './app/screen';
import type { AppState } from './backend/types';

/** The navigation of docs/DOMAIN.md#screens, in order. A screen appears once it has a mount function. */
export const SCREENS: ScreenDef[] = [
  { id: 'uebersicht', label: 'Übersicht', mount: mountOverview },
  { id: 'lotsen', label: 'Lotsen', mount: mountLotsen },
  { id: 'qualifizierung', label: 'Qualifizierung', mount: mountCourses },
  { id: 'abrechnung', label: 'Abrechnung', mount: mountAbrechnung },
  { id: 'berichte', label: 'Berichte', mount: mountReports },
  { id: 'einstellungen', label: 'Einstellungen', mount: mountSettings },
  // After the navigation of docs/DOMAIN.md#screens: the audit log (docs/DOMAIN.md#audit), last.
  { id: 'protokoll', label: 'Protokoll', mount: mountProtokoll },
];

const TOAST_MS = 3000;
/** A message carried over a reload (after a restore) stays longer. */
const NOTICE_MS = 10000;

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function startApp(root: HTMLElement, screens: ScreenDef[] = SCREENS): Promise<void> {
  // Where a start's time goes, for benches/app.mjs: the page's script runs, the shared data is there.
  performance.mark('start:script');
  const available = screens.filter((s) => s.mount);
  let today = localToday();
  let current: Screen | null = null;
  let toastTimer: ReturnType<typeof setTimeout> | undefined;

  // ---- shell ---------------------------------------------------------------------------------
  const navList = h('ul', {});
  const bannerText = h('span', { class: 'banner-text' });
  const banner = h(
    'div',
    { id: 'error-banner', class: 'error-banner', role: 'alert', hidden: true },
    bannerText,
    h('button', { type: 'button', class: 'banner-close', 'aria-label': 'Meldung schließen', onclick: () => clearError() }, '×'),
  );
  const toastEl = h('div', { id: 'toast', class: 'toast', role: 'status', 'aria-live': 'polite' });
  const main = h('main', { id: 'main', class: 'main' });
  const busyBar = mountBusyBar();

  replace(
    root,
    h(
      'header',
      { class: 'app-header' },
      h('h1', { class: 'app-title' }, 'Lotsenbüro'),
      h('nav', { class: 'app-nav', 'aria-label': 'Hauptnavigation' }, navList),
    ),
    banner,
    main,
    toastEl,
    busyBar,
  );
  // Steps of long work; without them the bar still shows what runs.
  api.listenToProgress().catch(() => undefined);

  function showError(message: string): void {
    bannerText.textContent = message;
    banner.hidden = false;
  }
  function clearError(): void {
    bannerText.textContent = '';
    banner.hidden = true;
  }
  function toast(message: string, ms = TOAST_MS): void {
    toastEl.textContent = message;
    toastEl.classList.add('visible');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      toastEl.classList.remove('visible');
      toastEl.textContent = '';
    }, ms);
  }

  // ---- data the screens share ----------------------------------------------------------------
  let state: AppState;
  let ctx: ScreenContext;
  try {
    const [reference, appState] = await Promise.all([api.referenceData(), api.appState()]);
    state = appState;
    performance.mark('start:data');
    // A fixed date (LOTSEN_TODAY) stays; otherwise the backend reads the local date at every
    // action, and so does the window (left open over midnight it shows the new day).
    const followClock = appState.today_fixed === false;
    if (state.today) today = state.today;
    ctx = {
      reference,
      setReference: (r) => {
        ctx.reference = r;
      },
      today: () => (followClock ? localToday() : today),
      toast: (message) => toast(message),
      showError,
      clearError,
      openPilot,
      showScreen: (id) => {
        const def = available.find((s) => s.id === id);
        if (def) void show(def);
      },
    };
  } catch (e) {
    showError(`Die Anwendung konnte nicht starten: ${api.toAppError(e).message}`);
    return;
  }

  // ---- navigation ----------------------------------------------------------------------------
  const navButtons = new Map<string, HTMLButtonElement>();
  for (const s of available) {
    const btn = h('button', { type: 'button', id: `nav-${s.id}`, class: 'nav-button', onclick: () => show(s) }, s.label);
    navButtons.set(s.id, btn);
    navList.append(h('li', {}, btn));
  }

  function show(def: ScreenDef): Promise<void> {
    if (!def.mount) return Promise.resolve();
    const started = performance.now();
    clearError();
    replace(main);
    current = def.mount(main, ctx);
    for (const [id, btn] of navButtons) {
      if (id === def.id) btn.setAttribute('aria-current', 'page');
      else btn.removeAttribute('aria-current');
    }
    // How long the screen took from the click to its content, for benches/app.py (performance.getEntriesByType('measure')).
    return current.refresh().finally(() => {
      const name = `screen:${def.id}`;
      performance.clearMeasures(name); // only the last one: the window may stay open for weeks
      performance.measure(name, { start: started, end: performance.now() });
    });
  }

  /** From any screen to a pilot's page on the Lotsen screen. */
  function openPilot(id: number, tab?: RecordTab): void {
    const lotsen = available.find((s) => s.id === 'lotsen');
    if (!lotsen) return;
    void show(lotsen);
    void current?.openPilot?.(id, tab);
  }

  // ---- first start ---------------------------------------------------------------------------
  const startDemo = h('button', { type: 'button', id: 'start-demo', class: 'primary' }, 'Demodaten laden');
  const startEmpty = h('button', { type: 'button', id: 'start-empty', class: 'secondary' }, 'Leer beginnen');
  const startError = h('p', { id: 'first-start-error', class: 'field-error', role: 'alert' });
  const dialog = h(
    'dialog',
    { id: 'first-start', class: 'dialog', 'aria-labelledby': 'first-start-title', 'aria-describedby': 'first-start-text' },
    h('h2', { id: 'first-start-title' }, 'Willkommen im Lotsenbüro'),
    h(
      'div',
      { id: 'first-start-text' },
      h('p', {}, 'Die Datenbank ist noch leer: Es sind keine Lotsen erfasst.'),
      h(
        'p',
        {},
        'Zum Kennenlernen können Sie Demodaten mit erfundenen Personen laden. ',
        'Wenn Sie gleich mit den eigenen Lotsen arbeiten möchten, beginnen Sie leer.',
      ),
      h('p', { class: 'db-path' }, 'Speicherort der Daten: ', h('code', {}, state.db_path)),
    ),
    startError,
    h('div', { class: 'button-row' }, startDemo, startEmpty),
  );
  root.append(dialog);

  function openDialog(): void {
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    startDemo.focus();
  }
  function closeDialog(): void {
    if (typeof dialog.close === 'function') dialog.close();
    dialog.removeAttribute('open');
    root.querySelector<HTMLElement>('#new-pilot')?.focus();
  }
  startEmpty.addEventListener('click', closeDialog);
  dialog.addEventListener('cancel', (ev) => {
    ev.preventDefault(); // close through our own path, so focus lands in the app
    closeDialog();
  });
  startDemo.addEventListener('click', () => {
    startDemo.disabled = true;
    startEmpty.disabled = true;
    startError.textContent = '';
    void (async () => {
      try {
        const n = await api.loadDemo();
        closeDialog();
        toast(`${n} Demo-Lotsen geladen.`);
        await current?.refresh();
      } catch (e) {
        startError.textContent = `Die Demodaten konnten nicht geladen werden: ${api.toAppError(e).message}`;
      } finally {
        startDemo.disabled = false;
        startEmpty.disabled = false;
      }
    })();
  });

  document.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape') return;
    if (dialog.open || dialog.hasAttribute('open')) {
      ev.preventDefault();
      closeDialog();
    } else if (current?.onEscape?.()) {
      ev.preventDefault();
    }
  });

  const first = available.find((s) => s.id === 'lotsen') ?? available[0];
  const shown = first ? show(first) : Promise.resolve();
  if (state.empty) openDialog();
  const notice = takeNotice();
  if (notice) toast(notice, NOTICE_MS);
  // The care at start-up (backup, due deletions) runs in the backend once the first screen is there;
  // asking for its problems starts it.
  void shown.finally(() => void showCareProblems());

  async function showCareProblems(): Promise<void> {
    try {
      const care = careBanner(await api.startupProblems());
      if (care) banner.after(care);
    } catch {
      // Nothing to show: the care problems are in the log file as well.
    }
  }
}

const root = document.getElementById('app');
if (root) void startApp(root);
