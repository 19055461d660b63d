import { z } from 'zod';
import { TargetError } from '../atlassian/target';
import { readCount } from '../directory/counters';
import { directoryContext } from '../directory/directory-context';
import type { Platform, QueueHandlerResult } from '../platform/ports';
import { ConditionFailedError } from '../platform/store-errors';
import { connectionKeys } from '../storage/keys';
import { PROVISIONING_QUEUE } from './jobs';
import { loadProvisioningOptions } from './options-store';
import type { ProvisioningDeps } from './provisioning-deps';
import { reconcileGroup } from './reconcile-group';
import { reconcileUser } from './reconcile-user';

// Re-evaluation: every user and group of a connection planned again against the site, after a change that can move
// the desired state without the IdP sending anything (options saved, dry run off, the connection enabled, new
// Atlassian credentials, the end of a full pull run), and for the drift check. It runs through the provisioning
// queue one batch per event, keeps its cursor and counts in one record per connection, and is idempotent like
// every job: a duplicated or redelivered batch plans again and changes nothing more. A newer start supersedes a
// run under way (the newer state is what counts); the five-minute sweep resumes a run whose events were lost.

export const REEVALUATION_REASONS = ['options', 'dryRunOff', 'enabled', 'credentials', 'pullRun', 'drift', 'confirmed'] as const;
export type ReevaluationReason = (typeof REEVALUATION_REASONS)[number];

/** Users (or groups) planned per queue event: a few Atlassian calls each keeps one event well inside Forge's limit. */
export const REEVALUATION_BATCH = 20;
/** A running re-evaluation whose record has not moved for this long lost its event: the sweep pushes it again. */
export const REEVALUATION_STALL_MS = 5 * 60_000;
export const DRIFT_CHECK_INTERVAL_MS = 24 * 60 * 60_000;

const runSchema = z.object({
  id: z.string(),
  reason: z.enum(REEVALUATION_REASONS),
  /** report: plan and log the differences (as 'planned'), change nothing (drift check in report-only mode). */
  mode: z.enum(['apply', 'report']),
  /** Whether the site itself is read for what the app manages (memberships, suspension), not only the app's records. */
  readSite: z.boolean(),
  status: z.enum(['running', 'done']),
  phase: z.enum(['users', 'groups']),
  cursor: z.string().optional(),
  total: z.number().int(),
  done: z.number().int(),
  /** Users whose plan held at least one change (applied, planned or held). */
  changed: z.number().int(),
  failed: z.number().int(),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
  /** When the last drift check started (kept across runs, for the daily schedule). */
  lastDriftCheckAt: z.string().optional(),
});
export type Reevaluation = z.infer<typeof runSchema>;

export const reevaluationEventSchema = z.object({ type: z.literal('reevaluate'), connectionId: z.string(), runId: z.string() });

export async function getReevaluation(platform: Pick<Platform, 'store'>, connectionId: string): Promise<Reevaluation | undefined> {
  const item = await platform.store.get(connectionKeys.reevaluation(connectionId));
  return item ? runSchema.parse(item.value) : undefined;
}

/** Starts (or restarts from the beginning) the connection's re-evaluation and queues its first batch. */
export async function startReevaluation(
  platform: Platform,
  connectionId: string,
  reason: ReevaluationReason,
  options: { mode?: Reevaluation['mode'] } = {},
): Promise<Reevaluation> {
  const ctx = directoryContext(platform, connectionId, 'admin');
  const [previous, users, groups] = await Promise.all([getReevaluation(platform, connectionId), readCount(ctx, 'u'), readCount(ctx, 'g')]);
  const now = new Date(platform.clock.now()).toISOString();
  const run: Reevaluation = {
    id: platform.random.id(),
    reason,
    mode: options.mode ?? 'apply',
    readSite: reason === 'drift',
    status: 'running',
    phase: 'users',
    total: users + groups,
    done: 0,
    changed: 0,
    failed: 0,
    startedAt: now,
    updatedAt: now,
    ...(reason === 'drift' ? { lastDriftCheckAt: now } : previous?.lastDriftCheckAt ? { lastDriftCheckAt: previous.lastDriftCheckAt } : {}),
  };
  await platform.store.set(connectionKeys.reevaluation(connectionId), run);
  await pushBatch(platform, connectionId, run.id);
  platform.log.info('reevaluation.started', { connectionId, reason, total: run.total });
  return run;
}

