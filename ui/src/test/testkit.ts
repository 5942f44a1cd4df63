// Helpers for the DOM tests that drive the whole app against a fake backend behind Tauri's IPC mock
// (not part of the app bundle: only *.test.ts import it).
import { mockIPC } from '@tauri-apps/api/mocks';
import { expect, vi } from 'vitest';
import { startApp } from '../main';

export interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

export type Handler = (args: Record<string, unknown>) => unknown;

/** Routes every invoke to handlers[cmd] (looked up at call time, so a test can swap one) and logs it. */
export function installBackend(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    const handler = handlers[cmd];
    if (!handler) throw `unknown command ${cmd}`;
    return handler(a);
  });
  return calls;
}

export function $<T extends HTMLElement = HTMLElement>(sel: string): T {
  const el = document.querySelector<T>(sel);
  if (!el) throw new Error(`${sel} fehlt`);
  return el;
}

export function all(sel: string): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>(sel));
}

export function texts(sel: string): string[] {
  return all(sel).map((e) => e.textContent ?? '');
}

export function fill(sel: string, value: string): void {
  const el = $<HTMLInputElement>(sel);
  el.focus();
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

export function choose(sel: string, value: string): void {
  const el = $<HTMLSelectElement>(sel);
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

export function key(el: Element, k: string): void {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
}

/** The label text tied to a control by <label for>. */
export function labelOf(id: string): string {
  return $(`label[for="${id}"]`).textContent ?? '';
}

/** Starts the shell in a fresh root and waits for the Lotsen list. */
export async function start(calls: Call[]): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  await startApp(root);
  await vi.waitFor(() => expect(calls.some((c) => c.cmd === 'pilot_page')).toBe(true));
  await vi.waitFor(() => expect($('#pilot-count').textContent).not.toBe(''));
  return root;
}
