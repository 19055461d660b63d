import { z } from 'zod';
import type { DirectoryContext } from './directory-context';
import { readCount } from './counters';
import { connectionKeys } from '../storage/keys';

// Paged listing by SCIM startIndex/count at flat cost. The store pages by cursor, so the cursor that ends a
// page is remembered under the next page's startIndex: an IdP paging forward pays one query per page, on
// page 1 as on page 1,000. A startIndex nobody asked for before is reached by walking, at most MAX_WALK.

export const MAX_PAGE_SIZE = 100;
export const MAX_WALK = 1_000;
const CURSOR_TTL_SECONDS = 3600;

export type ListKind = 'user' | 'group';
/** `id` lists in key order; `name` lists by lower-cased userName / displayName (the sortable copies). */
export type ListOrder = 'id' | 'name';

const cursorEntrySchema = z.object({ cursor: z.string() });

export interface ListPage<T> {
  total: number;
  items: T[];
}

export function listReads(ctx: DirectoryContext, kind: ListKind, order: ListOrder, startIndex: number): string[] {
  return [...ctx.keys.allCounters(kind === 'user' ? 'u' : 'g'), cursorKey(ctx, kind, order, startIndex)];
}

export async function listPage<T>(
  ctx: DirectoryContext,
  kind: ListKind,
  order: ListOrder,
  startIndex: number,
  count: number,
  parse: (value: unknown) => T,
): Promise<ListPage<T>> {
  const total = await readCount(ctx, kind === 'user' ? 'u' : 'g');
  const cached = await ctx.store.get(cursorKey(ctx, kind, order, startIndex));
  if (count === 0 || startIndex > total) return { total, items: [] };
  const prefix = prefixFor(ctx, kind, order);
  const start = cached ? cursorEntrySchema.parse(cached.value).cursor : await walkTo(ctx, prefix, startIndex);
  if (start === null) return { total, items: [] };
  const page = await ctx.store.query(prefix, { cursor: start, limit: Math.min(count, MAX_PAGE_SIZE) });
  if (page.cursor && page.items.length === Math.min(count, MAX_PAGE_SIZE)) {
    await ctx.store.set(cursorKey(ctx, kind, order, startIndex + page.items.length), { cursor: page.cursor }, { ttlSeconds: CURSOR_TTL_SECONDS });
  }
  return { total, items: page.items.map((item) => parse(item.value)) };
}

/** The cursor before item number startIndex (1-based); undefined means "from the start", null "past the end". */
async function walkTo(ctx: DirectoryContext, prefix: string, startIndex: number): Promise<string | undefined | null> {
  if (startIndex > MAX_WALK + 1) throw new WalkTooFarError(startIndex);
  let cursor: string | undefined;
  let skip = startIndex - 1;
  while (skip > 0) {
    const page = await ctx.store.query(prefix, { cursor, limit: Math.min(skip, MAX_PAGE_SIZE) });
    skip -= page.items.length;
    if (!page.cursor) return null;
    cursor = page.cursor;
  }
  return cursor;
}

export class WalkTooFarError extends Error {
  constructor(readonly startIndex: number) {
    super(
      `startIndex ${startIndex} was not reached by paging forward; page from startIndex=1 in steps of count (at most ${MAX_PAGE_SIZE}), or jump at most ${MAX_WALK} entries ahead.`,
    );
    this.name = 'WalkTooFarError';
  }
}

function prefixFor(ctx: DirectoryContext, kind: ListKind, order: ListOrder): string {
  if (kind === 'user') return order === 'name' ? ctx.keys.userNamePrefix : ctx.keys.userPrefix;
  return order === 'name' ? ctx.keys.groupNamePrefix : ctx.keys.groupPrefix;
}

function cursorKey(ctx: DirectoryContext, kind: ListKind, order: ListOrder, startIndex: number): string {
  return connectionKeys.listCursor(ctx.connectionId, kind, order, startIndex);
}
