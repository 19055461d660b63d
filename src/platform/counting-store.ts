import { ForwardingStore } from './forwarding-store';
import type { QueryOptions, QueryPage, StoredItem, TransactionOp, WriteOptions } from './ports';

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
export class CountingStore extends ForwardingStore {
  private counts = emptyCounts();

  override get<T>(key: string): Promise<StoredItem<T> | undefined> {
    this.record('get', 1, 1);
    return super.get<T>(key);
  }

  override getMany<T>(keys: string[]): Promise<StoredItem<T>[]> {
    this.record('getMany', 1, new Set(keys).size);
    return super.getMany<T>(keys);
  }

  override set(key: string, value: unknown, options?: WriteOptions): Promise<number> {
    this.record('set', 1, 1);
    return super.set(key, value, options);
  }

  override delete(key: string, options?: { ifVersion?: number }): Promise<boolean> {
    this.record('delete', 1, 1);
    return super.delete(key, options);
  }

  override async query<T>(prefix: string, options?: QueryOptions): Promise<QueryPage<T>> {
    this.record('query', 1, 0);
    const page = await super.query<T>(prefix, options);
    this.record('query', 0, page.items.length);
    return page;
  }

  override transact(ops: TransactionOp[]): Promise<void> {
    this.record('transact', 1, ops.length);
    return super.transact(ops);
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
