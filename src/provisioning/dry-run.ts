import { listPage } from '../directory/listing';
import { userRecordSchema } from '../directory/model';
import type { Platform } from '../platform/ports';
import type { ProvisioningOptions } from './options';
import { describeAction } from './apply-actions';
import { checkSafety, type PlanAction, type SafetyCheck } from './plan';
import { reconcileUser } from './reconcile-user';
import { provisioningDeps } from './worker-handler';

export type PlannedAction = PlanAction & { /** In the activity log's words, e.g. "add to group sales". */ label: string };

export interface UserPlanPreview {
  userId: string;
  userName: string;
  actions: PlannedAction[];
  failures: string[];
}

export interface DryRunReport {
  /** Users in the connection's directory. */
  totalUsers: number;
  /** Users planned in this report (the first `limit`, by id). */
  planned: UserPlanPreview[];
  /** Actions by type; a group several users' plans create counts once. */
  counts: Partial<Record<PlanAction['type'], number>>;
  safety: SafetyCheck;
}

/**
 * What the engine would do for a connection's users now, without changing anything or writing the activity log:
 * the admin's look before enabling a connection. Reads the Atlassian site, so it is bounded by `limit`.
 */
export async function dryRunConnection(
  platform: Platform,
  connectionId: string,
  limit = 50,
  draft?: ProvisioningOptions,
): Promise<DryRunReport | undefined> {
  const env = await provisioningDeps(platform, connectionId, true);
  if (!env) return undefined;
  // The impact preview of an options save: the same planner, with the options the admin is about to save.
  if (draft) env.options = draft;
  const page = await listPage(env.ctx, 'user', 'name', 1, Math.min(limit, 100), (value) => userRecordSchema.parse(value));
  const planned: UserPlanPreview[] = [];
  let disables = 0;
  for (const record of page.items) {
    const result = await reconcileUser(env, record.id);
    if (result.disablesUser) disables += 1;
    const actions = result.actions.map((action) => ({ ...action, label: describeAction(action) }));
    planned.push({ userId: record.id, userName: record.userName, actions, failures: result.failures });
  }
  const counts: DryRunReport['counts'] = {};
  const groupsCreated = new Set<string>();
  for (const action of planned.flatMap((p) => p.actions)) {
    if (action.type === 'createGroup' && groupsCreated.has(action.group.toLowerCase())) continue;
    if (action.type === 'createGroup') groupsCreated.add(action.group.toLowerCase());
    counts[action.type] = (counts[action.type] ?? 0) + 1;
  }
  return { totalUsers: page.total, planned, counts, safety: checkSafety(disables, page.items.length, env.options) };
}
