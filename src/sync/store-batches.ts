import type { Store, StoredItem } from '../platform/ports';
import { MAX_BATCH_KEYS } from '../platform/store-limits';

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The stored items of `keys` by key (absent keys left out), 25 keys per store call. */
export async function readItems(store: Store, keys: string[]): Promise<Map<string, StoredItem>> {
  const found = new Map<string, StoredItem>();
  for (const batch of chunks([...new Set(keys)], MAX_BATCH_KEYS)) {
    for (const item of await store.getMany(batch)) found.set(item.key, item);
  }
  return found;
}
