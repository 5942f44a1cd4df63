// End-to-end: a pilot who joined before the app existed. Entered with his past through the pilot's page
// (in the programme since 01.03.2024; eFZ, modules recognised, test, appointment and refresher dated 2024
// and 2025; a move to another district); the November 2026 run pays him the full 130,00 €. Then a mistaken
// "Ausgeschieden" is cancelled with "Rückgängig": the history shows it cancelled, the eFZ facts are kept.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { SHOTS, openApp, closeApp, freshDb, selectOption, CLI } from './harness.mjs';

after(closeApp);

/** The command line on `db` with its own "today" (the harness's cliJson fixes 26.11.2026). */
function cli(db, today, ...args) {
  return JSON.parse(execFileSync(CLI, ['--db', db, '--today', today, ...args, '--json'], { encoding: 'utf8' }));
}

async function toast(s, part) {
  return s.waitFor(`toast „${part}“`, async () => (await s.text('#toast')).includes(part));
}

/** A status change through the "Status ändern" dialog, dated `on` (TT.MM.JJJJ). */
async function changeStatus(s, status, on) {
  await s.click('#tab-status');
  await s.click('#change-status');
  await selectOption(s, '#status-new', status);
  await s.fill('#status-date', on);
  await s.click('#status-apply');
  await s.waitFor('status dialog closed', async () => !(await s.displayed('#status-dialog')));
}

