import { dirname, join } from 'node:path';
import type { ReactElement } from 'react';
import { createBridgeHost, type CallBridge, type FlagOptions } from '../../src/local/admin-preview/bridge-host';
import { pageRows, readDynamicTable, sortRows } from '../../src/local/admin-preview/dynamic-table-model';
import { childrenOfType, elementToForgeDocs, isElementProp, TEXT_TYPE, type ForgeDoc } from '../../src/local/admin-preview/forge-doc';
import { localAdminContext, type AdminPreviewContext } from '../../src/local/admin-preview/preview-context';
import { flatOptions, selectChange, selectedOptions } from '../../src/local/admin-preview/select-options';
import { serialisableEvent, type SerialisableEventType, type SerialisableTarget } from '../../src/local/admin-preview/serialisable-event';
import { pickedUser } from '../../src/local/admin-preview/user-picker-value';

// Component tests for UI Kit pages without a browser: the real @forge/react reconciler renders the app into
// a ForgeDoc, the host side of the bridge is the preview's own (so invoke, getContext, showFlag behave as
// in the browser preview), and the helpers below play the user: they call the function props with the
// same arguments the browser host gives them (serialised events, option objects, onSubmit()).
//
// Import this module BEFORE the component under test: @forge/bridge looks up the bridge when it is loaded.
//
//   import { renderUiKit } from '../../test/kit/ui-kit-render';
//   import { App } from './App';
//   const ui = await renderUiKit(<App />, { invoke: async (key, payload) => … });
//   await ui.fill(ui.byLabel('Display name'), 'Okta');
//   await ui.click(ui.byText('Save', 'Button'));
//   expect(ui.invocations).toEqual([{ functionKey: 'save', payload: { … } }]);
//
// Queries see what a user would see: only the selected TabPanel, only the current page of a DynamicTable.
// Nodes are live objects: query again after an action rather than keeping one across re-renders.

export type KitInvoke = (functionKey: string, payload: unknown, context: AdminPreviewContext) => unknown;

export interface RenderUiKitOptions {
  /** The resolvers. Payload and result go through JSON, as over Forge's bridge. Unset: every invoke fails. */
  invoke?: KitInvoke;
  context?: Partial<AdminPreviewContext>;
}

export interface Invocation {
  functionKey: string;
  payload: unknown;
}

export type NodeQuery = { type?: string; text?: string | RegExp; props?: Record<string, unknown> } | ((node: ForgeDoc) => boolean);

export interface UiKitScreen {
  /** The live ForgeDoc root (type 'Root'). */
  readonly root: ForgeDoc;
  readonly invocations: Invocation[];
  readonly flags: FlagOptions[];
  /** Bridge commands the app used that the preview does not answer (they were rejected). */
  readonly unsupportedCalls: string[];
  /** The visible text of a node (default: the whole page), whitespace collapsed. */
  text(node?: ForgeDoc): string;
  findAll(query: NodeQuery): ForgeDoc[];
  /** Exactly one match, else throws with the page's tree. */
  find(query: NodeQuery): ForgeDoc;
  query(query: NodeQuery): ForgeDoc | undefined;
  /** The innermost node (of that type, if given) whose whole visible text matches. */
  byText(text: string | RegExp, type?: string): ForgeDoc;
  /** A field by its Label (labelFor = the field's id) or its own label prop (Checkbox, Radio, UserPicker, Toggle's aria label). */
  byLabel(label: string | RegExp): ForgeDoc;
  byTestId(testId: string): ForgeDoc;
  /** Button, LoadingButton, Pressable, SectionMessageAction, Tab; a submit button also submits its Form. */
  click(node: ForgeDoc): Promise<void>;
  /** Textfield or TextArea: one onChange with the whole new value (as Playwright's fill). */
  fill(node: ForgeDoc, value: string): Promise<void>;
  /** Select: by option label or value; several with isMulti (replacing the selection); null clears. */
  select(node: ForgeDoc, choice: string | string[] | null): Promise<void>;
  /** Checkbox or Toggle: does nothing when already in that state. */
  check(node: ForgeDoc, checked?: boolean): Promise<void>;
  /** RadioGroup: the option with this value or label. */
  choose(node: ForgeDoc, choice: string): Promise<void>;
  /** UserPicker stand-in: account ids or emails. */
  pickUsers(node: ForgeDoc, entries: string | string[]): Promise<void>;
  /** Moves focus away from the focused field (its onBlur runs: useForm validates then). */
  blur(): Promise<void>;
  /** As pressing Enter in a form: onSubmit() of this Form (default: the only Form). */
  submit(form?: ForgeDoc): Promise<void>;
  /** DynamicTable pagination: shows that page and calls onSetPage(page). */
  goToPage(table: ForgeDoc, page: number): Promise<void>;
  /** Waits until effects ran, invokes answered and the tree stopped changing. */
  settle(): Promise<void>;
  /** The visible tree, for failure messages. */
  debug(): string;
  unmount(): void;
}

