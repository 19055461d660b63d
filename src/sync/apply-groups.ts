import type { DirectoryContext } from '../directory/directory-context';
import { changeGroup, createGroup, getGroup, sameGroupInput, type GroupInput } from '../directory/groups';
import { groupRecordSchema, type GroupRecord } from '../directory/model';
import type { IdpGroup } from '../idp/connector';
import { applyRecords, type RecordKind } from './apply-records';
import { directoryIdOf, toGroupInput } from './directory-mapping';
import type { ApplyResult } from './item-failure';

const groups: RecordKind<IdpGroup, GroupInput, GroupRecord> = {
  kind: 'group',
  directoryId: (group) => directoryIdOf(group.id),
  input: toGroupInput,
  recordKey: (ctx, id) => ctx.keys.group(id),
  nameKey: (ctx, input) => ctx.keys.groupName(input.displayName),
  parse: (value) => groupRecordSchema.parse(value),
  get: getGroup,
  create: (ctx, id, input) => createGroup(ctx, input, [], { id }),
  unchanged: sameGroupInput,
  update: (ctx, id, input) => changeGroup(ctx, id, { group: () => input }),
};

/** Upserts a page of IdP groups (their members come in the members phase), at the costs applyRecords describes. */
export async function applyGroups(ctx: DirectoryContext, page: IdpGroup[], countedUntil?: string): Promise<ApplyResult> {
  return applyRecords(ctx, groups, page, countedUntil);
}
