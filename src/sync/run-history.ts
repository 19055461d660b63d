import type { Platform } from '../platform/ports';
import { MAX_QUERY_LIMIT } from '../platform/store-limits';
import { pullKeys } from '../storage/keys';
import { readPullState } from './pull-state';
import { parseRun, readRun, runStatusOf, type RunStatus } from './run-record';

/** A run's status and progress; without runId, the connection's latest run. */
export async function getRunStatus(platform: Pick<Platform, 'store'>, connectionId: string, runId?: string): Promise<RunStatus | undefined> {
  const id = runId ?? (await readPullState(platform.store, connectionId)).lastRunId;
  const loaded = id === undefined ? undefined : await readRun(platform.store, connectionId, id);
  return loaded && runStatusOf(loaded.run);
}

export interface RunHistoryPage {
  runs: RunStatus[];
  cursor?: string;
}

/** Newest first (run ids sort so); runs expire after RUN_TTL_DAYS. */
export async function listRunHistory(
  platform: Pick<Platform, 'store'>,
  connectionId: string,
  page: { limit?: number; cursor?: string } = {},
): Promise<RunHistoryPage> {
  const limit = Math.min(Math.max(1, page.limit ?? 20), MAX_QUERY_LIMIT);
  const result = await platform.store.query(pullKeys.runPrefix(connectionId), { limit, cursor: page.cursor });
  return { runs: result.items.map((item) => runStatusOf(parseRun(item.value))), ...(result.cursor ? { cursor: result.cursor } : {}) };
}
