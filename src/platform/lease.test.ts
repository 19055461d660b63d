import fc from 'fast-check';
import { FakeClock } from '../../test/kit/fake-clock';
import { openDatabase } from './local/database';
import { createSqliteStore } from './local/sqlite-store';
import { acquireLease, releaseLease, renewLease } from './lease';
import type { Store } from './ports';

const MINUTE = 60_000;

function setup() {
  const clock = new FakeClock();
  const sqlite = createSqliteStore(openDatabase(':memory:'), clock);
  let calls = 0;
  // Counts store calls (the billed unit) while passing them through.
  const store = new Proxy(sqlite, {
    get(target, property: keyof Store) {
      const method = target[property];
      return (...args: unknown[]) => {
        calls += 1;
        return (method as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { clock, store, sqlite, calls: () => calls };
}

describe('leases', () => {
  it('lets one holder in and keeps the others out until it expires', async () => {
    const { clock, store, calls } = setup();
    const a = await acquireLease(store, clock, 'sweep', 'run-a', MINUTE);
    expect(a).toEqual({ name: 'sweep', holder: 'run-a', expiresAt: clock.now() + MINUTE, version: expect.any(Number) });
    expect(calls()).toBe(1);
    expect(await acquireLease(store, clock, 'sweep', 'run-b', MINUTE)).toBeUndefined();
    expect(await acquireLease(store, clock, 'sweep', 'run-a', MINUTE)).toBeUndefined();
    expect(await acquireLease(store, clock, 'other', 'run-b', MINUTE)).toBeDefined();
  });

  it("takes over a crashed holder's lease exactly when it expires", async () => {
    const { clock, store } = setup();
    await acquireLease(store, clock, 'sweep', 'crashed', MINUTE);
    await clock.advance(MINUTE - 1);
    expect(await acquireLease(store, clock, 'sweep', 'next', MINUTE)).toBeUndefined();
    await clock.advance(1);
    expect(await acquireLease(store, clock, 'sweep', 'next', MINUTE)).toMatchObject({ holder: 'next' });
  });

  it('renews a held lease, and refuses renew and release to a holder that was taken over', async () => {
    const { clock, store } = setup();
    const a = await acquireLease(store, clock, 'sweep', 'a', MINUTE);
    await clock.advance(MINUTE / 2);
    const renewed = await renewLease(store, clock, a!, MINUTE);
    expect(renewed).toMatchObject({ holder: 'a', expiresAt: clock.now() + MINUTE });
    expect(renewed!.version).not.toBe(a!.version);
    await clock.advance(MINUTE / 2);
    expect(await acquireLease(store, clock, 'sweep', 'b', MINUTE)).toBeUndefined();

    await clock.advance(MINUTE);
    const b = await acquireLease(store, clock, 'sweep', 'b', MINUTE);
    expect(b).toMatchObject({ holder: 'b' });
    expect(await renewLease(store, clock, renewed!, MINUTE)).toBeUndefined();
    expect(await releaseLease(store, renewed!)).toBe(false);
    expect(await acquireLease(store, clock, 'sweep', 'c', MINUTE)).toBeUndefined();
  });

  it('frees the lease on release, so the next acquire is one store call', async () => {
    const { clock, store, calls } = setup();
    const a = await acquireLease(store, clock, 'sweep', 'a', MINUTE);
    expect(await releaseLease(store, a!)).toBe(true);
    const before = calls();
    expect(await acquireLease(store, clock, 'sweep', 'b', MINUTE)).toMatchObject({ holder: 'b' });
    expect(calls() - before).toBe(1);
  });

  it('takes over a lease whose stored value is unreadable', async () => {
    const { clock, store } = setup();
    await store.set('lease:sweep', { something: 'else' });
    expect(await acquireLease(store, clock, 'sweep', 'a', MINUTE)).toMatchObject({ holder: 'a' });
  });

  it('lets the store drop an abandoned lease some time after it expired', async () => {
    const { clock, store } = setup();
    await acquireLease(store, clock, 'sweep', 'a', MINUTE);
    await clock.advance(MINUTE);
    expect(await store.get('lease:sweep')).toBeDefined();
    await clock.advance(MINUTE);
    expect(await store.get('lease:sweep')).toBeUndefined();
  });

  it('gives the lease to exactly one of several concurrent acquirers, in any interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 5 }), fc.boolean(), async (s, count, expiredFirst) => {
        const { clock, sqlite } = setup();
        if (expiredFirst) {
          await acquireLease(sqlite, clock, 'sweep', 'crashed', MINUTE);
          await clock.advance(MINUTE);
        }
        // Every store call waits for the scheduler, which releases them in an order fast-check picks.
        const store = new Proxy(sqlite, {
          get(target, property: keyof Store) {
            const method = target[property] as (...a: unknown[]) => Promise<unknown>;
            return (...args: unknown[]) => s.schedule(Promise.resolve()).then(() => method.apply(target, args));
          },
        });
        const attempts = Array.from({ length: count }, (_, i) => acquireLease(store, clock, 'sweep', `run-${i}`, MINUTE));
        const results = await s.waitFor(Promise.all(attempts));
        const winners = results.filter((lease) => lease !== undefined);
        expect(winners).toHaveLength(1);
        expect((await sqlite.get('lease:sweep'))?.value).toMatchObject({ holder: winners[0]!.holder });
      }),
      { numRuns: 100 },
    );
  });
});
