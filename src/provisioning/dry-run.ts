import { listPage } from '../directory/listing';
import { userRecordSchema } from '../directory/records';
import type { Platform } from '../platform/ports';
import { checkSafety, type PlanAction, type SafetyCheck } from './plan';
import { reconcileUser } from './reconcile-user';
import { provisioningEnv } from './worker-handler';

export interface UserPlanPreview {
  userId: string;
  userName: string;
  actions: PlanAction[];
  failures: string[];
}

export interface DryRunReport {
  /** Users in the connection's directory. */
  totalUsers: number;
  /** Users planned in this report (the first `limit`, by id). */
  planned: UserPlanPreview[];
  counts: Record<PlanAction['type'], number>;
  safety: SafetyCheck;
}

/**
 * What the engine would do for a connection's users now, without changing anything or writing the activity log:
 * the admin's look before enabling a connection. Reads the Atlassian site, so it is bounded by `limit`.
 */
export async function dryRunConnection(platform: Platform, connectionId: string, limit = 50): Promise<DryRunReport | undefined> {
  const env = await provisioningEnv(platform, connectionId, true);
  if (!env) return undefined;
  const page = await listPage(env.ctx, 'user', 'name', 1, Math.min(limit, 100), (value) => userRecordSchema.parse(value));
  const planned: UserPlanPreview[] = [];
  let disables = 0;
  for (const record of page.items) {
    const result = await reconcileUser(env, record.id);
    if (result.disablesUser) disables += 1;
    planned.push({ userId: record.id, userName: record.userName, actions: result.actions, failures: result.failures });
  }
  const counts = {} as Record<PlanAction['type'], number>;
  for (const action of planned.flatMap((p) => p.actions)) counts[action.type] = (counts[action.type] ?? 0) + 1;
  return { totalUsers: page.total, planned, counts, safety: checkSafety(disables, page.items.length, env.options) };
}
