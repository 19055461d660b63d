import { InvalidPushSettingsError, InvalidQueueNameError, PayloadTooBigError } from '@forge/events';
import type { Queue, QueueEvent, QueueHandler, QueueMessage } from '../../src/platform/ports';
import { errorRetryDelaySeconds, type DeadLetter } from '../../src/platform/queue-delivery';
import type { FakeClock } from '../kit/fake-clock';

export interface QueueHarnessOptions {
  concurrency: number;
  maxRetries: number;
  duplicate?: (message: QueueMessage) => boolean;
}

export interface QueueHarness {
  queue: Queue;
  clock: FakeClock;
  register(queueName: string, handler: QueueHandler): void;
  /** Resolves when nothing due now is ready or being handled. */
  idle(): Promise<void>;
  deadLetters: DeadLetter[];
  /** The underlying pushes as they left the adapter, where the implementation has them. */
  pushes?: () => QueueEvent[][];
}

const Q = 'contract-jobs';

/** Lets every pending promise continuation run (deliveries chain many of them). */
const macrotask = () => new Promise((resolve) => setImmediate(resolve));

function events(count: number, extra: Partial<QueueEvent> = {}, pad = 0): QueueEvent[] {
  return Array.from({ length: count }, (_, n) => ({ body: { n, pad: 'x'.repeat(pad) }, ...extra }));
}

/** Records deliveries; the handler's answer is chosen per delivery. */
function recorder(answer: (message: QueueMessage) => ReturnType<QueueHandler> = async () => undefined) {
  const deliveries: (QueueMessage & { at: number })[] = [];
  return {
    deliveries,
    handler:
      (clock: FakeClock): QueueHandler =>
      (message) => {
        deliveries.push({ ...message, at: clock.now() });
        return answer(message);
      },
  };
}

