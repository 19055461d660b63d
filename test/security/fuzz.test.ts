import fc from 'fast-check';
import { invokeResolver, resolverDefinitions } from '../../src/admin/resolver-definitions';
import type { WebTriggerRequest } from '../../src/platform/webtrigger';
import { compileSafeRegex, MAX_INPUT_LENGTH, MAX_INSTRUCTIONS, MAX_PATTERN_LENGTH } from '../../src/provisioning/safe-regex';
import { createAuthGate, DEFAULT_AUTH_GATE } from '../../src/scim-service/auth-gate';
import { createConnectionBudget } from '../../src/scim-service/connection-budget';
import { handleScimRequest } from '../../src/scim-service/scim-endpoint';
import { SCIMError } from '../../src/scim/error';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, parseFilter, parsePathExpression } from '../../src/scim/filter/parser';
import { adminBed, ADMIN } from '../kit/admin-bed';
import { ENTERPRISE, GROUP_SCHEMA, oktaUser, PATCH_SCHEMA, ScimTestClient, TRIGGER_URL, UNLIMITED_BUDGET, USER_SCHEMA } from '../kit/scim-client';

// Hostile input on every way in: the SCIM endpoint never throws and never answers 5xx, every 4xx carries a SCIM
// error body, every resolver answers a result object, and filters and regexes are bounded by construction.
// Runs are bounded so that CI stays fast; fast-check prints the seed of any failure to replay it.

const RUNS = { numRuns: 150 };
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

async function scimBed() {
  const scim = await ScimTestClient.create();
  const user = (await scim.post('/Users', oktaUser('ada@example.com'))).body;
  const group = (await scim.post('/Groups', { displayName: 'Engineering', members: [{ value: user.id }] })).body;
  // For requests that may delete what they name, so that `user` and `group` stay for the others.
  const spareUser = (await scim.post('/Users', oktaUser('spare@example.com'))).body;
  const spareGroup = (await scim.post('/Groups', { displayName: 'Spare', members: [{ value: spareUser.id }] })).body;
  // No throttling here: this test is about what the handler does with a request it lets in.
  const unlimited = Number.MAX_SAFE_INTEGER;
  const authGate = createAuthGate({ ...DEFAULT_AUTH_GATE, maxFailures: unlimited, lookupsPerWindow: unlimited });
  const budget = createConnectionBudget(UNLIMITED_BUDGET);
  const handle = (request: WebTriggerRequest) =>
    handleScimRequest({ platform: scim.platform, triggerUrl: async () => TRIGGER_URL, authGate, budget }, request);
  return { scim, user, group, spare: { user: spareUser.id as string, group: spareGroup.id as string }, handle };
}

