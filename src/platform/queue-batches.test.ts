import fc from 'fast-check';
import { InvalidPushSettingsError, PayloadTooBigError } from '@forge/events';
import { MAX_EVENT_BYTES } from './forge-limits';
import type { QueueEvent } from './ports';
import { MAX_EVENTS_PER_PUSH, MAX_PUSH_BYTES, planPushBatches } from './queue-batches';

const bytes = (batch: QueueEvent[]) => Buffer.byteLength(JSON.stringify(batch));

describe('planPushBatches', () => {
  it('keeps every event in order, in as few batches as the limits allow, each within 50 events and 200 KB', () => {
    const event = fc.record({
      body: fc.record({ pad: fc.string({ unit: fc.constantFrom('a', 'é', '😀'), maxLength: 25_000 }) }),
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

  it('fills a batch up to exactly 200 KB with events of at most 100 KB', () => {
    const eventBytes = (event: QueueEvent) => Buffer.byteLength(JSON.stringify(event));
    const pad = (length: number) => ({ body: { pad: 'x'.repeat(length) } });
    const overhead = eventBytes(pad(0));
    const first = pad(MAX_EVENT_BYTES - overhead);
    const second = pad(MAX_PUSH_BYTES - 3 - eventBytes(first) - overhead);
    expect(eventBytes(first)).toBe(MAX_EVENT_BYTES);
    expect(bytes([first, second])).toBe(MAX_PUSH_BYTES);
    expect(planPushBatches('jobs', [first, second, first])).toEqual([[first, second], [first]]);
  });

  it('refuses an event over 100 KB before any batch is planned', () => {
    const overhead = Buffer.byteLength(JSON.stringify({ body: { pad: '' } }));
    const fits = { body: { pad: 'x'.repeat(MAX_EVENT_BYTES - overhead) } };
    const over = { body: { pad: 'x'.repeat(MAX_EVENT_BYTES - overhead + 1) } };
    expect(planPushBatches('jobs', [fits])).toEqual([[fits]]);
    expect(() => planPushBatches('jobs', [fits, over])).toThrow(PayloadTooBigError);
  });

  it('validates every batch before returning any', () => {
    const events: QueueEvent[] = [...Array.from({ length: 50 }, () => ({ body: {} })), { body: {}, delayInSeconds: 901 }];
    expect(() => planPushBatches('jobs', events)).toThrow(InvalidPushSettingsError);
  });
});
