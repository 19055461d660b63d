import type { DirectoryContext } from '../directory/directory-context';
import type { ApplyResult } from './item-failure';
import { prefetchRecords } from './prefetch';
import { emptyProgress } from './progress';
import { createdAfter, lastOfEach, upsertEach } from './upsert-each';

/** How one kind of directory record (users, groups) is read, created and changed from an IdP item. */
export interface RecordKind<Item, Input, Stored extends { created: string }> {
  kind: 'user' | 'group';
  directoryId(item: Item): string;
  input(item: Item): Input;
  recordKey(ctx: DirectoryContext, id: string): string;
  nameKey(ctx: DirectoryContext, input: Input): string;
  parse(value: unknown): Stored;
  get(ctx: DirectoryContext, id: string): Promise<Stored | undefined>;
  create(ctx: DirectoryContext, id: string, input: Input): Promise<unknown>;
  unchanged(current: Stored, input: Input): boolean;
  update(ctx: DirectoryContext, id: string, input: Input): Promise<unknown>;
  /** Whether a change deactivates the record: it counts as disabled, not updated (users only). */
  deactivates?(current: Stored, input: Input): boolean;
}

interface Planned<Input> {
  id: string;
  input: Input;
}

/**
 * Upserts a page of IdP items. Records are read 25 per store call first: an unchanged record costs no further
 * call and no write; a changed one costs its transaction; a new one a counter read and its transaction (the name
 * check is served from the same batch reads). A record created after `countedUntil` (a run's Run.countedUntil)
 * was created by an earlier attempt at this page, so it counts as created.
 */
export async function applyRecords<Item extends { id: string }, Input, Stored extends { created: string }>(
  ctx: DirectoryContext,
  kind: RecordKind<Item, Input, Stored>,
  items: Item[],
  countedUntil?: string,
): Promise<ApplyResult> {
  const planned = lastOfEach(items, (item) => item.id).map((item): Planned<Input> => ({ id: kind.directoryId(item), input: kind.input(item) }));
  const { records, ctx: prefetched } = await prefetchRecords(
    ctx,
    planned.map((record) => ({ recordKey: kind.recordKey(ctx, record.id), nameKey: kind.nameKey(ctx, record.input) })),
  );

  const progress = emptyProgress();
  const counts = kind.kind === 'user' ? progress.users : progress.groups;
  counts.seen = planned.length;
  const createdUncounted = createdAfter(countedUntil);
  const upsert = async (into: DirectoryContext, record: Planned<Input>, current: Stored | undefined) => {
    if (!current) {
      await kind.create(into, record.id, record.input);
      counts.created += 1;
      return;
    }
    const unchanged = kind.unchanged(current, record.input);
    if (!unchanged) await kind.update(into, record.id, record.input);
    if (createdUncounted(current)) counts.created += 1;
    else if (unchanged) counts.unchanged += 1;
    else if (kind.deactivates?.(current, record.input)) progress.users.disabled += 1;
    else counts.updated += 1;
  };
  const failures = await upsertEach(planned, kind.kind, async (record, retry) => {
    if (retry) return upsert(ctx, record, await kind.get(ctx, record.id));
    const item = records.get(kind.recordKey(ctx, record.id));
    return upsert(prefetched, record, item && kind.parse(item.value));
  });
  counts.failed = failures.length;
  return { progress, failures };
}
