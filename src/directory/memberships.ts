import type { TransactionOp } from '../platform/ports';
import { MAX_TRANSACTION_OPS } from '../platform/store-limits';
import { changeOp, type DirectoryContext } from './directory-context';
import { membershipRecordSchema, type MembershipRecord } from './model';

// Memberships are two records each (by group and by user), never an array on the group: no record grows
// with a group's size, and parallel PATCHes that add different members never overwrite each other.

export interface MemberRef {
  userId: string;
  display?: string;
}

/** Each membership change writes both records and a change record. */
export const OPS_PER_MEMBERSHIP = 3;

export function addMembershipOps(ctx: DirectoryContext, groupId: string, member: MemberRef, since: string): TransactionOp[] {
  const record: MembershipRecord = { groupId, userId: member.userId, since, ...(member.display ? { display: member.display } : {}) };
  return [
    { op: 'set', key: ctx.keys.member(groupId, member.userId), value: record, ifAbsent: true },
    { op: 'set', key: ctx.keys.userGroup(member.userId, groupId), value: record },
    changeOp(ctx, 'membership', `${groupId}:${member.userId}`, ['added']),
  ];
}

export function removeMembershipOps(ctx: DirectoryContext, groupId: string, userId: string): TransactionOp[] {
  return [
    { op: 'delete', key: ctx.keys.member(groupId, userId) },
    { op: 'delete', key: ctx.keys.userGroup(userId, groupId) },
    changeOp(ctx, 'membership', `${groupId}:${userId}`, ['removed']),
  ];
}

export interface MembershipPage {
  members: MembershipRecord[];
  cursor?: string;
}

export async function listGroupMembers(
  ctx: DirectoryContext,
  groupId: string,
  page: { cursor?: string; limit?: number } = {},
): Promise<MembershipPage> {
  const result = await ctx.store.query(ctx.keys.membersPrefix(groupId), { cursor: page.cursor, limit: page.limit ?? 100 });
  return { members: result.items.map((item) => membershipRecordSchema.parse(item.value)), cursor: result.cursor };
}

export async function listUserGroups(ctx: DirectoryContext, userId: string, page: { cursor?: string; limit?: number } = {}): Promise<MembershipPage> {
  const result = await ctx.store.query(ctx.keys.userGroupsPrefix(userId), { cursor: page.cursor, limit: page.limit ?? 100 });
  return { members: result.items.map((item) => membershipRecordSchema.parse(item.value)), cursor: result.cursor };
}

/** Every member id of a group, page by page (used to replace a whole member list). */
export async function allMemberIds(ctx: DirectoryContext, groupId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await listGroupMembers(ctx, groupId, { cursor });
    for (const member of page.members) ids.add(member.userId);
    cursor = page.cursor;
  } while (cursor);
  return ids;
}

/** Deletes every membership of a user or of a group, in transactions of whole pairs. Safe to repeat. */
export async function removeAllMemberships(ctx: DirectoryContext, of: { userId: string } | { groupId: string }): Promise<void> {
  const pairsPerTransaction = Math.floor(MAX_TRANSACTION_OPS / OPS_PER_MEMBERSHIP);
  let cursor: string | undefined;
  do {
    const page =
      'userId' in of
        ? await listUserGroups(ctx, of.userId, { cursor, limit: pairsPerTransaction })
        : await listGroupMembers(ctx, of.groupId, { cursor, limit: pairsPerTransaction });
    if (page.members.length > 0) {
      await ctx.store.transact(page.members.flatMap((m) => removeMembershipOps(ctx, m.groupId, m.userId)));
    }
    cursor = page.cursor;
  } while (cursor);
}
