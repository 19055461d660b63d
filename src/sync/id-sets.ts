// A run's scratch sets of ids ("seen" users and groups, members of a long group, what a full run would remove),
// written as a few records per page rather than one per id, and read back whole.
import { z } from 'zod';
import type { Store, TransactionOp } from '../platform/ports';
import { MAX_BATCH_KEYS, MAX_QUERY_LIMIT, MAX_TRANSACTION_OPS } from '../platform/store-limits';
import { pullKeys } from '../storage/keys';
import { chunks } from './store-batches';

/** ~30 KB per record with 24-character ids (IDCS ids are 32): far below the 240 KiB value limit. */
export const IDS_PER_RECORD = 1000;
/** Longer than a run may wait for confirmation: a crashed run's scratch goes away by itself. */
const SCRATCH_TTL_SECONDS = 8 * 86_400;

const idSetRecordSchema = z.object({ ids: z.array(z.string()) });

export interface IdSetRef {
  connectionId: string;
  runId: string;
  /** `u` seen users, `g` seen groups (IdP ids), `du`/`dg` users/groups to remove, `m:{groupId}` a group's members. */
  set: string;
}

/** Writes ids as records `first`, `first + 1`, ... (one store call each); returns how many records were written. */
export async function writeIdSet(store: Store, ref: IdSetRef, first: number, ids: string[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < ids.length; i += IDS_PER_RECORD) {
    const key = pullKeys.idSet(ref.connectionId, ref.runId, ref.set, first + written);
    await store.set(key, { ids: ids.slice(i, i + IDS_PER_RECORD) }, { ttlSeconds: SCRATCH_TTL_SECONDS });
    written += 1;
  }
  return written;
}

export async function readIdSetRecord(store: Store, ref: IdSetRef, index: number): Promise<string[]> {
  const item = await store.get(pullKeys.idSet(ref.connectionId, ref.runId, ref.set, index));
  return item ? idSetRecordSchema.parse(item.value).ids : [];
}

/** Every id in records 0..count-1, read 25 records per store call. */
export async function readIdSet(store: Store, ref: IdSetRef, count: number): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const keys of chunks(recordKeys(ref, count), MAX_BATCH_KEYS)) {
    for (const item of await store.getMany(keys)) for (const id of idSetRecordSchema.parse(item.value).ids) ids.add(id);
  }
  return ids;
}

/**
 * Every scratch record of a run, whatever its set: the sets of long groups' members included, which the members
 * phase leaves in place (a redelivered event may need them again) until the run ends.
 */
export async function deleteRunScratch(store: Store, connectionId: string, runId: string): Promise<void> {
  const prefix = pullKeys.idSetPrefix(connectionId, runId);
  let cursor: string | undefined;
  do {
    const page = await store.query(prefix, { limit: MAX_QUERY_LIMIT, ...(cursor ? { cursor } : {}) });
    for (const keys of chunks(
      page.items.map((item) => item.key),
      MAX_TRANSACTION_OPS,
    )) {
      await store.transact(keys.map((key): TransactionOp => ({ op: 'delete', key })));
    }
    cursor = page.cursor;
  } while (cursor);
}

function recordKeys(ref: IdSetRef, count: number): string[] {
  return Array.from({ length: count }, (_, index) => pullKeys.idSet(ref.connectionId, ref.runId, ref.set, index));
}