function nested(depth: number): string {
  return `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
}

const hostileBody = fc.oneof(
  fc.constant(undefined),
  fc.constant(''),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.integer({ min: 1, max: 20_000 }).map(nested),
  fc.constant('x'.repeat(1024 * 1024 + 1)),
  fc.constant(JSON.stringify({ displayName: 'g', members: Array.from({ length: 20_000 }, (_, i) => ({ value: `u${i}` })) })),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from([0xff, 0xfe, 0xc3, ...bytes]).toString('latin1')),
  fc.constant('{"userName":"\ud800\udfff\ud800"}'),
  fc
    .record({
      schemas: fc.constant([PATCH_SCHEMA]),
      Operations: fc.array(
        fc.record({
          op: fc.oneof(fc.constantFrom('add', 'replace', 'remove', 'Add'), fc.string()),
          path: fc.option(fc.string({ maxLength: 80 })),
          value: fc.option(fc.jsonValue()),
        }),
        { maxLength: 5 },
      ),
    })
    .map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        userName: fc.string(),
        displayName: fc.string(),
        members: fc.jsonValue(),
        emails: fc.jsonValue(),
        active: fc.jsonValue(),
        schemas: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);

const query = fc.record(
  {
    filter: fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.constantFrom('userName eq "ada@example.com"', 'members[value eq "x"]', '(((((', 'displayName co ""', 'a'.repeat(5000)),
    ),
    startIndex: fc.oneof(fc.string({ maxLength: 5 }), fc.integer().map(String)),
    count: fc.oneof(fc.string({ maxLength: 5 }), fc.integer().map(String)),
    attributes: fc.string({ maxLength: 40 }),
    excludedAttributes: fc.string({ maxLength: 40 }),
    sortBy: fc.string({ maxLength: 20 }),
  },
  { requiredKeys: [] },
);

const anyHeaders = fc.record(
  {
    'Content-Type': fc.oneof(
      fc.constantFrom('application/scim+json', 'application/json', 'text/plain', 'application/xml', ''),
      fc.string({ maxLength: 30 }),
    ),
    'X-HTTP-Method-Override': fc.oneof(fc.constantFrom('PATCH', 'DELETE', 'PUT'), fc.string({ maxLength: 10 })),
    'If-Match': fc.oneof(fc.constantFrom('W/"1"', '*', 'W/"999"'), fc.string({ maxLength: 20 })),
    Authorization: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('Bearer')),
  },
  { requiredKeys: [] },
);

function expectScimAnswer(response: { statusCode: number; body?: string } | undefined): void {
  expect(response).toBeDefined();
  // 501 is RFC 7644's answer for a feature the service provider does not offer (Bulk, /Me): deliberate, not a failure.
  expect(response!.statusCode === 501 || response!.statusCode < 500).toBe(true);
  if (response!.statusCode >= 400) {
    const body = JSON.parse(response!.body ?? '');
    expect(body).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(response!.statusCode) });
    expect(typeof body.detail).toBe('string');
  }
}

// Most runs are authorised requests with a verb and resource that go together and a JSON Content-Type, so that
// they get past the token check, routing and body reading to validation, filters and the directory; the hostile
// part is the body, the query, the other headers, or the ids in the path. A few runs are anything at all.

/** Hostile text: control characters, unicode (lone surrogates included), escapes, very long strings. */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '%40',
    'a@b',
    '😀',
    'ünïcødé',
    '"',
    '\\',
    '\ud800',
    'x'.repeat(5000),
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '${jndi:ldap://x}',
    '__proto__',
    'constructor',
  ),
);
const hostileValue = fc.oneof(
  { weight: 3, arbitrary: nasty },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constant(null) },
);
/** Mostly `good`, sometimes anything. */
const mostly = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: good as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: hostileValue });

/** A resource id or connection id segment: percent-escapes, unicode, very long, and near misses of `real`. */
function fuzzedSegment(real: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map(encodeURIComponent),
    fc.integer({ min: 65, max: 5000 }).map((n) => 'a'.repeat(n)),
    fc.constantFrom(
      '%40',
      'a%40b',
      '%',
      '%E0%A4%A',
      '%00',
      '%2F',
      '..',
      '.',
      '😀',
      real.toUpperCase(),
      `${real}%40`,
      `${real}@x`,
      `${real}%20`,
      `${real}:x`,
      `${real}#`,
      `${real}_`,
      `${real}.`,
      `${real}-`,
      real.slice(1),
    ),
  );
}

const USER_ATTRIBUTES = [
  'userName',
  'emails',
  'emails.value',
  'emails[type eq "work"].value',
  'externalId',
  'id',
  'displayName',
  'active',
  'name.givenName',
  'meta.lastModified',
  `${USER_SCHEMA}:userName`,
  'EMAILS.VALUE',
];
const GROUP_ATTRIBUTES = [
  'displayName',
  'externalId',
  'id',
  'members',
  'members.value',
  'meta.lastModified',
  `${GROUP_SCHEMA}:displayName`,
  'DISPLAYNAME',
];

function filterExpression(attributes: string[], ids: string[]): fc.Arbitrary<string> {
  const attribute = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...attributes) },
    { weight: 1, arbitrary: fc.constantFrom(`${ENTERPRISE}:department`, 'nope', 'emails[', '', '"userName"', 'members', 'active') },
  );
  const operator = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'EQ') },
    { weight: 1, arbitrary: fc.constantFrom('gt', 'ge', 'lt', 'le', 'xx', '=') },
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: nasty.map((text) => JSON.stringify(text)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('"ada@example.com"', '"Engineering"', 'true', 'false', '"2026-01-01T00:00:00Z"', ...ids.map((id) => `"${id}"`)),
    },
    { weight: 1, arbitrary: fc.constantFrom('null', '42', '-1.5e300', '"', 'unquoted', '"\\"', "'single'") },
  );
  const comparison = fc.oneof(
    { weight: 5, arbitrary: fc.tuple(attribute, operator, value).map(([a, o, v]) => `${a} ${o} ${v}`) },
    { weight: 1, arbitrary: attribute.map((a) => `${a} pr`) },
  );
  const join = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(' and ', ' or ', ' AND ') },
    { weight: 1, arbitrary: fc.constantFrom(' ', ' xor ', ') or (') },
  );
  return fc
    .array(fc.tuple(comparison, join, fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 3 })
    .map((parts) =>
      parts.map(([part, joined, n], i) => `${i > 0 ? joined : ''}${n === 0 ? `not (${part})` : n === 1 ? `(${part})` : part}`).join(''),
    );
}

