// End-to-end: take a new pilot from first contact to appointment entirely in the app.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHOTS, openApp, closeApp, freshDb, cliJson, selectOption } from './harness.mjs';

after(closeApp);

async function nav(s, id) {
  await s.click(`#nav-${id}`);
  await s.el(`#screen-${id}`);
}

/** Changes the status through the "Status ändern" dialog; returns the dialog's error text, if any. */
async function changeStatus(s, status) {
  await s.click('#tab-status');
  await s.click('#change-status');
  await selectOption(s, '#status-new', status);
  await s.fill('#status-date', '26.11.2026');
  await s.click('#status-apply');
}

test('a new pilot goes through eFZ, course, test and appointment; too early shows what is missing', async () => {
  const db = freshDb();
  const s = await openApp(db);
  await s.click('#start-empty');

  // 1. The pilot.
  await s.click('#new-pilot');
  await s.fill('#f-first_name', 'Ayşe');
  await s.fill('#f-last_name', 'Müller-Öztürk');
  await selectOption(s, '#f-municipality', 'Thale');
  await s.click('#save');
  await s.waitFor('saved', async () => (await s.text('#toast')).includes('Gespeichert'));
  const id = cliJson(db, 'pilots', 'list')[0].id;

  // 2. Course with the five modules; the pilot attends each session.
  await nav(s, 'qualifizierung');
  await s.click('#new-course');
  await s.fill('#course-name', 'Basislehrgang Herbst 2026');
  await s.click('#save-course');
  for (let m = 1; m <= 5; m++) {
    await s.waitFor('session form', () => s.find('#sess-held_on'));
    await s.fill('#sess-held_on', `0${m}.11.2026`);
    await selectOption(s, '#sess-module', String(m));
    await s.fill('#sess-place', 'Halberstadt, Kreisverwaltung');
    await s.fill('#sess-trainer', 'Frau Beispiel');
    await s.click('#save-session');
    await s.waitFor(`session ${m} listed`, async () =>
      (await s.exec(`return document.querySelectorAll('#screen-qualifizierung tbody tr').length;`)) >= m);
  }
  const sessionRows = await s.exec(
    `return [...document.querySelectorAll('#screen-qualifizierung tbody tr')].map(r => r.innerText);`);
  assert.equal(sessionRows.length, 5);
  for (let i = 0; i < 5; i++) {
    await s.exec(`document.querySelectorAll('#screen-qualifizierung tbody tr')[arguments[0]].click();`, [i]);
    await s.click(`#att-${id}`);
    await s.waitFor('attendance stored', async () =>
      cliJson(db, 'pilots', 'show', String(id)).modules.filter((m) => m.done).length === i + 1);
  }

  // 3. Status: In Qualifizierung, Qualifiziert; appointing now is refused with the missing items.
  await nav(s, 'lotsen');
  await s.click(`#pilot-table tbody tr[data-id="${id}"] td`);
  await changeStatus(s, 'in_qualification');
  await s.waitFor('in qualification', async () => cliJson(db, 'pilots', 'show', String(id)).status === 'in_qualification');
  await changeStatus(s, 'qualified');
  await s.waitFor('qualified', async () => cliJson(db, 'pilots', 'show', String(id)).status === 'qualified');
  await changeStatus(s, 'active');
  const missing = await s.waitFor('missing items', async () => {
    const items = await s.exec(`return [...document.querySelectorAll('#status-missing li')].map(li => li.innerText);`);
    return items.length ? items : null;
  });
  assert.equal(missing.length, 2, JSON.stringify(missing));
  assert.match(missing[0], /Führungszeugnis/);
  assert.match(missing[1], /Abschlusstest/);
  writeFileSync(join(SHOTS, 'appointment-refused.png'), await s.screenshot());
  assert.equal(cliJson(db, 'pilots', 'show', String(id)).status, 'qualified');
  await s.exec(`document.querySelector('#status-dialog').close?.();`);

  // 4. eFZ: letter, certificate, inspection.
  await s.click('#tab-efz');
  await s.fill('#s-letter_issued_on', '01.11.2026');
  await s.fill('#s-certificate_dated', '10.11.2026');
  await s.fill('#s-inspected_on', '20.11.2026');
  await s.fill('#s-inspected_by', 'Frau Koordination');
  await selectOption(s, '#s-result', 'clear');
  await s.click('#save-screening');
  await s.waitFor('screening valid', async () => cliJson(db, 'pilots', 'show', String(id)).screening_state.code === 'valid');

  // 5. Final test: 42 of 60 points, interview passed.
  await s.click('#tab-qualifizierung');
  await s.fill('#t-taken_on', '24.11.2026');
  await s.fill('#t-points', '42');
  await s.fill('#t-max_points', '60');
  await s.click('#t-interview_passed');
  await s.fill('#t-interviewer', 'Herr Prüfer');
  await s.click('#add-attempt');
  await s.waitFor('test passed', async () => cliJson(db, 'pilots', 'show', String(id)).final_test_passed);

  // 6. Appointment.
  await changeStatus(s, 'active');
  await s.waitFor('appointed', async () => cliJson(db, 'pilots', 'show', String(id)).status === 'active');
  const record = cliJson(db, 'pilots', 'show', String(id));
  assert.equal(record.eligible, true);
  assert.equal(record.appointed_on, '2026-11-26');
  assert.equal(record.pilot.district, 'Quedlinburg');
  writeFileSync(join(SHOTS, 'appointed.png'), await s.screenshot());
});

test('the due list on the Übersicht links to the pilot', async () => {
  const db = freshDb();
  const s = await openApp(db);
  await s.click('#start-demo');
  await nav(s, 'uebersicht');
  const due = cliJson(db, 'due');
  const shown = await s.waitFor('due items', async () => {
    const n = await s.exec(`return document.querySelectorAll('#due-list .due-link').length;`);
    return n === due.length ? n : null;
  });
  // The demo's seven due items, the eFZ data kept of a prospect with a relevant entry (Attrappe), and the two
  // active pilots whose demo activity records stop four months ago.
  assert.equal(shown, 10);
  assert.equal(due.filter((d) => d.kind === 'activity_missing').length, 2, JSON.stringify(due.map((d) => d.kind)));
  assert.ok(due.some((d) => d.kind === 'efz_kept_relevant_entry'), JSON.stringify(due.map((d) => d.kind)));
  writeFileSync(join(SHOTS, 'uebersicht.png'), await s.screenshot());
  const expired = due.find((d) => d.kind === 'efz_expired');
  await s.click(`#due-list .due-link[data-pilot-id="${expired.pilot_id}"]`);
  await s.waitFor('pilot page opened', async () =>
    (await s.exec(`return document.querySelector('#f-last_name')?.value;`)) === 'Lückenfüller');
});
