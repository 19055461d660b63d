import type { StoredItem, TransactionOp } from '../platform/ports';
import { MAX_TRANSACTION_OPS } from '../platform/store-limits';
import { counterKeyFor, counterOp } from './counters';
import { assertPrintable, changeOp, DirectoryError, nowIso, readRecords, withRetry, type DirectoryContext } from './directory-context';
import { addMembershipOps, allMemberIds, OPS_PER_MEMBERSHIP, removeAllMemberships, removeMembershipOps, type MemberRef } from './memberships';
import { isDirectoryId } from '../storage/keys';
import { groupRecordSchema, indexEntrySchema, membershipRecordSchema, type GroupRecord } from './model';
import { getUsers } from './users';

export interface GroupInput {
  displayName: string;
  externalId?: string;
  attributes: Record<string, unknown>;
}

/** A change to a group: new attributes (PUT/PATCH) and member changes, applied in that order. */
export interface GroupChange {
  group?: (current: GroupRecord) => GroupInput;
  addMembers?: MemberRef[];
  removeMembers?: string[];
  /** The whole member list (PUT, or PATCH replace of `members`). */
  replaceMembers?: MemberRef[];
}

/** Group record, its name copy, a rename's delete, its change record and one audit op. */
const FIXED_OPS = 5;
const MEMBERS_PER_TRANSACTION = Math.floor((MAX_TRANSACTION_OPS - FIXED_OPS) / OPS_PER_MEMBERSHIP);

export async function getGroup(ctx: DirectoryContext, id: string): Promise<GroupRecord | undefined> {
  if (!isDirectoryId(id)) return undefined;
  const item = await ctx.store.get(ctx.keys.group(id));
  return item ? groupRecordSchema.parse(item.value) : undefined;
}

export async function getGroupsById(ctx: DirectoryContext, ids: string[]): Promise<GroupRecord[]> {
  return readRecords(ctx, ids.filter(isDirectoryId).map(ctx.keys.group), (value) => groupRecordSchema.parse(value));
}

export async function getGroupByName(ctx: DirectoryContext, displayName: string): Promise<GroupRecord | undefined> {
  const item = await ctx.store.get(ctx.keys.groupName(displayName));
  return item ? groupRecordSchema.parse(item.value) : undefined;
}

export async function findGroupIdsByExternalId(ctx: DirectoryContext, externalId: string): Promise<string[]> {
  const page = await ctx.store.query(ctx.keys.groupExternalIdPrefix(externalId), { limit: 100 });
  return page.items.map((item) => indexEntrySchema.parse(item.value).id);
}

/** Keys a group PATCH that adds these members reads, for the caller to prefetch with the connection. */
export function changeGroupReads(ctx: DirectoryContext, groupId: string, memberIds: string[]): string[] {
  const ids = memberIds.filter(isDirectoryId).slice(0, MEMBERS_PER_TRANSACTION);
  return [ctx.keys.group(groupId), ...ids.map((userId) => ctx.keys.member(groupId, userId)), ...ids.map(ctx.keys.user)];
}

export function createGroupReads(ctx: DirectoryContext, displayName: string, id: string): string[] {
  return [ctx.keys.groupName(displayName), counterKeyFor(ctx, 'g', id)];
}

/**
 * Stores the group with as many of its members as fit in the same transaction, so the usual POST (no members or
 * a few) is all or nothing. Members beyond that follow in further transactions; if one of those fails, the
 * group is deleted again before the error is passed on, so a retried POST does not meet a half-made group.
 */
