// One event of the `pull-sync-pages` queue: one step of a run. The event names the run and the step it
// continues; the step is claimed by renewing the run's lease (of two deliveries of one event, only one gets
// past that), done, and recorded by a compare-and-set of the run record that also moves the step on. So a
// duplicated or stale event does nothing, and a step that failed half-way is redone (directory writes are
// upserts keyed by the IdP's ids, so redoing one writes nothing twice).
import { backoff } from '../platform/backoff';
import { directoryContext } from '../directory/directory-context';
import { IdpError } from '../idp/idp-error';
import { renewLease } from '../platform/lease';
import type { Platform, QueueHandlerResult, QueueMessage } from '../platform/ports';
import { queueRefusal } from '../platform/queue-errors';
import { pushJobsWithin } from '../provisioning/jobs';
import { buildConnector } from './build-connector';
import { addProgress } from './progress';
import { pullConfigSchema, settingsFingerprint, type PullConfig } from './pull-config';
import { pullKeys } from '../storage/keys';
import { pageEventSchema, pushPageEvent, type PageEvent } from './pull-queue';
import { recordItemFailures, runLabel } from './run-activity';
import { failRun, finishRun, pauseRun, releaseIfEnded } from './run-lifecycle';
import { CHAIN_PUSH_BUDGET, RUN_LEASE_MS, STEP_JOB_PUSHES, STEP_TIME_BUDGET_MS } from './run-limits';
import { parseRun, saveRun, type LoadedRun, type Run } from './run-record';
import { runStep } from './run-steps';

const MAX_RETRY_SECONDS = 900;

interface ClaimedStep extends LoadedRun {
  config: PullConfig;
}

export async function handlePullPage(platform: Platform, message: QueueMessage): Promise<QueueHandlerResult> {
  const event = pageEventSchema.safeParse(message.body);
  if (!event.success) {
    platform.log.warn('pull.page_invalid', { eventId: message.eventId });
    return;
  }
  const claimed = await claimStep(platform, event.data);
  if (!claimed) return;
  try {
    await advance(platform, claimed);
  } catch (error) {
    return answerFailure(platform, claimed, error, message.retryCount);
  }
}

async function claimStep(platform: Platform, event: PageEvent): Promise<ClaimedStep | undefined> {
  const { connectionId, runId, step } = event;
  const items = await platform.store.getMany([pullKeys.run(connectionId, runId), pullKeys.config(connectionId)]);
  const runItem = items.find((item) => item.key === pullKeys.run(connectionId, runId));
  const configItem = items.find((item) => item.key === pullKeys.config(connectionId));
  const run = runItem && parseRun(runItem.value);
  if (!runItem || !run || run.status !== 'running' || run.step !== step) {
    platform.log.info('pull.page_stale', { connectionId, runId, step, status: run?.status, runStep: run?.step });
    return undefined;
  }
  const lease = await renewLease(platform.store, platform.clock, run.lease, RUN_LEASE_MS);
  if (!lease) {
    platform.log.info('pull.page_stale', { connectionId, runId, step, reason: 'lease' });
    return undefined;
  }
  const loaded = { run: { ...run, lease }, version: runItem.version };
  const config = configItem && pullConfigSchema.parse(configItem.value);
  if (!config || settingsFingerprint(config) !== run.settings) {
    const message = 'The connection’s IdP settings changed or were removed during the run, so it stopped. The next run uses the new settings.';
    await failRun(platform, loaded, message);
    return undefined;
  }
  return { ...loaded, config };
}