type Family = 'list' | 'get' | 'createUser' | 'createGroup' | 'replace' | 'patch' | 'discovery' | 'resourceId' | 'connectionId' | 'anything';

interface Fuzzed {
  family: Family;
  method: string;
  /** After /scim/v2/. */
  path: string;
  /** The connection id segment; default the bed's connection. */
  connection?: string;
  authorised: boolean;
  body?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

function scimRequests(ids: { connection: string; user: string; group: string; spare: { user: string; group: string } }): fc.Arbitrary<Fuzzed> {
  const contentType = fc.constantFrom(
    'application/scim+json',
    'application/json',
    'application/scim+json; charset=utf-8',
    'application/json;charset=UTF-8',
  );
  const otherHeaders = fc.record(
    {
      'If-Match': fc.oneof(fc.constantFrom('W/"1"', '*', 'W/"999"', '"1"', 'W/""'), nasty),
      'If-None-Match': fc.oneof(fc.constantFrom('W/"1"', '*'), nasty),
      Accept: fc.oneof(fc.constantFrom('application/scim+json', '*/*', 'text/html'), nasty),
      'X-Forwarded-For': nasty,
    },
    { requiredKeys: [] },
  );
  const headers = fc
    .tuple(contentType, fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: otherHeaders }))
    .map(([type, other]) => ({ 'Content-Type': type, ...other }));
  /** Mostly `good`, sometimes hostile text. */
  const usually = (good: fc.Arbitrary<string>) => fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: nasty });
  const attributeList = (attributes: string[]) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.subarray(attributes, { minLength: 1, maxLength: 3 }).map((names) => names.join(',')) },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom('emails[type eq "work"]', ',', '', 'a,,b', `${ENTERPRISE}:manager`, 'nope'), nasty) },
    );
  const position = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 200 }).map(String) },
    { weight: 1, arbitrary: fc.oneof(fc.integer().map(String), fc.constantFrom('-1', '1e9', '9007199254740993', 'abc', '', '1.5', ' 1'), nasty) },
  );
  const projection = (attributes: string[]) =>
    fc.record({ attributes: attributeList(attributes), excludedAttributes: attributeList(attributes) }, { requiredKeys: [] });
  const listQuery = (attributes: string[]) =>
    fc.record(
      {
        filter: fc.oneof(
          { weight: 8, arbitrary: filterExpression(attributes, [ids.user, ids.group]) },
          { weight: 1, arbitrary: nasty },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              '(((((',
              'a'.repeat(5000),
              `${'('.repeat(100)}userName pr${')'.repeat(100)}`,
              'members[value eq "x"]',
              'displayName co ""',
            ),
          },
        ),
        startIndex: position,
        count: position,
        attributes: attributeList(attributes),
        excludedAttributes: attributeList(attributes),
        sortBy: usually(fc.constantFrom(...attributes.filter((name) => !name.includes('[')))),
        sortOrder: usually(fc.constantFrom('ascending', 'descending')),
      },
      { requiredKeys: ['filter'] },
    );
  const attributesOf = (path: string) => (path.toLowerCase().startsWith('users') ? USER_ATTRIBUTES : GROUP_ATTRIBUTES);

  const email = fc.oneof(fc.emailAddress(), nasty);
  const userBody = fc.record(
    {
      schemas: mostly(fc.constantFrom([USER_SCHEMA], [USER_SCHEMA, ENTERPRISE])),
      userName: mostly(fc.emailAddress()),
      externalId: mostly(fc.string({ minLength: 1, maxLength: 20 })),
      name: mostly(
        fc.record(
          { givenName: mostly(fc.string({ maxLength: 20 })), familyName: mostly(fc.string({ maxLength: 20 })), formatted: nasty },
          { requiredKeys: [] },
        ),
      ),
      displayName: mostly(fc.string({ maxLength: 30 })),
      emails: mostly(
        fc.array(
          fc.record(
            { value: mostly(email), type: mostly(fc.constantFrom('work', 'home')), primary: mostly(fc.boolean()) },
            { requiredKeys: ['value'] },
          ),
          { maxLength: 3 },
        ),
      ),
      active: mostly(fc.boolean()),
      [ENTERPRISE]: mostly(
        fc.record({ department: nasty, manager: mostly(fc.record({ value: fc.oneof(fc.constant(ids.user), nasty) })) }, { requiredKeys: [] }),
      ),
      groups: hostileValue,
      id: nasty,
      meta: hostileValue,
    },
    { requiredKeys: ['schemas', 'userName'] },
  );
  const member = fc.record(
    {
      value: fc.oneof(
        { weight: 3, arbitrary: fc.constant(ids.user) as fc.Arbitrary<unknown> },
        { weight: 1, arbitrary: fuzzedSegment(ids.user) },
        { weight: 1, arbitrary: hostileValue },
      ),
      display: nasty,
      type: fc.constantFrom('User', 'Group', 'nope'),
      $ref: nasty,
    },
    { requiredKeys: ['value'] },
  );
  const groupBody = fc.record(
    {
      schemas: mostly(fc.constant([GROUP_SCHEMA])),
      displayName: mostly(fc.string({ minLength: 1, maxLength: 30 })),
      externalId: mostly(fc.string({ minLength: 1, maxLength: 20 })),
      members: mostly(fc.array(member, { maxLength: 4 })),
      id: nasty,
    },
    { requiredKeys: ['schemas', 'displayName'] },
  );
  const patchPath = fc.oneof(
    fc.constantFrom(
      'members',
      `members[value eq "${ids.user}"]`,
      'emails[type eq "work"].value',
      'name.givenName',
      'active',
      'displayName',
      'userName',
      'externalId',
      `${ENTERPRISE}:manager`,
      'members[',
      '[]',
      'a.b.c.d.e',
      'emails[value co "@"]',
    ),
    nasty,
  );
  const patchValue = fc.oneof(
    fc.constant([{ value: ids.user }]),
    fc.boolean(),
    fc.string({ maxLength: 20 }),
    fc.record({ active: fc.boolean(), displayName: nasty }, { requiredKeys: [] }),
    hostileValue,
  );
  const hostileOperation = fc.record(
    { op: mostly(fc.constantFrom('add', 'replace', 'remove', 'Add', 'Replace')), path: patchPath, value: patchValue },
    { requiredKeys: ['op'] },
  );
  const text = fc.string({ minLength: 1, maxLength: 30 });
  const userOperation = fc.oneof(
    fc.record({
      op: fc.constantFrom('replace', 'Replace', 'add'),
      path: fc.constant('active'),
      value: fc.oneof(fc.boolean(), fc.constantFrom('True', 'false')),
    }),
    fc.record({
      op: fc.constantFrom('replace', 'add'),
      path: fc.constantFrom('displayName', 'name.givenName', 'name.familyName', 'externalId', `${ENTERPRISE}:department`),
      value: text,
    }),
    fc.record({ op: fc.constantFrom('replace', 'add'), path: fc.constantFrom('emails[type eq "work"].value', 'userName'), value: fc.emailAddress() }),
    fc.record({
      op: fc.constant('replace'),
      value: fc.record({ active: fc.boolean(), displayName: text, 'name.givenName': text }, { requiredKeys: [] }),
    }),
    fc.record({ op: fc.constant('remove'), path: fc.constantFrom('displayName', 'name.givenName', 'externalId', `${ENTERPRISE}:manager`) }),
  );
  const groupOperation = fc.oneof(
    fc.record({ op: fc.constantFrom('add', 'Add', 'replace'), path: fc.constant('members'), value: fc.constant([{ value: ids.user }]) }),
    fc.record({ op: fc.constant('remove'), path: fc.constantFrom(`members[value eq "${ids.user}"]`, 'members') }),
    fc.record({ op: fc.constantFrom('replace', 'add'), path: fc.constantFrom('displayName', 'externalId'), value: text }),
    fc.record({ op: fc.constant('replace'), value: fc.record({ displayName: text, externalId: text }, { requiredKeys: [] }) }),
  );
  const patchBody = (path: string) => {
    const operation = fc.oneof(
      { weight: 4, arbitrary: (path.startsWith('Users') ? userOperation : groupOperation) as fc.Arbitrary<unknown> },
      { weight: 1, arbitrary: hostileOperation },
    );
    return fc.record(
      { schemas: mostly(fc.constant([PATCH_SCHEMA])), Operations: mostly(fc.array(operation, { minLength: 1, maxLength: 3 })) },
      { requiredKeys: ['schemas', 'Operations'] },
    );
  };
  const json = (body: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 6, arbitrary: body.map((value) => JSON.stringify(value)) }, { weight: 1, arbitrary: hostileBody });

  const authorised = { authorised: true as const };
  const list = fc
    .constantFrom('Users', 'Groups', 'users')
    .chain((path) =>
      fc.record({
        path: fc.constant(path),
        query: fc.oneof({ weight: 4, arbitrary: listQuery(attributesOf(path)) }, { weight: 1, arbitrary: projection(attributesOf(path)) }),
        headers,
      }),
    )
    .map((r): Fuzzed => ({ family: 'list', method: 'GET', ...authorised, ...r }));
  const get = fc
    .constantFrom(`Users/${ids.user}`, `Groups/${ids.group}`)
    .chain((path) => fc.record({ path: fc.constant(path), query: projection(attributesOf(path)), headers }))
    .map((r): Fuzzed => ({ family: 'get', method: 'GET', ...authorised, ...r }));
  const createUser = fc
    .record({ body: json(userBody), query: projection(USER_ATTRIBUTES), headers })
    .map((r): Fuzzed => ({ family: 'createUser', method: 'POST', path: 'Users', ...authorised, ...r }));
  const createGroup = fc
    .record({ body: json(groupBody), query: projection(GROUP_ATTRIBUTES), headers })
    .map((r): Fuzzed => ({ family: 'createGroup', method: 'POST', path: 'Groups', ...authorised, ...r }));
  const replace = fc.oneof(
    fc
      .record({ body: json(userBody), headers })
      .map((r): Fuzzed => ({ family: 'replace', method: 'PUT', path: `Users/${ids.user}`, ...authorised, ...r })),
    fc
      .record({ body: json(groupBody), headers })
      .map((r): Fuzzed => ({ family: 'replace', method: 'PUT', path: `Groups/${ids.group}`, ...authorised, ...r })),
  );
  const patch = fc
    .constantFrom(`Users/${ids.user}`, `Groups/${ids.group}`)
    .chain((path) => fc.record({ path: fc.constant(path), body: json(patchBody(path)), headers, override: fc.boolean() }))
    .map(({ override, headers: sent, ...r }): Fuzzed => ({
      family: 'patch',
      ...authorised,
      ...r,
      method: override ? 'POST' : 'PATCH',
      headers: override ? { ...sent, 'X-HTTP-Method-Override': 'PATCH' } : sent,
    }));
  const discovery = fc
    .record({
      path: fc.oneof(
        fc.constantFrom('ServiceProviderConfig', 'Schemas', 'ResourceTypes', `Schemas/${USER_SCHEMA}`, 'ResourceTypes/User'),
        fc.constantFrom('Schemas', 'ResourceTypes').chain((r) => fuzzedSegment(r).map((id) => `${r}/${id}`)),
      ),
      headers,
    })
    .map((r): Fuzzed => ({ family: 'discovery', method: 'GET', ...authorised, ...r }));
  const resourceId = fc
    .record({
      resource: fc.constantFrom('Users', 'Groups'),
      id: fuzzedSegment(ids.user),
      method: fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE'),
      user: json(userBody),
      group: json(groupBody),
      patch: json(patchBody('Users')),
      headers,
    })
    .map(({ resource, id, method, user, group, patch: patchText, headers: sent }): Fuzzed => ({
      family: 'resourceId',
      method,
      path: `${resource}/${id}`,
      ...authorised,
      body: method === 'PUT' ? (resource === 'Users' ? user : group) : method === 'PATCH' ? patchText : undefined,
      headers: sent,
    }));
  // Any segment but an empty one or one with a slash (those make it a different path, or not a SCIM path at all).
  const connectionId = fc
    .record({
      connection: fuzzedSegment(ids.connection).filter((segment) => !segment.includes('/')),
      request: fc.oneof(list, get, createUser, patch),
    })
    .map(({ connection, request }): Fuzzed => ({ ...request, family: 'connectionId', connection }));
  const resources = [
    'Users',
    'Groups',
    `Users/${ids.spare.user}`,
    `Groups/${ids.spare.group}`,
    'Users/nope',
    'Groups/nope',
    'ServiceProviderConfig',
    'Schemas',
    'ResourceTypes',
    'Bulk',
    'Me',
    '.search',
    'Users/.search',
    '',
  ];
  const anything = fc
    .record({
      method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'), fc.string({ minLength: 1, maxLength: 8 })),
      path: fc.oneof(fc.constantFrom(...resources), fc.string({ maxLength: 30 }).map(encodeURIComponent)),
      body: hostileBody,
      query,
      headers: anyHeaders,
      authorised: fc.boolean(),
    })
    .map((r): Fuzzed => ({ family: 'anything', ...r }));
  return fc.oneof(
    { weight: 4, arbitrary: list },
    { weight: 1, arbitrary: get },
    { weight: 3, arbitrary: createUser },
    { weight: 2, arbitrary: createGroup },
    { weight: 2, arbitrary: replace },
    { weight: 3, arbitrary: patch },
    { weight: 1, arbitrary: discovery },
    { weight: 2, arbitrary: resourceId },
    { weight: 1, arbitrary: connectionId },
    { weight: 1, arbitrary: anything },
  );
}

