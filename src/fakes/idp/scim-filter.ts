// The SCIM filter subset IDCS answers (RFC 7644 §3.4.2.2 without value paths), for the fake server only.

export class FilterError extends Error {}

type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
type Literal = string | number | boolean | null;

export type Filter =
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; inner: Filter }
  | { kind: 'pr'; path: string }
  /** `a eq "x" or a eq "y" or ...` on one string attribute, as a set of lower-cased values. */
  | { kind: 'anyOf'; path: string; values: ReadonlySet<string> }
  | { kind: 'compare'; op: CompareOp; path: string; value: Literal; isDate: boolean };

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const DATE_ATTRIBUTES = /(^|[.:])(created|lastmodified|dateadded|groupmembershiplastmodified)$/;

type Token = { kind: 'word'; text: string } | { kind: 'literal'; value: Literal } | { kind: '(' | ')' };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < input.length && input[j] !== '"') j += input[j] === '\\' ? 2 : 1;
      if (j >= input.length) throw new FilterError('Unterminated string in filter');
      tokens.push({ kind: 'literal', value: JSON.parse(input.slice(i, j + 1)) as string });
      i = j + 1;
    } else {
      let j = i;
      while (j < input.length && !/[\s()"]/.test(input[j]!)) j++;
      const text = input.slice(i, j);
      if (/[[\]]/.test(text)) throw new FilterError(`Value paths are not supported: ${text}`);
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === 'false') tokens.push({ kind: 'literal', value: lower === 'true' });
      else if (lower === 'null') tokens.push({ kind: 'literal', value: null });
      else if (/^-?\d+(\.\d+)?$/.test(text)) tokens.push({ kind: 'literal', value: Number(text) });
      else tokens.push({ kind: 'word', text });
      i = j;
    }
  }
  return tokens;
}

/** Parses a filter; every attribute path must be in `knownPaths` (lower-cased). */
export function parseFilter(input: string, knownPaths: ReadonlySet<string>): Filter {
  const tokens = tokenize(input);
  let pos = 0;
  const peekWord = () => {
    const t = tokens[pos];
    return t?.kind === 'word' ? t.text.toLowerCase() : undefined;
  };

  const parseOr = (): Filter => {
    const operands = [parseAnd()];
    while (peekWord() === 'or') {
      pos++;
      operands.push(parseAnd());
    }
    return anyOf(operands) ?? operands.reduce((left, right) => ({ kind: 'or', left, right }));
  };
  const parseAnd = (): Filter => {
    let left = parseUnary();
    while (peekWord() === 'and') {
      pos++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): Filter => {
    const t = tokens[pos];
    if (peekWord() === 'not') {
      pos++;
      if (tokens[pos]?.kind !== '(') throw new FilterError('Expected ( after not');
      return { kind: 'not', inner: parseUnary() };
    }
    if (t?.kind === '(') {
      pos++;
      const inner = parseOr();
      if (tokens[pos]?.kind !== ')') throw new FilterError('Expected )');
      pos++;
      return inner;
    }
    if (t?.kind !== 'word') throw new FilterError('Expected an attribute path');
    const path = t.text.toLowerCase();
    if (!knownPaths.has(path)) throw new FilterError(`Unknown attribute in filter: ${t.text}`);
    pos++;
    const op = peekWord();
    if (op === 'pr') {
      pos++;
      return { kind: 'pr', path };
    }
    if (!op || !COMPARE_OPS.has(op)) throw new FilterError(`Expected an operator after ${t.text}`);
    pos++;
    const value = tokens[pos];
    if (value?.kind !== 'literal') throw new FilterError(`Expected a value after ${op}`);
    pos++;
    return { kind: 'compare', op: op as CompareOp, path, value: value.value, isDate: DATE_ATTRIBUTES.test(path) };
  };

  const filter = parseOr();
  if (pos !== tokens.length) throw new FilterError('Unexpected text after filter');
  return filter;
}

/** Collapses a long `or` of string equalities on one attribute (how clients search by ids) into a set lookup. */
function anyOf(operands: Filter[]): Filter | undefined {
  const first = operands[0]!;
  if (operands.length < 2 || first.kind !== 'compare' || first.isDate) return undefined;
  const values = new Set<string>();
  for (const operand of operands) {
    if (operand.kind !== 'compare' || operand.op !== 'eq' || operand.path !== first.path || typeof operand.value !== 'string') {
      return undefined;
    }
    values.add(operand.value.toLowerCase());
  }
  return { kind: 'anyOf', path: first.path, values };
}

/** Every value at a path: dotted sub-attributes, URN-prefixed extension attributes, arrays flattened. */
export function valuesAt(resource: Record<string, unknown>, path: string): unknown[] {
  const lower = path.toLowerCase();
  let start: unknown = resource;
  let rest = lower;
  const urnKey = lower.startsWith('urn:')
    ? Object.keys(resource).find((key) => key.startsWith('urn:') && lower.startsWith(`${key.toLowerCase()}:`))
    : undefined;
  if (urnKey) {
    start = resource[urnKey];
    rest = lower.slice(urnKey.length + 1);
  }
  let current: unknown[] = [start];
  for (const segment of rest.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
      for (const key in value) {
        if (key.toLowerCase() !== segment) continue;
        const found = (value as Record<string, unknown>)[key];
        if (Array.isArray(found)) next.push(...found);
        else if (found !== undefined && found !== null) next.push(found);
      }
    }
    current = next;
  }
  return current;
}

function compareOne(op: CompareOp, actual: unknown, expected: Literal, isDate: boolean): boolean {
  if (isDate && typeof actual === 'string' && typeof expected === 'string') {
    return compareOrdered(op, Date.parse(actual), Date.parse(expected));
  }
  if (typeof actual === 'string' && typeof expected === 'string') {
    const a = actual.toLowerCase();
    const e = expected.toLowerCase();
    if (op === 'co') return a.includes(e);
    if (op === 'sw') return a.startsWith(e);
    if (op === 'ew') return a.endsWith(e);
    return compareOrdered(op, a, e);
  }
  if (op === 'eq') return actual === expected;
  if (typeof actual === 'number' && typeof expected === 'number') return compareOrdered(op, actual, expected);
  return false;
}

function compareOrdered<T extends string | number>(op: CompareOp, a: T, e: T): boolean {
  switch (op) {
    case 'eq':
      return a === e;
    case 'gt':
      return a > e;
    case 'ge':
      return a >= e;
    case 'lt':
      return a < e;
    case 'le':
      return a <= e;
    default:
      return false;
  }
}

export function matchesFilter(resource: Record<string, unknown>, filter: Filter): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesFilter(resource, filter.left) && matchesFilter(resource, filter.right);
    case 'or':
      return matchesFilter(resource, filter.left) || matchesFilter(resource, filter.right);
    case 'not':
      return !matchesFilter(resource, filter.inner);
    case 'anyOf':
      return valuesAt(resource, filter.path).some((v) => typeof v === 'string' && filter.values.has(v.toLowerCase()));
    case 'pr':
      return valuesAt(resource, filter.path).some((v) => v !== '' && !(Array.isArray(v) && v.length === 0));
    case 'compare': {
      const values = valuesAt(resource, filter.path);
      if (filter.op === 'ne') return !values.some((v) => compareOne('eq', v, filter.value, filter.isDate));
      return values.some((v) => compareOne(filter.op, v, filter.value, filter.isDate));
    }
  }
}