interface Reconciler {
  createContainer(
    root: ForgeDoc,
    tag: 0,
    hydration: null,
    strict: false,
    concurrent: null,
    prefix: string,
    onError: (error: unknown) => void,
    transition: null,
  ): unknown;
  updateContainer(element: ReactElement | null, container: unknown, parent: null, callback: null): void;
}

interface Session {
  root: ForgeDoc;
  host: CallBridge;
  active: boolean;
  unmount(): void;
}

const sessions: Session[] = [];

// @forge/react's reconciler reads self.__bridge and @forge/bridge reads globalThis.__bridge: in node both
// must exist before either is loaded, and stay the same object (the bridge function is captured at load).
const globals = globalThis as unknown as { self?: unknown; __bridge?: { callBridge: CallBridge } };
globals.self ??= globalThis;
globals.__bridge = {
  callBridge(command, data) {
    if (command === 'reconcile') {
      const session = sessions.find((candidate) => candidate.root === (data as { forgeDoc: ForgeDoc }).forgeDoc);
      return session?.active ? session.host(command, data) : Promise.resolve(undefined);
    }
    const session = [...sessions].reverse().find((candidate) => candidate.active);
    if (!session) return Promise.reject(new Error(`No UI Kit render is active to answer "${command}"`));
    return session.host(command, data);
  },
};

let forge: { reconciler: Reconciler; createElement: (spec: { type: string; props: object; forgeReactMajorVersion: number }) => ForgeDoc } | undefined;

// The same container ForgeReconciler.render makes (a legacy root with the same host config), built here so
// that a test can unmount it. The reconciler module sits behind @forge/react's exports map, hence the path.
function forgeReconciler() {
  if (!forge) {
    const out = dirname(require.resolve('@forge/react'));
    const { hostConfig, createElement } = require(join(out, 'reconciler.js'));
    const createReconciler = require(require.resolve('react-reconciler', { paths: [out] }));
    forge = { reconciler: createReconciler(hostConfig) as Reconciler, createElement };
  }
  return forge;
}

// Each test's renders are unmounted after it (their effects cleaned up), as @testing-library does.
if (typeof afterEach === 'function') {
  afterEach(() => {
    for (const session of sessions.splice(0)) session.unmount();
  });
}

