import type { QueryOptions, QueryPage, Store, StoredItem, TransactionOp, WriteOptions } from './ports';

/** Passes every call to `inner`: the base of Store decorators, which override only the calls they change. */
export class ForwardingStore implements Store {
  constructor(protected readonly inner: Store) {}

  get<T>(key: string): Promise<StoredItem<T> | undefined> {
    return this.inner.get<T>(key);
  }

  getMany<T>(keys: string[]): Promise<StoredItem<T>[]> {
    return this.inner.getMany<T>(keys);
  }

  set(key: string, value: unknown, options?: WriteOptions): Promise<number> {
    return this.inner.set(key, value, options);
  }

  delete(key: string, options?: { ifVersion?: number }): Promise<boolean> {
    return this.inner.delete(key, options);
  }

  query<T>(prefix: string, options?: QueryOptions): Promise<QueryPage<T>> {
    return this.inner.query<T>(prefix, options);
  }

  transact(ops: TransactionOp[]): Promise<void> {
    return this.inner.transact(ops);
  }
}
