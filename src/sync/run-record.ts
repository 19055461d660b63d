// One pull run, stored as one record that every page event reads and compare-and-sets: the event carries only
// the step it continues, so a duplicated or stale event finds another step (or status) and does nothing.
import { z } from 'zod';
import type { Platform, Store } from '../platform/ports';
import { ConditionFailedError } from '../platform/store-errors';
import { newestFirst } from '../records/key-order';
import { progressSchema, type Progress } from './progress';
import { pullKeys } from '../storage/keys';

/** Run history is bounded by age: every write renews the record's expiry. */
export const RUN_TTL_DAYS = 30;

const index = z.number().int().min(0);
const idpCursorSchema = z.record(z.string(), z.json());
export const deltaMarkSchema = z.object({ lastModified: z.string(), seen: z.array(z.string()) });
const marksSchema = z.object({ users: deltaMarkSchema.optional(), groups: deltaMarkSchema.optional() });
export type Marks = z.infer<typeof marksSchema>;

/**
 * Where the next event continues. IDCS runs go users → groups → members → (full runs) scanUsers → scanGroups →
 * removeUsers → removeGroups → done; miniOrange runs go refresh → done.
 */
export const positionSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('users'), cursor: idpCursorSchema.optional() }),
  z.object({ phase: z.literal('groups'), cursor: idpCursorSchema.optional() }),
  /** Group `index` of seen-groups record `record`, its member page at `cursor`; `memberPages` pages of it done. */
  z.object({ phase: z.literal('members'), record: index, index, cursor: idpCursorSchema.optional(), memberPages: index }),
  z.object({ phase: z.literal('scanUsers'), cursor: z.string().optional() }),
  z.object({ phase: z.literal('scanGroups'), cursor: z.string().optional() }),
  z.object({ phase: z.literal('removeUsers'), record: index, index }),
  z.object({ phase: z.literal('removeGroups'), record: index, index }),
  z.object({ phase: z.literal('refresh'), cursor: z.string().optional() }),
  z.object({ phase: z.literal('done') }),
]);
export type Position = z.infer<typeof positionSchema>;
export type Phase = Position['phase'];

export const RUN_STATUSES = ['running', 'needsConfirmation', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatusValue = (typeof RUN_STATUSES)[number];
export type RunMode = 'full' | 'delta';
export type RunTrigger = 'schedule' | 'manual';

export const runSchema = z.object({
  id: z.string(),
  connectionId: z.string(),
  mode: z.enum(['full', 'delta']),
  trigger: z.enum(['schedule', 'manual']),
  status: z.enum(RUN_STATUSES),
  /** The step the next page event must name; bumped by every event that moves the run on. */
  step: index,
  position: positionSchema,
  /** Where delta listings start (the last successful run's watermarks). */
  since: marksSchema,
  /** Watermarks reached by this run's listings: the next delta starts there if this run succeeds cleanly. */
  marks: marksSchema,
  /** settingsFingerprint of the configuration the run started with. */
  settings: z.string(),
  /** How many records each scratch id set has. */
  sets: z.object({ users: index, groups: index, doomedUsers: index, doomedGroups: index }),
  /** What the full run's scan found, checked against the safety options before anything is removed. */
  scan: z.object({ totalUsers: index, usersToRemove: index, totalGroups: index.default(0), groupsToRemove: index }),
  progress: progressSchema,
  /** The platform lease `pull:{connectionId}` this run holds (renewed by every event). */
  lease: z.object({ name: z.string(), holder: z.string(), expiresAt: z.number(), version: z.number() }),
  /** Times the sweep resumed the run after its lease expired without progress; reset by progress. */
  recoveries: index,
  /** Push requests the run made in its current invocation chain (Forge allows 1,000 per chain). */
  chainPushes: index.default(0),
  /**
   * Set when the run stopped pushing its next event and waits for the sweep to continue it in a fresh chain: its
   * chain neared Forge's limit, or the queue refused the push (RateLimitError, InvocationLimitReachedError).
   */
  awaitsSweep: z.enum(['chainLimit', 'rateLimited']).optional(),
  startedAt: z.string(),
  /**
   * When the last step's progress was saved (or the run started). A record created after it was created by an
   * earlier attempt at the current step, one that failed before its progress was saved: the redo finds it and
   * counts it as created, not unchanged. Absent on runs saved before it was kept.
   */
  countedUntil: z.string().optional(),
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
  /** For the admin: why the run failed, waits or what it did. */
  message: z.string().optional(),
});
export type Run = z.infer<typeof runSchema>;

export interface LoadedRun {
  run: Run;
  /** Store version, for the compare-and-set that saves the run. */
  version: number;
}

/** Run ids sort newest first, so that listing a connection's runs gives the history in order. */
export function newRunId(platform: Pick<Platform, 'clock' | 'random'>): string {
  return `${newestFirst(platform.clock.now())}${platform.random.id()}`;
}

export function parseRun(value: unknown): Run {
  return runSchema.parse(value);
}

export async function readRun(store: Store, connectionId: string, runId: string): Promise<LoadedRun | undefined> {
  const item = await store.get(pullKeys.run(connectionId, runId));
  return item ? { run: parseRun(item.value), version: item.version } : undefined;
}

/**
 * Compare-and-set against the version read (or create-if-absent without one); undefined when another writer
 * got there first, which makes the caller's step a no-op.
 */
export async function saveRun(platform: Pick<Platform, 'store' | 'clock'>, run: Run, version?: number): Promise<LoadedRun | undefined> {
  const next = { ...run, updatedAt: new Date(platform.clock.now()).toISOString() };
  const condition = version === undefined ? { ifAbsent: true } : { ifVersion: version };
  try {
    const written = await platform.store.set(pullKeys.run(run.connectionId, run.id), runSchema.parse(next), {
      ...condition,
      ttlSeconds: RUN_TTL_DAYS * 86_400,
    });
    return { run: next, version: written };
  } catch (error) {
    if (error instanceof ConditionFailedError) return undefined;
    throw error;
  }
}

/** What the admin page shows of a run: no cursors, watermarks or lease. */
export interface RunStatus {
  id: string;
  connectionId: string;
  mode: RunMode;
  trigger: RunTrigger;
  status: RunStatusValue;
  phase: Phase;
  progress: Progress;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  message?: string;
  /** Set while the run waits for confirmation: what it would remove. */
  awaitingConfirmation?: { usersToRemove: number; totalUsers: number; groupsToRemove: number; totalGroups: number };
}

export function runStatusOf(run: Run): RunStatus {
  return {
    id: run.id,
    connectionId: run.connectionId,
    mode: run.mode,
    trigger: run.trigger,
    status: run.status,
    phase: run.position.phase,
    progress: run.progress,
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    ...(run.message ? { message: run.message } : {}),
    ...(run.status === 'needsConfirmation' ? { awaitingConfirmation: { ...run.scan } } : {}),
  };
}
