// How a run ends or waits: every way out saves the run (compare-and-set, so only one writer ends it), updates
// the connection's pull state, writes an activity entry the admin can read, drops the run's scratch records and
// gives the lease back.
import { releaseLease, renewLease } from '../platform/lease';
import { startReevaluation } from '../provisioning/reevaluation';
import type { Platform } from '../platform/ports';
import { deleteRunScratch } from './id-sets';
import { changedAnything, failures, type Progress } from './progress';
import { updatePullState } from './pull-state';
import { recordRunActivity } from './run-activity';
import { CONFIRMATION_WAIT_MS } from './run-limits';
import { readRun, saveRun, type LoadedRun, type Run } from './run-record';

type EndStatus = 'succeeded' | 'failed' | 'cancelled';

/** The run reached `done`. Its watermarks become the next delta's start only if no record failed. */
/** Returns false when the run had changed meanwhile (another writer ended it). */
export async function finishRun(platform: Platform, run: Run, version: number): Promise<boolean> {
  const failed = failures(run.progress);
  const message =
    failed > 0 ? `${summary(run.progress)} ${failed} records failed (see the activity log); the next run tries them again.` : summary(run.progress);
  const ended = await endRun(platform, { run, version }, 'succeeded', message);
  if (!ended) return false;
  if (failed > 0 || changedAnything(run.progress)) await recordRunActivity(platform, run, failed > 0 ? 'failed' : 'applied', message);
  // A full run checks every record, changed or not: the ones it did not change are planned again too.
  if (run.mode === 'full') await startReevaluation(platform, run.connectionId, 'pullRun');
  platform.log.info('pull.run_finished', { connectionId: run.connectionId, runId: run.id, pages: run.progress.pages, failed });
  return true;
}

export async function failRun(platform: Platform, loaded: LoadedRun, message: string): Promise<void> {
  if (!(await endRun(platform, loaded, 'failed', message))) return;
  await recordRunActivity(platform, loaded.run, 'failed', message);
  platform.log.warn('pull.run_failed', { connectionId: loaded.run.connectionId, runId: loaded.run.id });
}

/** Returns false when the run had changed meanwhile (another writer ended or moved it). */
export async function cancelLoadedRun(platform: Platform, loaded: LoadedRun, message: string, actor: 'admin' | 'system'): Promise<boolean> {
  if (!(await endRun(platform, loaded, 'cancelled', message))) return false;
  await recordRunActivity(platform, loaded.run, 'skipped', message, actor);
  return true;
}

/**
 * The safety threshold stopped the run before anything was removed: it keeps its lease (so scheduled runs wait)
 * until an admin confirms or cancels, for at most CONFIRMATION_WAIT_MS.
 */
export async function pauseRun(platform: Platform, run: Run, version: number, message: string): Promise<boolean> {
  const lease = await renewLease(platform.store, platform.clock, run.lease, CONFIRMATION_WAIT_MS);
  if (!lease) return false;
  const saved = await saveRun(platform, { ...run, lease, status: 'needsConfirmation', message }, version);
  if (!saved) {
    await releaseIfEnded(platform, { ...run, lease });
    return false;
  }
  await recordRunActivity(platform, run, 'refused', message);
  platform.log.info('pull.run_awaiting_confirmation', { connectionId: run.connectionId, runId: run.id, usersToRemove: run.scan.usersToRemove });
  return true;
}

async function endRun(platform: Platform, { run, version }: LoadedRun, status: EndStatus, message: string): Promise<boolean> {
  const now = platform.clock.now();
  const saved = await saveRun(platform, { ...run, status, message, finishedAt: new Date(now).toISOString() }, version);
  if (!saved) {
    await releaseIfEnded(platform, run);
    return false;
  }
  await updatePullState(platform.store, run.connectionId, (state) => ({
    ...state,
    openRunId: state.openRunId === run.id ? undefined : state.openRunId,
    ...(status === 'succeeded' ? { lastSuccessAt: now, watermarks: cleanWatermarks(run) ?? state.watermarks } : {}),
  }));
  await deleteScratch(platform, run);
  await releaseLease(platform.store, run.lease);
  return true;
}

/**
 * A save lost to another writer (an admin cancelled, the sweep gave the run up): if that writer ended the run, the
 * lease this caller renewed is given back at once, since the ender could only release the older version it read.
 * Releasing compares versions, so a lease someone renewed since is left alone.
 */
export async function releaseIfEnded(platform: Platform, run: Run): Promise<void> {
  const current = await readRun(platform.store, run.connectionId, run.id);
  if (!current || ENDED.has(current.run.status)) await releaseLease(platform.store, run.lease);
}

const ENDED: ReadonlySet<string> = new Set<EndStatus>(['succeeded', 'failed', 'cancelled']);

function cleanWatermarks(run: Run) {
  const { users, groups } = run.marks;
  if (failures(run.progress) > 0 || !users || !groups) return undefined;
  return { settings: run.settings, users, groups };
}

/** Best effort: scratch records expire by themselves too. */
async function deleteScratch(platform: Platform, run: Run): Promise<void> {
  try {
    await deleteRunScratch(platform.store, run.connectionId, run.id);
  } catch (error) {
    platform.log.warn('pull.scratch_cleanup_failed', { runId: run.id, error: error instanceof Error ? error.name : 'unknown' });
  }
}

function summary({ users, groups, memberships }: Progress): string {
  return (
    `Users: ${users.seen} seen, ${users.created} created, ${users.updated} updated, ${users.disabled} disabled, ` +
    `${users.removed} removed${users.notFound ? `, ${users.notFound} not found in the IdP` : ''}. ` +
    `Groups: ${groups.seen} seen, ${groups.created} created, ${groups.updated} updated, ${groups.removed} removed. ` +
    `Memberships: ${memberships.added} added, ${memberships.removed} removed, ${memberships.skipped} skipped.`
  );
}
