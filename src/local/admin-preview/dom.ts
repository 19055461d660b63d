// Small helpers to build detached DOM; the renderer morphs the result into the live page.

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h(tag: string, attrs: Attrs = {}, children: Child[] = []): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function fragment(children: Child[]): DocumentFragment {
  const result = document.createDocumentFragment();
  append(result, children);
  return result;
}

/** Kept deliberately loud: a component the preview cannot draw must be seen, not silently skipped. */
export function unsupportedBox(what: string, detail?: string): HTMLElement {
  return h('div', { class: 'fp-unsupported', role: 'note' }, [
    h('strong', {}, [`Unsupported component: ${what}`]),
    detail ? h('span', {}, [` — ${detail}`]) : null,
  ]);
}

export function classes(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
