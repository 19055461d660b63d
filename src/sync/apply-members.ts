// A group's members, page by page: additions as each page arrives, removals once the group's last page is in.
import { DirectoryError, type DirectoryContext } from '../directory/directory-context';
import { changeGroup } from '../directory/groups';
import { listGroupMembers } from '../directory/memberships';
import { PrefetchingStore } from '../platform/prefetching-store';
import type { Store } from '../platform/ports';
import { directoryIdOf } from './directory-mapping';
import { isItemError, type ApplyResult, type ItemFailure } from './item-failure';
import { emptyProgress } from './progress';
import { readItems } from './store-batches';

/**
 * Adds the page's members the group lacks. Members are checked 25 per store call, so a page with no new
 * member costs a store call per 25 members and no write; a member who is not a user of this connection is
 * skipped. The adding itself is served those reads (the users it checks, the memberships it finds absent), so
 * it pays only its transactions and a group read per transaction. Returns the directory ids of the page's members.
 */
export async function addGroupMembers(ctx: DirectoryContext, groupId: string, idpUserIds: string[]): Promise<ApplyResult & { memberIds: string[] }> {
  const memberIds = [...new Set(idpUserIds.map(directoryIdOf))];
  const memberKey = (userId: string) => ctx.keys.member(groupId, userId);
  const present = await readItems(ctx.store, memberIds.map(memberKey));
  const missing = memberIds.filter((userId) => !present.has(memberKey(userId)));
  const users = await readItems(ctx.store, missing.map(ctx.keys.user));
  const added = missing.filter((userId) => users.has(ctx.keys.user(userId)));
  const prefetched = new PrefetchingStore(
    ctx.store,
    added.flatMap((userId) => [memberKey(userId), ctx.keys.user(userId)]),
    [...users.values()],
  );
  const result = await changeMembers({ ...ctx, store: prefetched }, ctx.store, groupId, added, 'add');
  result.progress.memberships.skipped += missing.length - added.length;
  return { ...result, memberIds };
}

/** Removes the group's directory members that are not in `idpMembers` (every page of the IdP's member list). */
export async function removeAbsentMembers(ctx: DirectoryContext, groupId: string, idpMembers: ReadonlySet<string>): Promise<ApplyResult> {
  const absent: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listGroupMembers(ctx, groupId, { cursor });
    for (const member of page.members) if (!idpMembers.has(member.userId)) absent.push(member.userId);
    cursor = page.cursor;
  } while (cursor);
  return changeMembers(ctx, ctx.store, groupId, absent, 'remove');
}

/**
 * Adds or removes `userIds` (all absent, or all present, when read). A group the directory does not hold (its
 * creation failed, and was reported then) is left alone. A large change goes in several transactions, and those
 * before a refused one stand: on a refusal the memberships are read back from `store` (past any prefetching) to
 * count what was applied and what failed.
 */
async function changeMembers(
  ctx: DirectoryContext,
  store: Store,
  groupId: string,
  userIds: string[],
  change: 'add' | 'remove',
): Promise<ApplyResult> {
  const progress = emptyProgress();
  if (userIds.length === 0) return { progress, failures: [] };
  const failures: ItemFailure[] = [];
  let applied = userIds.length;
  try {
    await changeGroup(ctx, groupId, change === 'add' ? { addMembers: userIds.map((userId) => ({ userId })) } : { removeMembers: userIds });
  } catch (error) {
    if (error instanceof DirectoryError && error.kind === 'notFound') return { progress, failures: [] };
    if (!isItemError(error)) throw error;
    const present = (
      await readItems(
        store,
        userIds.map((userId) => ctx.keys.member(groupId, userId)),
      )
    ).size;
    applied = change === 'add' ? present : userIds.length - present;
    progress.memberships.failed += userIds.length - applied;
    failures.push({ kind: 'membership', id: groupId, reason: error.message });
  }
  if (change === 'add') progress.memberships.added += applied;
  else progress.memberships.removed += applied;
  return { progress, failures };
}
