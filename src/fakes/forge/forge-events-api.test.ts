import { FakeClock } from '../../../test/kit/fake-clock';
import { FakeForgeEventsApi, PUSH_PATH } from './forge-events-api';

function post(api: FakeForgeEventsApi, payload: unknown[], path = PUSH_PATH) {
  const body = JSON.stringify({ queueName: 'jobs', jobId: 'j1', type: 'avi:forge:app:event', payload });
  return api.apiClient(path, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
}

describe('FakeForgeEventsApi', () => {
  it('refuses what the service refuses even when a client skips validation', async () => {
    const api = new FakeForgeEventsApi({ clock: new FakeClock() });
    expect(
      (
        await post(
          api,
          Array.from({ length: 51 }, () => ({ body: {} })),
        )
      ).status,
    ).toBe(413);
    expect((await post(api, [{ body: { pad: 'x'.repeat(205_000) } }])).status).toBe(413);
    expect((await post(api, [{ body: {}, delayInSeconds: 901 }])).status).toBe(400);
    expect((await post(api, [{ body: {} }], '/webhook/queue/other')).status).toBe(404);
    expect(api.pushes).toHaveLength(0);
    expect((await post(api, [{ body: {} }])).status).toBe(201);
    expect(api.pushes).toEqual([{ queueName: 'jobs', jobId: 'j1', events: [{ body: {} }] }]);
  });

  it('invokes consumers with AsyncEvents and redelivers on a returned InvocationError with retryContext', async () => {
    const clock = new FakeClock();
    const api = new FakeForgeEventsApi({ clock });
    const seen: unknown[] = [];
    api.registerConsumer('jobs', async (event) => {
      seen.push(event);
      return event.retryContext ? undefined : { _retry: true, retryOptions: { retryAfter: 5, retryReason: 'FUNCTION_RETRY_REQUEST' } };
    });
    await post(api, [{ body: { n: 1 } }]);
    await api.idle();
    await clock.advance(5000);
    await api.idle();
    expect(seen).toEqual([
      { body: { n: 1 }, queueName: 'jobs', jobId: 'j1', eventId: '1-0' },
      {
        body: { n: 1 },
        queueName: 'jobs',
        jobId: 'j1',
        eventId: '1-0',
        retryContext: { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: undefined },
      },
    ]);
  });

  it('records a consumer that throws instead of retrying it', async () => {
    const api = new FakeForgeEventsApi({ clock: new FakeClock() });
    api.registerConsumer('jobs', async () => {
      throw new Error('boom');
    });
    await post(api, [{ body: {} }]);
    await api.idle();
    expect(api.uncaught).toHaveLength(1);
  });
});
