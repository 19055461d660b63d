import type { ComponentRegistry, DomEventType, EventScope, RenderScope } from './component-api';
import { buttonComponents } from './components/buttons';
import { dynamicTableComponents } from './components/dynamic-table';
import { fieldComponents } from './components/fields';
import { formComponents } from './components/form';
import { layoutComponents } from './components/layout';
import { modalComponents } from './components/modal';
import { selectComponents } from './components/select';
import { statusComponents } from './components/status';
import { tabComponents } from './components/tabs';
import { typographyComponents } from './components/typography';
import { fragment, h, unsupportedBox } from './dom';
import { morphChildren } from './dom-morph';
import { elementToForgeDocs, TEXT_TYPE, UNRENDERABLE_ELEMENT_TYPE, walk, type ForgeDoc } from './forge-doc';
import { serialisableEvent } from './serialisable-event';

// Draws a ForgeDoc into the page the way Atlassian's UI Kit renderer draws it into the product, calling the
// app's function props directly (the host lives in the same page as the app here).

export const SUPPORTED_COMPONENTS: ComponentRegistry = {
  ...layoutComponents,
  ...typographyComponents,
  ...statusComponents,
  ...buttonComponents,
  ...formComponents,
  ...fieldComponents,
  ...selectComponents,
  ...dynamicTableComponents,
  ...tabComponents,
  ...modalComponents,
};

export interface ForgeDocRendererOptions {
  /** An app handler threw or its promise rejected. */
  onHandlerError(error: unknown): void;
}

export interface ForgeDocRenderer {
  /** Draws the tree once the current synchronous work is done; several reconciles in a row draw once. */
  render(doc: ForgeDoc): void;
}

const EVENT_TYPES: DomEventType[] = ['click', 'input', 'change', 'focusin', 'focusout', 'submit'];

