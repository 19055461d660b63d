import fc from 'fast-check';
import { SCIMError } from '../error';
import { USER_RESOURCE_TYPE } from '../schemas/resource-types';
import type { ComparisonOperator, ComparisonValue, Filter } from './ast';
import { matchesFilter } from './evaluate';
import { formatFilter } from './format';
import { parseFilter } from './parser';

// A reference model: users of a fixed shape, and an evaluator that knows each attribute's type and
// caseExact by heart instead of reading the schema definitions.

interface ModelEmail {
  value?: string;
  type?: string;
  primary?: boolean;
}

interface ModelUser {
  id: string;
  userName: string;
  externalId?: string;
  displayName?: string;
  title?: string;
  active?: boolean;
  name?: { givenName?: string; familyName?: string };
  emails?: ModelEmail[];
  meta: { created: string };
  [ENTERPRISE]?: { department?: string };
}

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

type Kind = 'string' | 'caseExact' | 'boolean' | 'dateTime';

interface Field {
  path: string;
  kind: Kind;
  values(user: ModelUser): unknown[];
}

const list = <T>(value: T | undefined): T[] => (value === undefined ? [] : [value]);

const FIELDS: Field[] = [
  { path: 'id', kind: 'caseExact', values: (u) => [u.id] },
  { path: 'userName', kind: 'string', values: (u) => [u.userName] },
  { path: 'externalId', kind: 'caseExact', values: (u) => list(u.externalId) },
  { path: 'displayName', kind: 'string', values: (u) => list(u.displayName) },
  { path: 'title', kind: 'string', values: (u) => list(u.title) },
  { path: 'active', kind: 'boolean', values: (u) => list(u.active) },
  { path: 'name.givenName', kind: 'string', values: (u) => list(u.name?.givenName) },
  { path: 'name.familyName', kind: 'string', values: (u) => list(u.name?.familyName) },
  { path: 'emails.value', kind: 'string', values: (u) => (u.emails ?? []).flatMap((e) => list(e.value)) },
  { path: 'emails.type', kind: 'string', values: (u) => (u.emails ?? []).flatMap((e) => list(e.type)) },
  { path: 'emails.primary', kind: 'boolean', values: (u) => (u.emails ?? []).flatMap((e) => list(e.primary)) },
  { path: 'meta.created', kind: 'dateTime', values: (u) => [u.meta.created] },
  { path: `${ENTERPRISE}:department`, kind: 'string', values: (u) => list(u[ENTERPRISE]?.department) },
];

const ELEMENT_FIELDS: { path: string; kind: Kind; values(email: ModelEmail): unknown[] }[] = [
  { path: 'value', kind: 'string', values: (e) => list(e.value) },
  { path: 'type', kind: 'string', values: (e) => list(e.type) },
  { path: 'primary', kind: 'boolean', values: (e) => list(e.primary) },
];

const STRING_OPERATORS: ComparisonOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
const BOOLEAN_OPERATORS: ComparisonOperator[] = ['eq', 'ne', 'co', 'sw', 'ew'];

// Few distinct letters, so that generated filters often hit generated users.
const text = fc.string({ unit: fc.constantFrom('a', 'B', 'b', 'é', '"', '\\', ' '), maxLength: 3 });
const instant = fc.integer({ min: 1_500_000_000_000, max: 1_500_000_000_010 }).map((ms) => new Date(ms).toISOString());
const instantWithOffset = instant.map((iso) => iso.replace('Z', '+00:00'));

const email: fc.Arbitrary<ModelEmail> = fc.record(
  { value: text, type: fc.constantFrom('work', 'home', 'WORK'), primary: fc.boolean() },
  { requiredKeys: [] },
);

