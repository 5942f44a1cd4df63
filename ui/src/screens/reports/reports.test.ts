// The Berichte screen against a fake backend: each report asks the backend for the chosen year, pilot and
// format; the Sachbericht's texts are loaded per year and saved as typed; every control has its label.
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pilot, reference, pageOf } from '../../test/fixtures';
import { $, choose, installBackend, labelOf, start, texts, type Call, type Handler } from '../../test/testkit';
import type { ReportTexts, TextSection } from '../../backend/types';

let calls: Call[];
let handlers: Record<string, Handler>;
let stored: Record<number, TextSection[]>;

const callsOf = (cmd: string) => calls.filter((c) => c.cmd === cmd);
const sections = (): TextSection[] => [
  { key: 'goals', heading: 'Ziele und Ausgangslage', text: '' },
  { key: 'work', heading: 'Durchführung', text: '' },
];
const textsOf = (year: number): ReportTexts => ({
  year,
  figures: `Im Jahr ${year} waren bis zu 21 Integrationslotsinnen und -lotsen gleichzeitig aktiv.`,
  sections: structuredClone(stored[year] ?? sections()),
});

beforeEach(() => {
  stored = {};
  handlers = {
    reference_data: () => reference(),
    app_state: () => ({ empty: false, db_path: '/tmp/lotsen.db', today: '2026-11-15' }),
    pilot_page: (a) => pageOf([pilot({ id: 1 }), pilot({ id: 2, first_name: 'Olena', last_name: 'Kovalenko' })], a),
    pilot_names: () => [pilot({ id: 1 }), pilot({ id: 2, first_name: 'Olena', last_name: 'Kovalenko' })],
    report_texts: (a) => textsOf(a.year as number),
    save_report_texts: (a) => {
      stored[a.year as number] = a.sections as TextSection[];
      return textsOf(a.year as number);
    },
    print_report: () => ({ path: '/docs/2025/12/Jahresbericht_2025.pdf' }),
    save_report_as: (a) => ({ path: `/tmp/${a.kind}.${a.format}` }),
    print_coverage_report: () => ({ path: '/docs/Abdeckungsbericht.pdf' }),
    save_coverage_report: () => ({ path: '/tmp/Abdeckungsbericht.pdf' }),
  };
  calls = installBackend(handlers);
});

afterEach(() => {
  clearMocks();
  document.body.replaceChildren();
});

async function goTo(): Promise<void> {
  await start(calls);
  $('#nav-berichte').click();
  await vi.waitFor(() => expect($('#sachbericht-title').textContent).toBe('Sachbericht 2025'));
}

describe('Berichte', () => {
  it('shows the four reports, last year chosen, each control labelled', async () => {
    await goTo();
    expect(texts('.report-panel h3')).toEqual(['Jahresbericht', 'Verwendungsnachweis', 'Jahresbescheinigungen', 'Abdeckungsbericht']);
    expect($<HTMLSelectElement>('#annual-year').value).toBe('2025');
    expect(labelOf('grant-year')).toBe('Haushaltsjahr');
    expect(labelOf('certificate-pilot')).toBe('Lotse');
    expect(labelOf('annual-format')).toBe('Format');
    expect(labelOf('text-work')).toBe('Durchführung');
    expect(texts('#certificate-pilot option')[0]).toBe('Alle Lotsen mit Zahlungen');
    expect(texts('#report-grant button')).toContain('Speichern unter…');
  });

  it('asks for the chosen year, pilot and format', async () => {
    await goTo();
    choose('#grant-year', '2026');
    choose('#grant-format', 'xlsx');
    $('#save-grant').click();
    await vi.waitFor(() => expect(callsOf('save_report_as')).toHaveLength(1));
    expect(callsOf('save_report_as')[0].args).toEqual({ kind: 'grant', year: 2026, pilotId: null, format: 'xlsx' });
    await vi.waitFor(() => expect($<HTMLButtonElement>('#print-certificate').disabled).toBe(false));
    $<HTMLSelectElement>('#certificate-pilot').focus();
    choose('#certificate-pilot', '2');
    $('#print-certificate').click();
    await vi.waitFor(() => expect(callsOf('print_report')).toHaveLength(1));
    expect(callsOf('print_report')[0].args).toEqual({ kind: 'certificate', year: 2025, pilotId: 2 });
  });

  it('puts the pilots into the list only when it is used', async () => {
    await goTo();
    await vi.waitFor(() => expect(callsOf('pilot_names')).toHaveLength(1));
    await Promise.resolve();
    expect(texts('#certificate-pilot option')).toEqual(['Alle Lotsen mit Zahlungen']);
    $('#certificate-pilot').dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(texts('#certificate-pilot option')).toEqual([
      'Alle Lotsen mit Zahlungen',
      'Haddad, Amal (Nr. 1)',
      'Kovalenko, Olena (Nr. 2)',
    ]);
    choose('#certificate-pilot', '2');
    $('#certificate-pilot').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(texts('#certificate-pilot option')).toHaveLength(3);
    expect($<HTMLSelectElement>('#certificate-pilot').value).toBe('2');
  });

  it('keeps the Sachbericht texts per year', async () => {
    await goTo();
    choose('#grant-year', '2026');
    await vi.waitFor(() => expect($('#sachbericht-title').textContent).toBe('Sachbericht 2026'));
    expect($('#sachbericht-figures').textContent).toContain('Im Jahr 2026');
    $<HTMLTextAreaElement>('#text-work').value = 'Begleitung zu Ämtern.';
    $('#save-report-texts').click();
    await vi.waitFor(() => expect(callsOf('save_report_texts')).toHaveLength(1));
    expect(callsOf('save_report_texts')[0].args.year).toBe(2026);
    expect((callsOf('save_report_texts')[0].args.sections as TextSection[])[1].text).toBe('Begleitung zu Ämtern.');
    choose('#grant-year', '2025');
    await vi.waitFor(() => expect($<HTMLTextAreaElement>('#text-work').value).toBe(''));
    choose('#grant-year', '2026');
    await vi.waitFor(() => expect($<HTMLTextAreaElement>('#text-work').value).toBe('Begleitung zu Ämtern.'));
  });
});
