import type { DirectoryContext } from '../directory/directory-context';
import type { StoredItem } from '../platform/ports';
import { PrefetchingStore } from '../platform/prefetching-store';
import { readItems } from './store-batches';

export interface Prefetched {
  /** The records found, by key. */
  records: Map<string, StoredItem>;
  /** Serves those records, and the name keys of the absent ones, once each: what create and update read first. */
  ctx: DirectoryContext;
}

/** Reads a page's records 25 per store call, then the name keys a create of the absent ones checks. */
export async function prefetchRecords(ctx: DirectoryContext, planned: { recordKey: string; nameKey: string }[]): Promise<Prefetched> {
  const records = await readItems(
    ctx.store,
    planned.map((item) => item.recordKey),
  );
  const nameKeys = planned.filter((item) => !records.has(item.recordKey)).map((item) => item.nameKey);
  const names = await readItems(ctx.store, nameKeys);
  const store = new PrefetchingStore(ctx.store, [...records.keys(), ...nameKeys], [...records.values(), ...names.values()]);
  return { records, ctx: { ...ctx, store } };
}
