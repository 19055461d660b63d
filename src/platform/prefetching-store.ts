import { ForwardingStore } from './forwarding-store';
import type { Store, StoredItem, TransactionOp, WriteOptions } from './ports';

/**
 * Serves reads from values fetched earlier in the same request (typically in the one getMany that also
 * read the connection for the token check), so that a use case can read naturally without paying again.
 * A prefetched value is served once, and any write to its key drops it.
 */
export class PrefetchingStore extends ForwardingStore {
  private readonly prefetched = new Map<string, StoredItem | undefined>();

  constructor(inner: Store, keys: string[], items: StoredItem[]) {
    super(inner);
    for (const key of keys) this.prefetched.set(key, undefined);
    for (const item of items) this.prefetched.set(item.key, item);
  }

  override async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    if (this.prefetched.has(key)) return this.take(key) as StoredItem<T> | undefined;
    return this.inner.get<T>(key);
  }

  override async getMany<T>(keys: string[]): Promise<StoredItem<T>[]> {
    const known = keys.filter((key) => this.prefetched.has(key));
    const missing = keys.filter((key) => !this.prefetched.has(key));
    const fetched = missing.length > 0 ? await this.inner.getMany<T>(missing) : [];
    const served = known.map((key) => this.take(key)).filter((item): item is StoredItem => item !== undefined);
    return [...(served as StoredItem<T>[]), ...fetched];
  }

  override set(key: string, value: unknown, options?: WriteOptions): Promise<number> {
    this.prefetched.delete(key);
    return this.inner.set(key, value, options);
  }

  override delete(key: string, options?: { ifVersion?: number }): Promise<boolean> {
    this.prefetched.delete(key);
    return this.inner.delete(key, options);
  }

  override transact(ops: TransactionOp[]): Promise<void> {
    for (const op of ops) this.prefetched.delete(op.key);
    return this.inner.transact(ops);
  }

  private take(key: string): StoredItem | undefined {
    const item = this.prefetched.get(key);
    this.prefetched.delete(key);
    return item;
  }
}
