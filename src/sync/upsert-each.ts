import { DirectoryError } from '../directory/directory-context';
import { isItemError, type ItemFailure } from './item-failure';

/**
 * Applies `upsert` to each item in order. A taken name is tried once more after the rest of the page (a rename
 * onto a name that a later item gives up succeeds then); other refusals of one record become failures, and
 * anything else (the store failing) is thrown, for the page to be redelivered.
 */
export async function upsertEach<T extends { id: string }>(
  items: T[],
  kind: ItemFailure['kind'],
  upsert: (item: T, retry: boolean) => Promise<void>,
): Promise<ItemFailure[]> {
  const conflicts: T[] = [];
  const failures: ItemFailure[] = [];
  const attempt = async (item: T, retry: boolean) => {
    try {
      await upsert(item, retry);
    } catch (error) {
      if (!isItemError(error)) throw error;
      if (!retry && error instanceof DirectoryError && error.kind === 'conflict') conflicts.push(item);
      else failures.push({ kind, id: item.id, reason: error.message });
    }
  };
  for (const item of items) await attempt(item, false);
  for (const item of conflicts) await attempt(item, true);
  return failures;
}

/** The last of each id: an IdP may list an item twice in one page (a user granted directly and through a group). */
export function lastOfEach<T>(items: T[], idOf: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [idOf(item), item])).values()];
}

/**
 * Whether a directory record was created after `countedUntil`: by an earlier attempt at the page being redone,
 * whose progress was never saved. Strictly after: the step that saved the progress created its records at or
 * before that time. Without `countedUntil` (a sync outside a run), never.
 */
export function createdAfter(countedUntil: string | undefined): (record: { created: string }) => boolean {
  if (countedUntil === undefined) return () => false;
  const since = Date.parse(countedUntil);
  return (record) => Date.parse(record.created) > since;
}
