import type { Store } from '../../src/platform/ports';
import { InterceptingStore } from '../../test/kit/store-wrappers';

/**
 * Every call waits a random 0..maxMs first (real timers), so that concurrent requests interleave between their
 * reads and their writes, as on a remote store. `random` answers in [0, 1): Math.random for `npm run load`,
 * seededRandom where a test needs the same delays on every run.
 */
export function withLatency(store: Store, maxMs: number, random: () => number = Math.random): Store {
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, Math.floor(random() * (maxMs + 1))));
  return new InterceptingStore(store, pause);
}

/** A small seeded generator (mulberry32) of numbers in [0, 1): the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