test('a pilot in the programme since 01.03.2024 is entered with his past; November 2026 pays 130,00 €; a mistaken Ausgeschieden is cancelled', async () => {
  const db = freshDb();
  let s = await openApp(db);
  await s.click('#start-empty');
  const show = (today = '2026-11-26') => cli(db, today, 'pilots', 'show', String(id));

  // The pilot, entered today (26.11.2026).
  await s.click('#new-pilot');
  await s.fill('#f-first_name', 'Yusuf');
  await s.fill('#f-last_name', 'Beispielmann');
  await selectOption(s, '#f-municipality', 'Thale');
  await s.fill('#f-account_holder', 'Yusuf Beispielmann');
  await s.fill('#f-iban', 'DE89 3704 0044 0532 0130 00');
  await s.click('#save');
  await toast(s, 'Gespeichert');
  const id = cli(db, '2026-11-26', 'pilots', 'list')[0].id;

  // Im Programm seit 01.03.2024.
  await s.click('#tab-status');
  await s.fill('#since', '01.03.2024');
  await s.click('#save-since');
  await toast(s, 'Im Programm seit 01.03.2024');
  assert.equal(show().in_programme_since, '2024-03-01');

  // An appointment in 2024 without anything is refused, naming what was missing on that day.
  await s.click('#change-status');
  await selectOption(s, '#status-new', 'in_qualification');
  await s.fill('#status-date', '02.04.2024');
  await s.click('#status-apply');
  await s.waitFor('status dialog closed', async () => !(await s.displayed('#status-dialog')));
  await changeStatus(s, 'qualified', '20.08.2024');
  await s.click('#change-status');
  await selectOption(s, '#status-new', 'active');
  await s.fill('#status-date', '02.09.2024');
  await s.click('#status-apply');
  const missing = await s.waitFor('missing items', async () => {
    const items = await s.exec(`return [...document.querySelectorAll('#status-missing li')].map(li => li.innerText);`);
    return items.length ? items : null;
  });
  assert.ok(missing.some((m) => /Führungszeugnis/.test(m)), JSON.stringify(missing));
  assert.ok(missing.some((m) => /Modul/.test(m)), JSON.stringify(missing));
  assert.ok(missing.some((m) => /Abschlusstest/.test(m)), JSON.stringify(missing));
  assert.equal(show().status, 'qualified');
  await s.click('#status-cancel');

  // eFZ of 2024: letter, certificate, inspection.
  await s.click('#tab-efz');
  await s.fill('#s-letter_issued_on', '05.03.2024');
  await s.fill('#s-certificate_dated', '20.03.2024');
  await s.fill('#s-inspected_on', '10.04.2024');
  await s.fill('#s-inspected_by', 'Frau Koordination');
  await selectOption(s, '#s-result', 'clear');
  await s.click('#save-screening');
  await toast(s, 'Führungszeugnis gespeichert');

  // The five modules, done at the adult education centre in 2024: recognised ("anerkannt").
  await s.click('#tab-qualifizierung');
  for (const m of [1, 2, 3, 4, 5]) await s.click(`#c-kind-${m}`);
  await s.fill('#c-on', '30.06.2024');
  await s.fill('#c-note', 'Basislehrgang der VHS Harz');
  await s.click('#add-credit');
  await toast(s, 'Anerkannt: Modul 1');
  // A date in the future is refused at the field; nothing is written.
  await s.click('#c-kind-refresher');
  await s.fill('#c-on', '01.01.2027');
  await s.click('#add-credit');
  await s.waitFor('date error at the field', async () => (await s.text('#err-c-on')) !== '');
  assert.equal(await s.exec(`return document.querySelector('#c-on').getAttribute('aria-invalid');`), 'true');
  assert.equal(show().credits.length, 5);

  // The final test of 10.08.2024.
  await s.fill('#t-taken_on', '10.08.2024');
  await s.fill('#t-points', '42');
  await s.fill('#t-max_points', '60');
  await s.click('#t-interview_passed');
  await s.fill('#t-interviewer', 'Herr Prüfer');
  await s.click('#add-attempt');
  await toast(s, 'Testversuch gespeichert');

  // Appointment on 02.09.2024 and the refresher of February 2025.
  await changeStatus(s, 'active', '02.09.2024');
  await s.click('#tab-qualifizierung');
  await s.fill('#c-on', '14.02.2025');
  await s.fill('#c-note', 'Auffrischung beim Netzwerktreffen');
  await s.click('#add-credit');
  await toast(s, 'Anerkannt: Auffrischung');

  // He moved from Thale (Quedlinburg) to Wernigerode on 01.01.2026.
  await s.click('#tab-status');
  await selectOption(s, '#d-district', 'Wernigerode');
  await s.fill('#d-effective_on', '01.01.2026');
  await s.fill('#d-note', 'Umzug');
  await s.click('#save-district');
  await toast(s, 'Altkreis geändert');
  await s.waitFor('district history shown', async () =>
    (await s.text('#district-history tbody')).includes('Quedlinburg'));

  let r = show();
  assert.equal(r.status, 'active');
  assert.equal(r.appointed_on, '2024-09-02');
  assert.equal(r.eligible, true);
  assert.equal(r.final_test_passed, true);
  assert.equal(r.refresher.state, 'done');
  assert.ok(r.modules.every((m) => m.done && m.recognised));
  assert.equal(r.pilot.district, 'Wernigerode');
  assert.deepEqual(r.district_history.map((c) => [c.from, c.to, c.effective_on]), [['Quedlinburg', 'Wernigerode', '2026-01-01']]);
  assert.equal(await s.text('#rec-appointed'), '02.09.2024');
  writeFileSync(join(SHOTS, 'history-status.png'), await s.screenshot());
  await s.click('#tab-qualifizierung');
  writeFileSync(join(SHOTS, 'history-qualifizierung.png'), await s.screenshot());

  // December 1st: the November run pays him the full month.
  s = await openApp(db, { LOTSEN_TODAY: '2026-12-01' });
  await s.click('#nav-abrechnung');
  await s.el('#screen-abrechnung');
  await s.fill('#b-amount', '1.560,00');
  await s.fill('#b-notice_number', 'HZ-2026-4711');
  await s.fill('#b-budget_line', '31500.53100');
  await s.click('#save-budget');
  await s.waitFor('budget shown', async () => (await s.text('#fig-budget')).includes('1.560,00'));
  await s.click('.create-run[data-month="2026-11"]');
  await s.el('#run-panel #run-lines tr[data-pilot-id]');
  const line = await s.text(`#run-lines tr[data-pilot-id="${id}"]`);
  assert.match(line, /130,00 €/);
  await s.click('#approve-run');
  await s.waitFor('approved', async () => cli(db, '2026-12-01', 'run', 'show', '2026-11').state === 'approved');
  const run = cli(db, '2026-12-01', 'run', 'show', '2026-11');
  assert.equal(run.lines.length, 1);
  assert.equal(run.lines[0].eligible_days, 30);
  assert.equal(run.lines[0].amount_cents, 13000);
  assert.equal(run.lines[0].district, 'Wernigerode');
  assert.equal(run.lines[0].statement_number, 'AE-2026-11-001');

  // A mistaken "Ausgeschieden", cancelled with "Rückgängig".
  await s.click('#nav-lotsen');
  await s.click(`#pilot-table tbody tr[data-id="${id}"] td`);
  await changeStatus(s, 'left', '01.12.2026');
  assert.equal(show('2026-12-01').status, 'left');
  await s.click('#undo-status');
  await s.el('#undo-reason');
  await s.click('#undo-apply');
  await s.waitFor('reason missing at the field', async () => (await s.text('#err-undo-reason')) !== '');
  assert.equal(show('2026-12-01').status, 'left', 'nothing written without a reason');
  await s.fill('#undo-reason', 'Irrtümlich eingetragen');
  await s.click('#undo-apply');
  await toast(s, 'Storniert: „Ausgeschieden“ ab 01.12.2026');
  const top = await s.exec(`const tr = document.querySelector('#status-history tbody tr');
    return { cls: tr.className, text: tr.innerText };`);
  assert.equal(top.cls, 'cancelled');
  assert.match(top.text, /Ausgeschieden\s+storniert/);
  assert.match(top.text, /Storno: Irrtümlich eingetragen/);
  assert.equal(await s.text('#rec-status'), 'Aktiv');
  writeFileSync(join(SHOTS, 'history-storno.png'), await s.screenshot());

  r = show('2026-12-01');
  assert.equal(r.status, 'active');
  assert.equal(r.eligible, true);
  assert.ok(r.screening, 'the eFZ facts are kept');
  assert.equal(r.screening.certificate_dated, '2024-03-20');
  const cancelled = r.cancelled_changes.find((c) => c.status === 'left');
  assert.equal(cancelled.reason, 'Irrtümlich eingetragen');
  assert.equal(cancelled.effective_on, '2026-12-01');
});
