// Listing cursors: plain JSON, validated when they come back from a queue event or the store.
import { z } from 'zod';
import type { IdpCursor } from '../connector';
import { IdpError } from '../idp-error';

const index = z.number().int().min(1);
const mark = z.object({ lastModified: z.string(), seen: z.array(z.string()) });
/** Shared by every listing: the mark a delta listing started from, and the running mark. */
const delta = { since: mark.optional(), mark: mark.optional() };

/** Offset paging over the whole directory. */
const directoryCursor = z.object({ mode: z.literal('directory'), startIndex: index, ...delta });

/** Walking the app's grants; `group` is a granted group whose members are being expanded. */
const grantsCursor = z.object({
  mode: z.literal('grants'),
  grantIndex: index,
  group: z.object({ id: z.string(), memberIndex: index, grantChanged: z.boolean() }).optional(),
  ...delta,
});

export const listCursorSchema = z.discriminatedUnion('mode', [directoryCursor, grantsCursor]);
export type ListCursor = z.infer<typeof listCursorSchema>;
export type DirectoryCursor = z.infer<typeof directoryCursor>;
export type GrantsCursor = z.infer<typeof grantsCursor>;

export const memberCursorSchema = z.object({ startIndex: index });

export function readCursor<T>(schema: z.ZodType<T>, cursor: IdpCursor): T {
  const parsed = schema.safeParse(cursor);
  if (parsed.success) return parsed.data;
  throw new IdpError('invalidConfig', 'The listing cursor was not issued by this connector; start the listing again.');
}

/** Drops undefined fields so that the cursor is plain JSON. */
export function toCursor(value: object): IdpCursor {
  return JSON.parse(JSON.stringify(value)) as IdpCursor;
}