/** The sweep's part: resume stalled runs, and start the daily drift check when it is due. */
export async function resumeOrStartReevaluation(platform: Platform, connectionId: string): Promise<'resumed' | 'drift' | undefined> {
  const run = await getReevaluation(platform, connectionId);
  const now = platform.clock.now();
  if (run?.status === 'running') {
    if (now - Date.parse(run.updatedAt) < REEVALUATION_STALL_MS) return undefined;
    await pushBatch(platform, connectionId, run.id);
    return 'resumed';
  }
  if (run?.lastDriftCheckAt && now - Date.parse(run.lastDriftCheckAt) < DRIFT_CHECK_INTERVAL_MS) return undefined;
  await startDriftCheck(platform, connectionId);
  return 'drift';
}

/** The drift check, in the mode the connection's options choose (repair, or report only). */
export async function startDriftCheck(platform: Platform, connectionId: string, mode?: Reevaluation['mode']): Promise<Reevaluation> {
  const options = await loadProvisioningOptions(platform.store, connectionId);
  return startReevaluation(platform, connectionId, 'drift', { mode: mode ?? (options.driftRepair === 'report' ? 'report' : 'apply') });
}

/**
 * One batch: plan (and apply) the next REEVALUATION_BATCH users or groups, then save the cursor and queue the next
 * batch. A rate limit or outage asks the queue to deliver this batch again; the batch is planned again then.
 */
export async function handleReevaluationBatch(env: ProvisioningDeps, event: z.infer<typeof reevaluationEventSchema>): Promise<QueueHandlerResult> {
  const { platform } = env;
  const key = connectionKeys.reevaluation(event.connectionId);
  const item = await platform.store.get(key);
  if (!item) return;
  const run = runSchema.parse(item.value);
  if (run.id !== event.runId || run.status !== 'running') return;
  const batchEnv: ProvisioningDeps = { ...env, readSite: run.readSite, ...(run.mode === 'report' ? { dryRun: true, recordPlan: true } : {}) };
  const prefix = run.phase === 'users' ? env.ctx.keys.userPrefix : env.ctx.keys.groupPrefix;
  const page = await platform.store.query<{ id: string }>(prefix, { cursor: run.cursor, limit: REEVALUATION_BATCH });
  let changed = 0;
  let failed = 0;
  try {
    for (const { value } of page.items) {
      if (run.phase === 'groups') {
        await reconcileGroup(batchEnv, value.id);
        continue;
      }
      const result = await reconcileUser(batchEnv, value.id);
      if (result.actions.some((action) => action.type !== 'skip')) changed += 1;
      if (result.failures.length > 0) failed += 1;
    }
  } catch (error) {
    if (error instanceof TargetError && error.retryable) {
      return { retryAfterSeconds: error.retryAfterSeconds ?? 30, reason: error.kind };
    }
    throw error;
  }
  const next = advance(run, page.items.length, page.cursor, changed, failed, new Date(platform.clock.now()).toISOString());
  try {
    await platform.store.transact([{ op: 'set', key, value: next, ifVersion: item.version }]);
  } catch (error) {
    // Another delivery of this batch (or a newer run) moved the record first: it queues what follows.
    if (error instanceof ConditionFailedError) return;
    throw error;
  }
  if (next.status === 'running') await pushBatch(platform, event.connectionId, run.id);
  else platform.log.info('reevaluation.finished', { connectionId: event.connectionId, reason: run.reason, done: next.done, changed: next.changed });
}

function advance(run: Reevaluation, count: number, cursor: string | undefined, changed: number, failed: number, now: string): Reevaluation {
  const moved = { ...run, done: run.done + count, changed: run.changed + changed, failed: run.failed + failed, updatedAt: now };
  if (cursor) return { ...moved, cursor };
  if (run.phase === 'users') return { ...moved, phase: 'groups', cursor: undefined };
  return { ...moved, cursor: undefined, status: 'done', finishedAt: now, total: Math.max(moved.done, run.total) };
}

/** A refused push (Forge's event quota) loses nothing: the run's record stays running and the sweep pushes it again. */
async function pushBatch(platform: Pick<Platform, 'queue' | 'log'>, connectionId: string, runId: string): Promise<void> {
  try {
    await platform.queue.push(PROVISIONING_QUEUE, [{ body: { type: 'reevaluate', connectionId, runId } }]);
  } catch (error) {
    platform.log.warn('reevaluation.push_failed', { connectionId, error: error instanceof Error ? error.name : 'unknown' });
  }
}
