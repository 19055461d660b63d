import { z } from 'zod';
import type { Platform } from '../platform/ports';
import { MAX_EVENTS_PER_PUSH } from '../platform/queue-batches';
import { subjectKinds, type ChangedSubject } from '../records/change-records';

/** The queue of provisioning jobs (manifest.yml: consumer provisioning-consumer). */
export const PROVISIONING_QUEUE = 'provisioning-jobs';

/** "Make Atlassian agree with this directory record": the change record holds what changed. */
export const provisioningJobSchema = z.object({
  connectionId: z.string(),
  kind: z.enum(subjectKinds),
  subjectId: z.string(),
});
export type ProvisioningJob = z.infer<typeof provisioningJobSchema>;

/** Queues one job per changed subject (once each); a refused push (RateLimitError, ...) is thrown. */
export async function pushJobs(platform: Pick<Platform, 'queue'>, connectionId: string, changes: ChangedSubject[]): Promise<void> {
  const unique = new Map(changes.map((change) => [`${change.kind}:${change.subjectId}`, change]));
  if (unique.size === 0) return;
  await platform.queue.push(
    PROVISIONING_QUEUE,
    [...unique.values()].map((change) => ({ body: { connectionId, ...change } })),
  );
}

/**
 * Queues one job per changed subject. A failed push loses nothing: the change records are durable and the
 * scheduled sweep queues whatever is still pending, so the caller's answer does not depend on the queue. The
 * same holds for the jobs past `allowance` (how many events the connection may push now): they wait for the sweep.
 */
export async function enqueueJobs(
  platform: Pick<Platform, 'queue' | 'log'>,
  connectionId: string,
  changes: ChangedSubject[],
  allowance: (wanted: number) => number = (wanted) => wanted,
): Promise<void> {
  const unique = [...new Map(changes.map((change) => [`${change.kind}:${change.subjectId}`, change])).values()];
  const allowed = unique.slice(0, allowance(unique.length));
  if (allowed.length < unique.length) platform.log.info('provisioning.deferred_to_sweep', { connectionId, jobs: unique.length - allowed.length });
  try {
    await pushJobs(platform, connectionId, allowed);
  } catch (error) {
    platform.log.warn('provisioning.enqueue_failed', { connectionId, jobs: allowed.length, error: error instanceof Error ? error.name : 'unknown' });
  }
}

/**
 * Queues the jobs of `changes` in push requests of 50, at most `maxPushes` of them, and stops at the first
 * refusal; what is not queued stays pending for the repair pass. Returns the push requests the queue accepted.
 */
export async function pushJobsWithin(
  platform: Pick<Platform, 'queue' | 'log'>,
  connectionId: string,
  changes: ChangedSubject[],
  maxPushes: number,
): Promise<number> {
  const unique = [...new Map(changes.map((change) => [`${change.kind}:${change.subjectId}`, change])).values()];
  let pushes = 0;
  for (let start = 0; start < unique.length && pushes < maxPushes; start += MAX_EVENTS_PER_PUSH) {
    try {
      await pushJobs(platform, connectionId, unique.slice(start, start + MAX_EVENTS_PER_PUSH));
    } catch (error) {
      platform.log.warn('provisioning.enqueue_failed', {
        connectionId,
        jobs: unique.length - start,
        error: error instanceof Error ? error.name : 'unknown',
      });
      break;
    }
    pushes += 1;
  }
  const left = unique.length - Math.min(unique.length, pushes * MAX_EVENTS_PER_PUSH);
  if (left > 0) platform.log.info('provisioning.jobs_left_pending', { connectionId, jobs: left });
  return pushes;
}
