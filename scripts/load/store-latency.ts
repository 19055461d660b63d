import type { QueryOptions, QueryPage, Store, StoredItem, TransactionOp, WriteOptions } from '../../src/platform/ports';

/**
 * Every call waits a random 0..maxMs first (real timers), so that concurrent requests interleave between their
 * reads and their writes, as on a remote store. `random` answers in [0, 1): Math.random for `npm run load`,
 * seededRandom where a test needs the same delays on every run.
 */
export function withLatency(store: Store, maxMs: number, random: () => number = Math.random): Store {
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, Math.floor(random() * (maxMs + 1))));
  return {
    async get<T>(key: string): Promise<StoredItem<T> | undefined> {
      await pause();
      return store.get<T>(key);
    },
    async getMany<T>(keys: string[]): Promise<StoredItem<T>[]> {
      await pause();
      return store.getMany<T>(keys);
    },
    async set(key: string, value: unknown, options?: WriteOptions): Promise<number> {
      await pause();
      return store.set(key, value, options);
    },
    async delete(key: string, options?: { ifVersion?: number }): Promise<boolean> {
      await pause();
      return store.delete(key, options);
    },
    async query<T>(prefix: string, options?: QueryOptions): Promise<QueryPage<T>> {
      await pause();
      return store.query<T>(prefix, options);
    },
    async transact(ops: TransactionOp[]): Promise<void> {
      await pause();
      return store.transact(ops);
    },
  };
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