export async function createGroup(
  ctx: DirectoryContext,
  input: GroupInput,
  members: MemberRef[],
  options: { id?: string; audit?: TransactionOp[] } = {},
): Promise<GroupRecord> {
  assertPrintable('displayName', input.displayName);
  const id = options.id ?? ctx.random.id();
  const unique = [...new Map(members.map((m) => [m.userId, m])).values()];
  await assertUsersExist(
    ctx,
    unique.map((m) => m.userId),
  );
  const audit = options.audit ?? [];
  const createOps = 4 + (input.externalId !== undefined ? 1 : 0) + audit.length;
  const fit = Math.max(0, Math.floor((MAX_TRANSACTION_OPS - createOps) / OPS_PER_MEMBERSHIP));
  const [first, rest] = [unique.slice(0, fit), unique.slice(fit)];
  const counterKey = counterKeyFor(ctx, 'g', id);
  const created = await withRetry(ctx, async () => {
    const [existing, counter] = await Promise.all([ctx.store.get(ctx.keys.groupName(input.displayName)), ctx.store.get(counterKey)]);
    if (existing) throw groupNameTaken(input.displayName);
    const now = nowIso(ctx);
    const record = groupRecordSchema.parse({ id, ...input, created: now, lastModified: now, version: 1 });
    try {
      await ctx.store.transact([
        { op: 'set', key: ctx.keys.group(id), value: record, ifAbsent: true },
        { op: 'set', key: ctx.keys.groupName(record.displayName), value: record, ifAbsent: true },
        counterOp(counterKey, counter, +1),
        ...externalIdOps(ctx, id, undefined, record.externalId),
        changeOp(ctx, 'group', id, ['created']),
        ...first.flatMap((m) => addMembershipOps(ctx, id, m, now)),
        ...audit,
      ]);
    } catch (error) {
      if (await ctx.store.get(ctx.keys.groupName(input.displayName))) throw groupNameTaken(input.displayName);
      throw error;
    }
    return record;
  });
  if (rest.length === 0) return created;
  try {
    return await changeGroup(ctx, id, { addMembers: rest });
  } catch (error) {
    await deleteGroup(ctx, id).catch(() => undefined);
    throw error;
  }
}

/**
 * Applies attribute and member changes. Each transaction writes the group record with a version check, so a
 * concurrent rename is never overwritten and concurrent member PATCHes serialise on the group without loss.
 */
export async function changeGroup(
  ctx: DirectoryContext,
  id: string,
  change: GroupChange,
  options: { ifVersion?: number; audit?: TransactionOp[] } = {},
): Promise<GroupRecord> {
  const { add, remove } = await memberDelta(ctx, id, change);
  await assertUsersExist(
    ctx,
    add.map((m) => m.userId),
  );
  let record = await applyGroupStep(ctx, id, change.group, add.slice(0, MEMBERS_PER_TRANSACTION), remove.slice(0, MEMBERS_PER_TRANSACTION), options);
  for (let i = MEMBERS_PER_TRANSACTION; i < Math.max(add.length, remove.length); i += MEMBERS_PER_TRANSACTION) {
    record = await applyGroupStep(ctx, id, undefined, add.slice(i, i + MEMBERS_PER_TRANSACTION), remove.slice(i, i + MEMBERS_PER_TRANSACTION), {});
  }
  return record;
}

async function memberDelta(ctx: DirectoryContext, id: string, change: GroupChange): Promise<{ add: MemberRef[]; remove: string[] }> {
  if (!change.replaceMembers) {
    const add = [...new Map((change.addMembers ?? []).map((m) => [m.userId, m])).values()];
    // An id no user can have is no member either: removing it changes nothing.
    return { add, remove: [...new Set(change.removeMembers ?? [])].filter(isDirectoryId) };
  }
  const wanted = new Map(change.replaceMembers.map((m) => [m.userId, m]));
  const current = await allMemberIds(ctx, id);
  return {
    add: [...wanted.values()].filter((m) => !current.has(m.userId)),
    remove: [...current].filter((userId) => !wanted.has(userId)),
  };
}

async function applyGroupStep(
  ctx: DirectoryContext,
  id: string,
  groupChange: GroupChange['group'],
  add: MemberRef[],
  remove: string[],
  options: { ifVersion?: number; audit?: TransactionOp[] },
): Promise<GroupRecord> {
  return withRetry(ctx, async () => {
    const item = await ctx.store.get(ctx.keys.group(id));
    if (!item) throw groupNotFound(id);
    const current = groupRecordSchema.parse(item.value);
    if (options.ifVersion !== undefined && options.ifVersion !== current.version) throw versionMismatch(id);
    const present = await presentMembers(ctx, id, [...add.map((m) => m.userId), ...remove]);
    const since = nowIso(ctx);
    const memberOps = [
      ...add.filter((m) => !present.has(m.userId)).flatMap((m) => addMembershipOps(ctx, id, m, since)),
      ...remove.filter((userId) => present.has(userId)).flatMap((userId) => removeMembershipOps(ctx, id, userId)),
    ];
    const input = groupChange ? groupChange(current) : undefined;
    const attributesChanged = input !== undefined && !sameGroupInput(current, input);
    if (memberOps.length === 0 && !attributesChanged) return current;
    if (input) assertPrintable('displayName', input.displayName);
    const next = groupRecordSchema.parse({
      ...current,
      ...(input ?? {}),
      externalId: input ? input.externalId : current.externalId,
      lastModified: since,
      version: current.version + 1,
    });
    if (next.displayName.toLowerCase() !== current.displayName.toLowerCase() && (await ctx.store.get(ctx.keys.groupName(next.displayName)))) {
      throw groupNameTaken(next.displayName);
    }
    await ctx.store.transact([
      ...groupRecordOps(ctx, item, current, next),
      ...(attributesChanged ? [changeOp(ctx, 'group', id, ['attributes'])] : []),
      ...memberOps,
      ...(options.audit ?? []),
    ]);
    return next;
  });
}

