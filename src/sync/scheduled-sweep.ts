import { acquireLease, releaseLease } from '../platform/lease';
import type { Platform } from '../platform/ports';
import { listConnections } from '../connections/connection-repository';
import { resumeOrStartReevaluation } from '../provisioning/reevaluation';
import { repairPendingProvisioning, type RepairSummary } from '../provisioning/repair';
import { reportStalledDeliveries } from '../records/delivery-failures';
import { startDuePullRuns } from './due-runs';

/** Forge's fiveMinute scheduled trigger; the local runtime runs the sweep on this timer. */
export const SWEEP_INTERVAL_MS = 5 * 60_000;
/** The function's timeout (schedule-fn, 300 s): a run that dies holding the lease blocks others no longer than a run may last. */
const SWEEP_LEASE_MS = 5 * 60_000;

/**
 * One scheduled sweep: re-queue provisioning work left pending, resume stalled pull runs and start due ones.
 * Scheduled runs can be duplicated: only the holder of the `sweep` lease works.
 */
export async function runScheduledSweep(platform: Platform): Promise<void> {
  const lease = await acquireLease(platform.store, platform.clock, 'sweep', platform.random.id(), SWEEP_LEASE_MS);
  if (!lease) {
    platform.log.info('sweep.skipped', { reason: 'lease_held' });
    return;
  }
  try {
    // Pull runs first: the repair pass may wait for the next minute's share of the event quota.
    const pull = await startDuePullRuns(platform);
    const repair = await repairSafely(platform);
    await reportStalledSafely(platform);
    const reevaluations = await reevaluateSafely(platform);
    platform.log.info('sweep.ran', {
      pullRunsStarted: pull.started,
      pullRunsResumed: pull.resumed,
      requeued: repair?.requeued,
      requeueStoppedBy: repair?.stoppedBy,
      ...reevaluations,
    });
  } finally {
    await releaseLease(platform.store, lease);
  }
}

/** Queue messages that failed and were not redelivered within an hour become activity entries. */
async function reportStalledSafely(platform: Platform): Promise<void> {
  try {
    const reported = await reportStalledDeliveries(platform);
    if (reported > 0) platform.log.warn('sweep.deliveries_stalled', { messages: reported });
  } catch (error) {
    platform.log.error('sweep.stalled_report_failed', { error: error instanceof Error ? error.name : 'unknown' });
  }
}

/** Resumes stalled re-evaluations and starts the daily drift check of each enabled connection that is due. */
async function reevaluateSafely(platform: Platform): Promise<{ reevaluationsResumed: number; driftChecksStarted: number }> {
  const counts = { reevaluationsResumed: 0, driftChecksStarted: 0 };
  try {
    for (const connection of await listConnections(platform.store)) {
      if (!connection.enabled) continue;
      const started = await resumeOrStartReevaluation(platform, connection.id);
      if (started === 'resumed') counts.reevaluationsResumed += 1;
      if (started === 'drift') counts.driftChecksStarted += 1;
    }
  } catch (error) {
    platform.log.error('sweep.reevaluation_failed', { error: error instanceof Error ? error.name : 'unknown' });
  }
  return counts;
}

/** A failing repair pass is logged; the next sweep tries again. */
async function repairSafely(platform: Platform): Promise<RepairSummary | undefined> {
  try {
    return await repairPendingProvisioning(platform);
  } catch (error) {
    platform.log.error('sweep.repair_failed', { error: error instanceof Error ? error.name : 'unknown' });
    return undefined;
  }
}
