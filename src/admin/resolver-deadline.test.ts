import { adminBed } from '../../test/kit/admin-bed';
import { FakeClock } from '../../test/kit/fake-clock';
import { FAKE_IDCS } from '../local/local-world';
import { HttpTimeoutError } from '../platform/http-errors';
import type { HttpTransport } from '../platform/ports';
import { RESOLVER_BUDGET_MS } from './resolver-definitions';

// Forge stops a resolver at 25 s and the admin page then shows only a generic error. Every resolver waits on the
// outside world within one 20 s budget (requests, retries, backoff), and says what did not finish.

const IDCS_HOST = new URL(FAKE_IDCS.baseUrl).host;

/** A host that takes every request and never answers: the transport gives up after the request's timeout. */
function silentHost(inner: HttpTransport, host: string, clock: FakeClock): HttpTransport {
  return {
    async send(request) {
      if (new URL(request.url).host !== host) return inner.send(request);
      const timeoutMs = request.timeoutMs ?? 30_000;
      await clock.sleep(timeoutMs);
      throw new HttpTimeoutError(request.method, host, timeoutMs);
    },
  };
}

/** Calls the resolver while the fake clock moves on half a second at a time; returns its answer and the time it took. */
async function timed<T>(clock: FakeClock, call: () => Promise<T>): Promise<{ result: T; tookMs: number }> {
  const started = clock.now();
  let endedAt: number | undefined;
  const pending = call().finally(() => (endedAt = clock.now()));
  while (endedAt === undefined) await clock.advance(500);
  return { result: await pending, tookMs: endedAt - started };
}

describe('admin resolvers within Forge deadline', () => {
  it('the Atlassian credential test against a site that keeps asking to retry in 15 s gives up inside 20 s and says so', async () => {
    const clock = new FakeClock();
    const bed = await adminBed({ clock });
    bed.world.sandbox.injectFault({ status: 429, retryAfterSeconds: 15, times: 100 });
    const { result, tookMs } = await timed(clock, () => bed.call('testCredentials', {}));
    expect(tookMs).toBeLessThanOrEqual(RESOLVER_BUDGET_MS);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message: expect.stringMatching(
          /^The Atlassian credential test did not finish within 20 seconds: .+ did not answer in time, or kept asking to retry later\./,
        ),
      },
    });
  });

  it('the pull connection test against an identity domain that never answers ends inside 20 s, naming the host', async () => {
    const clock = new FakeClock();
    const bed = await adminBed({ clock });
    const { connection } = await bed.data('createConnection', { name: 'IDCS', provider: 'oracle-idcs', method: 'pull' });
    await bed.data('savePullSetup', {
      connectionId: connection.id,
      config: { enabled: true, intervalMinutes: 15, fullRunHourUtc: 3, settings: { baseUrl: FAKE_IDCS.baseUrl, clientId: FAKE_IDCS.clientId } },
      secret: FAKE_IDCS.clientSecret,
    });
    bed.platform.http = silentHost(bed.platform.http, IDCS_HOST, clock);
    const { result, tookMs } = await timed(clock, () => bed.call('testPullConnection', { connectionId: connection.id }));
    expect(tookMs).toBeLessThanOrEqual(RESOLVER_BUDGET_MS);
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining(`The connection test did not finish within 20 seconds: ${IDCS_HOST} did not answer in time`) },
    });

    // The same resolver answers as before once the host does.
    bed.platform.http = bed.world.transport;
    const { result: again, tookMs: fast } = await timed(clock, () => bed.call('testPullConnection', { connectionId: connection.id }));
    expect(again).toMatchObject({ ok: true, data: { connected: true } });
    expect(fast).toBeLessThan(RESOLVER_BUDGET_MS);
  });

  it('the dry run says it was the dry run that timed out', async () => {
    const clock = new FakeClock();
    const bed = await adminBed({ clock });
    const { connection, scim } = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    await bed
      .scim(connection.id, scim!.token)
      .post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada@example.com' });
    bed.platform.http = silentHost(bed.platform.http, 'api.atlassian.com', clock);
    const { result, tookMs } = await timed(clock, () => bed.call('dryRun', { connectionId: connection.id }));
    expect(tookMs).toBeLessThanOrEqual(RESOLVER_BUDGET_MS);
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('The dry run did not finish within 20 seconds: api.atlassian.com did not answer in time') },
    });
  });
});
