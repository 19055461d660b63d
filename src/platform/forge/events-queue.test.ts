import { InternalServerError, InvocationLimitReachedError, RateLimitError } from '@forge/events';
import { FakeForgeEventsApi } from '../../fakes/forge/forge-events-api';
import { FakeClock } from '../../../test/kit/fake-clock';
import { queueRefusal } from '../queue-errors';
import { createEventsQueue } from './events-queue';

const bodies = (count: number) => Array.from({ length: count }, (_, n) => ({ body: { n } }));

describe('createEventsQueue', () => {
  it('pushes through @forge/events, one push request per batch, with delays kept', async () => {
    const api = new FakeForgeEventsApi({ clock: new FakeClock() });
    await createEventsQueue(api.apiClient).push('jobs', [...bodies(50), { body: { n: 50 }, delayInSeconds: 30 }]);
    expect(api.pushes.map((p) => [p.queueName, p.events.length])).toEqual([
      ['jobs', 50],
      ['jobs', 1],
    ]);
    expect(api.pushes[1].events).toEqual([{ body: { n: 50 }, delayInSeconds: 30 }]);
    expect(new Set(api.pushes.map((p) => p.jobId)).size).toBe(2);
  });

  it.each([
    [429, RateLimitError],
    [405, InvocationLimitReachedError],
    [500, InternalServerError],
  ])('surfaces HTTP %i as the package error', async (status, errorClass) => {
    const api = new FakeForgeEventsApi({ clock: new FakeClock() });
    api.failNextPushes(status);
    await expect(createEventsQueue(api.apiClient).push('jobs', bodies(1))).rejects.toBeInstanceOf(errorClass);
    expect(api.pushes).toHaveLength(0);
  });

  it('stops at the first failed batch, leaving earlier batches pushed (the caller retries the whole push)', async () => {
    const api = new FakeForgeEventsApi({ clock: new FakeClock() });
    api.failNextPushes('accept', 429);
    await expect(createEventsQueue(api.apiClient).push('jobs', bodies(120))).rejects.toBeInstanceOf(RateLimitError);
    expect(api.pushes.map((p) => p.events.length)).toEqual([50]);
  });

  it("meets the service's 500 events a minute as RateLimitError, which the app reads as a rate refusal", async () => {
    const clock = new FakeClock();
    const api = new FakeForgeEventsApi({ clock });
    const queue = createEventsQueue(api.apiClient);
    await queue.push('jobs', bodies(500));
    const refused = await queue.push('jobs', bodies(1)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(queueRefusal(refused)).toBe('rateLimited');
    await clock.advance(60_000);
    await queue.push('jobs', bodies(1));
    expect(api.pushes.reduce((sum, p) => sum + p.events.length, 0)).toBe(501);
  });
});
