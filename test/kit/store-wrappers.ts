import { ForwardingStore } from '../../src/platform/forwarding-store';
import type { QueryOptions, QueryPage, Store, StoredItem, TransactionOp, WriteOptions } from '../../src/platform/ports';

/** Runs `before` ahead of every call of the inner store: the base for failure injection. */
export class InterceptingStore extends ForwardingStore {
  constructor(
    inner: Store,
    private readonly before: (method: keyof Store) => Promise<void>,
  ) {
    super(inner);
  }

  override async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    await this.before('get');
    return super.get<T>(key);
  }

  override async getMany<T>(keys: string[]): Promise<StoredItem<T>[]> {
    await this.before('getMany');
    return super.getMany<T>(keys);
  }

  override async set(key: string, value: unknown, options?: WriteOptions): Promise<number> {
    await this.before('set');
    return super.set(key, value, options);
  }

  override async delete(key: string, options?: { ifVersion?: number }): Promise<boolean> {
    await this.before('delete');
    return super.delete(key, options);
  }

  override async query<T>(prefix: string, options?: QueryOptions): Promise<QueryPage<T>> {
    await this.before('query');
    return super.query<T>(prefix, options);
  }

  override async transact(ops: TransactionOp[]): Promise<void> {
    await this.before('transact');
    return super.transact(ops);
  }
}

const WRITE_METHODS: (keyof Store)[] = ['set', 'delete', 'transact'];

/** The store failure the fault tests inject: what a KVS outage looks like to a use case. */
class InjectedStoreError extends Error {
  override readonly name = 'InjectedStoreError';
}

/** A store whose writes can be made to fail, and that counts them. */
export interface FailingWritesStore extends Store {
  /** Writes (set, delete, transact) asked of this store so far, the failed ones included. */
  readonly writes: number;
}

/**
 * Fails the writes for which `shouldFail` answers true, before they reach the store. Writes are counted from 1
 * over the store's life: `writes` is the number of the last one, so "the n-th write from now" is `writes + n`.
 */
export function failingWrites(store: Store, shouldFail: (write: number) => boolean): FailingWritesStore {
  let writes = 0;
  const failing = new InterceptingStore(store, async (method) => {
    if (!WRITE_METHODS.includes(method)) return;
    writes += 1;
    if (shouldFail(writes)) throw new InjectedStoreError(`injected failure of write ${writes} (${method})`);
  });
  return Object.defineProperty(failing, 'writes', { get: () => writes, enumerable: true }) as InterceptingStore & FailingWritesStore;
}
