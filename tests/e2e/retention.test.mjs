// End-to-end: forgetting that cannot be blocked. With the backup folder unusable (a file stands where
// the folder "Sicherungen" should be), the app still starts, the eFZ care still runs, and the banner
// says what failed and what to do. The due list's "eFZ-Daten jetzt löschen" asks once, then deletes; the
// command line reads back that the certificate data is gone and the entry left the due list.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { SHOTS, CLI, TODAY, openApp, closeApp, freshDb, cliJson } from './harness.mjs';

after(closeApp);

test('a failed backup is shown in the banner; the due list deletes eFZ data of a pilot who will not start and says what it could not clean', async () => {
  const db = freshDb();
  execFileSync(CLI, ['--db', db, '--today', TODAY, 'demo'], { encoding: 'utf8' });
  const pilot = cliJson(db, 'pilots', 'list').find((p) => p.last_name === 'Attrappe');
  assert.ok(pilot, 'demo pilot with a relevant entry');
  assert.ok(cliJson(db, 'due').some((d) => d.kind === 'efz_kept_relevant_entry' && d.pilot_id === pilot.id));
  assert.ok(cliJson(db, 'pilots', 'show', String(pilot.id)).screening, 'eFZ data before');
  // The backup folder cannot be made: a file has its name.
  mkdirSync(dirname(db), { recursive: true });
  writeFileSync(join(dirname(db), 'Sicherungen'), 'kein Ordner');

  const s = await openApp(db);
  const banner = await s.text('#care-banner');
  assert.match(banner, /tägliche Datenpflege nicht geklappt/);
  assert.match(banner, /Sicherung/);
  await s.click('#nav-uebersicht');
  const erase = `.due-erase[data-pilot-id="${pilot.id}"]`;
  await s.el(erase);
  writeFileSync(join(SHOTS, 'uebersicht-efz-loeschen.png'), await s.screenshot());

  // The first click only asks; nothing is deleted yet.
  await s.click(erase);
  assert.match(await s.text(erase), /Wirklich löschen\?/);
  assert.ok(cliJson(db, 'pilots', 'show', String(pilot.id)).screening, 'still there after the first click');
  await s.click(erase);
  await s.waitFor('the entry left the due list', async () => (await s.findAll(erase)).length === 0);
  // Deleted in the database; the backups could not be cleaned, and the message says so.
  const warning = await s.waitFor('the warning', async () => s.exec(`const b = document.querySelector('#error-banner'); return b.hidden ? null : b.textContent;`));
  assert.match(warning, /Gelöscht, aber: .*Sicherungen/);

  const shown = cliJson(db, 'pilots', 'show', String(pilot.id));
  assert.equal(shown.screening, null);
  assert.equal(shown.screening_deleted_on, TODAY);
  assert.ok(!cliJson(db, 'due').some((d) => d.pilot_id === pilot.id && d.kind.startsWith('efz_kept')));
  // The banner stays until it is closed.
  assert.equal((await s.findAll('#care-banner')).length, 1);
  await s.click('#care-banner .banner-close');
  await s.waitFor('banner closed', async () => (await s.findAll('#care-banner')).length === 0);
});

test('restoring a copy from elsewhere that still holds deleted eFZ data applies the deletion first', async () => {
  const db = freshDb();
  execFileSync(CLI, ['--db', db, '--today', TODAY, 'demo'], { encoding: 'utf8' });
  const pilot = cliJson(db, 'pilots', 'list').find((p) => p.last_name === 'Attrappe');
  // A copy on a stick, made before the deletion: the deletion cannot reach it.
  const stick = join(dirname(dirname(db)), 'USB-Stick');
  mkdirSync(stick);
  const copy = join(stick, 'alte-sicherung.sqlite3');
  execFileSync(CLI, ['--db', db, '--today', TODAY, 'backup', copy], { encoding: 'utf8' });
  execFileSync(CLI, ['--db', db, '--today', TODAY, 'screening', 'erase', String(pilot.id)], { encoding: 'utf8' });
  assert.equal(cliJson(db, 'pilots', 'show', String(pilot.id)).screening, null);
  assert.ok(cliJson(copy, 'pilots', 'show', String(pilot.id)).screening, 'the copy still holds it');

  const s = await openApp(db, { LOTSEN_OPEN_FILE: copy });
  await s.click('#nav-einstellungen');
  await s.click('#restore-pick');
  await s.el('#restore-dialog[open]');
  await s.waitFor('the deletion named', async () => (await s.text('#restore-erasure-list')).includes('Attrappe, Ingrid'));
  assert.match(await s.text('#restore-erasures'), /§ 30a BZRG/);
  assert.equal(await s.text('#restore-confirm'), 'Löschung anwenden und wiederherstellen');
  writeFileSync(join(SHOTS, 'wiederherstellen-loeschung-anwenden.png'), await s.screenshot());
  await s.click('#restore-confirm');
  await s.waitFor('notice after the reload', async () => (await s.text('#toast')).includes('Sicherung wiederhergestellt'), 60000);

  // Restored, and what was deleted stayed deleted: in the database and in the copy it came from.
  assert.equal(cliJson(db, 'pilots', 'show', String(pilot.id)).screening, null);
  assert.equal(cliJson(copy, 'pilots', 'show', String(pilot.id)).screening, null);
  assert.equal(cliJson(db, 'pilots', 'list').length, cliJson(copy, 'pilots', 'list').length);
});
