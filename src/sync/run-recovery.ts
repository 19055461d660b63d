// Runs whose lease lapsed: a step died with its process, or the event was lost, or redeliveries ran out. The
// sweep resumes such a run from its saved position (with a new step number, so that a late redelivery of the
// old event does nothing), up to MAX_RECOVERIES times without progress in between; then it fails the run.
import { acquireLease, releaseLease, renewLease } from '../platform/lease';
import { queueRefusal } from '../platform/queue-errors';
import type { Platform } from '../platform/ports';
import { pullLeaseName } from '../storage/keys';
import { pushPageEvent } from './pull-queue';
import { cancelLoadedRun, failRun } from './run-lifecycle';
import { MAX_RECOVERIES, RUN_LEASE_MS } from './run-limits';
import { readRun, saveRun, type LoadedRun, type Run } from './run-record';

export type OpenRunOutcome = 'active' | 'resumed' | 'closed';

const EXPIRED_WAIT = 'Nobody confirmed this run within 7 days, so it was cancelled; nothing was removed.';
const isOpen = (run: Run) => run.status === 'running' || run.status === 'needsConfirmation';

/** The sweep's look at a connection's open run: still going (or waiting), resumed now, or over. */
export async function checkOpenRun(platform: Platform, connectionId: string, runId: string): Promise<OpenRunOutcome> {
  const loaded = await readRun(platform.store, connectionId, runId);
  if (!loaded || !isOpen(loaded.run)) return 'closed';
  const { run, version } = loaded;
  if (run.status === 'running' && run.awaitsSweep && (await continueInFreshChain(platform, loaded))) return 'resumed';
  if (run.lease.expiresAt > platform.clock.now()) return 'active';
  // The saved expiry can be older than the lease's (a step renewed it and died before saving): the lease decides.
  const lease = await acquireLease(platform.store, platform.clock, pullLeaseName(connectionId), run.id, RUN_LEASE_MS);
  if (!lease) return 'active';
  const taken = { run: { ...run, lease }, version };
  if (run.status === 'needsConfirmation') {
    await cancelLoadedRun(platform, taken, EXPIRED_WAIT, 'system');
    return 'closed';
  }
  if (run.recoveries >= MAX_RECOVERIES) {
    const minutes = RUN_LEASE_MS / 60_000;
    await failRun(
      platform,
      taken,
      `The run made no progress for ${minutes} minutes, ${MAX_RECOVERIES + 1} times in a row, so it stopped. The next run starts over.`,
    );
    return 'closed';
  }
  const next = { ...run, lease, recoveries: run.recoveries + 1, step: run.step + 1, chainPushes: 1, awaitsSweep: undefined };
  if (!(await saveRun(platform, next, version))) {
    await releaseLease(platform.store, lease);
    return 'active';
  }
  await pushPageEvent(platform, { connectionId, runId, step: next.step });
  platform.log.warn('pull.run_resumed', { connectionId, runId, step: next.step, recoveries: next.recoveries });
  return 'resumed';
}

/** A new run took the lease over from this open run (its lease had lapsed): that run is ended, not left open. */
export async function closeAbandonedRun(platform: Platform, connectionId: string, runId: string): Promise<void> {
  const loaded = await readRun(platform.store, connectionId, runId);
  if (!loaded || !isOpen(loaded.run)) return;
  if (loaded.run.status === 'needsConfirmation') await cancelLoadedRun(platform, loaded, EXPIRED_WAIT, 'system');
  else await failRun(platform, loaded, 'The run stopped making progress and a newer run took over.');
}

/**
 * A run that stopped pushing its next event near its chain's limit (or on a refused push) goes on from the sweep,
 * a fresh chain, at its next step. False when its lease is no longer its own (the lapsed-lease path takes over).
 */
async function continueInFreshChain(platform: Platform, { run, version }: LoadedRun): Promise<boolean> {
  const lease = await renewLease(platform.store, platform.clock, run.lease, RUN_LEASE_MS);
  if (!lease) return false;
  const next = { ...run, lease, step: run.step + 1, chainPushes: 1, awaitsSweep: undefined };
  const saved = await saveRun(platform, next, version);
  if (!saved) return false;
  try {
    await pushPageEvent(platform, { connectionId: run.connectionId, runId: run.id, step: next.step });
  } catch (error) {
    const refusal = queueRefusal(error);
    if (!refusal) throw error;
    await saveRun(platform, { ...saved.run, awaitsSweep: refusal }, saved.version);
    return false;
  }
  platform.log.info('pull.run_continued', { connectionId: run.connectionId, runId: run.id, step: next.step, after: run.awaitsSweep });
  return true;
}
