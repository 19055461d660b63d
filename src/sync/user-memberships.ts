// One user's memberships as the IdP reports them on the user (IDCS's direct groups, or the values of the
// connection's group membership attribute), against the directory: for "Test user lookup" and "Sync user", and for
// runs when a group membership attribute replaces IDCS group membership. Otherwise runs take memberships from the
// groups' member lists.
import type { DirectoryContext } from '../directory/directory-context';
import { changeGroup, getGroupByName, getGroupsById } from '../directory/groups';
import { listUserGroups } from '../directory/memberships';
import type { GroupRecord } from '../directory/model';
import type { IdpUser } from '../idp/connector';
import { directoryIdOf } from './directory-mapping';
import { isItemError, type ApplyResult } from './item-failure';
import { emptyProgress } from './progress';
import type { PullConfig } from './pull-config';

export interface UserGroupView {
  /** The IdP's group id, or the value of the group-membership attribute. */
  idpValue: string;
  /** Present when the group is in the directory. */
  directoryGroupId?: string;
  displayName?: string;
}

export interface MembershipDelta {
  groups: UserGroupView[];
  /** Groups to add the user to, and to remove it from (both in the directory); undefined when the IdP does not say. */
  add?: GroupRecord[];
  remove?: GroupRecord[];
}

/** The connection names a user attribute whose values are the user's groups, in place of IDCS group membership. */
export function membershipFromAttribute(config: PullConfig): boolean {
  return config.provider === 'oracle-idcs' && config.settings.groupMembershipAttribute !== undefined;
}

/**
 * miniOrange reports no groups: then the user's groups are shown but no membership is planned. A group membership
 * attribute's values name IDCS groups by id or by display name; a value naming none is shown, and planned as nothing.
 */
export async function userMembershipDelta(
  ctx: DirectoryContext,
  config: PullConfig,
  user: IdpUser,
  userId: string,
  known: boolean,
): Promise<MembershipDelta> {
  if (config.provider !== 'oracle-idcs') return { groups: user.groups.map((value) => ({ idpValue: value })) };
  const found = await groupsNamed(ctx, user.groups, membershipFromAttribute(config));
  const groups = user.groups.map((value): UserGroupView => {
    const group = found.get(value);
    return group ? { idpValue: value, directoryGroupId: group.id, displayName: group.displayName } : { idpValue: value };
  });
  const wanted = new Map([...found.values()].map((group) => [group.id, group]));
  const current = known ? await currentGroupIds(ctx, userId) : new Set<string>();
  const currentGroups = await getGroupsById(ctx, [...current]);
  return {
    groups,
    add: [...wanted.values()].filter((group) => !current.has(group.id)),
    remove: currentGroups.filter((group) => !wanted.has(group.id)),
  };
}

/** The directory's group for each value: by IDCS id, and, for attribute values, by display name too. */
async function groupsNamed(ctx: DirectoryContext, values: string[], byName: boolean): Promise<Map<string, GroupRecord>> {
  const byId = new Map((await getGroupsById(ctx, values.map(directoryIdOf))).map((group) => [group.id, group]));
  const found = new Map<string, GroupRecord>();
  for (const value of values) {
    const group = byId.get(directoryIdOf(value)) ?? (byName ? await getGroupByName(ctx, value) : undefined);
    if (group) found.set(value, group);
  }
  return found;
}

export async function applyMembershipDelta(ctx: DirectoryContext, userId: string, delta: MembershipDelta): Promise<ApplyResult> {
  const result: ApplyResult = { progress: emptyProgress(), failures: [] };
  const changes = [
    ...(delta.add ?? []).map((group) => ({ group, change: { addMembers: [{ userId }] }, counts: 'added' as const })),
    ...(delta.remove ?? []).map((group) => ({ group, change: { removeMembers: [userId] }, counts: 'removed' as const })),
  ];
  for (const { group, change, counts } of changes) {
    try {
      await changeGroup(ctx, group.id, change);
      result.progress.memberships[counts] += 1;
    } catch (error) {
      if (!isItemError(error)) throw error;
      result.progress.memberships.failed += 1;
      result.failures.push({ kind: 'membership', id: group.id, reason: error.message });
    }
  }
  return result;
}

async function currentGroupIds(ctx: DirectoryContext, userId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await listUserGroups(ctx, userId, { cursor });
    for (const member of page.members) ids.add(member.groupId);
    cursor = page.cursor;
  } while (cursor);
  return ids;
}
