// End-to-end: the Berichte screen produces each report through "Speichern unter…" (LOTSEN_SAVE_AS_DIR) and
// "Drucken" (filed in the documents folder); pdftotext reads them; the workbooks are real XLSX files.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { SHOTS, CLI, TODAY, openApp, closeApp, freshDb, cliJson, selectOption } from './harness.mjs';

after(closeApp);

const cli = (db, ...args) => execFileSync(CLI, ['--db', db, '--today', TODAY, ...args], { encoding: 'utf8', stdio: 'pipe' });
const pdfText = (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

test('Berichte: Jahresbericht, Verwendungsnachweis, Jahresbescheinigungen and Abdeckungsbericht are produced and read back', async () => {
  const db = freshDb();
  mkdirSync(dirname(db), { recursive: true });
  cli(db, 'demo');
  // Six months paid before the app opens.
  for (const m of ['05', '06', '07', '08', '09', '10']) {
    cli(db, 'run', 'create', `2026-${m}`);
    cli(db, 'run', 'approve', `2026-${m}`);
    cli(db, 'run', 'paid', `2026-${m}`, '--paid-on', TODAY);
  }
  const runs = ['05', '06', '07', '08', '09', '10'].map((m) => cliJson(db, 'run', 'show', `2026-${m}`));
  const saveDir = join(dirname(db), 'gespeichert');
  const s = await openApp(db, { LOTSEN_SAVE_AS_DIR: saveDir });
  await s.click('#nav-berichte');
  await s.el('#report-grant');
  const navs = await s.exec(`return [...document.querySelectorAll('nav button')].map(b => b.innerText);`);
  assert.deepEqual(navs.slice(0, 6), ['Übersicht', 'Lotsen', 'Qualifizierung', 'Abrechnung', 'Berichte', 'Einstellungen']);

  const saved = (name) => join(saveDir, name);
  const waitFile = (file) => s.waitFor(file, async () => existsSync(file));

  // Verwendungsnachweis 2026 as PDF and XLSX.
  await selectOption(s, '#grant-year', '2026');
  await s.waitFor('Sachbericht 2026', async () =>
    (await s.exec(`return document.querySelector('#sachbericht-title').innerText;`)) === 'Sachbericht 2026');
  await s.type('#text-work', 'Begleitung zu Ämtern und Schulen.');
  await s.click('#save-report-texts');
  await s.waitFor('texts saved', async () => (await s.exec(`return document.body.innerText;`)).includes('Gespeichert.'));
  writeFileSync(join(SHOTS, 'berichte.png'), await s.screenshot());
  await s.click('#save-grant');
  await waitFile(saved('Verwendungsnachweis_2026.pdf'));
  const grant = pdfText(saved('Verwendungsnachweis_2026.pdf'));
  for (const r of runs) {
    for (const l of r.lines.filter((x) => x.net_cents > 0)) assert.ok(grant.includes(l.statement_number), l.statement_number);
  }
  assert.match(grant, /Belegliste/);
  assert.match(grant, /Begleitung zu Ämtern und Schulen\./);
  await selectOption(s, '#grant-format', 'xlsx');
  await s.click('#save-grant');
  await waitFile(saved('Verwendungsnachweis_2026.xlsx'));
  const sheets = execFileSync('unzip', ['-l', saved('Verwendungsnachweis_2026.xlsx')], { encoding: 'utf8' });
  assert.match(sheets, /xl\/worksheets\/sheet3\.xml/);

  // Jahresbericht 2026.
  await selectOption(s, '#annual-year', '2026');
  await s.click('#save-annual');
  await waitFile(saved('Jahresbericht_2026.pdf'));
  const annual = pdfText(saved('Jahresbericht_2026.pdf'));
  assert.match(annual, /Jahresbericht 2026/);
  assert.match(annual, /Aktive Lotsinnen und Lotsen je Altkreis/);

  // Jahresbescheinigungen: "Drucken" files one per pilot and the combined file.
  await selectOption(s, '#certificate-year', '2026');
  await s.click('#print-certificate');
  const folder = join(dirname(db), '..', 'Dokumente', '2026', '12');
  const combined = join(folder, 'Jahresbescheinigungen_2026.pdf');
  await waitFile(combined);
  const paid = new Set(runs.flatMap((r) => r.lines.filter((l) => l.net_cents > 0).map((l) => l.pilot_id)));
  const singles = readdirSync(folder).filter((f) => f.startsWith('Jahresbescheinigung_2026_'));
  assert.equal(singles.length, paid.size);
  const text = pdfText(combined);
  assert.equal(text.split('Hiermit bescheinigen wir').length - 1, paid.size);

  // Abdeckungsbericht, also from here.
  await s.click('#save-coverage-report');
  await waitFile(saved(`Abdeckungsbericht_${TODAY}.pdf`));
  assert.match(pdfText(saved(`Abdeckungsbericht_${TODAY}.pdf`)), /Abdeckungsbericht/);
});
