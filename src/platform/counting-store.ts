import type { QueryOptions, QueryPage, Store, StoredItem, TransactionOp, WriteOptions } from './ports';

export type StoreMethod = 'get' | 'getMany' | 'set' | 'delete' | 'query' | 'transact';

export interface MethodCount {
  /** Port calls, failed ones included: each is one billed operation. */
  calls: number;
  /** Keys read or written: requested keys for reads and writes, returned items for query. */
  keys: number;
}

export interface StoreCounts extends MethodCount {
  byMethod: Record<StoreMethod, MethodCount>;
}

const METHODS: StoreMethod[] = ['get', 'getMany', 'set', 'delete', 'query', 'transact'];

/** Wraps a Store and counts what each use case costs in storage operations (benchmarks, cost assertions). */
export class CountingStore implements Store {
  private counts = emptyCounts();

  constructor(private readonly inner: Store) {}

  get<T>(key: string): Promise<StoredItem<T> | undefined> {
    this.record('get', 1, 1);
    return this.inner.get<T>(key);
  }

  getMany<T>(keys: string[]): Promise<StoredItem<T>[]> {
    this.record('getMany', 1, new Set(keys).size);
    return this.inner.getMany<T>(keys);
  }

  set(key: string, value: unknown, options?: WriteOptions): Promise<number> {
    this.record('set', 1, 1);
    return this.inner.set(key, value, options);
  }

  delete(key: string, options?: { ifVersion?: number }): Promise<boolean> {
    this.record('delete', 1, 1);
    return this.inner.delete(key, options);
  }

  async query<T>(prefix: string, options?: QueryOptions): Promise<QueryPage<T>> {
    this.record('query', 1, 0);
    const page = await this.inner.query<T>(prefix, options);
    this.record('query', 0, page.items.length);
    return page;
  }

  transact(ops: TransactionOp[]): Promise<void> {
    this.record('transact', 1, ops.length);
    return this.inner.transact(ops);
  }

  /** A copy of the counts so far. */
  snapshot(): StoreCounts {
    return structuredClone(this.counts);
  }

  reset(): void {
    this.counts = emptyCounts();
  }

  private record(method: StoreMethod, calls: number, keys: number): void {
    const entry = this.counts.byMethod[method];
    entry.calls += calls;
    entry.keys += keys;
    this.counts.calls += calls;
    this.counts.keys += keys;
  }
}

function emptyCounts(): StoreCounts {
  const byMethod = Object.fromEntries(METHODS.map((method) => [method, { calls: 0, keys: 0 }]));
  return { calls: 0, keys: 0, byMethod: byMethod as Record<StoreMethod, MethodCount> };
}
