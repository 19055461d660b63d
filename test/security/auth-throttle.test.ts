import { createConnection } from '../../src/connections/connection-repository';
import { createAuthThrottle, type AuthThrottle } from '../../src/scim-service/auth-throttle';
import { handleScimRequest } from '../../src/scim-service/scim-endpoint';
import { FakeClock } from '../kit/fake-clock';
import { TRIGGER_URL } from '../kit/scim-client';
import { createTestPlatform, type TestPlatform } from '../kit/test-platform';
import { webTriggerRequest } from '../kit/webtrigger-request';

const LIMIT = { maxFailures: 5, windowMs: 60_000, maxTracked: 100 };

async function bed() {
  const clock = new FakeClock();
  const platform = createTestPlatform({ clock });
  const { connection, token } = await createConnection(platform, { provider: 'okta', method: 'scim', name: 'Okta' });
  const throttle = createAuthThrottle(LIMIT);
  const get = (connectionId: string, bearer: string | undefined) => send(platform, throttle, connectionId, bearer);
  return { clock, platform, connectionId: connection.id, token, throttle, get };
}

async function send(platform: TestPlatform, throttle: AuthThrottle, connectionId: string, token: string | undefined) {
  const request = webTriggerRequest({ method: 'GET', path: `/${connectionId}/scim/v2/Users`, token, asForge: true });
  const raw = await handleScimRequest({ platform, triggerUrl: async () => TRIGGER_URL, authThrottle: throttle }, request);
  return { status: raw!.statusCode, headers: raw!.headers ?? {}, body: raw!.body ? JSON.parse(raw!.body) : undefined };
}

describe('bearer-token throttling per connection id', () => {
  it('answers 429 with Retry-After and a SCIM error, reading nothing, after too many failed checks', async () => {
    const { platform, connectionId, get } = await bed();
    for (let i = 0; i < LIMIT.maxFailures; i++) expect((await get(connectionId, `ugs_guess${i}`)).status).toBe(401);
    platform.store.reset();
    const refused = await get(connectionId, 'ugs_guess-again');
    expect(refused.status).toBe(429);
    expect(refused.headers['Retry-After']).toEqual(['60']);
    expect(refused.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    expect(platform.store.snapshot().calls).toBe(0);
  });

  it('refuses a token this instance has not seen pass while the window lasts, and lets it in once the window has passed', async () => {
    const { clock, connectionId, token, get } = await bed();
    for (let i = 0; i < LIMIT.maxFailures; i++) await get(connectionId, undefined);
    await clock.advance(30_000);
    const stillRefused = await get(connectionId, token);
    expect(stillRefused.status).toBe(429);
    expect(stillRefused.headers['Retry-After']).toEqual(['30']);
    await clock.advance(30_000);
    expect((await get(connectionId, token)).status).toBe(200);
  });

  it('keeps serving the IdP whose token passed before, while a guesser of the same connection id is refused', async () => {
    const { platform, connectionId, token, get } = await bed();
    expect((await get(connectionId, token)).status).toBe(200);
    for (let i = 0; i < LIMIT.maxFailures; i++) expect((await get(connectionId, `ugs_guess${i}`)).status).toBe(401);
    platform.store.reset();
    expect((await get(connectionId, 'ugs_guess-again')).status).toBe(429);
    expect(platform.store.snapshot().calls).toBe(0);
    expect((await get(connectionId, token)).status).toBe(200);
    expect((await get(connectionId, undefined)).status).toBe(429);
  });

  it('counts unknown connection ids like wrong tokens, and keeps each id to itself', async () => {
    const { platform, connectionId, token, get } = await bed();
    for (let i = 0; i < LIMIT.maxFailures; i++) expect((await get('zzzzzzzzzzzz', token)).status).toBe(401);
    platform.store.reset();
    expect((await get('zzzzzzzzzzzz', token)).status).toBe(429);
    expect(platform.store.snapshot().calls).toBe(0);
    expect((await get(connectionId, token)).status).toBe(200);
  });

  it('does not count successful checks', async () => {
    const { connectionId, token, get } = await bed();
    for (let i = 0; i < LIMIT.maxFailures * 3; i++) expect((await get(connectionId, token)).status).toBe(200);
  });

  it('tracks a bounded number of ids, forgetting the oldest that is not refused first', () => {
    const throttle = createAuthThrottle({ maxFailures: 2, windowMs: 60_000, maxTracked: 3 });
    for (const id of ['attacked', 'attacked', 'b', 'c', 'd']) throttle.recordFailure(id, 0);
    expect(['attacked', 'b', 'c', 'd'].map((id) => throttle.retryAfterSeconds(id, 1))).toEqual([60, undefined, undefined, undefined]);
    for (const id of ['c', 'd']) throttle.recordFailure(id, 0);
    expect(['attacked', 'c', 'd'].map((id) => throttle.retryAfterSeconds(id, 1))).toEqual([60, 60, 60]);
    throttle.recordFailure('e', 0);
    expect(['attacked', 'c', 'd'].map((id) => throttle.retryAfterSeconds(id, 1))).toEqual([undefined, 60, 60]);
  });

  it('is on by default: the instance throttle refuses the eleventh wrong token in a minute', async () => {
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
