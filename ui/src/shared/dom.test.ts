/// <reference types="vite/client" />
// formElement(): a <div> that the screens use as a form (WebKitGTK keeps every <form> ever shown; see dom.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { formElement, h } from './dom';

function mounted(...children: Node[]): { form: HTMLDivElement; submits: () => number } {
  const form = formElement({ id: 'f', 'aria-label': 'Test' }, ...children);
  let n = 0;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    n++;
  });
  document.body.append(form);
  return { form, submits: () => n };
}

const enter = (el: Element) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));

afterEach(() => document.body.replaceChildren());

describe('formElement', () => {
  it('is no <form>, and a named one is a form landmark', () => {
    const { form } = mounted();
    expect(form.tagName).toBe('DIV');
    expect(form.getAttribute('role')).toBe('form');
    expect(formElement({ role: 'search', 'aria-label': 'Suche' }).getAttribute('role')).toBe('search');
    expect(formElement({}).hasAttribute('role')).toBe(false);
  });

  it('is submitted by its submit button, not by other buttons', () => {
    const save = h('button', { type: 'submit' }, 'Speichern');
    const other = h('button', { type: 'button' }, 'Abbrechen');
    const { submits } = mounted(h('span', {}, save), other);
    other.click();
    expect(submits()).toBe(0);
    save.click();
    expect(submits()).toBe(1);
  });

  it('is submitted by Enter in a single-line field, not in a checkbox, a text area or a select', () => {
    const text = h('input', { type: 'text' });
    const date = h('input', { type: 'date' });
    const box = h('input', { type: 'checkbox' });
    const area = h('textarea', {});
    const select = h('select', {});
    const { submits } = mounted(text, date, box, area, select, h('button', { type: 'submit' }, 'OK'));
    for (const el of [box, area, select]) enter(el);
    expect(submits()).toBe(0);
    enter(text);
    enter(date);
    expect(submits()).toBe(2);
  });

  it('is not submitted by Enter while its submit button is disabled', () => {
    const text = h('input', { type: 'text' });
    const save = h('button', { type: 'submit', disabled: true }, 'Speichern');
    const { submits } = mounted(text, save);
    enter(text);
    expect(submits()).toBe(0);
    save.disabled = false;
    enter(text);
    expect(submits()).toBe(1);
  });

  it('answers only for its own controls when one is inside another', () => {
    const innerText = h('input', { type: 'text' });
    const innerSave = h('button', { type: 'submit' }, 'Innen');
    const inner = formElement({}, innerText, innerSave);
    let innerSubmits = 0;
    inner.addEventListener('submit', (ev) => {
      ev.stopPropagation();
      innerSubmits++;
    });
    const { submits } = mounted(inner, h('button', { type: 'submit' }, 'Außen'));
    innerSave.click();
    enter(innerText);
    expect(innerSubmits).toBe(2);
    expect(submits()).toBe(0);
  });
});

describe('the screens', () => {
  // Every screen is drawn anew when it is shown, so one <form> in a screen would grow the web process again.
  const sources = import.meta.glob<string>(['../**/*.ts', '!../**/*.test.ts', '!../test/**'], { query: '?raw', import: 'default', eager: true });

  it('make their forms with formElement(), never a <form>', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(30);
    for (const [path, source] of Object.entries(sources)) {
      expect(source, path).not.toMatch(/\bh\(\s*['"]form['"]|createElement\(\s*['"]form['"]/);
    }
  });
});
