import { z } from 'zod';
import type { Platform, Store } from '../platform/ports';
import { newestFirst } from './key-order';
import { connectionKeys, sharedKeys } from '../storage/keys';

// Every change the app makes or refuses, for the admin page. Written twice in one transaction (an
// all-connections stream and a per-connection stream) so both views list newest first with one query.
// Entries expire after ACTIVITY_TTL_DAYS: the log stays bounded.

export const ACTIVITY_TTL_DAYS = 30;

export const activityResults = ['applied', 'skipped', 'failed', 'refused', 'planned', 'accepted', 'held'] as const;
export const activityActors = ['scim', 'pull', 'provisioning', 'admin', 'system'] as const;

export const activityEntrySchema = z.object({
  id: z.string(),
  connectionId: z.string().optional(),
  at: z.string(),
  actor: z.enum(activityActors),
  subject: z.object({ kind: z.string(), id: z.string(), label: z.string().optional() }),
  action: z.string(),
  result: z.enum(activityResults),
  reason: z.string().optional(),
  /** Set when an admin can retry a failed change from the page. */
  retryable: z.boolean().optional(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;
export type NewActivity = Omit<ActivityEntry, 'id' | 'at'>;

const ALL_PREFIX = sharedKeys.activityPrefix;
const connectionPrefix = connectionKeys.activityPrefix;

export async function recordActivity(platform: Pick<Platform, 'store' | 'clock' | 'random'>, entry: NewActivity): Promise<ActivityEntry> {
  const now = platform.clock.now();
  const full = activityEntrySchema.parse({ ...entry, id: platform.random.id(), at: new Date(now).toISOString() });
  const suffix = `${newestFirst(now)}:${full.id}`;
  const ttlSeconds = ACTIVITY_TTL_DAYS * 86_400;
  const ops = [{ op: 'set' as const, key: `${ALL_PREFIX}${suffix}`, value: full, ttlSeconds }];
  if (full.connectionId) ops.push({ op: 'set', key: `${connectionPrefix(full.connectionId)}${suffix}`, value: full, ttlSeconds });
  await platform.store.transact(ops);
  return full;
}

/** A result, or `problem`: failed or refused, the entries that match a user the admin page shows as failed. */
export const activityResultFilters = [...activityResults, 'problem'] as const;

export interface ActivityFilter {
  connectionId?: string;
  result?: (typeof activityResultFilters)[number];
  /** Case-insensitive match on action, reason and subject. */
  text?: string;
}

export interface ActivityPage {
  entries: ActivityEntry[];
  cursor?: string;
}

/** Newest first. Filters on result/text scan at most `scanLimit` entries per call and return a cursor to go on. */
export async function listActivity(
  store: Store,
  filter: ActivityFilter = {},
  page: { cursor?: string; limit?: number; scanLimit?: number } = {},
): Promise<ActivityPage> {
  const limit = Math.min(page.limit ?? 50, 100);
  const scanLimit = page.scanLimit ?? 1000;
  const prefix = filter.connectionId ? connectionPrefix(filter.connectionId) : ALL_PREFIX;
  const entries: ActivityEntry[] = [];
  let cursor = page.cursor;
  let scanned = 0;
  do {
    // Never fetch more than still fits, so the cursor never skips entries that matched.
    const result = await store.query<unknown>(prefix, { cursor, limit: limit - entries.length });
    for (const item of result.items) {
      scanned += 1;
      const entry = activityEntrySchema.parse(item.value);
      if (matches(entry, filter)) entries.push(entry);
    }
    cursor = result.cursor;
  } while (cursor && entries.length < limit && scanned < scanLimit);
  return { entries, cursor };
}

function matches(entry: ActivityEntry, filter: ActivityFilter): boolean {
  if (filter.result === 'problem' ? entry.result !== 'failed' && entry.result !== 'refused' : filter.result && entry.result !== filter.result)
    return false;
  if (!filter.text) return true;
  const needle = filter.text.toLowerCase();
  return [entry.action, entry.reason, entry.subject.kind, entry.subject.id, entry.subject.label].some((field) =>
    field?.toLowerCase().includes(needle),
  );
}
