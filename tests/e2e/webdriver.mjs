// A small W3C WebDriver client over fetch, enough to drive the app through tauri-driver.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import net from 'node:net';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
// LOTSEN_WEBDRIVER_PORT moves tauri-driver (and its native driver, one port up) off 4444, so that two test runs on one
// machine never drive each other's app.
/** WebDriver keys for Session.press. */
export const TAB = '\uE004';
export const ENTER = '\uE007';

export const PORT = Number(process.env.LOTSEN_WEBDRIVER_PORT || 4444);

async function call(method, path, body) {
  const res = await fetch(`http://127.0.0.1:${PORT}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok || (json.value && json.value.error)) {
    throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  }
  return json.value;
}

async function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.end(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/** Starts tauri-driver with the given environment and waits for its port. */
export async function startDriver(env) {
  // Someone else's driver on the port would start our app with their environment: refuse instead.
  if (await portOpen(PORT)) throw new Error(`port ${PORT} is taken (another test run?): set LOTSEN_WEBDRIVER_PORT`);
  // Its own process group, so stopping it also stops the WebKitWebDriver it starts.
  const driver = spawn('tauri-driver', ['--port', String(PORT), '--native-port', String(PORT + 1)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  for (let i = 0; i < 200; i++) {
    if (await portOpen(PORT)) return driver;
    await sleep(100);
  }
  driver.kill();
  throw new Error(`tauri-driver did not open port ${PORT}`);
}

export async function stopDriver(driver) {
  if (!driver || driver.exitCode !== null) return;
  const exited = new Promise((r) => driver.once('exit', r));
  try { process.kill(-driver.pid, 'SIGTERM'); } catch { driver.kill('SIGTERM'); }
  await Promise.race([exited, sleep(5000)]);
  // Wait for the port to close so the next driver can take it.
  for (let i = 0; i < 50 && (await portOpen(PORT)); i++) await sleep(100);
}

export class Session {
  static async start(application) {
    // The native driver behind tauri-driver may need a moment after the port opens: retry briefly.
    let value;
    for (let attempt = 1; ; attempt++) {
      try {
        value = await call('POST', '/session', {
          capabilities: { alwaysMatch: { 'tauri:options': { application } } },
        });
        break;
      } catch (e) {
        if (attempt >= 10) throw e;
        await sleep(500);
      }
    }
    const s = new Session();
    s.id = value.sessionId;
    return s;
  }

  p(path) { return `/session/${this.id}${path}`; }

  async end() { await call('DELETE', this.p('')); }

  async find(css) {
    const v = await call('POST', this.p('/element'), { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await call('POST', this.p('/elements'), { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  /** Waits until `fn` returns a truthy value (retrying on errors), or fails with `what`. */
  async waitFor(what, fn, timeoutMs = 15000) {
    const end = Date.now() + timeoutMs;
    let last;
    while (Date.now() < end) {
      try {
        const v = await fn();
        if (v) return v;
      } catch (e) { last = e; }
      await sleep(150);
    }
    throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
  }

  async el(css) { return this.waitFor(`element ${css}`, () => this.find(css)); }
  /** Clicks like a person: if something lies over the element (a toast), scroll it to the middle and retry;
   *  if the screen was redrawn meanwhile (a stale element), click the element the selector finds now. */
  async click(css) {
    let id = await this.el(css);
    const end = Date.now() + 6000;
    for (;;) {
      try {
        await call('POST', this.p(`/element/${id}/click`), {});
        return;
      } catch (e) {
        if (/stale element/.test(e.message) && Date.now() <= end) {
          id = await this.el(css);
          continue;
        }
        if (!/intercepted|not interactable/.test(e.message) || Date.now() > end) throw e;
        await this.exec(`arguments[0].scrollIntoView({ block: 'center' });`, [{ [ELEMENT]: id }]);
        await sleep(250);
      }
    }
  }
  /** Clears a field; one out of view or under a toast is scrolled to the middle first, as in click. */
  async clear(css) {
    const id = await this.el(css);
    try {
      await call('POST', this.p(`/element/${id}/clear`), {});
    } catch (e) {
      if (!/not interactable/.test(e.message)) throw e;
      await this.exec(`arguments[0].scrollIntoView({ block: 'center' });`, [{ [ELEMENT]: id }]);
      await sleep(250);
      await call('POST', this.p(`/element/${id}/clear`), {});
    }
  }
  async type(css, text) { await call('POST', this.p(`/element/${await this.el(css)}/value`), { text }); }
  async fill(css, text) { await this.clear(css); await this.type(css, text); }
  async text(css) { return call('GET', this.p(`/element/${await this.el(css)}/text`)); }
  async attr(css, name) { return call('GET', this.p(`/element/${await this.el(css)}/attribute/${name}`)); }
  async displayed(css) {
    const ids = await this.findAll(css);
    if (ids.length === 0) return false;
    return call('GET', this.p(`/element/${ids[0]}/displayed`));
  }
  /** Presses keys as a keyboard would, on whatever has the focus (W3C actions): each argument is a
   * WebDriver key (TAB, ENTER) or text typed character by character. */
  async press(...keys) {
    const actions = keys
      .flatMap((k) => (/^[\uE000-\uF8FF]$/.test(k) ? [k] : [...k]))
      .flatMap((ch) => [{ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch }]);
    await call('POST', this.p('/actions'), { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await call('DELETE', this.p('/actions'));
  }

  async exec(script, args = []) { return call('POST', this.p('/execute/sync'), { script, args }); }
  /** Runs a script that ends by calling its last argument (W3C execute/async), e.g. after waiting for the page. */
  async execAsync(script, args = []) { return call('POST', this.p('/execute/async'), { script, args }); }
  async screenshot() { return Buffer.from(await call('GET', this.p('/screenshot')), 'base64'); }
}