export function createForgeDocRenderer(root: HTMLElement, options: ForgeDocRendererOptions): ForgeDocRenderer {
  let current: ForgeDoc | undefined;
  let nodes = new Map<string, ForgeDoc>();
  const states = new Map<string, unknown>();
  let scheduled = false;
  let drawing = false;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // Off the reconciler's commit: the app's state must not change while React is committing.
    queueMicrotask(draw);
  };

  function draw(): void {
    scheduled = false;
    if (!current) return;
    const drawn = new Map<string, ForgeDoc>();
    const scope: RenderScope = {
      render: (node) => renderNode(node, true),
      children: (node) => node.children.map((child) => renderNode(child, true)),
      slot: (owner, prop) => renderSlot(owner, prop),
      state: <T>(owner: ForgeDoc, initial: () => T): T => {
        if (!states.has(owner.key)) states.set(owner.key, initial());
        return states.get(owner.key) as T;
      },
    };

    // Live nodes get their events; nodes drawn from element-valued props do not (see elementToForgeDocs).
    function renderNode(node: ForgeDoc, live: boolean): Node {
      if (node.type === TEXT_TYPE) return document.createTextNode(String(node.props.text ?? ''));
      if (live) drawn.set(node.key, node);
      const element = SUPPORTED_COMPONENTS[node.type]?.render(node, scope) ?? unsupported(node);
      if (element instanceof Element) {
        element.setAttribute('data-fk', node.key);
        element.setAttribute('data-forge-type', node.type);
      }
      return element;
    }

    function unsupported(node: ForgeDoc): Node {
      if (node.type === UNRENDERABLE_ELEMENT_TYPE) {
        return unsupportedBox(String(node.props.name), 'a function component passed in a prop: a UI Kit host can only draw UI Kit components there');
      }
      const box = unsupportedBox(node.type, 'the local preview cannot draw it');
      box.append(...node.children.map((child) => renderNode(child, true)));
      return box;
    }

    function renderSlot(owner: ForgeDoc, prop: string): Node[] {
      const slotNodes = elementToForgeDocs(owner.props[prop], `${owner.key}:${prop}`);
      const rendered = slotNodes.map((node) => renderNode(node, false));
      const withHandlers = slotNodes.some((node) =>
        [...walk(node)].some(({ node: inner }) => Object.values(inner.props).some((value) => typeof value === 'function')),
      );
      if (!withHandlers) return rendered;
      // Handlers inside element-valued props have no function id in the ForgeDoc; whether Atlassian wires them
      // is not established, so the preview does not, and says so.
      return [h('span', { class: 'fp-inert', title: `Event handlers inside the ${prop} prop are not wired in the local preview` }, rendered)];
    }

    const fresh = fragment(current.children.map((child) => renderNode(child, true)));
    const focus = focusState(root);
    drawing = true;
    try {
      morphChildren(root, fresh);
    } finally {
      drawing = false;
    }
    nodes = drawn;
    for (const key of states.keys()) if (!nodes.has(key)) states.delete(key);
    restoreFocus(root, focus);
  }

  function eventScope(node: ForgeDoc, element: HTMLElement, target: HTMLElement, event: Event): EventScope {
    return {
      node,
      element,
      target,
      event,
      call: (prop, ...args) => callProp(node, prop, args),
      state: <T>(initial: () => T): T => {
        if (!states.has(node.key)) states.set(node.key, initial());
        return states.get(node.key) as T;
      },
      setState: (value) => {
        states.set(node.key, value);
        schedule();
      },
    };
  }

  function callProp(node: ForgeDoc, prop: string, args: unknown[]): void {
    const handler = node.props[prop];
    if (typeof handler !== 'function') return;
    try {
      const result: unknown = handler(...args);
      if (result instanceof Promise) result.catch(options.onHandlerError);
    } catch (error) {
      options.onHandlerError(error);
    }
  }

  function dispatch(type: DomEventType, event: Event): void {
    if (drawing || !(event.target instanceof HTMLElement)) return;
    const target = event.target;
    for (let element: HTMLElement | null = target; element && element !== root; element = element.parentElement) {
      const node = nodes.get(element.getAttribute('data-fk') ?? '');
      const handler = node && SUPPORTED_COMPONENTS[node.type]?.events?.[type];
      if (!node || !handler) continue;
      try {
        if (handler(eventScope(node, element, target, event)) !== false) return;
      } catch (error) {
        options.onHandlerError(error);
        return;
      }
    }
  }

  for (const type of EVENT_TYPES) root.addEventListener(type, (event) => dispatch(type, event));
  root.ownerDocument.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || drawing) return;
    const modals = root.querySelectorAll('[data-forge-type="Modal"]');
    const top = modals[modals.length - 1];
    const node = top && nodes.get(top.getAttribute('data-fk') ?? '');
    if (node) callProp(node, 'onClose', [serialisableEvent('keydown', { tagName: 'DIV' }, event.timeStamp)]);
  });

  return {
    render(doc) {
      current = doc;
      schedule();
    },
  };
}

interface FocusState {
  id: string;
  selection?: [number | null, number | null];
}

// Kept elements keep focus by themselves; this covers a focused field whose element had to be replaced.
function focusState(root: HTMLElement): FocusState | undefined {
  const active = root.ownerDocument.activeElement;
  if (!(active instanceof HTMLElement) || !root.contains(active) || !active.id) return undefined;
  const selection: [number | null, number | null] | undefined =
    active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement
      ? [selectionOf(active, 'start'), selectionOf(active, 'end')]
      : undefined;
  return { id: active.id, selection };
}

function selectionOf(field: HTMLInputElement | HTMLTextAreaElement, end: 'start' | 'end'): number | null {
  try {
    return end === 'start' ? field.selectionStart : field.selectionEnd;
  } catch {
    return null;
  }
}

function restoreFocus(root: HTMLElement, focus: FocusState | undefined): void {
  if (!focus || root.contains(root.ownerDocument.activeElement)) return;
  const element = root.ownerDocument.getElementById(focus.id);
  if (!(element instanceof HTMLElement) || !root.contains(element)) return;
  element.focus();
  if (focus.selection && (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) {
    try {
      element.setSelectionRange(focus.selection[0], focus.selection[1]);
    } catch {
      // Inputs such as type=email or number have no selection API.
    }
  }
}
