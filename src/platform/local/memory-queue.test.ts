import { FakeClock } from '../../../test/kit/fake-clock';
import { LogCapture } from '../../../test/kit/log-capture';
import type { QueueMessage } from '../ports';
import type { DeadLetter } from '../queue-delivery';
import { systemClock } from '../system-clock';
import { MemoryQueue, type MemoryQueueOptions } from './memory-queue';

const macrotask = () => new Promise((resolve) => setImmediate(resolve));

function setup(options: Partial<MemoryQueueOptions> = {}) {
  const clock = new FakeClock();
  const log = new LogCapture();
  const deadLetters: DeadLetter[] = [];
  const queue = new MemoryQueue({ clock, log, onDeadLetter: (l) => void deadLetters.push(l), ...options });
  const seen: QueueMessage[] = [];
  return { clock, log, deadLetters, queue, seen };
}

describe('MemoryQueue', () => {
  it('keeps messages for a queue without a consumer until one registers', async () => {
    const { queue, seen } = setup();
    await queue.push('later', [{ body: { n: 1 } }]);
    await queue.idle();
    expect(seen).toHaveLength(0);
    queue.register('later', async (m) => void seen.push(m));
    await queue.drain();
    expect(seen.map((m) => m.body)).toEqual([{ n: 1 }]);
  });

  it('refuses a second consumer for the same queue', () => {
    const { queue } = setup();
    queue.register('q', async () => undefined);
    expect(() => queue.register('q', async () => undefined)).toThrow('already has a consumer');
  });

  it('drain() waits out delays while idle() does not', async () => {
    const { queue, clock, seen } = setup();
    queue.register('q', async (m) => void seen.push(m));
    await queue.push('q', [{ body: { n: 1 }, delayInSeconds: 900 }]);
    await queue.idle();
    let drained = false;
    const drain = queue.drain().then(() => (drained = true));
    await clock.advance(899_000);
    expect(drained).toBe(false);
    await clock.advance(1_000);
    await drain;
    expect(seen).toHaveLength(1);
  });

  it('does not deliver in push order: the injected random picks the next ready message', async () => {
    const { queue, seen } = setup({ concurrency: 1, random: () => 0.999 });
    await queue.push(
      'q',
      [1, 2, 3, 4].map((n) => ({ body: { n } })),
    );
    queue.register('q', async (m) => void seen.push(m));
    await queue.idle();
    expect(seen.map((m) => m.body.n)).toEqual([4, 3, 2, 1]);
  });

  it('stop() lets deliveries in flight finish, delivers nothing more, refuses pushes and logs what was left', async () => {
    const { queue, log, seen } = setup({ concurrency: 1 });
    let release = () => {};
    queue.register('q', async (m) => {
      seen.push(m);
      await new Promise<void>((resolve) => (release = resolve));
    });
    await queue.push('q', [{ body: { n: 1 } }, { body: { n: 2 } }, { body: { n: 3 }, delayInSeconds: 60 }]);
    await macrotask();
    let stopped = false;
    const stop = queue.stop().then(() => (stopped = true));
    await macrotask();
    expect(stopped).toBe(false);
    release();
    await stop;
    expect(seen).toHaveLength(1);
    expect(log.entries).toContainEqual({ level: 'warn', event: 'queue.stopped_with_pending', fields: { pending: 2 } });
    await expect(queue.push('q', [{ body: { n: 4 } }])).rejects.toThrow('stopped');
  });

  it('logs a dead letter that could not be recorded instead of throwing', async () => {
    const { queue, log } = setup({
      maxRetries: 0,
      onDeadLetter: () => {
        throw new Error('store down');
      },
    });
    queue.register('q', async () => ({ retryAfterSeconds: 5 }));
    await queue.push('q', [{ body: { email: 'someone@example.com' } }]);
    await queue.idle();
    expect(log.events()).toEqual(['queue.dead_letter', 'queue.dead_letter_failed']);
    expect(log.text()).not.toContain('example.com');
  });

  it('logs retries with ids and the error class only, never the body or the error message', async () => {
    const { queue, log } = setup();
    queue.register('q', async (m) => {
      if (m.retryCount === 0) throw new Error('no account for someone@example.com');
    });
    await queue.push('q', [{ body: { email: 'someone@example.com' } }]);
    await queue.idle();
    expect(log.entries).toEqual([
      { level: 'info', event: 'queue.retry', fields: { queueName: 'q', eventId: 'event-1', retryCount: 0, afterSeconds: 2, error: 'Error' } },
    ]);
    expect(log.text()).not.toContain('example.com');
  });

  it('runs on the real clock', async () => {
    const log = new LogCapture();
    const queue = new MemoryQueue({ clock: systemClock, log, onDeadLetter: () => undefined });
    const seen: number[] = [];
    queue.register('q', async (m) => {
      seen.push(m.retryCount);
      return m.retryCount === 0 ? { retryAfterSeconds: 1 } : undefined;
    });
    const started = Date.now();
    await queue.push('q', [{ body: {} }]);
    await queue.drain();
    expect(seen).toEqual([0, 1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    await queue.stop();
  });
});
