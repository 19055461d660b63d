// Which pull connections the five-minute sweep starts a run for: a delta run every intervalMinutes, and one
// full run a day after fullRunHourUtc (the first run of a connection is full too). While a run is open the
// connection is only checked for a lapsed lease (run-recovery.ts).
import { listConnections } from '../connections/connection-repository';
import type { Platform } from '../platform/ports';
import { pullConfigSchema, type PullConfig } from './pull-config';
import { pullKeys } from '../storage/keys';
import { parsePullState, type PullState } from './pull-state';
import { checkOpenRun } from './run-recovery';
import type { RunMode } from './run-record';
import { startRun } from './start-run';

/** The sweep fires every five minutes, give or take: an interval counts as due this much early. */
const SCHEDULE_SLACK_MS = 60_000;
const DAY_MS = 86_400_000;

export interface DueRunsSummary {
  started: number;
  resumed: number;
}

export function dueMode(config: PullConfig, state: PullState, now: number): RunMode | undefined {
  if (!config.enabled) return undefined;
  if ((state.lastFullRunStartedAt ?? -Infinity) < latestDailyHour(now, config.fullRunHourUtc)) return 'full';
  if (config.intervalMinutes === 1440) return undefined;
  const sinceLast = now - (state.lastRunStartedAt ?? -Infinity);
  return sinceLast >= config.intervalMinutes * 60_000 - SCHEDULE_SLACK_MS ? 'delta' : undefined;
}

/** Resumes stalled runs and starts due ones; one connection failing does not keep the others from running. */
export async function startDuePullRuns(platform: Platform): Promise<DueRunsSummary> {
  const summary = { started: 0, resumed: 0 };
  for (const connection of await listConnections(platform.store)) {
    if (connection.method !== 'pull' || !connection.enabled) continue;
    try {
      await sweepConnection(platform, connection.id, summary);
    } catch (error) {
      platform.log.error('pull.sweep_failed', { connectionId: connection.id, error: error instanceof Error ? error.name : 'unknown' });
    }
  }
  return summary;
}

async function sweepConnection(platform: Platform, connectionId: string, summary: DueRunsSummary): Promise<void> {
  const items = await platform.store.getMany([pullKeys.config(connectionId), pullKeys.state(connectionId)]);
  const configItem = items.find((item) => item.key === pullKeys.config(connectionId));
  if (!configItem) return;
  const state = parsePullState(items.find((item) => item.key === pullKeys.state(connectionId))?.value);
  if (state.openRunId) {
    const outcome = await checkOpenRun(platform, connectionId, state.openRunId);
    if (outcome === 'resumed') summary.resumed += 1;
    if (outcome !== 'closed') return;
  }
  const mode = dueMode(pullConfigSchema.parse(configItem.value), state, platform.clock.now());
  if (!mode) return;
  const result = await startRun(platform, connectionId, { mode, trigger: 'schedule' });
  if (result.ok) summary.started += 1;
  else platform.log.info('pull.schedule_refused', { connectionId, reason: result.reason });
}

/** Today's fullRunHourUtc:00, or yesterday's if that is still ahead. */
function latestDailyHour(now: number, hourUtc: number): number {
  const today = new Date(now);
  today.setUTCHours(hourUtc, 0, 0, 0);
  return today.getTime() <= now ? today.getTime() : today.getTime() - DAY_MS;
}
