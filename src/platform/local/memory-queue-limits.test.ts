import { InvocationLimitReachedError, PayloadTooBigError, RateLimitError } from '@forge/events';
import { FakeClock } from '../../../test/kit/fake-clock';
import { LogCapture } from '../../../test/kit/log-capture';
import { EVENTS_PER_MINUTE, PUSHES_PER_CHAIN } from '../forge-limits';
import { MemoryQueue, type MemoryQueueOptions } from './memory-queue';

const events = (count: number) => Array.from({ length: count }, (_, n) => ({ body: { n } }));

function setup(options: Partial<MemoryQueueOptions> = {}) {
  const clock = new FakeClock();
  const log = new LogCapture();
  const queue = new MemoryQueue({ clock, log, onDeadLetter: () => undefined, ...options });
  return { clock, log, queue };
}

describe('MemoryQueue enforces Forge async events limits', () => {
  it('accepts 500 events in a minute, refuses the push request that would pass it, and accepts again as the minute slides', async () => {
    const { queue, clock } = setup();
    await queue.push('q', events(450));
    await clock.advance(30_000);
    await queue.push('q', events(50));
    expect(queue.eventsInLastMinute()).toBe(EVENTS_PER_MINUTE);
    await expect(queue.push('q', events(1))).rejects.toThrow(RateLimitError);
    await clock.advance(29_999);
    await expect(queue.push('q', events(1))).rejects.toThrow(RateLimitError);
    await clock.advance(1);
    expect(queue.eventsInLastMinute()).toBe(50);
    await queue.push('q', events(450));
    await expect(queue.push('q', events(1))).rejects.toThrow(RateLimitError);
  });

  it('keeps the push requests of one call that were accepted before the one refused', async () => {
    const { queue } = setup();
    await queue.push('q', events(420));
    await expect(queue.push('q', events(120))).rejects.toThrow(RateLimitError);
    expect(queue.eventsInLastMinute()).toBe(470);
  });

  it('refuses the 1,001st push request of one invocation chain; a push from outside any delivery starts a new chain', async () => {
    const { queue } = setup({ eventsPerMinute: Number.POSITIVE_INFINITY });
    let pushes = 0;
    let refusal: unknown;
    queue.register('q', async () => {
      try {
        await queue.push('q', events(1));
        pushes += 1;
      } catch (error) {
        refusal = error;
      }
    });
    await queue.push('q', events(1));
    await queue.idle();
    expect(refusal).toBeInstanceOf(InvocationLimitReachedError);
    expect(pushes + 1).toBe(PUSHES_PER_CHAIN);
    refusal = undefined;
    pushes = 0;
    await queue.push('q', events(1));
    await queue.idle();
    expect(refusal).toBeInstanceOf(InvocationLimitReachedError);
    expect(pushes + 1).toBe(PUSHES_PER_CHAIN);
  });

  it('counts a push of 120 events as three push requests of the chain that queued the delivery', async () => {
    const { queue } = setup({ eventsPerMinute: Number.POSITIVE_INFINITY, pushesPerChain: 5 });
    const outcomes: string[] = [];
    queue.register('start', async () => {
      await queue.push('sink', events(120));
      await queue.push('sink', events(1)).then(
        () => outcomes.push('fifth accepted'),
        (error) => outcomes.push(error.constructor.name),
      );
      await queue.push('sink', events(1)).catch((error) => outcomes.push(error.constructor.name));
    });
    await queue.push('start', events(1));
    await queue.idle();
    expect(outcomes).toEqual(['fifth accepted', 'InvocationLimitReachedError']);
  });

  it('refuses an event over 100 KB', async () => {
    const { queue } = setup();
    await expect(queue.push('q', [{ body: { pad: 'x'.repeat(100 * 1024) } }])).rejects.toThrow(PayloadTooBigError);
    expect(queue.eventsInLastMinute()).toBe(0);
  });

  it("fails a delivery that outlives its consumer's timeout from the manifest (600 s) and redelivers it", async () => {
    const { queue, clock, log } = setup();
    const took: number[] = [];
    queue.register('pull-sync-pages', async (message) => {
      const ms = message.retryCount === 0 ? 601_000 : 599_000;
      await clock.sleep(ms);
      took.push(ms);
    });
    await queue.push('pull-sync-pages', events(1));
    const drained = queue.drain();
    while (took.length < 2) await clock.advance(1_000);
    await drained;
    expect(log.entries.filter((entry) => entry.event === 'queue.retry').map((entry) => entry.fields.error)).toEqual(['InvocationTimeoutError']);
  });

  it('gives a queue without a manifest timeout 55 s', async () => {
    const { queue, clock, log } = setup({ maxRetries: 0 });
    queue.register('q', async () => clock.sleep(56_000));
    await queue.push('q', events(1));
    await clock.advance(56_000);
    await queue.idle();
    expect(log.events()).toEqual(['queue.dead_letter']);
    expect(log.entries[0].fields.error).toBe('InvocationTimeoutError');
  });
});