export async function renderUiKit(element: ReactElement, options: RenderUiKitOptions = {}): Promise<UiKitScreen> {
  const { reconciler, createElement } = forgeReconciler();
  const context = localAdminContext(options.context);
  const root = createElement({ type: 'Root', props: {}, forgeReactMajorVersion: 11 });
  const invocations: Invocation[] = [];
  const flags: FlagOptions[] = [];
  const unsupportedCalls: string[] = [];
  const failures: unknown[] = [];
  const kitState = new Map<string, unknown>();
  let pending = 0;
  let commits = 0;
  let focused: ForgeDoc | undefined;

  const session: Session = {
    root,
    active: true,
    unmount() {
      if (!session.active) return;
      reconciler.updateContainer(null, container, null, null);
      session.active = false;
    },
    host: createBridgeHost({
      context,
      reconcile: () => {
        commits++;
      },
      async invoke(functionKey, payload) {
        const sent = roundTrip(payload);
        invocations.push({ functionKey, payload: sent });
        pending++;
        try {
          if (!options.invoke) throw new Error(`renderUiKit was given no invoke, so "${functionKey}" cannot run`);
          return { ok: true, result: roundTrip(await options.invoke(functionKey, sent, structuredClone(context))) };
        } catch (error) {
          return { ok: false, error: error instanceof Error ? error.message : String(error) };
        } finally {
          pending--;
        }
      },
      onError: (error) => failures.push(error),
      showFlag: (flag) => flags.push(flag),
      closeFlag: () => undefined,
      navigate: () => undefined,
      onUnsupported: (command) => unsupportedCalls.push(command),
    }),
  };
  sessions.push(session);
  const container = reconciler.createContainer(root, 0, null, false, null, 'root', (error) => failures.push(error), null);
  reconciler.updateContainer(element, container, null, null);

  // --- what the user can see ---

  // A prop the app controls wins; otherwise what the user did here; otherwise the default prop.
  function controlledOrState<T>(node: ForgeDoc, prop: string, defaultProp: string, fallback: T): T {
    if (node.props[prop] !== undefined) return node.props[prop] as T;
    if (kitState.has(node.key)) return kitState.get(node.key) as T;
    return (node.props[defaultProp] as T | undefined) ?? fallback;
  }

  const selectedTab = (tabs: ForgeDoc): number => controlledOrState(tabs, 'selected', 'defaultSelected', 0);
  const tablePage = (table: ForgeDoc): number => controlledOrState(table, 'page', 'defaultPage', 1);

  function visibleChildren(node: ForgeDoc): ForgeDoc[] {
    if (node.type === 'Tabs') {
      const panels = childrenOfType(node, 'TabPanel');
      const shown = panels[selectedTab(node)];
      return node.children.filter((child) => child.type !== 'TabPanel' || child === shown);
    }
    if (node.type === 'DynamicTable') {
      const model = readDynamicTable(node);
      const sortKey =
        typeof node.props.sortKey === 'string'
          ? node.props.sortKey
          : typeof node.props.defaultSortKey === 'string'
            ? node.props.defaultSortKey
            : undefined;
      const order =
        node.props.sortOrder === 'DESC' || (node.props.sortOrder === undefined && node.props.defaultSortOrder === 'DESC') ? 'DESC' : 'ASC';
      const rowsPerPage = typeof node.props.rowsPerPage === 'number' ? node.props.rowsPerPage : undefined;
      const rows = pageRows(sortRows(model, sortKey, order), rowsPerPage, tablePage(node)).map((row) => row.node);
      return [...(model.head ?? []).map((cell) => cell.node), ...rows];
    }
    return node.children;
  }

  function* visible(node: ForgeDoc): Generator<ForgeDoc> {
    yield node;
    for (const child of visibleChildren(node)) yield* visible(child);
  }

  function parentsOf(target: ForgeDoc): ForgeDoc[] {
    const search = (node: ForgeDoc, trail: ForgeDoc[]): ForgeDoc[] | undefined => {
      if (node === target) return trail;
      for (const child of node.children) {
        const found = search(child, [...trail, node]);
        if (found) return found;
      }
      return undefined;
    };
    const trail = search(root, []);
    if (!trail) throw new Error(`The ${target.type} is no longer on the page: query it again after the last action`);
    return trail;
  }

  function text(node: ForgeDoc = root): string {
    return rawText(node).replace(/\s+/g, ' ').trim();
  }

  function rawText(node: ForgeDoc): string {
    if (node.type === TEXT_TYPE) return String(node.props.text ?? '');
    const own = (VISIBLE_TEXT_PROPS[node.type] ?? []).map((name) => node.props[name]).filter((value): value is string => typeof value === 'string');
    for (const [name, value] of Object.entries(node.props)) {
      if (isElementProp(value) && slotShown(node, name)) own.push(elementToForgeDocs(value, `${node.key}:${name}`).map(rawText).join(' '));
    }
    // Blocks are kept apart ("Name" and "Email" in two cells do not read "NameEmail"); inline text runs on.
    const inner = visibleChildren(node)
      .map((child) => (child.type === TEXT_TYPE || INLINE_TYPES.has(child.type) ? rawText(child) : ` ${rawText(child)} `))
      .join('');
    return [...own, inner].join(' ');
  }

  function slotShown(node: ForgeDoc, prop: string): boolean {
    if (node.type === 'Tooltip' && prop === 'content') return false;
    if (node.type === 'DynamicTable' && prop === 'emptyView') return readDynamicTable(node).rows.length === 0 && node.props.isLoading !== true;
    return true;
  }

  function matches(node: ForgeDoc, query: NodeQuery): boolean {
    if (node.type === TEXT_TYPE || node.type === 'Root') return false;
    if (typeof query === 'function') return query(node);
    if (query.type !== undefined && node.type !== query.type) return false;
    if (query.text !== undefined && !textMatches(text(node), query.text)) return false;
    return Object.entries(query.props ?? {}).every(([name, value]) => node.props[name] === value);
  }

  const findAll = (query: NodeQuery) => [...visible(root)].filter((node) => matches(node, query));

  function exactlyOne(found: ForgeDoc[], what: string): ForgeDoc {
    if (found.length === 1) return found[0];
    throw new Error(
      `Expected one ${what}, found ${found.length}${found.length ? `: ${found.map((node) => `${node.type} "${text(node)}"`).join(', ')}` : ''}\n${debug()}`,
    );
  }

  function byText(wanted: string | RegExp, type?: string): ForgeDoc {
    const candidates = findAll({ type, text: wanted });
    const innermost = candidates.filter((node) => !candidates.some((other) => other !== node && contains(node, other)));
    return exactlyOne(innermost, `${type ?? 'node'} with text ${String(wanted)}`);
  }

  function byLabel(label: string | RegExp): ForgeDoc {
    const ids = findAll({ type: 'Label', text: label })
      .map((node) => node.props.labelFor)
      .filter((id): id is string => typeof id === 'string');
    const labelledById = (node: ForgeDoc) => node.type !== 'Label' && ids.includes((node.props.id ?? node.props.inputId) as string);
    const labelledByProp = (node: ForgeDoc) =>
      LABELLED_BY_PROP.has(node.type) && typeof node.props.label === 'string' && textMatches(node.props.label, label);
    const fields = findAll((node) => labelledById(node) || labelledByProp(node));
    return exactlyOne(fields, `field labelled ${String(label)}`);
  }

  function debug(): string {
    const lines: string[] = [];
    const print = (node: ForgeDoc, depth: number) => {
      if (node.type === TEXT_TYPE) {
        lines.push(`${'  '.repeat(depth)}"${String(node.props.text)}"`);
        return;
      }
      const shown = Object.entries(node.props)
        .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
        .map(([name, value]) => `${name}=${JSON.stringify(value)}`);
      lines.push(`${'  '.repeat(depth)}<${node.type}${shown.length ? ` ${shown.join(' ')}` : ''}>`);
      for (const child of visibleChildren(node)) print(child, depth + 1);
    };
    for (const child of root.children) print(child, 0);
    return lines.join('\n');
  }

  // --- what the user can do ---

  async function settle(): Promise<void> {
    for (let round = 0, quiet = 0; quiet < 3; round++) {
      if (round > 500) throw new Error(`The page did not settle: ${pending} invoke(s) still pending`);
      const before = commits;
      await new Promise((resolve) => setImmediate(resolve));
      quiet = pending === 0 && commits === before ? quiet + 1 : 0;
    }
    const failure = failures.shift();
    if (failure !== undefined) throw failure;
  }

  async function act(work: () => unknown): Promise<void> {
    if (!session.active) throw new Error('This render was unmounted');
    await work();
    await settle();
  }

  function call(node: ForgeDoc, prop: string, ...args: unknown[]): unknown {
    const handler = node.props[prop];
    return typeof handler === 'function' ? handler(...args) : undefined;
  }

  async function focus(node: ForgeDoc | undefined, target: SerialisableTarget): Promise<void> {
    if (focused === node) return;
    const previous = focused;
    focused = node;
    if (previous && parentsOfOrNull(previous)) await call(previous, 'onBlur', event('blur', previous));
    if (node) await call(node, 'onFocus', serialisableEvent('focus', target));
  }

  function parentsOfOrNull(node: ForgeDoc): ForgeDoc[] | undefined {
    try {
      return parentsOf(node);
    } catch {
      return undefined;
    }
  }

  function event(type: SerialisableEventType, node: ForgeDoc, extra: SerialisableTarget = {}) {
    return serialisableEvent(type, targetOf(node, extra));
  }

  function assertEnabled(node: ForgeDoc, verb: string): void {
    if (node.props.isDisabled === true) throw new Error(`Cannot ${verb} the ${node.type} "${text(node)}": it is disabled`);
    if (!parentsOfOrNull(node)) throw new Error(`The ${node.type} is no longer on the page: query it again after the last action`);
  }

  function expectType(node: ForgeDoc, types: string[], verb: string): void {
    if (!types.includes(node.type)) throw new Error(`Cannot ${verb} a ${node.type}; expected ${types.join(' or ')}`);
  }

  const screen: UiKitScreen = {
    root,
    invocations,
    flags,
    unsupportedCalls,
    text,
    findAll,
    find: (query) => exactlyOne(findAll(query), 'node matching the query'),
    query: (query) => findAll(query)[0],
    byText,
    byLabel,
    byTestId: (testId) => exactlyOne(findAll({ props: { testId } }), `node with testId ${testId}`),
    debug,
    settle,

    click: (node) =>
      act(async () => {
        expectType(node, CLICKABLE, 'click');
        assertEnabled(node, 'click');
        if (node.type === 'Tab') return selectTab(node);
        await focus(node, { tagName: 'BUTTON', type: buttonType(node) });
        if (node.props.isLoading === true) return;
        await call(node, 'onClick', event('click', node));
        const form =
          node.props.type === 'submit'
            ? parentsOf(node)
                .reverse()
                .find((parent) => parent.type === 'Form')
            : undefined;
        if (form) await call(form, 'onSubmit');
      }),

    fill: (node, value) =>
      act(async () => {
        expectType(node, ['Textfield', 'TextArea'], 'fill');
        assertEnabled(node, 'fill');
        if (node.props.isReadOnly === true) throw new Error(`Cannot fill the read-only ${node.type}`);
        await focus(node, targetOf(node, { value: currentText(node) }));
        kitState.set(node.key, value);
        await call(node, 'onChange', event('change', node, { value, selectionStart: value.length, selectionEnd: value.length }));
      }),

    select: (node, choice) =>
      act(async () => {
        expectType(node, ['Select'], 'select in');
        assertEnabled(node, 'select in');
        const multi = node.props.isMulti === true;
        const options = flatOptions(node.props.options);
        const wanted = choice === null ? [] : Array.isArray(choice) ? choice : [choice];
        if (!multi && wanted.length > 1) throw new Error('Only a Select with isMulti takes several options');
        const next = wanted.map((label) => {
          const option = options.find((candidate) => candidate.label === label) ?? options.find((candidate) => String(candidate.value) === label);
          if (!option)
            throw new Error(`The Select has no option "${label}"; it has ${options.map((candidate) => `"${candidate.label}"`).join(', ')}`);
          if (option.isDisabled) throw new Error(`The option "${label}" is disabled`);
          return option;
        });
        const previous = selectedOptions(controlledOrState<unknown>(node, 'value', 'defaultValue', null));
        await focus(node, { tagName: 'SELECT', id: stringOf(node.props.id) });
        kitState.set(node.key, next);
        const { value, actionMeta } = selectChange(multi, previous, next, stringOf(node.props.name));
        await call(node, 'onChange', value, actionMeta);
      }),

    check: (node, checked = true) =>
      act(async () => {
        expectType(node, ['Checkbox', 'Toggle'], 'check');
        assertEnabled(node, 'check');
        const current = controlledOrState<unknown>(node, 'isChecked', 'defaultChecked', false) === true;
        if (current === checked) return;
        await focus(node, targetOf(node, { checked: current }));
        kitState.set(node.key, checked);
        await call(node, 'onChange', event('change', node, { checked }));
      }),

    choose: (node, choice) =>
      act(async () => {
        expectType(node, ['RadioGroup'], 'choose in');
        assertEnabled(node, 'choose in');
        const options = Array.isArray(node.props.options)
          ? (node.props.options as { label?: unknown; value?: unknown; name?: string; isDisabled?: boolean }[])
          : [];
        const option = options.find((candidate) => String(candidate.value) === choice) ?? options.find((candidate) => candidate.label === choice);
        if (!option) throw new Error(`The RadioGroup has no option "${choice}"`);
        if (option.isDisabled) throw new Error(`The option "${choice}" is disabled`);
        const target = {
          tagName: 'INPUT',
          type: 'radio',
          checked: true,
          value: option.value === undefined ? 'on' : String(option.value),
          name: stringOf(node.props.name) ?? option.name,
        };
        await focus(node, target);
        await call(node, 'onChange', serialisableEvent('change', target));
      }),

    pickUsers: (node, entries) =>
      act(async () => {
        expectType(node, ['UserPicker'], 'pick users in');
        const users = (Array.isArray(entries) ? entries : [entries]).map(pickedUser);
        await focus(node, { tagName: 'INPUT', type: 'text' });
        await call(node, 'onChange', node.props.isMulti === true ? users : (users[0] ?? null));
      }),

    blur: () => act(() => focus(undefined, {})),

    submit: (form) =>
      act(async () => {
        const target = form ?? exactlyOne(findAll({ type: 'Form' }), 'Form');
        expectType(target, ['Form'], 'submit');
        await call(target, 'onSubmit');
      }),

    goToPage: (table, page) =>
      act(async () => {
        expectType(table, ['DynamicTable'], 'page');
        kitState.set(table.key, page);
        await call(table, 'onSetPage', page);
      }),

    unmount: () => session.unmount(),
  };

  async function selectTab(tab: ForgeDoc): Promise<void> {
    const tabs = parentsOf(tab)
      .reverse()
      .find((parent) => parent.type === 'Tabs');
    if (!tabs) throw new Error('This Tab is not inside Tabs');
    const index = childrenOfType(tabs, 'TabList')
      .flatMap((list) => childrenOfType(list, 'Tab'))
      .indexOf(tab);
    kitState.set(tabs.key, index);
    await call(tabs, 'onChange', index);
  }

  function currentText(node: ForgeDoc): string {
    const value = controlledOrState<unknown>(node, 'value', 'defaultValue', '');
    return value === null ? '' : String(value);
  }

  await settle();
  return screen;
}

