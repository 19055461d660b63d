import fc from 'fast-check';
import { backoff } from './backoff';

describe('backoff', () => {
  it('stays within 0.7..1.3 of min(cap, first × 2^retry), which never shrinks as retries grow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, first, extra, r) => {
          const policy = { first, max: first + extra };
          const random = { fraction: () => r };
          const base = Math.min(policy.max, first * 2 ** retry);
          const delay = backoff(retry, policy, random);
          expect(delay).toBeGreaterThanOrEqual(0.7 * base - 1e-9);
          expect(delay).toBeLessThan(1.3 * base + 1e-9);
          expect(delay).toBeLessThanOrEqual(1.3 * policy.max);
          expect(backoff(retry + 1, policy, random)).toBeGreaterThanOrEqual(delay);
        },
      ),
    );
  });

  it('doubles from the first wait up to the cap without jitter, and spreads by the jitter asked for', () => {
    expect([0, 1, 2, 3, 4].map((retry) => backoff(retry, { first: 60, max: 600 }))).toEqual([60, 120, 240, 480, 600]);
    expect(backoff(1000, { first: 2, max: 900 })).toBe(900);
    expect(backoff(0, { first: 10, max: 10, jitter: 0.5 }, { fraction: () => 0 })).toBe(5);
  });
});
