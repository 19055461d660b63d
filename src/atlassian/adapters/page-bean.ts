import { z } from 'zod';

/** Jira's offset page: `{startAt, maxResults, total, isLast, values}`. */
export function pageBean<T extends z.ZodType>(item: T) {
  return z.object({
    startAt: z.number(),
    maxResults: z.number(),
    isLast: z.boolean().optional(),
    values: z.array(item),
  });
}

/** Servers may return fewer items than asked, so only isLast (or an empty page) ends the listing. */
export function nextStartAt(page: { startAt: number; isLast?: boolean; values: unknown[] }): string | undefined {
  const last = page.isLast ?? page.values.length === 0;
  return last ? undefined : String(page.startAt + page.values.length);
}

export function offsetOf(cursor: string | undefined): number {
  const offset = Number(cursor ?? 0);
  return Number.isInteger(offset) && offset >= 0 ? offset : 0;
}
