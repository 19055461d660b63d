import { listConnections } from '../connections/connection-repository';
import type { Platform } from '../platform/ports';
import { listPendingChanges } from '../records/change-records';
import { enqueueJobs } from './jobs';

/** A change older than this with no job done is taken as lost (a failed push, a crashed worker). */
export const PENDING_GRACE_MS = 2 * 60_000;
/** At most this many jobs are re-queued per connection and sweep, so one sweep stays short. */
export const MAX_REQUEUE_PER_SWEEP = 2000;

/** The repair pass of the scheduled sweep: queue again every change record left pending too long. */
export async function repairPendingProvisioning(platform: Platform): Promise<{ requeued: number }> {
  let requeued = 0;
  for (const connection of await listConnections(platform.store)) {
    if (!connection.enabled) continue;
    requeued += await requeueConnection(platform, connection.id);
  }
  if (requeued > 0) platform.log.info('provisioning.requeued', { jobs: requeued });
  return { requeued };
}

async function requeueConnection(platform: Platform, connectionId: string): Promise<number> {
  const cutoff = platform.clock.now() - PENDING_GRACE_MS;
  let requeued = 0;
  let cursor: string | undefined;
  do {
    const page = await listPendingChanges(platform.store, connectionId, { cursor });
    const stale = page.items.filter((item) => Date.parse(item.value.at) <= cutoff).map((item) => ({ kind: item.value.kind, subjectId: item.value.subjectId }));
    await enqueueJobs(platform, connectionId, stale);
    requeued += stale.length;
    cursor = page.cursor;
  } while (cursor && requeued < MAX_REQUEUE_PER_SWEEP);
  return requeued;
}
