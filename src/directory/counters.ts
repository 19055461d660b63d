import type { StoredItem, TransactionOp } from '../platform/ports';
import type { DirectoryContext } from './directory-context';
import { counterSchema } from './model';
import { shardOf } from '../storage/keys';

type CounterKind = 'u' | 'g';

/** Sum of all shards: one getMany (16 keys). */
export async function readCount(ctx: DirectoryContext, kind: CounterKind): Promise<number> {
  const items = await ctx.store.getMany(ctx.keys.allCounters(kind));
  return items.reduce((sum, item) => sum + counterSchema.parse(item.value).count, 0);
}

export function counterKeyFor(ctx: DirectoryContext, kind: CounterKind, id: string): string {
  return ctx.keys.counter(kind, shardOf(id));
}

/** A conditional write moving the shard that `id` falls in by `delta`, given its current item. */
export function counterOp(key: string, current: StoredItem | undefined, delta: number): TransactionOp {
  const count = current ? counterSchema.parse(current.value).count : 0;
  return current
    ? { op: 'set', key, value: { count: count + delta }, ifVersion: current.version }
    : { op: 'set', key, value: { count: count + delta }, ifAbsent: true };
}
