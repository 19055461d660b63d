import type { ForgeDoc } from './forge-doc';

// The contract between the renderer and each UI Kit component it draws. A component renders a detached DOM
// node from its ForgeDoc (the root element gets data-fk = the node's key), and reacts to DOM events that
// reach that element: the renderer delegates every event from the page root to the nearest keyed element
// whose component handles that event type, always with the node's latest props.

export interface RenderScope {
  render(node: ForgeDoc): Node;
  children(node: ForgeDoc): Node[];
  /** A prop holding React elements or text (emptyView, actions, label, description…), drawn as children. */
  slot(owner: ForgeDoc, prop: string): Node[];
  /** Host-side state of one component instance (current page, selected tab…), kept across re-renders. */
  state<T>(owner: ForgeDoc, initial: () => T): T;
}

export type DomEventType = 'click' | 'input' | 'change' | 'focusin' | 'focusout' | 'submit';

export interface EventScope {
  node: ForgeDoc;
  /** The component's root element (the one carrying data-fk). */
  element: HTMLElement;
  target: HTMLElement;
  event: Event;
  /** Calls node.props[prop] if it is a function; its errors (sync or async) are reported, not thrown. */
  call(prop: string, ...args: unknown[]): void;
  state<T>(initial: () => T): T;
  /** Replaces this component's host state and re-renders. */
  setState(value: unknown): void;
}

/** false: not handled here, keep looking further up the tree. */
export type EventHandler = (scope: EventScope) => boolean | void;

export interface ComponentDef {
  render(node: ForgeDoc, scope: RenderScope): Node;
  events?: Partial<Record<DomEventType, EventHandler>>;
}

export type ComponentRegistry = Record<string, ComponentDef>;

export function stringProp(node: ForgeDoc, name: string): string | undefined {
  const value = node.props[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

export function boolProp(node: ForgeDoc, name: string): boolean {
  return node.props[name] === true;
}

export function numberProp(node: ForgeDoc, name: string): number | undefined {
  const value = node.props[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** data-testid, as ADS renders testId. */
export function testId(node: ForgeDoc): string | undefined {
  return stringProp(node, 'testId');
}

/** The control an event came from, if it belongs to this component and not to a nested one. */
export function ownControl(scope: EventScope, selector: string): HTMLElement | undefined {
  const control = scope.target.closest<HTMLElement>(selector);
  if (!control || !scope.element.contains(control)) return undefined;
  return control.closest('[data-fk]') === scope.element ? control : undefined;
}
