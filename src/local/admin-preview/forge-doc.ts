// The tree @forge/react's reconciler hands to the host with callBridge('reconcile', { forgeDoc }).
// Function props stay functions; ids (id, labelFor, inputId) carry the reconciler's per-app prefix.

export interface ForgeDoc {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDoc[];
  /** Stable for the life of one component instance (a uuid per host instance). */
  key: string;
}

/** Text nodes are ForgeDocs of type 'String' with props.text. */
export const TEXT_TYPE = 'String';

/** A React element whose type is a function component: the host cannot evaluate it (see elementToForgeDocs). */
export const UNRENDERABLE_ELEMENT_TYPE = 'UnrenderableElement';

const REACT_ELEMENT = Symbol.for('react.element');
const REACT_FRAGMENT = Symbol.for('react.fragment');

function isReactElement(value: unknown): value is { type: unknown; props: Record<string, unknown> } {
  return typeof value === 'object' && value !== null && (value as { $$typeof?: unknown }).$$typeof === REACT_ELEMENT;
}

/** True for props that hold React nodes rather than data: an element, or an array holding one. */
export function isElementProp(value: unknown): boolean {
  return isReactElement(value) || (Array.isArray(value) && value.some((item) => isElementProp(item)));
}

/**
 * Props such as DynamicTable's emptyView or SectionMessage's actions hold React elements that the reconciler
 * never sees: the host receives the element objects themselves. UI Kit primitives there have string types and
 * can be drawn; function components cannot be evaluated by a host (that is why DynamicTable calls cell
 * contents in the app), so they become UnrenderableElement nodes instead of disappearing. Handlers inside
 * such elements carry no function id and are not wired.
 */
export function elementToForgeDocs(value: unknown, keyPrefix: string): ForgeDoc[] {
  if (value === null || value === undefined || typeof value === 'boolean') return [];
  if (typeof value === 'string' || typeof value === 'number') {
    return [{ type: TEXT_TYPE, props: { text: String(value) }, children: [], key: keyPrefix }];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => elementToForgeDocs(item, `${keyPrefix}.${index}`));
  if (!isReactElement(value)) return [];
  const { children, ...props } = value.props;
  if (value.type === REACT_FRAGMENT) return elementToForgeDocs(children, keyPrefix);
  if (typeof value.type !== 'string') {
    const name = (value.type as { displayName?: string; name?: string } | null)?.displayName ?? (value.type as { name?: string } | null)?.name;
    return [{ type: UNRENDERABLE_ELEMENT_TYPE, props: { name: name || 'anonymous component' }, children: [], key: keyPrefix }];
  }
  return [{ type: value.type, props, children: elementToForgeDocs(children, `${keyPrefix}.c`), key: keyPrefix }];
}

/** The text of a node's String descendants, in order. */
export function textOf(node: ForgeDoc): string {
  if (node.type === TEXT_TYPE) return String(node.props.text ?? '');
  return node.children.map(textOf).join('');
}

export function childrenOfType(node: ForgeDoc, type: string): ForgeDoc[] {
  return node.children.filter((child) => child.type === type);
}

/** Depth-first, parents before children. */
export function* walk(node: ForgeDoc, parents: ForgeDoc[] = []): Generator<{ node: ForgeDoc; parents: ForgeDoc[] }> {
  yield { node, parents };
  for (const child of node.children) yield* walk(child, [...parents, node]);
}
