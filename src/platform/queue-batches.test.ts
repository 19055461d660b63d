import fc from 'fast-check';
import { InvalidPushSettingsError } from '@forge/events';
import type { QueueEvent } from './ports';
import { MAX_EVENTS_PER_PUSH, MAX_PUSH_BYTES, planPushBatches } from './queue-batches';

const bytes = (batch: QueueEvent[]) => Buffer.byteLength(JSON.stringify(batch));

describe('planPushBatches', () => {
  it('keeps every event in order, in as few batches as the limits allow, each within 50 events and 200 KB', () => {
    const event = fc.record({
      body: fc.record({ pad: fc.string({ unit: fc.constantFrom('a', 'é', '😀'), maxLength: 30_000 }) }),
      delayInSeconds: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 140 }), (events) => {
        const batches = planPushBatches('jobs', events);
        expect(batches.flat()).toEqual(events);
        for (const [i, batch] of batches.entries()) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length).toBeLessThanOrEqual(MAX_EVENTS_PER_PUSH);
          expect(bytes(batch)).toBeLessThanOrEqual(MAX_PUSH_BYTES);
          const next = batches[i + 1];
          if (next) {
            const grown = [...batch, next[0]];
            expect(grown.length > MAX_EVENTS_PER_PUSH || bytes(grown) > MAX_PUSH_BYTES).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('fills a batch up to exactly 200 KB', () => {
    const overhead = bytes([{ body: { pad: '' } }]);
    const exact = [{ body: { pad: 'x'.repeat(MAX_PUSH_BYTES - overhead) } }];
    expect(bytes(exact)).toBe(MAX_PUSH_BYTES);
    expect(planPushBatches('jobs', [...exact, ...exact])).toEqual([exact, exact]);
  });

  it('validates every batch before returning any', () => {
    const events: QueueEvent[] = [...Array.from({ length: 50 }, () => ({ body: {} })), { body: {}, delayInSeconds: 901 }];
    expect(() => planPushBatches('jobs', events)).toThrow(InvalidPushSettingsError);
  });
});
