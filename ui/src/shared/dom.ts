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
