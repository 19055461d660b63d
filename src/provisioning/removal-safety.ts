import { z } from 'zod';
import { readCount } from '../directory/counters';
import { changeOp, directoryContext } from '../directory/directory-context';
import type { Platform } from '../platform/ports';
import type { ActivityEntry } from '../records/activity-log';
import { recordActivity } from '../records/activity-log';
import { connectionKeys, hashKeyPart } from '../storage/keys';
import { enqueueJobs } from './jobs';
import type { PlanAction } from './plan';
import { siteMembers, type ProvisioningDeps } from './provisioning-deps';

// One safety net for every path that takes access away: a push, a pull run's jobs, an options change, a
// re-evaluation, a drift repair. Within one hour a connection may deactivate at most safety.maxDisableShare of its
// users, and remove at most that share of any group's members; past that, each further removal is held, logged
// (naming the user and the group) and waits for an admin's Confirm (applied by the user's or group's job again) or
// Cancel. Directories and groups smaller than safety.minUsersForThreshold are not limited. Protected groups and
// accounts never reach this point: the plan never removes from them.

type Removal = Extract<PlanAction, { type: 'suspend' | 'removeProductAccess' | 'removeMember' }>;

const holdSchema = z.object({
  id: z.string(),
  subject: z.object({ kind: z.string(), id: z.string(), label: z.string().optional() }),
  action: z.string(),
  reason: z.string(),
  at: z.string(),
  approved: z.boolean(),
});
export type RemovalHold = z.infer<typeof holdSchema>;

const HOUR_MS = 3_600_000;
const BUDGET_TTL_SECONDS = 2 * 3600;

export function isRemoval(action: PlanAction): action is Removal {
  return action.type === 'suspend' || action.type === 'removeProductAccess' || action.type === 'removeMember';
}

/** Whether the removal may go ahead now; when not, it is held for an admin and the caller skips it. */
export async function mayRemoveNow(env: ProvisioningDeps, subject: ActivityEntry['subject'], action: Removal, label: string): Promise<boolean> {
  const { store } = env.platform;
  const holdKey = connectionKeys.hold(env.connectionId, holdId(subject, action));
  const hold = await store.get(holdKey);
  if (hold && holdSchema.parse(hold.value).approved) {
    await store.delete(holdKey);
    return true;
  }
  const scope = action.type === 'removeMember' ? `group:${action.group.toLowerCase()}` : 'users';
  const base = action.type === 'removeMember' ? ((await siteMembers(env, action.group))?.size ?? 0) : await readCount(env.ctx, 'u');
  const { maxDisableShare, minUsersForThreshold } = env.options.safety;
  const budgetKey = connectionKeys.removalBudget(env.connectionId, Math.floor(env.platform.clock.now() / HOUR_MS), scope);
  const used = ((await store.get<{ count: number }>(budgetKey))?.value.count ?? 0) + 1;
  if (base >= minUsersForThreshold && used > Math.floor(maxDisableShare * base)) {
    if (!hold) await holdRemoval(env, holdKey, subject, action, label, base);
    return false;
  }
  await store.set(budgetKey, { count: used }, { ttlSeconds: BUDGET_TTL_SECONDS });
  return true;
}

export async function listHolds(platform: Pick<Platform, 'store'>, connectionId: string): Promise<RemovalHold[]> {
  const holds: RemovalHold[] = [];
  let cursor: string | undefined;
  do {
    const page = await platform.store.query(connectionKeys.holdPrefix(connectionId), { cursor });
    holds.push(...page.items.map((item) => holdSchema.parse(item.value)));
    cursor = page.cursor;
  } while (cursor);
  return holds;
}

/** Confirm: every held removal is approved, and its user's or group's job queued to apply it. */
export async function confirmHolds(platform: Platform, connectionId: string): Promise<number> {
  const holds = await listHolds(platform, connectionId);
  const ctx = directoryContext(platform, connectionId, 'admin');
  for (const hold of holds) await platform.store.set(connectionKeys.hold(connectionId, hold.id), { ...hold, approved: true });
  const subjects = [...new Map(holds.map((hold) => [`${hold.subject.kind}:${hold.subject.id}`, hold.subject])).values()];
  const ops = subjects.map((subject) => changeOp(ctx, subject.kind === 'group' ? 'group' : 'user', subject.id, ['confirmed']));
  for (let i = 0; i < ops.length; i += 25) await platform.store.transact(ops.slice(i, i + 25));
  await enqueueJobs(platform, connectionId, ctx.changes);
  return holds.length;
}

/** Cancel: the held removals are dropped. The desired state still says remove: the next re-evaluation asks again. */
export async function cancelHolds(platform: Platform, connectionId: string): Promise<number> {
  const holds = await listHolds(platform, connectionId);
  for (const hold of holds) await platform.store.delete(connectionKeys.hold(connectionId, hold.id));
  return holds.length;
}

async function holdRemoval(
  env: ProvisioningDeps,
  key: string,
  subject: ActivityEntry['subject'],
  action: Removal,
  label: string,
  base: number,
): Promise<void> {
  const of = action.type === 'removeMember' ? `the ${base} members of ${action.group}` : `the connection's ${base} users`;
  const reason =
    `${action.reason}; held for an admin's confirmation: more than ${Math.round(env.options.safety.maxDisableShare * 100)}% of ` +
    `${of} would lose access within an hour`;
  const hold: RemovalHold = {
    id: holdId(subject, action),
    subject,
    action: label,
    reason,
    at: new Date(env.platform.clock.now()).toISOString(),
    approved: false,
  };
  await env.platform.store.set(key, hold);
  await recordActivity(env.platform, { connectionId: env.connectionId, actor: 'provisioning', subject, action: label, result: 'held', reason });
}

function holdId(subject: ActivityEntry['subject'], action: Removal): string {
  const group = action.type === 'removeMember' ? action.group.toLowerCase() : '';
  return hashKeyPart(`${subject.kind}\n${subject.id}\n${action.type}\n${group}\n${action.accountId}`);
}
