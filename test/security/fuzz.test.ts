import fc from 'fast-check';
import { invokeResolver, resolverDefinitions } from '../../src/admin/resolver-definitions';
import type { WebTriggerRequest } from '../../src/entry/webtrigger';
import { compileSafeRegex, MAX_INPUT_LENGTH, MAX_INSTRUCTIONS, MAX_PATTERN_LENGTH } from '../../src/provisioning/safe-regex';
import { createAuthThrottle } from '../../src/scim/endpoint/auth-throttle';
import { handleScimRequest } from '../../src/scim/endpoint/scim-endpoint';
import { SCIMError } from '../../src/scim/error';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, parseFilter, parsePathExpression } from '../../src/scim/filter/parser';
import { adminBed, ADMIN } from '../kit/admin-bed';
import { oktaUser, PATCH_SCHEMA, ScimTestClient, TRIGGER_URL } from '../kit/scim-client';

// Hostile input on every way in: the SCIM endpoint never throws and never answers 5xx, every 4xx carries a SCIM
// error body, every resolver answers a result object, and filters and regexes are bounded by construction.
// Runs are bounded so that CI stays fast; fast-check prints the seed of any failure to replay it.

const RUNS = { numRuns: 150 };
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

async function scimBed() {
  const scim = await ScimTestClient.create();
  const user = (await scim.post('/Users', oktaUser('ada@example.com'))).body;
  const group = (await scim.post('/Groups', { displayName: 'Engineering', members: [{ value: user.id }] })).body;
  // No throttling here: this test is about what the handler does with a request it lets in.
  const throttle = createAuthThrottle({ maxFailures: Number.MAX_SAFE_INTEGER, windowMs: 1, maxTracked: 1 });
  const handle = (request: WebTriggerRequest) => handleScimRequest({ platform: scim.platform, triggerUrl: async () => TRIGGER_URL, authThrottle: throttle }, request);
  return { scim, user, group, handle };
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
  fc.record({ schemas: fc.constant([PATCH_SCHEMA]), Operations: fc.array(fc.record({ op: fc.oneof(fc.constantFrom('add', 'replace', 'remove', 'Add'), fc.string()), path: fc.option(fc.string({ maxLength: 80 })), value: fc.option(fc.jsonValue()) }), { maxLength: 5 }) }).map((value) => JSON.stringify(value)),
  fc.record({ userName: fc.string(), displayName: fc.string(), members: fc.jsonValue(), emails: fc.jsonValue(), active: fc.jsonValue(), schemas: fc.jsonValue() }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
);

const query = fc.record(
  {
    filter: fc.oneof(fc.string({ maxLength: 120 }), fc.constantFrom('userName eq "ada@example.com"', 'members[value eq "x"]', '(((((', 'displayName co ""', 'a'.repeat(5000))),
    startIndex: fc.oneof(fc.string({ maxLength: 5 }), fc.integer().map(String)),
    count: fc.oneof(fc.string({ maxLength: 5 }), fc.integer().map(String)),
    attributes: fc.string({ maxLength: 40 }),
    excludedAttributes: fc.string({ maxLength: 40 }),
    sortBy: fc.string({ maxLength: 20 }),
  },
  { requiredKeys: [] },
);

const headers = fc.record(
  {
    'Content-Type': fc.oneof(fc.constantFrom('application/scim+json', 'application/json', 'text/plain', 'application/xml', ''), fc.string({ maxLength: 30 })),
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

describe('hostile input on the SCIM endpoint', () => {
  it('answers every method, resource, body, query and header with a SCIM answer, never a server failure', async () => {
    const { scim, user, group, handle } = await scimBed();
    const resources = ['Users', 'Groups', `Users/${user.id}`, `Groups/${group.id}`, 'Users/nope', 'Groups/nope', 'ServiceProviderConfig', 'Schemas', 'ResourceTypes', 'Bulk', 'Me', '.search', 'Users/.search', ''];
    const resource = fc.oneof(fc.constantFrom(...resources), fc.string({ maxLength: 30 }).map(encodeURIComponent));
    const method = fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'), fc.string({ minLength: 1, maxLength: 8 }));
    await fc.assert(
      fc.asyncProperty(method, resource, hostileBody, query, headers, fc.boolean(), async (verb, path, body, params, extra, authorised) => {
        const request: WebTriggerRequest = {
          method: verb,
          headers: {
            ...(authorised ? { Authorization: [`Bearer ${scim.token}`] } : {}),
            ...Object.fromEntries(Object.entries(extra).filter(([name]) => !authorised || name !== 'Authorization').map(([name, value]) => [name, [value]])),
          },
          body,
          path: `/x1/trigger-id/${scim.connectionId}/scim/v2/${path}`,
          userPath: `/${scim.connectionId}/scim/v2/${path}`,
          queryParameters: Object.fromEntries(Object.entries(params).map(([name, value]) => [name, [value]])),
        };
        expectScimAnswer(await handle(request));
      }),
      RUNS,
    );
    expect(scim.platform.log.events()).not.toContain('scim.unexpected_error');
  });

  it('answers PATCH with arbitrary paths and values on users and groups below 500', async () => {
    const { scim, user, group, handle } = await scimBed();
    const operation = fc.record({
      op: fc.constantFrom('add', 'replace', 'remove'),
      path: fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('members', 'members[value eq "x"]', 'emails[type eq "work"].value', 'name.givenName', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', 'members[', '[]', 'a.b.c.d.e')),
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
    const payload = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('connectionId', 'name', 'provider', 'method', 'config', 'options', 'secrets', 'rule', 'samples', 'confirm', 'userId', 'kind'), fc.anything()));
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
      fc.array(fc.constantFrom('(', ')', 'not ', 'a eq "b"', ' and ', ' or ', '[', ']', 'emails[', 'pr', '"', '\\'), { maxLength: 400 }).map((parts) => parts.join('')),
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
      fc.array(fc.constantFrom('a', 'a*', 'a+', '(a|b)', '(a+)+', '.*', '[a-z]', '{2,50}', '?', '^', '$', '\\d', '(', ')', '|', '\\1'), { maxLength: 30 }).map((parts) => parts.join('')),
    );
    const input = fc.oneof(fc.string({ maxLength: 200 }), fc.integer({ min: 1, max: MAX_INPUT_LENGTH }).map((n) => `${'a'.repeat(n)}!`));
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
