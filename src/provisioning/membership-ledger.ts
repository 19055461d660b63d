import { z } from 'zod';
import type { Store, TransactionOp } from '../platform/ports';
import { sharedKeys } from '../storage/keys';

// Which connection added which Atlassian membership. Atlassian does not say who added a member, and several
// connections may feed one group: each removes only what it added, and a membership stays while any connection
// still holds it. One record per (account, group, connection), listed per account with one query.

const entrySchema = z.object({ accountId: z.string(), group: z.string(), connectionId: z.string(), since: z.string() });
export type LedgerEntry = z.infer<typeof entrySchema>;

const accountPrefix = sharedKeys.ledgerAccountPrefix;
const entryKey = sharedKeys.ledgerEntry;

export async function ledgerOf(store: Store, accountId: string): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query(accountPrefix(accountId), { cursor });
    entries.push(...page.items.map((item) => entrySchema.parse(item.value)));
    cursor = page.cursor;
  } while (cursor);
  return entries;
}

export function recordAddedOp(accountId: string, group: string, connectionId: string, since: string): TransactionOp {
  return { op: 'set', key: entryKey(accountId, group, connectionId), value: { accountId, group, connectionId, since } };
}

export function releaseOp(accountId: string, group: string, connectionId: string): TransactionOp {
  return { op: 'delete', key: entryKey(accountId, group, connectionId) };
}

const creatorKey = sharedKeys.groupCreator;

/** Remembers that a connection created an Atlassian group (only its creator may delete it). */
export async function recordGroupCreated(store: Store, group: string, connectionId: string): Promise<void> {
  await store.set(creatorKey(group), { group, connectionId });
}

export async function groupCreator(store: Store, group: string): Promise<string | undefined> {
  const item = await store.get<{ connectionId: string }>(creatorKey(group));
  return item?.value.connectionId;
}
