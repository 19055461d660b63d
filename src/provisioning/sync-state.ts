import { z } from 'zod';
import type { Store } from '../platform/ports';
import { MAX_BATCH_KEYS } from '../platform/store-limits';
import { connectionKeys } from '../storage/keys';

// Where each directory record stands on the Atlassian side, for the admin page (users view, failures with retry)
// and for the worker (the linked account, and what it last wrote, so it need not read it back).

/**
 * synced: the site matches the desired state; skipped: it does not, because the options, ownership or a protected
 * account forbid the change (lastError says which); planned: dry run, the plan is in the activity log; held: a
 * removal waits for an admin's confirmation; failed: Atlassian refused a change; pending: not worked on yet.
 */
export const syncStatuses = ['pending', 'synced', 'failed', 'skipped', 'planned', 'held'] as const;
export type SyncStatus = (typeof syncStatuses)[number];

export const userSyncStateSchema = z.object({
  status: z.enum(syncStatuses),
  at: z.string(),
  accountId: z.string().optional(),
  lastError: z.string().optional(),
  /** Custom attribute values last written as user properties. */
  customAttributes: z.record(z.string(), z.string()).default({}),
  /** Whether the app suspended the account or removed its product access. */
  disabled: z.boolean().default(false),
});
export type UserSyncState = z.infer<typeof userSyncStateSchema>;

const userKey = connectionKeys.userSyncState;
const userPrefix = connectionKeys.userSyncStatePrefix;

export async function getUserSyncState(store: Store, connectionId: string, userId: string): Promise<UserSyncState | undefined> {
  const item = await store.get(userKey(connectionId, userId));
  return item ? userSyncStateSchema.parse(item.value) : undefined;
}

/** The accounts linked to these directory users, in batched reads; unlinked users are left out. */
export async function linkedAccountIds(store: Store, connectionId: string, userIds: string[]): Promise<string[]> {
  const accountIds: string[] = [];
  for (let i = 0; i < userIds.length; i += MAX_BATCH_KEYS) {
    const items = await store.getMany(userIds.slice(i, i + MAX_BATCH_KEYS).map((userId) => userKey(connectionId, userId)));
    for (const item of items) {
      const { accountId } = userSyncStateSchema.parse(item.value);
      if (accountId) accountIds.push(accountId);
    }
  }
  return accountIds;
}

export async function setUserSyncState(store: Store, connectionId: string, userId: string, state: UserSyncState): Promise<void> {
  await store.set(userKey(connectionId, userId), userSyncStateSchema.parse(state));
}

export async function listUserSyncStates(
  store: Store,
  connectionId: string,
  page: { cursor?: string; limit?: number } = {},
): Promise<{ items: { userId: string; state: UserSyncState }[]; cursor?: string }> {
  const result = await store.query(userPrefix(connectionId), page);
  return {
    items: result.items.map((item) => ({ userId: item.key.slice(userPrefix(connectionId).length), state: userSyncStateSchema.parse(item.value) })),
    cursor: result.cursor,
  };
}
