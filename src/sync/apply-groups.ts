import type { DirectoryContext } from '../directory/directory-context';
import { changeGroup, createGroup, getGroup, sameGroupInput, type GroupInput } from '../directory/groups';
import { groupRecordSchema, type GroupRecord } from '../directory/records';
import type { IdpGroup } from '../idp/connector';
import { directoryIdOf, toGroupInput } from './directory-mapping';
import type { ApplyResult } from './item-failure';
import { prefetchRecords } from './prefetch';
import { emptyProgress, type Progress } from './progress';
import { createdAfter, lastOfEach, upsertEach } from './upsert-each';

interface PlannedGroup {
  id: string;
  input: GroupInput;
}

/**
 * Upserts a page of IdP groups (their members come in the members phase), at the costs applyUsers describes, and
 * counting a group created after `countedUntil` as created, as applyUsers does.
 */
export async function applyGroups(ctx: DirectoryContext, groups: IdpGroup[], countedUntil?: string): Promise<ApplyResult> {
  const planned = lastOfEach(groups, (group) => group.id).map((group): PlannedGroup => ({ id: directoryIdOf(group.id), input: toGroupInput(group) }));
  const { records, ctx: prefetched } = await prefetchRecords(
    ctx,
    planned.map((group) => ({ recordKey: ctx.keys.group(group.id), nameKey: ctx.keys.groupName(group.input.displayName) })),
  );

  const progress = emptyProgress();
  progress.groups.seen = planned.length;
  const createdUncounted = createdAfter(countedUntil);
  const failures = await upsertEach(planned, 'group', async (group, retry) => {
    if (retry) return upsertGroup(ctx, group, await getGroup(ctx, group.id), progress, createdUncounted);
    const item = records.get(ctx.keys.group(group.id));
    return upsertGroup(prefetched, group, item && groupRecordSchema.parse(item.value), progress, createdUncounted);
  });
  progress.groups.failed = failures.length;
  return { progress, failures };
}

async function upsertGroup(
  ctx: DirectoryContext,
  group: PlannedGroup,
  current: GroupRecord | undefined,
  progress: Progress,
  createdUncounted: (record: { created: string }) => boolean,
): Promise<void> {
  if (!current) {
    await createGroup(ctx, group.input, [], { id: group.id });
    progress.groups.created += 1;
    return;
  }
  const unchanged = sameGroupInput(current, group.input);
  if (!unchanged) await changeGroup(ctx, group.id, { group: () => group.input });
  if (createdUncounted(current)) progress.groups.created += 1;
  else if (unchanged) progress.groups.unchanged += 1;
  else progress.groups.updated += 1;
}
