import { renewLease } from '../platform/lease';
import type { Platform } from '../platform/ports';
import { pushPageEvent } from './pull-queue';
import { refuse, type Refusal } from './refusal';
import { recordRunActivity } from './run-activity';
import { cancelLoadedRun, releaseIfEnded } from './run-lifecycle';
import { RUN_LEASE_MS } from './run-limits';
import { readRun, runStatusOf, saveRun, type RunStatus } from './run-record';

export type RunActionResult = { ok: true; run: RunStatus } | Refusal;

const CANCEL_ATTEMPTS = 3;
const noSuchRun = () => refuse('notFound', 'There is no such run (runs are kept for 30 days).');

/** An admin confirms the removals a full run stopped before (the safety threshold): the run goes on. */
export async function confirmRun(platform: Platform, connectionId: string, runId: string): Promise<RunActionResult> {
  const loaded = await readRun(platform.store, connectionId, runId);
  if (!loaded) return noSuchRun();
  const { run, version } = loaded;
  if (run.status !== 'needsConfirmation') return refuse('notWaiting', `This run is not waiting for confirmation: it is ${run.status}.`);
  const lease = await renewLease(platform.store, platform.clock, run.lease, RUN_LEASE_MS);
  if (!lease) return refuse('expired', 'This run waited too long and was given up; start a new full run.');
  const message = `Confirmed by an admin: removing ${run.scan.usersToRemove} users and ${run.scan.groupsToRemove} groups.`;
  const next = { ...run, lease, status: 'running' as const, step: run.step + 1, message, chainPushes: 1 };
  if (!(await saveRun(platform, next, version))) {
    await releaseIfEnded(platform, next);
    return refuse('notWaiting', 'The run changed meanwhile; reload it.');
  }
  await recordRunActivity(platform, run, 'accepted', message, 'admin');
  await pushPageEvent(platform, { connectionId, runId, step: next.step });
  return { ok: true, run: runStatusOf(next) };
}

/**
 * Ends a running or waiting run. What it applied so far stays; a waiting run removes nothing. A step in flight
 * finds the run cancelled when it saves, and stops there.
 */
export async function cancelRun(platform: Platform, connectionId: string, runId: string): Promise<RunActionResult> {
  for (let attempt = 0; attempt < CANCEL_ATTEMPTS; attempt++) {
    const loaded = await readRun(platform.store, connectionId, runId);
    if (!loaded) return noSuchRun();
    const { run } = loaded;
    if (run.status !== 'running' && run.status !== 'needsConfirmation')
      return refuse('notWaiting', `This run has already ended: it is ${run.status}.`);
    const message =
      run.status === 'needsConfirmation'
        ? 'Cancelled by an admin: nothing was removed.'
        : `Cancelled by an admin in the ${run.position.phase} phase; what the run applied so far stays.`;
    if (await cancelLoadedRun(platform, loaded, message, 'admin')) return { ok: true, run: runStatusOf({ ...run, status: 'cancelled', message }) };
  }
  return refuse('inProgress', 'The run kept changing while it was being cancelled; try again.');
}
