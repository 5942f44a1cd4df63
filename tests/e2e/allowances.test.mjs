// End-to-end: a month's allowance run in the app — refused over budget, approved, paid, locked,
// and its documents and SEPA file saved (the SEPA file before "bezahlt").
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { SHOTS, openApp, closeApp, freshDb, cliJson } from './harness.mjs';

after(closeApp);

test('run: refused over budget, approved after raising it, paid, locked; documents saved', async () => {
  const db = freshDb();
  const saveDir = join(dirname(db), 'gespeichert');
  const s = await openApp(db, { LOTSEN_SAVE_AS_DIR: saveDir });
  await s.click('#start-demo');

  // The SEPA debtor account, in the settings.
  await s.click('#nav-einstellungen');
  await s.fill('#set-debtor_iban', 'DE02 1203 0000 0000 2020 51');
  await s.click('#save-settings');
  await s.waitFor('settings saved', async () => (await s.text('#toast')).includes('gespeichert'));

  await s.click('#nav-abrechnung');
  await s.el('#screen-abrechnung');
  await s.fill('#b-amount', '1.000,00');
  await s.fill('#b-notice_number', 'HZ-2026-4711');
  await s.fill('#b-budget_line', '31500.53100');
  await s.click('#save-budget');
  await s.waitFor('budget shown', async () => (await s.text('#fig-budget')).includes('1.000,00'));

  await s.click('.create-run[data-month="2026-10"]');
  await s.el('#run-panel #run-lines');
  const run = cliJson(db, 'run', 'show', '2026-10');
  assert.equal(run.state, 'draft');
  assert.ok(run.total_cents > 100000, 'October costs more than the budget');
  const rows = await s.exec(`return document.querySelectorAll('#run-lines tr[data-pilot-id]').length;`);
  assert.equal(rows, run.lines.length);

  // Over budget: refused, with the shortfall in euros.
  await s.click('#approve-run');
  const refusal = await s.waitFor('approval refused', async () => {
    const t = await s.exec(`return document.querySelector('#approve-error')?.innerText || '';`);
    return t.includes('es fehlen') ? t : null;
  });
  const shortfall = (run.total_cents - 100000) / 100;
  assert.match(refusal, new RegExp(shortfall.toLocaleString('de-DE', { minimumFractionDigits: 2 }).replace('.', '\\.')));
  assert.equal(cliJson(db, 'run', 'show', '2026-10').state, 'draft');
  writeFileSync(join(SHOTS, 'abrechnung-abgelehnt.png'), await s.screenshot());

  // Raise the budget, approve, mark paid.
  await s.fill('#b-amount', '50.000,00');
  await s.click('#save-budget');
  await s.waitFor('budget raised', async () => (await s.text('#fig-budget')).includes('50.000,00'));
  await s.click('#approve-run');
  await s.waitFor('approved', async () => cliJson(db, 'run', 'show', '2026-10').state === 'approved');
  // The SEPA file, before "bezahlt" (afterwards no file is produced any more).
  await s.click('#save-sepa');
  const xmlFile = await s.waitFor('SEPA saved', async () => {
    if (!existsSync(saveDir)) return null;
    const f = execFileSync('ls', [saveDir], { encoding: 'utf8' }).split('\n').find((n) => n.endsWith('.xml'));
    return f ? join(saveDir, f) : null;
  });
  // The run panel is drawn anew with the export listed; fill the payment date only after that.
  await s.waitFor('export listed', async () => (await s.text('#save-sepa')).includes('erneut erstellen'));
  await s.fill('#paid-on', '26.11.2026');
  await s.click('#mark-paid');
  await s.waitFor('paid', async () => cliJson(db, 'run', 'show', '2026-10').state === 'paid');
  const paid = cliJson(db, 'run', 'show', '2026-10');
  assert.equal(paid.paid_on, '2026-11-26');
  assert.equal(paid.lines[0].statement_number, 'AE-2026-10-001');

  // Locked: no editing controls left.
  await s.waitFor('editing controls gone', async () => s.exec(
    `return !document.querySelector('#recompute-run, #approve-run, #delete-draft, #run-panel .lower-line');`));
  writeFileSync(join(SHOTS, 'abrechnung-bezahlt.png'), await s.screenshot());

  // "Speichern unter…": the combined PDF; then the SEPA file.
  await s.click('#save-run');
  const pdf = join(saveDir, 'Abrechnung_2026-10.pdf');
  await s.waitFor('run PDF saved', async () => existsSync(pdf));
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  assert.match(text, /Auszahlungsliste/);
  for (const l of paid.lines) assert.ok(text.includes(l.statement_number), l.statement_number);
  assert.equal(await s.exec(`return !!document.querySelector('#save-sepa');`), false, 'no SEPA file after "bezahlt"');
  const xml = readFileSync(xmlFile, 'utf8');
  const sum = (paid.total_cents / 100).toFixed(2);
  assert.match(xml, new RegExp(`<CtrlSum>${sum}</CtrlSum>`));
});
