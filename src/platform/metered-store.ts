import { ForwardingStore } from './forwarding-store';
import type { QueryOptions, QueryPage, Store, StoredItem, TransactionOp, WriteOptions } from './ports';

/** Forge KVS bills each request in started units of this many bytes (read and write quotas alike). */
export const STORE_UNIT_BYTES = 10 * 1024;

/** Forge KVS units of one call that moved `values`: one per started 10 KB, at least one. */
export function storeUnits(values: unknown[]): number {
  const bytes = values.reduce<number>((sum, value) => sum + (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8')), 0);
  return Math.max(1, Math.ceil(bytes / STORE_UNIT_BYTES));
}

/** Forge meters reads and writes against separate per-minute quotas. */
export type StoreUnitKind = 'read' | 'write';

/** Wraps a Store and reports the KVS units of every call, as Forge would bill them. */
export class MeteredStore extends ForwardingStore {
  constructor(
    inner: Store,
    private readonly charge: (kind: StoreUnitKind, units: number) => void,
  ) {
    super(inner);
  }

  override async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    const item = await this.inner.get<T>(key);
    this.charge('read', storeUnits([item?.value]));
    return item;
  }

  override async getMany<T>(keys: string[]): Promise<StoredItem<T>[]> {
    const items = await this.inner.getMany<T>(keys);
    this.charge('read', storeUnits(items.map((item) => item.value)));
    return items;
  }

  override set(key: string, value: unknown, options?: WriteOptions): Promise<number> {
    this.charge('write', storeUnits([value]));
    return this.inner.set(key, value, options);
  }

  override delete(key: string, options?: { ifVersion?: number }): Promise<boolean> {
    this.charge('write', 1);
    return this.inner.delete(key, options);
  }

  override async query<T>(prefix: string, options?: QueryOptions): Promise<QueryPage<T>> {
    const page = await this.inner.query<T>(prefix, options);
    this.charge('read', storeUnits(page.items.map((item) => item.value)));
    return page;
  }

  override transact(ops: TransactionOp[]): Promise<void> {
    this.charge('write', storeUnits(ops.map((op) => (op.op === 'set' ? op.value : undefined))));
    return this.inner.transact(ops);
  }
}
