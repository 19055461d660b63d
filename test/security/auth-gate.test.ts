import { createConnection, rotateToken, updateConnection } from '../../src/connections/connection-repository';
import { createAuthGate, DEFAULT_AUTH_GATE, type AuthGate, type AuthGateOptions } from '../../src/scim-service/auth-gate';
import { createConnectionBudget } from '../../src/scim-service/connection-budget';
import { handleScimRequest } from '../../src/scim-service/scim-endpoint';
import { FakeClock } from '../kit/fake-clock';
import { TRIGGER_URL } from '../kit/scim-client';
import { createTestPlatform, type TestPlatform } from '../kit/test-platform';
import { webTriggerRequest, type RequestSpec } from '../kit/webtrigger-request';

const LIMITS: AuthGateOptions = { ...DEFAULT_AUTH_GATE, maxFailures: 5, lookupsPerWindow: 50, maxKnown: 20, maxUnknown: 100 };

async function bed(limits: AuthGateOptions = LIMITS) {
  const clock = new FakeClock();
  const platform = createTestPlatform({ clock });
  const { connection, token } = await createConnection(platform, { provider: 'okta', method: 'scim', name: 'Okta' });
  const gate = createAuthGate(limits);
  const budget = createConnectionBudget();
  const send = (spec: RequestSpec) => call(platform, gate, budget, spec);
  const get = (connectionId: string, bearer: string | undefined) => send({ path: `/${connectionId}/scim/v2/Users`, token: bearer });
  return { clock, platform, connectionId: connection.id, token, gate, send, get };
}

async function call(platform: TestPlatform, authGate: AuthGate, budget: ReturnType<typeof createConnectionBudget>, spec: RequestSpec) {
  const raw = await handleScimRequest(
    { platform, triggerUrl: async () => TRIGGER_URL, authGate, budget },
    webTriggerRequest({ method: 'GET', asForge: true, ...spec }),
  );
  return { status: raw!.statusCode, headers: raw!.headers ?? {}, body: raw!.body ? JSON.parse(raw!.body) : undefined };
}

const randomId = (i: number) => `spray${i.toString(36).padStart(8, '0')}`;

describe('what an unauthenticated request costs', () => {
  it('is at most one connection read, remembered: a random id, then the same id again, no token, a wrong one', async () => {
    const { platform, get } = await bed();
    platform.store.reset();
    expect((await get('abcdefgh1234', undefined)).status).toBe(401);
    expect(platform.store.snapshot().byMethod.get).toEqual({ calls: 1, keys: 1 });
    expect((await get('abcdefgh1234', 'ugs_wrong')).status).toBe(401);
    expect(platform.store.snapshot().calls).toBe(1);
    expect(platform.queue.pushed).toHaveLength(0);
  });

  it('reads nothing but the connection for a wrong token on a large PATCH or a 1 MiB body (and lists the first refusal of the minute), parses no body and queues nothing', async () => {
    const { platform, connectionId, token, send } = await bed();
    const members = Array.from({ length: 50 }, (_, i) => ({ value: `u${i}` }));
    const patch = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: members }] };
    platform.store.reset();
    const wrong = await send({ method: 'PATCH', path: `/${connectionId}/scim/v2/Groups/g1`, token: 'ugs_wrong', body: patch });
    expect(wrong.status).toBe(401);
    // One read of the connection, and one write listing the refusal for the admin (the first of the minute).
    expect(platform.store.snapshot()).toMatchObject({ calls: 2, keys: 2 });
    expect(platform.store.snapshot().byMethod.get).toEqual({ calls: 1, keys: 1 });
    const notJson = `{"displayName": "${'x'.repeat(1024 * 1024)}`;
    expect((await send({ method: 'POST', path: `/${connectionId}/scim/v2/Groups`, token: 'ugs_wrong', body: notJson })).status).toBe(401);
    expect((await send({ method: 'POST', path: `/${connectionId}/scim/v2/Groups`, token: undefined, body: notJson })).status).toBe(401);
    expect(platform.store.snapshot().calls).toBe(2);
    expect(platform.queue.pushed).toHaveLength(0);
    // The same body with the right token is parsed, and refused for what it is.
    expect((await send({ method: 'POST', path: `/${connectionId}/scim/v2/Groups`, token, body: notJson })).status).toBe(413);
  });

  it('spraying 10,000 ids keeps memory bounded and store reads within the instance budget, and never blocks the right token', async () => {
    const { clock, platform, connectionId, token, gate, get } = await bed();
    expect((await get(connectionId, token)).status).toBe(200);
    platform.store.reset();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 10_000; i++) {
      const status = (await get(randomId(i), i % 2 ? token : 'ugs_guess')).status;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (i % 1000 === 0) expect((await get(connectionId, token)).status).toBe(200);
      if (i % 100 === 0) await clock.advance(600);
    }
    expect(gate.size()).toBeLessThanOrEqual(LIMITS.maxKnown + LIMITS.maxUnknown);
    expect([...statuses.keys()].sort()).toEqual([401, 429]);
    // 60 s of spraying: at most two windows of lookups (the spray started mid-window).
    expect(platform.store.snapshot().byMethod.get.calls).toBeLessThanOrEqual(2 * LIMITS.lookupsPerWindow);
    expect((await get(connectionId, token)).status).toBe(200);
    expect(platform.queue.pushed).toHaveLength(0);
  });

  it('answers a sprayer past the instance budget 429 with Retry-After, reading nothing, until the window ends', async () => {
    const { clock, platform, get } = await bed();
    for (let i = 0; i < LIMITS.lookupsPerWindow; i++) expect((await get(randomId(i), undefined)).status).toBe(401);
    platform.store.reset();
    const waited = await get(randomId(999), undefined);
    expect(waited.status).toBe(429);
    expect(waited.headers['Retry-After']).toEqual(['60']);
    expect(waited.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    expect(platform.store.snapshot().calls).toBe(0);
    await clock.advance(60_000);
    expect((await get(randomId(999), undefined)).status).toBe(401);
  });
});

