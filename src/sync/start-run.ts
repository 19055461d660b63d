import { acquireLease } from '../platform/lease';
import type { Platform } from '../platform/ports';
import { firstListing } from './listing-steps';
import { MINIORANGE_RUN_MESSAGE } from './platform-notes';
import { emptyProgress } from './progress';
import { settingsFingerprint, type PullConfig } from './pull-config';
import { pullLeaseName } from '../storage/keys';
import { queueRefusal } from '../platform/queue-errors';
import { pushPageEvent } from './pull-queue';
import { loadPullSetup } from './pull-setup';
import { readPullState, updatePullState, type PullState } from './pull-state';
import { refuse, type Refusal } from './refusal';
import { closeAbandonedRun } from './run-recovery';
import { RUN_LEASE_MS } from './run-limits';
import {
  newRunId,
  readRun,
  runStatusOf,
  saveRun,
  type Marks,
  type Position,
  type Run,
  type RunMode,
  type RunStatus,
  type RunTrigger,
} from './run-record';

export interface StartRunOptions {
  mode: RunMode;
  trigger: RunTrigger;
}

export type StartRunResult = { ok: true; run: RunStatus; message: string } | Refusal;

/**
 * Starts a run: takes the connection's pull lease (a second start, or a duplicated scheduled trigger, is refused
 * while a run holds it), saves the run and queues its first step. A delta run needs the watermarks of an earlier
 * run that ended cleanly with the same IdP settings; without them it runs as a full run.
 */
export async function startRun(platform: Platform, connectionId: string, options: StartRunOptions): Promise<StartRunResult> {
  const setup = await loadPullSetup(platform, connectionId);
  if (!setup.ok) return setup;
  const state = await readPullState(platform.store, connectionId);
  const plan = planRun(setup.config, state, options.mode);
  const runId = newRunId(platform);
  const lease = await acquireLease(platform.store, platform.clock, pullLeaseName(connectionId), runId, RUN_LEASE_MS);
  if (!lease) return refuseBusy(platform, connectionId);
  if (state.openRunId) await closeAbandonedRun(platform, connectionId, state.openRunId);

  const now = platform.clock.now();
  const at = new Date(now).toISOString();
  const run: Run = {
    id: runId,
    connectionId,
    mode: plan.mode,
    trigger: options.trigger,
    status: 'running',
    step: 0,
    position: plan.position,
    since: plan.since,
    marks: {},
    settings: settingsFingerprint(setup.config),
    sets: { users: 0, groups: 0, doomedUsers: 0, doomedGroups: 0 },
    scan: { totalUsers: 0, usersToRemove: 0, totalGroups: 0, groupsToRemove: 0 },
    progress: emptyProgress(),
    lease,
    recoveries: 0,
    chainPushes: 1,
    startedAt: at,
    countedUntil: at,
    updatedAt: at,
  };
  const saved = await saveRun(platform, run);
  await updatePullState(platform.store, connectionId, (current) => ({
    ...current,
    openRunId: runId,
    lastRunId: runId,
    lastRunStartedAt: now,
    ...(plan.mode === 'full' ? { lastFullRunStartedAt: now } : {}),
  }));
  try {
    await pushPageEvent(platform, { connectionId, runId, step: 0 });
  } catch (error) {
    // The run is saved and holds its lease: the sweep continues it at its next turn when Forge refused the push
    // for a limit, else once the lease lapses.
    const refusal = queueRefusal(error);
    if (refusal && saved) await saveRun(platform, { ...saved.run, awaitsSweep: refusal }, saved.version);
    platform.log.warn('pull.push_failed', { connectionId, runId, error: error instanceof Error ? error.name : 'unknown' });
  }
  platform.log.info('pull.run_started', { connectionId, runId, mode: plan.mode, trigger: options.trigger });
  return { ok: true, run: runStatusOf(run), message: plan.message };
}

/** "Synchronize now" on the admin page. */
export function synchronizeNow(platform: Platform, connectionId: string, mode: RunMode = 'full'): Promise<StartRunResult> {
  return startRun(platform, connectionId, { mode, trigger: 'manual' });
}

interface RunPlan {
  mode: RunMode;
  position: Position;
  since: Marks;
  message: string;
}

function planRun(config: PullConfig, state: PullState, requested: RunMode): RunPlan {
  if (config.provider === 'miniorange') return { mode: requested, position: { phase: 'refresh' }, since: {}, message: MINIORANGE_RUN_MESSAGE };
  const watermarks = state.watermarks?.settings === settingsFingerprint(config) ? state.watermarks : undefined;
  const users = firstListing(config);
  if (requested === 'delta' && watermarks) {
    const message = 'Delta run: only users and groups changed since the last complete run.';
    return { mode: 'delta', position: users, since: { users: watermarks.users, groups: watermarks.groups }, message };
  }
  const full = 'Full run: every user and group the IdP lists, then users and groups that disappeared are removed.';
  const message = requested === 'delta' ? `No earlier complete run with these settings to start from, so this is a full run. ${full}` : full;
  return { mode: 'full', position: users, since: {}, message };
}

async function refuseBusy(platform: Platform, connectionId: string): Promise<Refusal> {
  const { openRunId } = await readPullState(platform.store, connectionId);
  const open = openRunId ? (await readRun(platform.store, connectionId, openRunId))?.run : undefined;
  if (open?.status === 'needsConfirmation') {
    return refuse(
      'awaitingConfirmation',
      `The full run started at ${open.startedAt} is waiting for an admin to confirm removing ${open.scan.usersToRemove} users. Confirm or cancel it first.`,
    );
  }
  if (open?.status === 'running') {
    return refuse(
      'inProgress',
      `A ${open.mode} run started at ${open.startedAt} is in progress (${open.position.phase}, ${open.progress.pages} pages done). ` +
        'Wait for it to finish, or cancel it.',
    );
  }
  return refuse('inProgress', 'Another run of this connection is starting; try again in a moment.');
}
