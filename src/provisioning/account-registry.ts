import { z } from 'zod';
import type { Store, StoredItem } from '../platform/ports';
import { ConditionFailedError } from '../platform/store-errors';
import { sharedKeys } from '../storage/keys';
import { PRODUCTS, type Product } from './options';

// Which connections an Atlassian account belongs to. Atlassian does not say who made an account, so the app keeps
// it: the connection that created the account, and the directory user each connection linked to it (one per
// connection, so two records of one IdP, such as `bob@example.com` and `bob@example.com `, cannot both steer it).

const registrySchema = z.object({
  accountId: z.string(),
  /** The connection whose job created the account; absent for accounts that existed before the app linked them. */
  createdBy: z.string().optional(),
  /** connectionId → the directory user id linked to the account. */
  links: z.record(z.string(), z.string()).default({}),
  /** Products the creating job has still to grant (product-access.ts); kept until they are granted. */
  pendingGrants: z.array(z.enum(PRODUCTS)).optional(),
});
export type AccountRegistration = z.infer<typeof registrySchema>;

const registryKey = sharedKeys.accountRegistration;

export async function getRegistration(store: Store, accountId: string): Promise<AccountRegistration> {
  const item = await store.get(registryKey(accountId));
  return item ? registrySchema.parse(item.value) : { accountId, links: {} };
}

/** Records that the connection's directory user is linked to the account (and created it, if it did). */
export async function registerLink(
  store: Store,
  accountId: string,
  link: { connectionId: string; userId: string; created: boolean; grants?: Product[] },
): Promise<void> {
  await update(store, accountId, (current) => ({
    ...current,
    ...(link.created && !current.createdBy ? { createdBy: link.connectionId, pendingGrants: link.grants } : {}),
    links: { ...current.links, [link.connectionId]: link.userId },
  }));
}

export async function clearPendingGrants(store: Store, accountId: string): Promise<void> {
  await update(store, accountId, ({ pendingGrants: _done, ...current }) => current);
}

/** The connection let go of the account (its directory user is gone and the account was dealt with). */
export async function unregisterLink(store: Store, accountId: string, connectionId: string): Promise<void> {
  await update(store, accountId, (current) => {
    const links = { ...current.links };
    delete links[connectionId];
    return { ...current, links };
  });
}

const MAX_ATTEMPTS = 5;

/** Read, change, write with a version check: two connections linking the same account at once both land. */
async function update(store: Store, accountId: string, change: (current: AccountRegistration) => AccountRegistration): Promise<void> {
  const key = registryKey(accountId);
  for (let attempt = 1; ; attempt++) {
    const item: StoredItem | undefined = await store.get(key);
    const current = item ? registrySchema.parse(item.value) : { accountId, links: {} };
    const condition = item ? { ifVersion: item.version } : { ifAbsent: true };
    try {
      await store.transact([{ op: 'set', key, value: change(current), ...condition }]);
      return;
    } catch (error) {
      if (!(error instanceof ConditionFailedError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

// A creation whose answer never came back (a crashed invocation) leaves an account the registry does not know. The
// intent written before createUser lets the retried job recognise the account as the one it created.
const INTENT_TTL_SECONDS = 7 * 86_400;
const intentSchema = z.object({ connectionId: z.string(), userId: z.string(), grants: z.array(z.enum(PRODUCTS)).optional() });
const intentKey = sharedKeys.accountCreationIntent;

export async function recordCreationIntent(
  store: Store,
  email: string,
  intent: { connectionId: string; userId: string; grants: Product[] },
): Promise<void> {
  await store.set(intentKey(email), intent, { ttlSeconds: INTENT_TTL_SECONDS });
}

export async function creationIntent(store: Store, email: string): Promise<z.infer<typeof intentSchema> | undefined> {
  const item = await store.get(intentKey(email));
  return item ? intentSchema.parse(item.value) : undefined;
}
