// One command list (src-tauri/src/commands/list.rs) drives the backend's handler, the window's
// permissions and this API: api.ts must invoke exactly the listed commands, and the capability
// must grant exactly them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import * as api from './api';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const listRs = read('../../../src-tauri/src/commands/list.rs');
const capability = JSON.parse(read('../../../src-tauri/capabilities/default.json')) as { permissions: string[] };

const listed = [...listRs.matchAll(/^\s*(\w+)::(\w+),/gm)].map((m) => m[2]);

/** api.ts functions that are not commands. */
const HELPERS = new Set(['toAppError', 'onActivity', 'listenToProgress']);

describe('the command list', () => {
  it('has each command once', () => {
    expect(listed.length).toBeGreaterThan(40);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('is what api.ts invokes, no more and no less', async () => {
    const invoked = new Set<string>();
    mockIPC((cmd) => {
      invoked.add(cmd);
      return null;
    });
    for (const [name, fn] of Object.entries(api)) {
      if (typeof fn !== 'function' || HELPERS.has(name)) continue;
      // The arguments do not matter here: the mock answers every call.
      await (fn as (...a: unknown[]) => Promise<unknown>)(null, null, null, null);
    }
    clearMocks();
    expect([...invoked].sort()).toEqual([...listed].sort());
  });

  it('is what the window is allowed to call (capabilities/default.json)', () => {
    const allowed = capability.permissions.filter((p) => p.startsWith('allow-'));
    expect(allowed).toEqual(listed.map((c) => `allow-${c.replaceAll('_', '-')}`));
    // Besides its commands the window may only listen to progress events.
    expect(capability.permissions.filter((p) => !p.startsWith('allow-'))).toEqual([
      'core:event:allow-listen',
      'core:event:allow-unlisten',
    ]);
  });
});