const user: fc.Arbitrary<ModelUser> = fc.record(
  {
    id: text,
    userName: text,
    externalId: text,
    displayName: text,
    title: text,
    active: fc.boolean(),
    name: fc.record({ givenName: text, familyName: text }, { requiredKeys: [] }),
    emails: fc.array(email, { maxLength: 3 }),
    meta: fc.record({ created: instant }),
    [ENTERPRISE]: fc.record({ department: text }, { requiredKeys: [] }),
  },
  { requiredKeys: ['id', 'userName', 'meta'] },
);

function valueFor(kind: Kind): fc.Arbitrary<ComparisonValue> {
  switch (kind) {
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constant(null), text);
    case 'dateTime':
      return fc.oneof(instant, instantWithOffset, fc.constant(null));
    default:
      return fc.oneof({ arbitrary: text, weight: 5 }, fc.constant(null), fc.integer({ min: 0, max: 2 }));
  }
}

// Attribute names in any case: the parser and the evaluator must not care.
function anyCase(name: string): fc.Arbitrary<string> {
  if (name.startsWith('urn:')) return fc.constant(name);
  return fc
    .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((upper) => [...name].map((char, index) => (upper[index] ? char.toUpperCase() : char.toLowerCase())).join(''));
}

function leaf(fields: readonly { path: string; kind: Kind }[]): fc.Arbitrary<Filter> {
  return fc.constantFrom(...fields).chain((field) => {
    const path = anyCase(field.path).map(toAttributePath);
    const presence = path.map((p): Filter => ({ op: 'pr', path: p }));
    const operators = field.kind === 'boolean' ? BOOLEAN_OPERATORS : STRING_OPERATORS;
    const comparison = fc.tuple(path, fc.constantFrom(...operators), valueFor(field.kind)).map(([p, op, value]): Filter => ({ op, path: p, value }));
    return fc.oneof({ arbitrary: comparison, weight: 4 }, presence);
  });
}

function toAttributePath(text: string): { schema?: string; attribute: string; subAttribute?: string } {
  const colon = text.startsWith('urn:') ? text.lastIndexOf(':') : -1;
  const [attribute, subAttribute] = text.slice(colon + 1).split('.') as [string, string | undefined];
  return { ...(colon === -1 ? {} : { schema: text.slice(0, colon) }), attribute, ...(subAttribute ? { subAttribute } : {}) };
}

function combine(base: fc.Arbitrary<Filter>, depth: number): fc.Arbitrary<Filter> {
  if (depth === 0) return base;
  const smaller = combine(base, depth - 1);
  return fc.oneof(
    { arbitrary: base, weight: 3 },
    fc.tuple(fc.constantFrom('and' as const, 'or' as const), smaller, smaller).map(([op, left, right]): Filter => ({ op, left, right })),
    smaller.map((filter): Filter => ({ op: 'not', filter })),
  );
}

const elementFilter = combine(leaf(ELEMENT_FIELDS), 2);
const valuePath = fc
  .tuple(anyCase('emails'), elementFilter)
  .map(([name, filter]): Filter => ({ op: 'valuePath', path: { attribute: name }, filter }));
const filter = combine(fc.oneof({ arbitrary: leaf(FIELDS), weight: 4 }, valuePath), 3);

function model(f: Filter, lookup: (path: string) => { values: unknown[]; kind: Kind }, elements: (f: Filter) => boolean): boolean {
  switch (f.op) {
    case 'and':
      return model(f.left, lookup, elements) && model(f.right, lookup, elements);
    case 'or':
      return model(f.left, lookup, elements) || model(f.right, lookup, elements);
    case 'not':
      return !model(f.filter, lookup, elements);
    case 'valuePath':
      return elements(f.filter);
    case 'pr':
      return lookup(pathText(f.path)).values.some((value) => value !== '');
    default: {
      const { values, kind } = lookup(pathText(f.path));
      if (f.op === 'eq' && f.value === null) return !values.some((value) => value !== '');
      if (f.op === 'ne') return !model({ ...f, op: 'eq' }, lookup, elements);
      return values.some((value) => compareModel(f.op, value, f.value, kind));
    }
  }
}

