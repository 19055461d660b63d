import { backoff } from '../platform/backoff';
import { TargetError } from '../atlassian/target';
import { buildAtlassianTarget } from '../atlassian/target-factory';
import { getConnection } from '../connections/connection-repository';
import { changeOp, directoryContext } from '../directory/directory-context';
import { listGroupMembers } from '../directory/memberships';
import type { Platform, QueueHandlerResult, QueueMessage } from '../platform/ports';
import { completeChange, getChange } from '../records/change-records';
import { enqueueJobs, provisioningJobSchema, type ProvisioningJob } from './jobs';
import { loadProvisioningOptions } from './options-store';
import { activity, type ProvisioningDeps } from './provisioning-deps';
import { reconcileGroup } from './reconcile-group';
import { reconcileUser } from './reconcile-user';
import { handleReevaluationBatch, reevaluationEventSchema } from './reevaluation';

/** The wait for a retry when Atlassian did not say how long, in seconds. */
const RETRY_BACKOFF_SECONDS = { first: 5, max: 900 };

/**
 * One message of the `provisioning-jobs` queue: reconcile the subject its change record names, then delete the
 * record (only if no newer change replaced it meanwhile). Rate limits and outages ask the queue to redeliver;
 * permanent failures are recorded on the record's sync state and in the activity log, and the change is done.
 */
export async function handleProvisioningJob(platform: Platform, message: QueueMessage): Promise<QueueHandlerResult> {
  const reevaluation = reevaluationEventSchema.safeParse(message.body);
  if (reevaluation.success) {
    const env = await provisioningDeps(platform, reevaluation.data.connectionId);
    return env ? handleReevaluationBatch(env, reevaluation.data) : undefined;
  }
  const parsed = provisioningJobSchema.safeParse(message.body);
  if (!parsed.success) {
    platform.log.warn('provisioning.bad_job', { eventId: message.eventId });
    return;
  }
  const job = parsed.data;
  const change = await getChange(platform.store, job.connectionId, job.kind, job.subjectId);
  if (!change) return;
  const connection = await getConnection(platform.store, job.connectionId);
  if (!connection) {
    await completeChange(platform.store, change);
    return;
  }
  if (!connection.enabled) {
    // The change stays pending: the sweep queues it again once the connection is enabled.
    platform.log.info('provisioning.connection_disabled', { connectionId: job.connectionId, kind: job.kind });
    return;
  }
  const env = await buildProvisioningEnv(platform, connection.id, false);
  try {
    await reconcile(env, job);
    await completeChange(platform.store, change);
    return;
  } catch (error) {
    if (error instanceof TargetError && error.retryable) {
      platform.log.info('provisioning.retry', {
        connectionId: job.connectionId,
        kind: job.kind,
        status: error.status,
        retryCount: message.retryCount,
      });
      return {
        retryAfterSeconds: error.retryAfterSeconds ?? Math.max(1, Math.round(backoff(message.retryCount, RETRY_BACKOFF_SECONDS, platform.random))),
        reason: error.kind,
      };
    }
    const reason = error instanceof Error ? error.message : String(error);
    await activity(env, { kind: job.kind, id: job.subjectId }, 'provision', 'failed', reason);
    platform.log.warn('provisioning.failed', {
      connectionId: job.connectionId,
      kind: job.kind,
      error: error instanceof Error ? error.name : 'unknown',
    });
    await completeChange(platform.store, change);
  }
}

async function reconcile(env: ProvisioningDeps, job: ProvisioningJob): Promise<void> {
  switch (job.kind) {
    case 'user':
      await reconcileUser(env, job.subjectId);
      return;
    case 'membership':
      // A membership changes the user's groups: reconcile the user, who holds all of them.
      await reconcileUser(env, job.subjectId.split(':')[1]);
      return;
    case 'group': {
      const renamed = await reconcileGroup(env, job.subjectId);
      if (renamed) await requeueMembers(env, job.subjectId);
    }
  }
}

/** After a rename every member's groups change: one user job each, written as change records first. */
async function requeueMembers(env: ProvisioningDeps, groupId: string): Promise<void> {
  const ctx = directoryContext(env.platform, env.connectionId, 'admin');
  let cursor: string | undefined;
  do {
    const page = await listGroupMembers(env.ctx, groupId, { cursor });
    const ops = page.members.map((m) => changeOp(ctx, 'user', m.userId, ['groups']));
    if (ops.length > 0) await env.platform.store.transact(ops);
    cursor = page.cursor;
  } while (cursor);
  await enqueueJobs(env.platform, env.connectionId, ctx.changes);
}

export async function provisioningDeps(platform: Platform, connectionId: string, preview = false): Promise<ProvisioningDeps | undefined> {
  if (!(await getConnection(platform.store, connectionId))) return undefined;
  return buildProvisioningEnv(platform, connectionId, preview);
}

async function buildProvisioningEnv(platform: Platform, connectionId: string, preview: boolean): Promise<ProvisioningDeps> {
  const [options, target] = await Promise.all([loadProvisioningOptions(platform.store, connectionId), buildAtlassianTarget(platform)]);
  return {
    platform,
    connectionId,
    ctx: directoryContext(platform, connectionId, 'scim'),
    target,
    options,
    dryRun: preview || options.dryRun,
    recordPlan: !preview,
    groups: new Map(),
  };
}
