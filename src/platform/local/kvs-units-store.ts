import { ForwardingStore } from '../forwarding-store';
import { KVS_READ_UNITS_PER_MINUTE, KVS_UNIT_BYTES, KVS_WRITE_UNITS_PER_MINUTE } from '../forge-limits';
import type { Clock, QueryOptions, QueryPage, Store, StoredItem, TransactionOp, WriteOptions } from '../ports';
import { StoreRateLimitError } from '../store-errors';

type Kind = 'read' | 'write';

export interface KvsUnitsOptions {
  clock: Clock;
  /** Refuse a request once a minute's units are used up, as KVS does (429); otherwise only count. */
  strict?: boolean;
}

/** One unit per 10 KB a request carries, started; a request that carries nothing still costs one. */
export function kvsUnits(value: unknown): number {
  const bytes = value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8');
  return Math.max(1, Math.ceil(bytes / KVS_UNIT_BYTES));
}

/**
 * Wraps a Store and measures it as Forge KVS bills and throttles an installation: read units and write units per
 * sliding minute (4,000 each). `peak` is the most any minute used, for tests and benches to compare with the
 * quota; in strict mode a request made once a minute's units are spent fails with StoreRateLimitError.
 */
export class KvsUnitsStore extends ForwardingStore {
  private readonly spent: Record<Kind, { at: number; units: number }[]> = { read: [], write: [] };
  readonly peak: Record<Kind, number> = { read: 0, write: 0 };

  constructor(
    inner: Store,
    private readonly options: KvsUnitsOptions,
  ) {
    super(inner);
  }

  override async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    this.admit('read');
    const item = await this.inner.get<T>(key);
    this.spend('read', kvsUnits(item?.value));
    return item;
  }

  override async getMany<T>(keys: string[]): Promise<StoredItem<T>[]> {
    this.admit('read');
    const items = await this.inner.getMany<T>(keys);
    const absent = new Set(keys).size - items.length;
    this.spend('read', absent + items.reduce((sum, item) => sum + kvsUnits(item.value), 0));
    return items;
  }

  override async query<T>(prefix: string, options?: QueryOptions): Promise<QueryPage<T>> {
    this.admit('read');
    const page = await this.inner.query<T>(prefix, options);
    this.spend(
      'read',
      Math.max(
        1,
        page.items.reduce((sum, item) => sum + kvsUnits(item.value), 0),
      ),
    );
    return page;
  }

  override async set(key: string, value: unknown, options?: WriteOptions): Promise<number> {
    this.admit('write');
    this.spend('write', kvsUnits(value));
    return this.inner.set(key, value, options);
  }

  override async delete(key: string, options?: { ifVersion?: number }): Promise<boolean> {
    this.admit('write');
    this.spend('write', 1);
    return this.inner.delete(key, options);
  }

  override async transact(ops: TransactionOp[]): Promise<void> {
    this.admit('write');
    this.spend(
      'write',
      ops.reduce((sum, op) => sum + kvsUnits(op.op === 'set' ? op.value : undefined), 0),
    );
    return this.inner.transact(ops);
  }

  /** Units spent in the last minute. */
  unitsInLastMinute(kind: Kind): number {
    const since = this.options.clock.now() - 60_000;
    const entries = this.spent[kind];
    while (entries.length > 0 && entries[0].at <= since) entries.shift();
    return entries.reduce((sum, entry) => sum + entry.units, 0);
  }

  private admit(kind: Kind): void {
    if (!this.options.strict) return;
    const quota = kind === 'read' ? KVS_READ_UNITS_PER_MINUTE : KVS_WRITE_UNITS_PER_MINUTE;
    if (this.unitsInLastMinute(kind) >= quota) {
      throw new StoreRateLimitError(`KVS ${kind} units for this minute are used up (${quota} per minute).`);
    }
  }

  private spend(kind: Kind, units: number): void {
    this.spent[kind].push({ at: this.options.clock.now(), units });
    this.peak[kind] = Math.max(this.peak[kind], this.unitsInLastMinute(kind));
  }
}
