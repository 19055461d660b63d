import type { Platform } from '../platform/ports';
import { MAX_QUERY_LIMIT, MAX_TRANSACTION_OPS } from '../platform/store-limits';
import { connectionOwnedPrefixes, pullLeaseName, pullSecretKey, sharedKeys } from '../storage/keys';
import { connectionKey, getConnection, updateConnection } from './connection-repository';

export interface DeletionProgress {
  /** False when the time budget ran out first: call again to go on. */
  done: boolean;
  deletedKeys: number;
}

/**
 * Removes a connection and everything stored for it (storage/keys.ts lists it): its directory, options, change
 * records, sync state, request log, activity stream, pull configuration, runs, lease and IdP credential. The
 * app-wide activity log keeps what happened. Nothing on the Atlassian side changes: accounts and groups it
 * provisioned stay as they are. The connection is first disabled and loses its token, so the IdP is refused at
 * once; its record and secret go last, so a call that runs out of budget on a large directory can be repeated.
 */
export async function deleteConnection(
  platform: Pick<Platform, 'store' | 'secrets' | 'clock'>,
  id: string,
  budgetMs = 15_000,
): Promise<DeletionProgress | undefined> {
  if (!(await getConnection(platform.store, id))) return undefined;
  await updateConnection(platform.store, id, ({ tokenHash: _hash, ...connection }) => ({ ...connection, enabled: false }));
  const deadline = platform.clock.now() + budgetMs;
  let deletedKeys = 0;
  for (const prefix of connectionOwnedPrefixes(id)) {
    for (;;) {
      const page = await platform.store.query(prefix, { limit: MAX_QUERY_LIMIT });
      if (page.items.length === 0) break;
      for (let i = 0; i < page.items.length; i += MAX_TRANSACTION_OPS) {
        const batch = page.items.slice(i, i + MAX_TRANSACTION_OPS);
        await platform.store.transact(batch.map((item) => ({ op: 'delete' as const, key: item.key })));
        deletedKeys += batch.length;
      }
      if (platform.clock.now() >= deadline) return { done: false, deletedKeys };
    }
  }
  await platform.store.delete(sharedKeys.lease(pullLeaseName(id)));
  await platform.secrets.delete(pullSecretKey(id));
  await platform.store.delete(connectionKey(id));
  return { done: true, deletedKeys };
}