describe('hostile input on the SCIM endpoint', () => {
  it('answers every method, resource, id, body, query and header with a SCIM answer, never a server failure', async () => {
    const { scim, user, group, spare, handle } = await scimBed();
    const answered: { family: Family; status: number; filtered: boolean }[] = [];
    await fc.assert(
      fc.asyncProperty(scimRequests({ connection: scim.connectionId, user: user.id, group: group.id, spare }), async (fuzzed) => {
        const connection = fuzzed.connection ?? scim.connectionId;
        const request: WebTriggerRequest = {
          method: fuzzed.method,
          headers: {
            ...Object.fromEntries(
              Object.entries(fuzzed.headers ?? {})
                .filter(([name]) => !fuzzed.authorised || name !== 'Authorization')
                .map(([name, value]) => [name, [value]]),
            ),
            ...(fuzzed.authorised ? { Authorization: [`Bearer ${scim.token}`] } : {}),
          },
          body: fuzzed.body,
          path: `/x1/trigger-id/${connection}/scim/v2/${fuzzed.path}`,
          userPath: `/${connection}/scim/v2/${fuzzed.path}`,
          queryParameters: Object.fromEntries(Object.entries(fuzzed.query ?? {}).map(([name, value]) => [name, [value]])),
        };
        const response = await handle(request);
        expectScimAnswer(response);
        answered.push({ family: fuzzed.family, status: response!.statusCode, filtered: fuzzed.query?.filter !== undefined });
      }),
      { numRuns: 500 },
    );
    expect(scim.platform.log.events()).not.toContain('scim.unexpected_error');

    // The runs must reach what they fuzz: bodies validated (400) and applied (200/201), filters parsed and run.
    const count = (family: Family, status: number, filtered?: boolean) =>
      answered.filter((a) => a.family === family && a.status === status && (filtered === undefined || a.filtered === filtered)).length;
    const reached = answered.filter((a) => [200, 201, 204, 400, 409, 412, 413].includes(a.status)).length;
    expect(reached / answered.length).toBeGreaterThan(0.5);
    const expected: [Family, number, boolean?][] = [
      ['list', 200, true],
      ['list', 400, true],
      ['get', 200],
      ['createUser', 201],
      ['createUser', 400],
      ['createGroup', 201],
      ['createGroup', 400],
      ['replace', 200],
      ['replace', 400],
      ['patch', 200],
      ['patch', 400],
      ['resourceId', 404],
      ['connectionId', 401],
    ];
    expect(expected.filter(([family, status, filtered]) => count(family, status, filtered) === 0)).toEqual([]);
  });

  it('answers PATCH with arbitrary paths and values on users and groups below 500', async () => {
    const { scim, user, group, handle } = await scimBed();
    const operation = fc.record({
      op: fc.constantFrom('add', 'replace', 'remove'),
      path: fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.constantFrom(
          'members',
          'members[value eq "x"]',
          'emails[type eq "work"].value',
          'name.givenName',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
          'members[',
          '[]',
          'a.b.c.d.e',
        ),
      ),
      value: fc.jsonValue({ maxDepth: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(`Users/${user.id}`, `Groups/${group.id}`), fc.array(operation, { maxLength: 6 }), async (path, Operations) => {
        const request: WebTriggerRequest = {
          method: 'PATCH',
          headers: { Authorization: [`Bearer ${scim.token}`], 'Content-Type': ['application/scim+json'] },
          body: JSON.stringify({ schemas: [PATCH_SCHEMA], Operations }),
          path: `/x1/trigger-id/${scim.connectionId}/scim/v2/${path}`,
          userPath: `/${scim.connectionId}/scim/v2/${path}`,
          queryParameters: {},
        };
        expectScimAnswer(await handle(request));
      }),
      RUNS,
    );
  });
});

describe('hostile payloads on the admin resolvers', () => {
  it('answers every resolver key and payload with a result object, never an exception', async () => {
    const bed = await adminBed();
    const keys = Object.keys(resolverDefinitions);
    const payload = fc.oneof(
      fc.anything(),
      fc.dictionary(
        fc.constantFrom('connectionId', 'name', 'provider', 'method', 'config', 'options', 'secrets', 'rule', 'samples', 'confirm', 'userId', 'kind'),
        fc.anything(),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys, 'toString', '__proto__', 'constructor', 'nope'), payload, async (key, input) => {
        const result = await invokeResolver(bed.deps, key, input, ADMIN);
        expect(typeof result).toBe('object');
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(typeof result.error.message).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('filters and regexes are bounded by construction', () => {
  it('parses or refuses any filter and PATCH path with a 400, and refuses any over the size and depth bounds', () => {
    const filterish = fc.oneof(
      fc.string({ maxLength: MAX_FILTER_LENGTH + 100 }),
      fc
        .array(fc.constantFrom('(', ')', 'not ', 'a eq "b"', ' and ', ' or ', '[', ']', 'emails[', 'pr', '"', '\\'), { maxLength: 400 })
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(filterish, (text) => {
        for (const parse of [parseFilter, parsePathExpression]) {
          try {
            parse(text);
            expect(text.length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
          } catch (error) {
            expect(error).toBeInstanceOf(SCIMError);
            expect((error as SCIMError).status).toBe(400);
          }
        }
      }),
      { numRuns: 500 },
    );
    expect(() => parseFilter('a'.repeat(MAX_FILTER_LENGTH + 1))).toThrow(SCIMError);
    expect(() => parseFilter(`${'('.repeat(MAX_FILTER_DEPTH + 1)}a pr${')'.repeat(MAX_FILTER_DEPTH + 1)}`)).toThrow(SCIMError);
  });

  it('runs any admitted regex in at most instructions × (input + 1) steps, within the size bounds', () => {
    const pattern = fc.oneof(
      fc.string({ maxLength: MAX_PATTERN_LENGTH + 20 }),
      fc
        .array(fc.constantFrom('a', 'a*', 'a+', '(a|b)', '(a+)+', '.*', '[a-z]', '{2,50}', '?', '^', '$', '\\d', '(', ')', '|', '\\1'), {
          maxLength: 30,
        })
        .map((parts) => parts.join('')),
    );
    const input = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.integer({ min: 1, max: MAX_INPUT_LENGTH }).map((n) => `${'a'.repeat(n)}!`),
    );
    fc.assert(
      fc.property(pattern, input, (source, text) => {
        const compiled = compileSafeRegex(source);
        if (!compiled.ok) return;
        expect(source.length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
        expect(compiled.regex.instructionCount).toBeLessThanOrEqual(MAX_INSTRUCTIONS);
        const execution = compiled.regex.exec(text);
        if (execution.outcome === 'inputTooLong') expect(text.length).toBeGreaterThan(MAX_INPUT_LENGTH);
        else expect(execution.steps).toBeLessThanOrEqual(compiled.regex.instructionCount * (text.length + 1));
      }),
      { numRuns: 500 },
    );
  });
});
