// End-to-end: the month grid of activity records (Tätigkeitsnachweise) on the Abrechnung screen is filled
// with the keyboard alone — the month typed, Enter, then numbers and Tab from cell to cell and row to row;
// a letter never reaches a cell; a row is saved when it is left; a row with hours but no contacts shows its
// error at the contacts cell. The command line reads the records back from the database.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { SHOTS, CLI, TODAY, openApp, closeApp, freshDb, cliJson } from './harness.mjs';
import { TAB, ENTER } from './webdriver.mjs';

after(closeApp);

test('the month grid is filled by keyboard only', async () => {
  const db = freshDb();
  execFileSync(CLI, ['--db', db, '--today', TODAY, 'demo'], { encoding: 'utf8' });
  // November is still running: the demo has no records for it.
  const before = cliJson(db, 'activity', 'list', '2026-11');
  assert.ok(before.rows.length >= 4, `active pilots in November: ${before.rows.length}`);
  assert.ok(before.rows.every((r) => r.record === null));
  const [a, b, c, d] = before.rows;

  const s = await openApp(db);
  await s.click('#nav-abrechnung');
  await s.el('#activity-grid tbody tr[data-pilot-id]');
  // From here on only keys: the month field gets the focus, its text is replaced, Enter shows the month.
  await s.exec(`const m = document.querySelector('#grid-month'); m.focus(); m.select();`);
  await s.press('2026-11', ENTER);
  await s.waitFor('November shown', async () =>
    s.exec(`return document.querySelector('#grid-summary').textContent.startsWith('November 2026') && document.activeElement.id === arguments[0];`, [`grid-${a.pilot_id}-contacts`]),
  );

  // Row 1: every cell, Tab to the next; the last Tab goes on to row 2 and saves row 1.
  await s.press('4', TAB, '2,5', TAB, '3', TAB, '1', TAB);
  // Row 2: a letter is refused on the way ("x7" gives 7), hours as h:mm.
  await s.press('x7', TAB, '1:30', TAB, TAB, TAB);
  // Row 3: contacts only, Enter saves and goes down to row 4.
  await s.press('2', ENTER);
  await s.waitFor('focus on row 4', async () => s.exec(`return document.activeElement.id === arguments[0];`, [`grid-${d.pilot_id}-contacts`]));
  // Row 4: hours without contacts, Enter: the error shows at the contacts cell; nothing is saved.
  await s.press(TAB, '2', ENTER);
  const error = await s.waitFor('error at the cell', async () => s.exec(`return document.querySelector(arguments[0]).textContent;`, [`#err-grid-${d.pilot_id}-contacts`]));
  assert.match(error, /Kontakte/);

  const after = await s.waitFor('three rows saved', async () => {
    const m = cliJson(db, 'activity', 'list', '2026-11');
    return m.rows.filter((r) => r.record).length === 3 ? m : null;
  });
  const byId = Object.fromEntries(after.rows.map((r) => [r.pilot_id, r.record]));
  assert.deepEqual(
    [byId[a.pilot_id].contacts, byId[a.pilot_id].minutes, byId[a.pilot_id].people, byId[a.pilot_id].families],
    [4, 150, 3, 1],
  );
  assert.deepEqual([byId[b.pilot_id].contacts, byId[b.pilot_id].minutes], [7, 90]);
  assert.deepEqual([byId[c.pilot_id].contacts, byId[c.pilot_id].minutes], [2, null]);
  assert.equal(byId[d.pilot_id], null);
  // The grid shows what was stored, the way it is typed.
  assert.equal(await s.exec(`return document.querySelector(arguments[0]).value;`, [`#grid-${b.pilot_id}-hours`]), '1,5');
  assert.match(await s.text('#grid-summary'), /3 von \d+ Lotsen mit Nachweis/);
  await s.exec(`document.querySelector('#activity-panel').scrollIntoView();`);
  writeFileSync(join(SHOTS, 'abrechnung-taetigkeitsnachweise.png'), await s.screenshot());
});