function compareModel(op: ComparisonOperator, actual: unknown, expected: ComparisonValue, kind: Kind): boolean {
  if (typeof actual === 'boolean' || typeof expected === 'boolean') return op === 'eq' && actual === expected;
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  const fold = (s: string) => (kind === 'caseExact' ? s : s.toLowerCase());
  const [a, b] = [fold(actual), fold(expected)];
  const order = kind === 'dateTime' ? Math.sign(Date.parse(actual) - Date.parse(expected)) : a < b ? -1 : a > b ? 1 : 0;
  switch (op) {
    case 'eq':
      return order === 0;
    case 'co':
      return a.includes(b);
    case 'sw':
      return a.startsWith(b);
    case 'ew':
      return a.endsWith(b);
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    default:
      return order <= 0;
  }
}

function pathText(path: { schema?: string; attribute: string; subAttribute?: string }): string {
  const name = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  return (path.schema ? `${path.schema}:${name}` : name).toLowerCase();
}

function modelMatches(f: Filter, u: ModelUser): boolean {
  const topLevel = (path: string) => {
    const field = FIELDS.find((candidate) => candidate.path.toLowerCase() === path)!;
    return { values: field.values(u), kind: field.kind };
  };
  return model(f, topLevel, (inner) => (u.emails ?? []).some((e) => elementMatches(inner, e)));
}

function elementMatches(f: Filter, e: ModelEmail): boolean {
  const lookup = (path: string) => {
    const field = ELEMENT_FIELDS.find((candidate) => candidate.path.toLowerCase() === path)!;
    return { values: field.values(e), kind: field.kind };
  };
  return model(f, lookup, () => false);
}

describe('filters, property-based', () => {
  it('print and parse back to the same AST', () => {
    fc.assert(
      fc.property(filter, (f) => {
        expect(parseFilter(formatFilter(f), USER_RESOURCE_TYPE)).toEqual(f);
      }),
      { numRuns: 500 },
    );
  });

  it('evaluate as the reference model does', () => {
    fc.assert(
      fc.property(filter, user, (f, u) => {
        const parsed = parseFilter(formatFilter(f), USER_RESOURCE_TYPE);
        expect(matchesFilter(parsed, { ...u }, USER_RESOURCE_TYPE)).toBe(modelMatches(f, u));
      }),
      { numRuns: 2000 },
    );
  });

  const filterish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'userName',
          'emails',
          'emails.value',
          'name.givenName',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
        ),
        fc.constantFrom(' eq ', ' ne ', ' co ', ' gt ', ' pr', ' and ', ' or ', 'not ', ' ', 'true', 'null', '12', '-', '.'),
        fc.constantFrom('(', ')', '[', ']', '"', '\\', '"x"', "'", ','),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''));

  it('either parse or throw a 400 SCIMError, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), filterish), (input) => {
        try {
          parseFilter(input, USER_RESOURCE_TYPE);
        } catch (error) {
          expect(error).toBeInstanceOf(SCIMError);
          expect((error as SCIMError).status).toBe(400);
          expect((error as SCIMError).scimType).toBe('invalidFilter');
        }
      }),
      { numRuns: 1500 },
    );
  });

  it.each([
    ['unclosed parentheses', '('.repeat(4000)],
    ['unclosed string of backslashes', `userName eq "${'\\'.repeat(4000)}`],
    ['quotes', '"'.repeat(4000)],
    ['nested not', 'not ('.repeat(800)],
    ['a long chain of or', `${'userName pr or '.repeat(250)}userName pr`],
    ['a long word', 'a'.repeat(4096)],
    ['too long', `${'a'.repeat(1_000_000)} pr`],
  ])('handle %s without overflowing the stack: a result or a SCIMError', (_, input) => {
    try {
      matchesFilter(parseFilter(input, USER_RESOURCE_TYPE), { userName: 'x' }, USER_RESOURCE_TYPE);
    } catch (error) {
      expect(error).toBeInstanceOf(SCIMError);
    }
  });
});