function groupRecordOps(ctx: DirectoryContext, item: StoredItem, current: GroupRecord, next: GroupRecord): TransactionOp[] {
  const renamed = current.displayName.toLowerCase() !== next.displayName.toLowerCase();
  return [
    { op: 'set', key: ctx.keys.group(current.id), value: next, ifVersion: item.version },
    { op: 'set', key: ctx.keys.groupName(next.displayName), value: next, ...(renamed ? { ifAbsent: true } : {}) },
    ...(renamed ? [{ op: 'delete' as const, key: ctx.keys.groupName(current.displayName) }] : []),
    ...externalIdOps(ctx, current.id, current.externalId, next.externalId),
  ];
}

async function presentMembers(ctx: DirectoryContext, groupId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const items = await ctx.store.getMany(userIds.map((userId) => ctx.keys.member(groupId, userId)));
  return new Set(items.map((item) => membershipRecordSchema.parse(item.value).userId));
}

export async function deleteGroup(ctx: DirectoryContext, id: string, audit: TransactionOp[] = []): Promise<void> {
  if (!(await getGroup(ctx, id))) throw groupNotFound(id);
  await removeAllMemberships(ctx, { groupId: id });
  const counterKey = counterKeyFor(ctx, 'g', id);
  await withRetry(ctx, async () => {
    const [item, counter] = await Promise.all([ctx.store.get(ctx.keys.group(id)), ctx.store.get(counterKey)]);
    if (!item) throw groupNotFound(id);
    const current = groupRecordSchema.parse(item.value);
    await ctx.store.transact([
      { op: 'delete', key: ctx.keys.group(id), ifVersion: item.version },
      { op: 'delete', key: ctx.keys.groupName(current.displayName) },
      counterOp(counterKey, counter, -1),
      ...externalIdOps(ctx, id, current.externalId, undefined),
      changeOp(ctx, 'group', id, ['deleted']),
      ...audit,
    ]);
  });
}

async function assertUsersExist(ctx: DirectoryContext, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const found = new Set((await getUsers(ctx, userIds)).map((user) => user.id));
  const missing = userIds.filter((userId) => !found.has(userId));
  if (missing.length > 0) {
    throw new DirectoryError(
      'invalid',
      `Member value "${missing[0]}" is not the id of a user of this connection; send the id returned by POST /Users.`,
    );
  }
}

function externalIdOps(ctx: DirectoryContext, id: string, before: string | undefined, after: string | undefined): TransactionOp[] {
  if (before === after) return [];
  return [
    ...(before !== undefined ? [{ op: 'delete' as const, key: ctx.keys.groupExternalIdPrefix(before) + id }] : []),
    ...(after !== undefined ? [{ op: 'set' as const, key: ctx.keys.groupExternalIdPrefix(after) + id, value: { id } }] : []),
  ];
}

/** Whether writing `input` would change nothing in the group (a change that only repeats it writes nothing). */
export function sameGroupInput(current: GroupRecord, input: GroupInput): boolean {
  return (
    current.displayName === input.displayName &&
    current.externalId === input.externalId &&
    JSON.stringify(current.attributes) === JSON.stringify(input.attributes)
  );
}

export const groupNameTaken = (displayName: string) =>
  new DirectoryError('conflict', `A group with displayName "${displayName}" already exists (displayName is unique, case-insensitive).`);
export const groupNotFound = (id: string) => new DirectoryError('notFound', `No group with id "${id}".`);
const versionMismatch = (id: string) =>
  new DirectoryError('versionMismatch', `Group "${id}" has changed since the version in If-Match; read it again.`);
