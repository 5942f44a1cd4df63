// A tiny element builder, so markup is made with DOM calls (no innerHTML, nothing for a strict CSP to block).

type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue | ((ev: Event) => void)>;
export type Child = Node | string | null | undefined | false;

/**
 * h('button', { class: 'primary', type: 'button', onclick: fn }, 'Speichern').
 * true sets an empty attribute, false/null/undefined leave it out, "on…" adds a listener.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'function') {
      el.addEventListener(key.slice(2), value as EventListener);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else if (value !== false && value !== null && value !== undefined) {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Replaces all children. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** <option> list for a <select>; the first entry is usually the empty choice. */
export function options(entries: { value: string; label: string }[]): HTMLOptionElement[] {
  return entries.map((e) => h('option', { value: e.value }, e.label));
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The SVG counterpart of h(): svg('rect', { x: 0, width: 40, class: 'bar' }). Geometry goes in attributes
 * (never a style attribute, which the CSP would block); colours come from classes in styles.css.
 */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | null | undefined> = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** Marks the elements formElement() makes, so that nested ones each answer for their own controls. */
const FORM_MARK = 'data-form';
/** Input types where Enter does not submit a form (as in the browser's implicit submission). */
const NO_IMPLICIT_SUBMIT = new Set(['button', 'submit', 'reset', 'file', 'color', 'range', 'checkbox', 'radio']);

/**
 * A form that is not a <form>: WebKitGTK (2.50, Debian 12) keeps every <form> element that was ever in the page,
 * with all its controls, until the page is left; a single-page app that draws its screens anew grew by about
 * 130 KB per screen shown, without end (benches/app.mjs --leak-minutes). This <div> behaves as a form for the
 * screens: a click on one of its type="submit" buttons, or Enter in one of its single-line fields, sends it a
 * cancelable "submit" event (bubbling), unless its first submit button is disabled. Named (aria-label or
 * aria-labelledby) it is a form landmark, as a named <form> is.
 */
export function formElement(attrs: Attrs = {}, ...children: Child[]): HTMLDivElement {
  const named = attrs['aria-label'] !== undefined || attrs['aria-labelledby'] !== undefined;
  const el = h('div', { role: named ? 'form' : undefined, ...attrs, [FORM_MARK]: true }, ...children);
  const owns = (node: Element): boolean => node.closest(`[${FORM_MARK}]`) === el;
  const submit = (ev: Event): void => {
    ev.preventDefault();
    el.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  };
  el.addEventListener('click', (ev) => {
    const button = ev.target instanceof Element ? ev.target.closest('button') : null;
    if (button && button.type === 'submit' && !button.disabled && owns(button)) submit(ev);
  });
  el.addEventListener('keydown', (ev) => {
    const field = ev.target;
    if (ev.key !== 'Enter' || ev.defaultPrevented || ev.isComposing || !(field instanceof HTMLInputElement)) return;
    if (NO_IMPLICIT_SUBMIT.has(field.type) || !owns(field)) return;
    const first = [...el.querySelectorAll('button')].find((b) => b.type === 'submit' && owns(b));
    if (first?.disabled) return;
    submit(ev);
  });
  return el;
}