async function advance(platform: Platform, { run, version, config }: ClaimedStep): Promise<void> {
  const ctx = directoryContext(platform, run.connectionId, 'pull');
  const connector = buildConnector(platform, run.connectionId, config);
  const result = await runStep({ platform, run, config, connector, ctx, deadline: platform.clock.now() + STEP_TIME_BUDGET_MS });
  const jobPushes = await pushJobsWithin(platform, run.connectionId, ctx.changes, Math.min(STEP_JOB_PUSHES, CHAIN_PUSH_BUDGET - run.chainPushes - 1));
  const progress = addProgress(run.progress, result.progress);
  progress.pages += 1;
  if (result.usersSeen !== undefined) progress.users.seen = result.usersSeen;
  const countedUntil = new Date(platform.clock.now()).toISOString();
  const chainPushes = run.chainPushes + jobPushes;
  const next: Run = { ...run, ...result.fields, progress, countedUntil, step: run.step + 1, recoveries: 0, chainPushes };
  // Records that failed are logged once the step is saved: a step redone after a failed save logs them once.
  const logFailures = () => recordItemFailures(platform, run.connectionId, runLabel(run), result.failures);
  if (result.pause) {
    if (await pauseRun(platform, next, version, result.pause)) await logFailures();
    return;
  }
  if (next.position.phase === 'done') {
    if (await finishRun(platform, next, version)) await logFailures();
    return;
  }
  // The next step must fit the chain: its page event, its job pushes, and the event after it.
  if (chainPushes + 1 + STEP_JOB_PUSHES + 1 > CHAIN_PUSH_BUDGET) {
    if (!(await saveRun(platform, { ...next, awaitsSweep: 'chainLimit' }, version))) return superseded(platform, run);
    await logFailures();
    platform.log.info('pull.chain_handover', { connectionId: run.connectionId, runId: run.id, step: next.step, chainPushes });
    return;
  }
  const saved = await saveRun(platform, { ...next, chainPushes: chainPushes + 1 }, version);
  if (!saved) return superseded(platform, run);
  await pushNextPage(platform, saved);
  await logFailures();
  platform.log.info('pull.page_done', { connectionId: run.connectionId, runId: run.id, step: run.step, phase: next.position.phase });
}

/** A push Forge refuses (event quota, chain limit) leaves the run to the sweep, which continues it in a fresh chain. */
async function pushNextPage(platform: Platform, { run, version }: LoadedRun): Promise<void> {
  try {
    await pushPageEvent(platform, { connectionId: run.connectionId, runId: run.id, step: run.step });
  } catch (error) {
    const refusal = queueRefusal(error);
    if (!refusal) throw error;
    await saveRun(platform, { ...run, awaitsSweep: refusal }, version);
    platform.log.info('pull.chain_handover', { connectionId: run.connectionId, runId: run.id, step: run.step, reason: refusal });
  }
}

/**
 * Throttling and outages are waited out by redelivery; the IdP refusing the credentials or the settings ends the
 * run with the connector's message (it says what to fix). Anything else is thrown, for the queue to redeliver.
 * Either way the renewed lease is saved first, so that the redelivery can claim the step.
 */
async function answerFailure(platform: Platform, claimed: ClaimedStep, error: unknown, retryCount: number): Promise<QueueHandlerResult> {
  const { run, version } = claimed;
  if (error instanceof IdpError) {
    const retryAfterSeconds = retryDelaySeconds(error, retryCount);
    if (retryAfterSeconds === undefined) {
      await failRun(platform, claimed, `${error.message} The run stopped; fix this and synchronize again.`);
      return;
    }
    if (!(await saveRun(platform, run, version))) return superseded(platform, run);
    platform.log.info('pull.page_retry', { connectionId: run.connectionId, runId: run.id, kind: error.kind, retryAfterSeconds });
    return { retryAfterSeconds, reason: `The IdP answered ${error.kind}` };
  }
  const saved = await saveRun(platform, run, version).catch(() => 'unknown' as const);
  if (!saved) await releaseIfEnded(platform, run);
  throw error;
}

function retryDelaySeconds(error: IdpError, retryCount: number): number | undefined {
  switch (error.kind) {
    case 'rateLimited':
      return backoff(retryCount, { first: 60, max: MAX_RETRY_SECONDS });
    case 'transient':
      return backoff(retryCount, { first: 15, max: MAX_RETRY_SECONDS });
    case 'invalidResponse':
      return retryCount < 2 ? 30 : undefined;
    default:
      return undefined;
  }
}

/** The run was cancelled while this step ran: the lease this step renewed is given back at once. */
async function superseded(platform: Platform, run: Run): Promise<void> {
  await releaseIfEnded(platform, run);
  platform.log.info('pull.page_superseded', { connectionId: run.connectionId, runId: run.id, step: run.step });
}