export function queueContract(name: string, makeHarness: (options: QueueHarnessOptions) => QueueHarness): void {
  describe(`Queue contract: ${name}`, () => {
    const defaults: QueueHarnessOptions = { concurrency: 4, maxRetries: 3 };

    it('delivers every event once, with its body, a unique eventId and retryCount 0, in pushes of at most 50', async () => {
      const h = makeHarness(defaults);
      const r = recorder();
      h.register(Q, r.handler(h.clock));
      await h.queue.push(Q, events(120));
      await h.idle();
      expect(r.deliveries.map((d) => d.body.n).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 120 }, (_, n) => n));
      expect(new Set(r.deliveries.map((d) => d.eventId)).size).toBe(120);
      expect(r.deliveries.every((d) => d.retryCount === 0 && d.queueName === Q)).toBe(true);
      if (h.pushes) expect(h.pushes().map((p) => p.length)).toEqual([50, 50, 20]);
    });

    it('splits pushes by size so that no push exceeds 200 KB', async () => {
      const h = makeHarness(defaults);
      const r = recorder();
      h.register(Q, r.handler(h.clock));
      await h.queue.push(Q, events(30, {}, 20_000)); // ~600 KB in all
      await h.idle();
      expect(r.deliveries).toHaveLength(30);
      if (h.pushes) {
        const sizes = h.pushes().map((p) => Buffer.byteLength(JSON.stringify(p)));
        expect(sizes.length).toBeGreaterThanOrEqual(3);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(200 * 1024);
      }
    });

    it('accepts an empty push and rejects what @forge/events rejects, delivering none of a rejected push', async () => {
      const h = makeHarness(defaults);
      const r = recorder();
      h.register(Q, r.handler(h.clock));
      await expect(h.queue.push(Q, [])).resolves.toBeUndefined();
      await expect(h.queue.push('bad name!', events(1))).rejects.toBeInstanceOf(InvalidQueueNameError);
      await expect(h.queue.push(Q, events(1, { delayInSeconds: 901 }))).rejects.toBeInstanceOf(InvalidPushSettingsError);
      await expect(h.queue.push(Q, events(1, { delayInSeconds: -1 }))).rejects.toBeInstanceOf(InvalidPushSettingsError);
      await expect(h.queue.push(Q, events(1, {}, 205_000))).rejects.toBeInstanceOf(PayloadTooBigError);
      const bad = [...events(60), { body: [1, 2] as unknown as Record<string, unknown> }];
      await expect(h.queue.push(Q, bad)).rejects.toThrow('Event body must be an object.');
      await h.idle();
      expect(r.deliveries).toHaveLength(0);
      if (h.pushes) expect(h.pushes()).toHaveLength(0);
    });

    it('holds a delayed event until its delay has passed on the clock', async () => {
      const h = makeHarness(defaults);
      const r = recorder();
      h.register(Q, r.handler(h.clock));
      const start = h.clock.now();
      await h.queue.push(Q, [{ body: { n: 1 }, delayInSeconds: 60 }, { body: { n: 2 } }]);
      await h.idle();
      expect(r.deliveries.map((d) => d.body.n)).toEqual([2]);
      await h.clock.advance(59_999);
      await h.idle();
      expect(r.deliveries).toHaveLength(1);
      await h.clock.advance(1);
      await h.idle();
      expect(r.deliveries.map((d) => [d.body.n, d.at - start])).toEqual([
        [2, 0],
        [1, 60_000],
      ]);
    });

    it('redelivers after the retryAfterSeconds a handler returns, with the same eventId and retryCount + 1', async () => {
      const h = makeHarness(defaults);
      const r = recorder(async (m) => (m.retryCount === 0 ? { retryAfterSeconds: 30, reason: 'rate limited' } : undefined));
      h.register(Q, r.handler(h.clock));
      const start = h.clock.now();
      await h.queue.push(Q, events(1));
      await h.idle();
      await h.clock.advance(29_999);
      await h.idle();
      expect(r.deliveries).toHaveLength(1);
      await h.clock.advance(1);
      await h.idle();
      expect(r.deliveries.map((d) => [d.retryCount, d.at - start, d.eventId])).toEqual([
        [0, 0, r.deliveries[0].eventId],
        [1, 30_000, r.deliveries[0].eventId],
      ]);
      expect(r.deliveries[1].body).toEqual(r.deliveries[0].body);
      expect(h.deadLetters).toEqual([]);
    });

    it('waits at least 1 s when a handler asks for a retry after 0 s', async () => {
      const h = makeHarness(defaults);
      const r = recorder(async (m) => (m.retryCount === 0 ? { retryAfterSeconds: 0 } : undefined));
      h.register(Q, r.handler(h.clock));
      await h.queue.push(Q, events(1));
      await h.idle();
      await h.clock.advance(999);
      await h.idle();
      expect(r.deliveries).toHaveLength(1);
      await h.clock.advance(1);
      await h.idle();
      expect(r.deliveries.map((d) => d.retryCount)).toEqual([0, 1]);
    });

    it('redelivers a message whose handler threw', async () => {
      const h = makeHarness(defaults);
      const r = recorder(async (m) => {
        if (m.retryCount === 0) throw new Error('upstream down');
      });
      h.register(Q, r.handler(h.clock));
      await h.queue.push(Q, events(1));
      await h.idle();
      await h.clock.advance(errorRetryDelaySeconds(0) * 1000);
      await h.idle();
      expect(r.deliveries.map((d) => d.retryCount)).toEqual([0, 1]);
      expect(h.deadLetters).toEqual([]);
    });

    it('may deliver a message twice with the same eventId; an idempotent consumer ends in the same state', async () => {
      const h = makeHarness({ ...defaults, duplicate: (m) => Number(m.body.n) % 2 === 0 });
      const applied = new Map<string, unknown>();
      const r = recorder(async (m) => {
        applied.set(m.eventId, m.body.n);
      });
      h.register(Q, r.handler(h.clock));
      await h.queue.push(Q, events(6));
      await h.idle();
      expect(r.deliveries).toHaveLength(9);
      expect(applied.size).toBe(6);
      const counts = new Map<string, number>();
      for (const d of r.deliveries) counts.set(d.eventId, (counts.get(d.eventId) ?? 0) + 1);
      expect([...counts.values()].sort()).toEqual([1, 1, 1, 2, 2, 2]);
    });

    it('handles messages in parallel up to the concurrency limit', async () => {
      const h = makeHarness({ ...defaults, concurrency: 3 });
      let active = 0;
      let maxActive = 0;
      const gates: (() => void)[] = [];
      h.register(Q, async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise<void>((resolve) => gates.push(resolve));
        active -= 1;
      });
      await h.queue.push(Q, events(10));
      await macrotask();
      expect(active).toBe(3);
      for (let released = 0; released < 10; released++) {
        const gate = gates.shift();
        if (!gate) throw new Error(`only ${released} of 10 messages were delivered`);
        gate();
        await macrotask();
      }
      await h.idle();
      expect(maxActive).toBe(3);
      expect(active).toBe(0);
    });

    it('dead-letters a message after maxRetries redeliveries and reports it once', async () => {
      const h = makeHarness({ ...defaults, maxRetries: 2 });
      const r = recorder(async () => {
        throw new TypeError('always broken');
      });
      h.register(Q, r.handler(h.clock));
      await h.queue.push(Q, events(1));
      await h.idle();
      for (let retry = 0; retry < 2; retry++) {
        await h.clock.advance(errorRetryDelaySeconds(retry) * 1000);
        await h.idle();
      }
      await h.clock.advance(3_600_000);
      await h.idle();
      expect(r.deliveries.map((d) => d.retryCount)).toEqual([0, 1, 2]);
      expect(h.deadLetters).toHaveLength(1);
      expect(h.deadLetters[0].reason).toBe('TypeError: always broken');
      expect(h.deadLetters[0].message).toMatchObject({ eventId: r.deliveries[0].eventId, retryCount: 2, body: { n: 0 } });
    });

    it('dead-letters a message whose handler keeps asking for retries, with the last reason', async () => {
      const h = makeHarness({ ...defaults, maxRetries: 1 });
      const r = recorder(async () => ({ retryAfterSeconds: 10, reason: 'still rate limited' }));
      h.register(Q, r.handler(h.clock));
      await h.queue.push(Q, events(1));
      await h.idle();
      await h.clock.advance(10_000);
      await h.idle();
      await h.clock.advance(60_000);
      await h.idle();
      expect(r.deliveries).toHaveLength(2);
      expect(h.deadLetters.map((d) => d.reason)).toEqual(['still rate limited']);
    });
  });
}
