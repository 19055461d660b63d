// Per connection: which run is open, when runs last started (for the schedule), and the watermarks delta runs
// start from. Written only by the holder of the connection's pull lease.
import { z } from 'zod';
import type { Store } from '../platform/ports';
import { pullKeys } from '../storage/keys';
import { deltaMarkSchema } from './run-record';

export const pullStateSchema = z.object({
  /** A run that has not ended (running or waiting for confirmation). */
  openRunId: z.string().optional(),
  lastRunId: z.string().optional(),
  lastRunStartedAt: z.number().optional(),
  lastFullRunStartedAt: z.number().optional(),
  lastSuccessAt: z.number().optional(),
  /** From the last run that ended without failures, with the settings fingerprint they belong to. */
  watermarks: z.object({ settings: z.string(), users: deltaMarkSchema, groups: deltaMarkSchema }).optional(),
});
export type PullState = z.infer<typeof pullStateSchema>;

export function parsePullState(value: unknown): PullState {
  return value === undefined ? {} : pullStateSchema.parse(value);
}

export async function readPullState(store: Store, connectionId: string): Promise<PullState> {
  return parsePullState((await store.get(pullKeys.state(connectionId)))?.value);
}

/** Read-modify-write: the caller holds the connection's pull lease, so there is no concurrent writer. */
export async function updatePullState(store: Store, connectionId: string, change: (state: PullState) => PullState): Promise<void> {
  await store.set(pullKeys.state(connectionId), pullStateSchema.parse(change(await readPullState(store, connectionId))));
}
