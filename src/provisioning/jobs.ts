import { z } from 'zod';
import type { Platform } from '../platform/ports';
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
  await platform.queue.push(PROVISIONING_QUEUE, [...unique.values()].map((change) => ({ body: { connectionId, ...change } })));
}

/**
 * Queues one job per changed subject. A failed push loses nothing: the change records are durable and the
 * scheduled sweep queues whatever is still pending, so the caller's answer does not depend on the queue.
 */
export async function enqueueJobs(platform: Pick<Platform, 'queue' | 'log'>, connectionId: string, changes: ChangedSubject[]): Promise<void> {
  try {
    await pushJobs(platform, connectionId, changes);
  } catch (error) {
    platform.log.warn('provisioning.enqueue_failed', { connectionId, jobs: changes.length, error: error instanceof Error ? error.name : 'unknown' });
  }
}
