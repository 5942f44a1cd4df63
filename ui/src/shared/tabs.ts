// Accessible tabs (WAI-ARIA tabs pattern): arrow keys, Home and End move between tabs and show them.
import { h } from './dom';

export interface TabDef {
  /** Tab button id "tab-<key>", panel id "panel-<key>". */
  key: string;
  label: string;
  content: HTMLElement;
}

export interface Tabs {
  list: HTMLElement;
  panels: HTMLElement[];
  select(key: string, focus?: boolean): void;
  selected(): string;
  /** Hides a tab and its panel (e.g. the record tabs of a pilot not yet saved). */
  setAvailable(key: string, available: boolean): void;
}

export function createTabs(label: string, defs: TabDef[], onSelect?: (key: string) => void): Tabs {
  const buttons = new Map<string, HTMLButtonElement>();
  const panels = new Map<string, HTMLElement>();
  let current = defs[0]?.key ?? '';

  const list = h('div', { role: 'tablist', class: 'tablist', 'aria-label': label });
  for (const d of defs) {
    const button = h(
      'button',
      { type: 'button', role: 'tab', id: `tab-${d.key}`, class: 'tab', 'aria-controls': `panel-${d.key}`, onclick: () => select(d.key) },
      d.label,
    );
    const panel = h('div', { role: 'tabpanel', id: `panel-${d.key}`, class: 'tabpanel', 'aria-labelledby': `tab-${d.key}` }, d.content);
    buttons.set(d.key, button);
    panels.set(d.key, panel);
    list.append(button);
  }

  function available(): string[] {
    return defs.map((d) => d.key).filter((k) => !buttons.get(k)!.hidden);
  }

  function select(key: string, focus = false): void {
    if (!buttons.has(key)) return;
    current = key;
    for (const [k, b] of buttons) {
      const on = k === key;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1; // one tab stop for the whole list; arrows move within
      panels.get(k)!.hidden = !on;
    }
    if (focus) buttons.get(key)!.focus();
    onSelect?.(key);
  }

  list.addEventListener('keydown', (ev) => {
    const keys = available();
    const at = keys.indexOf(current);
    let next: string | undefined;
    if (ev.key === 'ArrowRight') next = keys[(at + 1) % keys.length];
    else if (ev.key === 'ArrowLeft') next = keys[(at - 1 + keys.length) % keys.length];
    else if (ev.key === 'Home') next = keys[0];
    else if (ev.key === 'End') next = keys[keys.length - 1];
    if (next === undefined) return;
    ev.preventDefault();
    select(next, true);
  });

  function setAvailable(key: string, on: boolean): void {
    const b = buttons.get(key);
    if (!b) return;
    b.hidden = !on;
    if (!on && current === key) select(defs[0].key);
  }

  select(current);

  return {
    list,
    panels: defs.map((d) => panels.get(d.key)!),
    select,
    selected: () => current,
    setAvailable,
  };
}