// Text a host draws from string props (beyond the node's children).
const VISIBLE_TEXT_PROPS: Record<string, string[]> = {
  Checkbox: ['label'],
  Radio: ['label'],
  UserPicker: ['label', 'description'],
  SectionMessage: ['title'],
  FormHeader: ['title', 'description'],
  FormSection: ['title', 'description'],
  EmptyState: ['header', 'description'],
  Tag: ['text'],
  CodeBlock: ['text'],
  DynamicTable: ['caption'],
};

const LABELLED_BY_PROP = new Set(['Checkbox', 'Radio', 'Toggle', 'UserPicker']);

const INLINE_TYPES = new Set(['Strong', 'Em', 'Strike', 'Code', 'Link', 'Lozenge', 'Badge', 'Tooltip', 'Icon', 'RequiredAsterisk']);

const CLICKABLE = ['Button', 'LoadingButton', 'LinkButton', 'Pressable', 'SectionMessageAction', 'Tab'];

// The DOM input the browser host would report for this field (an input's value is "on" without a value attribute).
function targetOf(node: ForgeDoc, extra: SerialisableTarget): SerialisableTarget {
  const checkable = node.type === 'Checkbox' || node.type === 'Toggle';
  const base: SerialisableTarget = {
    tagName: node.type === 'TextArea' ? 'TEXTAREA' : 'INPUT',
    type: node.type === 'TextArea' ? 'textarea' : checkable ? 'checkbox' : (stringOf(node.props.type) ?? 'text'),
    id: stringOf(node.props.id),
    name: stringOf(node.props.name),
  };
  if (checkable) base.value = stringOf(node.props.value) ?? 'on';
  if (CLICKABLE.includes(node.type)) return { tagName: 'BUTTON', type: buttonType(node), ...extra };
  return { ...base, ...extra };
}

function buttonType(node: ForgeDoc): string {
  return stringOf(node.props.type) ?? 'button';
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function textMatches(actual: string, wanted: string | RegExp): boolean {
  return typeof wanted === 'string' ? actual.replace(/\s+/g, ' ').trim() === wanted.replace(/\s+/g, ' ').trim() : wanted.test(actual);
}

function contains(ancestor: ForgeDoc, node: ForgeDoc): boolean {
  return ancestor.children.some((child) => child === node || contains(child, node));
}

function roundTrip(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
