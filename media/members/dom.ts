/**
 * The one way this webview builds DOM: elements with attributes and text children. Values are
 * set with setAttribute and text nodes only, so whatever Glance sends (an image named
 * `<img src=x onerror=…>`) is shown as characters and never parsed as HTML.
 */
export type Child = Node | string | null | undefined | false;

/** Attribute values; `true` sets an empty attribute, false/null/undefined leave it out. */
export type Attrs = Readonly<Record<string, string | number | boolean | null | undefined>>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  setAttrs(element, attrs);
  append(element, ...children);
  return element;
}

export function setAttrs(element: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) element.removeAttribute(name);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces everything inside `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** Toggles the `hidden` attribute (CSS makes [hidden] win over display rules). */
export function show(element: Element, visible: boolean): void {
  element.toggleAttribute('hidden', !visible);
}