describe('a guesser of one connection id', () => {
  it('is delayed with 429 after too many failed checks, reading nothing, while the right token keeps passing', async () => {
    const { platform, connectionId, token, get } = await bed();
    for (let i = 0; i < LIMITS.maxFailures; i++) expect((await get(connectionId, `ugs_guess${i}`)).status).toBe(401);
    platform.store.reset();
    const refused = await get(connectionId, 'ugs_guess-again');
    expect(refused.status).toBe(429);
    expect(refused.headers['Retry-After']).toEqual([String(LIMITS.recheckMs / 1000)]);
    expect(refused.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    expect((await get(connectionId, undefined)).status).toBe(429);
    expect(platform.store.snapshot().calls).toBe(0);
    // The IdP had not been seen on this instance before the attack: it still gets in.
    expect((await get(connectionId, token)).status).toBe(200);
    expect((await get(connectionId, 'ugs_guess-more')).status).toBe(429);
    expect((await get(connectionId, token)).status).toBe(200);
  });

  it('counts unknown ids like wrong tokens, each id to itself', async () => {
    const { platform, connectionId, token, get } = await bed();
    for (let i = 0; i < LIMITS.maxFailures; i++) expect((await get('zzzzzzzzzzzz', token)).status).toBe(401);
    platform.store.reset();
    expect((await get('zzzzzzzzzzzz', token)).status).toBe(429);
    expect(platform.store.snapshot().calls).toBe(0);
    expect((await get(connectionId, token)).status).toBe(200);
  });

  it('does not count successful checks', async () => {
    const { connectionId, token, get } = await bed();
    for (let i = 0; i < LIMITS.maxFailures * 3; i++) expect((await get(connectionId, token)).status).toBe(200);
  });

  it('is forgotten on rotation: a token rotated while the id is throttled passes after the Retry-After it is given, the old one is refused, guesses count from zero', async () => {
    const { clock, platform, connectionId, token, get } = await bed();
    expect((await get(connectionId, token)).status).toBe(200);
    for (let i = 0; i < LIMITS.maxFailures; i++) await get(connectionId, `ugs_guess${i}`);
    expect((await get(connectionId, 'ugs_guess')).status).toBe(429);
    const rotated = await rotateToken(platform, connectionId);
    const early = await get(connectionId, rotated.token);
    expect(early.status).toBe(429);
    await clock.advance(Number(early.headers['Retry-After'][0]) * 1000);
    expect((await get(connectionId, rotated.token)).status).toBe(200);
    expect((await get(connectionId, token)).status).toBe(401);
    expect((await get(connectionId, rotated.token)).status).toBe(200);
    expect((await get(connectionId, 'ugs_guess')).status).toBe(401);
  });

  it('sees a rotation made elsewhere when the new token arrives, even before the recheck interval', async () => {
    const { platform, connectionId, token, get } = await bed();
    expect((await get(connectionId, token)).status).toBe(200);
    const rotated = await rotateToken(platform, connectionId);
    expect((await get(connectionId, rotated.token)).status).toBe(200);
    expect((await get(connectionId, token)).status).toBe(401);
  });

  it('refuses a disabled connection: a wrong token reads nothing, the right one is told 403 within its budget, and enabling works at once', async () => {
    const { platform, connectionId, token, get } = await bed();
    expect((await get(connectionId, token)).status).toBe(200);
    await updateConnection(platform.store, connectionId, (current) => ({ ...current, enabled: false }));
    platform.store.reset();
    // The first mismatch after a success looks the connection up again (a rotation?) and is listed for the admin;
    // the next ones read and write nothing.
    for (let i = 0; i < 3; i++) expect((await get(connectionId, 'ugs_wrong')).status).toBe(401);
    expect(platform.store.snapshot().calls).toBe(2);
    expect((await get(connectionId, token)).status).toBe(403);
    expect(platform.queue.pushed).toHaveLength(0);
    await updateConnection(platform.store, connectionId, (current) => ({ ...current, enabled: true }));
    expect((await get(connectionId, token)).status).toBe(200);
  });

  it('is on by default: the instance gate delays the eleventh wrong token in a minute', async () => {
    const clock = new FakeClock();
    const platform = createTestPlatform({ clock });
    const { connection } = await createConnection(platform, { provider: 'okta', method: 'scim', name: 'Okta' });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const request = webTriggerRequest({ method: 'GET', path: `/${connection.id}/scim/v2/Users`, token: 'ugs_wrong', asForge: true });
      statuses.push((await handleScimRequest({ platform, triggerUrl: async () => TRIGGER_URL }, request))!.statusCode);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });
});
