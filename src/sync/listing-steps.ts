// The users and groups phases: one IdP page per event, upserted into the directory. Full runs keep the ids they
// saw (to find what disappeared); every run keeps the groups it saw, whose members the members phase walks.
import { getUser } from '../directory/users';
import type { DeltaMark, IdpCursor, IdpPage, IdpUser } from '../idp/connector';
import { applyGroups } from './apply-groups';
import { applyUsers } from './apply-users';
import { directoryIdOf } from './directory-mapping';
import { readIdSet, writeIdSet } from './id-sets';
import type { ApplyResult } from './item-failure';
import { addProgress, emptyProgress } from './progress';
import type { PullConfig } from './pull-config';
import type { Position } from './run-record';
import { idSetOf, type StepDeps, type StepResult } from './step';
import { applyMembershipDelta, membershipFromAttribute, userMembershipDelta } from './user-memberships';

/**
 * A listing through the app's grants delivers a user once per grant that reaches them (granted directly, and
 * through each granted group): its pages' `seen` counts add up to more than the users it delivered. Such a run
 * keeps the ids it saw (delta runs too), and its last page makes `seen` their distinct count.
 */
export async function usersStep(s: StepDeps, position: Extract<Position, { phase: 'users' }>): Promise<StepResult> {
  const { run, connector } = s;
  const page = await connector.listUsersPage!(position.cursor as IdpCursor | undefined, { since: run.since.users });
  const users = await applyUsers(s.ctx, page.items, run.countedUntil);
  const applied = membershipFromAttribute(s.config) ? withResult(users, await applyAttributeMemberships(s, page.items)) : users;
  const repeats = listsGrants(s.config);
  const seenSet = idSetOf(run, 'u');
  const ids = page.items.map((user) => directoryIdOf(user.id));
  const written = run.mode === 'full' || repeats ? await writeIdSet(s.platform.store, seenSet, run.sets.users, ids) : 0;
  const sets = { ...run.sets, users: run.sets.users + written };
  return {
    fields: { position: page.next ? { phase: 'users', cursor: page.next } : afterUsers(s), sets, ...lastPageMark(s, page, 'users') },
    ...applied,
    ...(repeats && !page.next ? { usersSeen: (await readIdSet(s.platform.store, seenSet, sets.users)).size } : {}),
  };
}

/**
 * With a group membership attribute, groups are listed first and each user's attribute values give its memberships
 * as the user is read; IDCS group member lists are not read at all.
 */
export function firstListing(config: PullConfig): Position {
  return membershipFromAttribute(config) ? { phase: 'groups' } : { phase: 'users' };
}

function afterUsers(s: StepDeps): Position {
  if (!membershipFromAttribute(s.config)) return { phase: 'groups' };
  return s.run.mode === 'full' ? { phase: 'scanUsers' } : { phase: 'done' };
}

function afterGroups(s: StepDeps): Position {
  return membershipFromAttribute(s.config) ? { phase: 'users' } : { phase: 'members', record: 0, index: 0, memberPages: 0 };
}

async function applyAttributeMemberships(s: StepDeps, users: IdpUser[]): Promise<ApplyResult> {
  let result: ApplyResult = { progress: emptyProgress(), failures: [] };
  for (const user of users) {
    const id = directoryIdOf(user.id);
    if (!(await getUser(s.ctx, id))) continue;
    result = withResult(result, await applyMembershipDelta(s.ctx, id, await userMembershipDelta(s.ctx, s.config, user, id, true)));
  }
  return result;
}

function withResult(a: ApplyResult, b: ApplyResult): ApplyResult {
  return { progress: addProgress(a.progress, b.progress), failures: [...a.failures, ...b.failures] };
}

/** IDCS lists through the app's grants when the connection names an app. */
function listsGrants(config: PullConfig): boolean {
  return config.provider === 'oracle-idcs' && config.settings.appId !== undefined;
}

export async function groupsStep(s: StepDeps, position: Extract<Position, { phase: 'groups' }>): Promise<StepResult> {
  const { run, connector } = s;
  const page = await connector.listGroupsPage!(position.cursor as IdpCursor | undefined, { since: run.since.groups });
  const applied = await applyGroups(s.ctx, page.items, run.countedUntil);
  const seen = await writeIdSet(
    s.platform.store,
    idSetOf(run, 'g'),
    run.sets.groups,
    page.items.map((group) => group.id),
  );
  return {
    fields: {
      position: page.next ? { phase: 'groups', cursor: page.next } : afterGroups(s),
      sets: { ...run.sets, groups: run.sets.groups + seen },
      ...lastPageMark(s, page, 'groups'),
    },
    ...applied,
  };
}

/**
 * The watermark the next delta starts from, taken on the listing's last page: the newest change the listing saw,
 * but no later than the run's start. The listing goes by id, not by change time, so a record it had already
 * passed may change while it goes on; capped at the start, the next delta asks again for everything changed
 * since, that change included. A listing that saw no change times (no groups at all) starts the next delta at
 * the run's start too.
 */
function lastPageMark(s: StepDeps, page: IdpPage<unknown>, listing: 'users' | 'groups') {
  if (page.next) return {};
  const startedAt = s.run.startedAt;
  const mark: DeltaMark =
    page.mark && Date.parse(page.mark.lastModified) <= Date.parse(startedAt) ? page.mark : { lastModified: startedAt, seen: page.mark?.seen ?? [] };
  return { marks: { ...s.run.marks, [listing]: mark } };
}
